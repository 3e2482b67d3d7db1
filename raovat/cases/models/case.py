from django.conf import settings
from django.db import models
from django.db.models import Q

from raovat.cases.phones import CARRIER_LABELS, display
from raovat.cases.workflow import FINAL_STATES, State
from raovat.units.models import Role, Unit

CARRIER_CHOICES = list(CARRIER_LABELS.items())

# The field of a case that names its unit in each role of the route.
ROUTE_FIELDS = {
    Role.REPORTER: "reporting_unit",
    Role.HANDLER: "handling_unit",
    Role.TELECOM: "telecom_unit",
    Role.CULTURE: "culture_unit",
}


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CaseQuerySet":
        """Cases a unit has taken part in. The only scoping rule for case data."""
        if not user.is_authenticated or user.unit_id is None or not user.unit.active:
            return self.none()
        return self.filter(visible_q(user))

    def open(self) -> "CaseQuerySet":
        return self.exclude(state__in=FINAL_STATES)

    def waiting_for(self, unit_id: int | None, *states: str) -> "CaseQuerySet":
        """Cases waiting for one unit in one of `states`: every work list, every reminder."""
        if unit_id is None:
            return self.none()
        return self.filter(waiting_q(unit_id, *states))


def visible_q(user) -> Q:
    """`visible_to` as a condition, for a user whose unit is active.

    A leader ("lãnh đạo", `User.leader`) reads too the cases opened by every reporting
    unit of the province (decision 022); acting and identities keep their own rules.
    """
    q = Q(pk__in=CaseUnit.objects.filter(unit_id=user.unit_id).values("case_id"))
    if getattr(user, "leader", False):
        cached = getattr(user, "_province_reporters", None)
        if cached is None:
            from raovat.units.selectors import province_reporting_unit_ids

            cached = user._province_reporters = province_reporting_unit_ids(user.unit)
        q |= Q(reporting_unit_id__in=cached)
    return q


def waiting_q(unit_id: int | None, *states: str, prefix: str = "") -> Q:
    """`waiting_for` as a condition, for counting the cases of a related row."""
    state = {f"{prefix}state": states[0]} if len(states) == 1 else {f"{prefix}state__in": states}
    return Q(**{f"{prefix}current_unit_id": unit_id, **state})


class Case(models.Model):
    number = models.CharField("số hồ sơ", max_length=20, unique=True)
    phone_e164 = models.CharField("số thuê bao (E.164)", max_length=20, db_index=True)
    phone_national = models.CharField("số thuê bao", max_length=15, db_index=True)
    phone_written = models.CharField("số thuê bao như ghi trên quảng cáo", max_length=40)
    carrier_hint = models.CharField(
        "nhà mạng (dự đoán)", max_length=20, choices=CARRIER_CHOICES, blank=True
    )
    state = models.CharField("trạng thái", max_length=30, choices=State.choices)
    state_since = models.DateTimeField("vào trạng thái lúc")
    # The last day for the unit the case waits for (kept by the workflow service on every
    # change of state, from raovat.cases.clocks): reminders count it by an indexed range.
    due_on = models.DateField("hạn xử lý", null=True, blank=True)
    # Indexed by the waiting and due-date indexes below, which start with it: every
    # change of state rewrites each index of the case row, so none is kept twice.
    current_unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị đang xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    reporting_unit = models.ForeignKey(
        Unit, verbose_name="đơn vị phát hiện", on_delete=models.PROTECT, related_name="+"
    )
    handling_unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    telecom_unit = models.ForeignKey(
        Unit,
        verbose_name="cơ quan quản lý viễn thông",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    culture_unit = models.ForeignKey(
        Unit,
        verbose_name="cơ quan văn hóa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_found_on = models.DateField("ngày phát hiện")
    received_at = models.DateTimeField("ngày tiếp nhận", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày lập", auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        ordering = ["-id"]
        indexes = [
            # Reminder counts and work lists: "cases waiting for unit U in state S", in
            # the (state_since, id) order of their keyset pages, read from the index alone.
            models.Index(
                fields=["current_unit", "state", "state_since", "id"], name="case_waiting_idx"
            ),
            models.Index(fields=["state", "state_since"]),
            # Searches by state and date found (with a ward): the candidates, their ward
            # and id from the index alone, not a bitmap of half a year of cases.
            models.Index(
                fields=["state", "first_found_on", "id"],
                include=["reporting_unit"],
                name="case_state_found_idx",
            ),
            # "Sắp đến hạn" / "Quá hạn" per state of a unit: a range on due_on.
            models.Index(fields=["current_unit", "state", "due_on"]),
            # Search results are sorted and paged by (column, id) with keyset pagination.
            models.Index(fields=["first_found_on", "id"]),
            models.Index(fields=["state_since", "id"]),
            models.Index(fields=["received_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["phone_e164"],
                condition=~Q(state__in=sorted(FINAL_STATES)),
                name="one_open_case_per_number",
                violation_error_message="Số thuê bao này đã có hồ sơ đang mở.",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def phone_display(self) -> str:
        return display(self.phone_e164)

    @property
    def is_open(self) -> bool:
        return self.state not in FINAL_STATES

    def route_unit_id(self, role: str) -> int | None:
        """The id of the case's unit in `role` on its route (None before it has one)."""
        field = ROUTE_FIELDS.get(role)
        return getattr(self, f"{field}_id") if field else None


class CaseUnit(models.Model):
    """A unit that has taken part in a case, and so may see it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    # Indexed by (unit, case), the constraint below.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_index=False)
    role = models.CharField(max_length=20, choices=Role.choices)
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đơn vị tham gia hồ sơ"
        verbose_name_plural = "đơn vị tham gia hồ sơ"
        constraints = [
            models.UniqueConstraint(fields=["unit", "case"], name="case_unit_once"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.unit_id}"


class StateDeadline(models.Model):
    """How many working days a case may stay in a state before it is overdue."""

    state = models.CharField("trạng thái", max_length=30, choices=State.choices, unique=True)
    days = models.PositiveIntegerField("số ngày làm việc cho phép")
    source = models.CharField(
        "căn cứ",
        max_length=300,
        blank=True,
        help_text="Văn bản quy định thời hạn này (luật, quy chế phối hợp, quy định của đơn vị).",
    )

    class Meta:
        verbose_name = "thời hạn xử lý"
        verbose_name_plural = "thời hạn xử lý"
        ordering = ["state"]

    def __str__(self) -> str:
        from raovat.cases.admin_labels import state_text

        return f"{state_text(self.state)}: {self.days} ngày làm việc"


class Counter(models.Model):
    """Gap-free sequences: case numbers per year, document numbers per unit, kind and year."""

    key = models.CharField(max_length=100, unique=True)
    last = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "bộ đếm số"
        verbose_name_plural = "bộ đếm số"

    def __str__(self) -> str:
        return f"{self.key}: {self.last}"
