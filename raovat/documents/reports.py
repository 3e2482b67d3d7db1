"""Periodic reports: made by a unit's officer, numbered and frozen at the first print.

Decision 023. The number is "3/BC-VHTTQ1" (Decree 30/2020 type "Báo cáo", BC), from
the unit's own gap-free series of the year (decision 003). The figures are read from
the statistics selectors (`report_figures`) when the report is first printed and kept
with it, so the second print of a signed report shows the same figures.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from raovat.cases.services.numbering import REPORT, counter_next, document_symbol
from raovat.documents.contexts.report import report_context
from raovat.documents.kinds import DocumentKind as K
from raovat.documents.models import PeriodicReport
from raovat.documents.report_figures import report_figures
from raovat.documents.required import document_check
from raovat.documents.services import Rendered, context_render
from raovat.units.models import Unit, User

TYPE_CODE = REPORT


@dataclass(frozen=True)
class ReportPeriod:
    kind: str  # PeriodKind
    start: datetime.date
    end: datetime.date


def report_create(
    *,
    actor: User,
    of_unit: Unit,
    period: ReportPeriod,
    difficulties: str = "",
    proposals: str = "",
    request_key: str = "",
) -> PeriodicReport:
    """A new, unnumbered report of the actor's unit. The same `request_key` (one form)
    gives back the report the first click made."""
    if request_key and (found := _made_before(actor, request_key)):
        return found
    try:
        with transaction.atomic():
            return PeriodicReport.objects.create(
                unit=actor.unit,
                of_unit=of_unit,
                period_kind=period.kind,
                start=period.start,
                end=period.end,
                difficulties=difficulties.strip(),
                proposals=proposals.strip(),
                created_by=actor,
                request_key=request_key or None,
            )
    except IntegrityError:
        # Two clicks raced past the look-up; the unique key kept one of them.
        found = _made_before(actor, request_key) if request_key else None
        if found is None:
            raise
        return found


def _made_before(actor: User, request_key: str) -> PeriodicReport | None:
    return PeriodicReport.objects.filter(request_key=request_key, unit_id=actor.unit_id).first()


def live_figures(*, report: PeriodicReport, user: User) -> dict:
    return report.figures or report_figures(
        user=user,
        of_unit=report.of_unit,
        kind=report.period_kind,
        start=report.start,
        end=report.end,
    )


def _issue(report: PeriodicReport, user: User) -> PeriodicReport:
    """Number and freeze the report once; later calls return it as it was frozen."""
    # Only the report row: PostgreSQL cannot lock the outer-joined (optional) unit.
    locked = (
        PeriodicReport.objects.select_for_update(of=("self",))
        .select_related("unit__parent", "of_unit")
        .get(pk=report.pk)
    )
    if locked.number is None:
        today = timezone.localdate()
        locked.number = counter_next(key=f"doc/{locked.unit_id}/{TYPE_CODE}/{today.year}")
        locked.number_label = document_symbol(
            number=locked.number, type_code=TYPE_CODE, unit=locked.unit
        )
        locked.issued_on = today
        locked.figures = report_figures(
            user=user,
            of_unit=locked.of_unit,
            kind=locked.period_kind,
            start=locked.start,
            end=locked.end,
        )
        locked.save(update_fields=["number", "number_label", "issued_on", "figures"])
    return locked


def report_document_context(*, report: PeriodicReport, user: User) -> dict:
    """The printed report's values; a refused print (MissingValues) gives its number back."""
    with transaction.atomic():
        issued = _issue(report, user)
        context = report_context(issued, issued.figures)
        document_check(kind=K.PERIODIC_REPORT, context=context)
    return context


def report_render(*, report: PeriodicReport, user: User, fmt: str) -> Rendered:
    context = report_document_context(report=report, user=user)
    return context_render(kind=K.PERIODIC_REPORT, context=context, unit=report.unit, fmt=fmt)
