import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

RESULT_KEEP_HOURS = 24


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang thực hiện"
    SUCCEEDED = "succeeded", "Đã xong"
    FAILED = "failed", "Thất bại"


class Job(models.Model):
    """One piece of long work, run by a worker process; see docs/decisions/004."""

    kind = models.CharField("loại công việc", max_length=80)
    label = models.CharField("công việc", max_length=200)
    payload = models.JSONField("dữ liệu", default=dict, blank=True)
    status = models.CharField(
        "trạng thái", max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    run_after = models.DateTimeField("chạy từ")
    # A running job belongs to the worker holding `claim` until `lease_until`; a worker
    # that dies stops renewing the lease and another one takes the job over.
    claim = models.CharField("mã nhận việc", max_length=40, blank=True)
    lease_until = models.DateTimeField("giữ việc đến", null=True, blank=True)
    attempts = models.PositiveIntegerField("số lần lỗi", default=0)
    max_attempts = models.PositiveIntegerField("số lần lỗi tối đa", default=3)
    done = models.PositiveIntegerField("đã xong", default=0)
    total = models.PositiveIntegerField("tổng số", default=0)
    error = models.CharField("lỗi", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A file the job made for the officer who started it (an export); personal data, so
    # served only to them, through the jobs views, and removed after RESULT_KEEP_HOURS.
    result = models.FileField("tệp kết quả", upload_to="viec-nen/%Y/%m/", blank=True)
    result_name = models.CharField("tên tệp kết quả", max_length=200, blank=True)
    created_at = models.DateTimeField("thời gian tạo", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)

    class Meta:
        verbose_name = "công việc chạy nền"
        verbose_name_plural = "công việc chạy nền"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "run_after"], name="job_ready"),
            models.Index(fields=["status", "lease_until"], name="job_lease"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def result_ready(self) -> bool:
        """A file to download: made, and not yet removed for its age."""
        if not self.result or self.status != JobStatus.SUCCEEDED:
            return False
        keep = datetime.timedelta(hours=RESULT_KEEP_HOURS)
        return self.finished_at is None or self.finished_at >= timezone.now() - keep

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)


class WorkerBeat(models.Model):
    """The last time each worker process looked for work: the health check reads it."""

    worker = models.CharField("tiến trình", max_length=120, unique=True)
    beat_at = models.DateTimeField("lần cuối hoạt động", db_index=True)

    class Meta:
        verbose_name = "tiến trình chạy nền"
        verbose_name_plural = "tiến trình chạy nền"

    def __str__(self) -> str:
        return self.worker
