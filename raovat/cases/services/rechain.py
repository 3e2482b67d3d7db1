"""A guided change of chain: reporting units move to another handling unit, and their
open cases move with them.

Not a change of state, so not a row of the transition table: the cases keep their state,
but they are locked and moved in one transaction, and each gets one history row
("rechain") naming the unit it leaves and the unit it goes to, as they are named today.
"""

from collections import Counter as Tally
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from raovat.cases.models import Case, CaseEvent, CaseUnit, DispatchItem
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.requirements import route_for
from raovat.cases.tallies import restating
from raovat.cases.workflow import FINAL_STATES, STATE_ACTOR
from raovat.units.models import Role, RoutingError, Unit, User

ROUTE_ROLES = (Role.HANDLER, Role.TELECOM, Role.CULTURE)


@dataclass
class ChainMove:
    reporting_units: list[Unit]
    new_handling_unit: Unit
    moved: int = 0
    per_old_unit: dict[str, int] = field(default_factory=dict)
    deactivated: list[Unit] = field(default_factory=list)


def chain_move_open_counts(*, reporting_units: Iterable[Unit]) -> dict[int, int]:
    """Open cases with a route, per reporting unit id: what a move would take along."""
    ids = [u.pk for u in reporting_units]
    rows = (
        _movable(Case.objects.filter(reporting_unit_id__in=ids))
        .values("reporting_unit_id")
        .annotate(n=Count("id"))
    )
    return {row["reporting_unit_id"]: row["n"] for row in rows}


def chain_move_blockers(*, old_units: Iterable[Unit], reporting_units: Iterable[Unit]) -> list[str]:
    """Why an old handling unit cannot be deactivated once these reporting units leave it."""
    leaving = {u.pk for u in reporting_units}
    problems = []
    for old in old_units:
        others = list(
            Unit.objects.filter(handling_unit=old, active=True)
            .exclude(pk__in=leaving)
            .order_by("name")
            .values_list("name", flat=True)
        )
        if others:
            problems.append(
                f"Không thể ngừng hoạt động {old.name}: còn {len(others)} đơn vị "
                f"phát hiện khác chuyển hồ sơ cho đơn vị này ({', '.join(others)})."
            )
            continue
        staying = (
            _movable(Case.objects.filter(handling_unit=old))
            .exclude(reporting_unit_id__in=leaving)
            .count()
        )
        if staying:
            problems.append(
                f"Không thể ngừng hoạt động {old.name}: còn {staying} hồ sơ đang "
                "mở do đơn vị này xử lý."
            )
    return problems


def chain_move_reporting_units(
    *,
    actor: User,
    reporting_units: Iterable[Unit],
    new_handling_unit: Unit,
    note: str = "",
    deactivate_old_handling_units: bool = False,
) -> ChainMove:
    """Point the reporting units at a new handling unit and move their open cases.

    For every open case of these units that already has a route: the route (handling,
    telecom, culture unit) becomes the one the new tree gives, a case waiting for a unit
    of the old route now waits for the same role of the new route, the new units take
    part in the case, and one "rechain" history row is written. Drafts that were never
    sent have no route yet; they will take the new one when they are sent.
    Raises WorkflowError (Vietnamese sentences) and changes nothing if anything is wrong.
    """
    if not (actor.is_superuser or actor.has_perm("units.change_unit")):
        raise WorkflowError("Bạn không có quyền thay đổi chuỗi xử lý.")
    note = (note or "").strip()
    ids = sorted({u.pk for u in reporting_units})
    if not ids:
        raise WorkflowError("Chưa chọn đơn vị phát hiện nào.")

    with transaction.atomic():
        units = list(Unit.objects.select_for_update().filter(pk__in=ids).order_by("name"))
        new = Unit.objects.select_for_update().get(pk=new_handling_unit.pk)
        _check(units, new)
        old_handlers = {u.handling_unit_id for u in units if u.handling_unit_id}
        for unit in units:
            unit.handling_unit = new
        Unit.objects.bulk_update(units, ["handling_unit"])
        try:
            routes = {u.pk: route_for(u) for u in units}
        except RoutingError as exc:
            raise WorkflowError(str(exc)) from None

        cases = list(
            _movable(Case.objects.select_for_update(of=("self",)))
            .filter(reporting_unit_id__in=ids)
            .order_by("pk")
        )
        result = ChainMove(reporting_units=units, new_handling_unit=new)
        with restating([c.pk for c in cases]):  # the cases' units are counted
            result.moved, result.per_old_unit = _move(actor, cases, routes, new, note)

        if deactivate_old_handling_units:
            olds = list(
                Unit.objects.select_for_update()
                .filter(pk__in=old_handlers)
                .exclude(pk=new.pk)
                .order_by("name")
            )
            problems = chain_move_blockers(old_units=olds, reporting_units=units)
            if problems:
                raise WorkflowError(problems)
            for old in olds:
                old.active = False
            Unit.objects.bulk_update(olds, ["active"])
            result.deactivated = olds
    return result


def _movable(qs):
    return qs.exclude(state__in=FINAL_STATES).filter(handling_unit__isnull=False)


def _check(units: list[Unit], new: Unit) -> None:
    problems = []
    if new.role != Role.HANDLER:
        problems.append(f"{new.name} không phải là đơn vị xử lý.")
    elif not new.active:
        problems.append(f"{new.name} đã ngừng hoạt động.")
    not_reporters = [u.name for u in units if u.role != Role.REPORTER]
    if not_reporters:
        problems.append(
            "Chỉ chuyển được đơn vị phát hiện; các đơn vị sau không phải: "
            + ", ".join(not_reporters)
            + "."
        )
    if problems:
        raise WorkflowError(problems)


def _move(actor, cases, routes, new, note) -> tuple[int, dict[str, int]]:
    now = timezone.now()
    before = {c.pk: {r: c.route_unit_id(r) for r in ROUTE_ROLES} for c in cases}
    took_part = (
        set(CaseUnit.objects.filter(case__in=cases).values_list("case_id", "unit_id"))
        if cases
        else set()
    )
    names = dict(
        Unit.objects.filter(
            Q(pk__in={u for route in before.values() for u in route.values() if u})
            | Q(pk__in={u.pk for route in routes.values() for u in route})
        ).values_list("pk", "name")
    )
    moved, participants, events = [], [], []
    tally: Tally[str] = Tally()
    for case in cases:
        old = before[case.pk]
        case.handling_unit, case.telecom_unit, case.culture_unit = routes[case.reporting_unit_id]
        now_route = {r: case.route_unit_id(r) for r in ROUTE_ROLES}
        if now_route == old:
            continue
        role = STATE_ACTOR.get(case.state)
        if role in ROUTE_ROLES and case.current_unit_id == old[role]:
            case.current_unit_id = now_route[role]
        for r in ROUTE_ROLES:
            # A new unit takes part where its predecessor did: the new handler always
            # (it answers for the case from now on), the departments once reached.
            if now_route[r] != old[r] and (r == Role.HANDLER or (case.pk, old[r]) in took_part):
                participants.append(CaseUnit(case=case, unit_id=now_route[r], role=r))
        old_name = names[old[Role.HANDLER]]
        tally[old_name] += 1
        text = f"Chuyển đơn vị xử lý từ {old_name} sang {new.name}."
        events.append(
            CaseEvent(
                case=case,
                action="rechain",
                from_state=case.state,
                to_state=case.state,
                actor=actor,
                actor_name=actor.display_name,
                # The administrator has no unit: the row names the unit the case leaves.
                unit_id=old[Role.HANDLER],
                unit_name=old_name,
                next_unit=new,
                next_unit_name=new.name,
                at=now,
                note=f"{text} {note}" if note else text,
            )
        )
        moved.append(case)
    if not moved:
        return 0, {}
    Case.objects.bulk_update(
        moved, ["handling_unit", "telecom_unit", "culture_unit", "current_unit"], batch_size=500
    )
    CaseUnit.objects.bulk_create(participants, ignore_conflicts=True, batch_size=500)
    CaseEvent.objects.bulk_create(events, batch_size=500)
    # A draft slip of the old unit may hold these cases; the old unit can no longer send
    # them, and the new one must be free to put them on its own slip.
    DispatchItem.objects.filter(case__in=moved, dispatch__sent_at__isnull=True).exclude(
        dispatch__from_unit=new
    ).delete()
    return len(moved), dict(tally)
