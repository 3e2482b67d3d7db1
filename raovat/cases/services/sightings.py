"""The reporting unit's writes around a sighting: one ad with several numbers, corrections."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from raovat.cases.models import Photo, Sighting
from raovat.cases.models.evidence import AdType
from raovat.cases.phones import InvalidPhoneNumber, parse
from raovat.cases.services.corrections import handler_may_correct
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.intake import SightingResult, sighting_record
from raovat.cases.services.transitions import acting_unit, history_event
from raovat.cases.tallies import restating
from raovat.cases.text import fold
from raovat.cases.workflow import State
from raovat.units.models import User

CORRECTABLE_STATES = (State.DRAFT, State.RETURNED_TO_REPORTER)
MAX_NUMBERS_PER_AD = 10


def _distinct_numbers(phones: list[str]) -> list:
    """The ad's numbers, each once; refuses a wrong one, none, or too many."""
    if len(phones) > MAX_NUMBERS_PER_AD:
        raise WorkflowError(
            f"Một quảng cáo chỉ ghi nhận tối đa {MAX_NUMBERS_PER_AD} số thuê bao trong một lần lưu."
        )
    problems, seen, numbers = [], set(), []
    for raw in phones:
        try:
            number = parse(raw, allow_unallocated=True)
        except InvalidPhoneNumber as exc:
            problems.append(str(exc))
            continue
        if number.e164 not in seen:
            seen.add(number.e164)
            numbers.append(number)
    if problems:
        raise WorkflowError(problems)
    if not numbers:
        raise WorkflowError(
            "Chưa có số thuê bao nào được xác nhận: đánh dấu “Xác nhận” ở số "
            "đúng với ảnh rồi bấm lưu lại."
        )
    return numbers


def sightings_record(
    *,
    actor: User,
    phones: list[str],
    found_on: datetime.date,
    place: str,
    ad_type: str,
    ad_text: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    photos=(),
) -> list[SightingResult]:
    """One ad, each of its numbers its own case with the same photos and place; all or none."""
    numbers = _distinct_numbers(phones)
    results: list[SightingResult] = []
    stored: list[str] = []
    try:
        with transaction.atomic():
            for number in numbers:
                result = sighting_record(
                    actor=actor,
                    phone=number.written,
                    found_on=found_on,
                    place=place,
                    ad_type=ad_type,
                    ad_text=ad_text,
                    latitude=latitude,
                    longitude=longitude,
                    photos=photos,
                )
                for photo in Photo.objects.filter(sighting=result.sighting):
                    stored += [photo.image.name, photo.thumbnail.name]
                results.append(result)
    except BaseException:
        # The rows are rolled back; the files the earlier numbers wrote are not.
        storage = Photo._meta.get_field("image").storage
        for name in filter(None, stored):
            storage.delete(name)
        raise
    return results


def sighting_correct(
    *, actor: User, sighting: Sighting, place: str, ad_type: str, ad_text: str
) -> Sighting:
    """Correct the place or the ad of the unit's own sighting while the unit holds the case."""
    unit = acting_unit(actor)
    place, ad_text = place.strip(), ad_text.strip()
    if not place:
        raise WorkflowError("Cần nhập địa điểm vi phạm.")
    if ad_type not in AdType.values:
        raise WorkflowError("Hình thức quảng cáo không hợp lệ.")
    with transaction.atomic():
        sighting = Sighting.objects.select_for_update().select_related("case").get(pk=sighting.pk)
        case = sighting.case
        reporter_may = (
            sighting.reporting_unit_id == unit.pk
            and case.current_unit_id == unit.pk
            and case.state in CORRECTABLE_STATES
        )
        if not reporter_may and not handler_may_correct(unit=unit, case=case):
            raise WorkflowError(f"Đơn vị {unit.name} không sửa được lần phát hiện này.")
        changes = []
        if place != sighting.place:
            changes.append(f"Địa điểm vi phạm: “{sighting.place}” → “{place}”")
        if ad_type != sighting.ad_type:
            changes.append(
                f"Hình thức quảng cáo: {AdType(sighting.ad_type).label} → {AdType(ad_type).label}"
            )
        if ad_text != sighting.ad_text:
            changes.append(f"Nội dung quảng cáo: “{sighting.ad_text}” → “{ad_text}”")
        if not changes:
            return sighting
        note = f"Lần phát hiện ngày {sighting.found_on:%d/%m/%Y}. " + "; ".join(changes) + "."
        with restating([case.pk]):  # places and ad types are counted
            sighting.place, sighting.ad_type, sighting.ad_text = place, ad_type, ad_text
            sighting.text_folded = fold(f"{place} {ad_text}")
            sighting.save(update_fields=["place", "ad_type", "ad_text", "text_folded"])
            history_event(
                case,
                "correct_sighting",
                case.state,
                case.state,
                actor,
                unit,
                timezone.now(),
                note=note,
            ).save()
    return sighting
