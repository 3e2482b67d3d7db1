"""The sanction after the record: the penalty decision and the payment of its fine."""

from django.conf import settings
from django.db import models

from raovat.cases.models.case import Case
from raovat.cases.models.outcome import PenaltyRecord, SubscriberKind


class PenaltyDecision(models.Model):
    """ "Quyết định xử phạt vi phạm hành chính": one per case, made by the handling unit."""

    case = models.OneToOneField(
        Case, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="decision"
    )
    record = models.ForeignKey(
        PenaltyRecord, verbose_name="biên bản", on_delete=models.PROTECT, related_name="decisions"
    )
    number_label = models.CharField("số quyết định", max_length=60)
    decided_on = models.DateField("ngày quyết định", db_index=True)
    signer_name = models.CharField("người ký", max_length=120)
    signer_title = models.CharField("chức vụ người ký", max_length=120, blank=True)
    legal_basis = models.ForeignKey(
        "cases.LegalBasis",
        verbose_name="quy định về hành vi vi phạm",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"purpose": "violation"},
    )
    violator_kind = models.CharField(
        "đối tượng",
        max_length=20,
        choices=SubscriberKind.choices,
        default=SubscriberKind.INDIVIDUAL,
    )
    amount = models.PositiveBigIntegerField("số tiền phạt (đồng)")
    remedial_measures = models.TextField("biện pháp khắc phục hậu quả", blank=True)
    aggravating = models.TextField("tình tiết tăng nặng", blank=True)
    mitigating = models.TextField("tình tiết giảm nhẹ", blank=True)
    additional_penalty = models.TextField("hình thức xử phạt bổ sung", blank=True)
    remedial_due = models.DateField("thời hạn thực hiện biện pháp khắc phục", null=True, blank=True)
    repeat_of = models.ForeignKey(
        "self",
        verbose_name="tái phạm sau quyết định",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    payment_due = models.DateField("hạn nộp phạt", db_index=True)
    signed_scan = models.FileField("bản quyết định đã ký", upload_to="quyet-dinh/%Y/%m/")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)

    class Meta:
        verbose_name = "quyết định xử phạt vi phạm hành chính"
        verbose_name_plural = "quyết định xử phạt vi phạm hành chính"

    def __str__(self) -> str:
        return self.number_label


class Payment(models.Model):
    """ "Ghi nhận nộp phạt": the receipt or bank transfer against a decision."""

    decision = models.OneToOneField(
        PenaltyDecision, verbose_name="quyết định", on_delete=models.CASCADE, related_name="payment"
    )
    paid_on = models.DateField("ngày nộp phạt")
    amount = models.PositiveBigIntegerField("số tiền đã nộp (đồng)")
    reference = models.CharField("số biên lai hoặc mã giao dịch chuyển khoản", max_length=80)
    scan = models.FileField("biên lai (bản chụp)", upload_to="bien-lai/%Y/%m/", blank=True)
    note = models.TextField("ghi chú", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi nhận",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("thời điểm ghi nhận", auto_now_add=True)

    class Meta:
        verbose_name = "nộp phạt"
        verbose_name_plural = "nộp phạt"

    def __str__(self) -> str:
        return self.reference

    @property
    def late(self) -> bool:
        return self.paid_on > self.decision.payment_due
