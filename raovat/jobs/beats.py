"""Workers say they are alive; the health check (`/suc-khoe/`) asks whether one is.

A worker updates its row when it looks for work, at most every BEAT_SECONDS; idle workers
look every JOBS_POLL_SECONDS. A worker busy on a long job does not look, but renews that
job's lease every JOBS_LEASE_SECONDS / 3: a lease still running counts as a beat too.
"""

import datetime

from django.db.models import Max
from django.utils import timezone

from raovat.jobs.models import Job, JobStatus, WorkerBeat

BEAT_SECONDS = 15
FORGET_AFTER = datetime.timedelta(days=1)  # rows of processes long gone


def worker_beat(*, worker: str) -> None:
    # One indexed UPDATE that writes only when the row is older than BEAT_SECONDS.
    at = timezone.now()
    if WorkerBeat.objects.filter(
        worker=worker, beat_at__lt=at - datetime.timedelta(seconds=BEAT_SECONDS)
    ).update(beat_at=at):
        return
    _beat, created = WorkerBeat.objects.get_or_create(worker=worker, defaults={"beat_at": at})
    if created:  # a process starting: forget those that stopped long ago
        WorkerBeat.objects.filter(beat_at__lt=at - FORGET_AFTER).delete()


def worker_last_seen() -> datetime.datetime | None:
    """When a worker was last known alive: its last beat, or now if a lease still runs."""
    now = timezone.now()
    if Job.objects.filter(status=JobStatus.RUNNING, lease_until__gt=now).exists():
        return now
    return WorkerBeat.objects.aggregate(last=Max("beat_at"))["last"]
