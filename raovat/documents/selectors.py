"""What a user may print: refused (404) outside the user's unit, never its data."""

from django.shortcuts import get_object_or_404

from raovat.cases.models import Dispatch, Invitation, PenaltyDecision, PenaltyRecord
from raovat.cases.selectors import access
from raovat.documents.models import PeriodicReport
from raovat.units.models import Role, User


def dispatch_for_print(*, user: User, pk: int) -> Dispatch:
    """The sending unit always; the receiving unit once the dispatch has been sent."""
    return access.dispatch_to_read(user=user, pk=pk)


def invitation_for_print(*, user: User, pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related(
            "case__handling_unit__parent", "case__subscriber", "case__telecom_unit"
        ),
        pk=pk,
        case__in=access.on_route(user, Role.HANDLER).values("pk"),
    )


def penalty_record_for_print(*, user: User, pk: int) -> PenaltyRecord:
    return get_object_or_404(
        PenaltyRecord.objects.select_related(
            "case__handling_unit__parent", "case__subscriber", "case__telecom_unit", "officer"
        ),
        pk=pk,
        case__in=access.on_route(user, Role.HANDLER).values("pk"),
    )


def penalty_decision_for_print(*, user: User, pk: int) -> PenaltyDecision:
    return get_object_or_404(
        PenaltyDecision.objects.select_related(
            "case__handling_unit__parent",
            "case__subscriber",
            "case__telecom_unit",
            "record",
            "legal_basis",
        ),
        pk=pk,
        case__in=access.on_route(user, Role.HANDLER).values("pk"),
    )


def reports_of_unit(*, user: User):
    """The periodic reports of the user's unit: no other unit reads them."""
    unit_id = access.active_unit_id(user)
    if unit_id is None:
        return PeriodicReport.objects.none()
    return PeriodicReport.objects.filter(unit_id=unit_id)


def report_for_print(*, user: User, pk: int) -> PeriodicReport:
    found = (
        reports_of_unit(user=user)
        .select_related("unit__parent", "of_unit", "created_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise access.Refused("Không tìm thấy báo cáo.")
    return found
