"""Calling the subscriber, behind one interface like the SMS gateways; docs/telephony.md.

The only backend today is `tel`: the page offers a tel: link, the officer's own phone
dials, and the officer records the outcome with `call_record`. An office PBX backend
(Asterisk AMI Originate) would ring the officer's extension, then the subscriber.
"""

from django.conf import settings


class TelBackend:
    name = "tel"
    dials_from_server = False

    def dial_url(self, *, phone_e164: str) -> str:
        return f"tel:{phone_e164}"

    def originate(self, *, officer, phone_e164: str) -> None:
        """Nothing to do on the server: the officer's phone places the call."""


def get_call_backend():
    return {"tel": TelBackend}[settings.CALL_BACKEND]()
