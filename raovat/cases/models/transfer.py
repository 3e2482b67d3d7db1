from django.conf import settings
from django.db import models

from raovat.cases.limits import NOTE_MAX
from raovat.cases.models.case import Case
from raovat.cases.models.files import scan_path
from raovat.cases.workflow import DispatchKind
from raovat.units.models import Unit


class Dispatch(models.Model):
    """A numbered batch of cases sent from one unit to another ("phiếu chuyển")."""

    kind = models.CharField("loại phiếu", max_length=30, choices=DispatchKind.choices)
    from_unit = models.ForeignKey(
        Unit, verbose_name="đơn vị gửi", on_delete=models.PROTECT, related_name="dispatches_sent"
    )
    to_unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị nhận",
        on_delete=models.PROTECT,
        related_name="dispatches_received",
    )
    # Names as they were when sent: units are renamed, dispatches are not.
    from_unit_name = models.CharField("đơn vị gửi", max_length=200, blank=True)
    to_unit_name = models.CharField("đơn vị nhận", max_length=200, blank=True)
    year = models.PositiveIntegerField("năm")
    number = models.PositiveIntegerField("số", null=True, blank=True)
    number_label = models.CharField("số phiếu", max_length=40, blank=True)
    note = models.TextField("ghi chú nội dung xử lý", blank=True, max_length=NOTE_MAX)
    signed_scan = models.FileField("tệp đã ký", upload_to=scan_path, blank=True)
    # The printed content (cases, note, kind) has a version: the signed scan belongs to
    # the version that was printed, and sending needs the scan of the current one.
    version = models.PositiveIntegerField("phiên bản nội dung", default=1)
    printed_version = models.PositiveIntegerField("phiên bản đã in", null=True, blank=True)
    scan_version = models.PositiveIntegerField("phiên bản của tệp đã ký", null=True, blank=True)
    # When the current version was first printed: every fact the paper cites (records,
    # decisions, payments, contacts) is the one known then, so a reprint is the same paper.
    printed_at = models.DateTimeField("thời điểm in phiên bản", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày lập", auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người chuyển",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField("ngày chuyển", null=True, blank=True)
    cases = models.ManyToManyField(
        Case, verbose_name="hồ sơ", through="DispatchItem", related_name="dispatches"
    )

    class Meta:
        verbose_name = "phiếu chuyển"
        verbose_name_plural = "phiếu chuyển"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["to_unit", "sent_at"]),
            models.Index(fields=["from_unit", "sent_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["from_unit", "kind", "year", "number"], name="dispatch_number_once"
            ),
        ]

    def __str__(self) -> str:
        return self.number_label or f"Phiếu chuyển nháp #{self.pk}"

    @property
    def printed_is_current(self) -> bool:
        return self.printed_version == self.version

    @property
    def scan_is_current(self) -> bool:
        return bool(self.signed_scan) and self.scan_version == self.version

    @property
    def needs_reprint(self) -> bool:
        """Printed once, and the content has changed since."""
        return self.printed_version is not None and self.printed_version != self.version


class DispatchScan(models.Model):
    """A signed scan taken off its dispatch because the content changed or it was replaced.

    Kept, never deleted: it is what an officer signed at the time.
    """

    dispatch = models.ForeignKey(
        Dispatch, verbose_name="phiếu chuyển", on_delete=models.CASCADE, related_name="old_scans"
    )
    file = models.FileField("tệp đã ký", upload_to=scan_path)
    version = models.PositiveIntegerField("phiên bản nội dung", null=True, blank=True)
    reason = models.CharField("lý do gỡ", max_length=200)
    detached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thao tác",
        on_delete=models.PROTECT,
        related_name="+",
    )
    detached_at = models.DateTimeField("thời điểm gỡ", auto_now_add=True)

    class Meta:
        verbose_name = "tệp đã ký đã gỡ"
        verbose_name_plural = "tệp đã ký đã gỡ"
        ordering = ["-detached_at", "-id"]

    def __str__(self) -> str:
        return f"{self.dispatch} – {self.reason}"


class DispatchItem(models.Model):
    # Indexed by (dispatch, case), the constraint below.
    dispatch = models.ForeignKey(
        Dispatch, on_delete=models.CASCADE, related_name="items", db_index=False
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="dispatch_items")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "case"], name="dispatch_case_once"),
        ]

    def __str__(self) -> str:
        return f"{self.dispatch_id}/{self.case_id}"


class WaitingDispatch(models.Model):
    """Kept tally (decision 030): each sent request for subscribers' identity that still
    has cases waiting at the unit it went to, with how many. Written only by
    `raovat.cases.tallies` (restated around every change of a case, rebuilt by a
    command), so that the telecom authority's "Phiếu đến" reads its page of dispatches
    in the order they came instead of walking every waiting case to find them."""

    # The dispatch's own id is the row's: a page of the list pages by (sent_at, id) as
    # the list of every dispatch does, on the index below.
    dispatch = models.OneToOneField(
        Dispatch, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # Indexed by the key below, which starts with it.
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", db_index=False)
    sent_at = models.DateTimeField()
    n = models.IntegerField(default=0)  # its cases waiting at the unit

    class Meta:
        verbose_name = "phiếu chuyển còn hồ sơ chờ"
        verbose_name_plural = "phiếu chuyển còn hồ sơ chờ"
        constraints = [
            # Also the list's index: a unit's dispatches by the moment they were sent.
            models.UniqueConstraint(
                fields=["unit", "sent_at", "dispatch"], name="waiting_dispatch_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dispatch_id}: {self.n}"
