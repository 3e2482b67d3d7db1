"""The handling unit completes a case Sở TTTT returned (manual §6) before resending it.

The number, the sightings and the photos are corrected here; each correction is a
history event and the case keeps its state. Sending it back to the ward, cancelling it
and resending it are transitions of the table.
"""

from django.db import transaction
from django.utils import timezone

from raovat.cases.models import Case, Sighting
from raovat.cases.phones import InvalidPhoneNumber, display, parse
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.intake import photos_add
from raovat.cases.services.photos import photo_prepare
from raovat.cases.services.transitions import acting_unit, history_event
from raovat.cases.tallies import restating
from raovat.cases.workflow import FINAL_STATES, State
from raovat.units.models import Unit, User

HANDLER_CORRECTABLE = frozenset({State.RETURNED_BY_TELECOM})


def handler_may_correct(*, unit: Unit, case: Case) -> bool:
    """The handling unit holds a case Sở TTTT returned: it may complete it."""
    return (
        case.state in HANDLER_CORRECTABLE
        and case.handling_unit_id == unit.pk
        and case.current_unit_id == unit.pk
    )


def _locked(case: Case, unit: Unit) -> Case:
    case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    if not handler_may_correct(unit=unit, case=case):
        raise WorkflowError(f"Hồ sơ {case.number} không còn ở đơn vị {unit.name} để bổ sung.")
    return case


def case_phone_correct(*, actor: User, case: Case, phone: str) -> Case:
    """Correct a misread number; refused if another open case already has the new one."""
    unit = acting_unit(actor)
    try:
        number = parse(phone)
    except InvalidPhoneNumber as exc:
        raise WorkflowError(str(exc)) from None
    with transaction.atomic():
        case = _locked(case, unit)
        if number.e164 == case.phone_e164:
            raise WorkflowError("Số thuê bao mới giống số đang có, không có gì thay đổi.")
        other = (
            Case.objects.filter(phone_e164=number.e164)
            .exclude(state__in=sorted(FINAL_STATES))
            .exclude(pk=case.pk)
            .first()
        )
        if other is not None:
            raise WorkflowError(
                f"Số {display(number.e164)} đã có hồ sơ {other.number} đang "
                "xử lý: hãy hủy hồ sơ này thay vì sửa số."
            )
        note = f"Số thuê bao: {display(case.phone_e164)} → {display(number.e164)}."
        with restating([case.pk]):  # the prefix's carrier may change
            case.phone_e164, case.phone_national = number.e164, number.national
            case.phone_written, case.carrier_hint = number.written, number.carrier
            case.save(
                update_fields=["phone_e164", "phone_national", "phone_written", "carrier_hint"]
            )
            history_event(
                case,
                "correct_phone",
                case.state,
                case.state,
                actor,
                unit,
                timezone.now(),
                note=note,
            ).save()
    return case


def case_photos_add(*, actor: User, case: Case, sighting: Sighting, photos) -> int:
    """Add photos to one of the case's sightings; a refused file stores nothing."""
    unit = acting_unit(actor)
    if not photos:
        raise WorkflowError("Chưa chọn hình ảnh nào.")
    prepared = [photo_prepare(p) for p in photos]  # refuse bad files before any write
    with transaction.atomic():
        case = _locked(case, unit)
        if sighting.case_id != case.pk:
            raise WorkflowError("Lần phát hiện không thuộc hồ sơ này.")
        created = photos_add(sighting=sighting, actor=actor, prepared=prepared)
        history_event(
            case,
            "add_photos",
            case.state,
            case.state,
            actor,
            unit,
            timezone.now(),
            note=f"Lần phát hiện ngày {sighting.found_on:%d/%m/%Y}: thêm {len(created)} hình ảnh.",
        ).save()
    return len(created)
