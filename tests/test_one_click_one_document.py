"""One click, one document: an invitation letter or a violation record sent twice, or four
times at the same moment, is made once, and the numbering stays gap-free."""

import datetime
import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from raovat.cases.models import Counter, Invitation, PenaltyRecord
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.documents_helpers import waiting_case

CLICKS = 4


def _key(page: str) -> str:
    return re.search(r'name="request_key" value="([0-9a-f]{32})"', page).group(1)


def _meeting() -> str:
    return f"{timezone.localdate() + datetime.timedelta(days=3):%d/%m/%Y} 08:30"


def _invitation_form(client, case) -> dict:
    page = client.get(reverse("handler:contact", args=[case.number])).content.decode()
    return {
        "request_key": _key(page),
        "meeting_at": _meeting(),
        "meeting_place": "28 Lê Thánh Tôn, phường Bến Nghé, Quận 1",
        "bring": "Căn cước công dân",
    }


def _record_form(client, case) -> dict:
    page = client.get(reverse("handler:penalty", args=[case.number])).content.decode()
    return {
        "request_key": _key(page),
        "made_at": f"{timezone.localtime() - datetime.timedelta(minutes=10):%d/%m/%Y %H:%M}",
        "place": "Trụ sở Phòng Văn hóa và Thông tin Quận 1",
        "legal_basis": "Điểm a khoản 1 Điều 34 Nghị định 38/2021/NĐ-CP",
        "amount": "1500000",
        "remediation": "Tháo gỡ quảng cáo.",
    }


DOCUMENTS = [
    # (url name, state the case must be in, form builder, model, number field, label)
    (
        "handler:invitation_create",
        State.TO_CONTACT,
        _invitation_form,
        Invitation,
        "number_label",
        "GM-VHTTQ1",
    ),
    (
        "handler:penalty",
        State.AWAITING_SUBSCRIBER,
        _record_form,
        PenaltyRecord,
        "record_number",
        "BB-VPHC",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "state", "form", "model", "field", "label"), DOCUMENTS)
def test_the_same_form_sent_twice_makes_one_document(
    client, cast, make_case, name, state, form, model, field, label
):
    case = advance(make_case(cast.ward), state)
    client.force_login(cast.district)
    data = form(client, case)
    for _ in range(2):
        assert client.post(reverse(name, args=[case.number]), data).status_code == 302
    assert model.objects.count() == 1
    # A new form is a new document, with the next number.
    client.post(reverse(name, args=[case.number]), form(client, case))
    numbers = sorted(getattr(d, field) for d in model.objects.all())
    assert numbers == [f"1/{label}", f"2/{label}"]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "state", "form", "model", "field", "label"), DOCUMENTS)
def test_a_form_without_its_key_makes_nothing(
    client, cast, make_case, name, state, form, model, field, label
):
    case = advance(make_case(cast.ward), state)
    client.force_login(cast.district)
    data = form(client, case)
    data["request_key"] = "²" * 32
    response = client.post(reverse(name, args=[case.number]), data)
    assert response.status_code == 200
    assert "Mã yêu cầu của biểu mẫu không hợp lệ, hãy tải lại trang." in response.content.decode()
    assert not model.objects.exists()


@pytest.mark.django_db
def test_a_key_of_another_case_is_refused(client, cast, make_case):
    first = waiting_case(cast, make_case)
    second = waiting_case(cast, make_case, phone="0987 654 321")
    client.force_login(cast.district)
    data = _record_form(client, first)
    client.post(reverse("handler:penalty", args=[first.number]), data)
    response = client.post(reverse("handler:penalty", args=[second.number]), data)
    assert "Mã yêu cầu không hợp lệ" in response.content.decode()
    assert list(PenaltyRecord.objects.values_list("case_id", flat=True)) == [first.pk]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's concurrent writers; SQLite serialises them",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("name", "state", "form", "model", "field", "label"), DOCUMENTS)
def test_four_simultaneous_clicks_make_one_document_and_no_gap(
    cast, make_case, name, state, form, model, field, label
):
    case = advance(make_case(cast.ward), state)
    clients = [Client() for _ in range(CLICKS)]
    for c in clients:
        c.force_login(cast.district)
    data = form(clients[0], case)
    url = reverse(name, args=[case.number])
    start = threading.Barrier(CLICKS)
    statuses, errors = [], []

    def click(c):
        try:
            start.wait()
            statuses.append(c.post(url, data).status_code)
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert statuses == [302] * CLICKS
    assert [getattr(d, field) for d in model.objects.all()] == [f"1/{label}"]
    # The numbers the losing clicks took were rolled back with them: the next is 2.
    assert Counter.objects.get(key__contains=f"/{label[:2]}/").last == 1
    clients[0].post(url, form(clients[0], case))
    assert sorted(getattr(d, field) for d in model.objects.all()) == [f"1/{label}", f"2/{label}"]
