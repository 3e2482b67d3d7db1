from django.db import models

from raovat.cases.models import TextMessage
from raovat.messaging.placeholders import HELP, validate_template_text


class SmsTemplate(models.Model):
    name = models.CharField("tên mẫu", max_length=120, unique=True)
    text = models.TextField("nội dung", validators=[validate_template_text], help_text=HELP)
    active = models.BooleanField("đang dùng", default=True)
    position = models.PositiveIntegerField("thứ tự", default=0)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "mẫu tin nhắn"
        verbose_name_plural = "mẫu tin nhắn"
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class SmsDelivery(models.Model):
    """How one text message travels to the gateway: the click that asked for it, each
    attempt, and what the gateway reported. See docs/decisions/004-background-jobs.md."""

    message = models.OneToOneField(
        TextMessage,
        verbose_name="tin nhắn",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="delivery",
    )
    # One per click of "Nhắn tin": a double click or a resent form finds the same message.
    idempotency_key = models.CharField("mã yêu cầu", max_length=64, unique=True)
    encoding = models.CharField("bảng mã", max_length=8)
    segments = models.PositiveSmallIntegerField("số phần tin", default=1)
    backend = models.CharField("cổng gửi", max_length=20)
    attempts = models.PositiveSmallIntegerField("số lần gửi", default=0)
    # Set, in its own committed transaction, before the gateway is called; cleared once
    # the outcome is written. Still set after a crash: that attempt is in doubt.
    attempt_started_at = models.DateTimeField("bắt đầu lần gửi", null=True, blank=True)
    next_attempt_at = models.DateTimeField("gửi lại lúc", null=True, blank=True)
    gateway_reply = models.CharField("phản hồi của cổng", max_length=255, blank=True)
    report_type = models.PositiveSmallIntegerField("mã báo cáo", null=True, blank=True)
    reported_at = models.DateTimeField("thời gian báo cáo", null=True, blank=True)
    job = models.ForeignKey(
        "jobs.Job",
        verbose_name="công việc",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "lần gửi tin nhắn"
        verbose_name_plural = "lần gửi tin nhắn"

    def __str__(self) -> str:
        return f"SMS {self.message_id}: {self.attempts} lần gửi"
