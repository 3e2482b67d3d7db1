"""Thống kê: every figure of a scope, a period and filters, read from the case history.

One entry point, `statistics_for(user=, period=, filters=)`, answers the screen, its
Excel file and the periodic report alike. The scope is what the user may read
(`access.readable`: a handling unit its wards' cases, an authority the cases that
reached it, a leader the province). Each figure counts *cases* — those whose first
history row of its kind is in the period — and carries the search `Criteria` of exactly
those cases, so that the list it links to has the figure's count (decision 022).

`statistics_for` reads the kept counts (`raovat.cases.tallies.statistics`, `KeptReader`
below: two queries over the kept table; a period is its whole months, month rows, plus
the days at its edges, day rows); `statistics_reference` counts the same from the
history and is the oracle the tests compare them with.
"""

from __future__ import annotations

import calendar as _months
import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, NullIf, TruncDate

from raovat.cases.calendar import is_working_day
from raovat.cases.clocks import legal_rules, state_days
from raovat.cases.labels import chain_label, chain_names
from raovat.cases.models import CaseEvent, Payment, PenaltyDecision, Sighting, StatisticsTally
from raovat.cases.models.clocks import Counting, LegalClock
from raovat.cases.phones import CARRIER_LABELS
from raovat.cases.selectors.access import active_unit_id, readable
from raovat.cases.selectors.events import (
    EVENT_KINDS,
    FOUND,
    cases_leaving,
    cases_with_event,
    clamp_day,
    day_range,
)
from raovat.cases.selectors.search import REPEATS, Criteria, statistics_q
from raovat.cases.tallies.statistics import tops
from raovat.cases.workflow import State
from raovat.units.models import Role, Unit, User

# -- inputs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Calendar days [start, end] in Asia/Ho_Chi_Minh, with the label a user reads."""

    start: datetime.date
    end: datetime.date
    label: str

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = _months.monthrange(year, month)[1]
        return cls(
            datetime.date(year, month, 1),
            datetime.date(year, month, last),
            f"Tháng {month:02d}/{year}",
        )

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        last = _months.monthrange(year, first + 2)[1]
        roman = ("I", "II", "III", "IV")[quarter - 1]
        return cls(
            datetime.date(year, first, 1),
            datetime.date(year, first + 2, last),
            f"Quý {roman} năm {year}",
        )

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"Năm {year}")

    @classmethod
    def custom(cls, start: datetime.date, end: datetime.date) -> Period:
        return cls(start, end, f"Từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}")


@dataclass(frozen=True)
class Filters:
    unit: Unit | None = None  # a reporting or a handling unit within the scope
    ad_type: str = ""
    carrier: str = ""


# -- answers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    count: int
    criteria: Criteria  # the search list of exactly the counted cases
    amount: int | None = None  # đồng, for the fines decided and paid


@dataclass(frozen=True)
class UnitRow:
    unit_id: int
    name: str
    figures: tuple[Figure, ...]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


@dataclass(frozen=True)
class Duration:
    """Working days a step took: how many were measured, the median and 90th percentile."""

    measured: int
    median: int | None
    p90: int | None


@dataclass(frozen=True)
class CarrierRow:
    carrier: str
    label: str
    received: Figure
    share: float  # of the cases received in the period, 0..1
    identified: Figure
    to_identify: Duration
    suspended: Figure
    to_suspend: Duration


@dataclass(frozen=True)
class StepRow:
    """Time in one step, for the stays that ended in the period."""

    key: str
    label: str
    ended: Figure
    duration: Duration
    days_allowed: int | None
    within: int  # stays that ended within the days allowed
    source: str = ""

    @property
    def share_within(self) -> float | None:
        return self.within / self.duration.measured if self.duration.measured else None


@dataclass(frozen=True)
class PlaceRow:
    place: str
    cases: Figure


@dataclass(frozen=True)
class Statistics:
    period: Period
    filters: Filters
    figures: tuple[Figure, ...]
    by_reporting_unit: tuple[UnitRow, ...]
    by_handling_unit: tuple[UnitRow, ...]
    by_carrier: tuple[CarrierRow, ...]
    steps: tuple[StepRow, ...]
    repeats: tuple[Figure, ...]
    places: tuple[PlaceRow, ...]
    unit_keys: tuple[str, ...] = field(default=())  # the figures of the unit tables

    def figure(self, key: str) -> Figure:
        """The count figure of a kind (the money figures share their kind's key)."""
        return next(f for f in self.figures if f.key == key and f.amount is None)

    def money(self, key: str) -> Figure:
        """ "quyet-dinh": the fines decided; "nop-phat": the fines paid (amount in đồng)."""
        return next(f for f in self.figures if f.key == key and f.amount is not None)


# Figures of the per-unit tables: the course of a case, in order.
UNIT_KEYS = (
    "tiep-nhan",
    "xac-nhan",
    "tra-ve",
    "xac-dinh",
    "quyet-dinh",
    "nop-phat",
    "ngung",
    "chuyen-van-hoa",
    "ket-thuc",
    "huy",
)
MONEY = {"quyet-dinh": "Tiền phạt theo quyết định", "nop-phat": "Tiền phạt đã nộp"}
TOP_PLACES = 10
# The case's carrier on an event row: the telecom authority's answer, else the prefix's.
_CARRIER = Coalesce(NullIf(F("case__subscriber__carrier"), Value("")), F("case__carrier_hint"))
_CASE_CARRIER = Coalesce(NullIf(F("subscriber__carrier"), Value("")), F("carrier_hint"))


def statistics_for(*, user: User, period: Period, filters: Filters | None = None) -> Statistics:
    """Every figure of the user's scope, read from the kept counts (decision 022)."""
    return KeptReader(user, period, filters or Filters()).read()


def statistics_reference(
    *, user: User, period: Period, filters: Filters | None = None
) -> Statistics:
    """The same answer counted from the history itself: slow (it reads every case of the
    scope), exact, and the oracle the kept counts are tested against."""
    return _Reader(user, period, filters or Filters()).read()


class _Reader:
    def __init__(self, user: User, period: Period, filters: Filters):
        self.user = user
        self.period = period
        self.filters = filters
        self.names = chain_names(user.unit) if user.unit_id else {}
        self.base = _base_criteria(filters)
        self.cases = readable(user).filter(statistics_q(self.base))
        self.low, self.high = day_range(period.start, period.end)

    def criteria(self, key: str, **more) -> Criteria:
        return replace(
            self.base, event=key, event_from=self.period.start, event_to=self.period.end, **more
        )

    def label(self, text: str) -> str:
        return chain_label(text, names=self.names)

    def figure(
        self, key: str, count: int, *, label: str = "", amount: int | None = None, **more
    ) -> Figure:
        return Figure(
            key,
            self.label(label or EVENT_KINDS[key].label),
            count,
            self.criteria(key, **more),
            amount,
        )

    def events(self):
        return CaseEvent.objects.filter(
            at__gte=self.low, at__lt=self.high, case__in=self.cases.values("pk")
        )

    def read(self) -> Statistics:
        counts = self.counts()
        figures = [self.figure(k, counts[k]) for k in EVENT_KINDS if k != FOUND]
        figures += self.money()
        return Statistics(
            period=self.period,
            filters=self.filters,
            figures=tuple(figures),
            by_reporting_unit=self.by_unit("case__reporting_unit_id", "origin_unit"),
            by_handling_unit=self.by_unit("case__handling_unit_id", "handling_unit"),
            by_carrier=self.by_carrier(),
            steps=self.steps(),
            repeats=self.repeats(),
            places=self.places(),
            unit_keys=UNIT_KEYS,
        )

    # -- counts ------------------------------------------------------------------------

    def _firsts(self, keys) -> dict:
        """Cases whose first event of each kind is in the period, as aggregates."""
        start, end = self.period.start, self.period.end
        return {
            k.replace("-", "_"): Count("pk", filter=cases_with_event(k, start, end)) for k in keys
        }

    def counts(self) -> Counter:
        keys = [k for k in EVENT_KINDS if k != FOUND]
        row = self.cases.order_by().aggregate(**self._firsts(keys))
        return Counter({k: row[k.replace("-", "_")] or 0 for k in keys})

    def money(self) -> list[Figure]:
        decided = self.cases.filter(statistics_q(self.criteria("quyet-dinh")))
        paid = self.cases.filter(statistics_q(self.criteria("nop-phat")))
        fined = PenaltyDecision.objects.filter(case__in=decided.values("pk")).aggregate(
            n=Count("id"), total=Sum("amount")
        )
        payments = Payment.objects.filter(decision__case__in=paid.values("pk")).aggregate(
            n=Count("id"), total=Sum("amount")
        )
        return [
            self.figure(
                "quyet-dinh", fined["n"], label=MONEY["quyet-dinh"], amount=fined["total"] or 0
            ),
            self.figure(
                "nop-phat", payments["n"], label=MONEY["nop-phat"], amount=payments["total"] or 0
            ),
        ]

    def by_unit(self, column: str, criterion: str) -> tuple[UnitRow, ...]:
        column = column.removeprefix("case__")
        rows = [
            r
            for r in self.cases.order_by().values(column).annotate(**self._firsts(UNIT_KEYS))
            if any(r[k.replace("-", "_")] for k in UNIT_KEYS)
        ]
        names = dict(
            Unit.objects.filter(pk__in=[r[column] for r in rows if r[column]]).values_list(
                "pk", "name"
            )
        )
        result = []
        for r in rows:
            pk = r[column]
            if pk is None:
                continue
            figures = tuple(
                self.figure(k, r[k.replace("-", "_")] or 0, **{criterion: pk}) for k in UNIT_KEYS
            )
            result.append(UnitRow(pk, names.get(pk, ""), figures))
        result.sort(key=lambda row: (-row.figures[0].count, row.name))
        return tuple(result)

    # -- carriers and durations --------------------------------------------------------

    def by_carrier(self) -> tuple[CarrierRow, ...]:
        keys = ("tiep-nhan", "xac-dinh", "ngung")
        rows = {
            r["carrier"] or "": r
            for r in self.cases.order_by()
            .annotate(carrier=_CASE_CARRIER)
            .values("carrier")
            .annotate(**self._firsts(keys))
        }
        to_identify = self.waits(
            "provide_identity", ("send_to_telecom", "resend_to_telecom"), by_carrier=True
        )
        to_suspend = self.waits("suspend", ("request_suspension",), by_carrier=True)
        total = sum(r["tiep_nhan"] for r in rows.values()) or 0
        result = []
        zero = {"tiep_nhan": 0, "xac_dinh": 0, "ngung": 0}
        for c in sorted(rows.keys() | to_identify.keys() | to_suspend.keys()):
            r = rows.get(c, zero)
            if not (any(r[k] for k in zero) or c in to_identify or c in to_suspend):
                continue
            c = r["carrier"] or ""
            result.append(
                CarrierRow(
                    carrier=c,
                    label=CARRIER_LABELS.get(c, c or "Không rõ"),
                    received=self.figure("tiep-nhan", r["tiep_nhan"], carrier_effective=c),
                    share=(r["tiep_nhan"] / total) if total else 0.0,
                    identified=self.figure("xac-dinh", r["xac_dinh"], carrier_effective=c),
                    to_identify=_duration(to_identify.get(c, Counter())),
                    suspended=self.figure("ngung", r["ngung"], carrier_effective=c),
                    to_suspend=_duration(to_suspend.get(c, Counter())),
                )
            )
        result.sort(key=lambda row: (-row.received.count, row.label))
        return tuple(result)

    def waits(
        self, action: str, started_by: tuple[str, ...], *, by_carrier: bool = False
    ) -> dict[str, Counter]:
        """Working days from the latest `started_by` event to each `action` event in the
        period, as a histogram per carrier (or under "" for all)."""
        start = (
            CaseEvent.objects.filter(
                case_id=OuterRef("case_id"), action__in=started_by, at__lte=OuterRef("at")
            )
            .order_by("-at", "-id")
            .values("at")[:1]
        )
        carrier = _CARRIER if by_carrier else F("action")
        rows = (
            self.events()
            .filter(action=action)
            .order_by()
            .annotate(started=Subquery(start))
            .exclude(started=None)
            .annotate(group=carrier, begin=TruncDate("started"), end=TruncDate("at"))
            .values("group", "begin", "end")
            .annotate(n=Count("id"))
        )
        return self._histograms(
            [(r["group"] if by_carrier else "", r["begin"], r["end"], r["n"]) for r in rows]
        )

    def _histograms(self, rows) -> dict[str, Counter]:
        rows = [(g, b, e, n) for g, b, e, n in rows if b is not None and e is not None]
        index = _working_index([d for _, b, e, _ in rows for d in (b, e)])
        result: dict[str, Counter] = {}
        for group, begin, end, n in rows:
            result.setdefault(group or "", Counter())[index[end] - index[begin]] += n
        return result

    def steps(self) -> tuple[StepRow, ...]:
        """Stays in each state that ended in the period: from the event that entered the
        state to the event that left it, in working days, against its days allowed."""
        entered = (
            CaseEvent.objects.filter(
                case_id=OuterRef("case_id"),
                to_state=OuterRef("from_state"),
                at__lte=OuterRef("at"),
                id__lt=OuterRef("id"),
            )
            .order_by("-at", "-id")
            .values("at")[:1]
        )
        rows = (
            self.events()
            .exclude(from_state="")
            .exclude(from_state=F("to_state"))
            .order_by()
            .annotate(started=Subquery(entered))
            .exclude(started=None)
            .annotate(begin=TruncDate("started"), end=TruncDate("at"))
            .values("from_state", "begin", "end")
            .annotate(n=Count("id"), cases=Count("case_id", distinct=True))
        )
        rows = list(rows)
        per_state = self._histograms(
            [(r["from_state"], r["begin"], r["end"], r["n"]) for r in rows]
        )
        ended = self._stays_ended()
        allowed = state_days()
        result = []
        for state in State:
            if state in (State.CLOSED, State.CANCELLED):
                continue
            ended_figure = self._left_state_figure(state.value, ended.get(state.value, 0))
            histogram = per_state.get(state.value, Counter())
            result.append(
                _state_step(state, self.label(state.label), ended_figure, histogram, allowed)
            )
        result.append(self.decision_step())
        return tuple(result)

    def _stays_ended(self) -> dict[str, int]:
        """Cases that left each state for the first time in the period."""
        start, end = self.period.start, self.period.end
        row = self.cases.order_by().aggregate(
            **{s.value: Count("pk", filter=cases_leaving(s.value, start, end)) for s in State}
        )
        return {k: v or 0 for k, v in row.items()}

    def _left_state_figure(self, state: str, count: int) -> Figure:
        # The list of cases that left the state in the period: the search's state filter
        # is the current state, so the figure links to the step's leaving events instead.
        return Figure(
            f"roi-{state}",
            self.label(State(state).label),
            count,
            self.criteria("", left_state=state),
        )

    def decision_step(self) -> StepRow:
        """The legal clock of the decision: working days from the record's day."""
        rule = legal_rules().get(LegalClock.Key.DECISION)
        decided = self.cases.filter(statistics_q(self.criteria("quyet-dinh")))
        rows = (
            PenaltyDecision.objects.filter(case__in=decided.values("pk"))
            .annotate(begin=TruncDate("record__made_at"))
            .values("begin", "decided_on")
            .annotate(n=Count("id"))
        )
        histogram = self._histograms([("", r["begin"], r["decided_on"], r["n"]) for r in rows]).get(
            "", Counter()
        )
        return _decision_step(rule, histogram, self.figure("quyet-dinh", sum(histogram.values())))

    # -- repeats and places ------------------------------------------------------------

    def repeats(self) -> tuple[Figure, ...]:
        of = {"so": "tiep-nhan", "chu": "xac-dinh", "tai-pham": "quyet-dinh"}
        result = []
        for kind, label in REPEATS.items():
            criteria = self.criteria(of[kind], repeat=kind)
            count = self.cases.filter(statistics_q(criteria)).order_by().count()
            result.append(Figure(f"lap-lai-{kind}", label, count, criteria))
        return tuple(result)

    def places(self) -> tuple[PlaceRow, ...]:
        earlier = Sighting.objects.filter(
            case_id=OuterRef("case_id"), place=OuterRef("place"), found_on__lt=self.period.start
        )
        rows = (
            Sighting.objects.filter(
                found_on__gte=self.period.start,
                found_on__lte=self.period.end,
                case__in=self.cases.values("pk"),
            )
            .exclude(Exists(earlier))
            .order_by()
            .values("place")
            .annotate(n=Count("case_id", distinct=True))
            .order_by("-n", "place")[:TOP_PLACES]
        )
        return tuple(
            PlaceRow(
                r["place"], self.figure(FOUND, r["n"], label="Lần phát hiện", place=r["place"])
            )
            for r in rows
        )


def _base_criteria(filters: Filters) -> Criteria:
    unit = filters.unit
    return Criteria(
        origin_unit=unit.pk if unit is not None and unit.role == Role.REPORTER else None,
        handling_unit=unit.pk if unit is not None and unit.role == Role.HANDLER else None,
        ad_type=filters.ad_type,
        carrier_effective=filters.carrier,
    )


def _working_index(days: list[datetime.date]) -> dict[datetime.date, int]:
    """Working days up to each day since the earliest: a difference of two is
    `working_days_between` of the two days, for thousands of pairs at once."""
    if not days:
        return {}
    day, last = min(days), max(days)
    index, count = {}, 0
    while day <= last:
        count += is_working_day(day)
        index[day] = count
        day += datetime.timedelta(days=1)
    return index


def _within(histogram: Counter, days: int | None) -> int:
    """Stays that took at most the days allowed."""
    return sum(n for d, n in histogram.items() if days is not None and d <= days)


def _state_step(state, label: str, ended: Figure, histogram: Counter, allowed) -> StepRow:
    """Time in one state against its days allowed ("Thời hạn xử lý"), for both readers."""
    days = allowed.get(state.value)
    return StepRow(
        key=state.value,
        label=label,
        ended=ended,
        duration=_duration(histogram),
        days_allowed=days,
        within=_within(histogram, days),
        source="Thời hạn xử lý",
    )


def _decision_step(rule, histogram: Counter, ended: Figure) -> StepRow:
    """The decision after the record against its legal clock, for both readers."""
    days = rule.amount if rule and rule.counting == Counting.WORKING_DAYS else None
    return StepRow(
        key="quyet-dinh",
        label="Ra quyết định xử phạt sau khi lập biên bản",
        ended=ended,
        duration=_duration(histogram),
        days_allowed=days,
        within=_within(histogram, days),
        source=rule.source if rule else "",
    )


def _duration(histogram: Counter) -> Duration:
    n = sum(histogram.values())
    if not n:
        return Duration(0, None, None)
    return Duration(n, _rank(histogram, n, 0.5), _rank(histogram, n, 0.9))


def _rank(histogram: Counter, n: int, q: float) -> int:
    """The nearest-rank percentile: the smallest value with at least q·n values ≤ it."""
    wanted, seen = max(1, math.ceil(q * n)), 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= wanted:
            return value
    return max(histogram)


# -- from the kept counts ----------------------------------------------------------


def viewers(user) -> list[int]:
    """The viewer keys of the user's scope: their unit; a leader the province (its top
    unit) and their unit's cases from another province (−unit)."""
    unit_id = active_unit_id(user)
    if unit_id is None:
        return []
    if not user.leader:
        return [unit_id]
    top = tops().get(unit_id, unit_id)
    return [top] if top == unit_id else [top, -unit_id]


def period_q(start: datetime.date, end: datetime.date) -> Q:
    """Month rows for the whole months of [start, end], day rows for the rest.

    Days no event has (year 1, year 9999) are brought within the years events have, as
    `day_range` does: the rows are the same, and month arithmetic cannot overflow."""
    start, end = clamp_day(start), clamp_day(end)
    first = start if start.day == 1 else _next_month(start)
    last_month = end.replace(day=1)
    whole_end = end if end.day == _months.monthrange(end.year, end.month)[1] else None
    last = last_month if whole_end else _previous_month(last_month)
    if first > last:  # no whole month inside
        return Q(grain="d", day__gte=start, day__lte=end)
    q = Q(grain="m", day__gte=first, day__lte=last)
    if start < first:
        q |= Q(grain="d", day__gte=start, day__lt=first)
    if not whole_end:
        q |= Q(grain="d", day__gte=last_month, day__lte=end)
    return q


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _previous_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


class _Sums:
    """The grouped rows, summed the ways the page reads them."""

    def __init__(self, rows):
        self.total: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.reporting: Counter = Counter()
        self.handling: Counter = Counter()
        self.carrier: Counter = Counter()
        self.histogram: dict[tuple, Counter] = defaultdict(Counter)
        for measure, rep, hand, carrier, bucket, cases, events, amount in rows:
            t = self.total[measure]
            t[0] += cases
            t[1] += events
            t[2] += amount
            self.reporting[(measure, rep)] += cases
            self.handling[(measure, hand)] += cases
            self.carrier[(measure, carrier)] += cases
            if events:
                self.histogram[(measure, carrier)][bucket] += events
                self.histogram[(measure, None)][bucket] += events  # every carrier

    def count(self, measure: str) -> int:
        return self.total[measure][0] if measure in self.total else 0

    def hist(self, measure: str, carrier=None) -> Counter:
        found = self.histogram.get((measure, carrier), Counter())
        return Counter({k: v for k, v in found.items() if v})


class KeptReader(_Reader):
    def __init__(self, user, period, filters):
        # Not the reference's: it would build the scope's case query, unused here.
        self.user, self.period, self.filters = user, period, filters
        self.names = chain_names(user.unit) if user.unit_id else {}
        self.base = _base_criteria(filters)
        rows = (
            self._rows()
            .exclude(measure="noi")
            .values_list("measure", "reporting_unit", "handling_unit", "carrier", "bucket")
        )
        self.sums = _Sums(
            rows.annotate(c=Sum("cases"), e=Sum("events"), a=Sum("amount")).order_by()
        )

    def _rows(self):
        rows = StatisticsTally.objects.filter(
            period_q(self.period.start, self.period.end), viewer__in=viewers(self.user)
        )
        f, base = self.filters, self.base
        if f.ad_type:
            rows = rows.filter(ad_type=f.ad_type)
        if base.origin_unit:
            rows = rows.filter(reporting_unit=base.origin_unit)
        if base.handling_unit:
            rows = rows.filter(handling_unit=base.handling_unit)
        if f.carrier:
            rows = rows.filter(carrier=f.carrier)
        return rows

    def counts(self) -> Counter:
        return Counter({k: self.sums.count(k) for k in EVENT_KINDS if k != FOUND})

    def money(self):
        result = []
        for key in ("quyet-dinh", "nop-phat"):
            _, n, amount = self.sums.total.get(key, (0, 0, 0))
            result.append(self.figure(key, n, label=MONEY[key], amount=amount))
        return result

    def by_unit(self, column: str, criterion: str) -> tuple[UnitRow, ...]:
        sums = self.sums.reporting if criterion == "origin_unit" else self.sums.handling
        per_unit: dict[int, dict[str, int]] = defaultdict(dict)
        for (measure, pk), n in sums.items():
            if measure in UNIT_KEYS and pk and n:
                per_unit[pk][measure] = n
        names = dict(Unit.objects.filter(pk__in=list(per_unit)).values_list("pk", "name"))
        result = [
            UnitRow(
                pk,
                names.get(pk, ""),
                tuple(self.figure(k, counts.get(k, 0), **{criterion: pk}) for k in UNIT_KEYS),
            )
            for pk, counts in per_unit.items()
        ]
        result.sort(key=lambda row: (-row.figures[0].count, row.name))
        return tuple(result)

    def by_carrier(self) -> tuple[CarrierRow, ...]:
        keys = ("tiep-nhan", "xac-dinh", "ngung")
        s = self.sums
        carriers = {c for (m, c), n in s.carrier.items() if m in keys and n}
        carriers |= {c for (m, c) in s.histogram if m.startswith("cho:") and c and s.hist(m, c)}
        total = s.count("tiep-nhan")
        result = []
        for c in carriers:
            received = s.carrier[("tiep-nhan", c)]
            result.append(
                CarrierRow(
                    carrier=c,
                    label=CARRIER_LABELS.get(c, c or "Không rõ"),
                    received=self.figure("tiep-nhan", received, carrier_effective=c),
                    share=(received / total) if total else 0.0,
                    identified=self.figure(
                        "xac-dinh", s.carrier[("xac-dinh", c)], carrier_effective=c
                    ),
                    to_identify=_duration(s.hist("cho:xac-dinh", c)),
                    suspended=self.figure("ngung", s.carrier[("ngung", c)], carrier_effective=c),
                    to_suspend=_duration(s.hist("cho:ngung", c)),
                )
            )
        result.sort(key=lambda row: (-row.received.count, row.label))
        return tuple(result)

    def steps(self) -> tuple[StepRow, ...]:
        allowed = state_days()
        result = []
        for state in State:
            if state in (State.CLOSED, State.CANCELLED):
                continue
            ended_figure = self._left_state_figure(
                state.value, self.sums.count(f"roi:{state.value}")
            )
            histogram = self.sums.hist(f"o:{state.value}")
            result.append(
                _state_step(state, self.label(state.label), ended_figure, histogram, allowed)
            )
        result.append(self.decision_step())
        return tuple(result)

    def decision_step(self) -> StepRow:
        rule = legal_rules().get(LegalClock.Key.DECISION)
        histogram = self.sums.hist("qd:han")
        return _decision_step(rule, histogram, self.figure("quyet-dinh", sum(histogram.values())))

    def repeats(self):
        of = {"so": "tiep-nhan", "chu": "xac-dinh", "tai-pham": "quyet-dinh"}
        return tuple(
            Figure(
                f"lap-lai-{kind}",
                label,
                self.sums.count(f"lap-lai:{kind}"),
                self.criteria(of[kind], repeat=kind),
            )
            for kind, label in REPEATS.items()
        )

    def places(self) -> tuple[PlaceRow, ...]:
        rows = (
            self._rows()
            .filter(measure="noi")
            .values("place")
            .annotate(n=Sum("cases"))
            .filter(n__gt=0)
            .order_by("-n", "place")[:TOP_PLACES]
        )
        return tuple(
            PlaceRow(
                r["place"], self.figure(FOUND, r["n"], label="Lần phát hiện", place=r["place"])
            )
            for r in rows
        )


def statistics_units(*, user: User):
    """The units "Đơn vị" may filter by: the reporting and handling units of the scope."""
    from raovat.units.selectors import province_reporting_unit_ids, reporting_units_for

    unit = user.unit if user.unit_id else None
    if unit is None or not unit.active:
        return Unit.objects.none()
    if user.leader:
        reporters = Unit.objects.filter(pk__in=province_reporting_unit_ids(unit))
    else:
        reporters = reporting_units_for(user=user)
    handlers = Unit.objects.filter(pk__in=reporters.values("handling_unit_id"))
    if unit.role == Role.REPORTER and not user.leader:
        handlers = Unit.objects.none()
    return Unit.objects.filter(Q(pk__in=reporters.values("pk")) | Q(pk__in=handlers.values("pk")))
