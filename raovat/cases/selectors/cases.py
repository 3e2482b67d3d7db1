"""Reading cases for a unit: work lists and one case with everything on its tabs."""

import datetime

from django.http import Http404
from django.utils import timezone

from raovat.cases.models import Case
from raovat.units.models import User


def case_get_for_user(*, user: User, number: str) -> Case:
    """The case if the user's unit has taken part in it; 404 otherwise, never its data."""
    case = (
        Case.objects.visible_to(user)
        .select_related("reporting_unit", "handling_unit", "telecom_unit", "culture_unit",
                        "current_unit", "created_by")
        .filter(number=number)
        .first()
    )
    if case is None:
        raise Http404("Không tìm thấy hồ sơ.")
    return case


def worklist(*, user: User, state: str):
    """Cases waiting for the user's unit in one state, oldest first."""
    return (
        Case.objects.filter(current_unit_id=user.unit_id, state=state)
        .select_related("reporting_unit")
        .order_by("state_since", "id")
    )


def days_waiting(case: Case, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return (timezone.localdate(now) - timezone.localdate(case.state_since)).days
