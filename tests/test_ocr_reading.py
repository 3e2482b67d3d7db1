"""The capture form's number reader runs in the job worker: the request keeps the photos
and queues a job, the page asks for the result until it is there (decision 028)."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from raovat.cases.models import Case, PendingPhoto
from raovat.cases.phones import parse
from raovat.cases.services import ocr, photo_reading
from raovat.jobs.models import Job, JobStatus
from raovat.jobs.worker import run_pending
from tests.conftest import jpeg

FIELD = Path(__file__).parent / "fixtures" / "field_photos"
# A flyer in glare, photographed on a wall: one of the photos the reader always reads.
FIELD_PHOTO, FIELD_NUMBER = "a5-yellow-glare.jpg", "0935 602 213"

needs_tesseract = pytest.mark.skipif(not ocr.ocr_available(), reason="Tesseract is not installed")


def _field_photo():
    data = (FIELD / FIELD_PHOTO).read_bytes()
    return SimpleUploadedFile(FIELD_PHOTO, data, content_type="image/jpeg")


def _text(response):
    return response.content.decode()


def _start(client, *photos):
    response = client.post(reverse("reporter:ocr"), {"photos": list(photos)})
    assert response.status_code == 200
    return response, Job.objects.get(kind=photo_reading.READ_KIND)


def _poll(client, job):
    return client.get(reverse("reporter:ocr_result", args=[job.pk]))


@needs_tesseract
def test_the_request_queues_the_reading_and_the_poll_shows_the_number(client, cast):
    client.force_login(cast.ward)
    response, job = _start(client, _field_photo())
    # The request answered before anything was read: a queued job, its photo kept, no number.
    page = _text(response)
    assert "Đang đọc số trên ảnh…" in page
    assert f'hx-get="{reverse("reporter:ocr_result", args=[job.pk])}"' in page
    assert "data-phone-row" not in page
    assert (job.status, job.created_by, job.unit) == (JobStatus.QUEUED, cast.ward, cast.ward.unit)
    assert "result" not in job.payload
    # The photo as sent, not the form's shrunk copy, which Tesseract reads worse.
    kept = PendingPhoto.objects.get(reading=job)
    assert bytes(kept.image) == (FIELD / FIELD_PHOTO).read_bytes()
    waiting = _poll(client, job)
    assert "data-ocr-poll" in _text(waiting) and "HX-Retarget" not in waiting

    assert run_pending() == 1
    done = _poll(client, job)
    assert done["HX-Retarget"] == "#ocr-reading"
    rows = re.findall(r'name="phone_(o\d+)" id="[^"]+" value="([^"]+)"', _text(done))
    assert [parse(v).e164 for _, v in rows] == [parse(FIELD_NUMBER).e164]
    assert "khi lưu sẽ lập hồ sơ mới" in _text(done)
    assert "data-ocr-poll" not in _text(done)  # the page stops asking
    # The copies read by the job are gone; nothing was recorded.
    assert not PendingPhoto.objects.exists() and not Case.objects.exists()


def test_a_reading_that_fails_says_so_and_the_number_can_be_typed(client, cast, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the reader broke")

    monkeypatch.setattr(photo_reading.ocr, "ocr_available", lambda: True)
    monkeypatch.setattr(photo_reading.ocr, "numbers_in_photos", broken)
    monkeypatch.setattr("raovat.web.views.reporter.ocr_available", lambda: True)
    client.force_login(cast.ward)
    _, job = _start(client, jpeg())
    run_pending()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 1)  # not retried: nobody waits
    page = _text(_poll(client, job))
    assert "Không đọc được số trên ảnh do phần đọc số gặp lỗi. Hãy nhập số thuê bao bằng tay" in (
        page
    )
    assert "data-ocr-poll" not in page


def test_a_reading_not_done_in_time_stops_the_waiting(client, cast, monkeypatch):
    monkeypatch.setattr("raovat.web.views.reporter.ocr_available", lambda: True)
    client.force_login(cast.ward)
    _, job = _start(client, jpeg())
    # No worker took it (all busy, or none running): past the wait the page gives up.
    late = job.created_at - datetime.timedelta(seconds=photo_reading.wait_seconds() + 1)
    Job.objects.filter(pk=job.pk).update(created_at=late)
    page = _text(_poll(client, job))
    assert "Đọc số trên ảnh lâu quá nên đã dừng chờ. Hãy nhập số thuê bao bằng tay" in page
    assert "data-ocr-poll" not in page


def test_only_the_officer_who_chose_the_photos_gets_the_reading(client, cast, monkeypatch):
    monkeypatch.setattr("raovat.web.views.reporter.ocr_available", lambda: True)
    client.force_login(cast.ward)
    _, job = _start(client, jpeg())
    for other in (cast.ward_b, cast.ward_q3):
        client.force_login(other)
        assert _poll(client, job).status_code == 404
    client.force_login(cast.ward)
    assert _poll(client, job).status_code == 200
    missing = client.get(reverse("reporter:ocr_result", args=[job.pk + 1000]))
    assert missing.status_code == 404


def test_a_new_reading_drops_the_one_before_and_its_photos(client, cast, monkeypatch):
    monkeypatch.setattr("raovat.web.views.reporter.ocr_available", lambda: True)
    client.force_login(cast.ward)
    client.post(reverse("reporter:ocr"), {"photos": [jpeg(), jpeg("0935 602 213")]})
    first = Job.objects.get()
    client.force_login(cast.ward_b)  # another officer's reading is theirs
    client.post(reverse("reporter:ocr"), {"photos": [jpeg()]})
    client.force_login(cast.ward)
    client.post(reverse("reporter:ocr"), {"photos": [jpeg()]})
    assert not Job.objects.filter(pk=first.pk).exists()
    assert _poll(client, first).status_code == 404  # a page left open stops asking
    mine = Job.objects.get(created_by=cast.ward)
    assert PendingPhoto.objects.filter(reading=mine).count() == 1
    assert Job.objects.filter(created_by=cast.ward_b).count() == 1


def test_a_new_reading_leaves_the_one_a_worker_runs_but_takes_its_photos(client, cast, monkeypatch):
    monkeypatch.setattr("raovat.web.views.reporter.ocr_available", lambda: True)
    client.force_login(cast.ward)
    _, running = _start(client, jpeg())
    Job.objects.filter(pk=running.pk).update(status=JobStatus.RUNNING)
    client.post(reverse("reporter:ocr"), {"photos": [jpeg()]})
    assert Job.objects.filter(created_by=cast.ward).count() == 2
    assert not PendingPhoto.objects.filter(reading=running).exists()


def test_the_reader_copies_never_join_the_form_or_fill_its_room(client, cast, monkeypatch):
    monkeypatch.setattr("raovat.web.views.reporter.ocr_available", lambda: True)
    client.force_login(cast.ward)
    _, job = _start(client, jpeg())
    token = PendingPhoto.objects.get(reading=job).token
    from raovat.cases.services.pending_photos import pending_of

    assert pending_of(user=cast.ward, tokens=[str(token)]) == []


def test_only_the_first_photos_are_read_and_a_bad_file_is_named(client, cast, monkeypatch):
    monkeypatch.setattr("raovat.web.views.reporter.ocr_available", lambda: True)
    client.force_login(cast.ward)
    bad = SimpleUploadedFile("so.pdf", b"%PDF-1.4 not an image", content_type="image/jpeg")
    photos = [bad, *(jpeg() for _ in range(ocr.MAX_PHOTOS))]
    response, job = _start(client, *photos)
    page = _text(response)
    assert f"Chỉ đọc số trên {ocr.MAX_PHOTOS} ảnh đầu tiên." in page
    assert "Tệp “so.pdf” không phải là ảnh hợp lệ" in page
    assert PendingPhoto.objects.filter(reading=job).count() == ocr.MAX_PHOTOS - 1


def test_nothing_readable_queues_nothing(client, cast, monkeypatch):
    monkeypatch.setattr("raovat.web.views.reporter.ocr_available", lambda: True)
    client.force_login(cast.ward)
    bad = SimpleUploadedFile("so.pdf", b"%PDF-1.4 not an image", content_type="image/jpeg")
    page = _text(client.post(reverse("reporter:ocr"), {"photos": [bad]}))
    assert "không phải là ảnh hợp lệ" in page and "Đang đọc số" not in page
    assert not Job.objects.exists() and not PendingPhoto.objects.exists()


class _FakeClock:
    """Time that moves only when a Tesseract pass 'takes' some."""

    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_all_passes_over_all_photos_share_one_budget(monkeypatch):
    import pytesseract

    clock = _FakeClock()
    monkeypatch.setattr(ocr._Clock, "now", staticmethod(clock))
    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    timeouts = []

    def slow(image, **kwargs):
        timeouts.append(kwargs["timeout"])
        clock.t += 7  # each pass takes seven seconds, and reads nothing that agrees
        return "LH 0973 616 090" if len(timeouts) % 2 else "LH 0935 602 213"

    monkeypatch.setattr(pytesseract, "image_to_string", slow)
    photos = [jpeg() for _ in range(4)]
    result = ocr.numbers_in_photos(photos=photos, seconds=20)
    # 20 s: three passes on the first photo (20, 13, 6 s left), none on the others.
    assert timeouts == [20, 13, 6]
    assert result.read_photos == 1
    assert result.problems == [
        "Hết thời gian đọc số: còn 3 ảnh chưa đọc. "
        "Hãy xem số trên các ảnh đó và nhập bằng tay nếu cần."
    ]


def test_a_pass_that_would_have_no_time_is_not_started(monkeypatch):
    import pytesseract

    clock = _FakeClock()
    monkeypatch.setattr(ocr._Clock, "now", staticmethod(clock))
    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    timeouts = []

    def slow(image, **kwargs):
        timeouts.append(kwargs["timeout"])
        clock.t += 9.5
        return "LH 0973 616 090" if len(timeouts) == 1 else "nothing"

    monkeypatch.setattr(pytesseract, "image_to_string", slow)
    result = ocr.numbers_in_photos(photos=[jpeg(), jpeg()], seconds=10)
    assert timeouts == [10]  # 0.5 s left: the second pass and the second photo are skipped
    assert [p.e164 for p in result.proposals] == [parse("0973 616 090").e164]
    assert "còn 1 ảnh chưa đọc" in result.problems[0]
