from django.conf import settings
from django.db import models

from raovat.cases.limits import LONG_TEXT_MAX, NOTE_MAX, SHORT_TEXT_MAX
from raovat.cases.models.case import CARRIER_CHOICES, Case
from raovat.units.models import Unit


class SubscriberKind(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    ORGANISATION = "organisation", "Tổ chức"


class Subscriber(models.Model):
    """The identity behind the number, as the telecom authority gave it. Personal data."""

    case = models.OneToOneField(
        Case, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="subscriber"
    )
    full_name = models.CharField("họ và tên", max_length=200)
    kind = models.CharField(
        "loại thuê bao",
        max_length=20,
        choices=SubscriberKind.choices,
        default=SubscriberKind.INDIVIDUAL,
    )
    # CCCD for a person, tax code for an organisation: one subscriber across cases.
    id_number = models.CharField(
        "số định danh cá nhân/CCCD hoặc mã số thuế", max_length=20, blank=True, db_index=True
    )
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    address = models.CharField("địa chỉ", max_length=255)
    carrier = models.CharField("nhà mạng", max_length=20, choices=CARRIER_CHOICES, blank=True)
    # Accent-free copies for search ("nguyen van a" finds "Nguyễn Văn A").
    name_folded = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    address_folded = models.CharField(max_length=255, blank=True, editable=False)
    provided_by = models.ForeignKey(
        Unit, verbose_name="đơn vị cung cấp", on_delete=models.PROTECT, related_name="+"
    )
    provided_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    provided_at = models.DateTimeField("ngày cung cấp")

    class Meta:
        verbose_name = "chủ thuê bao"
        verbose_name_plural = "chủ thuê bao"

    def __str__(self) -> str:
        return self.full_name


GENDERS = [("Nam", "Nam"), ("Nữ", "Nữ")]


class PenaltyRecord(models.Model):
    """The violation record made when the subscriber came to the office."""

    case = models.ForeignKey(
        Case, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="penalty_records"
    )
    record_number = models.CharField("số biên bản", max_length=40, blank=True)
    made_at = models.DateTimeField("thời gian lập biên bản")
    place = models.CharField("địa điểm lập biên bản", max_length=255)
    legal_basis = models.CharField("điều khoản vi phạm", max_length=255)
    violation_basis = models.ForeignKey(
        "cases.LegalBasis",
        verbose_name="quy định về hành vi vi phạm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"purpose": "violation"},
        help_text="Khi đã chọn, biên bản trích điều khoản này thay cho nội dung nhập tay.",
    )
    # The penalty decision states the fine; the record (form MBB01) does not print it.
    amount = models.PositiveBigIntegerField("số tiền phạt (đồng)", default=0)
    # Form MBB01 of Decree 118/2021/NĐ-CP: the violator, the witness, seized items and
    # the summons.
    violator_nationality = models.CharField(
        "quốc tịch", max_length=60, default="Việt Nam", blank=True
    )
    violator_occupation = models.CharField("nghề nghiệp", max_length=120, blank=True)
    id_issued_on = models.DateField("ngày cấp giấy tờ tùy thân", null=True, blank=True)
    id_issued_place = models.CharField("nơi cấp giấy tờ tùy thân", max_length=200, blank=True)
    violator_gender = models.CharField("giới tính", max_length=10, choices=GENDERS, blank=True)
    # An organisation's legal representative, as form MBB01 names them.
    representative_name = models.CharField(
        "người đại diện theo pháp luật", max_length=120, blank=True
    )
    representative_gender = models.CharField(
        "giới tính người đại diện", max_length=10, choices=GENDERS, blank=True
    )
    representative_title = models.CharField("chức danh người đại diện", max_length=120, blank=True)
    witness = models.CharField("người chứng kiến", max_length=255, blank=True)
    witness_occupation = models.CharField(
        "nghề nghiệp người chứng kiến", max_length=120, blank=True
    )
    witness_address = models.CharField("địa chỉ người chứng kiến", max_length=255, blank=True)
    witness_refusal_reason = models.CharField(
        "lý do người chứng kiến không ký xác nhận", max_length=255, blank=True
    )
    interpreter_name = models.CharField("người phiên dịch", max_length=120, blank=True)
    interpreter_occupation = models.CharField(
        "nghề nghiệp người phiên dịch", max_length=120, blank=True
    )
    interpreter_address = models.CharField("địa chỉ người phiên dịch", max_length=255, blank=True)
    off_site_reason = models.CharField(
        "lý do lập biên bản tại trụ sở hoặc nơi khác",
        max_length=255,
        blank=True,
        help_text="Khi biên bản không lập tại nơi xảy ra vi phạm (mẫu MBB01).",
    )
    injured_party = models.CharField("cá nhân, tổ chức bị thiệt hại", max_length=255, blank=True)
    injured_statement = models.TextField(
        "ý kiến trình bày của cá nhân, tổ chức bị thiệt hại",
        blank=True,
        max_length=LONG_TEXT_MAX,
    )
    preventive_measures = models.TextField(
        "biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính",
        blank=True,
        max_length=LONG_TEXT_MAX,
    )
    seized_items = models.TextField(
        "tang vật, phương tiện, giấy tờ bị tạm giữ", blank=True, max_length=SHORT_TEXT_MAX
    )
    summons_at = models.DateTimeField("thời gian yêu cầu có mặt", null=True, blank=True)
    summons_place = models.CharField("địa điểm yêu cầu có mặt", max_length=255, blank=True)
    violator_statement = models.TextField(
        "ý kiến trình bày của người vi phạm", blank=True, max_length=LONG_TEXT_MAX
    )
    remediation = models.TextField(
        "biện pháp khắc phục hậu quả", blank=True, max_length=LONG_TEXT_MAX
    )
    aggravating = models.TextField("tình tiết tăng nặng", blank=True)
    remediation_deadline = models.DateField("hạn khắc phục", null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # One per rendered form: the same form sent twice (a double click) makes one record.
    request_key = models.CharField(
        "mã yêu cầu", max_length=32, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "biên bản vi phạm hành chính"
        verbose_name_plural = "biên bản vi phạm hành chính"
        ordering = ["made_at", "id"]

    def __str__(self) -> str:
        return self.record_number or f"Biên bản #{self.pk}"


class Suspension(models.Model):
    case = models.ForeignKey(
        Case, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="suspensions"
    )
    suspended_on = models.DateField("ngày ngưng cung cấp dịch vụ")
    carrier_reference = models.CharField("số tham chiếu của nhà mạng", max_length=80)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    restored_at = models.DateTimeField("thời điểm khôi phục", null=True, blank=True)
    restore_note = models.TextField("lý do khôi phục", blank=True, max_length=NOTE_MAX)

    class Meta:
        verbose_name = "ngưng cung cấp dịch vụ"
        verbose_name_plural = "ngưng cung cấp dịch vụ"
        ordering = ["suspended_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} – {self.suspended_on:%d/%m/%Y}"


class CultureOutcome(models.Model):
    case = models.OneToOneField(
        Case, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="culture_outcome"
    )
    decision_number = models.CharField("số quyết định", max_length=60)
    decided_on = models.DateField("ngày quyết định")
    amount = models.PositiveBigIntegerField("số tiền phạt (đồng)", default=0)
    result = models.TextField("kết quả xử lý", max_length=LONG_TEXT_MAX)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "kết quả xử lý của cơ quan văn hóa"
        verbose_name_plural = "kết quả xử lý của cơ quan văn hóa"

    def __str__(self) -> str:
        return self.decision_number
