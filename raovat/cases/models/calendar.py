"""Days off and make-up working days an administrator sets per year.

Public holidays come from the `holidays` package (Vietnam, with its substitute days);
these rows are what the government moves each year on top of them ("Ngày nghỉ",
"Ngày làm bù"). A row wins over the package for its date.
"""

from django.db import models


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        DAY_OFF = "day_off", "Ngày nghỉ"
        MAKE_UP = "make_up", "Ngày làm bù"

    day = models.DateField("ngày", unique=True)
    kind = models.CharField("loại ngày", max_length=10, choices=Kind.choices)
    note = models.CharField(
        "ghi chú",
        max_length=200,
        blank=True,
        help_text="Ví dụ: số văn bản của Thủ tướng Chính phủ hoặc Bộ Nội vụ quy định ngày này.",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "ngày nghỉ / ngày làm bù"
        verbose_name_plural = "lịch ngày nghỉ và ngày làm bù"
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.get_kind_display()}"
