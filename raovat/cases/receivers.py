"""What the administrator's edits of the calendar and of the deadlines set going: the
cached calendar is dropped and the stored due dates of open cases are computed again.

Kept apart from the models so that the models import nothing above them (the clocks do).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from raovat.cases import calendar
from raovat.cases.clocks import due_dates_refresh_enqueue
from raovat.cases.models import CalendarDay, StateDeadline


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
def _calendar_changed(**kwargs) -> None:
    calendar.forget()
    # Once more after the commit, so that a copy read inside the transaction is dropped.
    transaction.on_commit(calendar.forget)
    row = kwargs["instance"]
    # A row moved to another date changes both dates: refresh from the earlier one.
    due_dates_refresh_enqueue(changed_day=min(row.day, getattr(row, "_day_before", row.day)))


@receiver(pre_save, sender=CalendarDay)
def _remember_day(instance, **kwargs) -> None:
    if instance.pk:
        before = CalendarDay.objects.filter(pk=instance.pk).values_list("day", flat=True).first()
        if before is not None:
            instance._day_before = before


@receiver(post_save, sender=StateDeadline)
def _deadline_changed(instance, **kwargs) -> None:
    # The open cases in this state get their due dates again from the new length.
    due_dates_refresh_enqueue(states=[instance.state])
