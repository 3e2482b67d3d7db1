"""Demo stories of the sanction: decisions, payments on time, late and unpaid, a restore
after payment, an overdue clock across Tết, a repeat offender with two numbers.

Each story is a new case and the steps it takes at the dates they would have happened;
the loader plays them in one time order with the other demo cases, so that records,
decisions and dispatches are numbered in the order of their dates (Decree 30/2020).
"""

import datetime

from django.utils import timezone

from raovat.cases.workflow import State
from raovat.demo.scenario import PATHS

# A repeat offender: one person (one CCCD), two numbers.
REPEAT_PERSON = {
    "full_name": "Đặng Quốc Bảo",
    "kind": "individual",
    "id_number": "079088004512",
    "birth_date": datetime.date(1988, 3, 9),
    "address": "45/7 Trần Quang Khải, phường Tân Định, TP. Hồ Chí Minh",
}
PERSON = {
    "full_name": "Võ Thị Mai",
    "kind": "individual",
    "id_number": "079192003387",
    "birth_date": datetime.date(1992, 8, 21),
    "address": "18 Nguyễn Đình Chiểu, phường Đa Kao, TP. Hồ Chí Minh",
}


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _story_steps(case, found, path_gaps, steps) -> list[tuple]:
    """(when, order, case id, action): the road to "Chờ xử lý" with the loader's gaps, then
    the story's steps at 10:00 on their days (never before the step they follow)."""
    out, when = [], _at(found)
    for order, action in enumerate(PATHS[State.AWAITING_SUBSCRIBER]):
        when += datetime.timedelta(days=path_gaps[action])
        out.append((when, order, case.pk, action))
    for order, (action, day) in enumerate(steps, start=len(out)):
        when = max(_at(day, 10), when + datetime.timedelta(hours=1))
        out.append((when, order, case.pk, action))
    return out


def sanction_steps(*, record, reporter, ward, path_gaps) -> tuple[list, dict]:
    """Record the stories' cases (`record(user, ward, phone, when, seed)` from the loader)
    and return their steps and identities, for the loader to play with its own."""
    today = timezone.localdate()
    d = datetime.timedelta
    stories = [
        # Paid on time: decided, paid five days later, closed.
        (
            "0912 101 201",
            today - d(60),
            PERSON,
            [("decide", today - d(40)), ("record_payment", today - d(35))],
        ),
        # Paid late: after the deadline, still closed; the payment shows "Nộp muộn".
        (
            "0912 101 202",
            today - d(80),
            {**PERSON, "full_name": "Lâm Văn Tâm", "id_number": "079085006621"},
            [("decide", today - d(55)), ("record_payment", today - d(30))],
        ),
        # Unpaid and overdue: waits for enforcement on "Chờ nộp phạt".
        (
            "0912 101 203",
            today - d(50),
            {**PERSON, "full_name": "Phan Thị Hoa", "id_number": "079190007742"},
            [("decide", today - d(30))],
        ),
        # Restored after payment: overdue, suspended, paid, then restored by Sở TTTT.
        (
            "0912 101 204",
            today - d(110),
            {**PERSON, "full_name": "Huỳnh Văn Lợi", "id_number": "079087001156"},
            [
                ("decide", today - d(90)),
                ("request_suspension", today - d(70)),
                ("suspend", today - d(62)),
                ("record_late_payment", today - d(40)),
                ("restore", today - d(38)),
            ],
        ),
        # An overdue payment clock across Tết Bính Ngọ (17/02/2026): decided before it,
        # its deadline in the holiday, never paid.
        (
            "0912 101 205",
            datetime.date(2026, 1, 20),
            {**PERSON, "full_name": "Trịnh Minh Khoa", "id_number": "079086009934"},
            [("decide", datetime.date(2026, 2, 10))],
        ),
        # A repeat offender: the first number decided and paid months ago …
        (
            "0912 101 206",
            today - d(150),
            REPEAT_PERSON,
            [("decide", today - d(120)), ("record_payment", today - d(115))],
        ),
        # … the same person on a second number, decided now as a repeat offence.
        ("0912 101 207", today - d(25), REPEAT_PERSON, []),
    ]
    if stories[4][1] + d(365) < today:
        stories.pop(4)  # the Tết story would be past its limitation date
    all_steps, identities = [], {}
    for index, (phone, found, identity, steps) in enumerate(stories):
        case = record(reporter, ward, phone, _at(found), 500 + index)
        identities[case.pk] = identity
        all_steps += _story_steps(case, found, path_gaps, steps)
    return all_steps, identities
