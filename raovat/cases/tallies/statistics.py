"""The kept counts of "Thống kê" (decision 022): what each case adds to every figure.

A case adds, per figure ("measure"), one row per viewer, grain and ad type:

- **viewers**: every unit on its route (`CaseUnit`, what `Case.objects.visible_to`
  reads), the top unit of its reporting unit's tree (the province a leader reads), and
  −unit for a route unit of another province (a leader reads the province plus their own
  unit's cases: the province row and the −unit row never count one case twice);
- **grains**: the day and the month of the figure's day ("d" and "m"), so that a period
  sums whole months plus the days at its edges;
- **ad types**: +1 under each type of its sightings ("" when it has none) and −(n − 1)
  under "*" when it has n > 1 types, so that the sum over every ad type counts it once
  and the rows of one type count exactly the cases with a sighting of that type.

Measures (the day of each is the day of the case's *first* row of its kind):

- each kind of `EVENT_KINDS` but the sightings (cases = 1; the decision's and the
  payment's number and amount ride on "quyet-dinh" and "nop-phat");
- "roi:<state>": the case left the state (first time);
- "o:<state>": one stay in the state ended that day, `bucket` working days long (not
  first-time: every stay is measured, as the reference reader measures them);
- "cho:xac-dinh", "cho:ngung": waits for the telecom authority's answer and for the
  suspension, per stay, in working days;
- "qd:han": working days from the record to the decision, on the day of the decision;
- "lap-lai:so" | "lap-lai:chu" | "lap-lai:tai-pham": the repeat figures;
- "noi": the case's first sighting at a place (`place`), on its day.
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from django.db.models import Min, Q
from django.utils import timezone

from raovat.cases.calendar import is_working_day
from raovat.cases.models import (
    Case,
    CaseEvent,
    CaseUnit,
    PenaltyRecord,
    Sighting,
    StatisticsTally,
    Subscriber,
)
from raovat.cases.selectors.events import EVENT_KINDS, FOUND, RECORDED
from raovat.cases.tallies import Contributions, KeptTally, register
from raovat.units.models import Unit
from raovat.units.process_cache import cached

ALL_TYPES = "*"  # the correction row of a case of several ad types
WAITS = {
    "cho:xac-dinh": ("provide_identity", ("send_to_telecom", "resend_to_telecom")),
    "cho:ngung": ("suspend", ("request_suspension",)),
}
REPEAT_OF = {"so": "tiep-nhan", "chu": "xac-dinh", "tai-pham": "quyet-dinh"}


def matches(q: Q, row: dict) -> bool:
    """Whether a history row meets a condition of EVENT_KINDS (exact and `in` lookups,
    AND/OR, NOT): the kinds are named once, as conditions, and read here too."""
    results = []
    for child in q.children:
        if isinstance(child, Q):
            results.append(matches(child, row))
            continue
        lookup, value = child
        name, _, op = lookup.partition("__")
        results.append(row[name] in value if op == "in" else row[name] == value)
    result = all(results) if q.connector == Q.AND else any(results)
    return not result if q.negated else result


@functools.cache
def _kinds_of(action: str, from_state: str, to_state: str) -> tuple[str, ...]:
    """The kinds a history row is of (a handful of distinct rows: computed once each)."""
    row = {"action": action, "from_state": from_state, "to_state": to_state}
    return tuple(
        key
        for key, kind in EVENT_KINDS.items()
        if kind.condition is not None and matches(kind.condition, row)
    )


def tops() -> dict[int, int]:
    """Each unit's top unit (its province), for every unit of the tree."""

    def compute():
        parent = dict(Unit.objects.values_list("id", "parent_id"))
        result = {}
        for pk in parent:
            top, seen = pk, set()
            while parent.get(top) is not None and top not in seen:
                seen.add(top)
                top = parent[top]
            result[pk] = top
        return result

    return cached("statistics_tops", compute)


@dataclass
class _Case:
    pk: int
    reporting_unit: int
    handling_unit: int
    carrier: str
    decision: tuple | None  # (amount, decided_on, record made_at, repeat?)
    payment: int | None  # amount
    repeat_so: bool = False
    repeat_chu: bool = False
    units: list[int] = field(default_factory=list)
    sightings: list[tuple] = field(default_factory=list)  # (found_on, place, ad_type)
    events: list[dict] = field(default_factory=list)
    recorded: datetime.datetime | None = None


def _read(case_ids: Sequence[int], without: Collection[int]) -> list[_Case]:
    """The facts of the cases in a handful of queries."""
    rows = Case.objects.filter(pk__any=case_ids).values_list(
        "pk",
        "reporting_unit_id",
        "handling_unit_id",
        "carrier_hint",
        "subscriber__carrier",
        "phone_e164",
        "subscriber__id_number",
        "decision__amount",
        "decision__decided_on",
        "decision__record__made_at",
        "decision__repeat_of_id",
        "decision__payment__amount",
    )
    cases, phones, owners = {}, {}, {}
    for pk, rep, hand, hint, sub, phone, id_number, amount, on, made, rep_of, paid in rows:
        decision = (amount, on, made, rep_of is not None) if amount is not None else None
        cases[pk] = _Case(pk, rep, hand or 0, sub or hint or "", decision, paid)
        phones[pk] = phone
        if id_number:
            owners[pk] = id_number
    _repeats(cases, phones, owners, without)
    for case_id, unit_id in CaseUnit.objects.filter(case_id__any=case_ids).values_list(
        "case_id", "unit_id"
    ):
        cases[case_id].units.append(unit_id)
    for case_id, *sighting in Sighting.objects.filter(case_id__any=case_ids).values_list(
        "case_id", "found_on", "place", "ad_type"
    ):
        cases[case_id].sightings.append(tuple(sighting))
    events = CaseEvent.objects.filter(case_id__any=case_ids).order_by("case_id", "at", "id")
    tz = timezone.get_default_timezone()
    for row in events.values("case_id", "id", "action", "from_state", "to_state", "at"):
        row["day"] = row["at"].astimezone(tz).date()
        cases[row["case_id"]].events.append(row)
    records = PenaltyRecord.objects.filter(case_id__any=case_ids).values("case_id")
    for r in records.annotate(first=Min("made_at")).order_by():
        cases[r["case_id"]].recorded = r["first"]
    return list(cases.values())


def _repeats(cases: dict, phones: dict, owners: dict, without: Collection[int]) -> None:
    """The repeat flags of search's `repeat_q`: an earlier case of the same number, an
    earlier case of the same subscriber (ignoring the cases in `without`)."""
    first_of_phone = _firsts(
        Case.objects.filter(phone_e164__any=set(phones.values())).exclude(pk__any=without),
        "phone_e164",
        "pk",
    )
    first_of_owner = _firsts(
        Subscriber.objects.filter(id_number__any=set(owners.values())).exclude(
            case_id__any=without
        ),
        "id_number",
        "case_id",
    )
    for pk, case in cases.items():
        case.repeat_so = first_of_phone.get(phones[pk], pk) < pk
        if pk in owners:
            case.repeat_chu = first_of_owner.get(owners[pk], pk) < pk


def _firsts(qs, key: str, pk: str) -> dict:
    return dict(qs.order_by().values(key).annotate(first=Min(pk)).values_list(key, "first"))


def _local(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(timezone.get_default_timezone()).date()


class _Days:
    """Working days up to each day, over the span the chunk needs (one walk)."""

    def __init__(self):
        self.index: dict[datetime.date, int] = {}
        self.low = self.high = None

    def between(self, begin: datetime.date, end: datetime.date) -> int:
        self._cover(min(begin, end), max(begin, end))
        return self.index[end] - self.index[begin]

    def _cover(self, low: datetime.date, high: datetime.date) -> None:
        if self.low is not None and self.low <= low and high <= self.high:
            return
        low = min(low, self.low or low)
        high = max(high, self.high or high)
        day, count, index = low, 0, {}
        while day <= high:
            count += is_working_day(day)
            index[day] = count
            day += datetime.timedelta(days=1)
        self.index, self.low, self.high = index, low, high


def _latest(events: list[dict], before: dict, wanted, *, earlier_id: bool) -> dict | None:
    """The latest row (by time, then id) meeting `wanted` at or before `before`."""
    best = None
    for e in events:
        if e["at"] > before["at"] or (earlier_id and e["id"] >= before["id"]):
            continue
        if wanted(e) and (best is None or (e["at"], e["id"]) > (best["at"], best["id"])):
            best = e
    return best


def measures(case: _Case, days: _Days) -> Counter:
    """(measure, day, bucket, place) → (cases, events, amount) of one case."""
    out: Counter = Counter()
    first: dict[str, datetime.date] = {}
    left: dict[str, datetime.date] = {}
    for e in case.events:
        for key in _kinds_of(e["action"], e["from_state"], e["to_state"]):
            if key not in first:
                first[key] = e["day"]
        _stay(case, e, days, out, left)
    if case.recorded is not None:
        first[RECORDED] = _local(case.recorded)
    for key, day in first.items():
        out[(key, day, 0, "")] = _values(case, key)
    for state, day in left.items():
        out[(f"roi:{state}", day, 0, "")] = (1, 0, 0)
    _decision(case, first, days, out)
    _repeat_rows(case, first, out)
    places: dict[str, datetime.date] = {}
    for found_on, place, _ in case.sightings:
        if place not in places or found_on < places[place]:
            places[place] = found_on
    for place, day in places.items():
        out[("noi", day, 0, place)] = (1, 0, 0)
    return out


def _repeat_rows(case: _Case, first: dict, out: Counter) -> None:
    flags = {
        "so": case.repeat_so,
        "chu": case.repeat_chu,
        "tai-pham": case.decision is not None and case.decision[3],
    }
    for kind, key in REPEAT_OF.items():
        if flags[kind] and key in first:
            out[(f"lap-lai:{kind}", first[key], 0, "")] = (1, 0, 0)


def _values(case: _Case, key: str) -> tuple[int, int, int]:
    if key == "quyet-dinh" and case.decision is not None:
        return (1, 1, case.decision[0])
    if key == "nop-phat" and case.payment is not None:
        return (1, 1, case.payment)
    return (1, 0, 0)


def _add(out: Counter, key: tuple, values: tuple) -> None:
    old = out.get(key)
    out[key] = values if old is None else tuple(a + b for a, b in zip(old, values, strict=True))


def _stay(case: _Case, e: dict, days: _Days, out: Counter, left: dict) -> None:
    """A stay that this row ends (the first leaving of each state), and the waits."""
    state = e["from_state"]
    if state and state != e["to_state"]:
        end = e["day"]
        left.setdefault(state, end)
        entered = _latest(case.events, e, lambda x: x["to_state"] == state, earlier_id=True)
        if entered is not None:
            bucket = days.between(entered["day"], end)
            _add(out, (f"o:{state}", end, bucket, ""), (0, 1, 0))
    for measure, (action, started_by) in WAITS.items():
        if e["action"] != action:
            continue
        start = _latest(
            case.events, e, lambda x, by=started_by: x["action"] in by, earlier_id=False
        )
        if start is not None:
            end = e["day"]
            bucket = days.between(start["day"], end)
            _add(out, (measure, end, bucket, ""), (0, 1, 0))


def _decision(case: _Case, first: dict, days: _Days, out: Counter) -> None:
    if case.decision is None or "quyet-dinh" not in first:
        return
    _, decided_on, made_at, _ = case.decision
    bucket = days.between(_local(made_at), decided_on)
    out[("qd:han", first["quyet-dinh"], bucket, "")] = (0, 1, 0)


def _viewers(case: _Case, top: dict[int, int]) -> tuple[int, ...]:
    province = top.get(case.reporting_unit, case.reporting_unit)
    viewers = {*case.units, province}
    viewers |= {-u for u in case.units if top.get(u, u) != province}
    return tuple(sorted(viewers))


def _types(case: _Case) -> tuple[tuple[str, int], ...]:
    kinds = sorted({t for _, _, t in case.sightings})
    if not kinds:
        return (("", 1),)
    weights = [(t, 1) for t in kinds]
    if len(kinds) > 1:
        weights.append((ALL_TYPES, 1 - len(kinds)))
    return tuple(weights)


class StatisticsKept(KeptTally):
    model = StatisticsTally
    values = ("cases", "events", "amount")

    def contributions(
        self, case_ids: Sequence[int], without: Collection[int] = ()
    ) -> Contributions:
        top = tops()
        days = _Days()
        # Cases alike in viewers, types and units add up before they are spread over
        # viewers, grains and types: one spread per group, not per case.
        groups: dict[tuple, Counter] = defaultdict(Counter)
        for case in _read(case_ids, without):
            sig = (
                _viewers(case, top),
                _types(case),
                case.reporting_unit,
                case.handling_unit,
                case.carrier,
            )
            into = groups[sig]
            for key, values in measures(case, days).items():
                _add(into, key, values)
        return _spread(groups)

    def neighbours(self, case_ids: Sequence[int]) -> set[int]:
        """Later cases of the same number or subscriber: their repeat flags read these."""
        if not case_ids:
            return set()
        phones = Case.objects.filter(pk__any=case_ids).values("phone_e164")
        owners = (
            Subscriber.objects.filter(case_id__any=case_ids)
            .exclude(id_number="")
            .values("id_number")
        )
        low = min(case_ids)
        later = set(
            Case.objects.filter(phone_e164__in=phones, pk__gt=low).values_list("pk", flat=True)
        )
        later |= set(
            Subscriber.objects.filter(id_number__in=owners, case_id__gt=low).values_list(
                "case_id", flat=True
            )
        )
        return later - set(case_ids)


def _spread(groups: dict[tuple, Counter]) -> Contributions:
    result: Contributions = {}
    for (viewers, types, rep, hand, carrier), rows in groups.items():
        for (measure, day, bucket, place), values in rows.items():
            month = day.replace(day=1)
            for ad_type, weight in types:
                weighted = values if weight == 1 else tuple(v * weight for v in values)
                for viewer in viewers:
                    for grain, d in (("d", day), ("m", month)):
                        key = (viewer, grain, d, measure, ad_type, rep, hand, carrier)
                        key += (bucket, place)
                        old = result.get(key)
                        result[key] = (
                            weighted
                            if old is None
                            else tuple(a + b for a, b in zip(old, weighted, strict=True))
                        )
    return result


KEPT = register(StatisticsKept())
__all__ = ["FOUND", "KEPT", "StatisticsKept", "matches", "measures", "tops"]
