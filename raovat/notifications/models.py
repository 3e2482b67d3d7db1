from django.db import models


class EmailSent(models.Model):
    """One row per notice sent, so that a rerun job or a second cron run skips it."""

    key = models.CharField("mã thư", max_length=120, unique=True)
    recipient = models.EmailField("người nhận")
    subject = models.CharField("tiêu đề", max_length=255)
    sent_at = models.DateTimeField("thời gian gửi", auto_now_add=True)

    class Meta:
        verbose_name = "thư đã gửi"
        verbose_name_plural = "thư đã gửi"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient}"
