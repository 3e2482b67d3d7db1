"""Units, users and routing are managed in the admin, in Vietnamese."""

import pytest
from django.urls import reverse

from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.transitions import case_transition
from raovat.cases.workflow import State
from raovat.demo.scenario import advance

pytestmark = pytest.mark.django_db


def test_the_administrator_manages_units_and_users_in_vietnamese(client, cast):
    client.force_login(cast.admin)
    units = client.get(reverse("admin:units_unit_changelist")).content.decode()
    assert "Phòng Văn hóa và Thông tin Quận 1" in units
    assert "Vai trò trong chuỗi xử lý" in units or "vai trò trong chuỗi xử lý" in units.lower()
    form = client.get(reverse("admin:units_unit_change", args=[cast.ward.unit_id]))
    page = form.content.decode()
    assert "Đơn vị xử lý" in page or "đơn vị xử lý" in page.lower()
    assert "Lưu lại" in page  # Django's own Vietnamese translation is active
    users = client.get(reverse("admin:units_user_changelist")).content.decode()
    assert "vhtt.quan1" in users


def test_cases_cannot_be_edited_in_the_admin(client, cast, make_case):
    case = make_case(cast.ward)
    client.force_login(cast.admin)
    url = reverse("admin:cases_case_change", args=[case.pk])
    response = client.post(url, {"state": State.CLOSED})
    case.refresh_from_db()
    assert case.state == State.DRAFT
    assert response.status_code in (302, 403, 200)


def test_an_officer_cannot_open_the_admin(client, cast):
    client.force_login(cast.district)
    response = client.get(reverse("admin:units_unit_changelist"))
    assert response.status_code == 302
    assert "/quan-tri/login/" in response["Location"]


def test_a_deactivated_unit_keeps_its_history_but_acts_no_more(client, cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    office = cast.district.unit
    office.active = False
    office.save()

    with pytest.raises(WorkflowError) as exc:
        case_transition(actor=cast.district, action="cancel", cases=[case], note="Giải thể")
    assert "ngừng hoạt động" in str(exc.value)
    assert case.events.get(action="confirm").unit_name == office.name

    client.force_login(cast.ward)
    page = client.get(reverse("case_detail", args=[case.number])).content.decode()
    assert "Phòng Văn hóa và Thông tin Quận 1" in page


def test_a_ward_whose_handling_unit_is_inactive_cannot_send_up(cast, make_case):
    case = make_case(cast.ward)
    office = cast.district.unit
    office.active = False
    office.save()
    with pytest.raises(WorkflowError) as exc:
        case_transition(actor=cast.ward, action="submit", cases=[case])
    assert "chưa được gán đơn vị xử lý đang hoạt động" in str(exc.value)
