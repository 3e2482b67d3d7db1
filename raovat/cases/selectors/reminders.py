"""The reminder panel ("Nhắc việc"): what waits for a unit, and what is overdue."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from raovat.cases.labels import chain_label, chain_names
from raovat.cases.models import Case, StateDeadline
from raovat.cases.workflow import STATE_ACTOR, State
from raovat.units.models import Unit
from raovat.units.process_cache import cached

# What a unit's officer reads on the panel for each state the unit must act on.
REMINDER_LABELS = {
    State.DRAFT: "Hồ sơ đang lập, chưa gửi",
    State.RETURNED_TO_REPORTER: "Hồ sơ bị trả về bổ sung",
    State.AWAITING_CONFIRMATION: "Xác nhận vi phạm từ {reporter}",
    State.CONFIRMED: "Chuyển {telecom} cung cấp thông tin thuê bao",
    State.RETURNED_BY_TELECOM: "Hồ sơ trả về từ {telecom}",
    State.TO_CONTACT: "Liên hệ chủ thuê bao",
    State.AWAITING_SUBSCRIBER: "Xử lý vi phạm",
    State.AT_TELECOM: "Cung cấp thông tin thuê bao",
    State.SUSPENSION_REQUESTED: "Yêu cầu ngưng cung cấp dịch vụ",
    State.SUSPENDED: "Thuê bao đang bị ngưng – chờ khôi phục",
    State.AT_CULTURE: "Hồ sơ chuyển đến để xử lý",
}

# Used until an administrator sets other values in "Thời hạn xử lý".
DEFAULT_DAYS = {
    State.DRAFT: 3,
    State.RETURNED_TO_REPORTER: 5,
    State.AWAITING_CONFIRMATION: 3,
    State.CONFIRMED: 5,
    State.AT_TELECOM: 15,
    State.RETURNED_BY_TELECOM: 5,
    State.TO_CONTACT: 7,
    State.AWAITING_SUBSCRIBER: 15,
    State.SUSPENSION_REQUESTED: 7,
    State.SUSPENDED: 90,
    State.AT_CULTURE: 30,
}


@dataclass
class Reminder:
    state: str
    label: str
    total: int
    overdue: int
    days_allowed: int
    url: str = ""


def states_for(unit: Unit) -> list[str]:
    """The states the unit acts on; none while it is inactive (it reads and does nothing)."""
    if not unit.active:
        return []
    return [s for s, role in STATE_ACTOR.items() if role == unit.role]


def days_allowed() -> dict[str, int]:
    def read():
        days = dict(DEFAULT_DAYS)
        days.update(StateDeadline.objects.values_list("state", "days"))
        return days

    return cached("days_allowed", read)


def reminder_names(unit: Unit) -> dict[str, str]:
    names = chain_names(unit)
    reporter = cached(("reporter_kind", unit.pk),
                      lambda: unit.reporting_units.values_list("kind", flat=True).first())
    names["reporter"] = reporter or "đơn vị phát hiện"
    return names


# The panel counts each state up to here and says "hơn 1.000" beyond: a unit with a
# backlog of 40,000 cases reads a few thousand index entries, not 40,000, on every page.
COUNT_CAP = 1_000


class Capped(int):
    """A count that stopped at COUNT_CAP; reads "hơn 1.000" on the screen."""

    def __str__(self) -> str:
        if self > COUNT_CAP:
            return "hơn " + f"{COUNT_CAP:,}".replace(",", ".")
        return f"{int(self):,}".replace(",", ".")


def _counts(unit_id: int, states, before: dict[str, datetime.datetime]) -> dict:
    """(total, overdue) per state, each counted in an index range stopping at the cap,
    all in one query."""
    table = connection.ops.quote_name(Case._meta.db_table)
    part = (f"SELECT %s, (SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE current_unit_id = %s"
            f" AND state = %s LIMIT %s) AS t), (SELECT COUNT(*) FROM (SELECT 1 FROM {table}"
            f" WHERE current_unit_id = %s AND state = %s AND state_since < %s LIMIT %s) AS o)")
    params: list = []
    for state in states:
        params += [state, unit_id, state, COUNT_CAP + 1, unit_id, state,
                   connection.ops.adapt_datetimefield_value(before[state]), COUNT_CAP + 1]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join([part] * len(states)), params)
        return {state: (total, overdue) for state, total, overdue in cursor.fetchall()}


def reminders_for(*, unit: Unit, now: datetime.datetime | None = None) -> list[Reminder]:
    """One reminder per state the unit acts on, counted in a single bounded query."""
    states = states_for(unit)
    if not states:
        return []
    now = now or timezone.now()
    days = days_allowed()
    counts = _counts(unit.pk, states, {
        s: now - datetime.timedelta(days=days[s]) for s in states})
    names = reminder_names(unit)
    return [
        Reminder(
            state=state,
            label=_fill(REMINDER_LABELS[state], names),
            total=Capped(counts[state][0]),
            overdue=Capped(counts[state][1]),
            days_allowed=days[state],
        )
        for state in states
    ]


def _fill(text: str, names: dict[str, str]) -> str:
    return chain_label(text, names=names).replace("{reporter}", names["reporter"])
