"""SMS gateways behind one interface, chosen by the SMS_BACKEND setting."""

from django.conf import settings

from raovat.messaging.backends.base import GatewayError, Outgoing, SmsBackend
from raovat.messaging.backends.console import ConsoleBackend
from raovat.messaging.backends.kannel import KannelBackend

__all__ = ["GatewayError", "Outgoing", "SmsBackend", "get_backend"]

BACKENDS = {"console": ConsoleBackend, "kannel": KannelBackend}


def get_backend(name: str | None = None) -> SmsBackend:
    return BACKENDS[name or settings.SMS_BACKEND]()
