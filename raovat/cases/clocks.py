"""The one place that computes a case's due dates: per-state deadlines and legal clocks.

- A per-state deadline ("Thời hạn xử lý", `StateDeadline`) is N working days after the
  day the case entered the state, for the role the case waits for. `case_transition`
  stores it on the case (`Case.due_on`) so that reminders count it by an indexed range.
- The legal clocks of the sanction (`LegalClock`, each with its provision): the penalty
  decision N working days after the record (more when the file is transferred), payment
  N days after the violator receives the decision, the limitation period from the
  violation, and the period in which an earlier decision makes a repeat offence.
  `legal_clocks` turns the facts of a case into these clocks; the sanction's checks and
  forms read the same rows (`limitation_ends_on`, `payment_due_from`, `repeat_since`), so
  an administrator's edit changes the clock shown and the rule applied together.

All working days come from `raovat.cases.calendar`.
"""

from __future__ import annotations

import calendar as _months
import datetime
from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from raovat.cases.calendar import working_day_add, working_days_between
from raovat.cases.models import Case, LegalClock, PenaltyRecord, StateDeadline
from raovat.cases.models.clocks import Counting
from raovat.cases.workflow import FINAL_STATES, State
from raovat.units.process_cache import cached

# A clock is "Sắp đến hạn" from this many working days before its due date.
DUE_SOON_WORKING_DAYS = 2

# Used until an administrator sets other values in "Thời hạn xử lý" (working days).
DEFAULT_STATE_DAYS = {
    State.DRAFT: 3,
    State.RETURNED_TO_REPORTER: 4,
    State.AWAITING_CONFIRMATION: 3,
    State.CONFIRMED: 4,
    State.AT_TELECOM: 11,
    State.RETURNED_BY_TELECOM: 4,
    State.TO_CONTACT: 5,
    State.AWAITING_SUBSCRIBER: 11,
    State.DECIDED: 8,
    State.SUSPENSION_REQUESTED: 5,
    State.SUSPENDED: 65,
    State.AT_CULTURE: 22,
}

_LAW = "Luật Xử lý vi phạm hành chính số 15/2012/QH13, sửa đổi, bổ sung bởi Luật số 67/2020/QH14"

# The Law counts the repeat period from the day the earlier decision was carried out
# (khoản 5 Điều 2, Điều 7), compared with the day of the new violation.
REPEAT_RULE = (
    1,
    Counting.YEARS,
    "ngày chấp hành xong quyết định xử phạt trước đó (ngày nộp phạt), "
    "tính đến ngày thực hiện hành vi vi phạm mới",
    f"Khoản 5 Điều 2, Điều 7 và điểm b khoản 1 Điều 10 {_LAW}",
)

# Used until an administrator edits "Thời hạn theo luật"; the migration seeds the same.
DEFAULT_LEGAL = {
    LegalClock.Key.DECISION: (
        7,
        Counting.WORKING_DAYS,
        "ngày lập biên bản vi phạm",
        f"Khoản 1 Điều 66 {_LAW}",
    ),
    LegalClock.Key.DECISION_TRANSFERRED: (
        10,
        Counting.WORKING_DAYS,
        "ngày lập biên bản vi phạm",
        f"Khoản 1 Điều 66 {_LAW}",
    ),
    LegalClock.Key.PAYMENT: (
        10,
        Counting.DAYS,
        "ngày nhận quyết định xử phạt",
        f"Khoản 1 Điều 73 {_LAW}",
    ),
    LegalClock.Key.LIMITATION: (
        1,
        Counting.YEARS,
        "ngày thực hiện hành vi vi phạm",
        f"Điểm a khoản 1 Điều 6 {_LAW}",
    ),
    LegalClock.Key.REPEAT: REPEAT_RULE,
}

# States whose due date the transition states itself (`case_transition(due_on=…)`, or the
# due date its requirement's facts carry: the payment deadline written in the decision):
# refreshing due dates after a calendar change leaves them alone.
EXPLICIT_DUE_STATES: frozenset[str] = frozenset({State.DECIDED})

# States in which a violation record starts the law's decision clock: the case is due on
# the earlier of the state's deadline and the last day to decide.
RECORD_CLOCK_STATES: frozenset[str] = frozenset({State.AWAITING_SUBSCRIBER})


@dataclass(frozen=True)
class Rule:
    amount: int
    counting: str
    starts: str = ""
    source: str = ""


@dataclass(frozen=True)
class Clock:
    key: str
    label: str
    due_on: datetime.date
    counting: str
    source: str
    days_left: int  # working days for a working-day clock, calendar days otherwise
    overdue: bool
    due_soon: bool
    # Once the fact the clock waits for is recorded, it has stopped (met or not).
    done: bool = False

    @property
    def days_left_text(self) -> str:
        unit = "ngày làm việc" if self.counting == Counting.WORKING_DAYS else "ngày"
        if self.overdue and self.key == LegalClock.Key.LIMITATION:
            return "Đã hết thời hiệu xử phạt"
        if self.overdue:
            return f"Quá hạn {-self.days_left} {unit}"
        if self.days_left == 0:
            return "Đến hạn hôm nay"
        return f"Còn {self.days_left} {unit}"


# -- per-state deadlines ---------------------------------------------------------------


def state_days() -> dict[str, int]:
    """Working days allowed per state: the administrator's values over the defaults."""
    days = dict(DEFAULT_STATE_DAYS)
    days.update(StateDeadline.objects.values_list("state", "days"))
    return days


def state_due_on(
    *, state: str, entered_on: datetime.date, days: dict[str, int] | None = None
) -> datetime.date | None:
    """The last day to act on a case that entered `state` on `entered_on`; None if final."""
    if state in FINAL_STATES:
        return None
    days = state_days() if days is None else days
    if state not in days:
        return None
    return working_day_add(entered_on, days[state])


def case_due_on(
    *,
    state: str,
    entered_on: datetime.date,
    record_on: datetime.date | None = None,
    days: dict[str, int] | None = None,
    rules: dict[str, Rule] | None = None,
) -> datetime.date | None:
    """The due date of a case in `state` since `entered_on`: the state's deadline, or the
    decision clock of a record made in it when that ends first."""
    due = state_due_on(state=state, entered_on=entered_on, days=days)
    if due is None or record_on is None or state not in RECORD_CLOCK_STATES:
        return due
    rules = rules or legal_rules()
    return min(due, clock_end(start=record_on, rule=rules[LegalClock.Key.DECISION]))


def due_soon_until(*, today: datetime.date) -> datetime.date:
    """Cases due from today up to this day are "Sắp đến hạn"."""
    return working_day_add(today, DUE_SOON_WORKING_DAYS)


def overdue_before(
    *, state: str, today: datetime.date, days: dict[str, int] | None = None
) -> datetime.datetime:
    """The moment before which entering `state` makes a case overdue today.

    Equivalent to `due_on < today` for the cases whose due date follows the state's
    rule: work lists that sort by `state_since` mark their overdue rows with it.
    """
    days = state_days() if days is None else days
    # The first entry day whose due date is today or later (due dates never decrease).
    day = today
    while working_day_add(day - datetime.timedelta(days=1), days[state]) >= today:
        day -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def due_dates_refresh(
    *, states: list[str] | None = None, entered_from: datetime.date | None = None
) -> int:
    """Recompute the stored due dates of open cases after the calendar or a rule changed.

    One UPDATE per (state, entry day) on the (state, state_since) index. Returns the
    number of cases whose due date was written.
    """
    days = state_days()
    states = [
        s
        for s in (states or days)
        if s in days and s not in EXPLICIT_DUE_STATES and s not in FINAL_STATES
    ]
    written = 0
    for state in states:
        # A case whose record started the decision clock is restated on its own below.
        cases = _without_record_clock(Case.objects.filter(state=state), state)
        if entered_from is not None:
            cases = cases.filter(state_since__gte=_start_of(entered_from))
        first = cases.order_by("state_since").values_list("state_since", flat=True).first()
        if first is None:
            continue
        day = timezone.localdate(first)
        last = timezone.localdate()
        while day <= last:
            due = working_day_add(day, days[state])
            written += (
                _without_record_clock(Case.objects.filter(state=state), state)
                .filter(
                    state_since__gte=_start_of(day),
                    state_since__lt=_start_of(day + datetime.timedelta(1)),
                )
                .exclude(due_on=due)
                .update(due_on=due)
            )
            day += datetime.timedelta(days=1)
    recorded = PenaltyRecord.objects.filter(
        case__state__in=[s for s in states if s in RECORD_CLOCK_STATES]
    ).values_list("case_id", flat=True)
    return written + due_dates_restate(case_ids=set(recorded))


def _without_record_clock(cases, state: str):
    if state not in RECORD_CLOCK_STATES:
        return cases
    return cases.exclude(Exists(PenaltyRecord.objects.filter(case=OuterRef("pk"))))


def due_dates_restate(*, case_ids) -> int:
    """Write again the due dates of these cases from their state, the day they entered it
    and their latest violation record, under the cases' row locks.

    What a record's save calls in its transaction, since the record starts the decision
    clock (`case_due_on`); a state whose due date its transition stated is left alone.
    Returns the number of cases whose due date changed.
    """
    cases = list(
        Case.objects.select_for_update(of=("self",))
        .filter(pk__in=list(case_ids))
        .exclude(state__in=EXPLICIT_DUE_STATES)
        .only("pk", "state", "state_since", "due_on")
        .order_by("pk")
    )
    if not cases:
        return 0
    records = dict(
        PenaltyRecord.objects.filter(case__in=cases)
        .values("case_id")
        .annotate(last=Max("made_at"))
        .values_list("case_id", "last")
    )
    days, rules, written = state_days(), legal_rules(), 0
    for case in cases:
        made = records.get(case.pk)
        due = case_due_on(
            state=case.state,
            entered_on=timezone.localdate(case.state_since),
            record_on=timezone.localdate(made) if made else None,
            days=days,
            rules=rules,
        )
        if due != case.due_on:
            written += Case.objects.filter(pk=case.pk).update(due_on=due)
    return written


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# -- legal clocks ----------------------------------------------------------------------


def _legal_rules_read() -> dict[str, Rule]:
    rules = {key: Rule(*value) for key, value in DEFAULT_LEGAL.items()}
    for row in LegalClock.objects.all():
        rules[row.key] = Rule(row.amount, row.counting, row.starts, row.source)
    return rules


def legal_rules() -> dict[str, Rule]:
    """The law's periods as the administrator set them, kept per process (an edit clears
    the copy: raovat.units.process_cache)."""
    return cached(("legal_rules",), _legal_rules_read)


def clock_end(*, start: datetime.date, rule: Rule) -> datetime.date:
    """The last day of a period of `rule` counted from the day of `start`."""
    if rule.counting == Counting.WORKING_DAYS:
        return working_day_add(start, rule.amount)
    if rule.counting == Counting.DAYS:
        return start + datetime.timedelta(days=rule.amount)
    # A period in years ends on the same day of the final year; a 29/02 start ends on the
    # last day of February.
    year = start.year + rule.amount
    return start.replace(year=year, day=min(start.day, _months.monthrange(year, start.month)[1]))


def legal_clocks(
    *,
    record_on: datetime.date | None = None,
    transferred: bool = False,
    decision_on: datetime.date | None = None,
    decision_received_on: datetime.date | None = None,
    payment_due_on: datetime.date | None = None,
    paid_on: datetime.date | None = None,
    violation_on: datetime.date | None = None,
    today: datetime.date | None = None,
    rules: dict[str, Rule] | None = None,
) -> dict[str, Clock]:
    """The sanction's clocks from the dates known so far, keyed by `LegalClock.Key`.

    - decision: from `record_on` (the transferred length when `transferred`), done once
      `decision_on` is known;
    - payment: `payment_due_on` when the decision states it, else the rule counted from
      `decision_received_on` (or `decision_on`); done once `paid_on` is known;
    - limitation: from `violation_on`; done once `decision_on` is known. Its due date is
      the last day a decision may be made (`limitation_ends_on`).
    """
    today = today or timezone.localdate()
    rules = rules or legal_rules()
    K = LegalClock.Key
    clocks: dict[str, Clock] = {}
    if record_on is not None:
        key = K.DECISION_TRANSFERRED if transferred else K.DECISION
        clocks[K.DECISION] = _clock(
            K.DECISION,
            K.DECISION.label,
            rules[key],
            today,
            clock_end(start=record_on, rule=rules[key]),
            done=decision_on is not None,
        )
    received = decision_received_on or decision_on
    if payment_due_on is not None or received is not None:
        rule = rules[K.PAYMENT]
        due = payment_due_on or clock_end(start=received, rule=rule)
        clocks[K.PAYMENT] = _clock(
            K.PAYMENT, K.PAYMENT.label, rule, today, due, done=paid_on is not None
        )
    if violation_on is not None:
        rule = rules[K.LIMITATION]
        clocks[K.LIMITATION] = _clock(
            K.LIMITATION,
            K.LIMITATION.label,
            rule,
            today,
            clock_end(start=violation_on, rule=rule),
            done=decision_on is not None,
        )
    return clocks


def limitation_ends_on(
    *, violation_on: datetime.date, rules: dict[str, Rule] | None = None
) -> datetime.date:
    """The last day a penalty decision may be made for a violation on `violation_on`."""
    rules = rules or legal_rules()
    return clock_end(start=violation_on, rule=rules[LegalClock.Key.LIMITATION])


def payment_due_from(
    *, received_on: datetime.date, rules: dict[str, Rule] | None = None
) -> datetime.date:
    """The payment deadline of a decision the violator receives on `received_on`."""
    rules = rules or legal_rules()
    return clock_end(start=received_on, rule=rules[LegalClock.Key.PAYMENT])


def repeat_since(*, on: datetime.date, rules: dict[str, Rule] | None = None) -> datetime.date:
    """The earliest day an earlier decision may have been carried out (paid) for a
    violation on `on` to be a repeat offence: the repeat period counted back from `on`."""
    rules = rules or legal_rules()
    return clock_start(end=on, rule=rules[LegalClock.Key.REPEAT])


def clock_start(*, end: datetime.date, rule: Rule) -> datetime.date:
    """The day a period of `rule` ending on `end` starts (the inverse of `clock_end`;
    a period in years starts on the same day of the first year, 28/02 for a 29/02)."""
    if rule.counting == Counting.YEARS:
        year = end.year - rule.amount
        return end.replace(year=year, day=min(end.day, _months.monthrange(year, end.month)[1]))
    if rule.counting == Counting.DAYS:
        return end - datetime.timedelta(days=rule.amount)
    start = end - datetime.timedelta(days=1)
    while clock_end(start=start, rule=rule) >= end:
        start -= datetime.timedelta(days=1)
    return start + datetime.timedelta(days=1)


def _clock(key, label, rule: Rule, today, due, *, done: bool) -> Clock:
    if rule.counting == Counting.WORKING_DAYS:
        left = working_days_between(today, due)
    else:
        left = (due - today).days
    return Clock(
        key=str(key),
        label=str(label),
        due_on=due,
        counting=rule.counting,
        source=rule.source,
        days_left=left,
        overdue=not done and today > due,
        due_soon=not done and today <= due <= due_soon_until(today=today),
        done=done,
    )


def state_clock(
    *, case: Case, label: str, today: datetime.date | None = None, source: str = ""
) -> Clock | None:
    """The clock of the state the case is in, from its stored due date."""
    if case.due_on is None or case.state in FINAL_STATES:
        return None
    today = today or timezone.localdate()
    rule = Rule(0, Counting.WORKING_DAYS, source=source)
    return _clock("state", label, rule, today, case.due_on, done=False)


def case_clocks(
    *,
    case: Case,
    state_label: str,
    record_on: datetime.date | None = None,
    transferred: bool = False,
    decision_on: datetime.date | None = None,
    decision_received_on: datetime.date | None = None,
    payment_due_on: datetime.date | None = None,
    paid_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> list[Clock]:
    """The clocks an open case shows on its page: its state's deadline, then the law's.

    The violation date is the day the number was first found (the earliest date the
    product knows the act happened on). Nothing for a finished case.
    """
    if case.state in FINAL_STATES:
        return []
    today = today or timezone.localdate()
    clocks = []
    # What every case page reads, kept by the process (cleared when an administrator
    # edits a deadline or a legal clock).
    source = cached(
        ("state_sources",), lambda: dict(StateDeadline.objects.values_list("state", "source"))
    ).get(case.state)
    current = state_clock(
        case=case, today=today, source=source or "", label=f"Hạn xử lý bước “{state_label}”"
    )
    # A state whose due date is the law's (the payment deadline) shows it once, as the
    # law's clock with its provision.
    if current is not None and case.state not in EXPLICIT_DUE_STATES:
        clocks.append(current)
    legal = legal_clocks(
        record_on=record_on,
        transferred=transferred,
        decision_on=decision_on,
        decision_received_on=decision_received_on,
        payment_due_on=payment_due_on,
        paid_on=paid_on,
        violation_on=case.first_found_on,
        today=today,
        rules=legal_rules(),
    )
    clocks += [c for c in legal.values() if not c.done]
    return clocks


# -- keeping stored due dates right after the rules change -------------------------------

REFRESH_KIND = "cases.due_dates_refresh"


def due_dates_refresh_enqueue(
    *, states: list[str] | None = None, changed_day: datetime.date | None = None
):
    """Queue a refresh of the stored due dates (in the caller's transaction).

    A changed calendar day can only move the due dates of cases that entered their
    state before it, within the longest deadline (counted generously in calendar days).
    """
    from raovat.jobs.services import job_enqueue

    payload: dict = {"states": states}
    if changed_day is not None:
        longest = max(state_days().values(), default=0)
        payload["entered_from"] = (
            changed_day - datetime.timedelta(days=longest * 2 + 30)
        ).isoformat()
        label = f"Cập nhật hạn xử lý theo lịch ngày {changed_day:%d/%m/%Y}"
    else:
        label = "Cập nhật hạn xử lý theo thời hạn mới"
    return job_enqueue(kind=REFRESH_KIND, label=label, payload=payload)
