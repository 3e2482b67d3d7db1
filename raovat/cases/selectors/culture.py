"""What the culture authority reads: the cases sent to it for its decision."""

from django.db.models import OuterRef, Subquery

from raovat.cases.models import CaseEvent, DispatchItem
from raovat.cases.selectors import access
from raovat.cases.selectors.worklists import first_sighting_annotations
from raovat.cases.workflow import DispatchKind, State
from raovat.units.models import User


def _sent(field: str):
    items = DispatchItem.objects.filter(
        case=OuterRef("pk"), dispatch__kind=DispatchKind.CULTURE,
        dispatch__sent_at__isnull=False,
    ).order_by("-dispatch__sent_at", "-id")
    return Subquery(items.values(field)[:1])


def incoming(*, user: User):
    """Cases waiting for the unit's decision, each with the dispatch that brought it."""
    last_note = CaseEvent.objects.filter(case=OuterRef("pk"), action="send_to_culture") \
        .order_by("-at", "-id")
    return (
        access.waiting(user, State.AT_CULTURE)
        .select_related("handling_unit", "reporting_unit")
        .annotate(dispatch_id=_sent("dispatch_id"), dispatch_label=_sent("dispatch__number_label"),
                  dispatch_sent_at=_sent("dispatch__sent_at"),
                  dispatch_from=_sent("dispatch__from_unit_name"),
                  dispatch_scan=_sent("dispatch__signed_scan"),
                  send_note=Subquery(last_note.values("note")[:1]),
                  **first_sighting_annotations())
        .order_by("state_since", "id")
    )
