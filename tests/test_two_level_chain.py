"""The 2025 two-level chain runs the whole workflow with no change of code."""

import pytest
from django.urls import reverse

from raovat.cases.services.intake import sighting_record
from raovat.cases.workflow import State
from raovat.demo.scenario import PATHS, perform
from tests.conftest import jpeg
from tests.dates import days_ago

pytestmark = pytest.mark.django_db


def _case(user, phone):
    return sighting_record(
        actor=user,
        phone=phone,
        found_on=days_ago(30),
        place="Trụ điện số 14 đường Hai Bà Trưng",
        ad_type="leaflet",
        ad_text="Thông cống nghẹt 24/24",
        photos=[jpeg(phone)],
    ).sighting.case


@pytest.mark.parametrize("end", [State.CLOSED, State.SUSPENDED])
def test_a_case_goes_from_the_ward_to_the_end(two_level, end):
    ward = two_level.user("phuong.saigon")
    office = two_level.user("vhxh.saigon")
    case = _case(ward, "0909 876 543")
    path = PATHS[end] if end == State.CLOSED else [*PATHS[State.SUSPENDED], "restore"]
    for action in path:
        case.refresh_from_db()
        perform(action, [case])
    case.refresh_from_db()
    assert case.state == State.CLOSED
    assert case.handling_unit == office.unit
    assert case.telecom_unit.name == "Sở Khoa học và Công nghệ"
    actors = list(case.events.values_list("unit_name", flat=True).distinct())
    assert "Phòng Văn hóa – Xã hội Phường Sài Gòn" in actors


def test_the_ward_office_sees_its_reminders_named_from_data(client, two_level):
    ward = two_level.user("phuong.saigon")
    case = _case(ward, "0909 876 543")
    perform("submit", [case])
    client.force_login(two_level.user("vhxh.saigon"))
    page = client.get(reverse("home")).content.decode()
    assert "Phòng VH-XH Phường Sài Gòn" in page
    assert "Chuyển Sở KH&amp;CN cung cấp thông tin thuê bao" in page
    assert "Sở TTTT" not in page


def test_the_other_ward_office_cannot_see_the_case(client, two_level):
    case = _case(two_level.user("phuong.saigon"), "0909 876 543")
    perform("submit", [case])
    client.force_login(two_level.user("vhxh.banco"))
    assert client.get(reverse("case_detail", args=[case.number])).status_code == 404
