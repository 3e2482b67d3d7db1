"""Days off and make-up working days an administrator sets per year.

Public holidays come from the `holidays` package (Vietnam, with its substitute days);
these rows are what the government moves each year on top of them ("Ngày nghỉ",
"Ngày làm bù"). A row wins over the package for its date.
"""

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        DAY_OFF = "day_off", "Ngày nghỉ"
        MAKE_UP = "make_up", "Ngày làm bù"

    day = models.DateField("ngày", unique=True)
    kind = models.CharField("loại ngày", max_length=10, choices=Kind.choices)
    note = models.CharField(
        "ghi chú", max_length=200, blank=True,
        help_text="Ví dụ: số văn bản của Thủ tướng Chính phủ hoặc Bộ Nội vụ quy định ngày này.",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "ngày nghỉ / ngày làm bù"
        verbose_name_plural = "lịch ngày nghỉ và ngày làm bù"
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.get_kind_display()}"


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
def _calendar_changed(**kwargs) -> None:
    from raovat.cases import calendar

    calendar.forget()
    # Once more after the commit, so that a copy read inside the transaction is dropped.
    transaction.on_commit(calendar.forget)
    from raovat.cases.clocks import due_dates_refresh_enqueue

    row = kwargs["instance"]
    # A row moved to another date changes both dates: refresh from the earlier one.
    due_dates_refresh_enqueue(changed_day=min(row.day, getattr(row, "_day_before", row.day)))


@receiver(pre_save, sender=CalendarDay)
def _remember_day(instance, **kwargs) -> None:
    if instance.pk:
        before = CalendarDay.objects.filter(pk=instance.pk).values_list("day", flat=True).first()
        if before is not None:
            instance._day_before = before
