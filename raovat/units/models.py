from django.contrib.auth.models import AbstractUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import RegexValidator
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


# Decree 30/2020: the symbol ends with the issuing body's abbreviation, capital letters.
UNIT_CODE = RegexValidator(
    r"^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*\Z",
    "Ký hiệu chỉ gồm chữ in hoa không dấu (và Đ), chữ số, có thể nối bằng dấu gạch ngang, "
    "ví dụ “VHTTQ1”.",
)
# Units whose documents carry their code; two of them must never share it.
ISSUING_ROLES = ("handler", "telecom", "culture")


class Unit(models.Model):
    name = models.CharField("tên đơn vị", max_length=200)
    short_name = models.CharField(
        "tên ngắn", max_length=80, help_text="Dùng trên menu và nhãn, ví dụ “Phòng VHTT Quận 1”."
    )
    code = models.CharField(
        "ký hiệu",
        max_length=20,
        validators=[UNIT_CODE],
        help_text="Viết tắt tên đơn vị trong số, ký hiệu văn bản, ví dụ “VHTTQ1” trong "
        "“15/PC-VHTTQ1”. Mỗi đơn vị ban hành văn bản có ký hiệu riêng.",
    )
    kind = models.CharField(
        "loại đơn vị", max_length=60, help_text="Ví dụ: Thành phố, Quận, Phường, Sở, Phòng."
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    role = models.CharField(
        "vai trò trong chuỗi xử lý", max_length=20, choices=Role.choices, blank=True, default=""
    )
    handling_unit = models.ForeignKey(
        "self",
        verbose_name="đơn vị xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reporting_units",
        limit_choices_to={"role": Role.HANDLER},
        help_text="Với đơn vị phát hiện: đơn vị nhận và xác nhận hồ sơ của đơn vị này.",
    )
    telecom_authority = models.ForeignKey(
        "self",
        verbose_name="cơ quan quản lý viễn thông",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"role": Role.TELECOM},
        help_text="Đặt ở cấp tỉnh/thành phố; áp dụng cho mọi đơn vị bên dưới.",
    )
    culture_authority = models.ForeignKey(
        "self",
        verbose_name="cơ quan văn hóa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"role": Role.CULTURE},
        help_text="Đặt ở cấp tỉnh/thành phố; áp dụng cho mọi đơn vị bên dưới.",
    )
    place_name = models.CharField(
        "địa danh",
        max_length=100,
        blank=True,
        help_text="Địa danh ghi trên văn bản, ví dụ “Quận 1” trong “Quận 1, ngày … tháng … năm …”.",
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=40, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=120, blank=True)
    # The penalty decision is the competent person's (Điều 38 of the Law: the chairman of
    # the People's Committee), not the handling department's: who issues and signs it.
    penalty_issuer = models.ForeignKey(
        "self",
        verbose_name="cơ quan ban hành quyết định xử phạt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Để trống: đơn vị cấp trên (Ủy ban nhân dân mà phòng trực thuộc).",
    )
    penalty_authority = models.CharField(
        "thẩm quyền ban hành quyết định xử phạt",
        max_length=200,
        blank=True,
        help_text="In dưới tên loại văn bản, ví dụ “CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN”. "
        "Để trống: “CHỦ TỊCH” và tên cơ quan ban hành.",
    )
    penalty_signer_title = models.CharField(
        "chức vụ người ký quyết định xử phạt",
        max_length=120,
        blank=True,
        help_text="Ví dụ “CHỦ TỊCH”, hoặc hai dòng “KT. CHỦ TỊCH” và “PHÓ CHỦ TỊCH” khi "
        "cấp phó ký theo giao quyền. Để trống: “CHỦ TỊCH”.",
    )
    penalty_signer_name = models.CharField(
        "họ tên người ký quyết định xử phạt", max_length=120, blank=True
    )
    penalty_delegation = models.CharField(
        "quyết định giao quyền xử phạt",
        max_length=200,
        blank=True,
        help_text="Khi cấp phó ký theo giao quyền, ví dụ “Quyết định số 05/QĐ-GQXP ngày "
        "02/01/2026 của Chủ tịch Ủy ban nhân dân Quận 1”; in thành một dòng “Căn cứ …”.",
    )
    treasury_name = models.CharField(
        "Kho bạc Nhà nước nhận tiền phạt",
        max_length=200,
        blank=True,
        help_text="Ví dụ “Kho bạc Nhà nước khu vực II”; in trong quyết định xử phạt.",
    )
    treasury_account = models.CharField(
        "số tài khoản của Kho bạc Nhà nước", max_length=60, blank=True
    )
    active = models.BooleanField("đang hoạt động", default=True)
    external_code = models.CharField(
        "mã danh mục",
        max_length=40,
        blank=True,
        default="",
        help_text="Mã theo danh mục đơn vị hành chính (ví dụ “26740” cho Phường Sài Gòn, "
        "“26740-VHXH” cho phòng của phường), do lệnh thiết lập tỉnh/thành phố đặt "
        "để chạy lại không tạo trùng. Để trống với đơn vị khai báo tay.",
    )

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["name"]
        indexes = [models.Index(fields=["role", "active"])]
        constraints = [
            models.UniqueConstraint(
                fields=["external_code"],
                condition=~Q(external_code=""),
                name="unit_external_code_unique",
                violation_error_message="Đã có đơn vị mang mã danh mục này.",
            ),
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

    def penalty_issuing_unit(self) -> "Unit":
        """The body whose name heads this handling unit's penalty decisions."""
        return self.penalty_issuer or self.parent or self

    def penalty_signer(self) -> dict[str, str]:
        """Who signs the unit's penalty decisions, as the decision form offers it: the
        competent chairman, or the deputy the power was delegated to ("KT. CHỦ TỊCH –
        PHÓ CHỦ TỊCH"); "CHỦ TỊCH" when the unit sets nothing."""
        title = self.penalty_signer_title or "CHỦ TỊCH"
        lines = [line.strip() for line in title.splitlines() if line.strip()]
        return {"signer_name": self.penalty_signer_name, "signer_title": " – ".join(lines)}

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

    def _same_code(self) -> "Unit | None":
        """Another issuing unit of the same province with this unit's code.

        Units of one province send to the same departments, so their codes must differ;
        two provinces' departments may both be "SKHCN".
        """
        if not self.code or self.role not in ISSUING_ROLES:
            return None
        others = list(
            Unit.objects.filter(code__iexact=self.code, role__in=ISSUING_ROLES).exclude(pk=self.pk)
        )
        if not others:
            return None
        parents = dict(Unit.objects.values_list("id", "parent_id"))

        def province(pk):
            seen = set()
            while parents.get(pk) is not None and pk not in seen:
                seen.add(pk)
                pk = parents[pk]
            return pk

        mine = province(self.parent_id) if self.parent_id else self.pk
        return next((o for o in others if province(o.pk) == mine), None)

    def clean(self):
        super().clean()
        errors = _ChainCheck(self).errors()
        same_code = self._same_code()
        if same_code is not None:
            errors.setdefault("code", []).append(
                f"Ký hiệu “{self.code}” đã được dùng cho {same_code.name}: hai đơn vị ban hành "
                "văn bản không được trùng ký hiệu, nếu không nơi nhận sẽ thấy hai văn bản "
                "cùng số."
            )
        if errors:
            raise ValidationError(errors)


_AUTHORITY_FIELDS = {
    "telecom_authority": (Role.TELECOM, "cơ quan quản lý viễn thông"),
    "culture_authority": (Role.CULTURE, "cơ quan văn hóa"),
}
_TREE_FIELDS = [
    "id",
    "name",
    "parent_id",
    "role",
    "active",
    "handling_unit_id",
    "telecom_authority_id",
    "culture_authority_id",
]


class _ChainCheck:
    """Refuses a unit configuration that would leave a case with nowhere to go.

    The whole tree is read once as plain rows (a city has a few hundred units) and the
    unit being saved is overlaid on it, so the rules are checked on the tree as it would
    be after saving, including the units below this one.
    """

    NEW = -1  # key of a unit that has no primary key yet

    def __init__(self, unit: Unit):
        self.unit = unit
        self.key = unit.pk or self.NEW
        self.before = {row["id"]: row for row in Unit.objects.values(*_TREE_FIELDS)}
        self.after = {
            **self.before,
            self.key: {
                "id": self.key,
                "name": unit.name,
                "parent_id": unit.parent_id,
                "role": unit.role,
                "active": unit.active,
                "handling_unit_id": unit.handling_unit_id,
                "telecom_authority_id": unit.telecom_authority_id,
                "culture_authority_id": unit.culture_authority_id,
            },
        }

    def errors(self) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        unit = self.unit
        if unit.pk is not None and unit.parent_id == unit.pk:
            add("parent", "Một đơn vị không thể là cấp trên của chính nó.")
            return errors
        if self._has_cycle():
            add(
                "parent",
                f"Không thể chọn {unit.parent.name} làm đơn vị cấp trên: đơn vị "
                "này đang là cấp trên của nó, cây đơn vị sẽ bị vòng lặp.",
            )
            return errors
        self._check_authorities_chosen(add)
        if unit.active and unit.role == Role.REPORTER:
            self._check_handling_unit(add)
        if (
            unit.active
            and unit.role in (Role.REPORTER, Role.HANDLER)
            and "handling_unit" not in errors
        ):
            for label in self._missing_authorities(self.after, self.key):
                add(
                    NON_FIELD_ERRORS,
                    f"Chưa có {label} cho {unit.name}: hãy khai báo ở đơn "
                    "vị này hoặc ở một đơn vị cấp trên (thường là cấp "
                    "tỉnh/thành phố).",
                )
        if unit.pk is not None:
            self._check_units_relying_on_this_one(add)
        return errors

    def _check_authorities_chosen(self, add) -> None:
        """Each authority chosen on the unit has that role and is active."""
        for field, (role, label) in _AUTHORITY_FIELDS.items():
            chosen = getattr(self.unit, field)
            if chosen is not None and chosen.role != role:
                add(field, f"{chosen.name} không có vai trò “{Role(role).label}”.")
            elif chosen is not None and not chosen.active:
                add(field, f"{chosen.name} đã ngừng hoạt động: hãy chọn {label} đang hoạt động.")

    def _check_handling_unit(self, add) -> None:
        """An active reporting unit sends its cases to an active handling unit."""
        handler = self.unit.handling_unit
        if handler is None:
            add("handling_unit", "Đơn vị phát hiện phải có đơn vị xử lý.")
        elif handler.role != Role.HANDLER:
            add(
                "handling_unit",
                f"{handler.name} không phải là đơn vị xử lý: hãy chọn "
                "đơn vị có vai trò “Đơn vị xử lý”.",
            )
        elif not handler.active:
            add(
                "handling_unit",
                f"{handler.name} đã ngừng hoạt động: hãy chọn đơn vị xử lý đang hoạt động.",
            )

    def _has_cycle(self) -> bool:
        if self.unit.pk is None:
            return False
        seen, key = set(), self.unit.parent_id
        while key is not None and key not in seen:
            if key == self.key:
                return True
            seen.add(key)
            key = self.after[key]["parent_id"] if key in self.after else None
        return False

    @staticmethod
    def _authority(tree, key, field) -> int | None:
        seen = set()
        while key is not None and key in tree and key not in seen:
            seen.add(key)
            if tree[key][field]:
                return tree[key][field]
            key = tree[key]["parent_id"]
        return None

    def _missing_authorities(self, tree, key) -> list[str]:
        row = tree[key]
        handler = row["handling_unit_id"] if row["role"] == Role.REPORTER else key
        missing = []
        for field, (_role, label) in _AUTHORITY_FIELDS.items():
            # As route_for: the handler's authority, else the reporting unit's own.
            column = f"{field}_id"
            if not (self._authority(tree, handler, column) or self._authority(tree, key, column)):
                missing.append(label)
        return missing

    def _check_units_relying_on_this_one(self, add) -> None:
        unit = self.unit
        reporters = [
            r["name"]
            for r in self.before.values()
            if r["handling_unit_id"] == unit.pk and r["active"] and r["id"] != unit.pk
        ]
        if reporters and (unit.role != Role.HANDLER or not unit.active):
            add(
                "active" if not unit.active else "role",
                f"Còn {len(reporters)} đơn vị phát hiện chuyển hồ sơ cho đơn vị này "
                f"({', '.join(sorted(reporters))}): hãy dùng thao tác “Chuyển các đơn vị phát "
                "hiện đã chọn sang đơn vị xử lý khác” trước.",
            )
            return
        broken = sorted(
            row["name"]
            for key, row in self.before.items()
            if key != unit.pk
            and row["active"]
            and row["role"] in (Role.REPORTER, Role.HANDLER)
            and not self._missing_authorities(self.before, key)
            and self._missing_authorities(self.after, key)
        )
        if broken:
            add(
                NON_FIELD_ERRORS,
                "Sau thay đổi này, các đơn vị sau sẽ không còn cơ quan quản "
                "lý viễn thông hoặc cơ quan văn hóa: " + ", ".join(broken) + ".",
            )


class User(AbstractUser):
    full_name = models.CharField("họ và tên", max_length=120, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    position = models.CharField("chức vụ", max_length=120, blank=True, default="Chuyên viên")
    phone = models.CharField("điện thoại", max_length=40, blank=True)
    email_digest = models.BooleanField("Nhận thư nhắc việc hằng ngày", default=True)
    # A field, not a Django permission: every scoped query reads it, and a permission
    # would cost two queries per request to know.
    leader = models.BooleanField(
        "lãnh đạo (xem cả tỉnh/thành phố)",
        default=False,
        help_text="Xem thống kê và tra cứu hồ sơ của mọi đơn vị thuộc tỉnh/thành phố của "
        "đơn vị mình; không được xử lý hồ sơ của đơn vị khác, không xem thông tin "
        "chủ thuê bao của hồ sơ mà đơn vị mình không tham gia.",
    )

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
