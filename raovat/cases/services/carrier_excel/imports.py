"""Import, preview and apply: store the checked rows, then apply them in the worker."""

import datetime

from django.db import transaction
from django.utils import timezone

from raovat.cases.models import CarrierImport
from raovat.cases.services.carrier_excel.profiles import (
    KEEP_DAYS,
    MATCHED,
    PREVIEW_HOURS,
    PROFILES,
    Profile,
)
from raovat.cases.services.carrier_excel.reading import read_rows
from raovat.cases.services.carrier_excel.rows import classify_rows, load_data
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.transitions import case_transition
from raovat.jobs.services import job_enqueue
from raovat.units.models import User


def carrier_import_read(*, actor: User, profile: Profile, upload) -> CarrierImport:
    """Parse and check a carriers' workbook; store the preview. Changes no case."""
    rows = read_rows(upload, profile)
    checked = classify_rows(actor=actor, profile=profile, rows=rows)
    CarrierImport.objects.filter(
        created_at__lt=timezone.now() - datetime.timedelta(days=KEEP_DAYS)
    ).delete()
    return CarrierImport.objects.create(
        profile=profile.key,
        unit=actor.unit,
        created_by=actor,
        file_name=(getattr(upload, "name", "") or "")[:255],
        rows=checked,
    )


APPLY_KIND = "carrier_import_apply"


def _applicable(stored: CarrierImport | None) -> list[dict]:
    """The matched rows of a preview that may still be applied; refuses otherwise."""
    if stored is None:
        raise WorkflowError("Không tìm thấy bản xem trước của tệp đã nhập.")
    if stored.applied_at is not None:
        raise WorkflowError(
            f"Tệp “{stored.file_name}” đã được cập nhật lúc "
            f"{timezone.localtime(stored.applied_at):%d/%m/%Y %H:%M}."
        )
    if stored.created_at < timezone.now() - datetime.timedelta(hours=PREVIEW_HOURS):
        raise WorkflowError(f"Bản xem trước đã quá {PREVIEW_HOURS} giờ: hãy nhập lại tệp.")
    matched = [r for r in stored.rows if r["status"] == MATCHED]
    if not matched:
        raise WorkflowError("Không có dòng nào khớp với hồ sơ đang chờ để cập nhật.")
    return matched


def carrier_import_enqueue(*, actor: User, token) -> CarrierImport:
    """Queue the apply of a stored preview for the worker; once at a time, never twice."""
    with transaction.atomic():
        stored = (
            CarrierImport.objects.select_for_update(of=("self",))
            .select_related("apply_job")
            .filter(token=token, unit_id=actor.unit_id)
            .first()
        )
        matched = _applicable(stored)
        if stored.applying:
            raise WorkflowError(
                f"Tệp “{stored.file_name}” đang được cập nhật, hãy chờ kết quả trên trang này."
            )
        stored.apply_job = job_enqueue(
            kind=APPLY_KIND,
            label=f"Cập nhật {len(matched)} hồ sơ từ tệp “{stored.file_name}”",
            payload={"import_id": stored.pk, "actor_id": actor.pk},
            total=len(matched),
            actor=actor,
        )
        stored.refused_reason = ""
        stored.save(update_fields=["apply_job", "refused_reason"])
    return stored


def carrier_import_run(*, import_id: int, actor_id: int) -> CarrierImport:
    """The worker's side of an apply: apply, or record why it was refused."""
    stored = CarrierImport.objects.get(pk=import_id)
    actor = User.objects.select_related("unit").get(pk=actor_id)
    try:
        return carrier_import_apply(actor=actor, token=stored.token)
    except WorkflowError as exc:
        # A second job racing a finished one must not hide the success behind a refusal.
        CarrierImport.objects.filter(pk=import_id, applied_at=None).update(
            refused_reason=" ".join(exc.problems)
        )
        stored.refresh_from_db()
        return stored


def carrier_import_apply(*, actor: User, token) -> CarrierImport:
    """Write every matched row of a stored preview as one batch, or nothing."""
    with transaction.atomic():
        stored = (
            CarrierImport.objects.select_for_update()
            .filter(token=token, unit_id=actor.unit_id)
            .first()
        )
        matched = _applicable(stored)
        profile = PROFILES[stored.profile]
        per_case = {r["case_id"]: load_data(profile, r["data"]) for r in matched}
        case_transition(
            actor=actor,
            action=profile.action,
            cases=list(per_case),
            per_case=per_case,
            note=f"Cập nhật từ tệp Excel của nhà mạng “{stored.file_name}”.",
        )
        stored.applied_at = timezone.now()
        stored.applied_count = len(per_case)
        stored.refused_reason = ""
        # The identities now live on the cases; the preview keeps no second copy.
        stored.rows = [{**r, "data": {}} for r in stored.rows]
        stored.save(update_fields=["applied_at", "applied_count", "refused_reason", "rows"])
    return stored
