"""Ứng dụng kết nối: an administrator registers a client, sees its token once, revokes it;
registers webhook endpoints, watches their deliveries, resumes a paused endpoint."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from raovat.api.models import (
    ApiCall,
    ApiClient,
    EventType,
    WebhookDelivery,
    WebhookEndpoint,
    client_create,
)
from raovat.api.webhooks.services import (
    SECRET_MIN,
    deliveries_resend,
    endpoint_resume,
    secret_new,
)
from raovat.readonly_admin import ReadOnlyAdmin


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "unit",
        "scope",
        "expires_at",
        "revoked_at",
        "token_hint",
        "last_used_at",
    ]
    list_filter = ["scope"]
    search_fields = ["name", "unit__name"]
    fields = [
        "name",
        "unit",
        "scope",
        "expires_at",
        "revoked_at",
        "token_hint",
        "created_at",
        "last_used_at",
    ]
    readonly_fields = ["revoked_at", "token_hint", "created_at", "last_used_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        # A client's unit is fixed: its history entries are that unit's.
        return self.readonly_fields + (["unit"] if obj else [])

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        client, token = client_create(
            name=obj.name, unit=obj.unit, scope=obj.scope, expires_at=obj.expires_at
        )
        obj.pk = client.pk
        obj.__dict__.update(client.__dict__)
        messages.warning(
            request,
            f"Mã truy cập của ứng dụng “{client.name}” (chỉ hiện một "
            f"lần, hãy sao chép ngay): {token}",
        )

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the call log keeps naming the client

    @admin.action(description="Thu hồi mã truy cập của các ứng dụng đã chọn")
    def revoke(self, request, queryset):
        n = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"Đã thu hồi {n} ứng dụng.")


@admin.register(ApiCall)
class ApiCallAdmin(ReadOnlyAdmin):
    list_display = ["at", "client", "unit", "method", "operation", "status"]
    list_filter = ["status", "method"]
    list_select_related = ["client", "unit"]
    date_hierarchy = "at"
    show_full_result_count = False


# -- webhooks ----------------------------------------------------------------------------


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(
        label="Địa chỉ nhận",
        max_length=500,
        assume_scheme="https",
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
    )
    event_types = forms.MultipleChoiceField(
        label="Loại sự kiện",
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Các sự kiện được gửi đến địa chỉ này.",
    )
    new_secret = forms.CharField(
        label="Khóa ký",
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False),
        help_text=f"Ít nhất {SECRET_MIN} ký tự, thống nhất với bên nhận. Để trống khi thêm "
        "mới: hệ thống tạo khóa và hiện một lần. Để trống khi sửa: giữ khóa cũ.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["client", "url", "event_types", "active"]

    def clean_new_secret(self):
        secret = self.cleaned_data["new_secret"]
        if secret and len(secret) < SECRET_MIN:
            raise forms.ValidationError(f"Khóa ký cần ít nhất {SECRET_MIN} ký tự.")
        return secret


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = [
        "url",
        "client",
        "types_text",
        "state_text",
        "consecutive_failures",
        "last_success_at",
    ]
    list_select_related = ["client"]
    list_filter = ["active"]
    search_fields = ["url", "client__name"]
    readonly_fields = [
        "paused_at",
        "pause_reason",
        "consecutive_failures",
        "last_success_at",
        "created_at",
    ]
    fieldsets = [
        (None, {"fields": ["client", "url", "event_types", "new_secret", "active"]}),
        ("Tình trạng", {"fields": readonly_fields}),
    ]
    actions = ["resume"]

    @admin.display(description="loại sự kiện")
    def types_text(self, endpoint):
        return ", ".join(endpoint.event_types)

    @admin.display(description="tình trạng")
    def state_text(self, endpoint):
        if not endpoint.active:
            return "Ngừng dùng"
        return "Tạm dừng" if endpoint.paused else "Đang gửi"

    def save_model(self, request, obj, form, change):
        secret = form.cleaned_data.get("new_secret")
        if not change and not secret:
            secret = secret_new()
            messages.warning(
                request,
                f"Khóa ký của địa chỉ nhận “{obj.url}” (chỉ hiện một "
                f"lần, hãy gửi cho bên nhận): {secret}",
            )
        if secret:
            obj.secret = secret
        super().save_model(request, obj, form, change)

    @admin.action(description="Tiếp tục gửi sự kiện (bỏ tạm dừng) cho các địa chỉ đã chọn")
    def resume(self, request, queryset):
        sent = resumed = 0
        for endpoint in queryset.filter(paused_at__isnull=False):
            sent += endpoint_resume(endpoint=endpoint, actor=request.user)
            resumed += 1
        self.message_user(
            request, f"Đã tiếp tục {resumed} địa chỉ nhận; {sent} sự kiện đang chờ được gửi lại."
        )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "endpoint",
        "event_type",
        "event_id",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
    ]
    list_filter = ["status", "event_type"]
    list_select_related = ["endpoint__client"]
    search_fields = ["=event_id"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ["resend"]

    @admin.action(description="Gửi lại các sự kiện đã chọn (gửi lỗi hoặc tạm giữ)")
    def resend(self, request, queryset):
        n = deliveries_resend(deliveries=queryset, actor=request.user)
        self.message_user(request, f"Đã xếp {n} sự kiện để gửi lại.")
