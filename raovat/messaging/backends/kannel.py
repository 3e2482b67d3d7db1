"""Kannel's `sendsms` HTTP interface (smsbox), the gateway Vietnamese operators and
SMS brand-name providers commonly put in front of their SMSCs."""

import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from raovat.messaging.backends.base import GatewayError, Outgoing, SmsBackend
from raovat.messaging.encoding import UCS2

# 1 delivered to phone, 2 not delivered to phone, 4 queued on SMSC, 8 accepted by SMSC,
# 16 rejected by SMSC: every report the product acts on.
DLR_MASK = 31


class KannelBackend(SmsBackend):
    name = "kannel"
    reports_delivery = True

    def send(self, sms: Outgoing) -> str:
        params = {
            "user": settings.KANNEL_USER,
            "pass": settings.KANNEL_PASSWORD,
            "to": sms.to,
            "text": sms.text,
            "charset": "UTF-8",
            "coding": "2" if sms.encoding == UCS2 else "0",
        }
        if settings.KANNEL_FROM:
            params["from"] = settings.KANNEL_FROM
        if settings.KANNEL_SMSC:
            params["smsc"] = settings.KANNEL_SMSC
        if sms.report_url:
            params["dlr-mask"] = str(DLR_MASK)
            params["dlr-url"] = sms.report_url
        url = f"{settings.KANNEL_SENDSMS_URL}?{urllib.parse.urlencode(params)}"
        try:
            with urllib.request.urlopen(url, timeout=settings.KANNEL_TIMEOUT) as response:
                return response.read(500).decode("utf-8", "replace").strip()
        except urllib.error.HTTPError as error:
            body = error.read(500).decode("utf-8", "replace").strip()
            if error.code >= 500:
                raise GatewayError(
                    "Cổng SMS báo lỗi tạm thời.",
                    temporary=True,
                    detail=f"HTTP {error.code}: {body}",
                ) from None
            raise GatewayError(
                f"Cổng SMS từ chối tin nhắn (mã {error.code}).",
                temporary=False,
                detail=f"HTTP {error.code}: {body}",
            ) from None
        except (urllib.error.URLError, OSError) as error:
            raise GatewayError(
                "Không kết nối được cổng SMS.", temporary=True, detail=str(error)
            ) from None
