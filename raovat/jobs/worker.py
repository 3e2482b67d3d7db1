"""Claiming and running jobs. Any number of workers, on any number of machines, may run
this against one database; see docs/decisions/004-background-jobs.md."""

import datetime
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from raovat.jobs import registry
from raovat.jobs.beats import worker_beat
from raovat.jobs.models import Job, JobStatus

log = logging.getLogger("raovat.jobs")

# What the user reads when a job broke on a bug; the traceback goes to the log.
CRASHED = "Công việc gặp lỗi ngoài dự kiến, đã báo quản trị hệ thống."
LOST = "Tiến trình chạy công việc bị dừng giữa chừng quá nhiều lần."


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.JOBS_LEASE_SECONDS)


def _backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=min(3600, settings.JOBS_RETRY_SECONDS * 2 ** (attempts - 1)))


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def job_claim(*, worker: str) -> Job | None:
    """Take the next ready job, or one whose worker stopped renewing its lease.

    PostgreSQL: SKIP LOCKED lets workers on several machines claim different jobs at
    once. SQLite: the IMMEDIATE transaction takes the database's write lock first, so
    claims queue one behind the other.
    """
    worker_beat(worker=worker)
    while True:
        now = timezone.now()
        with transaction.atomic():
            job = (
                Job.objects.select_for_update(skip_locked=True)
                .filter(
                    Q(status=JobStatus.QUEUED, run_after__lte=now)
                    | Q(status=JobStatus.RUNNING, lease_until__lt=now)
                )
                .order_by("run_after", "id")
                .first()
            )
            if job is None:
                return None
            if job.status == JobStatus.RUNNING:
                job.attempts += 1
                log.warning("job %s lost its worker %s; taking it over", job.pk, job.claim)
                if job.attempts >= job.max_attempts:
                    job.status, job.error, job.finished_at = JobStatus.FAILED, LOST, now
                    job.claim, job.lease_until = "", None
                    job.save(
                        update_fields=[
                            "status",
                            "error",
                            "finished_at",
                            "claim",
                            "lease_until",
                            "attempts",
                        ]
                    )
                    continue
            job.status = JobStatus.RUNNING
            job.claim = f"{worker}/{uuid.uuid4().hex[:12]}"
            job.lease_until = now + _lease()
            job.started_at = job.started_at or now
            job.save(update_fields=["status", "claim", "lease_until", "started_at", "attempts"])
            return job


def _finish(job: Job, **fields) -> None:
    # Only the holder of the claim may finish: a worker that lost its lease (paused, cut
    # off) must not overwrite what its successor did.
    Job.objects.filter(pk=job.pk, claim=job.claim, status=JobStatus.RUNNING).update(
        claim="", lease_until=None, **fields
    )


class _Heartbeat(threading.Thread):
    """Renews the lease while a handler works on one long step."""

    def __init__(self, job: Job):
        super().__init__(name=f"heartbeat-{job.pk}", daemon=True)
        self.job = job
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(settings.JOBS_LEASE_SECONDS / 3):
                try:
                    Job.objects.filter(
                        pk=self.job.pk, claim=self.job.claim, status=JobStatus.RUNNING
                    ).update(lease_until=timezone.now() + _lease())
                except DatabaseError:
                    # Keep beating: the database may be back before the lease runs out.
                    log.warning("heartbeat of job %s could not reach the database", self.job.pk)
                    connection.close()
        finally:
            connection.close()


def job_run(job: Job, *, heartbeat: bool = True) -> Job:
    beat = _Heartbeat(job) if heartbeat else None
    if beat:
        beat.start()
    try:
        registry.handler_for(job.kind)(job)
    except registry.RetryLater as later:
        _finish(job, status=JobStatus.QUEUED, run_after=later.at)
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        attempts = job.attempts + 1
        if attempts >= job.max_attempts:
            _finish(
                job,
                status=JobStatus.FAILED,
                attempts=F("attempts") + 1,
                error=CRASHED,
                finished_at=timezone.now(),
            )
        else:
            _finish(
                job,
                status=JobStatus.QUEUED,
                attempts=F("attempts") + 1,
                run_after=timezone.now() + _backoff(attempts),
            )
    else:
        _finish(
            job, status=JobStatus.SUCCEEDED, finished_at=timezone.now(), error="", done=F("total")
        )
    finally:
        if beat:
            beat.stopped.set()
            beat.join()
    current = Job.objects.filter(pk=job.pk).first()
    if current is None:
        # Deleted while it ran (by an administrator, or with its owner): nothing to record.
        log.warning("job %s (%s) vanished while it ran", job.pk, job.kind)
        return job
    return current


def worker_loop(
    *,
    name: str,
    stopping: Callable[[], bool],
    burst: bool = False,
    report: Callable[[str], None] = log.info,
) -> None:
    """Claim and run jobs until `stopping()`; the production worker's loop.

    The database going away (restarted, cut off, locked, a statement timed out) does not
    end the worker: it logs, waits (1 s, doubling up to JOBS_OUTAGE_MAX_SECONDS) and tries
    again with a new connection. A job cut off in the middle keeps its lease until it
    runs out, then any worker takes it over (decision 004).
    """
    wait = 1.0
    while not stopping():
        try:
            close_old_connections()
            job = job_claim(worker=name)
            if job is None:
                if burst:
                    return
                time.sleep(settings.JOBS_POLL_SECONDS)
                continue
            job = job_run(job)
        except DatabaseError as exc:
            reason = (str(exc).strip() or type(exc).__name__).splitlines()[0]
            log.warning(
                "worker %s: database unavailable (%s); trying again in %.0f s", name, reason, wait
            )
            connection.close()
            time.sleep(wait)
            wait = min(wait * 2, settings.JOBS_OUTAGE_MAX_SECONDS)
            continue
        wait = 1.0
        report(f"Job {job.pk} {job.kind}: {job.status}")


def run_pending(*, worker: str | None = None, heartbeat: bool = False, limit: int = 1000) -> int:
    """Run every job that is ready now, one after the other; returns how many ran.

    The demo and the tests use this in-process; production runs `manage.py jobs_worker`.
    """
    worker = worker or worker_name()
    ran = 0
    while ran < limit:
        job = job_claim(worker=worker)
        if job is None:
            break
        job_run(job, heartbeat=heartbeat)
        ran += 1
    return ran
