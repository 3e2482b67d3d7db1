"""The events "Thống kê" counts, named once so that a figure and its drill-down list
(`Criteria.event`) read the same rows of the case history.

Each kind is a condition on `CaseEvent` (the rows `case_transition` writes), except
"recorded": the violation record is not a change of state, so it is read from
`PenaltyRecord.made_at`.
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


def day_range(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """[first moment of `start`, first moment after `end`) in the product's time zone.

    Days a user may type but no event has (year 1, year 9999) are brought within years
    the time zone's arithmetic can hold: the answer is the same, not an OverflowError."""
    tz = timezone.get_default_timezone()
    start, end = (min(max(day, _FIRST_DAY), _LAST_DAY) for day in (start, end))
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return low, high


def event_rows(key: str, start: datetime.date | None, end: datetime.date | None, place: str = ""):
    """The rows of one kind in [start, end] as a queryset with a `case_id` column."""
    kind = EVENT_KINDS[key]
    start = start or datetime.date(2000, 1, 1)
    end = end or datetime.date(2999, 12, 31)
    if key == FOUND:
        rows = Sighting.objects.filter(found_on__gte=start, found_on__lte=end)
        return rows.filter(place=place) if place else rows
    low, high = day_range(start, end)
    if key == RECORDED:
        return PenaltyRecord.objects.filter(made_at__gte=low, made_at__lt=high)
    return CaseEvent.objects.filter(kind.condition, at__gte=low, at__lt=high)


def cases_with_event(
    key: str, start: datetime.date | None, end: datetime.date | None, place: str = ""
) -> Q:
    """A condition on Case: it has an event of kind `key` in the period."""
    return Q(pk__in=event_rows(key, start, end, place).order_by().values("case_id"))


def cases_leaving(state: str, start: datetime.date | None, end: datetime.date | None) -> Q:
    """A condition on Case: it left `state` (a change of state) in the period."""
    low, high = day_range(start or datetime.date(2000, 1, 1), end or datetime.date(2999, 12, 31))
    rows = CaseEvent.objects.filter(from_state=state, at__gte=low, at__lt=high).exclude(
        to_state=state
    )
    return Q(pk__in=rows.order_by().values("case_id"))
