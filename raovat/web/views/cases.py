from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from raovat.cases.labels import chain_label, chain_names
from raovat.cases.selectors.cases import case_get_for_user, days_waiting
from raovat.cases.selectors.cases import worklist as worklist_cases
from raovat.cases.selectors.reminders import reminders_for, states_for
from raovat.cases.workflow import State


@login_required
def home(request):
    reminders = request._reminders if hasattr(request, "_reminders") else (
        reminders_for(unit=request.user.unit) if request.user.unit_id else []
    )
    return render(request, "home.html", {"reminders": reminders})


@login_required
def worklist(request, state: str):
    user = request.user
    if user.unit_id is None or state not in states_for(user.unit):
        raise Http404("Danh sách không tồn tại.")
    reminders = reminders_for(unit=user.unit)
    request._reminders = reminders
    reminder = next(r for r in reminders if r.state == state)
    page = Paginator(worklist_cases(user=user, state=state), 50).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [(case, days_waiting(case, now)) for case in page]
    return render(request, "worklist.html", {
        "reminder": reminder, "page": page, "rows": rows,
    })


@login_required
def case_detail(request, number: str):
    case = case_get_for_user(user=request.user, number=number)
    names = chain_names(case)
    sightings = case.sightings.select_related("reporting_unit").prefetch_related("photos")
    events = case.events.select_related("dispatch")
    subscriber = getattr(case, "subscriber", None) if _may_see_identity(request.user, case) \
        else None
    return render(request, "case_detail.html", {
        "case": case,
        "names": names,
        "state_label": chain_label(State(case.state).label, names=names),
        "sightings": sightings,
        "events": events,
        "subscriber": subscriber,
        "dispatches": case.dispatches.select_related("from_unit", "to_unit")
        .filter(sent_at__isnull=False),
        "invitations": case.invitations.all(),
        "calls": case.calls.select_related("officer"),
        "messages_sent": case.messages.select_related("created_by"),
        "penalty_records": case.penalty_records.all(),
        "suspensions": case.suspensions.all(),
        "outcome": getattr(case, "culture_outcome", None),
        "tab": request.GET.get("tab", "chung"),
    })


def _may_see_identity(user, case) -> bool:
    # Personal data: only the unit that handles the case and the telecom authority.
    return user.unit_id in (case.handling_unit_id, case.telecom_unit_id)
