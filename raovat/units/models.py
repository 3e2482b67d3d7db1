from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    """The part a unit plays in the chain. Logic keys on this, never on unit names."""

    NONE = "", "Không tham gia chuỗi xử lý"
    REPORTER = "reporter", "Đơn vị phát hiện"
    HANDLER = "handler", "Đơn vị xử lý"
    TELECOM = "telecom", "Cơ quan quản lý viễn thông"
    CULTURE = "culture", "Cơ quan văn hóa"


class RoutingError(Exception):
    """Raised when the unit tree cannot route a case; the message is for the user."""


class Unit(models.Model):
    name = models.CharField("tên đơn vị", max_length=200)
    short_name = models.CharField(
        "tên ngắn", max_length=80, help_text="Dùng trên menu và nhãn, ví dụ “Phòng VHTT Quận 1”."
    )
    code = models.CharField(
        "ký hiệu", max_length=20,
        help_text="Dùng trong số văn bản, ví dụ “VHTT” trong “15/PC-VHTT”.",
    )
    kind = models.CharField(
        "loại đơn vị", max_length=60, help_text="Ví dụ: Thành phố, Quận, Phường, Sở, Phòng."
    )
    parent = models.ForeignKey(
        "self", verbose_name="đơn vị cấp trên", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    role = models.CharField(
        "vai trò trong chuỗi xử lý", max_length=20, choices=Role.choices, blank=True, default=""
    )
    handling_unit = models.ForeignKey(
        "self", verbose_name="đơn vị xử lý", null=True, blank=True, on_delete=models.PROTECT,
        related_name="reporting_units", limit_choices_to={"role": Role.HANDLER},
        help_text="Với đơn vị phát hiện: đơn vị nhận và xác nhận hồ sơ của đơn vị này.",
    )
    telecom_authority = models.ForeignKey(
        "self", verbose_name="cơ quan quản lý viễn thông", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", limit_choices_to={"role": Role.TELECOM},
        help_text="Đặt ở cấp tỉnh/thành phố; áp dụng cho mọi đơn vị bên dưới.",
    )
    culture_authority = models.ForeignKey(
        "self", verbose_name="cơ quan văn hóa", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", limit_choices_to={"role": Role.CULTURE},
        help_text="Đặt ở cấp tỉnh/thành phố; áp dụng cho mọi đơn vị bên dưới.",
    )
    place_name = models.CharField(
        "địa danh", max_length=100, blank=True,
        help_text="Địa danh ghi trên văn bản, ví dụ “Quận 1” trong “Quận 1, ngày … tháng … năm …”.",
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=40, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=120, blank=True)
    active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["name"]
        indexes = [models.Index(fields=["role", "active"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(handling_unit__isnull=True) | Q(role=Role.REPORTER),
                name="unit_handling_unit_only_for_reporters",
                violation_error_message="Chỉ đơn vị phát hiện mới có đơn vị xử lý.",
            ),
        ]

    def __str__(self) -> str:
        return self.name if self.active else f"{self.name} (ngừng hoạt động)"

    def ancestors(self):
        """This unit and the units above it, nearest first."""
        seen = set()
        unit = self
        while unit is not None and unit.pk not in seen:
            seen.add(unit.pk)
            yield unit
            unit = unit.parent

    def authority(self, role: str) -> "Unit | None":
        field = {Role.TELECOM: "telecom_authority", Role.CULTURE: "culture_authority"}[role]
        for unit in self.ancestors():
            found = getattr(unit, field)
            if found is not None:
                return found
        return None

    @property
    def superior(self) -> "Unit | None":
        return self.parent


class User(AbstractUser):
    full_name = models.CharField("họ và tên", max_length=120, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT,
        related_name="members",
    )
    position = models.CharField("chức vụ", max_length=120, blank=True, default="Chuyên viên")
    phone = models.CharField("điện thoại", max_length=40, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def role(self) -> str:
        if self.unit_id is None or not self.unit.active:
            return Role.NONE
        return self.unit.role
