from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from raovat.audit.models import Page
from raovat.audit.services import identity_shown
from raovat.cases.clocks import case_clocks
from raovat.cases.labels import chain_label, chain_names
from raovat.cases.selectors import access
from raovat.cases.selectors import search as pages
from raovat.cases.selectors.cases import case_file, days_waiting
from raovat.cases.selectors.cases import worklist as worklist_cases
from raovat.cases.selectors.reminders import states_for
from raovat.cases.selectors.sanction import case_sanction
from raovat.cases.workflow import State
from raovat.units.models import Role
from raovat.web.context import unit_reminders
from raovat.web.listing import worklist as worklist_page
from raovat.web.templatetags.raovat import vnd


@login_required
def home(request):
    return render(request, "home.html", {"reminders": unit_reminders(request)})


@login_required
def worklist(request, state: str):
    user = request.user
    if user.unit_id is None or state not in states_for(user.unit):
        raise Http404("Danh sách không tồn tại.")
    reminder = next(r for r in unit_reminders(request) if r.state == state)
    # Keyset pages and a capped count, as every other work list: no OFFSET at any depth.
    context = worklist_page(
        request, worklist_cases(user=user, state=state), by_unit=user.role != Role.REPORTER
    )
    now = timezone.now()
    first = (context["page"].number - 1) * pages.PAGE_SIZE + 1
    rows = [(first + i, case, days_waiting(case, now)) for i, case in enumerate(context["cases"])]
    return render(request, "worklist.html", {**context, "reminder": reminder, "rows": rows})


@login_required
def case_detail(request, number: str):
    # The one-to-one rows the page shows come with the case: one query, not three.
    case, full = access.case_or_own_sightings(
        user=request.user, number=number, related=("subscriber", "culture_outcome")
    )
    names = chain_names(case)
    if not full:
        # A ward that reported the number from outside the route: its own sightings and
        # the state, nothing of the other units' work.
        return render(
            request,
            "case_own_sightings.html",
            {
                "case": case,
                "state_label": chain_label(State(case.state).label, names=names),
                "sightings": access.own_sightings(user=request.user, case=case),
            },
        )
    subscriber = (
        case.subscriber
        if identity_shown(user=request.user, cases=[case], page=Page.CASE_DETAIL)
        else None
    )
    state_label = chain_label(State(case.state).label, names=names)
    found = case_file(case)
    records, outcome = found["penalty_records"], found["outcome"]
    sanction = case_sanction(user=request.user, case=case)
    decision, payment = sanction["decision"], sanction["payment"]
    clocks = case_clocks(
        case=case,
        state_label=state_label,
        record_on=max((timezone.localdate(p.made_at) for p in records), default=None),
        # The culture authority decides on a file the handling unit transferred to it.
        transferred=case.state == State.AT_CULTURE,
        decision_on=(decision.decided_on if decision else outcome.decided_on if outcome else None),
        payment_due_on=decision.payment_due if decision else None,
        paid_on=payment.paid_on if payment else None,
    )
    return render(
        request,
        "case_detail.html",
        {
            "case": case,
            "names": names,
            "state_label": state_label,
            "clocks": clocks,
            **found,
            "events": history_rows(found["events"], records),
            "subscriber": subscriber,
            "tab": request.GET.get("tab", "chung"),
            **sanction,
        },
    )


@dataclass
class RecordRow:
    """A violation record as a row of "Quá trình xử lý hồ sơ" (it changes no state)."""

    at: object
    action_label: str
    unit_name: str
    actor_name: str
    note: str
    pk = None
    dispatch = None
    attachment = None
    next_unit_name = ""

    def get_to_state_display(self) -> str:
        return ""


def history_rows(events, penalty_records) -> list:
    rows = list(events) + [
        RecordRow(
            at=p.made_at,
            action_label=f"Lập biên bản vi phạm hành chính số {p.record_number}",
            unit_name=p.officer.unit.name if p.officer.unit else "",
            actor_name=p.officer.display_name,
            note=f"{p.legal_basis}; số tiền phạt {vnd(p.amount)}.",
        )
        for p in penalty_records
    ]
    return sorted(rows, key=lambda row: row.at)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
