"""Reads of the unit tree for the screens."""

from django.db.models import QuerySet

from raovat.units.models import Role, Unit, User
from raovat.units.process_cache import cached, cached_many

MAX_DEPTH = 8  # province → ward → office is 3; manual chains add a district level


def reporting_units_for(*, user: User) -> QuerySet[Unit]:
    """The reporting units a user may pick in a filter: those whose cases reach the unit.

    A national installation has ~3,300 of them; a department sees its province's, a
    handling unit its own, a ward itself.
    """
    unit = user.unit
    reporters = Unit.objects.filter(role=Role.REPORTER)
    if unit is None:
        return reporters.none()
    if unit.role == Role.REPORTER:
        return reporters.filter(pk=unit.pk)
    if unit.role == Role.HANDLER:
        return reporters.filter(handling_unit=unit)
    field = {Role.TELECOM: "telecom_authority", Role.CULTURE: "culture_authority"}.get(unit.role)
    if field is None:
        return reporters.none()
    # Every unit below those that name this department as their authority.
    found: set[int] = set()
    level = set(Unit.objects.filter(**{field: unit}).values_list("pk", flat=True))
    for _ in range(MAX_DEPTH):
        level -= found
        if not level:
            break
        found |= level
        level = set(Unit.objects.filter(parent_id__in=level).values_list("pk", flat=True))
    return reporters.filter(pk__in=found)


def units_by_id(ids) -> dict[int, Unit]:
    """Units by id, from this process's copy of the tree (cleared when a unit is saved)."""
    wanted = sorted({pk for pk in ids if pk is not None})
    if not wanted:
        return {}
    return cached_many("unit", wanted, lambda missing: Unit.objects.in_bulk(missing))


def list_filter_units(*, user: User) -> list[tuple[int, str]]:
    """The wards whose cases reach the user's unit (a handling unit's own; a department's
    province), not every ward of the country."""
    return cached(
        ("list_wards", user.unit_id),
        lambda: list(
            reporting_units_for(user=user)
            .filter(active=True)
            .order_by("name")
            .values_list("pk", "short_name")
        ),
    )


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
