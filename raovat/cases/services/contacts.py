"""Recording contact with the subscriber: invitation letters and calls (text messages are
raovat.messaging's).

These add to a case's contact history; they do not change its state.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from raovat.cases.clocks import due_dates_restate
from raovat.cases.limits import LONG_TEXT_MAX, NOTE_MAX, SHORT_TEXT_MAX, text_problem
from raovat.cases.models import Call, Case, Invitation, PenaltyRecord
from raovat.cases.models.contact import CallOutcome
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.numbering import (
    INVITATION,
    RECORD,
    document_number_next,
    document_symbol,
)
from raovat.cases.services.uploads import file_store, scan_check
from raovat.cases.tallies import restating
from raovat.cases.workflow import CONTACT_STATES, State
from raovat.units.models import User


def _check_handler(actor: User, case: Case, states=CONTACT_STATES) -> None:
    if case.handling_unit_id != actor.unit_id:
        raise WorkflowError(f"Hồ sơ {case.number}: đơn vị bạn không phụ trách hồ sơ này.")
    if case.state not in states:
        raise WorkflowError(f"Hồ sơ {case.number}: chưa đến bước liên hệ chủ thuê bao.")


def invitation_create(
    *,
    actor: User,
    case: Case,
    meeting_at: datetime.datetime,
    meeting_place: str,
    bring: str = "",
    request_key: str = "",
) -> Invitation:
    """Make an invitation letter with the unit's next number. The same `request_key` (one
    per rendered form) gives back the same letter: a double click makes one letter."""
    _check_handler(actor, case)
    if existing := _sent_before(Invitation, request_key, case):
        return existing
    problems = [p for p in (text_problem("Mang theo", bring, SHORT_TEXT_MAX),) if p]
    if not meeting_place.strip():
        problems.append("Cần nhập địa điểm mời đến.")
    if problems:
        raise WorkflowError(problems)
    try:
        with transaction.atomic():
            year = timezone.localdate().year
            number = document_number_next(unit_id=actor.unit_id, type_code=INVITATION, year=year)
            return Invitation.objects.create(
                case=case,
                number_label=document_symbol(number=number, type_code=INVITATION, unit=actor.unit),
                meeting_at=meeting_at,
                meeting_place=meeting_place.strip(),
                bring=bring.strip(),
                contact_officer=actor.display_name,
                contact_phone=actor.phone or actor.unit.phone,
                created_by=actor,
                request_key=request_key or None,
            )
    except IntegrityError:
        # Two clicks raced past the look-up above; the first one's letter stands and the
        # second one's number was rolled back with it, so the numbers stay gap-free.
        if existing := _sent_before(Invitation, request_key, case):
            return existing
        raise


def _sent_before(model, request_key: str, case: Case):
    if not request_key:
        return None
    found = model.objects.filter(request_key=request_key).first()
    if found is not None and found.case_id != case.pk:
        raise WorkflowError("Mã yêu cầu không hợp lệ, hãy tải lại trang.")
    return found


def invitation_upload_signed(*, actor: User, invitation: Invitation, upload) -> Invitation:
    _check_handler(actor, invitation.case)
    kind = scan_check(upload)
    file_store(invitation.signed_scan, f"thu-moi.{kind}", upload)
    invitation.uploaded_at = timezone.now()
    try:
        invitation.save(update_fields=["signed_scan", "uploaded_at"])
    except BaseException:
        invitation.signed_scan.storage.delete(invitation.signed_scan.name)
        raise
    return invitation


def call_record(
    *,
    actor: User,
    case: Case,
    outcome: str,
    duration_seconds: int = 0,
    note: str = "",
    called_at: datetime.datetime | None = None,
) -> Call:
    _check_handler(actor, case)
    if outcome not in CallOutcome.values:
        raise WorkflowError("Cần chọn kết quả cuộc gọi.")
    if duration_seconds < 0:
        raise WorkflowError("Thời lượng cuộc gọi không hợp lệ.")
    if problem := text_problem("Ghi chú", note, NOTE_MAX):
        raise WorkflowError(problem)
    return Call.objects.create(
        case=case,
        called_at=called_at or timezone.now(),
        outcome=outcome,
        duration_seconds=duration_seconds,
        note=note.strip(),
        officer=actor,
    )


# Form MBB01 (Decree 118/2021/NĐ-CP) details a record may carry; all optional.
RECORD_DETAILS = (
    "violator_nationality",
    "violator_occupation",
    "id_issued_on",
    "id_issued_place",
    "violator_gender",
    "representative_name",
    "representative_gender",
    "representative_title",
    "witness",
    "witness_occupation",
    "witness_address",
    "witness_refusal_reason",
    "interpreter_name",
    "interpreter_occupation",
    "interpreter_address",
    "off_site_reason",
    "injured_party",
    "injured_statement",
    "preventive_measures",
    "seized_items",
    "summons_at",
    "summons_place",
    "aggravating",
)


def penalty_record_create(
    *,
    actor: User,
    case: Case,
    made_at: datetime.datetime,
    place: str,
    legal_basis: str = "",
    amount: int,
    violator_statement: str = "",
    remediation: str = "",
    remediation_deadline=None,
    violation_basis=None,
    request_key: str = "",
    **details,
) -> PenaltyRecord:
    """Make the violation record with the next number; idempotent by `request_key`."""
    _check_handler(actor, case, {State.AWAITING_SUBSCRIBER})
    unknown = set(details) - set(RECORD_DETAILS)
    if unknown:
        raise TypeError(f"unknown record fields: {sorted(unknown)}")
    if existing := _sent_before(PenaltyRecord, request_key, case):
        return existing
    details = {
        key: value.strip() if isinstance(value, str) else value
        for key, value in details.items()
        if value is not None
    }
    if violation_basis is not None:
        # The chosen provision is also kept as text: the case page and old prints show it.
        legal_basis = violation_basis.citation()[:255]
    problems = [
        p
        for p in (
            text_problem("Ý kiến trình bày của người vi phạm", violator_statement, LONG_TEXT_MAX),
            text_problem("Biện pháp khắc phục hậu quả", remediation, LONG_TEXT_MAX),
            text_problem(
                "Biện pháp ngăn chặn", details.get("preventive_measures", ""), LONG_TEXT_MAX
            ),
            text_problem(
                "Tang vật, phương tiện, giấy tờ bị tạm giữ",
                details.get("seized_items", ""),
                SHORT_TEXT_MAX,
            ),
        )
        if p
    ]
    if not legal_basis.strip():
        problems.append("Cần nhập điều khoản vi phạm.")
    if amount < 0:
        problems.append("Số tiền phạt không hợp lệ.")
    if problems:
        raise WorkflowError(problems)
    try:
        with restating([case.pk]):
            year = timezone.localdate(made_at).year
            number = document_number_next(unit_id=actor.unit_id, type_code=RECORD, year=year)
            record = PenaltyRecord.objects.create(
                case=case,
                record_number=document_symbol(number=number, type_code=RECORD, unit=actor.unit),
                made_at=made_at,
                place=place.strip(),
                legal_basis=legal_basis.strip(),
                violation_basis=violation_basis,
                amount=amount,
                violator_statement=violator_statement.strip(),
                remediation=remediation.strip(),
                remediation_deadline=remediation_deadline,
                officer=actor,
                request_key=request_key or None,
                **details,
            )
            # The record starts the law's clock for the decision: the case's due date is
            # written where every due date is (raovat.cases.clocks), under the case's lock.
            due_dates_restate(case_ids=[case.pk])
            return record
    except IntegrityError:
        # Two clicks raced past the look-up above; see invitation_create.
        if existing := _sent_before(PenaltyRecord, request_key, case):
            return existing
        raise
