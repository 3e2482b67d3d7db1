"""The work lists of the officers' screens, each read in a fixed number of queries."""

from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from raovat.cases.models import Call, Dispatch, Invitation, PenaltyRecord, TextMessage
from raovat.cases.selectors import access
from raovat.cases.selectors.cases import worklist
from raovat.cases.selectors.latest import (
    first_place,
    first_sighting_annotations,
    latest_event,
    return_annotations,
)
from raovat.cases.workflow import PAYMENT_ACTION, State
from raovat.units.models import Role, User


def _waiting(user: User, state: str):
    return worklist(user=user, state=state)


def to_confirm(*, user: User):
    return _waiting(user, State.AWAITING_CONFIRMATION).annotate(**first_sighting_annotations())


def to_send(*, user: User):
    return _waiting(user, State.CONFIRMED).annotate(**first_sighting_annotations())


def returned_by_telecom(*, user: User):
    return _waiting(user, State.RETURNED_BY_TELECOM).annotate(
        **return_annotations("return_to_handler"),
        **first_sighting_annotations(),
    )


def _count_of(model):
    """How many rows of `model` a case has, read for the rows of a page only (a join
    and GROUP BY would count every waiting case before the page is cut)."""
    rows = (
        model.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(rows[:1]), 0)


def to_contact(*, user: User):
    return (
        _waiting(user, State.TO_CONTACT)
        .select_related("subscriber")
        .annotate(
            contact_count=_count_of(Call) + _count_of(TextMessage) + _count_of(Invitation),
        )
    )


def awaiting_subscriber(*, user: User, ids=None):
    """Cases waiting for the subscriber; with `ids`, only those of them."""
    cases = (
        _waiting(user, State.AWAITING_SUBSCRIBER)
        .select_related("subscriber")
        .annotate(
            record_count=_count_of(PenaltyRecord),
        )
    )
    return cases if ids is None else cases.filter(pk__in=ids)


def open_drafts(*, user: User, kinds):
    """Dispatches the unit started and has not sent yet, to pick up where it left off."""
    return (
        Dispatch.objects.filter(from_unit_id=user.unit_id, sent_at__isnull=True, kind__in=kinds)
        .annotate(case_count=Count("items"))
        .filter(case_count__gt=0)
        .select_related("to_unit")
        .order_by("-created_at")
    )


# The unpaid list's own sort: the payment deadline, the most overdue first.
UNPAID_SORTS = {"han-nop-phat": ("Hạn nộp phạt", "payment_due_on")}


def decided_unpaid(*, user: User):
    """Cases the unit decided and no payment was recorded yet, in every state a payment
    may still be recorded in (also once the suspension was requested or done)."""
    return (
        access.on_route(user, Role.HANDLER)
        .filter(
            decision__isnull=False, decision__payment__isnull=True, state__in=list(PAYMENT_ACTION)
        )
        .select_related("decision", "subscriber", "reporting_unit", "telecom_unit", "culture_unit")
        .annotate(payment_due_on=F("decision__payment_due"))
        .order_by("payment_due_on", "id")
    )


def dispatch_contents(*, dispatch: Dispatch):
    """The cases of a draft dispatch in the order of its slip, for the transfer page."""
    return (
        dispatch.cases.select_related("reporting_unit", "subscriber")
        .prefetch_related("penalty_records")
        .annotate(place=first_place(), return_note=latest_event("return_to_handler", "note"))
        .order_by("dispatch_items__position", "id")
    )


def dispatch_case(*, dispatch: Dispatch, pk: int):
    return dispatch.cases.filter(pk=pk).first()


def dispatch_case_ids(*, dispatch: Dispatch) -> list[int]:
    return list(dispatch.items.values_list("case_id", flat=True))
