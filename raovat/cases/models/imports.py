import uuid

from django.conf import settings
from django.db import models

from raovat.units.models import Unit


class CarrierImport(models.Model):
    """A carriers' workbook, parsed once and kept until applied.

    Applying uses these stored rows, never the uploaded file again: what the officer saw
    in the preview is exactly what is written.
    """

    class Profile(models.TextChoices):
        IDENTITY = "identity", "Thông tin chủ thuê bao"
        SUSPENSION = "suspension", "Ngưng cung cấp dịch vụ"

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    profile = models.CharField("loại dữ liệu", max_length=20, choices=Profile.choices)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField("thời điểm nhập", auto_now_add=True)
    file_name = models.CharField("tên tệp", max_length=255)
    # [{"row", "phone", "status", "reason", "case_id", "case_number", "data"}]; personal
    # data in "data" is dropped once applied.
    rows = models.JSONField("các dòng", default=list)
    applied_at = models.DateTimeField("thời điểm cập nhật", null=True, blank=True)
    applied_count = models.PositiveIntegerField("số hồ sơ đã cập nhật", default=0)
    # Applying runs in the worker: the last job queued for it, and why it was refused.
    apply_job = models.ForeignKey(
        "jobs.Job",
        verbose_name="công việc cập nhật",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refused_reason = models.TextField("lý do không cập nhật được", blank=True)

    class Meta:
        verbose_name = "tệp nhập từ nhà mạng"
        verbose_name_plural = "tệp nhập từ nhà mạng"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def applying(self) -> bool:
        """A job to apply it is queued or running."""
        return self.apply_job is not None and not self.apply_job.finished
