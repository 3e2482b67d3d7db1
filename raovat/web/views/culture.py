"""The culture authority's desk: the cases sent to it, their outcome, and closing them."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect

from raovat.cases.models import Case, CaseEvent, DispatchItem
from raovat.cases.selectors.worklists import first_sighting_annotations
from raovat.cases.workflow import DispatchKind, State
from raovat.units.models import Role
from raovat.web.access import require_role
from raovat.web.forms import OutcomeForm
from raovat.web.listing import worklist
from raovat.web.views.actions import desk_page, transition


def _sent(field: str):
    items = DispatchItem.objects.filter(
        case=OuterRef("pk"), dispatch__kind=DispatchKind.CULTURE,
        dispatch__sent_at__isnull=False,
    ).order_by("-dispatch__sent_at", "-id")
    return Subquery(items.values(field)[:1])


def _incoming(user):
    """Cases waiting for the unit's decision, each with the dispatch that brought it."""
    last_note = CaseEvent.objects.filter(case=OuterRef("pk"), action="send_to_culture") \
        .order_by("-at", "-id")
    return (
        Case.objects.filter(current_unit_id=user.unit_id, state=State.AT_CULTURE,
                            culture_unit_id=user.unit_id)
        .select_related("handling_unit", "reporting_unit")
        .annotate(dispatch_id=_sent("dispatch_id"), dispatch_label=_sent("dispatch__number_label"),
                  dispatch_sent_at=_sent("dispatch__sent_at"),
                  dispatch_from=_sent("dispatch__from_unit_name"),
                  dispatch_scan=_sent("dispatch__signed_scan"),
                  send_note=Subquery(last_note.values("note")[:1]),
                  **first_sighting_annotations())
        .order_by("state_since", "id")
    )


@login_required
def case_list(request):
    require_role(request.user, Role.CULTURE)
    return desk_page(request, "culture/case_list.html",
                 **worklist(request, _incoming(request.user)),
                 reminder_state=State.AT_CULTURE)


@login_required
def outcome(request, number: str):
    require_role(request.user, Role.CULTURE)
    case = _incoming(request.user).filter(number=number).annotate(
        call_count=Count("calls", distinct=True),
        invitation_count=Count("invitations", distinct=True),
        message_count=Count("messages", distinct=True),
    ).first()
    if case is None:
        raise Http404("Không tìm thấy hồ sơ.")
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and transition(
            request, action="close", ids=[case.pk], details=form.cleaned_data,
            note=form.cleaned_data["result"], done="Đã kết thúc"):
        return redirect("culture:case_list")
    return desk_page(request, "culture/outcome.html", case=case, form=form,
                 reminder_state=State.AT_CULTURE)
