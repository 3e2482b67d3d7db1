"""Dates relative to the day the tests run.

A sighting may be at most a year old, a penalty decision may not come after the
limitation period and a record may not be dated before its case: a fixed date in a test
fails once the calendar has moved on. Tests of the calendar itself (Tết, a make-up
Saturday, the words of a date) keep fixed dates and pass the clock's "today" explicitly.
"""

import datetime

from django.utils import timezone

TODAY = timezone.localdate()
# The day the tests' numbers were found, unless a test says otherwise.
FOUND_ON = TODAY - datetime.timedelta(days=12)


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def dmy(day: datetime.date) -> str:
    """25/11/2026, as a form field takes a date and a screen shows it."""
    return day.strftime("%d/%m/%Y")


def now_dmy_hm() -> str:
    """The present moment as a form field takes it: 25/11/2026 14:05."""
    return timezone.localtime().strftime("%d/%m/%Y %H:%M")
