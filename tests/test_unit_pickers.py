"""Every unit picker works with the real map: search as you type, never a list of thousands."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.units.models import Role, Unit

pytestmark = pytest.mark.django_db


def _suggestions(html: str) -> list[str]:
    (datalist,) = re.findall(r'<datalist id="id_reporting_unit-goi-y">(.*?)</datalist>', html)
    return re.findall(r'<option value="([^"]*)"', datalist)


def _search(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("search"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_district_is_offered_its_own_wards_only(client, cast):
    html = _search(client, cast.district)
    assert _suggestions(html) == ["Phường Bến Nghé", "Phường Bến Thành"]
    assert 'list="id_reporting_unit-goi-y"' in html
    assert 'label="phuong ben nghe"' in html  # found without accents too


@pytest.mark.parametrize("typed", ["Phường Bến Thành", "phuong ben thanh", "  Phường  Bến Thành"])
def test_the_search_filters_by_the_ward_typed(client, cast, make_case, typed):
    bennghe = advance(make_case(cast.ward, "0912 345 678"), State.AWAITING_CONFIRMATION)
    benthanh = advance(make_case(cast.ward_b, "0987 654 321"), State.AWAITING_CONFIRMATION)
    html = _search(client, cast.district, reporting_unit=typed)
    assert benthanh.number in html and bennghe.number not in html
    assert 'value="Phường Bến Thành"' in html  # the box keeps the name


def test_a_link_may_still_give_the_unit_by_its_number(client, cast, make_case):
    case = advance(make_case(cast.ward_b, "0987 654 321"), State.AWAITING_CONFIRMATION)
    html = _search(client, cast.district, reporting_unit=str(cast.ward_b.unit_id))
    assert case.number in html
    assert 'value="Phường Bến Thành"' in html


@pytest.mark.parametrize("typed", ["Phường Võ Thị Sáu", "Phường Không Có", "99999"])
def test_a_ward_not_offered_is_refused_in_vietnamese(client, cast, make_case, typed):
    case = advance(make_case(cast.ward, "0912 345 678"), State.AWAITING_CONFIRMATION)
    html = _search(client, cast.district, reporting_unit=typed)
    assert f"Không có đơn vị “{typed}” trong danh sách" in html
    assert case.number in html  # the criterion is ignored, nothing else changes


def test_the_department_of_a_city_of_168_wards_types_to_find_one(client, two_level):
    html = _search(client, two_level.user("sokhcn"))
    names = _suggestions(html)
    assert len(names) == 168 and "Phường Sài Gòn" in names and "Đặc khu Côn Đảo" in names
    assert not re.search(r'<select[^>]*name="reporting_unit"', html)


def test_a_ward_officer_is_offered_only_its_own_ward(client, two_level):
    html = _search(client, two_level.user("phuong.saigon"))
    assert _suggestions(html) == ["Phường Sài Gòn"]


# The administration --------------------------------------------------------------------------


def _autocomplete(client, field, term, model="unit", app="units"):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app, "model_name": model, "field_name": field, "term": term},
    )
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_the_unit_form_searches_units_as_one_types(client, two_level):
    client.force_login(two_level.user("admin"))
    ward = two_level.units["ward_saigon"]
    html = client.get(reverse("admin:units_unit_change", args=[ward.pk])).content.decode()
    for field in ("parent", "handling_unit", "telecom_authority", "culture_authority"):
        assert re.search(rf'<select[^>]*name="{field}"[^>]*data-ajax--url', html) or re.search(
            rf'<select[^>]*data-ajax--url[^>]*name="{field}"', html
        )
    assert html.count("<option") < 20  # only the chosen units, not 339
    assert _autocomplete(client, "handling_unit", "Sài Gòn") == [
        "Phòng Văn hóa – Xã hội Phường Sài Gòn"
    ]  # handling units only
    assert "Ủy ban nhân dân Phường Sài Gòn" in _autocomplete(client, "parent", "Sài Gòn")


def test_the_user_form_and_list_do_not_list_every_unit(client, two_level):
    client.force_login(two_level.user("admin"))
    officer = two_level.user("vhxh.saigon")
    change = client.get(reverse("admin:units_user_change", args=[officer.pk])).content.decode()
    assert re.search(
        r'<select[^>]*name="unit"[^>]*data-ajax--url|'
        r'<select[^>]*data-ajax--url[^>]*name="unit"',
        change,
    )
    listing = client.get(reverse("admin:units_user_changelist")).content.decode()
    assert "Phường Tân Định" not in listing  # no filter of the 339 units
    found = client.get(reverse("admin:units_user_changelist"), {"q": "Phường Sài Gòn"})
    assert "vhxh.saigon" in found.content.decode()


def test_a_unit_is_found_by_its_map_code(client, two_level):
    client.force_login(two_level.user("admin"))
    html = client.get(reverse("admin:units_unit_changelist"), {"q": "26740"}).content.decode()
    assert "Ủy ban nhân dân Phường Sài Gòn" in html


def test_the_document_template_form_searches_its_unit(client, two_level):
    client.force_login(two_level.user("admin"))
    html = client.get(reverse("admin:documents_documenttemplate_add")).content.decode()
    assert re.search(
        r'<select[^>]*name="unit"[^>]*data-ajax--url|'
        r'<select[^>]*data-ajax--url[^>]*name="unit"',
        html,
    )


def test_the_province_command_and_the_demo_agree(two_level):
    call_command("province_setup", "79", stdout=io.StringIO())
    assert Unit.objects.filter(role=Role.REPORTER).count() == 168
    assert Unit.objects.get(external_code="26740").members.get().username == "phuong.saigon"
