"""/suc-khoe/ from the outside: what a reverse proxy and a monitor see, with no sign-in."""

import datetime

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from raovat.jobs.models import Job, JobStatus, WorkerBeat
from raovat.jobs.worker import job_claim
from tests.seaweedfs import ACCESS_KEY, BUCKET

pytestmark = pytest.mark.django_db


def _health(client, **query):
    response = client.get(reverse("health"), query)
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    return response.status_code, response.json()


def test_all_up_once_a_worker_has_looked_for_work(client):
    assert job_claim(worker="may-2:4242") is None  # an idle worker's poll
    status, body = _health(client)
    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "storage": "ok", "worker": "ok"}
    assert 0 <= body["worker_last_seen_seconds"] <= 5
    assert set(body) == {"status", "checks", "worker_last_seen_seconds"}  # nothing else
    assert "may-2" not in str(body)


def test_no_worker_ever_seen_is_503(client):
    status, body = _health(client)
    assert status == 503
    assert body["checks"]["worker"] == "error" and body["worker_last_seen_seconds"] is None
    assert body["checks"]["database"] == "ok"


def test_a_worker_silent_too_long_is_503_unless_it_holds_a_live_lease(client, settings):
    settings.HEALTH_WORKER_SECONDS = 90
    WorkerBeat.objects.create(
        worker="may-2:1", beat_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    status, body = _health(client)
    assert status == 503 and 295 <= body["worker_last_seen_seconds"] <= 305
    # Busy on a long job: it does not poll, but renews the job's lease.
    Job.objects.create(
        kind="x",
        label="x",
        status=JobStatus.RUNNING,
        run_after=timezone.now(),
        claim="may-2:1/abc",
        lease_until=timezone.now() + datetime.timedelta(seconds=60),
    )
    assert _health(client)[0] == 200


def test_a_worker_polling_keeps_one_row_fresh():
    job_claim(worker="may-3:7")
    job_claim(worker="may-3:7")
    (beat,) = WorkerBeat.objects.all()
    WorkerBeat.objects.update(beat_at=timezone.now() - datetime.timedelta(minutes=1))
    job_claim(worker="may-3:7")
    beat.refresh_from_db()
    assert timezone.now() - beat.beat_at < datetime.timedelta(seconds=5)


def test_the_proxys_check_leaves_the_workers_out(client):
    status, body = _health(client, **{"pham-vi": "web"})
    assert status == 200
    assert body == {"status": "ok", "checks": {"database": "ok", "storage": "ok"}}


def test_a_media_folder_that_cannot_be_made_is_503(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker / "media")},
        },
    }
    status, body = _health(client, **{"pham-vi": "web"})
    assert status == 503 and body["checks"]["storage"] == "error"


def test_the_object_store_is_checked(client, s3, settings):
    assert _health(client, **{"pham-vi": "web"})[0] == 200
    options = settings.STORAGES["default"]["OPTIONS"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {
                **options,
                "secret_key": "wrong",
                "access_key": ACCESS_KEY,
                "bucket_name": BUCKET,
            },
        },
    }
    status, body = _health(client, **{"pham-vi": "web"})
    assert status == 503 and body["checks"] == {"database": "ok", "storage": "error"}


def test_a_database_that_does_not_answer_is_503(client, monkeypatch):
    class Down:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("raovat.web.health.connection", Down())
    status, body = _health(client)
    assert status == 503
    assert body["checks"]["database"] == "error" and body["checks"]["worker"] == "error"
    assert "refused" not in str(body)


def test_it_shows_no_data_to_a_signed_in_user_either(client, cast):
    client.force_login(cast.telecom)
    status, body = _health(client, **{"pham-vi": "web"})
    assert status == 200
    assert body == {"status": "ok", "checks": {"database": "ok", "storage": "ok"}}


def test_get_and_head_are_answered_and_nothing_else(client):
    assert client.head(reverse("health"), {"pham-vi": "web"}).status_code == 200
    assert client.post(reverse("health")).status_code == 405
