"""Putting work on the queue and reporting its progress."""

import datetime

from django.conf import settings
from django.utils import timezone

from raovat.jobs import registry
from raovat.jobs.models import RESULT_KEEP_HOURS, Job, JobStatus


def job_enqueue(
    *,
    kind: str,
    label: str,
    payload: dict | None = None,
    total: int = 0,
    actor=None,
    unit=None,
    run_after: datetime.datetime | None = None,
    max_attempts: int | None = None,
) -> Job:
    """Queue a job. Called inside the caller's transaction, the job exists only if the
    work it describes was committed too."""
    if not registry.known(kind):
        raise LookupError(f"no handler for job kind {kind!r}")
    return Job.objects.create(
        kind=kind,
        label=label,
        payload=payload or {},
        total=total,
        created_by=actor,
        unit=unit if unit is not None else getattr(actor, "unit", None),
        run_after=run_after or timezone.now(),
        max_attempts=max_attempts or settings.JOBS_MAX_ATTEMPTS,
    )


def job_progress(job: Job, *, done: int, total: int | None = None) -> None:
    """Record progress; it also renews the lease, so a job that reports is never stolen."""
    job.done = done
    if total is not None:
        job.total = total
    fields = {"done": job.done, "total": job.total}
    if job.claim:
        fields["lease_until"] = timezone.now() + datetime.timedelta(
            seconds=settings.JOBS_LEASE_SECONDS
        )
    Job.objects.filter(pk=job.pk, claim=job.claim, status=JobStatus.RUNNING).update(**fields)


def job_payload_store(job: Job, **values) -> bool:
    """Add what a running job found to its payload (a small result the page shows, not a
    file). False when the job no longer belongs to this worker (its lease was lost)."""
    payload = {**job.payload, **values}
    updated = Job.objects.filter(pk=job.pk, claim=job.claim, status=JobStatus.RUNNING).update(
        payload=payload
    )
    if updated:
        job.payload = payload
    return bool(updated)


def job_result_store(job: Job, *, name: str, content) -> bool:
    """Attach the file a running job made (`content`: a django File). False, and the file
    is not kept, when the job no longer belongs to this worker (its lease was lost)."""
    field = Job._meta.get_field("result")
    stored = field.storage.save(field.generate_filename(job, name), content)
    updated = Job.objects.filter(pk=job.pk, claim=job.claim, status=JobStatus.RUNNING).update(
        result=stored, result_name=name
    )
    if not updated:
        field.storage.delete(stored)
        return False
    job.result.name, job.result_name = stored, name
    return True


def job_results_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete the result files of jobs finished more than RESULT_KEEP_HOURS ago."""
    before = (now or timezone.now()) - datetime.timedelta(hours=RESULT_KEEP_HOURS)
    removed = 0
    for job in Job.objects.filter(finished_at__lt=before).exclude(result="").only("result"):
        job.result.delete(save=False)
        Job.objects.filter(pk=job.pk).update(result="")
        removed += 1
    return removed
