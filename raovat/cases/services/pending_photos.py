"""Photos kept across a capture form that could not be saved: see models.PendingPhoto."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from raovat.cases.models import PendingPhoto
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.photos import PreparedPhoto, photo_prepare
from raovat.units.models import User

PENDING_HOURS = 24
# A capture form holds a few photos; this bounds what one account can park in the database.
MAX_PENDING_PER_USER = 12


def pending_keep(*, user: User, uploads) -> tuple[list[PendingPhoto], list[str]]:
    """Check and shrink the uploads and keep them for the user's next try.

    Returns the kept photos and, for each refused file, why.
    """
    _prune()
    kept, problems = [], []
    room = MAX_PENDING_PER_USER - _form_photos(user).count()
    for upload in uploads:
        if len(kept) >= room:
            problems.append(
                f"Chỉ giữ lại được {MAX_PENDING_PER_USER} ảnh; hãy lưu hồ sơ "
                "trước khi chọn thêm ảnh."
            )
            break
        try:
            p = photo_prepare(upload)
        except WorkflowError as exc:
            problems += exc.problems
            continue
        kept.append(
            PendingPhoto(
                user=user,
                image=p.image,
                thumbnail=p.thumbnail,
                width=p.width,
                height=p.height,
                taken_at=p.taken_at,
                latitude=p.latitude,
                longitude=p.longitude,
            )
        )
    PendingPhoto.objects.bulk_create(kept)
    return kept, problems


def pending_of(*, user: User, tokens) -> list[PendingPhoto]:
    """The user's kept photos among the tokens sent back by the form; others are ignored."""
    valid = [t for t in tokens if _is_uuid(t)]
    if not valid:
        return []
    return list(_form_photos(user).filter(token__in=valid[:MAX_PENDING_PER_USER]).order_by("id"))


def pending_prepared(photo: PendingPhoto) -> PreparedPhoto:
    return PreparedPhoto(
        bytes(photo.image),
        bytes(photo.thumbnail),
        photo.width,
        photo.height,
        photo.taken_at,
        photo.latitude,
        photo.longitude,
    )


def pending_discard(*, user: User, photos=None) -> None:
    """Forget the given kept photos of the user, or all of them."""
    _prune()
    rows = PendingPhoto.objects.filter(user=user)
    if photos is not None:
        rows = rows.filter(pk__in=[p.pk for p in photos])
    with transaction.atomic():
        rows.delete()


def _form_photos(user: User):
    # The number reader's copies are not the form's: they never join a case.
    return PendingPhoto.objects.filter(user=user, reading__isnull=True)


def _prune() -> None:
    cutoff = timezone.now() - datetime.timedelta(hours=PENDING_HOURS)
    PendingPhoto.objects.filter(created_at__lt=cutoff).delete()


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
