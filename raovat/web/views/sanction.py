"""The handling unit's sanction steps (§4): the penalty decision and the payment; and
one subscriber's page for the units that may see identity."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone

from raovat.audit.models import Page
from raovat.audit.services import identity_shown
from raovat.cases import facts
from raovat.cases.clocks import payment_due_from
from raovat.cases.selectors import access, worklists
from raovat.cases.selectors.cases import decision_of, latest_record
from raovat.cases.selectors.sanction import earlier_decision, repeat_text, subscriber_page
from raovat.cases.services import penalties
from raovat.cases.services.errors import WorkflowError
from raovat.cases.workflow import PAYMENT_ACTION, State
from raovat.units.models import Role
from raovat.web.access import require_role
from raovat.web.forms import DecisionForm, PaymentForm
from raovat.web.listing import worklist
from raovat.web.views.actions import desk_page, refusal_shown


def _subscriber_seen(request, case):
    shown = identity_shown(user=request.user, cases=[case], page=Page.PENALTY)
    return case.subscriber if case.pk in shown else None


@login_required
def decided_list(request):
    """Decisions not paid yet: record the payment, or enforce after the deadline."""
    require_role(request.user, Role.HANDLER)
    return desk_page(
        request,
        "handler/decided_list.html",
        **worklist(
            request, worklists.decided_unpaid(user=request.user), sorts=worklists.UNPAID_SORTS
        ),
        today=timezone.localdate(),
        reminder_state=State.DECIDED,
    )


@login_required
def decision(request, number: str):
    case = access.case_to_act(user=request.user, number=number, states=[State.AWAITING_SUBSCRIBER])
    record = latest_record(case)
    today = timezone.localdate()
    earlier = earlier_decision(case=case)
    form = DecisionForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "decided_on": today,
            **request.user.unit.penalty_signer(),
            "legal_basis": record.violation_basis_id if record else None,
            "amount": record.amount if record and record.amount else None,
            "payment_due": payment_due_from(received_on=today),
            "remedial_measures": record.remediation if record else "",
            "remedial_due": record.remediation_deadline if record else None,
            "aggravating": (
                record.aggravating if record and record.aggravating else repeat_text(earlier)
            ),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = penalties.decision_make(
                actor=request.user,
                case=case,
                scan=form.cleaned_data["scan"],
                decision=facts.of(facts.Decision, form.cleaned_data),
            )
        except WorkflowError as exc:
            refusal_shown(request, exc)
        else:
            messages.success(
                request, f"Đã ra quyết định xử phạt số {made.number_label}, hồ sơ {case.number}."
            )
            return redirect("handler:process_list")
    return desk_page(
        request,
        "handler/decision.html",
        case=case,
        form=form,
        record=record,
        earlier=earlier,
        subscriber=_subscriber_seen(request, case),
        reminder_state=State.AWAITING_SUBSCRIBER,
    )


@login_required
def payment(request, number: str):
    # A suspended case waits for Sở TTTT, yet its handling unit records the payment.
    case = access.case_on_route(user=request.user, number=number, role=Role.HANDLER)
    decided = decision_of(case)
    if decided is None or case.state not in PAYMENT_ACTION:
        raise Http404("Không tìm thấy quyết định xử phạt.")
    form = PaymentForm(
        request.POST or None,
        request.FILES or None,
        initial={"paid_on": timezone.localdate(), "amount": decided.amount},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            penalties.payment_record(
                actor=request.user,
                case=case,
                scan=data["scan"],
                note=data["note"],
                payment=facts.of(facts.Payment, data),
            )
        except WorkflowError as exc:
            refusal_shown(request, exc)
        else:
            messages.success(
                request,
                f"Đã ghi nhận nộp phạt theo quyết định số "
                f"{decided.number_label}, hồ sơ {case.number}.",
            )
            return redirect("handler:process_list")
    return desk_page(
        request,
        "handler/payment.html",
        case=case,
        form=form,
        decision=decided,
        today=timezone.localdate(),
        subscriber=_subscriber_seen(request, case),
    )


@login_required
def subscriber(request, id_number: str):
    """One subscriber's numbers, cases, decisions and payments; 404 outside identity scope."""
    page = subscriber_page(user=request.user, id_number=id_number)
    if page is None:
        raise Http404("Không tìm thấy chủ thuê bao.")
    identity_shown(user=request.user, cases=page["cases"], page=Page.SUBSCRIBER)
    return desk_page(request, "subscriber.html", **page)
