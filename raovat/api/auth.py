"""Who calls: a client's bearer token, or the officer's browser session (with CSRF)."""

from django.utils import timezone
from rest_framework import authentication, exceptions, permissions, throttling

from raovat.api.models import ApiClient, Scope, client_find

READ_METHODS = ("GET", "HEAD", "OPTIONS")


class ClientTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>`. An unknown, expired or revoked token is a 401."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Mã truy cập không hợp lệ.")
        try:
            token = header[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed("Mã truy cập không hợp lệ.") from None
        client = client_find(token)
        if client is None or not client.usable:
            raise exceptions.AuthenticationFailed(
                "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi."
            )
        now = timezone.now()
        if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        return client.user, client

    def authenticate_header(self, request):
        return self.keyword


class SessionAuthentication(authentication.SessionAuthentication):
    """The officer's own session; DRF checks the CSRF token on every write."""


class UnitMember(permissions.BasePermission):
    """A caller of a unit; a read-only client only reads."""

    message = "Bạn không có quyền thực hiện thao tác này."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if user.unit_id is None or not user.unit.active:
            return False
        client = request.auth if isinstance(request.auth, ApiClient) else None
        writes = request.method not in READ_METHODS
        if client is not None and writes and client.scope != Scope.READ_WRITE:
            self.message = "Ứng dụng này chỉ có quyền đọc."
            return False
        return True


class ClientRateThrottle(throttling.SimpleRateThrottle):
    """Calls per client (or per officer for the browser session)."""

    scope = "client"

    def get_cache_key(self, request, view):
        client = request.auth if isinstance(request.auth, ApiClient) else None
        if client is not None:
            ident = f"client-{client.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"anon-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
