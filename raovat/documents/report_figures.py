"""The periodic report's figures: the one place that reads the statistics for a report.

The report prints what the statistics screen shows; this module turns the screen's
selector result into the plain dict the report stores when it is first printed
(`PeriodicReport.figures`) and its context reads: lists of labelled whole numbers.
"""

import datetime
from collections import Counter as Tally

from django.db.models import Count, Q, Sum
from django.utils import timezone

from raovat.cases.models import CaseEvent, Payment, PenaltyDecision, PenaltyRecord
from raovat.cases.phones import CARRIER_LABELS
from raovat.cases.selectors import access
from raovat.units.models import Unit, User
from raovat.units.selectors import reporting_units_for

# (key, label) of each count, in the report's order.
COUNTS = (
    ("received", "Hồ sơ tiếp nhận"),
    ("confirmed", "Hồ sơ đã xác nhận"),
    ("returned", "Hồ sơ trả về"),
    ("identified", "Hồ sơ đã xác định chủ thuê bao"),
    ("contacted", "Chủ thuê bao đã được mời làm việc, liên hệ"),
    ("recorded", "Biên bản vi phạm hành chính đã lập"),
    ("decided", "Quyết định xử phạt đã ban hành"),
    ("suspended", "Số thuê bao đã ngưng cung cấp dịch vụ"),
    ("restored", "Số thuê bao đã khôi phục dịch vụ"),
    ("sent_to_culture", "Hồ sơ đã chuyển cơ quan văn hóa xử lý"),
    ("closed", "Hồ sơ đã kết thúc"),
    ("cancelled", "Hồ sơ đã hủy"),
)
MONEY = (
    ("fines_decided", "Số tiền phạt đã quyết định"),
    ("fines_paid", "Số tiền phạt đã nộp"),
)
# The history actions each count is made of.
ACTIONS = {
    "received": ("submit",), "confirmed": ("confirm",),
    "returned": ("return_to_reporter", "return_to_handler"),
    "identified": ("provide_identity",), "contacted": ("contact_done",),
    "decided": ("decide",), "suspended": ("suspend",), "restored": ("restore",),
    "sent_to_culture": ("send_to_culture",), "closed": ("record_payment", "restore", "close"),
    "cancelled": ("cancel",),
}
PER_UNIT = ("received", "confirmed", "returned", "decided", "suspended", "closed")


def _bounds(start: datetime.date, end: datetime.date):
    tz = timezone.get_current_timezone()
    first = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min,
                                      tzinfo=tz)
    return first, after


def _cases(user: User, of_unit: Unit | None):
    cases = access.readable(user)
    return cases if of_unit is None else cases.filter(participants__unit=of_unit)


def report_figures(*, user: User, of_unit: Unit | None, start: datetime.date,
                   end: datetime.date) -> dict:
    """The figures of `of_unit` from `start` to `end` (both included), as `user` sees them."""
    first, after = _bounds(start, end)
    cases = _cases(user, of_unit)
    events = CaseEvent.objects.filter(case__in=cases.values("pk"), at__gte=first, at__lt=after)
    by_action = dict(events.values_list("action").annotate(n=Count("id")))
    counts = {key: sum(by_action.get(a, 0) for a in ACTIONS.get(key, ())) for key, _ in COUNTS}
    decisions = PenaltyDecision.objects.filter(case__in=cases.values("pk"),
                                               decided_on__range=(start, end))
    counts["recorded"] = PenaltyRecord.objects.filter(
        case__in=cases.values("pk"), made_at__gte=first, made_at__lt=after).count()
    fines = decisions.aggregate(s=Sum("amount"))["s"] or 0
    paid = Payment.objects.filter(decision__case__in=cases.values("pk"),
                                  paid_on__range=(start, end)).aggregate(s=Sum("amount"))["s"]
    return {
        "computed_at": timezone.now().isoformat(),
        "totals": [{"key": k, "label": label, "value": counts[k]} for k, label in COUNTS],
        "money": [{"key": "fines_decided", "label": MONEY[0][1], "value": fines},
                  {"key": "fines_paid", "label": MONEY[1][1], "value": paid or 0}],
        "by_reporter": _by_reporter(events),
        "by_carrier": _by_carrier(cases, events),
    }


def _by_reporter(events) -> list[dict]:
    rows: dict[str, dict] = {}
    for name, action, n in (events.values_list("case__reporting_unit__short_name", "action")
                            .annotate(n=Count("id")).order_by()):
        row = rows.setdefault(name, {"unit": name, **dict.fromkeys(PER_UNIT, 0)})
        for key in PER_UNIT:
            if action in ACTIONS[key]:
                row[key] += n
    return [rows[name] for name in sorted(rows)]


def _by_carrier(cases, events) -> list[dict]:
    received = Tally(dict(events.filter(action="submit").values_list("case__carrier_hint")
                          .annotate(n=Count("id")).order_by()))
    other = events.values("case__carrier_hint").annotate(
        identified=Count("id", filter=Q(action="provide_identity")),
        suspended=Count("id", filter=Q(action="suspend"))).order_by()
    total = sum(received.values())
    rows = []
    for row in sorted(other, key=lambda r: r["case__carrier_hint"]):
        carrier = row["case__carrier_hint"]
        share = f"{received[carrier] * 100 / total:.1f} %".replace(".", ",") if total else "—"
        rows.append({"carrier": CARRIER_LABELS.get(carrier, "Chưa rõ"),
                     "cases": received[carrier], "share": share,
                     "identified": row["identified"], "identify_days": "—",
                     "suspended": row["suspended"]})
    return rows



def report_units(*, user: User):
    """The units a report may be narrowed to: those the statistics screen offers."""
    return reporting_units_for(user=user)
