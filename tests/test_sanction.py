"""The sanction after the record: decision, payment, enforcement, restore, bad input."""

import datetime
import re
import threading

import pytest
from django.db import connection
from django.utils import timezone

from raovat.cases import facts
from raovat.cases.models import Case, CaseEvent, LegalBasis, Payment, PenaltyDecision
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.transitions import case_transition
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform, scan_pdf

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def basis():
    # A transactional test's database was flushed of the migrations' seed: seed it again.
    if not LegalBasis.objects.exists():
        from raovat.demo.loader import legal_bases_ensure

        legal_bases_ensure()
    return LegalBasis.objects.get(purpose="violation", article=34, clause=1)


def decision_details(**over):
    return facts.Decision(
        **{
            "decided_on": TODAY,
            "signer_name": "Trần Văn Bình",
            "signer_title": "Trưởng phòng",
            "legal_basis": basis(),
            "amount": 1_500_000,
            "payment_due": TODAY + datetime.timedelta(days=10),
            **over,
        }
    )


def waiting(cast, make_case, **kw):
    case = advance(make_case(cast.ward, **kw), State.AWAITING_SUBSCRIBER)
    return case


def with_record(cast, make_case, **kw):
    """A case whose subscriber came and was recorded, waiting for its decision."""
    from raovat.cases.services import contacts

    case = waiting(cast, make_case, **kw)
    contacts.penalty_record_create(
        actor=cast.district,
        case=case,
        made_at=timezone.now(),
        place="UBND",
        violation_basis=basis(),
        amount=0,
    )
    return case


def decide(cast, case, scan=True, **over):
    return case_transition(
        actor=cast.district,
        action="decide",
        cases=[case],
        facts=decision_details(**over),
        attachment=scan_pdf("QD", [case.number]) if scan else None,
    )


def unchanged(case, state):
    case.refresh_from_db()
    assert case.state == state


def test_a_decision_needs_its_record_first(cast, make_case):
    case = waiting(cast, make_case)
    with pytest.raises(WorkflowError, match="chưa có biên bản vi phạm hành chính"):
        decide(cast, case)
    unchanged(case, State.AWAITING_SUBSCRIBER)
    assert not PenaltyDecision.objects.exists()


def test_a_decision_dated_before_its_record_is_refused(cast, make_case):
    case = with_record(cast, make_case)
    with pytest.raises(WorkflowError, match="trước ngày lập biên bản"):
        decide(cast, case, decided_on=TODAY - datetime.timedelta(days=3))
    unchanged(case, State.AWAITING_SUBSCRIBER)


def test_a_decision_after_the_limitation_date_is_refused_naming_the_date(cast, make_case):
    found = TODAY - datetime.timedelta(days=400)
    case = with_record(cast, make_case, found_on=found)
    limit = found.replace(year=found.year + 1)
    with pytest.raises(WorkflowError, match=f"sau ngày {limit:%d/%m/%Y}"):
        decide(cast, case)
    unchanged(case, State.AWAITING_SUBSCRIBER)
    assert not PenaltyDecision.objects.exists()


def test_a_fine_outside_the_range_is_refused_with_the_range(cast, make_case):
    case = with_record(cast, make_case)
    message = re.escape("Mức phạt phải từ 1.000.000 ₫ đến 2.000.000 ₫")
    with pytest.raises(WorkflowError, match=message):
        decide(cast, case, amount=5_000_000)
    unchanged(case, State.AWAITING_SUBSCRIBER)


def test_an_organisation_has_its_own_range(cast, make_case):
    case = with_record(cast, make_case)
    case.subscriber.kind = "organisation"
    case.subscriber.save()
    with pytest.raises(WorkflowError, match=re.escape("từ 2.000.000 ₫ đến 4.000.000 ₫ (tổ chức")):
        decide(cast, case, amount=1_500_000)
    decide(cast, case, amount=3_000_000)
    assert case.decision.violator_kind == "organisation"


def test_a_basis_no_longer_in_force_is_refused(cast, make_case):
    case = with_record(cast, make_case)
    b = basis()
    b.valid_to = TODAY - datetime.timedelta(days=1)
    b.save()
    with pytest.raises(WorkflowError, match="không có hiệu lực"):
        decide(cast, case)


def test_a_decision_needs_its_signed_scan(cast, make_case):
    case = with_record(cast, make_case)
    with pytest.raises(WorkflowError, match="bản quyết định xử phạt đã ký"):
        decide(cast, case, scan=False)
    unchanged(case, State.AWAITING_SUBSCRIBER)


def test_a_decision_is_numbered_per_unit_and_written_in_the_history(cast, make_case):
    first = with_record(cast, make_case)
    second = with_record(cast, make_case, phone="0913 222 333")
    decide(cast, first)
    decide(cast, second)
    first.refresh_from_db()
    assert first.state == State.DECIDED
    assert first.current_unit == cast.district.unit
    labels = [first.decision.number_label, PenaltyDecision.objects.get(case=second).number_label]
    assert labels == ["1/QĐ-XPHC", "2/QĐ-XPHC"]
    event = first.events.order_by("-id").first()
    assert (event.action, event.to_state) == ("decide", State.DECIDED)
    assert event.attachment and first.decision.signed_scan.name == event.attachment.name


def test_a_payment_before_its_decision_is_refused(cast, make_case):
    case = with_record(cast, make_case)
    with pytest.raises(WorkflowError, match="không thể “Ghi nhận nộp phạt”"):
        case_transition(
            actor=cast.district,
            action="record_payment",
            cases=[case],
            facts=facts.Payment(paid_on=TODAY, amount=1, reference="x"),
        )
    decide(cast, case)
    with pytest.raises(WorkflowError, match="trước ngày quyết định"):
        case_transition(
            actor=cast.district,
            action="record_payment",
            cases=[case],
            facts=facts.Payment(
                paid_on=TODAY - datetime.timedelta(days=1), amount=1_500_000, reference="BL1"
            ),
        )
    unchanged(case, State.DECIDED)
    assert not Payment.objects.exists()


def test_an_amount_other_than_the_decisions_needs_a_note(cast, make_case):
    case = with_record(cast, make_case)
    decide(cast, case)
    pay = facts.Payment(paid_on=TODAY, amount=1_000_000, reference="BL-7")
    message = re.escape("khác số tiền phạt trong quyết định 1.500.000 ₫")
    with pytest.raises(WorkflowError, match=message):
        case_transition(actor=cast.district, action="record_payment", cases=[case], facts=pay)
    unchanged(case, State.DECIDED)
    case_transition(
        actor=cast.district,
        action="record_payment",
        cases=[case],
        facts=pay,
        note="Được giảm theo quyết định đính chính số 3/QĐ",
    )
    unchanged(case, State.CLOSED)
    payment = Payment.objects.get()
    assert (payment.amount, payment.reference, payment.late) == (1_000_000, "BL-7", False)


def test_enforcement_waits_for_the_payment_deadline(cast, make_case):
    case = with_record(cast, make_case)
    decide(cast, case)
    with pytest.raises(WorkflowError, match="chưa quá hạn nộp phạt"):
        perform("request_suspension", [case])
    unchanged(case, State.DECIDED)


def test_overdue_decision_leads_to_suspension_and_restore_needs_the_payment(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    perform("decide", [case], when=timezone.now() - datetime.timedelta(days=30))
    perform("request_suspension", [case])
    perform("suspend", [case])
    case.refresh_from_db()
    assert case.state == State.SUSPENDED
    with pytest.raises(WorkflowError, match="chưa ghi nhận nộp phạt"):
        case_transition(
            actor=cast.telecom,
            action="restore",
            cases=[case],
            note="Chủ thuê bao đề nghị khôi phục.",
        )
    unchanged(case, State.SUSPENDED)
    perform("record_late_payment", [case])
    case.refresh_from_db()
    assert case.state == State.SUSPENDED and case.current_unit == cast.telecom.unit
    assert Payment.objects.get().late
    case_transition(
        actor=cast.telecom, action="restore", cases=[case], note="Chủ thuê bao đã nộp phạt."
    )
    unchanged(case, State.CLOSED)
    assert case.suspensions.get().restored_at is not None
    actions = list(case.events.order_by("id").values_list("action", flat=True))
    assert actions[-5:] == [
        "decide",
        "request_suspension",
        "suspend",
        "record_late_payment",
        "restore",
    ]


def test_a_subscriber_who_never_came_is_restored_on_the_handling_units_letter(cast, make_case):
    case = advance(make_case(cast.ward), State.SUSPENDED)
    case_transition(
        actor=cast.telecom,
        action="restore",
        cases=[case],
        note="Khôi phục.",
        facts=facts.Restore("Công văn số 15/VHTT ngày 01/12/2026"),
    )
    unchanged(case, State.CLOSED)
    assert "15/VHTT" in case.suspensions.get().restore_note


def _first_offence(cast, make_case, *, decided_days_ago: int, paid_days_ago: int | None):
    """A decided case of the default subscriber, paid `paid_days_ago` (None: unpaid).

    Made today, then dated back: a sighting older than a year cannot be recorded now."""
    d = datetime.timedelta
    first = with_record(cast, make_case)
    decide(cast, first)
    if paid_days_ago is not None:
        case_transition(
            actor=cast.district,
            action="record_payment",
            cases=[first],
            facts=facts.Payment(paid_on=TODAY, amount=1_500_000, reference="BL-1"),
        )
        Payment.objects.filter(decision__case=first).update(paid_on=TODAY - d(paid_days_ago))
    PenaltyDecision.objects.filter(case=first).update(
        decided_on=TODAY - d(decided_days_ago), payment_due=TODAY - d(decided_days_ago - 10)
    )
    first.refresh_from_db()
    return first


def test_the_repeat_flag_counts_a_year_from_the_earlier_payment(cast, make_case):
    from raovat.cases.selectors.sanction import earlier_decision

    # Decided 500 days ago, paid 300 days ago: a violation found today is within a year
    # of the payment (khoản 5 Điều 2, Điều 7), though the decision is older than a year.
    first = _first_offence(cast, make_case, decided_days_ago=500, paid_days_ago=300)
    # Same subscriber (same ID number), another number.
    second = with_record(cast, make_case, phone="0913 222 333")
    assert second.subscriber.id_number == first.subscriber.id_number
    assert earlier_decision(case=second) == first.decision
    # A violation more than a year after the payment is not a repeat.
    later = TODAY + datetime.timedelta(days=70)
    assert earlier_decision(case=second, violation_on=later) is None
    # Nor is one found before the earlier decision was made.
    before = TODAY - datetime.timedelta(days=501)
    assert earlier_decision(case=second, violation_on=before) is None
    decide(cast, second)
    assert PenaltyDecision.objects.get(case=second).repeat_of == first.decision


def test_an_unpaid_earlier_decision_always_makes_a_repeat(cast, make_case):
    from raovat.cases.selectors.sanction import earlier_decision

    first = _first_offence(cast, make_case, decided_days_ago=340, paid_days_ago=None)
    second = with_record(cast, make_case, phone="0913 222 333")
    assert earlier_decision(case=second, violation_on=TODAY + datetime.timedelta(days=400))
    assert earlier_decision(case=second) == first.decision


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_four_concurrent_decisions_and_payments_make_one_each(cast, make_case):
    case = with_record(cast, make_case)

    def run(action, given):
        errors = []

        def worker():
            try:
                case_transition(
                    actor=cast.district,
                    action=action,
                    cases=[case.pk],
                    facts=given,
                    attachment=scan_pdf("x", ["y"]),
                )
            except WorkflowError as exc:
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return errors

    assert len(run("decide", decision_details())) == 3
    assert (
        len(run("record_payment", facts.Payment(paid_on=TODAY, amount=1_500_000, reference="BL")))
        == 3
    )
    assert PenaltyDecision.objects.count() == 1 and Payment.objects.count() == 1
    assert CaseEvent.objects.filter(case=case, action__in=["decide", "record_payment"]).count() == 2
    assert Case.objects.get(pk=case.pk).state == State.CLOSED
