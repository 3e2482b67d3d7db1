"""The Vietnamese working-day calendar every legal clock and deadline counts on.

A day is a working day when it is Monday to Friday and not a public holiday, or when
it is a make-up working day ("Ngày làm bù"). Public holidays and their substitute days
come from the `holidays` package (country "VN"); on top of it an administrator sets
days off and make-up working days per year (`CalendarDay`), because the government
moves them every year around Tết and 2/9. An administrator's row wins for its date.

The administrator's rows are read once per process and kept: saving or deleting a row
drops the copy at once in this process, and other processes (web workers, the job
worker) notice within `RECHECK_SECONDS` through one small version query. Callers may
loop over thousands of dates without a query per call.
"""

from __future__ import annotations

import datetime
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache

import holidays
from django.db.models import Count, Max

# How long a process trusts its copy of the administrator's rows before it asks the
# database whether they changed (saves in the same process drop the copy at once).
RECHECK_SECONDS = 60

_lock = threading.Lock()
_cached: _Snapshot | None = None


@dataclass(frozen=True)
class _Snapshot:
    days_off: frozenset[datetime.date]
    make_up: frozenset[datetime.date]
    version: tuple
    checked_at: float = field(compare=False)


@lru_cache(maxsize=1)
def _public_holidays() -> holidays.HolidayBase:
    # Filled up front so that lookups do not change it under concurrent threads; years
    # outside the range are still added on demand (the package expands itself).
    return holidays.country_holidays("VN", years=range(2015, 2046), language="vi")


def _version() -> tuple:
    from raovat.cases.models import CalendarDay

    row = CalendarDay.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (row["n"], row["last"])


def _load(version: tuple) -> _Snapshot:
    from raovat.cases.models import CalendarDay

    off: set[datetime.date] = set()
    work: set[datetime.date] = set()
    for day, kind in CalendarDay.objects.values_list("day", "kind"):
        (off if kind == CalendarDay.Kind.DAY_OFF else work).add(day)
    return _Snapshot(frozenset(off), frozenset(work), version, time.monotonic())


def _snapshot() -> _Snapshot:
    global _cached
    snap = _cached
    if snap is not None and time.monotonic() - snap.checked_at < RECHECK_SECONDS:
        return snap
    with _lock:
        version = _version()
        if _cached is not None and _cached.version == version:
            _cached = _Snapshot(_cached.days_off, _cached.make_up, version, time.monotonic())
        else:
            _cached = _load(version)
        return _cached


def forget() -> None:
    """Drop this process's copy of the administrator's days (called when one is saved)."""
    global _cached
    with _lock:
        _cached = None


def warm() -> None:
    """Read the administrator's days now (a process start, or a test before its body)."""
    _snapshot()


def preload() -> None:
    """Build the public-holiday table now (a web worker's start): importing the package's
    countries and filling 30 years takes 0.2-0.7 s, which an officer's first request, or
    the first transition of a process, otherwise waits for."""
    _public_holidays()


def public_holiday_name(day: datetime.date) -> str | None:
    """The package's Vietnamese name of a public holiday or substitute day off, if any."""
    return _public_holidays().get(day)


def is_working_day(day: datetime.date) -> bool:
    snap = _snapshot()
    if day in snap.days_off:
        return False
    if day in snap.make_up:
        return True
    # Saturdays and Sundays are days off unless the package ships them as the make-up
    # day of one of its substitutions (e.g. Saturday 22/08/2026 for Monday 31/08/2026).
    return _public_holidays().is_working_day(day)


def working_day_add(start: datetime.date, days: int) -> datetime.date:
    """The day that is `days` working days after `start` (before it when negative).

    `start` itself is not counted: the 7th working day after a record made on a Monday
    of an ordinary week is the Wednesday of the next week. `days=0` gives `start`.
    """
    step = datetime.timedelta(days=1 if days >= 0 else -1)
    day = start
    left = abs(days)
    while left:
        day += step
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` < `start`.

    The inverse of `working_day_add`: `working_days_between(d, working_day_add(d, n)) == n`.
    With `start` = today and `end` = a due date it is the working days left (0 on the due
    day itself, negative once overdue).
    """
    if end < start:
        return -working_days_between(end, start)
    one = datetime.timedelta(days=1)
    count = 0
    day = start + one
    while day <= end:
        count += is_working_day(day)
        day += one
    return count
