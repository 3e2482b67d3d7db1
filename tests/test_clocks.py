"""Legal clocks and per-state due dates on the working-day calendar."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from raovat.cases.calendar import is_working_day, working_day_add, working_days_between
from raovat.cases.clocks import legal_clocks, limitation_ends_on
from raovat.cases.models import CalendarDay, Case, LegalClock, StateDeadline
from raovat.cases.selectors.reminders import reminders_for
from raovat.cases.services.contacts import penalty_record_create
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from raovat.jobs.worker import run_pending

pytestmark = pytest.mark.django_db

D = datetime.date
K = LegalClock.Key
PHONES = [
    "0912 345 678",
    "0903 123 456",
    "0987 654 321",
    "0978 111 222",
    "0345 678 912",
    "0913 222 333",
    "0904 555 666",
]


# -- the law's clocks ------------------------------------------------------------------


def test_the_decision_clock_runs_across_tet_2027():
    # Record on Wednesday 03/02/2027; Tết is 04/02–10/02: seven working days end on 19/02.
    clocks = legal_clocks(record_on=D(2027, 2, 3), today=D(2027, 2, 3))
    decision = clocks[K.DECISION]
    assert decision.due_on == D(2027, 2, 19)
    assert decision.days_left == 7 and decision.days_left_text == "Còn 7 ngày làm việc"
    assert "Điều 66" in decision.source
    # A transferred file has ten working days.
    assert legal_clocks(record_on=D(2027, 2, 3), transferred=True)[K.DECISION].due_on == D(
        2027, 2, 24
    )


def test_a_make_up_saturday_shortens_the_clock():
    CalendarDay.objects.create(
        day=D(2027, 2, 13), kind=CalendarDay.Kind.MAKE_UP, note="Làm bù cho ngày nghỉ Tết"
    )
    assert legal_clocks(record_on=D(2027, 2, 3))[K.DECISION].due_on == D(2027, 2, 18)


def test_overdue_and_due_soon_on_working_days():
    record_on = D(2027, 2, 3)
    # The Friday before the due date (19/02) is one working day before it: due soon.
    soon = legal_clocks(record_on=record_on, today=D(2027, 2, 18))[K.DECISION]
    assert soon.due_soon and not soon.overdue and soon.days_left == 1
    late = legal_clocks(record_on=record_on, today=D(2027, 2, 23))[K.DECISION]
    assert late.overdue and late.days_left == -2
    assert late.days_left_text == "Quá hạn 2 ngày làm việc"
    done = legal_clocks(record_on=record_on, decision_on=D(2027, 2, 22), today=D(2027, 2, 23))[
        K.DECISION
    ]
    assert done.done and not done.overdue


def test_payment_counts_calendar_days_and_limitation_a_year():
    clocks = legal_clocks(
        decision_on=D(2027, 2, 19), violation_on=D(2026, 2, 3), today=D(2027, 2, 19)
    )
    assert clocks[K.PAYMENT].due_on == D(2027, 3, 1)  # 10 days, weekends included
    assert clocks[K.PAYMENT].days_left_text == "Còn 10 ngày"
    # The decision came after the limitation date: that clock has stopped (the sanction's
    # service refuses such a decision).
    assert clocks[K.LIMITATION].due_on == D(2027, 2, 3) and clocks[K.LIMITATION].done
    expired = legal_clocks(violation_on=D(2026, 2, 3), today=D(2027, 2, 4))[K.LIMITATION]
    assert expired.overdue and expired.days_left_text == "Đã hết thời hiệu xử phạt"
    # A decision states its own payment deadline; it wins.
    assert legal_clocks(decision_on=D(2027, 2, 19), payment_due_on=D(2027, 3, 5))[
        K.PAYMENT
    ].due_on == D(2027, 3, 5)
    assert limitation_ends_on(violation_on=D(2028, 2, 29)) == D(2029, 2, 28)


def test_a_clock_follows_the_administrators_length():
    row = LegalClock.objects.get(key=K.DECISION)  # as the administration saves it
    row.amount = 5
    row.save()
    assert legal_clocks(record_on=D(2027, 2, 3))[K.DECISION].due_on == D(2027, 2, 17)


# -- due dates stored on the case --------------------------------------------------------


def test_a_transition_stores_the_due_date_in_working_days(cast, make_case):
    StateDeadline.objects.update_or_create(state=State.AWAITING_CONFIRMATION, defaults={"days": 3})
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    today = timezone.localdate()
    assert is_working_day(case.due_on)
    assert working_days_between(today, case.due_on) == 3
    assert case.due_on == working_day_add(today, 3)
    perform("confirm", [case])
    confirmed = Case.objects.get(pk=case.pk)
    assert confirmed.due_on == working_day_add(
        today, StateDeadline.objects.get(state=State.CONFIRMED).days
    )


def test_a_day_off_added_by_the_administrator_moves_a_stored_due_date(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    before = case.due_on
    next_working_day = working_day_add(timezone.localdate(), 1)
    CalendarDay.objects.create(day=next_working_day, kind=CalendarDay.Kind.DAY_OFF, note="Nghỉ bù")
    run_pending()
    case.refresh_from_db()
    assert case.due_on > before
    assert (
        working_days_between(timezone.localdate(), case.due_on)
        == StateDeadline.objects.get(state=State.AWAITING_CONFIRMATION).days
    )


def test_a_longer_deadline_moves_the_open_cases(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    deadline = StateDeadline.objects.get(state=State.AWAITING_CONFIRMATION)
    deadline.days += 5
    deadline.save()
    run_pending()
    case.refresh_from_db()
    assert case.due_on == working_day_add(timezone.localdate(), deadline.days)


# -- the reminder panel ------------------------------------------------------------------


def _make(cast, make_case, state, phones, due_in):
    """Cases in `state` whose due dates are `due_in` working days from today."""
    today = timezone.localdate()
    for phone, days in zip(phones, due_in, strict=True):
        case = advance(make_case(cast.ward, phone=phone), state)
        Case.objects.filter(pk=case.pk).update(due_on=working_day_add(today, days))


def test_the_panel_counts_due_soon_and_overdue_per_action(cast, make_case):
    _make(cast, make_case, State.AWAITING_CONFIRMATION, PHONES[:4], [-1, 0, 2, 5])
    _make(cast, make_case, State.CONFIRMED, PHONES[4:6], [-3, 1])
    counts = {
        r.state: (r.total, r.due_soon, r.overdue) for r in reminders_for(unit=cast.district.unit)
    }
    assert counts[State.AWAITING_CONFIRMATION] == (4, 2, 1)
    assert counts[State.CONFIRMED] == (2, 1, 1)
    assert counts[State.TO_CONTACT] == (0, 0, 0)


def test_the_panel_takes_the_same_queries_for_more_cases(
    cast, make_case, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _make(cast, make_case, State.AWAITING_CONFIRMATION, PHONES[:1], [-1])
    reminders_for(unit=cast.district.unit)  # the deadlines and names, kept by the process
    with CaptureQueriesContext(connection) as few:
        reminders_for(unit=cast.district.unit)
    _make(cast, make_case, State.AWAITING_CONFIRMATION, PHONES[1:5], [-2, 0, 1, 9])
    _make(cast, make_case, State.CONFIRMED, PHONES[5:7], [-3, 1])
    with django_assert_num_queries(len(few)):
        reminders = reminders_for(unit=cast.district.unit)
    assert sum(r.total for r in reminders) == 7
    counting = [q for q in few.captured_queries if "cases_case" in q["sql"]]
    assert len(counting) == 1 and "due_on" in counting[0]["sql"]


def test_the_home_page_and_the_list_show_the_counts_with_words(client, cast, make_case):
    _make(cast, make_case, State.AWAITING_CONFIRMATION, PHONES[:3], [-1, 0, 5])
    client.force_login(cast.district)
    page = client.get(reverse("home")).content.decode()
    assert "Quá hạn</span> 1 hồ sơ" in page
    assert "Sắp đến hạn</span> 1 hồ sơ" in page
    listing = client.get(reverse("worklist", args=[State.AWAITING_CONFIRMATION])).content
    assert listing.decode().count('badge text-bg-danger">Quá hạn') == 1
    confirm = client.get(reverse("handler:confirm_list")).content.decode()
    assert confirm.count('badge text-bg-danger">Quá hạn') == 1


def test_the_digest_lists_due_soon_and_overdue(cast, make_case):
    _make(cast, make_case, State.AWAITING_CONFIRMATION, PHONES[:3], [-1, 0, 5])
    call_command("send_digests")
    run_pending()
    digest = next(m for m in mail.outbox if m.to == [cast.district.email])
    assert "Xác nhận vi phạm từ Phường: 3 hồ sơ (1 quá hạn, 1 sắp đến hạn)" in digest.body


# -- the case page -----------------------------------------------------------------------


def test_the_case_page_shows_its_clocks(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    client.force_login(cast.district)
    page = client.get(reverse("case_detail", args=[case.number])).content.decode()
    assert 'id="clocks"' in page
    assert f"{case.due_on:%d/%m/%Y}" in page
    days = working_days_between(timezone.localdate(), case.due_on)
    assert f"Còn {days} ngày làm việc" in page
    # The limitation runs from the day the number was found, one year on.
    ends = case.first_found_on.replace(year=case.first_found_on.year + 1)
    assert "Thời hiệu xử phạt" in page and f"{ends:%d/%m/%Y}" in page
    assert "Quá hạn" not in page

    Case.objects.filter(pk=case.pk).update(due_on=working_day_add(timezone.localdate(), -2))
    page = client.get(reverse("case_detail", args=[case.number])).content.decode()
    assert 'class="rv-overdue"' in page
    assert 'badge text-bg-danger">Quá hạn</span> Quá hạn 2 ngày làm việc' in page


def test_the_case_page_shows_the_decision_clock_after_the_record(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    made_at = timezone.now()
    penalty_record_create(
        actor=cast.district,
        case=case,
        made_at=made_at,
        place="Phòng VHTT Quận 1",
        legal_basis="Điểm a khoản 1 Điều 38",
        amount=0,
    )
    client.force_login(cast.district)
    page = client.get(reverse("case_detail", args=[case.number])).content.decode()
    due = working_day_add(timezone.localdate(made_at), 7)
    assert "Hạn ra quyết định xử phạt" in page and f"{due:%d/%m/%Y}" in page
    assert "Khoản 1 Điều 66" in page


def test_a_finished_case_shows_no_clock(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    Case.objects.filter(pk=case.pk).update(state=State.CANCELLED)
    client.force_login(cast.ward)
    page = client.get(reverse("case_detail", args=[case.number])).content.decode()
    assert 'id="clocks"' not in page


def test_the_administrator_adds_a_day_off_in_vietnamese_and_the_due_date_moves(
    client, cast, make_case
):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    before = case.due_on
    client.force_login(cast.admin)
    form = client.get(reverse("admin:cases_calendarday_add")).content.decode()
    assert "Ngày nghỉ" in form and "Ngày làm bù" in form
    day = working_day_add(timezone.localdate(), 1)
    response = client.post(
        reverse("admin:cases_calendarday_add"),
        {"day": f"{day:%d/%m/%Y}", "kind": "day_off", "note": "Nghỉ bù theo thông báo"},
    )
    assert response.status_code == 302, response.content.decode()
    assert CalendarDay.objects.get().day == day
    run_pending()
    case.refresh_from_db()
    assert case.due_on == working_day_add(before, 1)
    listing = client.get(reverse("admin:cases_calendarday_changelist")).content.decode()
    assert f"{day:%d/%m/%Y}" in listing
    clocks = client.get(reverse("admin:cases_legalclock_changelist")).content.decode()
    assert "Hạn ra quyết định xử phạt" in clocks and "Điều 73" in clocks


def test_the_deadlines_page_names_each_state_in_working_days_with_its_role(client, cast):
    client.force_login(cast.admin)
    page = client.get(reverse("admin:cases_statedeadline_changelist")).content.decode()
    assert "số ngày làm việc cho phép" in page.lower()
    assert "Cơ quan quản lý viễn thông" in page and "Đơn vị phát hiện" in page


def test_moving_a_day_off_away_gives_the_due_date_back(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    plain = case.due_on
    early = working_day_add(timezone.localdate(), 1)
    row = CalendarDay.objects.create(day=early, kind=CalendarDay.Kind.DAY_OFF)
    run_pending()
    row.day = plain + datetime.timedelta(days=60)
    row.save()
    run_pending()
    case.refresh_from_db()
    assert case.due_on == plain


# -- the sanction's clocks on the stored due date (what "Nhắc việc" counts) ---------------


def _record(cast, case, made_at):
    from tests.test_sanction import basis

    return penalty_record_create(
        actor=cast.district,
        case=case,
        made_at=made_at,
        place="UBND phường",
        violation_basis=basis(),
        amount=0,
    )


def test_a_record_brings_the_due_date_to_the_decision_clock(cast, make_case):
    StateDeadline.objects.update_or_create(state=State.AWAITING_SUBSCRIBER, defaults={"days": 20})
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    today = timezone.localdate()
    assert case.due_on == working_day_add(today, 20)
    _record(cast, case, timezone.now())
    case.refresh_from_db()
    assert case.due_on == working_day_add(today, 7)  # Điều 66: 7 working days
    # A day off in that week moves it, and the refresh keeps the earlier of the two.
    CalendarDay.objects.create(
        day=working_day_add(today, 1), kind=CalendarDay.Kind.DAY_OFF, note="Nghỉ bù"
    )
    run_pending()
    case.refresh_from_db()
    assert case.due_on == working_day_add(today, 7)
    assert working_days_between(today, case.due_on) == 7


def test_a_record_never_makes_the_due_date_later(cast, make_case):
    StateDeadline.objects.update_or_create(state=State.AWAITING_SUBSCRIBER, defaults={"days": 3})
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    _record(cast, case, timezone.now())
    case.refresh_from_db()
    assert case.due_on == working_day_add(timezone.localdate(), 3)


def test_an_old_record_makes_the_case_overdue_on_the_panel(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    _record(cast, case, timezone.now() - datetime.timedelta(days=20))
    counts = {r.state: (r.total, r.overdue) for r in reminders_for(unit=cast.district.unit)}
    assert counts[State.AWAITING_SUBSCRIBER] == (1, 1)


def test_a_decided_case_is_due_on_its_payment_deadline(cast, make_case):
    from tests.test_sanction import decide, with_record

    today = timezone.localdate()
    on_time, late = (
        with_record(cast, make_case, phone=phone) for phone in ("0912 345 678", "0903 123 456")
    )
    decide(cast, on_time, payment_due=today + datetime.timedelta(days=30))
    late.penalty_records.update(made_at=timezone.now() - datetime.timedelta(days=10))
    d = datetime.timedelta
    decide(cast, late, decided_on=today - d(days=5), payment_due=today - d(days=1))
    on_time.refresh_from_db()
    assert on_time.due_on == today + datetime.timedelta(days=30)
    # The deadline passed unpaid: the panel counts it overdue, and a calendar refresh
    # leaves the decision's date alone.
    CalendarDay.objects.create(
        day=working_day_add(today, 1), kind=CalendarDay.Kind.DAY_OFF, note="Nghỉ bù"
    )
    run_pending()
    on_time.refresh_from_db()
    assert on_time.due_on == today + datetime.timedelta(days=30)
    reminder = next(r for r in reminders_for(unit=cast.district.unit) if r.state == State.DECIDED)
    assert (reminder.total, reminder.overdue) == (2, 1)
    assert reminder.overdue_reason == "quá hạn nộp phạt trong quyết định"


def test_a_decided_case_page_shows_its_payment_deadline_once(client, cast, make_case):
    from tests.test_sanction import decide, with_record

    case = with_record(cast, make_case)
    due = timezone.localdate() + datetime.timedelta(days=12)
    decide(cast, case, payment_due=due)
    client.force_login(cast.district)
    page = client.get(reverse("case_detail", args=[case.number])).content.decode()
    start = page.index('id="clocks"')
    clocks = page[start : page.index("</section>", start)]
    assert clocks.count(f"{due:%d/%m/%Y}") == 1 and 'data-clock="payment"' in clocks
    assert 'data-clock="state"' not in clocks
    # The decision was made: its own clock ("Hạn ra quyết định xử phạt") has stopped.
    assert 'data-clock="decision"' not in clocks
