"""What each Need of the transition table checks and writes: one row per Need.

`case_transition` runs a transition's needs in the order `Need` declares them: first the
checks of the whole batch (`check_batch`), then, per case, each need's `check` (the first
reason refuses the case), then, once every case passed, each need's `write` for the batch.
A need that takes input from the officer names its value object (`raovat.cases.facts`).
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from raovat.cases import facts
from raovat.cases.models import (
    Call,
    Case,
    CultureOutcome,
    Dispatch,
    Invitation,
    Photo,
    Subscriber,
    Suspension,
    TextMessage,
)
from raovat.cases.models.outcome import SubscriberKind
from raovat.cases.services import sanction
from raovat.cases.services.dispatches import dispatch_number, reprint_message
from raovat.cases.text import fold
from raovat.cases.workflow import STATE_ACTOR, Need, Transition
from raovat.units.models import Role, RoutingError, Unit, User


class Batch:
    """One transition applied to locked cases: its input and what the checks read once."""

    def __init__(
        self,
        *,
        transition: Transition,
        actor: User,
        unit: Unit,
        cases: list[Case],
        note: str,
        dispatch: Dispatch | None,
        given: facts.Facts | None,
        per_case: Mapping[int, facts.Facts] | None,
        has_attachment: bool,
        due_on: datetime.date | None = None,
    ):
        self.transition = transition
        self.actor = actor
        self.unit = unit
        self.cases = cases
        self.note = note
        self.dispatch = dispatch
        self.given = given
        self.per_case = per_case or {}
        self.has_attachment = has_attachment
        self.given_due_on = due_on  # what the caller states, else the facts or the clock
        self.attachment_name = ""
        self.now = timezone.now()
        # The routes a first submission gives its cases (Need.SENDABLE), by case id.
        self.routes: dict[int, tuple[Unit, Unit, Unit]] = {}
        self.unit_routes: dict[int, tuple[Unit, Unit, Unit] | str] = {}

    def facts_of(self, case: Case):
        """The case's own value, else the batch's, else an empty one the checks refuse."""
        return self.per_case.get(case.pk) or self.given or facts_kind(self.transition)()

    @cached_property
    def with_photos(self) -> set[int]:
        return set(
            Photo.objects.filter(sighting__case__in=self.cases).values_list(
                "sighting__case_id", flat=True
            )
        )

    @cached_property
    def contacted(self) -> set[int]:
        ids = [c.pk for c in self.cases]
        found = set(Call.objects.filter(case_id__any=ids).values_list("case_id", flat=True))
        found |= set(TextMessage.objects.filter(case_id__any=ids).values_list("case_id", flat=True))
        found |= set(
            Invitation.objects.filter(case_id__any=ids)
            .exclude(signed_scan="")
            .values_list("case_id", flat=True)
        )
        return found

    @cached_property
    def records(self) -> dict:
        return sanction.latest_records(self.cases)

    @cached_property
    def decisions(self) -> dict:
        return sanction.decisions_of(self.cases)

    @cached_property
    def paid(self) -> set[int]:
        """Ids of the cases whose decision has its payment."""
        paid = sanction.paid_decision_ids(self.decisions.values()) if self.decisions else set()
        return {case_id for case_id, d in self.decisions.items() if d.pk in paid}


# -- checks of one case: a Vietnamese reason, or "" --------------------------------------


def _note(batch: Batch, case: Case) -> str:
    return "" if batch.note else "cần nhập ghi chú (lý do)."


def _sendable(batch: Batch, case: Case) -> str:
    """A photo, and a route from the reporting unit (kept for the write of the state)."""
    if case.pk not in batch.with_photos:
        return "cần ít nhất một hình ảnh vi phạm."
    reporting_id = case.reporting_unit_id
    if reporting_id not in batch.unit_routes:
        try:
            batch.unit_routes[reporting_id] = route_for(case.reporting_unit)
        except RoutingError as exc:
            batch.unit_routes[reporting_id] = str(exc)
    route = batch.unit_routes[reporting_id]
    if isinstance(route, str):
        return route
    batch.routes[case.pk] = route
    return ""


def _contact(batch: Batch, case: Case) -> str:
    if case.pk in batch.contacted:
        return ""
    return "chưa có lần liên hệ nào với chủ thuê bao (thư mời, cuộc gọi hoặc tin nhắn)."


def _identity(batch: Batch, case: Case) -> str:
    identity: facts.Identity = batch.facts_of(case)
    missing = [
        label
        for label, value in (("họ và tên", identity.full_name), ("địa chỉ", identity.address))
        if not value
    ]
    if identity.kind not in SubscriberKind.values:
        missing.append("loại thuê bao")
    return "thiếu thông tin chủ thuê bao: " + ", ".join(missing) + "." if missing else ""


def _suspension(batch: Batch, case: Case) -> str:
    suspension: facts.Suspension = batch.facts_of(case)
    if not (suspension.suspended_on and suspension.carrier_reference):
        return "cần ngày ngưng cung cấp dịch vụ và số tham chiếu của nhà mạng."
    requested = timezone.localdate(case.state_since)
    if suspension.suspended_on < requested:
        return (
            f"ngày ngưng cung cấp dịch vụ {suspension.suspended_on:%d/%m/%Y} trước ngày "
            f"nhận yêu cầu ngưng {requested:%d/%m/%Y}."
        )
    return ""


def _outcome(batch: Batch, case: Case) -> str:
    outcome: facts.Outcome = batch.facts_of(case)
    if outcome.decision_number and outcome.decided_on and outcome.result:
        return ""
    return "cần số quyết định, ngày quyết định và kết quả xử lý."


def _decision(batch: Batch, case: Case) -> str:
    return sanction.check_decision(
        case, batch.facts_of(case), batch.records.get(case.pk), batch.has_attachment
    )


def _payment(batch: Batch, case: Case) -> str:
    return sanction.check_payment(
        batch.facts_of(case), batch.decisions.get(case.pk), batch.note, case.pk in batch.paid
    )


def _overdue(batch: Batch, case: Case) -> str:
    return sanction.check_overdue(case, batch.decisions.get(case.pk), case.pk in batch.paid)


def _paid(batch: Batch, case: Case) -> str:
    return sanction.check_paid(batch.facts_of(case), case.pk in batch.paid)


# -- the dispatch: checked for the whole batch ------------------------------------------


def _dispatch(batch: Batch) -> list[str]:
    if batch.dispatch is None:
        return ["Cần lập phiếu chuyển cho các hồ sơ này."]
    # Read the dispatch again under its lock: a case dropped or a note changed in
    # another request since the caller loaded it must be seen here.
    d = batch.dispatch = (
        Dispatch.objects.select_for_update().select_related("to_unit").get(pk=batch.dispatch.pk)
    )
    problems = [
        problem
        for wrong, problem in (
            (d.from_unit_id != batch.unit.pk, "Phiếu chuyển không phải của đơn vị bạn."),
            (
                d.kind != batch.transition.dispatch_kind,
                "Loại phiếu chuyển không đúng với thao tác.",
            ),
            (d.sent_at is not None, f"Phiếu chuyển {d} đã được chuyển trước đó."),
        )
        if wrong
    ]
    if scan_problem := _dispatch_scan_problem(d):
        problems.append(scan_problem)
    if set(d.items.values_list("case_id", flat=True)) != {c.pk for c in batch.cases}:
        problems.append("Danh sách hồ sơ không khớp với phiếu chuyển.")
    target_role = STATE_ACTOR[batch.transition.target]
    problems += [
        f"Hồ sơ {case.number}: phiếu chuyển gửi sai đơn vị nhận."
        for case in batch.cases
        if case.route_unit_id(target_role) != d.to_unit_id
    ]
    return problems


def _dispatch_scan_problem(d: Dispatch) -> str:
    if not d.signed_scan:
        return (
            reprint_message(d)
            if d.needs_reprint
            else "Cần đính kèm tệp phiếu chuyển đã ký trước khi chuyển."
        )
    # The signed paper lists other content than the dispatch holds now.
    return "" if d.scan_is_current else reprint_message(d)


# -- writes, for the whole batch once every case passed ----------------------------------


def _dispatch_send(batch: Batch) -> None:
    d = batch.dispatch
    if d.number is None:
        dispatch_number(dispatch=d)
    d.sent_at = batch.now
    d.sent_by = batch.actor
    d.from_unit_name = batch.unit.name
    d.to_unit_name = d.to_unit.name
    d.save(update_fields=["sent_at", "sent_by", "from_unit_name", "to_unit_name"])


IDENTITY_FIELDS = [
    "full_name",
    "name_folded",
    "address_folded",
    "kind",
    "id_number",
    "birth_date",
    "address",
    "carrier",
    "provided_by",
    "provided_by_user",
    "provided_at",
]


def _identities_write(batch: Batch) -> None:
    existing = {s.case_id: s for s in Subscriber.objects.filter(case__in=batch.cases)}
    new, changed = [], []
    for case in batch.cases:
        identity: facts.Identity = batch.facts_of(case)
        values = {
            "full_name": identity.full_name.strip(),
            "name_folded": fold(identity.full_name),
            "address_folded": fold(identity.address),
            "kind": identity.kind or SubscriberKind.INDIVIDUAL,
            "id_number": "".join((identity.id_number or "").split()).upper(),
            "birth_date": identity.birth_date,
            "address": identity.address.strip(),
            "carrier": identity.carrier or case.carrier_hint,
            "provided_by": batch.unit,
            "provided_by_user": batch.actor,
            "provided_at": batch.now,
        }
        if case.pk in existing:  # a case the telecom authority answers a second time
            subscriber = existing[case.pk]
            for name, value in values.items():
                setattr(subscriber, name, value)
            changed.append(subscriber)
        else:
            new.append(Subscriber(case=case, **values))
    Subscriber.objects.bulk_create(new, batch_size=500)
    if changed:
        Subscriber.objects.bulk_update(changed, IDENTITY_FIELDS, batch_size=500)


def _suspensions_write(batch: Batch) -> None:
    Suspension.objects.bulk_create(
        [
            Suspension(
                case=case,
                suspended_on=batch.facts_of(case).suspended_on,
                carrier_reference=batch.facts_of(case).carrier_reference.strip(),
                recorded_by=batch.actor,
            )
            for case in batch.cases
        ]
    )


def _outcomes_write(batch: Batch) -> None:
    for case in batch.cases:
        outcome: facts.Outcome = batch.facts_of(case)
        CultureOutcome.objects.update_or_create(
            case=case,
            defaults={
                "decision_number": outcome.decision_number.strip(),
                "decided_on": outcome.decided_on,
                "amount": int(outcome.amount or 0),
                "result": outcome.result.strip(),
                "recorded_by": batch.actor,
            },
        )


def _decisions_write(batch: Batch) -> None:
    for case in batch.cases:
        sanction.write_decision(
            case,
            batch.facts_of(case),
            batch.records[case.pk],
            batch.actor,
            batch.unit,
            batch.attachment_name,
        )


def _payments_write(batch: Batch) -> None:
    for case in batch.cases:
        sanction.write_payment(
            batch.facts_of(case),
            batch.decisions[case.pk],
            batch.note,
            batch.actor,
            batch.attachment_name,
        )


def _restores_write(batch: Batch) -> None:
    for case in batch.cases:
        sanction.write_restore(case, batch.facts_of(case), batch.note, batch.now)


# -- due dates the facts state ----------------------------------------------------------


def _decision_due(batch: Batch, case: Case) -> datetime.date | None:
    """A decided case is due on the payment deadline written in its decision."""
    return batch.facts_of(case).payment_due


def stated_due_on(batch: Batch, case: Case) -> datetime.date | None:
    """The new state's due date as the caller or the transition's facts state it."""
    if batch.given_due_on is not None:
        return batch.given_due_on
    rows = requirements_of(batch.transition)
    return next((due for row in rows if row.due and (due := row.due(batch, case))), None)


# -- the table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    check: Callable[[Batch, Case], str] | None = None  # one case: a reason, or ""
    check_batch: Callable[[Batch], list[str]] | None = None  # the whole batch: sentences
    write: Callable[[Batch], None] | None = None
    facts: type | None = None  # the value object the officer gives (raovat.cases.facts)
    # The due date of the new state its facts state (clocks.EXPLICIT_DUE_STATES), or None.
    due: Callable[[Batch, Case], datetime.date | None] | None = None


REQUIREMENTS: dict[Need, Requirement] = {
    Need.NOTE: Requirement(check=_note),
    Need.SENDABLE: Requirement(check=_sendable),
    Need.DISPATCH: Requirement(check_batch=_dispatch, write=_dispatch_send),
    Need.IDENTITY: Requirement(check=_identity, write=_identities_write, facts=facts.Identity),
    Need.CONTACT: Requirement(check=_contact),
    Need.SUSPENSION: Requirement(
        check=_suspension, write=_suspensions_write, facts=facts.Suspension
    ),
    Need.OUTCOME: Requirement(check=_outcome, write=_outcomes_write, facts=facts.Outcome),
    Need.DECISION: Requirement(
        check=_decision, write=_decisions_write, facts=facts.Decision, due=_decision_due
    ),
    Need.PAYMENT: Requirement(check=_payment, write=_payments_write, facts=facts.Payment),
    Need.OVERDUE: Requirement(check=_overdue),
    Need.PAID: Requirement(check=_paid, write=_restores_write, facts=facts.Restore),
}


def requirements_of(transition: Transition) -> list[Requirement]:
    """The transition's rows, in the order `Need` declares them."""
    return [REQUIREMENTS[need] for need in Need if need in transition.needs]


def facts_kind(transition: Transition) -> type | None:
    """The value object a transition takes, if any (at most one need per row takes one)."""
    return next((r.facts for r in requirements_of(transition) if r.facts), None)


def route_for(reporting_unit: Unit) -> tuple[Unit, Unit, Unit]:
    """The handling, telecom and culture units for a reporting unit, from the unit tree."""
    handler = reporting_unit.handling_unit
    if handler is None or not handler.active:
        raise RoutingError(f"{reporting_unit.name} chưa được gán đơn vị xử lý đang hoạt động.")
    telecom = handler.authority(Role.TELECOM) or reporting_unit.authority(Role.TELECOM)
    culture = handler.authority(Role.CULTURE) or reporting_unit.authority(Role.CULTURE)
    if telecom is None or culture is None:
        raise RoutingError(
            f"Chưa khai báo cơ quan quản lý viễn thông và cơ quan văn hóa cho {handler.name}."
        )
    return handler, telecom, culture
