"""The one place that changes a case's state.

`case_transition` locks the cases, checks the transition table, the actor's unit and
the requirements (one row per Need in `requirements.py`), writes the new state and an
append-only history row per case, and queues the jobs the transition starts (`effects`)
in the same transaction. A batch is all-or-nothing.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from raovat.cases import effects
from raovat.cases.clocks import state_days, state_due_on
from raovat.cases.facts import Facts
from raovat.cases.labels import chain_label
from raovat.cases.limits import NOTE_MAX, text_problem
from raovat.cases.models import Case, CaseEvent, CaseUnit, Dispatch
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.requirements import (
    Batch,
    facts_kind,
    requirements_of,
    stated_due_on,
)
from raovat.cases.services.uploads import storage_save
from raovat.cases.tallies import restating
from raovat.cases.workflow import HOLDER, STATE_ACTOR, TRANSITIONS, Need, State, Transition
from raovat.units.models import Role, Unit, User

INITIAL_STATE = State.DRAFT
NOT_FOUND = "Một số hồ sơ đã chọn không tồn tại hoặc không thuộc phạm vi của đơn vị bạn."


def case_open(*, actor: User, phone, found_on: datetime.date) -> Case:
    """Create a case in its initial state, with its first history row."""
    unit = acting_unit(actor)
    now = timezone.now()
    with restating() as kept:
        case = _case_create(actor, unit, phone, found_on, now)
        kept.add_new(case.pk)
    return case


def _case_create(actor: User, unit: Unit, phone, found_on: datetime.date, now) -> Case:
    from raovat.cases.services.numbering import case_number_next

    case = Case.objects.create(
        number=case_number_next(year=timezone.localdate(now).year),
        phone_e164=phone.e164,
        phone_national=phone.national,
        phone_written=phone.written,
        carrier_hint=phone.carrier,
        state=INITIAL_STATE,
        state_since=now,
        due_on=state_due_on(state=INITIAL_STATE, entered_on=timezone.localdate(now)),
        current_unit=unit,
        reporting_unit=unit,
        first_found_on=found_on,
        created_by=actor,
    )
    CaseUnit.objects.create(case=case, unit=unit, role=Role.REPORTER)
    history_event(case, "open", "", INITIAL_STATE, actor, unit, now).save()
    return case


def case_transition(
    *,
    actor: User,
    action: str,
    cases: Iterable[Case | int],
    note: str = "",
    dispatch: Dispatch | None = None,
    attachment: UploadedFile | None = None,
    facts: Facts | None = None,
    per_case: Mapping[int, Facts] | None = None,
    due_on: datetime.date | None = None,
) -> list[CaseEvent]:
    """Apply one transition to one or many cases, or to none of them.

    `facts` carries what the transition requires (a `raovat.cases.facts` value: identity,
    suspension, outcome, decision, payment, restore); `per_case` gives it per case id, for
    batches such as an Excel import. `due_on` states the new state's due date instead of
    its clock's (`clocks.EXPLICIT_DUE_STATES`). Raises WorkflowError listing every case
    that cannot move and why.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise WorkflowError(f"Thao tác “{action}” không tồn tại.")
    _facts_fit(transition, [facts, *(per_case or {}).values()])
    note = (note or "").strip()
    if problem := text_problem("Ghi chú", note, NOTE_MAX):
        raise WorkflowError(problem)
    ids = sorted({c.pk if isinstance(c, Case) else int(c) for c in cases})
    if not ids:
        raise WorkflowError("Chưa chọn hồ sơ nào.")
    unit = acting_unit(actor)

    with transaction.atomic():
        # Only cases the unit may read are locked and named: any other id gets the answer
        # a missing one gets, so a refusal never tells what another unit's case is.
        locked = list(
            Case.objects.visible_to(actor)
            .select_for_update(of=("self",))
            .filter(pk__any=ids)
            .order_by("pk")
        )
        if len(locked) != len(ids):
            raise WorkflowError(NOT_FOUND)
        batch = Batch(
            transition=transition,
            actor=actor,
            unit=unit,
            cases=locked,
            note=note,
            dispatch=dispatch,
            given=facts,
            per_case=per_case,
            has_attachment=bool(attachment),
            due_on=due_on,
        )
        problems = _problems(batch)
        if problems:
            raise WorkflowError(problems)
        batch.attachment_name = _store(attachment)
        try:
            with restating(ids):
                events = _apply(batch)
        except BaseException:
            if batch.attachment_name:
                CaseEvent._meta.get_field("attachment").storage.delete(batch.attachment_name)
            raise
        effects.transition_effects(
            transition=transition, actor=actor, dispatch=batch.dispatch, events=events
        )
    return events


def _facts_fit(transition: Transition, given: list) -> None:
    """A value of another kind than the row asks for is a caller's mistake, not input."""
    kind = facts_kind(transition)
    for value in given:
        if value is not None and (kind is None or not isinstance(value, kind)):
            raise TypeError(
                f"“{transition.action}” takes {kind and kind.__name__}, not {type(value).__name__}."
            )


def acting_unit(actor: User) -> Unit:
    if not actor.is_authenticated or actor.unit_id is None:
        raise WorkflowError("Tài khoản của bạn chưa thuộc đơn vị nào.")
    unit = actor.unit
    if not unit.active:
        raise WorkflowError(f"Đơn vị {unit.name} đã ngừng hoạt động.")
    return unit


def _store(upload: UploadedFile | None) -> str:
    if not upload:
        return ""
    field = CaseEvent._meta.get_field("attachment")
    return storage_save(field.storage, field.generate_filename(None, upload.name), upload)


def history_event(case, action, from_state, to_state, actor, unit, at, **extra) -> CaseEvent:
    return CaseEvent(
        case=case,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        actor_name=actor.display_name,
        unit=unit,
        unit_name=unit.name,
        at=at,
        **extra,
    )


def _label(batch: Batch) -> str:
    return chain_label(batch.transition.label, batch.unit)


def _problems(batch: Batch) -> list[str]:
    """Every reason the batch cannot move, as sentences; empty if it may."""
    t = batch.transition
    if t.actor != HOLDER and batch.unit.role != t.actor:
        return [f"Đơn vị {batch.unit.name} không có quyền “{_label(batch)}”."]
    rows = requirements_of(t)
    problems = [p for row in rows if row.check_batch for p in row.check_batch(batch)]
    for case in batch.cases:
        reason = _case_problem(batch, case) or next(
            (r for row in rows if row.check and (r := row.check(batch, case))), ""
        )
        if reason:
            problems.append(f"Hồ sơ {case.number}: {reason}")
    return problems


def _case_problem(batch: Batch, case: Case) -> str:
    t = batch.transition
    # The unit before the state: a case the unit does not answer for is not described.
    responsible = case.current_unit_id if t.actor == HOLDER else case.route_unit_id(t.actor)
    if responsible != batch.unit.pk:
        return f"đơn vị {batch.unit.name} không phụ trách hồ sơ này."
    if case.state not in t.sources:
        return (
            f"đang ở trạng thái “{chain_label(State(case.state).label, case)}”, "
            f"không thể “{_label(batch)}”."
        )
    return ""


def _apply(batch: Batch) -> list[CaseEvent]:
    """The new state and history of every case, then each requirement's records."""
    t = batch.transition
    next_role = STATE_ACTOR.get(t.target)
    units: dict[int, Unit] = {}
    events, participants = [], []
    groups: dict[tuple, list[int]] = {}
    # The due date of the new state by its clock (raovat.cases.clocks): the same for
    # every case of the batch, counted in working days once; the caller or the facts
    # may state another (`stated_due_on`).
    due_on = state_due_on(
        state=t.target, entered_on=timezone.localdate(batch.now), days=state_days()
    )
    for case in batch.cases:
        from_state = case.state
        changed = _move(batch, case, next_role, due_on)
        groups.setdefault(tuple(sorted(changed.items())), []).append(case.pk)
        next_unit_id = case.current_unit_id
        if next_unit_id:
            participants.append(CaseUnit(case=case, unit_id=next_unit_id, role=next_role))
            if next_unit_id not in units:
                units[next_unit_id] = Unit.objects.get(pk=next_unit_id)
        events.append(_event(batch, case, from_state, units.get(next_unit_id)))
    for row in requirements_of(t):
        if row.write:
            row.write(batch)
    # A batch shares its target and, mostly, its route: one UPDATE per group of equal
    # values (one for a whole dispatch) instead of one per case.
    for changed, ids in groups.items():
        Case.objects.filter(pk__any=ids).update(state=t.target, **dict(changed))
    CaseUnit.objects.bulk_create(participants, ignore_conflicts=True, batch_size=500)
    return CaseEvent.objects.bulk_create(events, batch_size=500)


def _move(batch: Batch, case: Case, next_role: str | None, due_on) -> dict:
    """Move `case` (in memory) to the target; the columns this step changes, and only
    those: a case's own received_at or route in the UPDATE would make its group of one."""
    t = batch.transition
    from_state = case.state
    changed = {}
    if case.pk in batch.routes:
        case.handling_unit, case.telecom_unit, case.culture_unit = batch.routes[case.pk]
        case.received_at = batch.now
        changed = {
            "handling_unit_id": case.handling_unit_id,
            "telecom_unit_id": case.telecom_unit_id,
            "culture_unit_id": case.culture_unit_id,
            "received_at": case.received_at,
        }
    case.state = t.target
    case.current_unit_id = changed["current_unit_id"] = (
        case.route_unit_id(next_role) if next_role else None
    )
    # A step that keeps the state (a payment while the number is suspended) leaves
    # the day it entered the state, and so its deadline, as they were.
    if from_state != t.target:
        case.state_since = changed["state_since"] = batch.now
        case.due_on = changed["due_on"] = stated_due_on(batch, case) or due_on
    return changed


def _event(batch: Batch, case: Case, from_state: str, next_unit: Unit | None) -> CaseEvent:
    t = batch.transition
    handed_on = next_unit if next_unit and next_unit.pk != batch.unit.pk else None
    return history_event(
        case,
        t.action,
        from_state,
        t.target,
        batch.actor,
        batch.unit,
        batch.now,
        note=batch.note,
        attachment=batch.attachment_name,
        dispatch=batch.dispatch if Need.DISPATCH in t.needs else None,
        next_unit=handed_on,
        next_unit_name=handed_on.name if handed_on else "",
    )
