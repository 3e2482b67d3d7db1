"""The District's screens from the outside: scoping, refusals and query counts."""

import pytest
from django.urls import reverse

from raovat.cases.models import Case, Dispatch
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.conftest import assert_list_queries_constant

pytestmark = pytest.mark.django_db

PHONES = [
    "0912 345 678",
    "0903 123 456",
    "0987 654 321",
    "0978 111 222",
    "0345 678 912",
    "0868 172 805",
]

LISTS = [
    ("handler:confirm_list", State.AWAITING_CONFIRMATION),
    ("handler:send_list", State.CONFIRMED),
    ("handler:returned_list", State.RETURNED_BY_TELECOM),
    ("handler:contact_list", State.TO_CONTACT),
    ("handler:process_list", State.AWAITING_SUBSCRIBER),
]


@pytest.mark.parametrize(("name", "state"), LISTS)
def test_list_pages_keep_a_constant_number_of_queries(client, cast, make_case, name, state):
    client.force_login(cast.district)
    url = reverse(name)
    assert_list_queries_constant(
        client,
        url,
        PHONES,
        lambda index, phone: advance(
            make_case(cast.ward_b if index else cast.ward, phone=phone), state
        ),
    )


@pytest.mark.parametrize(("name", "state"), LISTS)
def test_other_district_does_not_see_the_cases(client, cast, make_case, name, state):
    case = advance(make_case(cast.ward), state)
    client.force_login(cast.other_district)
    assert case.number not in client.get(reverse(name)).content.decode()


@pytest.mark.parametrize("user", ["ward", "telecom", "culture"])
def test_other_roles_get_404_on_district_screens(client, cast, user):
    client.force_login(getattr(cast, user))
    for name, _ in LISTS:
        assert client.get(reverse(name)).status_code == 404


def test_other_district_cannot_confirm_through_the_form(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    client.force_login(cast.other_district)
    response = client.post(reverse("handler:confirm"), {"hs": [case.pk]}, follow=True)
    assert "không tồn tại hoặc không thuộc phạm vi của đơn vị bạn" in response.content.decode()
    assert case.number not in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == State.AWAITING_CONFIRMATION
    assert client.get(reverse("handler:confirm_case", args=[case.number])).status_code == 404


def test_returning_without_a_reason_changes_nothing(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    client.force_login(cast.district)
    response = client.post(
        reverse("handler:return_to_reporter"), {"hs": [case.pk], "note": " "}, follow=True
    )
    assert "cần nhập ghi chú" in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == State.AWAITING_CONFIRMATION


def test_other_district_cannot_open_or_send_a_dispatch(client, cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    client.force_login(cast.district)
    client.post(reverse("handler:dispatch_start", args=["send_to_telecom"]), {"hs": [case.pk]})
    dispatch = Dispatch.objects.get()
    client.force_login(cast.other_district)
    assert client.get(reverse("handler:dispatch", args=[dispatch.pk])).status_code == 404
    assert client.post(reverse("handler:dispatch_send", args=[dispatch.pk])).status_code == 404
    assert Case.objects.get(pk=case.pk).state == State.CONFIRMED


def test_a_refused_scan_leaves_no_file(client, cast, make_case, _media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = advance(make_case(cast.ward), State.CONFIRMED)
    client.force_login(cast.district)
    client.post(reverse("handler:dispatch_start", args=["send_to_telecom"]), {"hs": [case.pk]})
    dispatch = Dispatch.objects.get()
    before = {p for p in _media.rglob("*") if p.is_file()}
    bad = SimpleUploadedFile("phieu.pdf", b"MZ\x90\x00 not a scan")
    response = client.post(
        reverse("handler:dispatch_attach", args=[dispatch.pk]), {"scan": bad}, follow=True
    )
    assert "phải là bản quét PDF, JPEG hoặc PNG" in response.content.decode()
    assert {p for p in _media.rglob("*") if p.is_file()} == before
    dispatch.refresh_from_db()
    assert not dispatch.signed_scan


def test_a_case_sits_in_one_draft_at_a_time(client, cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    client.force_login(cast.district)
    url = reverse("handler:dispatch_start", args=["send_to_telecom"])
    client.post(url, {"hs": [case.pk]})
    client.post(url, {"hs": [case.pk]})  # the same selection again: the same draft
    assert Dispatch.objects.count() == 1
    other = advance(make_case(cast.ward, phone="0903 123 456"), State.CONFIRMED)
    client.post(url, {"hs": [case.pk, other.pk]})
    # The case moved; its first draft, empty and never numbered, is gone.
    held = [sorted(d.items.values_list("case_id", flat=True)) for d in Dispatch.objects.all()]
    assert held == [sorted([case.pk, other.pk])]
