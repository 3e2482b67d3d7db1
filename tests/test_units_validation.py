"""A unit configuration that would leave cases with nowhere to go cannot be saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from raovat.units.models import Role, Unit

pytestmark = pytest.mark.django_db


def _refused(unit) -> str:
    with pytest.raises(ValidationError) as exc:
        unit.full_clean()
    return " ".join(m for messages in exc.value.message_dict.values() for m in messages)


def _unit_form(unit: Unit, **changes) -> dict:
    data = {
        "name": unit.name,
        "short_name": unit.short_name,
        "code": unit.code,
        "kind": unit.kind,
        "parent": unit.parent_id or "",
        "active": "on" if unit.active else "",
        "role": unit.role,
        "handling_unit": unit.handling_unit_id or "",
        "telecom_authority": unit.telecom_authority_id or "",
        "culture_authority": unit.culture_authority_id or "",
        "place_name": unit.place_name,
        "address": unit.address,
        "phone": unit.phone,
        "email": unit.email,
        "signer_title": unit.signer_title,
        "signer_name": unit.signer_name,
    }
    data.update(changes)
    if data["active"] is False:
        data.pop("active")
    return data


def test_the_shipped_chains_are_valid(chain):
    for unit in Unit.objects.all():
        unit.full_clean()


def test_a_reporting_unit_needs_a_handling_unit(cast):
    ward = cast.ward.unit
    ward.handling_unit = None
    assert "Đơn vị phát hiện phải có đơn vị xử lý." in _refused(ward)


def test_the_handling_unit_must_have_the_handler_role(cast):
    ward = cast.ward.unit
    ward.handling_unit = cast.telecom.unit
    assert "Sở Thông tin và Truyền thông không phải là đơn vị xử lý" in _refused(ward)


def test_the_handling_unit_must_be_active(cast):
    office = cast.other_district.unit
    Unit.objects.filter(pk=office.pk).update(active=False)
    ward = cast.ward.unit
    ward.handling_unit = Unit.objects.get(pk=office.pk)
    assert "Phòng Văn hóa và Thông tin Quận 3 đã ngừng hoạt động" in _refused(ward)


def test_a_reporter_or_handler_needs_telecom_and_culture_authorities_above_it(cast):
    orphan = Unit.objects.create(
        name="Ủy ban nhân dân Thị xã Mới", short_name="UBND TX Mới", code="UBND", kind="Thị xã"
    )
    office = Unit(
        name="Phòng Văn hóa – Thông tin Thị xã Mới",
        short_name="Phòng VHTT TX Mới",
        code="VHTT",
        kind="Phòng",
        parent=orphan,
        role=Role.HANDLER,
    )
    message = _refused(office)
    assert "Chưa có cơ quan quản lý viễn thông cho Phòng Văn hóa – Thông tin Thị xã Mới" in message
    assert "Chưa có cơ quan văn hóa" in message
    office.parent = cast.chain.units["city"]
    office.full_clean()


def test_moving_a_branch_away_from_its_authorities_is_refused(cast):
    district = cast.chain.units["ubnd_quan1"]
    district.parent = None
    message = _refused(district)
    assert "sẽ không còn cơ quan quản lý viễn thông hoặc cơ quan văn hóa" in message
    assert "Ủy ban nhân dân Phường Bến Nghé" in message


def test_a_cycle_in_the_tree_is_refused(cast):
    city = cast.chain.units["city"]
    city.parent = cast.chain.units["ubnd_quan1"]
    assert "cây đơn vị sẽ bị vòng lặp" in _refused(city)
    city.parent = city
    assert "Một đơn vị không thể là cấp trên của chính nó." in _refused(city)


def test_a_handler_with_reporting_units_cannot_be_deactivated(cast):
    office = cast.district.unit
    office.active = False
    message = _refused(office)
    assert "Còn 2 đơn vị phát hiện chuyển hồ sơ cho đơn vị này" in message
    assert "Chuyển các đơn vị phát hiện đã chọn sang đơn vị xử lý khác" in message


def test_the_admin_refuses_a_bad_configuration_with_the_message(client, cast):
    ward = cast.ward.unit
    client.force_login(cast.admin)
    url = reverse("admin:units_unit_change", args=[ward.pk])
    response = client.post(url, _unit_form(ward, handling_unit=""))
    assert response.status_code == 200
    assert "Đơn vị phát hiện phải có đơn vị xử lý." in response.content.decode()
    ward.refresh_from_db()
    assert ward.handling_unit == cast.district.unit

    city = cast.chain.units["city"]
    response = client.post(
        reverse("admin:units_unit_change", args=[city.pk]),
        _unit_form(city, parent=cast.chain.units["ubnd_quan3"].pk),
    )
    assert "cây đơn vị sẽ bị vòng lặp" in response.content.decode()
    city.refresh_from_db()
    assert city.parent_id is None


def test_the_admin_saves_a_good_configuration(client, cast):
    ward = cast.ward.unit
    client.force_login(cast.admin)
    response = client.post(
        reverse("admin:units_unit_change", args=[ward.pk]),
        _unit_form(ward, handling_unit=cast.other_district.unit_id),
    )
    assert response.status_code == 302
    ward.refresh_from_db()
    assert ward.handling_unit == cast.other_district.unit
