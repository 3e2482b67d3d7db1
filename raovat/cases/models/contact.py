from django.conf import settings
from django.db import models

from raovat.cases.limits import NOTE_MAX, SHORT_TEXT_MAX
from raovat.cases.models.case import Case
from raovat.cases.models.files import scan_path


class Invitation(models.Model):
    """An invitation letter ("thư mời") asking the subscriber to come to the office."""

    case = models.ForeignKey(
        Case, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="invitations"
    )
    number_label = models.CharField("số thư mời", max_length=40, blank=True)
    meeting_at = models.DateTimeField("thời gian mời đến")
    meeting_place = models.CharField("địa điểm", max_length=255)
    bring = models.TextField("mang theo", blank=True, max_length=SHORT_TEXT_MAX)
    contact_officer = models.CharField("cán bộ liên hệ", max_length=120, blank=True)
    contact_phone = models.CharField("điện thoại liên hệ", max_length=40, blank=True)
    signed_scan = models.FileField("thư mời đã ký", upload_to=scan_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("ngày lập", auto_now_add=True)
    uploaded_at = models.DateTimeField("ngày tải lên", null=True, blank=True)
    # One per rendered form: the same form sent twice (a double click) makes one letter.
    request_key = models.CharField(
        "mã yêu cầu", max_length=32, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "thư mời"
        verbose_name_plural = "thư mời"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.number_label or f"Thư mời #{self.pk}"


class CallOutcome(models.TextChoices):
    ANSWERED = "answered", "Nghe máy"
    NO_ANSWER = "no_answer", "Không nghe máy"
    BUSY = "busy", "Máy bận"
    WRONG_NUMBER = "wrong_number", "Sai số"
    REFUSED = "refused", "Từ chối"


class Call(models.Model):
    case = models.ForeignKey(
        Case, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="calls"
    )
    called_at = models.DateTimeField("thời gian gọi")
    outcome = models.CharField("kết quả", max_length=20, choices=CallOutcome.choices)
    duration_seconds = models.PositiveIntegerField("thời lượng (giây)", default=0)
    note = models.TextField("ghi chú", blank=True, max_length=NOTE_MAX)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gọi",
        on_delete=models.PROTECT,
        related_name="+",
    )
    # When the call was entered (it may be entered after it was made): a printed dispatch
    # cites only the calls known when it was printed.
    recorded_at = models.DateTimeField("thời điểm ghi nhận", auto_now_add=True, null=True)

    class Meta:
        verbose_name = "cuộc gọi"
        verbose_name_plural = "cuộc gọi"
        ordering = ["called_at", "id"]

    def __str__(self) -> str:
        return f"{self.called_at:%d/%m/%Y %H:%M} – {self.get_outcome_display()}"


class SmsStatus(models.TextChoices):
    QUEUED = "queued", "Chờ gửi"
    SENT = "sent", "Đã gửi"
    DELIVERED = "delivered", "Đã nhận"
    FAILED = "failed", "Gửi lỗi"


class TextMessage(models.Model):
    case = models.ForeignKey(
        Case, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="messages"
    )
    to_e164 = models.CharField("gửi đến", max_length=20)
    text = models.TextField("nội dung")
    status = models.CharField(
        "trạng thái", max_length=20, choices=SmsStatus.choices, default=SmsStatus.QUEUED
    )
    error = models.CharField("lỗi", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gửi",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("thời gian tạo", auto_now_add=True)
    sent_at = models.DateTimeField("thời gian gửi", null=True, blank=True)
    delivered_at = models.DateTimeField("thời gian nhận", null=True, blank=True)

    class Meta:
        verbose_name = "tin nhắn"
        verbose_name_plural = "tin nhắn"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"SMS {self.pk} ({self.get_status_display()})"
