"""Walking cases through the real workflow, for demo data and test set-up.

Every step goes through the same services an officer's click does: dispatches are
created, numbered and signed, contacts are recorded, then `case_transition` runs.
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from raovat.cases import facts
from raovat.cases.models import Case, LegalBasis, LegalPurpose, Payment, PenaltyDecision
from raovat.cases.models.contact import CallOutcome
from raovat.cases.services import contacts
from raovat.cases.services.dispatches import dispatch_attach_scan, dispatch_create, dispatch_number
from raovat.cases.services.transitions import case_transition
from raovat.cases.workflow import HOLDER, TRANSITIONS, Need, State
from raovat.messaging.services import sms_send
from raovat.units.models import User

_TO_CONFIRMED = ["submit", "confirm"]
_TO_CONTACT = [*_TO_CONFIRMED, "send_to_telecom", "provide_identity"]
_TO_WAITING = [*_TO_CONTACT, "contact_done"]

# The actions that bring a new (draft) case to each state along the usual road.
PATHS: dict[str, list[str]] = {
    State.DRAFT: [],
    State.AWAITING_CONFIRMATION: ["submit"],
    State.RETURNED_TO_REPORTER: ["submit", "return_to_reporter"],
    State.CONFIRMED: _TO_CONFIRMED,
    State.AT_TELECOM: [*_TO_CONFIRMED, "send_to_telecom"],
    State.RETURNED_BY_TELECOM: [*_TO_CONFIRMED, "send_to_telecom", "return_to_handler"],
    State.TO_CONTACT: _TO_CONTACT,
    State.AWAITING_SUBSCRIBER: _TO_WAITING,
    State.DECIDED: [*_TO_WAITING, "decide"],
    State.SUSPENSION_REQUESTED: [*_TO_WAITING, "request_suspension"],
    State.SUSPENDED: [*_TO_WAITING, "request_suspension", "suspend"],
    State.AT_CULTURE: [*_TO_WAITING, "send_to_culture"],
    State.CLOSED: [*_TO_WAITING, "send_to_culture", "close"],
    State.CANCELLED: ["submit", "cancel"],
}

NOTES = {
    "return_to_reporter": "Ảnh chụp chưa rõ số thuê bao, đề nghị Phường chụp bổ sung.",
    "return_to_handler": "Số thuê bao không có thông tin đăng ký, đề nghị kiểm tra lại số.",
    "restore": "Chủ thuê bao đã nộp phạt và tự tháo dỡ quảng cáo.",
    "cancel": "Trùng hồ sơ đã xử lý, hủy theo đề nghị của Phường.",
}

DEFAULT_IDENTITY = {
    "full_name": "Nguyễn Văn An",
    "kind": "individual",
    "id_number": "079090001234",
    "birth_date": datetime.date(1990, 5, 17),
    "address": "12 Nguyễn Trãi, phường Bến Thành",
}


def actor_for(case: Case, action: str) -> User:
    t = TRANSITIONS[action]
    unit_id = case.current_unit_id if t.actor == HOLDER else case.route_unit_id(t.actor)
    return User.objects.filter(unit_id=unit_id, is_active=True).order_by("id").first()


def scan_pdf(title: str, lines: list[str]) -> SimpleUploadedFile:
    """A one-page 'scanned' document as PDF, standing in for a signed paper."""
    page = Image.new("RGB", (827, 1169), (250, 249, 244))
    draw = ImageDraw.Draw(page)
    draw.text((80, 80), title, fill=(20, 20, 20))
    for i, line in enumerate(lines[:40]):
        draw.text((80, 130 + 22 * i), line, fill=(40, 40, 40))
    draw.ellipse((560, 950, 720, 1110), outline=(200, 30, 30), width=4)  # the stamp
    out = io.BytesIO()
    page.save(out, "PDF", resolution=100)
    return SimpleUploadedFile("ban-quet.pdf", out.getvalue(), content_type="application/pdf")


@dataclass(frozen=True)
class _Turn:
    """One action on a batch of cases, with what the caller said about it."""

    action: str
    cases: list[Case]
    actor: User
    when: datetime.datetime | None
    identity: dict | None
    answered: bool

    @property
    def day(self) -> datetime.date:
        return timezone.localdate(self.when)


def _dispatch(turn: _Turn) -> dict:
    return {"dispatch": _signed_dispatch(turn.actor, turn.action, turn.cases)}


def _identities(turn: _Turn) -> dict:
    given = turn.identity or {}
    return {
        "per_case": {
            c.pk: facts.of(facts.Identity, given.get(c.pk, DEFAULT_IDENTITY)) for c in turn.cases
        }
    }


def _contacts(turn: _Turn) -> dict:
    for case in turn.cases:
        contact_subscriber(turn.actor, case, answered=turn.answered, when=turn.when)
    return {}


def _records(turn: _Turn) -> dict:
    for case in turn.cases:
        penalty_record(turn.actor, case, turn.when)
    return {}


def _suspension(turn: _Turn) -> dict:
    return {
        "facts": facts.Suspension(
            suspended_on=turn.day, carrier_reference=f"NM-{turn.cases[0].pk:05d}"
        )
    }


def _outcome(turn: _Turn) -> dict:
    return {
        "facts": facts.Outcome(
            decision_number=f"{turn.cases[0].pk}/QĐ-XPHC",
            decided_on=turn.day,
            amount=2_000_000,
            result="Ban hành quyết định xử phạt vi phạm hành chính.",
        )
    }


def _decision(turn: _Turn) -> dict:
    signer = turn.actor.unit.penalty_signer()
    # A chain that names no signer of its decisions: the officer types a name.
    signer["signer_name"] = signer["signer_name"] or turn.actor.display_name
    return {
        "attachment": scan_pdf("QUYET DINH XU PHAT", [c.number for c in turn.cases]),
        "facts": facts.Decision(
            decided_on=turn.day,
            **signer,
            legal_basis=violation_basis_for(turn.cases[0]),
            amount=1_500_000,
            payment_due=turn.day + datetime.timedelta(days=10),
            remedial_measures="Buộc tháo gỡ quảng cáo đã dán, treo trái phép.",
            remedial_due=turn.day + datetime.timedelta(days=5),
            mitigating="Người vi phạm đã tự nguyện khai báo, thành thật hối lỗi.",
        ),
    }


def _payment(turn: _Turn) -> dict:
    decision = PenaltyDecision.objects.filter(case=turn.cases[0]).first()
    return {
        "attachment": scan_pdf("BIEN LAI", [c.number for c in turn.cases]),
        "facts": facts.Payment(
            paid_on=turn.day,
            amount=decision.amount if decision else 0,
            reference=f"BL-{turn.cases[0].pk:05d}",
        ),
    }


def _restore_grounds(turn: _Turn) -> dict:
    """Without a payment for every case, the restore rests on the handler's decision."""
    paid = Payment.objects.filter(decision__case__in=turn.cases).count()
    if paid >= len(turn.cases):
        return {}
    return {
        "facts": facts.Restore("Công văn của Phòng Văn hóa – Thông tin đề nghị khôi phục dịch vụ")
    }


# The record of the subscriber's visit ("biên bản"): a decision needs it, and the demo's
# handler writes it before asking for a suspension too, as an officer does after the visit.
RECORD = "record"

# What the officer prepares for a step, in this order, when the step needs any of the
# keys: the transition's needs (TRANSITIONS) and the demo's own extras (EXTRA_NEEDS).
PREPARATIONS: tuple[tuple[frozenset[str], Callable[[_Turn], dict]], ...] = (
    (frozenset({Need.DISPATCH}), _dispatch),
    (frozenset({Need.IDENTITY}), _identities),
    (frozenset({Need.CONTACT}), _contacts),
    (frozenset({Need.DECISION, RECORD}), _records),
    (frozenset({Need.SUSPENSION}), _suspension),
    (frozenset({Need.OUTCOME}), _outcome),
    (frozenset({Need.DECISION}), _decision),
    (frozenset({Need.PAYMENT}), _payment),
    (frozenset({Need.PAID}), _restore_grounds),
)
EXTRA_NEEDS: dict[str, frozenset[str]] = {"request_suspension": frozenset({RECORD})}


def perform(
    action: str,
    cases: list[Case],
    *,
    identity=None,
    note: str = "",
    when: datetime.datetime | None = None,
    answered: bool = True,
) -> None:
    """Do one action on a batch of cases that wait for the same unit, as its officer would.

    `when` dates what the officer records (contacts, the record, the decision, the
    payment); `identity` gives a case id's subscriber (else DEFAULT_IDENTITY).
    """
    needs = TRANSITIONS[action].needs | EXTRA_NEEDS.get(action, frozenset())
    turn = _Turn(action, cases, actor_for(cases[0], action), when, identity, answered)
    kwargs: dict = {"note": note or NOTES.get(action, "")}
    for keys, prepare in PREPARATIONS:
        if needs & keys:
            kwargs.update(prepare(turn))
    case_transition(actor=turn.actor, action=action, cases=cases, **kwargs)


def _signed_dispatch(actor: User, action: str, cases: list[Case]):
    dispatch = dispatch_create(
        actor=actor, action=action, cases=cases, note=f"Chuyển {len(cases)} hồ sơ."
    )
    label = dispatch_number(dispatch=dispatch)
    dispatch_attach_scan(
        actor=actor,
        dispatch=dispatch,
        upload=scan_pdf(f"PHIEU CHUYEN {label}", [c.number for c in cases]),
    )
    return dispatch


# Places the demo names that are not poles, posts or trees (khoản 1 Điều 34 of Decree
# 38/2021): walls and electrical cabinets fall under Decree 144/2021 (decision 014).
NOT_POLES = ("Tường", "Tủ điện")


def violation_basis_for(case: Case) -> LegalBasis | None:
    """The provision the case's first place falls under, as an officer would choose it."""
    place = case.sightings.order_by("found_on", "id").values_list("place", flat=True).first()
    bases = LegalBasis.objects.filter(purpose=LegalPurpose.VIOLATION, active=True)
    if (place or "").startswith(NOT_POLES):
        walls = bases.filter(article=7, short_document__contains="144/2021").first()
        if walls is not None:
            return walls
    return bases.filter(article=34, clause=1).first() or bases.first()


def penalty_record(actor: User, case: Case, when: datetime.datetime | None) -> None:
    """The record of the subscriber's visit, unless the case has one already."""
    if case.penalty_records.exists():
        return
    contacts.penalty_record_create(
        actor=actor,
        case=case,
        made_at=when or timezone.now(),
        place=actor.unit.address or actor.unit.name,
        violation_basis=violation_basis_for(case),
        legal_basis="Khoản 1 Điều 34 Nghị định số 38/2021/NĐ-CP",
        amount=1_500_000,
        violator_statement="Thừa nhận hành vi vi phạm.",
        violator_occupation="Kinh doanh tự do",
        id_issued_place="Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        remediation="Tháo gỡ toàn bộ quảng cáo đã dán, treo trái phép.",
        remediation_deadline=timezone.localdate(when) + datetime.timedelta(days=7),
    )


def contact_subscriber(
    actor: User, case: Case, *, answered: bool, when: datetime.datetime | None = None
) -> None:
    when = when or timezone.now()
    invitation = contacts.invitation_create(
        actor=actor,
        case=case,
        meeting_at=when + datetime.timedelta(days=5),
        meeting_place=actor.unit.address or actor.unit.name,
        bring="Căn cước công dân; giấy tờ liên quan đến số thuê bao.",
    )
    contacts.invitation_upload_signed(
        actor=actor,
        invitation=invitation,
        upload=scan_pdf(f"THU MOI {invitation.number_label}", [case.number]),
    )
    contacts.call_record(
        actor=actor,
        case=case,
        called_at=when,
        outcome=CallOutcome.ANSWERED if answered else CallOutcome.NO_ANSWER,
        duration_seconds=95 if answered else 0,
        note="Đã hẹn chủ thuê bao đến làm việc." if answered else "Gọi 3 lần không nghe máy.",
    )
    sms_send(
        actor=actor,
        case=case,
        text=(
            f"Phòng Văn hóa mời chủ thuê bao {case.phone_display} đến làm việc về quảng cáo "
            f"rao vặt trái phép theo thư mời số {invitation.number_label}."
        ),
    )


def advance(case: Case, target: str, **kwargs) -> Case:
    """Bring one case from draft to `target` along PATHS."""
    for action in PATHS[target]:
        case.refresh_from_db()
        perform(action, [case], **kwargs)
    case.refresh_from_db()
    return case
