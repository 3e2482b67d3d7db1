"""What the telecom authority reads: incoming dispatches and its three work lists.

Each list is read in a fixed number of queries, whatever its length.
"""

from django.db.models import Count, Exists, OuterRef, Subquery

from raovat.cases.models import (
    CarrierImport,
    Dispatch,
    DispatchItem,
    Payment,
    Suspension,
    WaitingDispatch,
)
from raovat.cases.selectors import access
from raovat.cases.selectors.latest import first_sighting_annotations, latest_sent_dispatch
from raovat.cases.workflow import IDENTITY_KINDS, DispatchKind, State
from raovat.units.models import User


def incoming_dispatches(*, user: User, waiting_only: bool = True):
    """Sent dispatches addressed to the unit, newest first; by default those with a case
    still waiting.

    "Still waiting" is the kept tally of those dispatches (`WaitingDispatch`, decision
    030): a range of its index in the order of the list, whatever the backlog. Its rows
    are not dispatches: `dispatches_of` gives the page's.
    """
    if waiting_only:
        unit_id = access.active_unit_id(user)
        if unit_id is None or unit_id != user.unit_id:
            return WaitingDispatch.objects.none()
        return WaitingDispatch.objects.filter(unit_id=unit_id).select_related("dispatch__from_unit")
    return (
        Dispatch.objects.filter(
            to_unit_id=user.unit_id, sent_at__isnull=False, kind__in=IDENTITY_KINDS
        )
        .select_related("from_unit")
        .order_by("-sent_at", "-id")
    )


def dispatches_of(rows) -> list[Dispatch]:
    """The dispatches of a page of `incoming_dispatches`, with `total` and `waiting`
    cases each: the kept count of waiting ones, the items of those dispatches counted."""
    dispatches = [r.dispatch if isinstance(r, WaitingDispatch) else r for r in rows]
    ids = [d.pk for d in dispatches]
    totals = dict(
        DispatchItem.objects.filter(dispatch_id__any=ids)
        .values("dispatch_id")
        .annotate(n=Count("id"))
        .values_list("dispatch_id", "n")
        .order_by()
    )
    waiting = dict(
        WaitingDispatch.objects.filter(dispatch_id__any=ids).values_list("dispatch_id", "n")
    )
    for d in dispatches:
        d.total = totals.get(d.pk, 0)
        d.waiting = waiting.get(d.pk, 0)
    return dispatches


def incoming_dispatch(*, user: User, pk: int) -> Dispatch | None:
    return (
        access.dispatches_readable(user)
        .select_related("from_unit")
        .filter(pk=pk, to_unit_id=user.unit_id)
        .first()
    )


def dispatch_counts(*, dispatch: Dispatch) -> tuple[int, int]:
    """(cases on the dispatch, those still waiting at the unit it was sent to)."""
    waiting = WaitingDispatch.objects.filter(dispatch=dispatch).values_list("n", flat=True)
    return dispatch.items.count(), next(iter(waiting), 0)


def dispatch_cases(*, dispatch: Dispatch):
    return (
        dispatch.cases.select_related("reporting_unit", "telecom_unit", "culture_unit")
        .annotate(**first_sighting_annotations())
        .order_by("dispatch_items__position", "id")
    )


def waiting_in_dispatches(*, user: User, dispatch_ids):
    """The cases of these dispatches that still wait for the unit's answer."""
    return (
        access.waiting(user, State.AT_TELECOM)
        .filter(
            dispatch_items__dispatch__in=dispatch_ids,
            dispatch_items__dispatch__to_unit_id=user.unit_id,
        )
        .distinct()
        .order_by("id")
    )


def _request(field: str):
    return latest_sent_dispatch(DispatchKind.SUSPENSION, field)


def suspension_requests(*, user: User, ids=None):
    """Cases the unit is asked to suspend; with `ids`, only those of them."""
    cases = access.waiting(user, State.SUSPENSION_REQUESTED)
    if ids is not None:
        cases = cases.filter(pk__in=ids)
    return (
        cases.select_related("subscriber", "handling_unit")
        .annotate(
            request_dispatch_id=_request("dispatch_id"),
            request_label=_request("dispatch__number_label"),
            # Paid while the request waits: once suspended, the number is restored.
            paid=Exists(Payment.objects.filter(decision__case=OuterRef("pk"))),
        )
        .order_by("state_since", "id")
    )


def suspended(*, user: User):
    current = Suspension.objects.filter(case=OuterRef("pk"), restored_at__isnull=True).order_by(
        "-suspended_on", "-id"
    )
    return (
        access.waiting(user, State.SUSPENDED)
        .select_related("subscriber", "handling_unit")
        .annotate(
            suspended_on=Subquery(current.values("suspended_on")[:1]),
            carrier_reference=Subquery(current.values("carrier_reference")[:1]),
            paid=Exists(Payment.objects.filter(decision__case=OuterRef("pk"))),
        )
        .order_by("state_since", "id")
    )


def carrier_import(*, user: User, token) -> CarrierImport | None:
    """A stored Excel preview of the user's unit, else None."""
    return (
        CarrierImport.objects.select_related("apply_job")
        .filter(token=token, unit_id=user.unit_id)
        .first()
    )
