"""Reading cases for a unit: the generic work list of a reminder. One case is read
through `raovat.cases.selectors.access`."""

import datetime

from django.utils import timezone

from raovat.cases.models import Case, CaseEvent, Invitation, PenaltyDecision, PenaltyRecord
from raovat.cases.selectors import access
from raovat.units.models import User


def worklist(*, user: User, state: str):
    """Cases waiting for the user's unit in one state, oldest first."""
    return (
        access.waiting(user, state).select_related("reporting_unit").order_by("state_since", "id")
    )


def days_waiting(case: Case, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return (timezone.localdate(now) - timezone.localdate(case.state_since)).days


def case_numbers(ids) -> list[str]:
    """The numbers of cases by id, in the order they were opened (for a message)."""
    return list(Case.objects.filter(pk__any=ids).order_by("id").values_list("number", flat=True))


def sightings_shown(case: Case):
    """The case's sightings with their units and photos, as a case's pages show them."""
    return case.sightings.select_related("reporting_unit").prefetch_related("photos")


def contacts_of(case: Case) -> dict:
    """The letters, calls and texts to the subscriber, as the contact tab lists them."""
    return {
        "invitations": case.invitations.all(),
        "calls": case.calls.select_related("officer"),
        "messages_sent": case.messages.select_related("created_by"),
    }


def invitation_of(case: Case, pk: int) -> Invitation | None:
    return case.invitations.filter(pk=pk).first()


def events_since(case: Case, event: CaseEvent | None):
    """The case's history after `event` (what was done since a return), or nothing."""
    return case.events.filter(pk__gt=event.pk) if event else []


def latest_record(case: Case) -> PenaltyRecord | None:
    return case.penalty_records.order_by("-made_at", "-id").first()


def decision_of(case: Case) -> PenaltyDecision | None:
    return PenaltyDecision.objects.filter(case=case).first()


def case_file(case: Case) -> dict:
    """Everything "Chi tiết hồ sơ" lists of a case the unit may fully read."""
    return {
        "sightings": sightings_shown(case),
        "events": case.events.select_related("dispatch"),
        "penalty_records": list(case.penalty_records.select_related("officer__unit")),
        "dispatches": case.dispatches.select_related("from_unit", "to_unit").filter(
            sent_at__isnull=False
        ),
        "suspensions": case.suspensions.all(),
        "outcome": getattr(case, "culture_outcome", None),
        **contacts_of(case),
    }


def cases_by_ids(ids):
    """Cases by id, for a caller that has already scoped the ids to the unit."""
    return Case.objects.filter(pk__any=ids)


def readable_ids(*, user: User, numbers) -> dict[str, int]:
    """Case number → id of the cases with these numbers the user may read."""
    return dict(access.readable(user).filter(number__in=numbers).values_list("number", "pk"))


def readable_ids_all(*, user: User, numbers) -> dict[str, int] | None:
    """As `readable_ids`, or None unless the user may read every one of them: a batch
    names its cases all or none, and one it may not read is the same as one that is not."""
    numbers = set(numbers)
    found = readable_ids(user=user, numbers=numbers)
    return found if len(found) == len(numbers) else None


def summaries(ids):
    """Cases by id with the units a summary names, by number (after an action)."""
    return (
        Case.objects.filter(pk__any=ids)
        .select_related("reporting_unit", "current_unit")
        .order_by("number")
    )


def history_of(case: Case):
    return case.events.order_by("at", "id")


def sightings_in_order(case: Case):
    return sightings_shown(case).order_by("found_on", "id")


def calls_in_order(case: Case):
    return case.calls.order_by("called_at", "id")
