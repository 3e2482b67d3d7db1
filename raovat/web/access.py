"""Who may open a screen or act on a case: checked here, answered with 404 otherwise."""

from django.http import Http404

from raovat.cases.models import Case, Dispatch
from raovat.units.models import Role


def require_role(user, role: str) -> None:
    if not user.is_authenticated or user.role != role:
        raise Http404("Trang không tồn tại.")


def handler_case(user, number: str, states=None) -> Case:
    """A case this user's unit handles, optionally only in some states."""
    require_role(user, Role.HANDLER)
    qs = Case.objects.select_related("reporting_unit", "telecom_unit", "culture_unit",
                                     "handling_unit").filter(number=number,
                                                             handling_unit_id=user.unit_id)
    if states is not None:
        qs = qs.filter(state__in=states)
    case = qs.first()
    if case is None:
        raise Http404("Không tìm thấy hồ sơ.")
    return case


def own_dispatch(user, pk: int) -> Dispatch:
    dispatch = (Dispatch.objects.select_related("from_unit", "to_unit")
                .filter(pk=pk, from_unit_id=user.unit_id).first())
    if dispatch is None or not user.unit_id:
        raise Http404("Không tìm thấy phiếu chuyển.")
    return dispatch


def selected_ids(request) -> list[int]:
    from raovat.web.params import ids

    return ids(request.POST.getlist("hs"))
