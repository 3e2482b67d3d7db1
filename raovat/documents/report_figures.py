"""The periodic report's figures: the statistics screen's selector, kept as plain data.

`statistics_for` (raovat/cases/selectors/statistics.py) answers the screen; this module
turns its answer into the dict a report stores when it is first printed
(`PeriodicReport.figures`) and its context reads: labelled whole numbers, in the screen's
order and with the screen's labels.
"""

from django.utils import timezone

from raovat.cases.selectors.statistics import Filters, Period, Statistics, statistics_for
from raovat.documents.models import PeriodKind
from raovat.units.models import Unit, User

# The columns of the table per reporting unit: report field -> the screen's figure key.
PER_UNIT = {
    "received": "tiep-nhan",
    "confirmed": "xac-nhan",
    "returned": "tra-ve",
    "decided": "quyet-dinh",
    "suspended": "ngung",
    "closed": "ket-thuc",
}


def period_of(kind: str, start, end) -> Period:
    if kind == PeriodKind.MONTH:
        return Period.month(start.year, start.month)
    if kind == PeriodKind.QUARTER:
        return Period.quarter(start.year, (start.month - 1) // 3 + 1)
    if kind == PeriodKind.YEAR:
        return Period.year(start.year)
    return Period.custom(start, end)


def _share(value: float) -> str:
    return f"{value * 100:.1f} %".replace(".", ",")


def figures_of(stats: Statistics) -> dict:
    """The statistics as the report prints them (strings and whole numbers only)."""
    # The unit table's column is narrow: "Phường Bến Nghé", as the screen's lists name it.
    short = dict(
        Unit.objects.filter(pk__in=[r.unit_id for r in stats.by_reporting_unit]).values_list(
            "pk", "short_name"
        )
    )
    return {
        "computed_at": timezone.now().isoformat(),
        "totals": [
            {"key": f.key, "label": f.label, "value": f.count}
            for f in stats.figures
            if f.amount is None
        ],
        "money": [
            {"key": f.key, "label": f.label, "value": f.amount, "count": f.count}
            for f in stats.figures
            if f.amount is not None
        ],
        "by_reporter": [
            {
                "unit": short.get(row.unit_id) or row.name,
                **{field: row.figure(key).count for field, key in PER_UNIT.items()},
            }
            for row in stats.by_reporting_unit
        ],
        "by_carrier": [
            {
                "carrier": row.label,
                "cases": row.received.count,
                "share": _share(row.share),
                "identified": row.identified.count,
                "identify_days": "—"
                if row.to_identify.median is None
                else str(row.to_identify.median),
                "suspended": row.suspended.count,
            }
            for row in stats.by_carrier
        ],
    }


def report_figures(*, user: User, of_unit: Unit | None, kind: str, start, end) -> dict:
    """The figures of the period for `user`'s scope, narrowed to `of_unit` if given."""
    stats = statistics_for(
        user=user, period=period_of(kind, start, end), filters=Filters(unit=of_unit)
    )
    return {**figures_of(stats), "scope_name": scope_name(user=user, of_unit=of_unit)}


def scope_name(*, user: User, of_unit: Unit | None) -> str:
    """Whose figures these are, as the report's first paragraph names them."""
    if of_unit is not None:
        return of_unit.name
    if user.leader:  # a leader reads the whole province (decision 022)
        top = list(user.unit.ancestors())[-1]
        return f"các đơn vị thuộc {top.place_name or top.name}"
    return user.unit.name
