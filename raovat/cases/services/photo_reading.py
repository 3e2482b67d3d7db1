"""Reading the numbers on the capture form's photos in the job worker, not in the request.

The request only checks the photos, keeps them as uploaded for the job (PendingPhoto
rows with `reading` set; not the shrunk, re-encoded copy the form keeps: Tesseract
reads that one worse, bench/RESULTS.md) and queues the job; the page then asks for the
job's result until it is there, or gives up and says so (decision 028). The officer can
always type the number: a reading that fails or is late loses nothing.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from raovat.cases.models import PendingPhoto
from raovat.cases.services import ocr
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.photos import image_open
from raovat.jobs.models import Job, JobStatus
from raovat.jobs.services import job_enqueue, job_payload_store
from raovat.units.models import User

READ_KIND = "cases.photo_numbers_read"

FAILED = (
    "Không đọc được số trên ảnh do phần đọc số gặp lỗi. Hãy nhập số thuê bao bằng tay; "
    "ảnh đã chọn vẫn được giữ trong biểu mẫu."
)
LATE = (
    "Đọc số trên ảnh lâu quá nên đã dừng chờ. Hãy nhập số thuê bao bằng tay; "
    "ảnh đã chọn vẫn được giữ trong biểu mẫu."
)


class Reading:
    WAITING = "waiting"
    DONE = "done"
    FAILED = "failed"
    LATE = "late"


@dataclass
class ReadingStarted:
    job: Job | None
    problems: list[str] = field(default_factory=list)


@dataclass
class ReadingState:
    status: str
    result: ocr.OcrResult | None = None
    message: str = ""


def wait_seconds() -> int:
    """How long the page waits for a reading: the reading's own budget once more for the
    time the job may wait in the queue behind others."""
    return 2 * settings.OCR_MAX_SECONDS


def reading_start(*, user: User, uploads) -> ReadingStarted:
    """Keep the photos (the first ocr.MAX_PHOTOS) and queue the job that reads them.

    A reading started before by the same officer is dropped with its photos (the page
    shows one reading at a time), so an officer has one reading job at most besides one
    a worker is running: the jobs table does not grow by a row per photo taken.
    """
    problems = []
    if len(uploads) > ocr.MAX_PHOTOS:
        problems.append(f"Chỉ đọc số trên {ocr.MAX_PHOTOS} ảnh đầu tiên.")
    rows, names = [], []
    for upload in uploads[: ocr.MAX_PHOTOS]:
        try:
            rows.append(_copy(user, upload))
        except WorkflowError as exc:
            problems += exc.problems
            continue
        names.append(str(getattr(upload, "name", "") or f"ảnh {len(names) + 1}")[:200])
    with transaction.atomic():
        # A running one is the worker's: its photos go, its row when it has finished.
        Job.objects.filter(kind=READ_KIND, created_by=user).exclude(
            status=JobStatus.RUNNING
        ).delete()
        PendingPhoto.objects.filter(user=user, reading__isnull=False).delete()
        if not rows:
            return ReadingStarted(job=None, problems=problems)
        job = job_enqueue(
            kind=READ_KIND,
            label="Đọc số thuê bao trên ảnh",
            payload={"names": names},
            total=len(rows),
            actor=user,
            # Trying again later is no use: the page will have stopped waiting.
            max_attempts=1,
        )
        for row in rows:
            row.reading = job
        PendingPhoto.objects.bulk_create(rows)
    return ReadingStarted(job=job, problems=problems)


def _copy(user: User, upload) -> PendingPhoto:
    """The upload's own bytes, once checked to be an image of a size the server decodes
    (MAX_UPLOAD_MB, MAX_PHOTO_MEGAPIXELS): a bad file is named in the request's answer."""
    with image_open(upload) as image:
        width, height = image.size
    upload.seek(0)
    return PendingPhoto(user=user, image=upload.read(), thumbnail=b"", width=width, height=height)


def reading_run(*, job: Job) -> None:
    """The job: read the kept photos within OCR_MAX_SECONDS, store what was read, and
    forget the photos."""
    photos = list(PendingPhoto.objects.filter(reading=job).order_by("id"))
    names = job.payload.get("names", [])
    uploads = []
    for index, photo in enumerate(photos):
        upload = io.BytesIO(bytes(photo.image))
        upload.name = names[index] if index < len(names) else f"ảnh {index + 1}"
        uploads.append(upload)
    result = ocr.numbers_in_photos(photos=uploads, seconds=settings.OCR_MAX_SECONDS)
    job_payload_store(job, result=_stored(result))
    PendingPhoto.objects.filter(pk__in=[p.pk for p in photos]).delete()


def reading_of(*, user: User, pk: int) -> Job | None:
    """The officer's own reading; another officer's, or another unit's, is not found."""
    return Job.objects.filter(pk=pk, kind=READ_KIND, created_by=user).first()


def reading_state(job: Job, *, now: datetime.datetime | None = None) -> ReadingState:
    if job.status == JobStatus.SUCCEEDED and "result" in job.payload:
        return ReadingState(Reading.DONE, _loaded(job.payload["result"]))
    if job.finished:
        return ReadingState(Reading.FAILED, message=FAILED)
    if (now or timezone.now()) - job.created_at > datetime.timedelta(seconds=wait_seconds()):
        return ReadingState(Reading.LATE, message=LATE)
    return ReadingState(Reading.WAITING)


def _stored(result: ocr.OcrResult) -> dict:
    return {
        "available": result.available,
        "read_photos": result.read_photos,
        "problems": result.problems,
        "proposals": [
            {"written": p.written, "e164": p.e164, "display": p.display, "votes": p.votes}
            for p in result.proposals
        ],
    }


def _loaded(stored: dict) -> ocr.OcrResult:
    return ocr.OcrResult(
        available=stored["available"],
        read_photos=stored["read_photos"],
        problems=list(stored["problems"]),
        proposals=[ocr.Proposal(**p) for p in stored["proposals"]],
    )
