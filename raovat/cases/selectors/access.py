"""Who may read a case, act on it, and see its subscriber: the three rules, in one place.

Every view, file, document, export and message reaches a case, a dispatch or a file of
a case through these functions (docs/decisions/002-units-as-data-and-scoping.md).

- **Read**: the units on the case's route — the reporting unit that opened it and every
  unit it was sent to (`CaseUnit` rows). A reporting unit that recorded a sighting of
  the number without being on the route reads only its own sightings, their photos and
  the case's state (`case_or_own_sightings`).
- **Act**: the case waits for the user's unit (`Case.objects.waiting_for`) in one of the
  states the screen acts on, and the unit's role is the one the workflow names for it.
- **Identity**: the handling unit, the telecom authority and the culture authority of
  the case (decision 005).

A refusal is `Refused`, raised the same way for a case that does not exist and for one
the user may not see, so that no answer tells them apart; the web layer turns it into
a 404.
"""

from django.db.models import Q

from raovat.cases.models import Case, CaseEvent, Dispatch, Invitation, Photo, Sighting
from raovat.cases.models.case import ROUTE_FIELDS, CaseQuerySet, CaseUnit
from raovat.cases.workflow import STATE_ACTOR
from raovat.units.models import Role, User
from raovat.units.selectors import units_by_id

CASE_UNITS = ("reporting_unit", "handling_unit", "telecom_unit", "culture_unit", "current_unit")


class Refused(Exception):
    """The user may not see or do this. Answered exactly as "it does not exist"."""

    def __init__(self, what: str = "Không tìm thấy hồ sơ."):
        super().__init__(what)


def active_unit_id(user: User) -> int | None:
    """The user's unit if it is active; a user without one reads and does nothing."""
    if not user.is_authenticated or user.unit_id is None or not user.unit.active:
        return None
    return user.unit_id


def _found(obj, what: str = "Không tìm thấy hồ sơ."):
    if obj is None:
        raise Refused(what)
    return obj


def with_route_units(cases):
    """The units of each case's route, from this process's copy of the unit tree.

    Joining the unit table five times costs PostgreSQL more to plan (~6 ms at a million
    cases) than reading the case itself; the units are a few thousand rows that change
    only when an administrator edits them (`raovat.units.process_cache`).
    """
    cases = [c for c in cases if c is not None]
    units = units_by_id(getattr(c, f"{f}_id") for c in cases for f in CASE_UNITS)
    for case in cases:
        for field in CASE_UNITS:
            pk = getattr(case, f"{field}_id")
            if pk is not None and pk in units:
                setattr(case, field, units[pk])
    return cases


def _one(qs, what: str = "Không tìm thấy hồ sơ."):
    """The first case of `qs` with its route's units, or Refused."""
    case = _found(qs.first(), what)
    with_route_units([case])
    return case


# -- read ------------------------------------------------------------------------------


def readable(user: User) -> CaseQuerySet:
    """Every case the user may read in full."""
    return Case.objects.visible_to(user)


def case_to_read(*, user: User, number: str) -> Case:
    return _one(readable(user).select_related("created_by").filter(number=number))


def reported_only(user: User) -> CaseQuerySet:
    """Cases the unit recorded a sighting of without being on their route."""
    unit_id = active_unit_id(user)
    if unit_id is None or user.role != Role.REPORTER:
        return Case.objects.none()
    return Case.objects.filter(
        pk__in=Sighting.objects.filter(reporting_unit_id=unit_id).values("case_id")
    ).exclude(pk__in=readable(user).values("pk"))


def case_or_own_sightings(*, user: User, number: str, related=("created_by",)) -> tuple[Case, bool]:
    """The case and True if the user reads it in full; False if only its own sightings.

    `related`: what to read in the same query besides the route's units (the case page
    adds its one-to-one rows).
    """
    case = readable(user).select_related(*related).filter(number=number).first()
    if case is not None:
        return with_route_units([case])[0], True
    return _one(reported_only(user).filter(number=number)), False


def own_sightings(*, user: User, case: Case):
    return (
        Sighting.objects.filter(case=case, reporting_unit_id=active_unit_id(user))
        .select_related("reporting_unit")
        .prefetch_related("photos")
        .order_by("found_on", "id")
    )


def photos_readable(user: User):
    """Photos of the cases the user reads, and those of the unit's own sightings."""
    unit_id = active_unit_id(user)
    if unit_id is None:
        return Photo.objects.none()
    return Photo.objects.filter(
        Q(sighting__case__in=readable(user).values("pk")) | Q(sighting__reporting_unit_id=unit_id)
    )


def sightings_readable(user: User):
    """Sightings of the cases the user reads, and a reporting unit's own sightings of the
    cases it is not on the route of (it reads those as `case_or_own_sightings` shows them).
    The map ("Bản đồ") shows exactly these."""
    unit_id = active_unit_id(user)
    if unit_id is None:
        return Sighting.objects.none()
    route = Q(case_id__in=CaseUnit.objects.filter(unit_id=unit_id).values("case_id"))
    if user.role == Role.REPORTER:
        return Sighting.objects.filter(route | Q(reporting_unit_id=unit_id))
    return Sighting.objects.filter(route)


def event_attachments_readable(user: User):
    return CaseEvent.objects.filter(case__in=readable(user).values("pk"))


# -- act -------------------------------------------------------------------------------


def waiting(user: User, *states: str) -> CaseQuerySet:
    """Cases waiting for the user's unit in `states`, if its role acts in them."""
    if not states or any(STATE_ACTOR.get(s) != user.role for s in states):
        return Case.objects.none()
    return Case.objects.waiting_for(active_unit_id(user), *states)


def case_to_act(*, user: User, number: str, states, within: CaseQuerySet | None = None) -> Case:
    """The case if it waits for the user's unit in one of `states`.

    `within` is a queryset to take it from, for a screen that needs annotations.
    """
    qs = within if within is not None else Case.objects.all()
    return _one(qs.filter(pk__in=waiting(user, *states).values("pk")).filter(number=number))


def on_route(user: User, role: str) -> CaseQuerySet:
    """Cases whose route names the user's unit as `role` (the unit must play that role)."""
    unit_id = active_unit_id(user)
    if unit_id is None or user.role != role:
        return Case.objects.none()
    return Case.objects.filter(**{f"{ROUTE_FIELDS[role]}_id": unit_id})


def case_on_route(*, user: User, number: str, role: str) -> Case:
    return _one(on_route(user, role).filter(number=number))


def invitations_of(user: User):
    """Invitation letters of the cases the user's unit handles."""
    return Invitation.objects.filter(case__in=on_route(user, Role.HANDLER).values("pk"))


# -- identity --------------------------------------------------------------------------


def may_see_names(user: User) -> bool:
    """Whether a list or an export of cases has the subscriber columns, and may be searched
    by name: the units that may see an identity. Each row is still filled only where
    `may_see_identity` says so."""
    return user.role in (Role.HANDLER, Role.TELECOM, Role.CULTURE)


def may_see_identity(user: User, case) -> bool:
    unit = active_unit_id(user)
    return unit is not None and unit in (
        case.handling_unit_id,
        case.telecom_unit_id,
        case.culture_unit_id,
    )


def identity_scope(user: User) -> Q:
    """The same rule as a filter, for searches by name or address."""
    unit = active_unit_id(user)
    if unit is None:
        return Q(pk__in=[])
    return Q(handling_unit_id=unit) | Q(telecom_unit_id=unit) | Q(culture_unit_id=unit)


# -- dispatches ------------------------------------------------------------------------


def dispatches_readable(user: User):
    """The sending unit's dispatches, and those sent to the unit once they are sent."""
    unit_id = active_unit_id(user)
    if unit_id is None:
        return Dispatch.objects.none()
    return Dispatch.objects.filter(
        Q(from_unit_id=unit_id) | Q(to_unit_id=unit_id, sent_at__isnull=False)
    )


def dispatch_to_read(*, user: User, pk: int) -> Dispatch:
    return _found(
        dispatches_readable(user)
        .select_related("from_unit__parent", "to_unit")
        .filter(pk=pk)
        .first(),
        "Không tìm thấy phiếu chuyển.",
    )


def dispatch_own(*, user: User, pk: int) -> Dispatch:
    """A dispatch of the user's unit, to edit and send from its transfer page."""
    return _found(
        Dispatch.objects.select_related("from_unit", "to_unit")
        .filter(pk=pk, from_unit_id=active_unit_id(user) or -1)
        .first(),
        "Không tìm thấy phiếu chuyển.",
    )
