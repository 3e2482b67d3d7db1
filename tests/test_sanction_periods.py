"""The law's periods have one source, the "Thời hạn theo luật" rows an administrator edits,
and a payment may be recorded while the suspension is requested."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from raovat.cases import facts, sanction_config
from raovat.cases.clocks import DEFAULT_LEGAL, legal_clocks
from raovat.cases.models import LegalClock, Payment, PenaltyDecision
from raovat.cases.models.clocks import Counting
from raovat.cases.services import penalties
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.transitions import case_transition
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from tests.test_sanction import decide, with_record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
K = LegalClock.Key


def set_clock(key, amount, counting):
    # A transactional test's database lost the migration's seed: the defaults stand in.
    default = DEFAULT_LEGAL[key]
    LegalClock.objects.update_or_create(
        key=key,
        defaults={
            "amount": amount,
            "counting": counting,
            "starts": default[2],
            "source": default[3],
        },
    )


def test_the_migration_seeds_every_period_with_its_source():
    rows = {row.key: row for row in LegalClock.objects.all()}
    assert set(rows) == set(K.values)
    assert (rows[K.REPEAT].amount, rows[K.REPEAT].counting) == (1, Counting.YEARS)
    assert "Điều 10" in rows[K.REPEAT].source


def test_an_edited_limitation_is_the_one_the_decision_is_refused_by(cast, make_case):
    found = TODAY - datetime.timedelta(days=400)
    case = with_record(cast, make_case, found_on=found)
    set_clock(K.LIMITATION, 2, Counting.YEARS)
    ends = found.replace(year=found.year + 2)
    assert legal_clocks(violation_on=found)[K.LIMITATION].due_on == ends
    decide(cast, case)
    case.refresh_from_db()
    assert case.state == State.DECIDED


def test_a_shortened_limitation_refuses_with_its_own_date(cast, make_case):
    found = TODAY - datetime.timedelta(days=40)
    case = with_record(cast, make_case, found_on=found)
    set_clock(K.LIMITATION, 30, Counting.DAYS)
    limit = found + datetime.timedelta(days=30)
    assert legal_clocks(violation_on=found)[K.LIMITATION].due_on == limit
    with pytest.raises(WorkflowError, match=f"không được ra quyết định sau ngày {limit:%d/%m/%Y}"):
        decide(cast, case)
    case.refresh_from_db()
    assert case.state == State.AWAITING_SUBSCRIBER and not PenaltyDecision.objects.exists()


def test_the_decision_form_offers_the_administered_payment_period(client, cast, make_case):
    case = with_record(cast, make_case)
    set_clock(K.PAYMENT, 15, Counting.DAYS)
    client.force_login(cast.district)
    page = client.get(reverse("handler:decision", args=[case.number])).content.decode()
    assert (TODAY + datetime.timedelta(days=15)).strftime("%d/%m/%Y") in page


def test_the_repeat_period_is_the_administered_one(cast, make_case):
    from raovat.cases.selectors.sanction import earlier_decision

    first = with_record(cast, make_case, found_on=TODAY - datetime.timedelta(days=300))
    first.penalty_records.update(made_at=timezone.now() - datetime.timedelta(days=250))
    decide(
        cast,
        first,
        decided_on=TODAY - datetime.timedelta(days=200),
        payment_due=TODAY - datetime.timedelta(days=190),
    )
    case_transition(
        actor=cast.district,
        action="record_payment",
        cases=[first],
        facts=facts.Payment(
            paid_on=TODAY - datetime.timedelta(days=180), amount=1_500_000, reference="BL-1"
        ),
    )
    second = with_record(cast, make_case, phone="0913 222 333")
    assert earlier_decision(case=second) == first.decision
    # The new violation (found 12 days ago) is 168 days after the payment.
    set_clock(K.REPEAT, 150, Counting.DAYS)
    assert earlier_decision(case=second) is None


def test_a_period_left_in_the_sanction_setting_is_refused_loudly(settings):
    settings.SANCTION = {"payment_days": 15}
    with pytest.raises(ImproperlyConfigured, match="Thời hạn theo luật"):
        sanction_config.value("decision_series")


# -- a payment while the suspension is requested --------------------------------------


def requested(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    perform("decide", [case], when=timezone.now() - datetime.timedelta(days=30))
    perform("request_suspension", [case])
    case.refresh_from_db()
    assert case.state == State.SUSPENSION_REQUESTED
    return case


def payment(case, **over):
    return {
        "payment": facts.Payment(
            **{"paid_on": TODAY, "amount": case.decision.amount, "reference": "BL-15", **over}
        )
    }


def test_a_payment_while_suspension_is_requested_keeps_the_request_then_leads_to_restore(
    cast, make_case
):
    case = requested(cast, make_case)
    since, due = case.state_since, case.due_on

    penalties.payment_record(actor=cast.district, case=case, **payment(case))

    case.refresh_from_db()
    assert case.state == State.SUSPENSION_REQUESTED
    assert case.current_unit == cast.telecom.unit
    # The request is still the one Sở TTTT received that day, with the same deadline.
    assert (case.state_since, case.due_on) == (since, due)
    assert Payment.objects.get(decision__case=case).late
    event = case.events.order_by("-id").first()
    assert (event.action, event.from_state, event.to_state) == (
        "record_payment_on_request",
        State.SUSPENSION_REQUESTED,
        State.SUSPENSION_REQUESTED,
    )
    perform("suspend", [case])
    case_transition(
        actor=cast.telecom, action="restore", cases=[case], note="Chủ thuê bao đã nộp phạt."
    )
    case.refresh_from_db()
    assert case.state == State.CLOSED


def test_a_wrong_amount_while_suspension_is_requested_is_refused_and_changes_nothing(
    cast, make_case
):
    case = requested(cast, make_case)
    since, events = case.state_since, case.events.count()
    with pytest.raises(WorkflowError, match="cần ghi chú lý do"):
        penalties.payment_record(
            actor=cast.district, case=case, **payment(case, amount=case.decision.amount - 500_000)
        )
    case.refresh_from_db()
    assert (case.state, case.state_since) == (State.SUSPENSION_REQUESTED, since)
    assert case.events.count() == events and not Payment.objects.exists()


def test_the_payment_screen_records_it_and_sở_tttt_sees_it_on_its_request_list(
    client, cast, make_case
):
    case = requested(cast, make_case)
    client.force_login(cast.district)
    url = reverse("handler:payment", args=[case.number])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "paid_on": TODAY.strftime("%d/%m/%Y"),
            "amount": "1.500.000",
            "reference": "BL-15",
            "note": "",
        },
        follow=True,
    )
    assert "Đã ghi nhận nộp phạt theo quyết định số" in response.content.decode()
    assert Payment.objects.filter(decision__case=case).exists()
    client.force_login(cast.telecom)
    page = client.get(reverse("telecom:suspension_list")).content.decode()
    row = page[page.index(f'data-case="{case.number}"') :]
    assert "Đã nộp phạt" in row[: row.index("</tr>")]


def test_the_payment_screen_is_not_found_for_another_district(client, cast, make_case):
    case = requested(cast, make_case)
    client.force_login(cast.other_district)
    assert client.get(reverse("handler:payment", args=[case.number])).status_code == 404


# -- the unpaid list in pages -------------------------------------------------------------


def test_the_unpaid_list_is_paged_by_payment_deadline(client, cast, make_case, monkeypatch):
    from raovat.cases.selectors import search

    monkeypatch.setattr(search, "PAGE_SIZE", 2)
    cases = []
    for days, phone in ((5, "0912 345 678"), (25, "0913 222 333"), (15, "0914 555 666")):
        case = advance(make_case(cast.ward, phone=phone), State.AWAITING_SUBSCRIBER)
        perform("decide", [case], when=timezone.now() - datetime.timedelta(days=days))
        cases.append(case)
    oldest, newest, middle = cases[1], cases[0], cases[2]
    client.force_login(cast.district)
    url = reverse("handler:decided_list")
    first = client.get(url).content.decode()
    assert "3 hồ sơ" in first and "Trang sau" in first
    assert first.index(oldest.number) < first.index(middle.number)
    assert newest.number not in first
    cursor = first.split("sau=")[1].split('"')[0]
    second = client.get(f"{url}?sau={cursor}").content.decode()
    assert newest.number in second and oldest.number not in second
    assert "Trang 2" in second
    # The most recent deadline first, when the officer asks.
    reverse_page = client.get(f"{url}?sap_xep=han-nop-phat&chieu=giam").content.decode()
    assert newest.number in reverse_page and oldest.number not in reverse_page
