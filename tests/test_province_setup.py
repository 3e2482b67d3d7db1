"""A province's chain from the official map: every ward with its office, run again safely."""

import dataclasses
import io

import pytest
from django.core.management import CommandError, call_command
from vietnam_provinces import Ward

from raovat.cases.models import CaseEvent
from raovat.units.models import Role, Unit, User

pytestmark = pytest.mark.django_db

SAI_GON = "26740"


def _setup(*args) -> str:
    out = io.StringIO()
    call_command("province_setup", *args, stdout=out)
    return out.getvalue()


def _snapshot():
    return sorted(
        Unit.objects.values_list(
            "external_code",
            "name",
            "short_name",
            "role",
            "parent__external_code",
            "handling_unit__external_code",
            "telecom_authority__external_code",
            "culture_authority__external_code",
            "active",
        )
    )


def test_hcmc_gets_its_168_wards_each_with_its_own_office_and_the_two_departments():
    out = _setup("79")
    assert "168 phường, xã, đặc khu; tạo mới 339 đơn vị" in out
    reporters = Unit.objects.filter(role=Role.REPORTER).select_related("handling_unit")
    assert reporters.count() == 168
    assert Unit.objects.filter(role=Role.HANDLER).count() == 168
    for ward in reporters:
        assert ward.handling_unit.parent_id == ward.pk
        assert ward.handling_unit.name == f"Phòng Văn hóa – Xã hội {ward.short_name}"
        assert ward.handling_unit.external_code == f"{ward.external_code}-VHXH"
    assert {u.kind for u in reporters} == {"Phường", "Xã", "Đặc khu"}
    sai_gon = Unit.objects.get(external_code=SAI_GON)
    assert sai_gon.name == "Ủy ban nhân dân Phường Sài Gòn"
    assert sai_gon.authority(Role.TELECOM).short_name == "Sở KH&CN"
    assert sai_gon.authority(Role.CULTURE).short_name == "Sở VHTTDL"
    assert sai_gon.parent.name == "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    assert Unit.objects.get(external_code="26536").short_name == "Phường Rạch Dừa"


def test_running_it_again_changes_nothing_and_duplicates_nothing():
    _setup("79")
    before = _snapshot()
    out = _setup("ho_chi_minh")
    assert "tạo mới 0 đơn vị, đổi tên 0 đơn vị" in out
    assert _snapshot() == before


def test_the_chain_it_makes_passes_the_administrations_own_checks():
    _setup("79")
    for code in (SAI_GON, f"{SAI_GON}-VHXH", "79", "79-SKHCN", "79-SVHTTDL"):
        Unit.objects.get(external_code=code).full_clean()


def test_a_ward_officer_of_a_new_ward_records_a_case_that_its_own_office_handles(make_case):
    _setup("79")
    ward = Unit.objects.get(external_code=SAI_GON)
    officer = User.objects.create(username="phuong.saigon", unit=ward)
    case = make_case(officer)
    assert case.reporting_unit_id == ward.pk
    assert case.events.get().unit_name == "Ủy ban nhân dân Phường Sài Gòn"


def _renamed_map(monkeypatch, code, new_name, drop=None):
    real = Ward.iter_by_province

    def fake(province_code):
        for ward in real(province_code):
            if str(int(ward.code)) == drop:
                continue
            yield dataclasses.replace(ward, name=new_name) if str(int(ward.code)) == code else ward

    monkeypatch.setattr(Ward, "iter_by_province", staticmethod(fake))


def test_a_name_changed_on_the_map_is_updated_and_history_keeps_the_old_one(monkeypatch, make_case):
    _setup("79")
    ward = Unit.objects.get(external_code=SAI_GON)
    officer = User.objects.create(username="phuong.saigon", unit=ward)
    case = make_case(officer)
    ward.address = "45 Lê Thánh Tôn"  # set by the administrator since
    ward.save(update_fields=["address"])
    other = Unit.objects.get(external_code="27160-VHXH")  # moved to another office since
    Unit.objects.filter(pk=ward.pk).update(handling_unit=other)

    _renamed_map(monkeypatch, SAI_GON, "Phường Sài Gòn Mới")
    out = _setup("79")

    assert "tạo mới 0 đơn vị, đổi tên 2 đơn vị" in out
    assert "Đổi tên: Ủy ban nhân dân Phường Sài Gòn → Ủy ban nhân dân Phường Sài Gòn Mới" in out
    ward.refresh_from_db()
    assert (ward.name, ward.short_name) == (
        "Ủy ban nhân dân Phường Sài Gòn Mới",
        "Phường Sài Gòn Mới",
    )
    assert ward.address == "45 Lê Thánh Tôn" and ward.handling_unit_id == other.pk
    assert (
        Unit.objects.get(external_code=f"{SAI_GON}-VHXH").name
        == "Phòng Văn hóa – Xã hội Phường Sài Gòn Mới"
    )
    assert Unit.objects.count() == 339
    assert CaseEvent.objects.get(case=case).unit_name == "Ủy ban nhân dân Phường Sài Gòn"


def test_a_ward_gone_from_the_map_is_named_but_left_working(monkeypatch):
    _setup("79")
    _renamed_map(monkeypatch, "", "", drop=SAI_GON)
    out = _setup("79")
    assert "1 đơn vị không còn trong danh mục" in out
    assert "Ủy ban nhân dân Phường Sài Gòn (mã 26740)" in out
    assert Unit.objects.get(external_code=SAI_GON).active


def test_an_unknown_province_is_refused_in_vietnamese():
    with pytest.raises(CommandError, match="Không có tỉnh/thành phố “99” trong danh mục"):
        _setup("99")
    assert not Unit.objects.exists()


def test_the_list_names_the_34_provinces():
    out = _setup("--list")
    assert len(out.strip().splitlines()) == 34
    assert "79  ho_chi_minh      Thành phố Hồ Chí Minh (168 phường, xã)" in out
