"""Lockouts and second factors for the administrator: see who is locked out, unlock
(delete the failures), remove a lost phone's OTP device so the officer can enrol again."""

import contextlib

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.sites import NotRegistered
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from raovat.accounts.models import LoginFailure, LoginRecord, OtpDevice

with contextlib.suppress(NotRegistered):
    admin.site.unregister(TOTPDevice)  # django-otp's own admin is in English


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else "–"


class _ReadOnly(admin.ModelAdmin):
    """Sign-in rows are facts: read, never edited. Both kinds name the account and address."""

    @admin.display(description="tên đăng nhập", ordering="username")
    def who(self, obj):
        return obj.username

    @admin.display(description="địa chỉ IP", ordering="ip_address")
    def ip(self, obj):
        return obj.ip_address

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LockedFilter(admin.SimpleListFilter):
    title = "tình trạng"
    parameter_name = "khoa"

    def lookups(self, request, model_admin):
        return [("co", "Đang tạm khóa"), ("khong", "Chưa đến mức khóa")]

    def queryset(self, request, queryset):
        since = timezone.now() - settings.AXES_COOLOFF_TIME
        locked = dict(
            failures_since_start__gte=settings.LOGIN_FAILURE_LIMIT, attempt_time__gte=since
        )
        if self.value() == "co":
            return queryset.filter(**locked)
        if self.value() == "khong":
            return queryset.exclude(**locked)
        return queryset


@admin.register(LoginFailure)
class LoginFailureAdmin(_ReadOnly):
    list_display = ["when", "who", "ip", "failures", "state"]
    list_filter = [LockedFilter]
    search_fields = ["username", "ip_address"]
    search_help_text = "Tìm theo tên đăng nhập hoặc địa chỉ IP."
    fields = ["who", "ip", "failures", "when", "state", "agent"]
    readonly_fields = fields
    actions = ["unlock"]

    @admin.display(description="lần sai gần nhất", ordering="attempt_time")
    def when(self, obj):
        return _moment(obj.attempt_time)

    @admin.display(description="số lần sai", ordering="failures_since_start")
    def failures(self, obj):
        return obj.failures_since_start

    @admin.display(description="trình duyệt")
    def agent(self, obj):
        return obj.user_agent

    @admin.display(description="tình trạng")
    def state(self, obj):
        ends = obj.attempt_time + settings.AXES_COOLOFF_TIME
        if obj.failures_since_start >= settings.LOGIN_FAILURE_LIMIT and ends > timezone.now():
            return f"Tạm khóa đến {timezone.localtime(ends).strftime('%H:%M %d/%m/%Y')}"
        return "Chưa khóa"

    @admin.action(description="Mở khóa (xóa các lần đăng nhập sai đã chọn)", permissions=["delete"])
    def unlock(self, request, queryset):
        count, _ = queryset.delete()
        self.message_user(
            request, f"Đã mở khóa: xóa {count} bản ghi đăng nhập sai.", messages.SUCCESS
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # "Mở khóa" says what deleting does here
        return actions


@admin.register(LoginRecord)
class LoginRecordAdmin(_ReadOnly):
    list_display = ["when", "who", "ip", "logout"]
    search_fields = ["username", "ip_address"]
    search_help_text = "Tìm theo tên đăng nhập hoặc địa chỉ IP."
    fields = ["who", "ip", "when", "logout", "agent"]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="đăng nhập lúc", ordering="attempt_time")
    def when(self, obj):
        return _moment(obj.attempt_time)

    @admin.display(description="đăng xuất lúc", ordering="logout_time")
    def logout(self, obj):
        return _moment(obj.logout_time)

    @admin.display(description="trình duyệt")
    def agent(self, obj):
        return obj.user_agent


@admin.register(OtpDevice)
class OtpDeviceAdmin(_ReadOnly):
    list_display = ["who", "confirmed_label", "created", "last_used"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__full_name"]
    search_help_text = "Tìm theo tên đăng nhập hoặc họ tên."
    fields = ["who", "confirmed_label", "created", "last_used"]
    readonly_fields = fields
    actions = ["reset"]

    @admin.display(description="người dùng", ordering="user__username")
    def who(self, obj):
        return f"{obj.user.username} – {obj.user}"

    @admin.display(description="đã kích hoạt", boolean=True)
    def confirmed_label(self, obj):
        return obj.confirmed

    @admin.display(description="ngày tạo", ordering="created_at")
    def created(self, obj):
        return _moment(obj.created_at)

    @admin.display(description="dùng lần cuối", ordering="last_used_at")
    def last_used(self, obj):
        return _moment(obj.last_used_at)

    @admin.action(
        description="Gỡ thiết bị (người dùng sẽ cài lại ở lần đăng nhập sau)",
        permissions=["delete"],
    )
    def reset(self, request, queryset):
        count, _ = queryset.delete()
        self.message_user(request, f"Đã gỡ {count} thiết bị xác thực hai lớp.", messages.SUCCESS)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
