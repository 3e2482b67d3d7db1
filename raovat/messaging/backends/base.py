"""The one interface every SMS gateway implements."""

import abc
from dataclasses import dataclass


@dataclass(frozen=True)
class Outgoing:
    to: str  # E.164, +84…
    text: str
    encoding: str  # encoding.GSM7 or encoding.UCS2
    report_url: str  # where the gateway reports delivery; empty if it cannot


class GatewayError(Exception):
    """The gateway did not take the message. `reason` is Vietnamese, for the officer."""

    def __init__(self, reason: str, *, temporary: bool, detail: str = ""):
        self.reason = reason
        self.temporary = temporary
        self.detail = detail or reason
        super().__init__(self.detail)


class SmsBackend(abc.ABC):
    name = ""
    # True if the gateway calls the report URL back: then an attempt cut off by a crash
    # can be settled from the report instead of being guessed.
    reports_delivery = False

    @abc.abstractmethod
    def send(self, sms: Outgoing) -> str:
        """Hand the message over; returns the gateway's reply or raises GatewayError."""
