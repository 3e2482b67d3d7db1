import datetime

from django.utils import timezone
from rest_framework.test import APIClient

from raovat.api.models import Scope, client_create


def token_for(unit, scope=Scope.READ_WRITE, days=30, name="Hệ thống IOC"):
    client, token = client_create(
        name=name, unit=unit, scope=scope, expires_at=timezone.now() + datetime.timedelta(days=days)
    )
    return client, token


def api(token=None) -> APIClient:
    c = APIClient()
    if token:
        c.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return c
