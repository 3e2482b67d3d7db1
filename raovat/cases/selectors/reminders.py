"""The reminder panel ("Nhắc việc"): what waits for a unit, what is due soon, what is overdue.

Due dates are stored on the case (`Case.due_on`, kept by the workflow service from
`raovat.cases.clocks`), so each count is a range on the (unit, state, due_on) index.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from raovat.cases.clocks import due_soon_until, overdue_before, state_days
from raovat.cases.labels import chain_label, chain_names
from raovat.cases.models import Case
from raovat.cases.workflow import STATE_ACTOR, State
from raovat.units.models import Unit

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
    def overdue_before(self) -> datetime.datetime:
        """Cases that entered the state before this moment are overdue today."""
        return overdue_before(state=self.state, today=self.today or timezone.localdate(),
                              days={self.state: self.days_allowed})


def states_for(unit: Unit) -> list[str]:
    """The states the unit acts on; none while it is inactive (it reads and does nothing)."""
    if not unit.active:
        return []
    return [s for s, role in STATE_ACTOR.items() if role == unit.role]


def days_allowed() -> dict[str, int]:
    return state_days()


def reminder_names(unit: Unit) -> dict[str, str]:
    names = chain_names(unit)
    reporter = unit.reporting_units.values_list("kind", flat=True).first()
    names["reporter"] = reporter or "đơn vị phát hiện"
    return names


def reminders_for(*, unit: Unit, now: datetime.datetime | None = None) -> list[Reminder]:
    """One reminder per state the unit acts on, counted in a single indexed query."""
    states = states_for(unit)
    if not states:
        return []
    today = timezone.localdate(now or timezone.now())
    soon_until = due_soon_until(today=today)
    days = days_allowed()
    rows = (
        Case.objects.waiting_for(unit.pk, *states)
        .values("state")
        # Counting a column of the index lets PostgreSQL answer from the index alone.
        .annotate(
            total=Count("state"),
            overdue=Count("state", filter=Q(due_on__lt=today)),
            due_soon=Count("state", filter=Q(due_on__gte=today, due_on__lte=soon_until)),
        )
        .order_by()
    )
    counts = {r["state"]: r for r in rows}
    names = reminder_names(unit)
    return [
        Reminder(
            state=state,
            label=_fill(REMINDER_LABELS[state], names),
            total=counts.get(state, {}).get("total", 0),
            overdue=counts.get(state, {}).get("overdue", 0),
            due_soon=counts.get(state, {}).get("due_soon", 0),
            days_allowed=days[state],
            today=today,
        )
        for state in states
    ]


def _fill(text: str, names: dict[str, str]) -> str:
    return chain_label(text, names=names).replace("{reporter}", names["reporter"])
