import uuid

from django.conf import settings
from django.db import models

from raovat.cases.limits import AD_TEXT_MAX
from raovat.cases.models.case import Case
from raovat.cases.models.files import photo_path, thumbnail_path
from raovat.units.models import Unit


class AdType(models.TextChoices):
    LEAFLET = "leaflet", "Tờ rơi"
    STICKER = "sticker", "Nhãn dán"
    PAINTED = "painted", "Sơn/vẽ"
    BANNER = "banner", "Băng rôn"
    OTHER = "other", "Khác"


class Sighting(models.Model):
    """One time a reporting unit found the number on an ad."""

    # Indexed by (case, reporting_unit) below.
    case = models.ForeignKey(
        Case,
        verbose_name="hồ sơ",
        on_delete=models.CASCADE,
        related_name="sightings",
        db_index=False,
    )
    reporting_unit = models.ForeignKey(
        Unit, verbose_name="đơn vị phát hiện", on_delete=models.PROTECT, related_name="+"
    )
    found_on = models.DateField("ngày phát hiện")
    place = models.CharField("địa điểm vi phạm", max_length=255)
    latitude = models.DecimalField("vĩ độ", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        "kinh độ", max_digits=9, decimal_places=6, null=True, blank=True
    )
    ad_type = models.CharField(
        "hình thức quảng cáo", max_length=20, choices=AdType.choices, default=AdType.STICKER
    )
    ad_text = models.TextField("nội dung quảng cáo", blank=True, max_length=AD_TEXT_MAX)
    phone_written = models.CharField("số thuê bao như ghi trên quảng cáo", max_length=40)
    # Accent-free place and ad text, for search.
    text_folded = models.TextField(blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi nhận",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("ghi nhận lúc", auto_now_add=True)

    class Meta:
        verbose_name = "lần phát hiện"
        verbose_name_plural = "lần phát hiện"
        ordering = ["found_on", "id"]
        indexes = [
            models.Index(fields=["reporting_unit", "found_on"]),
            # A case's sightings; the search's ward criterion probes "a sighting of this
            # case by this ward" from the index alone (decision 026).
            models.Index(fields=["case", "reporting_unit"], name="sighting_case_unit_idx"),
            # Bản đồ: the sightings of a period inside the map's box, counted per grid cell
            # from the index alone (decision 023).
            models.Index(
                fields=["found_on", "latitude", "longitude", "case", "ad_type", "id"],
                name="sighting_map_idx",
                condition=models.Q(latitude__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} ({self.found_on:%d/%m/%Y})"


class Photo(models.Model):
    sighting = models.ForeignKey(
        Sighting, verbose_name="lần phát hiện", on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField("hình ảnh", upload_to=photo_path)
    thumbnail = models.ImageField("ảnh thu nhỏ", upload_to=thumbnail_path, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    taken_at = models.DateTimeField("thời điểm chụp", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hình ảnh vi phạm"
        verbose_name_plural = "hình ảnh vi phạm"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Ảnh {self.pk}"


class PendingPhoto(models.Model):
    """A photo chosen on the capture form that could not be saved yet (another field was
    wrong): kept, already checked and shrunk, so the officer need not take it again.

    Only its owner sees it. Kept in the database rather than in the file storage so that
    an abandoned form leaves no file: rows go when the form is saved, when the capture
    page is opened afresh, and after PENDING_HOURS in any case.
    """

    token = models.UUIDField("mã ảnh", default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="+"
    )
    image = models.BinaryField("hình ảnh")
    thumbnail = models.BinaryField("ảnh thu nhỏ")
    width = models.PositiveIntegerField("chiều rộng", default=0)
    height = models.PositiveIntegerField("chiều cao", default=0)
    taken_at = models.DateTimeField("thời điểm chụp", null=True, blank=True)
    latitude = models.DecimalField("vĩ độ", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        "kinh độ", max_digits=9, decimal_places=6, null=True, blank=True
    )
    created_at = models.DateTimeField("thời điểm giữ lại", auto_now_add=True, db_index=True)
    # Set: the upload as sent, kept only for the number reader's job (no thumbnail;
    # services/photo_reading.py), never one of the form's photos; it goes when the job
    # has read it, or with the job.
    reading = models.ForeignKey(
        "jobs.Job",
        verbose_name="việc đọc số",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = "ảnh đang chờ lưu"
        verbose_name_plural = "ảnh đang chờ lưu"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Ảnh đang chờ lưu {self.pk}"
