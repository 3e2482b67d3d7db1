from django.conf import settings
from django.db import models

from raovat.cases.limits import NOTE_MAX
from raovat.cases.models.case import Case
from raovat.cases.models.files import attachment_path
from raovat.cases.workflow import EVENT_LABELS, State
from raovat.units.models import Unit


class CaseEvent(models.Model):
    """Append-only history of a case, written in the same transaction as the change."""

    # Indexed by (case, at) below: an index on the case alone would be written on every
    # transition and never read.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events", db_index=False)
    action = models.CharField("thao tác", max_length=40)
    from_state = models.CharField("từ trạng thái", max_length=30, choices=State.choices, blank=True)
    to_state = models.CharField("sang trạng thái", max_length=30, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("người thực hiện", max_length=120)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    # Units are renamed and merged; the history shows the name the unit had then.
    unit_name = models.CharField("đơn vị", max_length=200)
    next_unit = models.ForeignKey(
        Unit,
        verbose_name="chuyển đến",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    next_unit_name = models.CharField("chuyển đến", max_length=200, blank=True)
    at = models.DateTimeField("thời gian", db_index=True)
    note = models.TextField("ghi chú", blank=True, max_length=NOTE_MAX)
    attachment = models.FileField("tệp đính kèm", upload_to=attachment_path, blank=True)
    dispatch = models.ForeignKey(
        "cases.Dispatch",
        verbose_name="phiếu chuyển",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )

    class Meta:
        verbose_name = "quá trình xử lý"
        verbose_name_plural = "quá trình xử lý"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"])]

    def __str__(self) -> str:
        from raovat.cases.labels import chain_label

        return chain_label(str(self.action_label), where=self.case)

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("Case history is append-only")
        super().save(*args, **kwargs)

    @property
    def action_label(self) -> str:
        return EVENT_LABELS.get(self.action, self.action)
