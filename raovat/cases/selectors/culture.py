"""What the culture authority reads: the cases sent to it for its decision."""

from django.db.models import Count

from raovat.cases.selectors import access
from raovat.cases.selectors.latest import first_sighting_annotations, latest_event
from raovat.cases.selectors.latest import latest_sent_dispatch as _sent
from raovat.cases.workflow import DispatchKind, State
from raovat.units.models import User

CULTURE = DispatchKind.CULTURE


def incoming(*, user: User):
    """Cases waiting for the unit's decision, each with the dispatch that brought it."""
    return (
        access.waiting(user, State.AT_CULTURE)
        .select_related("handling_unit", "reporting_unit")
        .annotate(
            dispatch_id=_sent(CULTURE, "dispatch_id"),
            dispatch_label=_sent(CULTURE, "dispatch__number_label"),
            dispatch_sent_at=_sent(CULTURE, "dispatch__sent_at"),
            dispatch_from=_sent(CULTURE, "dispatch__from_unit_name"),
            dispatch_scan=_sent(CULTURE, "dispatch__signed_scan"),
            send_note=latest_event("send_to_culture", "note"),
            **first_sighting_annotations(),
        )
        .order_by("state_since", "id")
    )


def to_decide(*, user: User):
    """`incoming` with how often the handling unit contacted each subscriber."""
    return incoming(user=user).annotate(
        call_count=Count("calls", distinct=True),
        invitation_count=Count("invitations", distinct=True),
        message_count=Count("messages", distinct=True),
    )
