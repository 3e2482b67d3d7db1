"""Reads of the unit tree for the screens."""

from django.db.models import QuerySet

from raovat.units.models import Role, Unit, User
from raovat.units.process_cache import cached, cached_many

MAX_DEPTH = 8  # province → ward → office is 3; manual chains add a district level


def reporting_units_for(*, user: User) -> QuerySet[Unit]:
    """The reporting units a user may pick in a filter: those whose cases reach the unit.

    The one rule behind every "Đơn vị phát hiện" filter (work lists, search, statistics).
    A national installation has ~3,300 of them; a department sees its province's, a
    handling unit its own, a ward itself. Which ones is kept per unit for a minute, as
    every list page asks.
    """
    unit = user.unit
    if unit is None:
        return Unit.objects.none()
    ids = cached(("reporting_units", unit.pk), lambda: _reaching_ids(unit))
    return Unit.objects.filter(role=Role.REPORTER, pk__in=ids)


def _reaching_ids(unit: Unit) -> list[int]:
    if unit.role == Role.REPORTER:
        return [unit.pk]
    if unit.role == Role.HANDLER:
        return list(
            Unit.objects.filter(role=Role.REPORTER, handling_unit=unit).values_list("pk", flat=True)
        )
    field = {Role.TELECOM: "telecom_authority", Role.CULTURE: "culture_authority"}.get(unit.role)
    if field is None:
        return []
    # Every unit below those that name this department as their authority.
    found: set[int] = set()
    level = set(Unit.objects.filter(**{field: unit}).values_list("pk", flat=True))
    for _ in range(MAX_DEPTH):
        level -= found
        if not level:
            break
        found |= level
        level = set(Unit.objects.filter(parent_id__in=level).values_list("pk", flat=True))
    return sorted(found)  # the caller keeps the reporting units among them


def units_by_id(ids) -> dict[int, Unit]:
    """Units by id, from this process's copy of the tree (cleared when a unit is saved)."""
    wanted = sorted({pk for pk in ids if pk is not None})
    if not wanted:
        return {}
    return cached_many("unit", wanted, lambda missing: Unit.objects.in_bulk(missing))


def province_reporting_unit_ids(unit: Unit) -> list[int]:
    """The reporting units of the unit's province: those below the top of its tree.

    The whole tree is read once as (id, parent) pairs (a country has ~7,000 units).
    """
    rows = list(Unit.objects.values_list("id", "parent_id", "role"))
    parent = {pk: parent_id for pk, parent_id, _ in rows}
    top, seen = unit.pk, set()
    while parent.get(top) is not None and top not in seen:
        seen.add(top)
        top = parent[top]
    children: dict[int, list[int]] = {}
    for pk, parent_id, _ in rows:
        children.setdefault(parent_id, []).append(pk)
    below, level = set(), [top]
    while level:
        below.update(level)
        level = [c for pk in level for c in children.get(pk, ()) if c not in below]
    return sorted(pk for pk, _, role in rows if pk in below and role == Role.REPORTER)
