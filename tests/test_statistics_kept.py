"""Thống kê from the kept counts: after every kind of change the kept table equals the
table rebuilt from scratch, and the page it gives equals the page the reference reader
counts from the history, for every scope, with and without each filter, over years,
months and periods that cut months."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from raovat.cases.models import Case, CaseEvent, Sighting
from raovat.cases.selectors.statistics import (
    Filters,
    Period,
    statistics_for,
    statistics_reference,
)
from raovat.cases.services.corrections import case_phone_correct
from raovat.cases.services.rechain import chain_move_reporting_units
from raovat.cases.services.sightings import sighting_correct
from raovat.cases.tallies import kept_rows, rebuild
from raovat.cases.tallies.statistics import KEPT
from raovat.cases.workflow import State
from raovat.demo.scenario import DEFAULT_IDENTITY, advance, perform
from raovat.units.models import Role, Unit, User
from tests.test_statistics import known  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = Period.year(TODAY.year)


def periods():
    month = Period.month(TODAY.year, TODAY.month)
    cut = Period.custom(TODAY - datetime.timedelta(days=40), TODAY)
    last = Period.year(TODAY.year - 1)
    return [YEAR, month, cut, last, Period.custom(datetime.date(TODAY.year - 1, 6, 15), TODAY)]


def leaders(cast):
    city = cast.chain.units["city"]
    top = User.objects.create(username="lanhdao", full_name="Lãnh đạo", unit=city, leader=True)
    district = User.objects.create(
        username="lanhdao.q1", full_name="Lãnh đạo quận", unit=cast.district.unit, leader=True
    )
    return [top, district]


def filter_sets(cast):
    return [
        Filters(),
        Filters(unit=cast.ward.unit),
        Filters(unit=cast.district.unit),
        Filters(ad_type="sticker"),
        Filters(ad_type="banner"),
        Filters(carrier="vinaphone"),
        Filters(carrier="viettel"),
        Filters(unit=cast.ward_b.unit, ad_type="sticker", carrier="viettel"),
    ]


def assert_kept_is_rebuilt():
    kept = kept_rows(KEPT)
    rebuild(KEPT)
    assert kept_rows(KEPT) == kept


def assert_same_pages(cast, users, *, all_filters=True):
    for user in users:
        for period in periods():
            for filters in filter_sets(cast) if all_filters else [Filters()]:
                kept = statistics_for(user=user, period=period, filters=filters)
                reference = statistics_reference(user=user, period=period, filters=filters)
                assert kept == reference, (user.username, period.label, filters)


def scopes(cast):
    return [cast.district, cast.ward, cast.telecom, cast.culture, *leaders(cast)]


def test_the_known_cases_read_the_same_from_the_kept_counts(cast, known):  # noqa: F811
    assert_kept_is_rebuilt()
    assert statistics_for(user=cast.district, period=YEAR).figure("tiep-nhan").count == 6
    assert_same_pages(cast, scopes(cast))


def _walk(cast, make_case):
    """Returns, resends, suspensions, corrections, a chain move, a second
    ad type, repeats of a number and of a subscriber identified out of order, and
    anonymisation: every service that restates the counts."""
    returned = advance(make_case(cast.ward, phone="0912 100 001"), State.RETURNED_TO_REPORTER)
    perform("submit", [returned])
    perform("confirm", [returned])  # confirmed after a return: counted once
    resent = advance(make_case(cast.ward_b, phone="0912 100 002"), State.RETURNED_BY_TELECOM)
    case_phone_correct(actor=cast.district, case=resent, phone="0988 100 002")
    perform("resend_to_telecom", [resent])
    perform("provide_identity", [resent])
    advance(make_case(cast.ward, phone="0912 100 003"), State.SUSPENDED)
    # A second sighting of another ad type on an open case, then corrected.
    twice = advance(make_case(cast.ward, phone="0912 100 004"), State.CONFIRMED)
    other = make_case(cast.ward_b, phone="0912 100 004", place="Số 9 Hai Bà Trưng")
    assert other == twice
    assert Sighting.objects.filter(case=twice).count() == 2
    perform("send_to_telecom", [twice])
    # Repeats: the same number again after the first case closed; the same subscriber on
    # two cases, the later one identified first.
    first = advance(make_case(cast.ward, phone="0912 100 005"), State.CLOSED)
    again = advance(make_case(cast.ward, phone="0912 100 005"), State.AT_TELECOM)
    older = advance(make_case(cast.ward, phone="0912 100 006"), State.AT_TELECOM)
    newer = advance(make_case(cast.ward_b, phone="0912 100 007"), State.AT_TELECOM)
    owner = {**DEFAULT_IDENTITY, "id_number": "079090009999"}
    perform("provide_identity", [newer], identity={newer.pk: owner})
    perform("provide_identity", [older], identity={older.pk: owner})
    perform("provide_identity", [again], identity={again.pk: owner})
    draft = make_case(cast.ward, phone="0912 100 008")
    sighting_correct(
        actor=cast.ward,
        sighting=draft.sightings.get(),
        place="Số 11 Hai Bà Trưng",
        ad_type="banner",
        ad_text="Khoan cắt bê tông",
    )
    perform("submit", [draft])
    return first


def test_every_change_keeps_the_counts_true(cast, make_case, known):  # noqa: F811
    first = _walk(cast, make_case)
    assert_kept_is_rebuilt()
    office = Unit.objects.create(
        name="Phòng Văn hóa – Xã hội Phường Sài Gòn",
        short_name="Phòng VH-XH",
        code="VHXH",
        kind="Phòng",
        parent=cast.chain.units["city"],
        role=Role.HANDLER,
    )
    chain_move_reporting_units(
        actor=cast.admin,
        reporting_units=[cast.ward_b.unit],
        new_handling_unit=office,
        note="Sắp xếp đơn vị hành chính.",
    )
    assert_kept_is_rebuilt()
    Case.objects.filter(pk=first.pk).update(
        state_since=timezone.now() - datetime.timedelta(days=400)
    )
    call_command("anonymise_closed_cases", "--older-than-days", "30", stdout=io.StringIO())
    assert_kept_is_rebuilt()
    stats = statistics_for(user=cast.district, period=YEAR)
    assert stats.figure("xac-nhan").count == 4 + 8  # the returned case counts once
    assert {f.key: f.count for f in stats.repeats}["lap-lai-so"] == 1
    assert_same_pages(cast, scopes(cast))


def test_a_later_case_of_the_subscriber_becomes_a_repeat_when_the_earlier_is_identified(
    cast, make_case
):
    older = advance(make_case(cast.ward, phone="0912 200 001"), State.AT_TELECOM)
    newer = advance(make_case(cast.ward, phone="0912 200 002"), State.AT_TELECOM)
    owner = {**DEFAULT_IDENTITY, "id_number": "079090008888"}
    perform("provide_identity", [newer], identity={newer.pk: owner})
    repeats = statistics_for(user=cast.district, period=YEAR).repeats
    assert {f.key: f.count for f in repeats}["lap-lai-chu"] == 0
    perform("provide_identity", [older], identity={older.pk: owner})
    repeats = statistics_for(user=cast.district, period=YEAR).repeats
    assert {f.key: f.count for f in repeats}["lap-lai-chu"] == 1
    assert_kept_is_rebuilt()


def test_a_case_counts_in_the_period_of_its_first_event_of_each_kind(cast, make_case):
    """History spread over two years and cut months: the kept day and month rows sum to
    what the reference counts, and a case confirmed again later counts only once."""
    cases = [
        advance(make_case(cast.ward, phone=f"0912 300 00{i}"), State.DECIDED) for i in range(4)
    ]
    perform("record_payment", [cases[0]])
    for i, case in enumerate(cases):
        # Move the history back: case i started i * 100 days ago, one day per step.
        for step, event in enumerate(CaseEvent.objects.filter(case=case).order_by("at", "id")):
            shift = datetime.timedelta(days=i * 100 - step * (i + 1))
            CaseEvent.objects.filter(pk=event.pk).update(at=event.at - shift)
    rebuild(KEPT)
    assert_same_pages(cast, scopes(cast), all_filters=False)


def test_the_page_reads_a_bounded_number_of_queries(cast, make_case, django_assert_max_num_queries):
    advance(make_case(cast.ward, phone="0912 400 001"), State.CLOSED)
    leader = leaders(cast)[0]
    statistics_for(user=leader, period=YEAR)  # the tree of units, once per process
    with django_assert_max_num_queries(5):
        statistics_for(user=leader, period=YEAR)
    for i in range(4):
        advance(make_case(cast.ward_b, phone=f"0988 400 00{i}"), State.SUSPENDED)
    with django_assert_max_num_queries(5):
        statistics_for(user=cast.district, period=Period.custom(TODAY.replace(day=1), TODAY))
