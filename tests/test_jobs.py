"""The job queue: claiming, leases taken over from dead workers, retries, progress."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from raovat.jobs import registry
from raovat.jobs.models import Job, JobStatus
from raovat.jobs.services import job_enqueue, job_progress
from raovat.jobs.worker import CRASHED, LOST, job_claim, job_run, run_pending

pytestmark = pytest.mark.django_db

CALLS: list[tuple[int, str]] = []


@registry.handler("test.count")
def _count(job):
    CALLS.append((job.pk, job.claim))
    job_progress(job, done=job.payload.get("n", 0))


@registry.handler("test.crash")
def _crash(job):
    CALLS.append((job.pk, job.claim))
    raise RuntimeError("bug")


@registry.handler("test.later")
def _later(job):
    CALLS.append((job.pk, job.claim))
    raise registry.RetryLater(timezone.now() + datetime.timedelta(minutes=5))


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()


def _ago(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)


def test_an_unknown_kind_cannot_be_queued():
    with pytest.raises(LookupError):
        job_enqueue(kind="test.nothing", label="?")


def test_a_worker_runs_a_ready_job_once_and_records_success():
    job = job_enqueue(kind="test.count", label="Đếm", payload={"n": 3}, total=3)
    assert run_pending() == 1
    assert run_pending() == 0
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.claim, job.lease_until) == (
        JobStatus.SUCCEEDED,
        3,
        3,
        "",
        None,
    )
    assert len(CALLS) == 1


def test_a_job_waits_for_its_time():
    job_enqueue(
        kind="test.count", label="Sau", run_after=timezone.now() + datetime.timedelta(minutes=1)
    )
    assert run_pending() == 0


def test_a_running_job_with_a_live_lease_is_left_alone():
    job = job_enqueue(kind="test.count", label="Đang chạy")
    claimed = job_claim(worker="a")
    assert claimed.pk == job.pk
    assert job_claim(worker="b") is None


def test_a_job_whose_worker_died_is_taken_over_after_its_lease():
    job = job_enqueue(kind="test.count", label="Bị bỏ dở")
    first = job_claim(worker="dead")
    Job.objects.filter(pk=job.pk).update(lease_until=_ago(1))

    second = job_claim(worker="alive")

    assert second.pk == job.pk and second.claim != first.claim
    assert second.attempts == 1
    job_run(second, heartbeat=False)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    # The dead worker, should it wake up, can no longer finish or report on the job.
    first.status = JobStatus.RUNNING
    job_progress(first, done=99)
    assert Job.objects.get(pk=job.pk).done != 99


def test_a_job_that_keeps_losing_its_worker_ends_failed():
    job = job_enqueue(kind="test.count", label="Hỏng", max_attempts=2)
    for _ in range(2):
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.RUNNING, claim="x", lease_until=_ago(1)
        )
        job_claim(worker="w")
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, LOST)


def test_a_crashing_job_is_retried_with_backoff_then_fails(settings):
    settings.JOBS_RETRY_SECONDS = 60
    job = job_enqueue(kind="test.crash", label="Lỗi", max_attempts=2)
    run_pending()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.QUEUED, 1)
    assert job.run_after > timezone.now() + datetime.timedelta(seconds=55)
    Job.objects.filter(pk=job.pk).update(run_after=_ago(1))
    run_pending()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (JobStatus.FAILED, 2, CRASHED)


def test_a_job_asking_to_come_back_later_is_requeued_without_counting_a_failure():
    job = job_enqueue(kind="test.later", label="Chờ")
    run_pending()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.QUEUED, 0)
    assert job.run_after > timezone.now() + datetime.timedelta(minutes=4)


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_what_is_ready_and_stops_in_burst_mode():
    jobs = [job_enqueue(kind="test.count", label=f"Việc {i}") for i in range(3)]
    call_command("jobs_worker", "--burst")
    assert {j.status for j in Job.objects.filter(pk__in=[j.pk for j in jobs])} == {
        JobStatus.SUCCEEDED
    }


def test_the_progress_bar_polls_until_the_job_is_done(client, cast):
    job = job_enqueue(
        kind="test.count", label="Gửi 10 tin nhắn", payload={"n": 10}, total=10, actor=cast.district
    )
    claimed = job_claim(worker="w")
    job_progress(claimed, done=4)
    client.force_login(cast.district)

    page = client.get(reverse("job_progress", args=[job.pk])).content.decode()

    assert 'hx-trigger="every 1s"' in page and "progress-bar" in page
    assert 'aria-valuenow="40"' in page and "4/10" in page and "Đang thực hiện" in page
    job_run(claimed, heartbeat=False)
    page = client.get(reverse("job_progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in page and "10/10" in page and "Đã xong" in page


def test_another_unit_cannot_see_a_job(client, cast):
    job = job_enqueue(kind="test.count", label="Riêng", actor=cast.district)
    client.force_login(cast.other_district)
    assert client.get(reverse("job_progress", args=[job.pk])).status_code == 404
