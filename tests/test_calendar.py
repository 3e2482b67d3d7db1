"""The working-day calendar: public holidays, weekends, the administrator's days."""

import datetime

import pytest

from raovat.cases import calendar
from raovat.cases.calendar import is_working_day, working_day_add, working_days_between
from raovat.cases.models import CalendarDay

D = datetime.date


@pytest.mark.django_db
def test_tet_2027_is_seven_days_off_from_the_package():
    # The package gives Tết 2027 as Thursday 04/02 to Wednesday 10/02 (29 Tết to the
    # substitutes of the weekend's Mùng 1 and Mùng 2).
    assert calendar.public_holiday_name(D(2027, 2, 6)) == "Tết Nguyên Đán"
    assert [d.day for d in _days(D(2027, 2, 1), D(2027, 2, 14)) if not is_working_day(d)] == [
        4,
        5,
        6,
        7,
        8,
        9,
        10,
        13,
        14,
    ]


@pytest.mark.django_db
def test_seven_working_days_across_tet_2027():
    # Record on Wednesday 03/02/2027: the days of Tết and the weekends do not count.
    assert working_day_add(D(2027, 2, 3), 7) == D(2027, 2, 19)
    assert working_days_between(D(2027, 2, 3), D(2027, 2, 19)) == 7
    assert working_days_between(D(2027, 2, 19), D(2027, 2, 3)) == -7


@pytest.mark.django_db
def test_a_make_up_saturday_counts():
    CalendarDay.objects.create(day=D(2027, 2, 13), kind=CalendarDay.Kind.MAKE_UP, note="Thử")
    assert is_working_day(D(2027, 2, 13))
    assert working_day_add(D(2027, 2, 3), 7) == D(2027, 2, 18)


@pytest.mark.django_db
def test_the_packages_own_make_up_saturday_counts():
    # 2026: Monday 31/08 is a day off in exchange for Saturday 22/08.
    assert is_working_day(D(2026, 8, 22))
    assert not is_working_day(D(2026, 8, 31))
    assert not is_working_day(D(2026, 8, 23))


@pytest.mark.django_db
def test_a_day_off_added_by_the_administrator_moves_a_due_date():
    assert working_day_add(D(2027, 2, 3), 7) == D(2027, 2, 19)
    day = CalendarDay.objects.create(day=D(2027, 2, 15), kind=CalendarDay.Kind.DAY_OFF)
    assert working_day_add(D(2027, 2, 3), 7) == D(2027, 2, 22)
    day.delete()
    assert working_day_add(D(2027, 2, 3), 7) == D(2027, 2, 19)


@pytest.mark.django_db
def test_an_administrators_day_wins_over_the_package():
    CalendarDay.objects.create(day=D(2026, 8, 22), kind=CalendarDay.Kind.DAY_OFF)
    CalendarDay.objects.create(day=D(2026, 8, 31), kind=CalendarDay.Kind.MAKE_UP)
    assert not is_working_day(D(2026, 8, 22))
    assert is_working_day(D(2026, 8, 31))


@pytest.mark.django_db
def test_counting_many_days_reads_the_database_once(django_assert_max_num_queries):
    calendar.forget()  # as a fresh process: the first call reads the administrator's days
    with django_assert_max_num_queries(2):
        for n in range(300):
            working_day_add(D(2026, 1, 1), n)


@pytest.mark.django_db
def test_zero_days_and_ordinary_weeks():
    monday = D(2026, 12, 7)
    assert working_day_add(monday, 0) == monday
    assert working_day_add(monday, 7) == D(2026, 12, 16)
    assert working_day_add(monday, -1) == D(2026, 12, 4)
    assert working_days_between(monday, monday) == 0


def _days(start, end):
    while start <= end:
        yield start
        start += datetime.timedelta(days=1)
