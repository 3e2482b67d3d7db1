"""The web side of the access rules (`raovat.cases.selectors.access`): a refusal is a 404.

A case, dispatch or file the user may not see is answered exactly as one that does not
exist — never 403 with a hint, never its number.
"""

from django.http import Http404

from raovat.cases.selectors.access import Refused


class RefusedIsNotFound:
    """Turns `Refused`, raised by a selector anywhere below a view, into the 404 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Refused):
            raise Http404(str(exception)) from None
        return None


def require_role(user, role: str) -> None:
    if not user.is_authenticated or user.role != role:
        raise Http404("Trang không tồn tại.")


def selected_ids(request) -> list[int]:
    from raovat.web.params import ids

    return ids(request.POST.getlist("hs"))
