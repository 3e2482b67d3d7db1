"""Recording what a reporting unit found: a number on an ad, with photos."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from raovat.cases.effects import opening_effects
from raovat.cases.models import Case, Photo, Sighting
from raovat.cases.phones import InvalidPhoneNumber, parse
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.photos import PreparedPhoto, photo_prepare
from raovat.cases.services.transitions import acting_unit, case_open, history_event
from raovat.cases.services.uploads import file_store
from raovat.cases.tallies import restating
from raovat.cases.text import fold
from raovat.units.models import Role, User


@dataclass
class SightingResult:
    sighting: Sighting
    joined_existing: bool


def sighting_record(
    *,
    actor: User,
    phone: str,
    found_on: datetime.date,
    place: str,
    ad_type: str,
    ad_text: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    photos=(),
) -> SightingResult:
    """Record a sighting. A number that already has an open case joins that case."""
    unit = acting_unit(actor)
    if unit.role != Role.REPORTER:
        raise WorkflowError(f"Đơn vị {unit.name} không phải đơn vị phát hiện vi phạm.")
    try:
        number = parse(phone, allow_unallocated=True)
    except InvalidPhoneNumber as exc:
        raise WorkflowError(str(exc)) from None
    if not place.strip():
        raise WorkflowError("Cần nhập địa điểm vi phạm.")
    # Refuse bad files before any write; photos kept from an earlier try come prepared.
    prepared = [p if isinstance(p, PreparedPhoto) else photo_prepare(p) for p in photos]
    if latitude is None and prepared and prepared[0].latitude is not None:
        latitude, longitude = prepared[0].latitude, prepared[0].longitude

    for attempt in range(2):
        try:
            return _record(
                actor,
                unit,
                number,
                found_on,
                place.strip(),
                ad_type,
                ad_text.strip(),
                latitude,
                longitude,
                prepared,
            )
        except IntegrityError:
            # Another ward opened a case for the same number at the same moment: join it.
            if attempt:
                raise
    raise AssertionError("unreachable")


def _record(
    actor, unit, number, found_on, place, ad_type, ad_text, latitude, longitude, prepared
) -> SightingResult:
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",))
            .open()
            .filter(phone_e164=number.e164)
            .first()
        )
        joined = case is not None
        if case is None:
            case = case_open(actor=actor, phone=number, found_on=found_on)
        # Joining puts no other ward on the route: it reads only its own sightings and
        # the state (decision 002), never the case the route works on.
        with restating([case.pk]):
            if joined and found_on < case.first_found_on:
                case.first_found_on = found_on
                case.save(update_fields=["first_found_on"])
            sighting = Sighting.objects.create(
                case=case,
                reporting_unit=unit,
                found_on=found_on,
                place=place,
                ad_type=ad_type,
                ad_text=ad_text,
                phone_written=number.written,
                latitude=latitude,
                text_folded=fold(f"{place} {ad_text}"),
                longitude=longitude,
                recorded_by=actor,
            )
            if joined:
                history_event(
                    case,
                    "add_sighting",
                    case.state,
                    case.state,
                    actor,
                    unit,
                    sighting.created_at,
                    note=f"{place} ({found_on:%d/%m/%Y})",
                ).save()
            photos_add(sighting=sighting, actor=actor, prepared=prepared)
            if not joined:
                opening_effects(case=case, sighting=sighting, actor=actor)
    return SightingResult(sighting, joined)


def photos_add(*, sighting: Sighting, actor: User, prepared: list[PreparedPhoto]) -> list[Photo]:
    """Store prepared photos. If anything fails, the files written so far are removed."""
    stored: list[str] = []
    created = []
    try:
        with transaction.atomic():
            for p in prepared:
                photo = Photo(
                    sighting=sighting,
                    width=p.width,
                    height=p.height,
                    taken_at=p.taken_at,
                    uploaded_by=actor,
                )
                stored.append(file_store(photo.image, "anh.jpg", ContentFile(p.image)))
                stored.append(file_store(photo.thumbnail, "anh.jpg", ContentFile(p.thumbnail)))
                photo.save()
                created.append(photo)
    except BaseException:
        storage = Photo._meta.get_field("image").storage
        for name in stored:
            storage.delete(name)
        raise
    return created
