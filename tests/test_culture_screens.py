"""Sở VHTT-DL's screens from the outside: scoping, refusals, closing and query counts."""

import pytest
from django.urls import reverse

from raovat.cases.models import Case, CultureOutcome
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.units.models import Role, Unit, User
from tests.conftest import assert_list_queries_constant

pytestmark = pytest.mark.django_db

PHONES = ["0912 345 678", "0903 123 456", "0987 654 321", "0978 111 222"]
OUTCOME = {
    "decision_number": "125/QĐ-XPHC",
    "decided_on": "24/11/2026",
    "amount": "1.500.000",
    "result": "Xử phạt vi phạm hành chính chủ thuê bao.",
}


def _text(response) -> str:
    return response.content.decode()


def test_list_keeps_a_constant_number_of_queries(client, cast, make_case):
    client.force_login(cast.culture)
    url = reverse("culture:case_list")
    assert_list_queries_constant(
        client,
        url,
        PHONES,
        lambda index, phone: advance(
            make_case(cast.ward_b if index else cast.ward, phone=phone), State.AT_CULTURE
        ),
    )


def test_list_shows_the_dispatch_and_its_documents(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AT_CULTURE)
    dispatch = case.dispatches.filter(kind="culture").get()
    client.force_login(cast.culture)
    page = _text(client.get(reverse("culture:case_list")))
    assert f"Số {dispatch.number_label}" in page
    assert reverse("documents:dispatch", args=[dispatch.pk]) in page
    assert reverse("dispatch_scan", args=[dispatch.pk]) in page
    assert client.get(reverse("documents:dispatch", args=[dispatch.pk])).status_code == 200
    assert client.get(reverse("dispatch_scan", args=[dispatch.pk])).status_code == 200
    assert client.get(reverse("home")).content.decode().count(reverse("culture:case_list"))


def test_recording_the_outcome_closes_the_case(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AT_CULTURE)
    client.force_login(cast.culture)
    response = client.post(reverse("culture:outcome", args=[case.number]), OUTCOME, follow=True)
    assert f"Đã kết thúc 1 hồ sơ: {case.number}" in _text(response)
    case.refresh_from_db()
    assert case.state == State.CLOSED and case.current_unit is None
    outcome = case.culture_outcome
    assert (outcome.decision_number, outcome.amount) == ("125/QĐ-XPHC", 1_500_000)
    event = case.events.order_by("-id").first()
    assert (event.action, event.actor, event.unit_name) == (
        "close",
        cast.culture,
        "Sở Văn hóa, Thể thao và Du lịch",
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("decision_number", "", "Số quyết định"),
        ("decided_on", "2026-11-24", "Nhập ngày theo dạng dd/mm/yyyy."),
        ("decided_on", "01/01/2099", "Ngày này ở tương lai."),
        ("amount", "1,5 triệu", "Nhập số tiền bằng chữ số, ví dụ 1.500.000."),
    ],
)
def test_outcome_refusals_change_nothing(client, cast, make_case, field, value, message):
    case = advance(make_case(cast.ward), State.AT_CULTURE)
    client.force_login(cast.culture)
    response = client.post(
        reverse("culture:outcome", args=[case.number]), {**OUTCOME, field: value}
    )
    assert response.status_code == 200 and message in _text(response)
    assert Case.objects.get(pk=case.pk).state == State.AT_CULTURE
    assert not CultureOutcome.objects.exists()


@pytest.mark.parametrize("user", ["ward", "district", "telecom"])
def test_other_roles_get_404_on_culture_screens(client, cast, make_case, user):
    case = advance(make_case(cast.ward), State.AT_CULTURE)
    client.force_login(getattr(cast, user))
    assert client.get(reverse("culture:case_list")).status_code == 404
    assert client.post(reverse("culture:outcome", args=[case.number]), OUTCOME).status_code == 404
    assert Case.objects.get(pk=case.pk).state == State.AT_CULTURE


def test_another_culture_unit_cannot_close_the_case(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AT_CULTURE)
    unit = Unit.objects.create(
        name="Sở Văn hóa và Thể thao Hà Nội",
        short_name="Sở VHTT Hà Nội",
        code="SVHTT",
        kind="Sở",
        role=Role.CULTURE,
    )
    client.force_login(User.objects.create(username="sovhtt.hn", unit=unit))
    assert case.number not in _text(client.get(reverse("culture:case_list")))
    assert client.post(reverse("culture:outcome", args=[case.number]), OUTCOME).status_code == 404
    assert Case.objects.get(pk=case.pk).state == State.AT_CULTURE


def test_a_case_not_yet_at_culture_cannot_be_closed(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    client.force_login(cast.culture)
    assert client.get(reverse("culture:outcome", args=[case.number])).status_code == 404
