"""The sanction's requirements of the transition table: check and write them.

`case_transition` calls these for the needs DECISION, PAYMENT, OVERDUE and PAID
(docs/decisions/018-sanction-states.md); nothing here changes a case's state.
"""

import datetime

from django.utils import timezone

from raovat.cases import sanction_config
from raovat.cases.clocks import limitation_ends_on
from raovat.cases.models import LegalBasis, Payment, PenaltyDecision, PenaltyRecord, Suspension
from raovat.cases.models.outcome import SubscriberKind
from raovat.cases.services.numbering import counter_next

DECISION_FIELDS = ("decided_on", "signer_name", "legal_basis", "amount", "payment_due")


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
    return set(Payment.objects.filter(decision__in=list(decisions))
               .values_list("decision_id", flat=True))


# -- checks: a Vietnamese reason, or "" ---------------------------------------------------

def check_decision(case, data, record, has_scan: bool) -> str:
    if record is None:
        return "chưa có biên bản vi phạm hành chính: cần lập biên bản trước khi ra quyết định."
    missing = [label for key, label in (
        ("decided_on", "ngày quyết định"), ("signer_name", "người ký"),
        ("legal_basis", "quy định về hành vi vi phạm"), ("payment_due", "hạn nộp phạt"),
    ) if not data.get(key)]
    if data.get("amount") in (None, ""):
        missing.append("số tiền phạt")
    if missing:
        return "thiếu " + ", ".join(missing) + " của quyết định xử phạt."
    decided_on = data["decided_on"]
    record_day = timezone.localdate(record.made_at)
    if decided_on < record_day:
        return (f"ngày quyết định {_day(decided_on)} trước ngày lập biên bản "
                f"{_day(record_day)}.")
    if decided_on > timezone.localdate():
        return f"ngày quyết định {_day(decided_on)} chưa đến."
    limit = limitation_ends_on(violation_on=case.first_found_on)
    if decided_on > limit:
        return (f"đã hết thời hiệu xử phạt (vi phạm ngày {_day(case.first_found_on)}): "
                f"không được ra quyết định sau ngày {_day(limit)}.")
    basis = data["legal_basis"]
    if not isinstance(basis, LegalBasis) or basis.purpose != "violation":
        return "quy định về hành vi vi phạm không hợp lệ."
    if not basis.in_force_on(decided_on):
        return f"quy định “{basis.citation()}” không có hiệu lực vào ngày {_day(decided_on)}."
    kind = violator_kind(case)
    low, high = basis.fine_range(kind)
    amount = int(data["amount"])
    if low is not None and high is not None and not low <= amount <= high:
        who = "tổ chức" if kind == SubscriberKind.ORGANISATION else "cá nhân"
        return (f"Mức phạt phải từ {money(low)} đến {money(high)} ({who}, "
                f"{basis.citation()}).")
    if data["payment_due"] < decided_on:
        return "hạn nộp phạt trước ngày quyết định."
    if not has_scan:
        return "cần đính kèm bản quyết định xử phạt đã ký."
    return ""


def check_payment(data, decision: PenaltyDecision | None, note: str, paid: bool) -> str:
    if decision is None:
        return "chưa có quyết định xử phạt: cần ra quyết định trước khi ghi nhận nộp phạt."
    if paid:
        return f"quyết định {decision.number_label} đã được ghi nhận nộp phạt."
    paid_on, amount = data.get("paid_on"), data.get("amount")
    if not paid_on or amount in (None, "") or not (data.get("reference") or "").strip():
        return "cần ngày nộp, số tiền và số biên lai hoặc mã giao dịch chuyển khoản."
    if paid_on < decision.decided_on:
        return (f"ngày nộp phạt {_day(paid_on)} trước ngày quyết định "
                f"{_day(decision.decided_on)}.")
    if paid_on > timezone.localdate():
        return f"ngày nộp phạt {_day(paid_on)} chưa đến."
    if int(amount) != decision.amount and not note:
        return (f"số tiền đã nộp {money(amount)} khác số tiền phạt trong quyết định "
                f"{money(decision.amount)}: cần ghi chú lý do.")
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


def check_paid(data, decision: PenaltyDecision | None, paid: bool) -> str:
    if paid or (data.get("handler_decision") or "").strip():
        return ""
    return ("chưa ghi nhận nộp phạt: cần đơn vị xử lý ghi nhận nộp phạt, hoặc ghi số và ngày "
            "văn bản của đơn vị xử lý cho khôi phục dịch vụ.")


# -- writes --------------------------------------------------------------------------------

def write_decision(case, data, record, actor, unit, scan_name: str) -> PenaltyDecision:
    from raovat.cases.selectors.sanction import earlier_decision

    decided_on = data["decided_on"]
    number = counter_next(key=f"doc/{unit.pk}/QĐ/{decided_on.year}")
    earlier = earlier_decision(case=case, on=decided_on)
    return PenaltyDecision.objects.create(
        case=case, record=record, decided_on=decided_on,
        number_label=f"{number}/{sanction_config.value('decision_series')}",
        signer_name=data["signer_name"].strip(),
        signer_title=(data.get("signer_title") or "").strip(),
        legal_basis=data["legal_basis"], violator_kind=violator_kind(case),
        amount=int(data["amount"]),
        remedial_measures=(data.get("remedial_measures") or "").strip(),
        aggravating=(data.get("aggravating") or "").strip(), repeat_of=earlier,
        payment_due=data["payment_due"], signed_scan=scan_name, created_by=actor,
    )


def write_payment(data, decision, note, actor, scan_name: str) -> Payment:
    return Payment.objects.create(
        decision=decision, paid_on=data["paid_on"], amount=int(data["amount"]),
        reference=data["reference"].strip(), scan=scan_name, note=note, recorded_by=actor,
    )


def write_restore(case, data, note, now) -> None:
    reason = note
    handler_decision = (data.get("handler_decision") or "").strip()
    if handler_decision:
        reason = f"{note} (Văn bản của đơn vị xử lý: {handler_decision})"
    Suspension.objects.filter(case=case, restored_at__isnull=True).update(
        restored_at=now, restore_note=reason)


SANCTION_NEEDS = frozenset({"decision", "payment", "overdue", "paid"})


class SanctionNeeds:
    """What a batch's cases already have (records, decisions, payments), read once."""

    def __init__(self, needs, cases):
        self.needs = needs & SANCTION_NEEDS
        self.records = latest_records(cases) if "decision" in self.needs else {}
        self.decisions = decisions_of(cases) if self.needs else {}
        self.paid = paid_decision_ids(self.decisions.values()) if self.decisions else set()

    def _decision(self, case):
        decision = self.decisions.get(case.pk)
        return decision, decision is not None and decision.pk in self.paid

    def check(self, case, data, note: str, has_scan: bool) -> str:
        decision, paid = self._decision(case)
        if "decision" in self.needs:
            return check_decision(case, data, self.records.get(case.pk), has_scan)
        if "payment" in self.needs:
            return check_payment(data, decision, note, paid)
        if "overdue" in self.needs:
            return check_overdue(case, decision, paid)
        if "paid" in self.needs:
            return check_paid(data, decision, paid)
        return ""

    def write(self, cases, data_of, note, actor, unit, scan_name, now) -> None:
        for case in cases:
            data = data_of(case)
            if "decision" in self.needs:
                write_decision(case, data, self.records[case.pk], actor, unit, scan_name)
            elif "payment" in self.needs:
                write_payment(data, self.decisions[case.pk], note, actor, scan_name)
            if "paid" in self.needs:
                write_restore(case, data, note, now)
