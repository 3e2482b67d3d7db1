import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from raovat.documents.kinds import DocumentKind
from raovat.units.models import Unit


def template_path(instance, filename):
    return f"document-templates/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.docx"


class DocumentTemplate(models.Model):
    """A DOCX template an administrator uploaded to replace the shipped one."""

    kind = models.CharField("loại văn bản", max_length=30, choices=DocumentKind.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Để trống: dùng cho mọi đơn vị chưa có mẫu riêng.",
    )
    file = models.FileField("tệp mẫu (.docx)", upload_to=template_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("ngày tải lên", auto_now_add=True)
    active = models.BooleanField(
        "đang dùng",
        default=True,
        help_text="Mỗi loại văn bản chỉ có một mẫu đang dùng cho mỗi đơn vị; tải mẫu mới "
        "lên sẽ thay mẫu cũ.",
    )

    class Meta:
        verbose_name = "mẫu văn bản"
        verbose_name_plural = "mẫu văn bản"
        ordering = ["kind", "unit__name", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "unit"],
                condition=Q(active=True, unit__isnull=False),
                name="one_active_template_per_unit",
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(active=True, unit__isnull=True),
                name="one_active_global_template",
            ),
        ]

    def __str__(self) -> str:
        where = self.unit.short_name if self.unit_id else "mọi đơn vị"
        return f"{self.get_kind_display()} – {where}"


class IssuedNumber(models.Model):
    """Numbers of documents whose subject has no number field of its own."""

    kind = models.CharField("loại văn bản", max_length=30, choices=DocumentKind.choices)
    subject_id = models.PositiveBigIntegerField("mã đối tượng")
    number_label = models.CharField("số văn bản", max_length=40)
    issued_at = models.DateTimeField("ngày cấp số", auto_now_add=True)

    class Meta:
        verbose_name = "số văn bản đã cấp"
        verbose_name_plural = "số văn bản đã cấp"
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject_id"], name="document_number_once"),
        ]

    def __str__(self) -> str:
        return self.number_label


def rendered_path(instance, filename):
    # Referenced by migration 0002 (the PDF cache, removed in 0003); kept for its history.
    return f"rendered-documents/{filename}"


class PeriodKind(models.TextChoices):
    MONTH = "month", "Tháng"
    QUARTER = "quarter", "Quý"
    YEAR = "year", "Năm"
    CUSTOM = "custom", "Khoảng thời gian khác"


class PeriodicReport(models.Model):
    """A periodic report ("báo cáo định kỳ") of a unit: what it asked for and what it signed.

    Its figures are read from the statistics selectors until the report is first printed;
    that print gives it its number and freezes the figures, so every later print of
    "số 3/BC-…" shows what was signed (decision 027).
    """

    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị báo cáo", on_delete=models.PROTECT, related_name="+"
    )
    # A reporting or handling unit within the unit's statistics; empty: all of them.
    of_unit = models.ForeignKey(
        Unit,
        verbose_name="số liệu của đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    period_kind = models.CharField("kỳ báo cáo", max_length=10, choices=PeriodKind.choices)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    difficulties = models.TextField("khó khăn, vướng mắc", blank=True, max_length=4000)
    proposals = models.TextField("kiến nghị, đề xuất", blank=True, max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày lập", auto_now_add=True)
    request_key = models.CharField("mã yêu cầu", max_length=32, unique=True, null=True, blank=True)
    number = models.PositiveIntegerField("số", null=True, blank=True)
    number_label = models.CharField("số văn bản", max_length=40, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    figures = models.JSONField("số liệu đã chốt", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "báo cáo định kỳ"
        verbose_name_plural = "báo cáo định kỳ"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "-created_at", "-id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="periodic_report_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.number_label or f"Báo cáo chưa in ({self.start:%d/%m/%Y}–{self.end:%d/%m/%Y})"
