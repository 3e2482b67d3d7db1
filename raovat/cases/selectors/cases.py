"""Reading cases for a unit: work lists and one case with everything on its tabs."""

import datetime

from django.utils import timezone

from raovat.cases.models import Case
from raovat.cases.selectors import access
from raovat.units.models import User


def case_get_for_user(*, user: User, number: str) -> Case:
    """The case if the user's unit reads it in full; `access.Refused` otherwise."""
    return access.case_to_read(user=user, number=number)


def worklist(*, user: User, state: str):
    """Cases waiting for the user's unit in one state, oldest first."""
    return (
        access.waiting(user, state)
        .select_related("reporting_unit")
        .order_by("state_since", "id")
    )


def days_waiting(case: Case, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return (timezone.localdate(now) - timezone.localdate(case.state_since)).days
