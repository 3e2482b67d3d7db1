"""A guided change of chain: the wards of a dissolved district move to a new handling unit
and take their open cases with them; closed cases and history stay as they were."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse

from raovat.cases.models import CaseEvent, CaseUnit
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.rechain import chain_move_reporting_units
from raovat.cases.services.transitions import case_transition
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from raovat.units.models import Role, Unit, User

pytestmark = pytest.mark.django_db

NOTE = "Theo Nghị quyết sắp xếp đơn vị hành chính cấp xã."


@pytest.fixture
def new_office(cast):
    """The office that takes over the wards of Quận 1 (the 2025 reorganisation)."""
    city = cast.chain.units["city"]
    office = Unit.objects.create(
        name="Phòng Văn hóa – Xã hội Phường Sài Gòn",
        short_name="Phòng VH-XH P. Sài Gòn",
        code="VHXH",
        kind="Phòng",
        parent=city,
        role=Role.HANDLER,
    )
    User.objects.create_user("vhxh.saigon", password="x", unit=office, full_name="Ngô Thanh Tùng")
    return office


def _officer(unit):
    return User.objects.get(unit=unit)


def _move(cast, new_office, **kwargs):
    return chain_move_reporting_units(
        actor=cast.admin,
        reporting_units=[cast.ward.unit, cast.ward_b.unit],
        new_handling_unit=new_office,
        note=NOTE,
        **kwargs,
    )


def test_it_moves_open_cases_and_leaves_closed_ones(cast, make_case, new_office):
    old = cast.district.unit
    waiting = advance(make_case(cast.ward, "0912 345 678"), State.AWAITING_CONFIRMATION)
    at_telecom = advance(make_case(cast.ward_b, "0987 654 321"), State.AT_TELECOM)
    closed = advance(make_case(cast.ward, "0903 111 222"), State.CANCELLED)
    draft = make_case(cast.ward, "0935 123 456")
    elsewhere = advance(make_case(cast.ward_q3, "0977 000 111"), State.AWAITING_CONFIRMATION)

    result = _move(cast, new_office)

    assert result.moved == 2
    assert result.per_old_unit == {old.name: 2}
    for case in (waiting, at_telecom, closed, draft, elsewhere):
        case.refresh_from_db()
    assert waiting.handling_unit == new_office and waiting.current_unit == new_office
    assert at_telecom.handling_unit == new_office
    assert at_telecom.current_unit == cast.telecom.unit  # waits for the same department
    assert at_telecom.telecom_unit == cast.telecom.unit
    assert waiting.state == State.AWAITING_CONFIRMATION and at_telecom.state == State.AT_TELECOM
    assert CaseUnit.objects.filter(case=waiting, unit=new_office, role=Role.HANDLER).exists()
    assert CaseUnit.objects.filter(case=at_telecom, unit=new_office).exists()
    assert closed.handling_unit == old and not closed.events.filter(action="rechain").exists()
    assert draft.handling_unit is None and draft.current_unit == cast.ward.unit
    assert elsewhere.handling_unit == cast.other_district.unit
    cast.ward.unit.refresh_from_db()
    assert cast.ward.unit.handling_unit == new_office


def test_each_moved_case_gets_one_history_row_with_the_old_names(cast, make_case, new_office):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    old = cast.district.unit
    old_name = old.name
    _move(cast, new_office)
    old.name = "Phòng Văn hóa và Thông tin (đã giải thể)"
    old.save()

    (event,) = case.events.filter(action="rechain")
    assert event.from_state == event.to_state == State.CONFIRMED
    assert event.unit_name == old_name and event.next_unit_name == new_office.name
    assert old_name in event.note and new_office.name in event.note and NOTE in event.note
    assert event.actor == cast.admin and event.action_label == "Chuyển đơn vị xử lý"
    assert case.events.get(action="confirm").unit_name == old_name


def test_after_the_move_the_new_unit_acts_and_the_old_one_is_refused(cast, make_case, new_office):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    _move(cast, new_office)

    with pytest.raises(WorkflowError) as exc:
        case_transition(actor=cast.district, action="confirm", cases=[case])
    assert "đơn vị Phòng Văn hóa và Thông tin Quận 1 không phụ trách hồ sơ này" in str(exc.value)

    case_transition(actor=_officer(new_office), action="confirm", cases=[case])
    case.refresh_from_db()
    assert case.state == State.CONFIRMED and case.current_unit == new_office
    perform("send_to_telecom", [case])  # the new office sends its own slip
    case.refresh_from_db()
    assert case.dispatches.get().from_unit == new_office


def test_a_new_case_of_a_moved_ward_goes_to_the_new_unit(cast, make_case, new_office):
    _move(cast, new_office)
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    assert case.handling_unit == new_office and case.current_unit == new_office


def test_the_old_unit_can_be_deactivated_once_it_has_nothing_left(cast, make_case, new_office):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    result = _move(cast, new_office, deactivate_old_handling_units=True)
    old = cast.district.unit
    old.refresh_from_db()
    assert result.deactivated == [old] and not old.active
    assert case.events.get(action="confirm").unit_name == old.name.removesuffix(
        " (ngừng hoạt động)"
    )


def test_deactivation_is_refused_while_other_wards_still_use_the_old_unit(cast, new_office):
    with pytest.raises(WorkflowError) as exc:
        chain_move_reporting_units(
            actor=cast.admin,
            reporting_units=[cast.ward.unit],
            new_handling_unit=new_office,
            note=NOTE,
            deactivate_old_handling_units=True,
        )
    assert "còn 1 đơn vị phát hiện khác" in str(exc.value)
    cast.ward.unit.refresh_from_db()
    assert cast.ward.unit.handling_unit == cast.district.unit  # nothing changed


def test_the_move_is_refused_to_an_inactive_or_non_handling_unit(cast, new_office):
    for target, message in (
        (cast.telecom.unit, "không phải là đơn vị xử lý"),
        (cast.ward_q3.unit, "không phải là đơn vị xử lý"),
    ):
        with pytest.raises(WorkflowError, match=message):
            chain_move_reporting_units(
                actor=cast.admin,
                reporting_units=[cast.ward.unit],
                new_handling_unit=target,
                note=NOTE,
            )
    new_office.active = False
    new_office.save()
    with pytest.raises(WorkflowError, match="đã ngừng hoạt động"):
        _move(cast, new_office)


def test_an_officer_cannot_move_units(cast, new_office):
    with pytest.raises(WorkflowError, match="không có quyền"):
        chain_move_reporting_units(
            actor=cast.district,
            reporting_units=[cast.ward.unit],
            new_handling_unit=new_office,
            note=NOTE,
        )


def _action(client, units, **extra):
    return client.post(
        reverse("admin:units_unit_changelist"),
        {"action": "chain_move", ACTION_CHECKBOX_NAME: [u.pk for u in units], **extra},
    )


def test_the_admin_action_confirms_then_moves(client, cast, make_case, new_office):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    advance(make_case(cast.ward_b, "0987 654 321"), State.CONFIRMED)
    advance(make_case(cast.ward_b, "0903 111 222"), State.CANCELLED)
    client.force_login(cast.admin)
    units = [cast.ward.unit, cast.ward_b.unit]

    page = _action(client, units)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Chuyển đơn vị phát hiện sang đơn vị xử lý khác" in html
    assert 'id="chain-move-total">2 hồ sơ' in html
    # The new handling unit is searched as one types (admin autocomplete), not listed.
    assert 'data-ajax--url="/quan-tri/autocomplete/"' in html
    assert "Phòng Văn hóa – Xã hội Phường Sài Gòn" not in html
    case.refresh_from_db()
    assert case.handling_unit == cast.district.unit  # nothing moves before confirming

    missing_note = _action(client, units, confirm="yes", new_handling_unit=new_office.pk)
    assert missing_note.status_code == 200
    assert "Trường này là bắt buộc" in missing_note.content.decode()

    done = _action(
        client,
        units,
        confirm="yes",
        new_handling_unit=new_office.pk,
        note=NOTE,
        deactivate_old="on",
    )
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.handling_unit == new_office
    assert not Unit.objects.get(pk=cast.district.unit_id).active
    listing = client.get(done["Location"]).content.decode()
    assert "Đã chuyển 2 đơn vị phát hiện và 2 hồ sơ đang mở sang" in listing


def test_the_admin_action_refuses_units_that_are_not_reporters(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        reverse("admin:units_unit_changelist"),
        {"action": "chain_move", ACTION_CHECKBOX_NAME: [cast.ward.unit_id, cast.district.unit_id]},
        follow=True,
    )
    assert "Chỉ chọn được đơn vị phát hiện" in response.content.decode()


def test_the_admin_action_is_refused_to_others(client, cast, new_office):
    client.force_login(cast.district)
    response = _action(
        client, [cast.ward.unit], confirm="yes", new_handling_unit=new_office.pk, note=NOTE
    )
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]

    viewer = User.objects.create_user("xem", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_unit"))
    client.force_login(viewer)
    response = _action(
        client, [cast.ward.unit], confirm="yes", new_handling_unit=new_office.pk, note=NOTE
    )
    # Without the right to change units the action does not exist for this user.
    assert "Đơn vị xử lý mới" not in response.content.decode()
    cast.ward.unit.refresh_from_db()
    assert cast.ward.unit.handling_unit == cast.district.unit
    assert not CaseEvent.objects.filter(action="rechain").exists()
