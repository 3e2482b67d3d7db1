"""What a user may print: 404 for anything outside the user's unit, never its data."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from raovat.cases.models import Dispatch, Invitation, PenaltyDecision, PenaltyRecord
from raovat.units.models import User


def _unit_id(user: User) -> int:
    # A user without an active unit prints nothing; -1 matches no row.
    return user.unit_id if user.unit_id is not None and user.unit.active else -1


def dispatch_for_print(*, user: User, pk: int) -> Dispatch:
    """The sending unit always; the receiving unit once the dispatch has been sent."""
    unit_id = _unit_id(user)
    return get_object_or_404(
        Dispatch.objects.select_related("from_unit__parent", "to_unit"),
        Q(from_unit_id=unit_id) | Q(to_unit_id=unit_id, sent_at__isnull=False), pk=pk,
    )


def invitation_for_print(*, user: User, pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("case__handling_unit__parent", "case__subscriber",
                                          "case__telecom_unit"),
        pk=pk, case__handling_unit_id=_unit_id(user),
    )


def penalty_record_for_print(*, user: User, pk: int) -> PenaltyRecord:
    return get_object_or_404(
        PenaltyRecord.objects.select_related("case__handling_unit__parent", "case__subscriber",
                                             "case__telecom_unit", "officer"),
        pk=pk, case__handling_unit_id=_unit_id(user),
    )


def penalty_decision_for_print(*, user: User, pk: int) -> PenaltyDecision:
    return get_object_or_404(
        PenaltyDecision.objects.select_related("case__handling_unit__parent", "case__subscriber",
                                               "case__telecom_unit", "record", "legal_basis"),
        pk=pk, case__handling_unit_id=_unit_id(user),
    )
