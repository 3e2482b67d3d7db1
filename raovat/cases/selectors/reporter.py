"""What the reporting unit reads: its drafts, its returned cases, and open cases by number."""

from dataclasses import dataclass

from raovat.cases.labels import chain_label
from raovat.cases.models import Case, Sighting
from raovat.cases.phones import UNALLOCATED_WARNING, InvalidPhoneNumber, parse
from raovat.cases.selectors import access
from raovat.cases.selectors.latest import first_sighting_annotations, return_annotations
from raovat.cases.workflow import State
from raovat.units.models import User

COMPLETABLE = (State.DRAFT, State.RETURNED_TO_REPORTER)


def _held(user: User, state: str):
    return (
        access.waiting(user, state)
        .order_by("state_since", "id")
        .annotate(**first_sighting_annotations())
    )


def drafts(*, user: User):
    return _held(user, State.DRAFT)


def returned(*, user: User):
    return _held(user, State.RETURNED_TO_REPORTER).annotate(
        **return_annotations("return_to_reporter")
    )


def own_sightings(*, case: Case, user: User):
    return (
        Sighting.objects.filter(case=case, reporting_unit_id=user.unit_id)
        .prefetch_related("photos")
        .order_by("found_on", "id")
    )


def own_sighting(*, case: Case, user: User, pk: int) -> Sighting | None:
    return own_sightings(case=case, user=user).filter(pk=pk).first()


def others_sighting_count(*, case: Case, user: User) -> int:
    """Sightings of the case that other reporting units recorded (they stay as they are)."""
    return case.sightings.exclude(reporting_unit_id=user.unit_id).count()


@dataclass
class NumberCheck:
    written: str
    display: str = ""
    problem: str = ""
    warning: str = ""
    case: Case | None = None
    state_label: str = ""
    holder: str = ""
    # An open case the unit is not on the route of: said to exist, and nothing else.
    elsewhere: bool = False


def number_check(written: str, *, user: User) -> NumberCheck:
    """Whether a number is valid, and the open case a new sighting of it would join.

    The case is named, with its state and holder, only to a unit that reads it in full.
    """
    check = NumberCheck(written=written)
    try:
        number = parse(written, allow_unallocated=True)
    except InvalidPhoneNumber as exc:
        check.problem = str(exc)
        return check
    check.display = number.display
    if not number.allocated:
        check.warning = UNALLOCATED_WARNING.format(display=number.display)
    case = (
        Case.objects.open()
        .filter(phone_e164=number.e164)
        .select_related("reporting_unit", "telecom_unit", "culture_unit", "current_unit")
        .first()
    )
    if case is not None and not access.readable(user).filter(pk=case.pk).exists():
        check.elsewhere = True
    elif case is not None:
        check.case = case
        check.state_label = chain_label(State(case.state).label, case)
        check.holder = case.current_unit.name if case.current_unit_id else ""
    return check
