from django.conf import settings
from django.db import models
from django.utils import timezone

from raovat.units.models import Unit


class Page(models.TextChoices):
    """The screens and files that show a subscriber's full identity."""

    CASE_DETAIL = "case_detail", "Chi tiết hồ sơ"
    CONTACT = "contact", "Liên hệ chủ thuê bao"
    PENALTY = "penalty", "Lập biên bản vi phạm"
    SEARCH_EXPORT = "search_export", "Xuất Excel kết quả tra cứu"
    DOCUMENT = "document", "In văn bản"
    SUBSCRIBER = "subscriber", "Trang chủ thuê bao"
    SUSPENSION_LIST = "suspension_list", "Yêu cầu ngưng cung cấp dịch vụ"
    SUSPENDED_LIST = "suspended_list", "Thuê bao đang bị ngưng"
    CARRIER_IMPORT = "carrier_import", "Xem trước tệp Excel của nhà mạng"
    WEBHOOK = "webhook", "Sự kiện gửi ứng dụng kết nối"


class PersonalDataAccess(models.Model):
    """One view of one case's subscriber identity. Append-only: rows are never changed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xem",
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Names as they were: people change unit, units are renamed and merged.
    user_name = models.CharField("người xem", max_length=150)
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_name = models.CharField("đơn vị", max_length=200, blank=True)
    case = models.ForeignKey(
        "cases.Case", verbose_name="hồ sơ", on_delete=models.PROTECT, related_name="+"
    )
    page = models.CharField("trang", max_length=30, choices=Page.choices)
    at = models.DateTimeField("thời gian", default=timezone.now)

    class Meta:
        verbose_name = "lượt xem thông tin chủ thuê bao"
        verbose_name_plural = "nhật ký xem thông tin chủ thuê bao"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["at"]),
            models.Index(fields=["case", "at"]),
            models.Index(fields=["user", "at"]),
            models.Index(fields=["unit", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user_name} – {self.case_id} – {self.get_page_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("The personal data access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The personal data access log is append-only")
