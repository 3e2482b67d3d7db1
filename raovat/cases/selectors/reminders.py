"""The reminder panel ("Nhắc việc"): what waits for a unit, what is due soon, what is overdue.

Due dates are stored on the case (`Case.due_on`, kept by the workflow service from
`raovat.cases.clocks`), so each count is a range on the (unit, state, due_on) index.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from raovat.cases.clocks import (
    EXPLICIT_DUE_STATES,
    RECORD_CLOCK_STATES,
    due_soon_until,
    overdue_before,
    state_days,
)
from raovat.cases.labels import chain_label, chain_names
from raovat.cases.models import Case
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
    State.DECIDED: "Quyết định xử phạt chờ nộp phạt",
    State.AT_TELECOM: "Cung cấp thông tin thuê bao",
    State.SUSPENSION_REQUESTED: "Yêu cầu ngưng cung cấp dịch vụ",
    State.SUSPENDED: "Thuê bao đang bị ngưng – chờ khôi phục",
    State.AT_CULTURE: "Hồ sơ chuyển đến để xử lý",
}


@dataclass
class Reminder:
    state: str
    label: str
    total: int
    overdue: int
    days_allowed: int  # working days
    due_soon: int = 0
    url: str = ""
    today: datetime.date | None = None

    @property
    def overdue_reason(self) -> str:
        """What "Quá hạn" means for the state, after the count on the panel."""
        if self.state in EXPLICIT_DUE_STATES:
            return "quá hạn nộp phạt trong quyết định"
        if self.state in RECORD_CLOCK_STATES:
            return (
                f"quá {self.days_allowed} ngày làm việc hoặc quá hạn ra quyết định "
                "xử phạt sau biên bản"
            )
        return f"quá {self.days_allowed} ngày làm việc"

    @property
    def overdue_before(self) -> datetime.datetime:
        """Cases that entered the state before this moment are overdue today."""
        return overdue_before(
            state=self.state,
            today=self.today or timezone.localdate(),
            days={self.state: self.days_allowed},
        )


def states_for(unit: Unit) -> list[str]:
    """The states the unit acts on; none while it is inactive (it reads and does nothing)."""
    if not unit.active:
        return []
    return [s for s, role in STATE_ACTOR.items() if role == unit.role]


def days_allowed() -> dict[str, int]:
    """The days of "Thời hạn xử lý", kept by the process (cleared when one changes)."""
    return cached(("state_days",), state_days)


def reminder_names(unit: Unit) -> dict[str, str]:
    names = chain_names(unit)
    reporter = cached(
        ("reporter_kind", unit.pk),
        lambda: unit.reporting_units.values_list("kind", flat=True).first(),
    )
    names["reporter"] = reporter or "đơn vị phát hiện"
    return names


# The panel counts each state up to here and says "hơn 1.000" beyond: a unit with a
# backlog of 40,000 cases reads a few thousand index entries, not 40,000, on every page.
COUNT_CAP = 1_000


class Capped(int):
    """A count that stopped past COUNT_CAP; reads "hơn 1.000" on the screen."""

    def __str__(self) -> str:
        if self > COUNT_CAP:
            return "hơn " + f"{COUNT_CAP:,}".replace(",", ".")
        return f"{int(self):,}".replace(",", ".")


def _counts(unit_id: int, states, today: datetime.date, soon_until: datetime.date) -> dict:
    """(total, overdue, due soon) per state, each counted in its range of the waiting and
    due-date indexes and stopping past the cap, all in one query.

    The states come as one list of rows the three counts are correlated with: planned
    once, not once per state (a union of six states spent 2.4 ms planning, more than
    reading its indexes).
    """
    table = connection.ops.quote_name(Case._meta.db_table)
    capped = (
        f"(SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE current_unit_id = %s "
        f"AND state = s.state{{}} LIMIT %s) AS c)"
    )
    counts = ", ".join(
        capped.format(extra)
        for extra in ("", " AND due_on < %s", " AND due_on >= %s AND due_on <= %s")
    )
    rows = ", ".join(["(%s)"] * len(states))
    day = connection.ops.adapt_datefield_value
    cap = COUNT_CAP + 1
    params = [
        *states,
        *(unit_id, cap),
        *(unit_id, day(today), cap),
        *(unit_id, day(today), day(soon_until), cap),
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"WITH s(state) AS (VALUES {rows}) SELECT s.state, {counts} FROM s", params)
        return {row[0]: row[1:] for row in cursor.fetchall()}


def reminders_for(*, unit: Unit, now: datetime.datetime | None = None) -> list[Reminder]:
    """One reminder per state the unit acts on, counted in a single bounded query."""
    states = states_for(unit)
    if not states:
        return []
    today = timezone.localdate(now or timezone.now())
    days = days_allowed()
    counts = _counts(unit.pk, states, today, due_soon_until(today=today))
    names = reminder_names(unit)
    return [
        Reminder(
            state=state,
            label=_fill(REMINDER_LABELS[state], names),
            total=Capped(counts[state][0]),
            overdue=Capped(counts[state][1]),
            due_soon=Capped(counts[state][2]),
            days_allowed=days[state],
            today=today,
        )
        for state in states
    ]


def _fill(text: str, names: dict[str, str]) -> str:
    return chain_label(text, names=names).replace("{reporter}", names["reporter"])
