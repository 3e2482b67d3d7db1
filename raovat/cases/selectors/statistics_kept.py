"""Thống kê from the kept counts (`raovat.cases.tallies.statistics`, decision 022).

The same `Statistics` as the reference reader (`statistics_reference`), from two
queries over the kept table: the figures, per unit, per carrier, the histograms of the
steps (one grouped sum over the viewer's rows of the period), and the most reported
places. A period is its whole months (month rows) plus the days at its edges (day rows).
"""

from __future__ import annotations

import calendar as _months
import datetime
from collections import Counter, defaultdict

from django.db.models import Q, Sum

from raovat.cases.clocks import legal_rules, state_days
from raovat.cases.labels import chain_names
from raovat.cases.models import StatisticsTally
from raovat.cases.models.clocks import Counting, LegalClock
from raovat.cases.phones import CARRIER_LABELS
from raovat.cases.selectors.access import active_unit_id
from raovat.cases.selectors.events import EVENT_KINDS, FOUND
from raovat.cases.selectors.search import REPEATS
from raovat.cases.selectors.statistics import (
    MONEY,
    TOP_PLACES,
    UNIT_KEYS,
    CarrierRow,
    Figure,
    PlaceRow,
    StepRow,
    UnitRow,
    _base_criteria,
    _duration,
    _Reader,
)
from raovat.cases.tallies.statistics import tops
from raovat.cases.workflow import State
from raovat.units.models import Unit


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
    """Month rows for the whole months of [start, end], day rows for the rest."""
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
            histogram = self.sums.hist(f"o:{state.value}")
            days = allowed.get(state.value)
            within = sum(n for d, n in histogram.items() if days is not None and d <= days)
            result.append(
                StepRow(
                    key=state.value,
                    label=self.label(state.label),
                    ended=self._left_state_figure(
                        state.value, self.sums.count(f"roi:{state.value}")
                    ),
                    duration=_duration(histogram),
                    days_allowed=days,
                    within=within,
                    source="Thời hạn xử lý",
                )
            )
        result.append(self.decision_step())
        return tuple(result)

    def decision_step(self) -> StepRow:
        rule = legal_rules().get(LegalClock.Key.DECISION)
        histogram = self.sums.hist("qd:han")
        days = rule.amount if rule and rule.counting == Counting.WORKING_DAYS else None
        within = sum(n for d, n in histogram.items() if days is not None and d <= days)
        return StepRow(
            key="quyet-dinh",
            label="Ra quyết định xử phạt sau khi lập biên bản",
            ended=self.figure("quyet-dinh", sum(histogram.values())),
            duration=_duration(histogram),
            days_allowed=days,
            within=within,
            source=rule.source if rule else "",
        )

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
