"""API clients (one unit each, a hashed token) and the log of their calls."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils import timezone

from raovat.units.models import Unit

TOKEN_PREFIX = "rv_"


class Scope(models.TextChoices):
    READ = "read", "Chỉ đọc"
    READ_WRITE = "read-write", "Đọc và ghi"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiClient(models.Model):
    """A system of a unit that calls the API. It acts as its own user of that unit, so
    every rule of access and every history entry applies to it as to an officer."""

    name = models.CharField("tên ứng dụng", max_length=120)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    scope = models.CharField("quyền", max_length=20, choices=Scope.choices, default=Scope.READ)
    expires_at = models.DateTimeField("hết hạn lúc")
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField("mã nhận biết", max_length=12, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_client",
        editable=False,
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)

    class Meta:
        verbose_name = "ứng dụng kết nối"
        verbose_name_plural = "ứng dụng kết nối"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now() and self.unit.active

    def matches(self, token: str) -> bool:
        return hmac.compare_digest(self.token_hash, token_digest(token))


def client_create(*, name: str, unit: Unit, scope: str, expires_at) -> tuple[ApiClient, str]:
    """A new client and its token, which is shown once and kept only as its SHA-256."""
    from raovat.units.models import User

    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        user = User(
            username=f"api-{secrets.token_hex(6)}",
            full_name=f"Ứng dụng {name}"[:120],
            unit=unit,
            position="Ứng dụng kết nối",
        )
        user.set_unusable_password()
        user.save()
        client = ApiClient.objects.create(
            name=name,
            unit=unit,
            scope=scope,
            expires_at=expires_at,
            user=user,
            token_hash=token_digest(token),
            token_hint=token[:10],
        )
    return client, token


def client_find(token: str) -> ApiClient | None:
    """The client of `token`. The lookup is by digest; the final comparison is in
    constant time."""
    client = (
        ApiClient.objects.select_related("unit", "user", "user__unit")
        .filter(token_hash=token_digest(token))
        .first()
    )
    if client is None or not client.matches(token):
        return None
    return client


class ApiCall(models.Model):
    """One call of the API: who, for which unit, which operation, which answer."""

    client = models.ForeignKey(
        ApiClient,
        verbose_name="ứng dụng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    method = models.CharField("phương thức", max_length=10)
    operation = models.CharField("thao tác", max_length=200)
    status = models.PositiveSmallIntegerField("mã trả về")
    at = models.DateTimeField("thời gian", default=timezone.now)

    class Meta:
        verbose_name = "lượt gọi API"
        verbose_name_plural = "nhật ký gọi API"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["at"]), models.Index(fields=["client", "at"])]

    def __str__(self) -> str:
        return f"{self.method} {self.operation} {self.status}"


# -- webhooks (docs/decisions/024-webhooks.md) -----------------------------------------


class EventType(models.TextChoices):
    CASE_OPENED = "case.opened", "Hồ sơ mới lập từ lần phát hiện (case.opened)"
    CASE_TRANSITIONED = "case.transitioned", "Hồ sơ chuyển trạng thái (case.transitioned)"
    DISPATCH_SENT = "dispatch.sent", "Phiếu chuyển đã gửi (dispatch.sent)"
    IDENTITY_PROVIDED = "identity.provided", "Đã cung cấp thông tin thuê bao (identity.provided)"


class WebhookEndpoint(models.Model):
    """An address of a client's system that receives the events its unit may read."""

    client = models.ForeignKey(
        ApiClient,
        verbose_name="ứng dụng kết nối",
        on_delete=models.PROTECT,
        related_name="webhooks",
        help_text="Sự kiện chỉ gồm các hồ sơ mà đơn vị của ứng dụng được xem.",
    )
    url = models.URLField(
        "địa chỉ nhận",
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Địa chỉ http:// hoặc https:// nhận sự kiện (POST JSON).",
    )
    # Kept as it is: signing needs the secret itself. Never shown again after it is set.
    secret = models.CharField("khóa ký", max_length=128)
    event_types = models.JSONField("loại sự kiện", default=list)
    active = models.BooleanField("đang dùng", default=True)
    paused_at = models.DateTimeField("tạm dừng lúc", null=True, blank=True)
    pause_reason = models.CharField("lý do tạm dừng", max_length=255, blank=True)
    consecutive_failures = models.PositiveIntegerField("số lần gửi lỗi liên tiếp", default=0)
    last_success_at = models.DateTimeField("gửi được lần cuối", null=True, blank=True)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    class Meta:
        verbose_name = "địa chỉ nhận sự kiện"
        verbose_name_plural = "địa chỉ nhận sự kiện (webhook)"
        ordering = ["client__name", "id"]

    def __str__(self) -> str:
        return f"{self.client} → {self.url}"

    @property
    def paused(self) -> bool:
        return self.paused_at is not None


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ gửi"
    DELIVERED = "delivered", "Đã gửi"
    FAILED = "failed", "Gửi lỗi"
    HELD = "held", "Tạm giữ (địa chỉ nhận đang tạm dừng)"


class WebhookDelivery(models.Model):
    """One event for one endpoint, tried until it is taken or given up.

    The payload never holds a subscriber's identity: an `identity.provided` event gets it
    when it is sent, if the client's unit may still see it."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name="địa chỉ nhận",
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event_id = models.UUIDField("mã sự kiện")
    event_type = models.CharField("loại sự kiện", max_length=40, choices=EventType.choices)
    payload = models.JSONField("nội dung", default=dict)
    status = models.CharField(
        "trạng thái", max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField("số lần gửi", default=0)
    next_attempt_at = models.DateTimeField("gửi lại lúc", null=True, blank=True)
    last_attempt_at = models.DateTimeField("gửi lần cuối", null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField("mã trả về", null=True, blank=True)
    last_error = models.CharField("lỗi", max_length=255, blank=True)
    response_excerpt = models.CharField("trích đoạn trả lời", max_length=200, blank=True)
    created_at = models.DateTimeField("thời gian tạo", default=timezone.now)
    delivered_at = models.DateTimeField("gửi được lúc", null=True, blank=True)
    # The one job that may send it: a job left over from before a pause or a resend finds
    # another id here and does nothing, so one delivery is never sent by two jobs.
    job_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "lượt gửi sự kiện"
        verbose_name_plural = "lượt gửi sự kiện"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="delivery_once_per_endpoint"
            )
        ]
        indexes = [
            models.Index(fields=["endpoint", "status"], name="delivery_endpoint_status"),
            models.Index(fields=["created_at"], name="delivery_created"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"
