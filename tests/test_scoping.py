"""A unit sees and acts only on cases it has taken part in; others get 404, never data."""

import pytest
from django.urls import reverse

from raovat.cases.models import Case
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform

pytestmark = pytest.mark.django_db


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_the_district_of_the_ward_sees_a_submitted_case(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    response = _get(client, cast.district, reverse("case_detail", args=[case.number]))
    assert response.status_code == 200
    assert case.phone_display in response.content.decode()


def test_other_district_cannot_see_case(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    response = _get(client, cast.other_district, reverse("case_detail", args=[case.number]))
    assert response.status_code == 404
    assert case.phone_display not in response.content.decode()


def test_the_district_does_not_see_a_ward_draft(client, cast, make_case):
    case = make_case(cast.ward)
    assert (
        _get(client, cast.district, reverse("case_detail", args=[case.number])).status_code == 404
    )


def test_the_telecom_department_sees_a_case_only_once_it_is_sent(client, cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    url = reverse("case_detail", args=[case.number])
    assert _get(client, cast.telecom, url).status_code == 404
    perform("send_to_telecom", [case])
    assert _get(client, cast.telecom, url).status_code == 200


def test_a_neighbouring_ward_does_not_see_the_case(client, cast, make_case):
    case = make_case(cast.ward)
    assert _get(client, cast.ward_b, reverse("case_detail", args=[case.number])).status_code == 404


def test_photos_are_served_only_to_units_on_the_case(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    photo = case.sightings.get().photos.get()
    for url in (reverse("photo", args=[photo.pk]), reverse("photo_thumbnail", args=[photo.pk])):
        ok = _get(client, cast.district, url)
        assert ok.status_code == 200
        assert ok["Content-Type"] == "image/jpeg"
        assert _get(client, cast.other_district, url).status_code == 404
    client.logout()
    anonymous = client.get(reverse("photo", args=[photo.pk]))
    assert anonymous.status_code == 302


def test_dispatch_scans_are_served_to_sender_and_receiver_only(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    dispatch = case.dispatches.get()
    url = reverse("dispatch_scan", args=[dispatch.pk])
    assert _get(client, cast.district, url).status_code == 200
    assert _get(client, cast.telecom, url).status_code == 200
    assert _get(client, cast.other_district, url).status_code == 404
    assert _get(client, cast.ward, url).status_code == 404


def test_subscriber_identity_is_shown_to_the_district_and_telecom_only(client, cast, make_case):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    url = reverse("case_detail", args=[case.number])
    name = case.subscriber.full_name
    assert name in _get(client, cast.district, url).content.decode()
    assert name in _get(client, cast.telecom, url).content.decode()
    ward_page = _get(client, cast.ward, url)
    assert ward_page.status_code == 200
    assert name not in ward_page.content.decode()


def test_worklists_show_only_the_units_own_cases(client, cast, make_case):
    mine = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    other = advance(make_case(cast.ward_q3, phone="0987 654 321"), State.AWAITING_CONFIRMATION)
    page = _get(
        client, cast.district, reverse("worklist", args=[State.AWAITING_CONFIRMATION])
    ).content.decode()
    assert mine.number in page
    assert other.number not in page


def test_a_unit_cannot_open_a_worklist_of_another_role(client, cast):
    response = _get(client, cast.ward, reverse("worklist", args=[State.AT_TELECOM]))
    assert response.status_code == 404


def test_visible_to_is_empty_for_a_user_without_unit(cast, make_case):
    make_case(cast.ward)
    assert not Case.objects.visible_to(cast.admin).exists()
