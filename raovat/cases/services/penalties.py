"""The sanction's steps as the screens take them: check the scan, then the one transition."""

from raovat.cases import facts
from raovat.cases.models import Payment, PenaltyDecision
from raovat.cases.services.transitions import case_transition
from raovat.cases.services.uploads import scan_check
from raovat.cases.workflow import PAYMENT_ACTION


def decision_make(
    *, actor, case, scan, decision: facts.Decision, note: str = ""
) -> PenaltyDecision:
    """ "Ra quyết định xử phạt" for one case, with its signed scan."""
    scan_check(scan)
    case_transition(
        actor=actor, action="decide", cases=[case], note=note, facts=decision, attachment=scan
    )
    return PenaltyDecision.objects.get(case=case)


def payment_record(*, actor, case, payment: facts.Payment, scan=None, note: str = "") -> Payment:
    """ "Ghi nhận nộp phạt": closes a decided case, or readies one whose suspension was
    requested or done for the telecom authority's restore."""
    if scan:
        scan_check(scan)
    # A case in no payment state gets the decided row's refusal naming its state.
    action = PAYMENT_ACTION.get(case.state, "record_payment")
    case_transition(
        actor=actor, action=action, cases=[case], note=note, facts=payment, attachment=scan
    )
    return Payment.objects.get(decision__case=case)
