import logging

from raovat.messaging.backends.base import Outgoing, SmsBackend

log = logging.getLogger("raovat.sms")


class ConsoleBackend(SmsBackend):
    """The demo's gateway: writes the message to the log and calls it sent."""

    name = "console"

    def send(self, sms: Outgoing) -> str:
        log.info("SMS to %s (%s): %s", sms.to, sms.encoding, sms.text)
        return "console: logged"
