"""The sanction's requirements of the transition table: check and write them.

The rows DECISION, PAYMENT, OVERDUE and PAID of `raovat.cases.services.requirements`
call these (docs/decisions/018-sanction-states.md); nothing here changes a case's state.
"""

import datetime

from django.utils import timezone

from raovat.cases import facts, sanction_config
from raovat.cases.clocks import limitation_ends_on
from raovat.cases.models import LegalBasis, Payment, PenaltyDecision, PenaltyRecord, Suspension
from raovat.cases.models.outcome import SubscriberKind
from raovat.cases.services.numbering import counter_next


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def money(amount: int) -> str:
    """1.500.000 ₫, as the screens write money."""
    return f"{int(amount):,}".replace(",", ".") + " ₫"


def violator_kind(case) -> str:
    subscriber = getattr(case, "subscriber", None)
    return subscriber.kind if subscriber is not None else SubscriberKind.INDIVIDUAL


def latest_records(cases) -> dict[int, PenaltyRecord]:
    found = {}
    for record in PenaltyRecord.objects.filter(case__in=cases).order_by("made_at", "id"):
        found[record.case_id] = record
    return found


def decisions_of(cases) -> dict[int, PenaltyDecision]:
    return {d.case_id: d for d in PenaltyDecision.objects.filter(case__in=cases)}


def paid_decision_ids(decisions) -> set[int]:
    return set(
        Payment.objects.filter(decision__in=list(decisions)).values_list("decision_id", flat=True)
    )


# -- checks: a Vietnamese reason, or "" ---------------------------------------------------


def check_decision(case, decision: facts.Decision, record, has_scan: bool) -> str:
    if record is None:
        return "chưa có biên bản vi phạm hành chính: cần lập biên bản trước khi ra quyết định."
    return (
        _decision_missing(decision)
        or _decision_dates(case, decision, record)
        or _decision_basis(case, decision)
        or ("" if has_scan else "cần đính kèm bản quyết định xử phạt đã ký.")
    )


def _decision_missing(decision: facts.Decision) -> str:
    missing = [
        label
        for label, value in (
            ("ngày quyết định", decision.decided_on),
            ("người ký", decision.signer_name),
            ("quy định về hành vi vi phạm", decision.legal_basis),
            ("hạn nộp phạt", decision.payment_due),
        )
        if not value
    ]
    if decision.amount in (None, ""):
        missing.append("số tiền phạt")
    return "thiếu " + ", ".join(missing) + " của quyết định xử phạt." if missing else ""


def _decision_dates(case, decision: facts.Decision, record) -> str:
    """After the record, not in the future, within the limitation period."""
    decided_on = decision.decided_on
    record_day = timezone.localdate(record.made_at)
    if decided_on < record_day:
        return f"ngày quyết định {_day(decided_on)} trước ngày lập biên bản {_day(record_day)}."
    if decided_on > timezone.localdate():
        return f"ngày quyết định {_day(decided_on)} chưa đến."
    limit = limitation_ends_on(violation_on=case.first_found_on)
    if decided_on > limit:
        return (
            f"đã hết thời hiệu xử phạt (vi phạm ngày {_day(case.first_found_on)}): "
            f"không được ra quyết định sau ngày {_day(limit)}."
        )
    return ""


def _decision_basis(case, decision: facts.Decision) -> str:
    """A violation's provision in force that day, a fine in its range, a later deadline."""
    basis, decided_on = decision.legal_basis, decision.decided_on
    if not isinstance(basis, LegalBasis) or basis.purpose != "violation":
        return "quy định về hành vi vi phạm không hợp lệ."
    if not basis.in_force_on(decided_on):
        return f"quy định “{basis.citation()}” không có hiệu lực vào ngày {_day(decided_on)}."
    kind = violator_kind(case)
    low, high = basis.fine_range(kind)
    amount = int(decision.amount)
    if low is not None and high is not None and not low <= amount <= high:
        who = "tổ chức" if kind == SubscriberKind.ORGANISATION else "cá nhân"
        return f"Mức phạt phải từ {money(low)} đến {money(high)} ({who}, {basis.citation()})."
    if decision.payment_due < decided_on:
        return "hạn nộp phạt trước ngày quyết định."
    if decision.remedial_due is not None and decision.remedial_due < decided_on:
        return "thời hạn thực hiện biện pháp khắc phục hậu quả trước ngày quyết định."
    return ""


def check_payment(
    payment: facts.Payment, decision: PenaltyDecision | None, note: str, paid: bool
) -> str:
    if decision is None:
        return "chưa có quyết định xử phạt: cần ra quyết định trước khi ghi nhận nộp phạt."
    if paid:
        return f"quyết định {decision.number_label} đã được ghi nhận nộp phạt."
    paid_on, amount = payment.paid_on, payment.amount
    if not paid_on or amount in (None, "") or not (payment.reference or "").strip():
        return "cần ngày nộp, số tiền và số biên lai hoặc mã giao dịch chuyển khoản."
    if paid_on < decision.decided_on:
        return f"ngày nộp phạt {_day(paid_on)} trước ngày quyết định {_day(decision.decided_on)}."
    if paid_on > timezone.localdate():
        return f"ngày nộp phạt {_day(paid_on)} chưa đến."
    if int(amount) != decision.amount and not note:
        return (
            f"số tiền đã nộp {money(amount)} khác số tiền phạt trong quyết định "
            f"{money(decision.amount)}: cần ghi chú lý do."
        )
    return ""


def check_overdue(case, decision: PenaltyDecision | None, paid: bool) -> str:
    """Enforcement after a decision only once its payment deadline has passed unpaid."""
    if case.state != "decided":
        return ""
    if paid:
        return "đã nộp phạt, không cần cưỡng chế."
    if decision is not None and decision.payment_due >= timezone.localdate():
        return f"chưa quá hạn nộp phạt (hạn đến hết ngày {_day(decision.payment_due)})."
    return ""


def check_paid(restore: facts.Restore, paid: bool) -> str:
    if paid or (restore.handler_decision or "").strip():
        return ""
    return (
        "chưa ghi nhận nộp phạt: cần đơn vị xử lý ghi nhận nộp phạt, hoặc ghi số và ngày "
        "văn bản của đơn vị xử lý cho khôi phục dịch vụ."
    )


# -- writes --------------------------------------------------------------------------------


def write_decision(
    case, decision: facts.Decision, record, actor, unit, scan_name: str
) -> PenaltyDecision:
    from raovat.cases.selectors.sanction import earlier_decision

    decided_on = decision.decided_on
    number = counter_next(key=f"doc/{unit.pk}/QĐ/{decided_on.year}")
    earlier = earlier_decision(case=case)
    return PenaltyDecision.objects.create(
        case=case,
        record=record,
        decided_on=decided_on,
        number_label=f"{number}/{sanction_config.value('decision_series')}",
        signer_name=decision.signer_name.strip(),
        signer_title=(decision.signer_title or "").strip(),
        legal_basis=decision.legal_basis,
        violator_kind=violator_kind(case),
        amount=int(decision.amount),
        remedial_measures=(decision.remedial_measures or "").strip(),
        aggravating=(decision.aggravating or "").strip(),
        mitigating=(decision.mitigating or "").strip(),
        additional_penalty=(decision.additional_penalty or "").strip(),
        remedial_due=decision.remedial_due,
        repeat_of=earlier,
        payment_due=decision.payment_due,
        signed_scan=scan_name,
        created_by=actor,
    )


def write_payment(payment: facts.Payment, decision, note, actor, scan_name: str) -> Payment:
    return Payment.objects.create(
        decision=decision,
        paid_on=payment.paid_on,
        amount=int(payment.amount),
        reference=payment.reference.strip(),
        scan=scan_name,
        note=note,
        recorded_by=actor,
    )


def write_restore(case, restore: facts.Restore, note, now) -> None:
    reason = note
    handler_decision = (restore.handler_decision or "").strip()
    if handler_decision:
        reason = f"{note} (Văn bản của đơn vị xử lý: {handler_decision})"
    Suspension.objects.filter(case=case, restored_at__isnull=True).update(
        restored_at=now, restore_note=reason
    )
