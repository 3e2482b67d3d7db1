"""How many SMS a text costs. Mirrored in static/messaging/sms-counter.js for the form.

A text goes as GSM-7 (160 characters, 153 per part when split) only if every character
is in the GSM 03.38 alphabet; anything else, Vietnamese diacritics included, goes as
UCS-2 (70 characters, 67 per part).
"""

import math
from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")  # two septets each (escape + character)

GSM7 = "gsm7"
UCS2 = "ucs2"


@dataclass(frozen=True)
class SmsCount:
    encoding: str
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int
    per_segment: int


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def sms_count(text: str) -> SmsCount:
    if is_gsm7(text):
        units = sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)
        single, multi, encoding = 160, 153, GSM7
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, UCS2
    if units == 0:
        return SmsCount(encoding, 0, 0, single)
    if units <= single:
        return SmsCount(encoding, units, 1, single)
    return SmsCount(encoding, units, math.ceil(units / multi), multi)
