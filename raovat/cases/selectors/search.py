"""Tra cứu hồ sơ: every criterion of the manual's search, scoped to the user's unit,
with keyset pagination so that page 1,000 costs what page 1 costs."""

import base64
import datetime
import json
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from raovat.cases.models import Case, CaseEvent, Sighting, Subscriber
from raovat.cases.phones import digits_for_search
from raovat.cases.selectors.access import identity_scope
from raovat.cases.selectors.events import EVENT_KINDS, cases_leaving, cases_with_event
from raovat.cases.text import fold
from raovat.units.models import User

# Column the officer sorts by -> model field; every one is indexed together with id.
SORTS = {
    "so-ho-so": "id",
    "ngay-phat-hien": "first_found_on",
    "cap-nhat": "state_since",
}
PAGE_SIZE = 50
# A search counts up to here ("hơn 1.000 hồ sơ"): past it the officer narrows the search;
# counting to 10,000 took 0.4 s of probes on broad combined criteria (decision 026).
COUNT_CAP = 1_000


@dataclass
class Criteria:
    phone: str = ""
    number: str = ""
    reporting_unit: int | None = None
    state: str = ""
    found_from: datetime.date | None = None
    found_to: datetime.date | None = None
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None
    carrier: str = ""
    subscriber_name: str = ""
    address: str = ""
    ad_text: str = ""
    officer: int | None = None
    # The drill-down of a figure of "Thống kê" (raovat.cases.selectors.statistics).
    event: str = ""
    event_from: datetime.date | None = None
    event_to: datetime.date | None = None
    place: str = ""
    origin_unit: int | None = None  # the unit that opened the case, not other sightings
    handling_unit: int | None = None
    ad_type: str = ""
    carrier_effective: str = ""  # the telecom authority's carrier, else the prefix's
    repeat: str = ""  # one of REPEATS
    left_state: str = ""  # cases that left this state in [event_from, event_to]
    sort: str = "so-ho-so"
    descending: bool = True
    extra: dict = field(default_factory=dict)


def case_search(*, user: User, criteria: Criteria):
    """The cases the user may read that match every criterion given."""
    c = criteria
    qs = Case.objects.visible_to(user)
    for condition in (
        _simple(c),
        _ward(c),
        _carrier(c),
        _identity(user, c),
        _texts(user, c),
        _officer(c),
        _statistics(c),
    ):
        if condition is not None:
            qs = qs.filter(condition)
    return qs


def _simple(c: Criteria) -> Q:
    """Criteria on the case's own columns."""
    digits = digits_for_search(c.phone) if c.phone else ""
    fields = {
        "phone_national__contains": digits,
        "number__icontains": c.number.strip(),
        "state": c.state,
        "first_found_on__gte": c.found_from,
        "first_found_on__lte": c.found_to,
        "received_at__date__gte": c.received_from,
        "received_at__date__lte": c.received_to,
    }
    return Q(**{key: value for key, value in fields.items() if value})


def _ward(c: Criteria) -> Q | None:
    """Cases the ward opened, or recorded a sighting of. Probed case by case (the
    sightings' case index), not as `id IN` all the ward's sightings ever: that list is a
    quarter of a million rows at a million cases, hashed again for every query."""
    if not c.reporting_unit:
        return None
    return Q(reporting_unit_id=c.reporting_unit) | Exists(
        Sighting.objects.filter(
            case=OuterRef("pk"),
            case_id__lte=OuterRef("pk"),  # never hashed: see _any_of
            reporting_unit_id=c.reporting_unit,
        )
    )


def _carrier(c: Criteria) -> Q | None:
    if not c.carrier:
        return None
    return Q(carrier_hint=c.carrier) | Q(subscriber__carrier=c.carrier)


def _identity(user: User, c: Criteria) -> Q | None:
    """Searching by name must not reveal an identity the unit may not see."""
    if not c.subscriber_name:
        return None
    return identity_scope(user) & Q(subscriber__name_folded__contains=fold(c.subscriber_name))


def _texts(user: User, c: Criteria) -> Q | None:
    condition = Q()
    if c.address:
        folded = fold(c.address)
        condition &= _any_of(
            Subscriber.objects.filter(address_folded__contains=folded).filter(
                case__in=Case.objects.filter(identity_scope(user)).values("pk")
            ),
            Sighting.objects.filter(text_folded__contains=folded),
        )
    if c.ad_text:
        condition &= _any_of(Sighting.objects.filter(text_folded__contains=fold(c.ad_text)))
    return condition or None


def _officer(c: Criteria) -> Q | None:
    if not c.officer:
        return None
    return Q(pk__in=CaseEvent.objects.filter(actor_id=c.officer).values("case_id"))


REPEATS = {
    "so": "Số thuê bao đã có hồ sơ trước đó",
    "chu": "Chủ thuê bao đã có hồ sơ trước đó",
    "tai-pham": "Quyết định xử phạt có tình tiết tái phạm",
}


def _statistics(c: Criteria) -> Q | None:
    """The drill-down of a figure of "Thống kê", when the search is one."""
    if not (
        c.event
        or c.left_state
        or c.origin_unit
        or c.handling_unit
        or c.ad_type
        or c.carrier_effective
        or c.repeat
    ):
        return None
    return statistics_q(c)


def statistics_q(c: Criteria) -> Q:
    """The conditions "Thống kê" counts by, shared with its figures so that each figure
    and the list it links to count the same cases."""
    q = Q()
    if c.event in EVENT_KINDS:
        q &= cases_with_event(c.event, c.event_from, c.event_to, c.place)
    if c.left_state:
        q &= cases_leaving(c.left_state, c.event_from, c.event_to)
    if c.origin_unit:
        q &= Q(reporting_unit_id=c.origin_unit)
    if c.handling_unit:
        q &= Q(handling_unit_id=c.handling_unit)
    if c.ad_type:
        q &= Q(pk__in=Sighting.objects.filter(ad_type=c.ad_type).values("case_id"))
    if c.carrier_effective:
        q &= carrier_q(c.carrier_effective)
    if c.repeat in REPEATS:
        q &= repeat_q(c.repeat)
    return q


def carrier_q(carrier: str) -> Q:
    """The case's carrier: the telecom authority's answer, else the prefix's guess."""
    return Q(subscriber__carrier=carrier) | (
        Q(carrier_hint=carrier) & (Q(subscriber__isnull=True) | Q(subscriber__carrier=""))
    )


def repeat_q(kind: str) -> Q:
    if kind == "so":
        return Q(
            Exists(Case.objects.filter(phone_e164=OuterRef("phone_e164"), pk__lt=OuterRef("pk")))
        )
    if kind == "chu":
        return Q(
            Exists(
                Subscriber.objects.filter(
                    id_number=OuterRef("subscriber__id_number"), case_id__lt=OuterRef("pk")
                ).exclude(id_number="")
            )
        )
    return Q(decision__repeat_of__isnull=False)


FEW = 5_000


def _any_of(*related) -> Q:
    """Cases that have a row in any of `related` (querysets with a `case` foreign key).

    A rare word is best found through its trigram index and then the cases; a common one
    by walking the newest cases and probing each. Which one it is shows in a bounded
    look at the index, so both cost milliseconds at a million cases.
    """
    ids: set[int] = set()
    for qs in related:
        found = list(qs.order_by().values_list("case_id", flat=True)[: FEW + 1])
        if len(found) > FEW:
            break
        ids.update(found)
    else:
        # One array, not a placeholder per id: the page query and its count both read it.
        return Q(pk__any=sorted(ids))
    condition = Q()
    for qs in related:
        # Probed case by case. The second, redundant comparison keeps PostgreSQL from
        # hashing every matching row first (it may turn an EXISTS on a plain equality
        # into a hashed IN): for a common word that read all million sightings, 4 s for
        # a count that stops at 1,000.
        condition |= Exists(qs.order_by().filter(case=OuterRef("pk"), case_id__lte=OuterRef("pk")))
    return condition


@dataclass
class Page:
    rows: list
    next_cursor: str = ""
    prev_cursor: str = ""
    number: int = 1
    total: int = 0
    total_capped: bool = False


def _encode(value, pk: int, number: int) -> str:
    raw = json.dumps([value.isoformat() if hasattr(value, "isoformat") else value, pk, number])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, column: str):
    """The (value, id, page number) of a cursor made by _encode, or None for anything else:
    a cursor comes back from the address bar and may have been edited."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, pk, number = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not (
            isinstance(pk, int)
            and isinstance(number, int)
            and 0 < pk < 2**63
            and 0 < number < 10**9
        ):
            return None
        if column == "id" or value is None:
            return value, pk, number
        if not isinstance(value, str):
            return None
        if column.endswith("_on"):  # dates are named *_on, moments *_at or *_since
            return datetime.date.fromisoformat(value[:10]), pk, number
        moment = datetime.datetime.fromisoformat(value)
        return (moment, pk, number) if moment.tzinfo is not None else None
    except (ValueError, TypeError):
        return None


def paginate(
    qs,
    *,
    sort: str,
    descending: bool,
    after: str = "",
    before: str = "",
    sorts: dict[str, str] = SORTS,
) -> Page:
    """One page after or before a cursor, ordered by (sort field, primary key)."""
    column = sorts.get(sort, "id")
    forward = not before
    cursor = _decode(before or after, column) if (before or after) else None
    number = 1
    if cursor:
        value, pk, number = cursor
        going_down = descending == forward
        op = "lt" if going_down else "gt"
        if column == "id":
            qs = qs.filter(**{f"pk__{op}": pk})
        else:
            qs = qs.filter(Q(**{f"{column}__{op}": value}) | Q(**{column: value, f"pk__{op}": pk}))
        number = number + 1 if forward else number - 1
    desc = descending == forward
    order = [f"-{column}", "-pk"] if desc else [column, "pk"]
    if column == "id":
        order = order[1:]
    rows = list(qs.order_by(*order)[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    if not forward:
        rows.reverse()
    page = Page(rows=rows, number=max(number, 1))
    if rows:
        first, last = rows[0], rows[-1]
        if (forward and more) or not forward:
            page.next_cursor = _encode(getattr(last, column), last.pk, page.number)
        if (not forward and more) or (forward and cursor):
            page.prev_cursor = _encode(getattr(first, column), first.pk, page.number)
    return page


def count_capped(qs, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """The number of results, stopping at `cap` so a broad search stays cheap."""
    n = qs.order_by()[: cap + 1].count()
    return min(n, cap), n > cap
