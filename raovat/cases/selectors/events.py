"""The events "Thống kê" counts, named once so that a figure and its drill-down list
(`Criteria.event`) read the same rows of the case history.

Each kind is a condition on `CaseEvent` (the rows `case_transition` writes), except
"recorded": the violation record is not a change of state, so it is read from
`PenaltyRecord.made_at`.

A figure counts a case in the period of its *first* row of the kind ("no earlier row of
this kind"), so that counts of days and months add up (decision 022).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from raovat.cases.models import CaseEvent, PenaltyRecord, Sighting
from raovat.cases.workflow import State


@dataclass(frozen=True)
class EventKind:
    key: str
    label: str  # may hold {telecom} / {culture}: pass through chain_label
    condition: Q | None  # on CaseEvent; None for "recorded"


RECORDED = "bien-ban"
FOUND = "phat-hien"  # sightings found in the period (Sighting.found_on), by place

EVENT_KINDS: dict[str, EventKind] = {
    k.key: k
    for k in [
        EventKind(FOUND, "Lần phát hiện", None),
        EventKind("tiep-nhan", "Hồ sơ tiếp nhận", Q(action="submit")),
        EventKind("xac-nhan", "Đã xác nhận", Q(action="confirm")),
        EventKind("tra-ve", "Trả về bổ sung", Q(action="return_to_reporter")),
        EventKind(
            "chuyen-vien-thong",
            "Chuyển {telecom}",
            Q(action__in=("send_to_telecom", "resend_to_telecom")),
        ),
        EventKind("vien-thong-tra-ve", "{telecom} trả về", Q(action="return_to_handler")),
        EventKind("xac-dinh", "Đã có thông tin thuê bao", Q(action="provide_identity")),
        EventKind("lien-he", "Hoàn tất liên hệ", Q(action="contact_done")),
        EventKind(RECORDED, "Lập biên bản vi phạm hành chính", None),
        EventKind("quyet-dinh", "Ra quyết định xử phạt", Q(action="decide")),
        EventKind(
            "nop-phat", "Đã nộp phạt", Q(action__in=("record_payment", "record_late_payment"))
        ),
        EventKind(
            "yeu-cau-ngung", "Yêu cầu ngưng cung cấp dịch vụ", Q(action="request_suspension")
        ),
        EventKind("ngung", "Đã ngưng cung cấp dịch vụ", Q(action="suspend")),
        EventKind("khoi-phuc", "Đã khôi phục dịch vụ", Q(action="restore")),
        EventKind("chuyen-van-hoa", "Gởi {culture} xử lý", Q(action="send_to_culture")),
        EventKind(
            "ket-thuc", "Đã kết thúc", Q(to_state=State.CLOSED) & ~Q(from_state=State.CLOSED)
        ),
        EventKind("huy", "Đã hủy", Q(action="cancel")),
    ]
}


_FIRST_DAY, _LAST_DAY = datetime.date(1900, 1, 1), datetime.date(9998, 12, 31)


def clamp_day(day: datetime.date) -> datetime.date:
    """A day within the years events can have (the rest is empty of events anyway)."""
    return min(max(day, _FIRST_DAY), _LAST_DAY)


def day_range(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """[first moment of `start`, first moment after `end`) in the product's time zone.

    Days a user may type but no event has (year 1, year 9999) are brought within years
    the time zone's arithmetic can hold: the answer is the same, not an OverflowError."""
    tz = timezone.get_default_timezone()
    start, end = clamp_day(start), clamp_day(end)
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return low, high


EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2999, 12, 31)


def event_rows(key: str, start: datetime.date | None, end: datetime.date | None, place: str = ""):
    """The rows of one kind in [start, end] as a queryset with a `case_id` column."""
    kind = EVENT_KINDS[key]
    start = start or EARLIEST
    end = end or LATEST
    if key == FOUND:
        rows = Sighting.objects.filter(found_on__gte=start, found_on__lte=end)
        return rows.filter(place=place) if place else rows
    low, high = day_range(start, end)
    if key == RECORDED:
        return PenaltyRecord.objects.filter(made_at__gte=low, made_at__lt=high)
    return CaseEvent.objects.filter(kind.condition, at__gte=low, at__lt=high)


def _first_in(rows_in, rows_before) -> Q:
    """Cases with a row in the period and none of the same kind before it: each case
    counts once per kind ever, on the day of its first row (decision 022)."""
    q = Q(pk__in=rows_in.order_by().values("case_id"))
    if rows_before is not None:
        q &= ~Q(pk__in=rows_before.order_by().values("case_id"))
    return q


def cases_with_event(
    key: str, start: datetime.date | None, end: datetime.date | None, place: str = ""
) -> Q:
    """A condition on Case: its first event of kind `key` (at `place`, for the
    sightings) is in the period."""
    start = start or EARLIEST
    before = None
    if start > EARLIEST:
        before = event_rows(key, EARLIEST, start - datetime.timedelta(days=1), place)
    return _first_in(event_rows(key, start, end, place), before)


def leaving_rows(state: str, start: datetime.date, end: datetime.date):
    low, high = day_range(start, end)
    return CaseEvent.objects.filter(from_state=state, at__gte=low, at__lt=high).exclude(
        to_state=state
    )


def cases_leaving(state: str, start: datetime.date | None, end: datetime.date | None) -> Q:
    """A condition on Case: it left `state` (a change of state) for the first time in
    the period."""
    start = start or EARLIEST
    before = None
    if start > EARLIEST:
        before = leaving_rows(state, EARLIEST, start - datetime.timedelta(days=1))
    return _first_in(leaving_rows(state, start, end or LATEST), before)
