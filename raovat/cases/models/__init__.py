from raovat.cases.models import lookups  # noqa: F401  (registers `__any`)
from raovat.cases.models.calendar import CalendarDay
from raovat.cases.models.case import Case, CaseUnit, Counter, StateDeadline
from raovat.cases.models.clocks import LegalClock
from raovat.cases.models.contact import Call, Invitation, TextMessage
from raovat.cases.models.evidence import PendingPhoto, Photo, Sighting
from raovat.cases.models.history import CaseEvent
from raovat.cases.models.imports import CarrierImport
from raovat.cases.models.legal import LegalBasis, LegalPurpose
from raovat.cases.models.map import MapCell, MapUnitCount
from raovat.cases.models.outcome import CultureOutcome, PenaltyRecord, Subscriber, Suspension
from raovat.cases.models.sanction import Payment, PenaltyDecision
from raovat.cases.models.tally import StatisticsTally
from raovat.cases.models.transfer import Dispatch, DispatchItem, DispatchScan, WaitingDispatch

__all__ = [
    "CalendarDay",
    "Call",
    "CarrierImport",
    "Case",
    "CaseEvent",
    "CaseUnit",
    "Counter",
    "CultureOutcome",
    "Dispatch",
    "DispatchItem",
    "DispatchScan",
    "Invitation",
    "LegalBasis",
    "LegalClock",
    "LegalPurpose",
    "MapCell",
    "MapUnitCount",
    "Payment",
    "PenaltyDecision",
    "PenaltyRecord",
    "PendingPhoto",
    "Photo",
    "Sighting",
    "StateDeadline",
    "StatisticsTally",
    "Subscriber",
    "Suspension",
    "TextMessage",
    "WaitingDispatch",
]
