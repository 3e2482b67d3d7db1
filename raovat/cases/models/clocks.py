"""The legal clocks' lengths, each with the provision it comes from (edited in the admin)."""

from django.db import models


class Counting(models.TextChoices):
    WORKING_DAYS = "working_days", "ngày làm việc"
    DAYS = "days", "ngày"
    YEARS = "years", "năm"


class LegalClock(models.Model):
    class Key(models.TextChoices):
        DECISION = "decision", "Hạn ra quyết định xử phạt"
        DECISION_TRANSFERRED = (
            "decision_transferred",
            ("Hạn ra quyết định xử phạt (vụ việc chuyển hồ sơ)"),
        )
        PAYMENT = "payment", "Hạn nộp phạt"
        LIMITATION = "limitation", "Thời hiệu xử phạt"
        REPEAT = "repeat", "Thời hạn tính tái phạm"

    key = models.CharField("thời hạn", max_length=30, choices=Key.choices, unique=True)
    amount = models.PositiveIntegerField("độ dài")
    counting = models.CharField("đơn vị tính", max_length=20, choices=Counting.choices)
    starts = models.CharField("tính từ", max_length=120)
    source = models.CharField("căn cứ pháp lý", max_length=300)

    class Meta:
        verbose_name = "thời hạn theo luật"
        verbose_name_plural = "thời hạn theo luật"
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.amount} {self.get_counting_display()}"
