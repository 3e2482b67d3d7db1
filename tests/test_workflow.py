"""Every transition of the table, by the unit that may do it, and every refusal."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from raovat.cases import facts
from raovat.cases.models import Case, CaseEvent, Dispatch, Subscriber
from raovat.cases.services.dispatches import dispatch_attach_scan, dispatch_create, dispatch_number
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.requirements import REQUIREMENTS, requirements_of
from raovat.cases.services.transitions import NOT_FOUND, case_transition
from raovat.cases.workflow import TRANSITIONS, Need, State
from raovat.demo.scenario import PATHS, advance, perform, scan_pdf
from tests.dates import TODAY

pytestmark = pytest.mark.django_db

# (action, state the case starts in, state it must end in)
ALLOWED = [
    ("submit", State.DRAFT, State.AWAITING_CONFIRMATION),
    ("submit", State.RETURNED_TO_REPORTER, State.AWAITING_CONFIRMATION),
    ("confirm", State.AWAITING_CONFIRMATION, State.CONFIRMED),
    ("return_to_reporter", State.AWAITING_CONFIRMATION, State.RETURNED_TO_REPORTER),
    ("return_to_reporter", State.RETURNED_BY_TELECOM, State.RETURNED_TO_REPORTER),
    ("send_to_telecom", State.CONFIRMED, State.AT_TELECOM),
    ("provide_identity", State.AT_TELECOM, State.TO_CONTACT),
    ("return_to_handler", State.AT_TELECOM, State.RETURNED_BY_TELECOM),
    ("resend_to_telecom", State.RETURNED_BY_TELECOM, State.AT_TELECOM),
    ("contact_done", State.TO_CONTACT, State.AWAITING_SUBSCRIBER),
    ("decide", State.AWAITING_SUBSCRIBER, State.DECIDED),
    ("record_payment", State.DECIDED, State.CLOSED),
    ("record_payment_on_request", State.SUSPENSION_REQUESTED, State.SUSPENSION_REQUESTED),
    ("record_late_payment", State.SUSPENDED, State.SUSPENDED),
    ("request_suspension", State.AWAITING_SUBSCRIBER, State.SUSPENSION_REQUESTED),
    ("request_suspension", State.DECIDED, State.SUSPENSION_REQUESTED),
    ("send_to_culture", State.AWAITING_SUBSCRIBER, State.AT_CULTURE),
    ("send_to_culture", State.DECIDED, State.AT_CULTURE),
    ("suspend", State.SUSPENSION_REQUESTED, State.SUSPENDED),
    ("restore", State.SUSPENDED, State.CLOSED),
    ("close", State.AT_CULTURE, State.CLOSED),
    ("cancel", State.CONFIRMED, State.CANCELLED),
    ("cancel", State.AT_TELECOM, State.CANCELLED),
    ("cancel", State.RETURNED_BY_TELECOM, State.CANCELLED),
]

# Who must act: the unit the transition names on the case's route.
EXPECTED_ACTOR = {
    "submit": "ward",
    "confirm": "district",
    "return_to_reporter": "district",
    "send_to_telecom": "district",
    "provide_identity": "telecom",
    "return_to_handler": "telecom",
    "resend_to_telecom": "district",
    "contact_done": "district",
    "request_suspension": "district",
    "send_to_culture": "district",
    "suspend": "telecom",
    "restore": "telecom",
    "close": "culture",
    "decide": "district",
    "record_payment": "district",
    "record_late_payment": "district",
    "record_payment_on_request": "district",
}

# Enforcement after a decision needs its payment deadline passed: the decision is made
# 40 days ago. A late payment needs a decided, then suspended, case.
PAST = {"when": timezone.now() - datetime.timedelta(days=40)}
SET_UP = {
    ("request_suspension", State.DECIDED): [("decide", PAST)],
    ("send_to_culture", State.DECIDED): [("decide", PAST)],
    ("record_late_payment", State.SUSPENDED): [
        ("decide", PAST),
        ("request_suspension", {}),
        ("suspend", {}),
    ],
    ("record_payment_on_request", State.SUSPENSION_REQUESTED): [
        ("decide", PAST),
        ("request_suspension", {}),
    ],
}


def bring(case, action, source):
    steps = SET_UP.get((action, source))
    if steps is None:
        return advance(case, source)
    case = advance(case, State.AWAITING_SUBSCRIBER)
    for step, kwargs in steps:
        perform(step, [case], **kwargs)
        case.refresh_from_db()
    return case


def test_table_covers_every_action_tested():
    assert {a for a, _, _ in ALLOWED} == set(TRANSITIONS)


def test_every_need_has_its_check_and_a_transition_takes_one_kind_of_value():
    assert set(REQUIREMENTS) == set(Need)
    assert all(row.check or row.check_batch for row in REQUIREMENTS.values())
    for t in TRANSITIONS.values():
        assert len([r for r in requirements_of(t) if r.facts]) <= 1, t.action


def test_a_value_of_another_kind_is_a_callers_mistake(cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    with pytest.raises(TypeError, match="Identity"):
        case_transition(
            actor=cast.telecom, action="provide_identity", cases=[case], facts=facts.Suspension()
        )
    assert Case.objects.get(pk=case.pk).state == State.AT_TELECOM


@pytest.mark.parametrize(("action", "source", "target"), ALLOWED)
def test_it_performs_each_transition_by_the_right_unit(cast, make_case, action, source, target):
    case = bring(make_case(cast.ward), action, source)
    assert case.state == source
    before = case.events.count()

    perform(action, [case])

    case.refresh_from_db()
    assert case.state == target
    event = case.events.order_by("-id").first()
    assert case.events.count() == before + 1
    assert (event.action, event.from_state, event.to_state) == (action, source, target)
    actor = getattr(
        cast, EXPECTED_ACTOR.get(action, "district" if source != State.AT_TELECOM else "telecom")
    )
    assert event.actor == actor
    assert event.unit_name == actor.unit.name
    if target in (State.CLOSED, State.CANCELLED):
        assert case.current_unit is None


def test_it_routes_a_submitted_case_to_the_ward_district_and_departments(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    assert case.handling_unit == cast.district.unit
    assert case.telecom_unit == cast.telecom.unit
    assert case.culture_unit == cast.culture.unit
    assert case.current_unit == cast.district.unit
    event = case.events.order_by("-id").first()
    assert event.next_unit_name == cast.district.unit.name


def _refused(actor, action, case, **kwargs):
    count = CaseEvent.objects.count()
    state = Case.objects.get(pk=case.pk).state
    with pytest.raises(WorkflowError) as exc:
        case_transition(actor=actor, action=action, cases=[case], **kwargs)
    assert Case.objects.get(pk=case.pk).state == state
    assert CaseEvent.objects.count() == count
    return str(exc.value)


def test_it_refuses_a_transition_from_the_wrong_state(cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    message = _refused(cast.district, "confirm", case)
    assert case.number in message
    assert "Đã xác nhận" in message


def test_it_refuses_a_ward_confirming_its_own_case(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    message = _refused(cast.ward, "confirm", case)
    assert "không có quyền" in message


def test_another_district_cannot_confirm(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    message = _refused(cast.other_district, "confirm", case)
    assert message == NOT_FOUND  # as if the case did not exist: no number, no state


def test_another_ward_cannot_submit_a_case_it_did_not_open(cast, make_case):
    case = make_case(cast.ward)
    assert _refused(cast.ward_b, "submit", case) == NOT_FOUND


def test_it_requires_a_note_to_return_to_the_ward(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    assert "ghi chú" in _refused(cast.district, "return_to_reporter", case, note="   ")


def test_it_requires_a_photo_to_send_up(cast, make_case):
    case = make_case(cast.ward, photos=0)
    assert "hình ảnh" in _refused(cast.ward, "submit", case)


def test_it_requires_the_signed_scan_before_transfer(cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    dispatch = dispatch_create(actor=cast.district, action="send_to_telecom", cases=[case])
    message = _refused(cast.district, "send_to_telecom", case, dispatch=dispatch)
    assert "tệp phiếu chuyển đã ký" in message
    assert Dispatch.objects.get(pk=dispatch.pk).sent_at is None


def test_a_dispatch_is_drafted_only_for_cases_at_the_step_it_sends(cast, make_case):
    waiting = advance(make_case(cast.ward, phone="0912 345 678"), State.CONFIRMED)
    early = advance(make_case(cast.ward, phone="0903 123 456"), State.AWAITING_CONFIRMATION)
    for actor, cases in ((cast.district, [waiting, early]), (cast.other_district, [waiting])):
        with pytest.raises(WorkflowError, match="không còn ở bước này"):
            dispatch_create(actor=actor, action="send_to_telecom", cases=cases)
    assert not Dispatch.objects.exists()


def test_it_requires_a_dispatch_to_transfer(cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    assert "phiếu chuyển" in _refused(cast.district, "send_to_telecom", case)


def test_it_requires_the_identity_fields(cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    message = _refused(
        cast.telecom, "provide_identity", case, facts=facts.Identity(full_name="Nguyễn Văn A")
    )
    assert "địa chỉ" in message
    assert not Subscriber.objects.filter(case=case).exists()


def test_it_requires_a_contact_before_contact_done(cast, make_case):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    assert "liên hệ" in _refused(cast.district, "contact_done", case)


def test_it_requires_suspension_details_and_outcome(cast, make_case):
    case = advance(make_case(cast.ward), State.SUSPENSION_REQUESTED)
    assert "tham chiếu" in _refused(
        cast.telecom, "suspend", case, facts=facts.Suspension(suspended_on=TODAY)
    )
    other = advance(make_case(cast.ward, phone="0987 654 321"), State.AT_CULTURE)
    assert "số quyết định" in _refused(cast.culture, "close", other, facts=facts.Outcome())


def test_only_the_unit_holding_the_case_may_cancel(cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    assert "không phụ trách" in _refused(cast.district, "cancel", case, note="Trùng hồ sơ")


def test_a_batch_is_all_or_nothing(cast, make_case):
    good = [
        advance(make_case(cast.ward, phone=p), State.AWAITING_CONFIRMATION)
        for p in ("0912 345 678", "0903 123 456")
    ]
    stuck = advance(make_case(cast.ward, phone="0987 654 321"), State.CONFIRMED)
    count = CaseEvent.objects.count()

    with pytest.raises(WorkflowError) as exc:
        case_transition(actor=cast.district, action="confirm", cases=[*good, stuck])

    assert exc.value.problems == [
        f"Hồ sơ {stuck.number}: đang ở trạng thái “Đã xác nhận – chờ chuyển Sở TTTT”, "
        "không thể “Xác nhận”."
    ]
    assert set(
        Case.objects.filter(pk__in=[c.pk for c in good]).values_list("state", flat=True)
    ) == {State.AWAITING_CONFIRMATION}
    assert CaseEvent.objects.count() == count


def test_a_dispatch_sends_all_its_cases_in_one_batch(cast, make_case):
    cases = [
        advance(make_case(cast.ward, phone=p), State.CONFIRMED)
        for p in ("0912 345 678", "0903 123 456", "0978 111 222")
    ]
    dispatch = dispatch_create(actor=cast.district, action="send_to_telecom", cases=cases)
    dispatch_number(dispatch=dispatch)
    dispatch_attach_scan(actor=cast.district, dispatch=dispatch, upload=scan_pdf("PC", []))

    events = case_transition(
        actor=cast.district, action="send_to_telecom", cases=cases, dispatch=dispatch
    )

    assert len(events) == 3
    dispatch.refresh_from_db()
    assert dispatch.sent_at is not None
    assert dispatch.number_label == "1/PC-VHTTQ1"
    assert {e.dispatch_id for e in events} == {dispatch.pk}
    assert set(
        Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("current_unit", flat=True)
    ) == {cast.telecom.unit_id}


def _sent(cast, cases):
    dispatch = dispatch_create(actor=cast.district, action="send_to_telecom", cases=cases)
    dispatch_number(dispatch=dispatch)
    dispatch_attach_scan(actor=cast.district, dispatch=dispatch, upload=scan_pdf("PC", []))
    with CaptureQueriesContext(connection) as queries:
        case_transition(
            actor=cast.district, action="send_to_telecom", cases=cases, dispatch=dispatch
        )
    return len(queries)


def test_sending_a_dispatch_costs_the_same_queries_for_many_cases(cast, make_case):
    """Each case was submitted on its own (its own received_at): the batch still moves in
    one UPDATE, and every case keeps the day it was received."""
    phones = ["0912 345 678", "0903 123 456", "0978 111 222", "0934 555 666", "0945 777 888"]
    cases = [advance(make_case(cast.ward, phone=p), State.CONFIRMED) for p in phones]
    received = {c.pk: c.received_at for c in Case.objects.filter(pk__in=[c.pk for c in cases])}
    assert len(set(received.values())) == len(cases)

    one = _sent(cast, cases[:1])
    many = _sent(cast, cases[1:])

    assert many == one
    moved = Case.objects.filter(pk__in=[c.pk for c in cases])
    assert {c.pk: c.received_at for c in moved} == received
    assert {(c.state, c.current_unit_id) for c in moved} == {
        (State.AT_TELECOM, cast.telecom.unit_id)
    }
    assert len({(c.state_since, c.due_on) for c in moved if c.pk != cases[0].pk}) == 1


def test_a_dispatch_cannot_be_sent_twice(cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    dispatch = case.dispatches.get()
    perform("return_to_handler", [case])
    message = _refused(cast.district, "resend_to_telecom", case, dispatch=dispatch)
    assert "đã được chuyển" in message


def test_history_keeps_the_unit_name_it_had(cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    unit = cast.district.unit
    old_name = unit.name
    unit.name = "Phòng Văn hóa – Xã hội Quận 1 (mới)"
    unit.save()
    confirm = case.events.get(action="confirm")
    assert confirm.unit_name == old_name


def test_history_rows_cannot_be_edited(cast, make_case):
    event = make_case(cast.ward).events.get()
    event.note = "sửa"
    with pytest.raises(ValueError):
        event.save()


def test_every_state_has_a_path_from_draft():
    assert set(PATHS) == set(State)
