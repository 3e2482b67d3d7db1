"""Reading cases for a unit: the generic work list of a reminder. One case is read
through `raovat.cases.selectors.access`."""

import datetime

from django.utils import timezone

from raovat.cases.models import Case
from raovat.cases.selectors import access
from raovat.units.models import User


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
