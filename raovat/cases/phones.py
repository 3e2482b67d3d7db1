import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
from phonenumbers import carrier as pn_carrier

VIETTEL = "viettel"
VINAPHONE = "vinaphone"
MOBIFONE = "mobifone"
VIETNAMOBILE = "vietnamobile"
GMOBILE = "gmobile"
ITEL = "itel"
REDDI = "reddi"
LANDLINE = "landline"
UNKNOWN = "unknown"

CARRIER_LABELS = {
    VIETTEL: "Viettel",
    VINAPHONE: "VinaPhone",
    MOBIFONE: "MobiFone",
    VIETNAMOBILE: "Vietnamobile",
    GMOBILE: "Gmobile",
    ITEL: "iTel",
    REDDI: "Reddi",
    LANDLINE: "Cố định",
    UNKNOWN: "Không rõ",
}

# 11-digit prefixes retired on 15 Sept 2018; the last 7 digits were kept.
OLD_PREFIXES = {
    **{f"016{d}": f"03{d}" for d in "23456789"},
    "0120": "070",
    "0121": "079",
    "0122": "077",
    "0126": "076",
    "0128": "078",
    "0123": "083",
    "0124": "084",
    "0125": "085",
    "0127": "081",
    "0129": "082",
    "0186": "056",
    "0188": "058",
    "0199": "059",
}

# Prefix as allocated, not the current network: numbers can be ported, so this is only a hint.
MOBILE_PREFIXES = {
    **dict.fromkeys(["086", "096", "097", "098", *(f"03{d}" for d in "23456789")], VIETTEL),
    **dict.fromkeys(["088", "091", "094", *(f"08{d}" for d in "12345")], VINAPHONE),
    **dict.fromkeys(["089", "090", "093", "070", "076", "077", "078", "079"], MOBIFONE),
    **dict.fromkeys(["092", "056", "058"], VIETNAMOBILE),
    **dict.fromkeys(["099", "059"], GMOBILE),
    "087": ITEL,
    "0559": REDDI,
}

# phonenumbers' English carrier names, squashed to lowercase letters; used only for prefixes the
# table above does not know (e.g. 052x, 0140).
_PN_CARRIER_NAMES = {
    "viettel": VIETTEL,
    "vinaphone": VINAPHONE,
    "mobifone": MOBIFONE,
    "vietnamobile": VIETNAMOBILE,
    "gmobile": GMOBILE,
    "itel": ITEL,
    "reddi": REDDI,
}

MOBILE_EXAMPLE = "0912 345 678"
# The number as written on the ad is kept (varchar 40): "0912.345.678 (Zalo)" fits.
WRITTEN_MAX = 40
LANDLINE_EXAMPLE = "028 3822 1234"
OLD_EXAMPLE = "01699 123 456"

# "/" is stripped by parse() but not bridged by find_numbers(): on ads it separates two numbers.
_SEPARATORS = re.compile(r"[\s.\-\u2013\u2014()/]")
_DIGIT_GROUP = re.compile(r"\+?[0-9]+")
_GAP = re.compile(r"[ \t\u00a0.\-\u2013()]{1,3}")


class InvalidPhoneNumber(ValueError):
    def __init__(self, raw: str, reason: str):
        self.raw = raw
        self.reason = reason
        if raw:
            shown = raw if len(raw) <= 40 else raw[:39] + "…"
            self.message = f'Số thuê bao "{shown}" không hợp lệ: {reason}.'
        else:
            self.message = f"Chưa nhập số thuê bao: {reason}."
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class PhoneNumber:
    e164: str
    written: str
    national: str
    display: str
    carrier: str
    remapped_from: str | None
    is_mobile: bool
    # False for a mobile number under a real prefix that the numbering plan shipped with
    # phonenumbers does not list as allocated: new ranges reach ads before the library.
    allocated: bool = True

    @property
    def carrier_label(self) -> str:
        return CARRIER_LABELS[self.carrier]


def _national_digits(written: str) -> str:
    compact = _SEPARATORS.sub("", written)
    plus = compact.startswith("+")
    digits = compact[1:] if plus else compact
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidPhoneNumber(
            written,
            f"chỉ được có chữ số và dấu cách, chấm, gạch ngang, ngoặc (ví dụ {MOBILE_EXAMPLE})",
        )
    if plus or digits.startswith("00"):
        international = digits if plus else digits[2:]
        if not international.startswith("84"):
            raise InvalidPhoneNumber(written, "chỉ nhận số Việt Nam (mã quốc gia +84)")
        digits = international[2:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = digits[2:]
    if digits.startswith(("1800", "1900")):
        raise InvalidPhoneNumber(
            written, "số tổng đài 1800/1900 không phải số thuê bao di động hay cố định"
        )
    return digits if digits.startswith("0") else "0" + digits


def _why_invalid(national: str) -> str:
    if national.startswith("02"):
        kind, expected, example = "số cố định", 11, LANDLINE_EXAMPLE
    elif national.startswith("01"):
        kind, expected, example = f"số di động cũ (đầu {national[:4]})", 11, OLD_EXAMPLE
    else:
        kind, expected, example = "số di động", 10, MOBILE_EXAMPLE
    count = len(national)
    if count < expected:
        return f"{kind} phải có {expected} chữ số (ví dụ {example})"
    if count > expected:
        reason = f"quá dài ({count} chữ số), {kind} chỉ có {expected} chữ số (ví dụ {example})"
        if count >= 2 * expected - 1:
            reason += "; nếu đây là hai số, hãy nhập từng số một"
        return reason
    if national.startswith("02"):
        return f"không có mã vùng cố định nào bắt đầu bằng {national[:4]}"
    prefix = national[:3]
    if any(known.startswith(prefix) for known in MOBILE_PREFIXES):
        return f"đầu số {prefix} có thật nhưng dãy số này chưa được cấp cho thuê bao nào"
    return f"đầu số {prefix} không thuộc nhà mạng nào ở Việt Nam"


def _carrier(national: str, number: phonenumbers.PhoneNumber) -> str:
    if prefix := _mobile_prefix(national):
        return MOBILE_PREFIXES[prefix]
    name = re.sub(r"[^a-z]", "", pn_carrier.name_for_number(number, "en").lower())
    return _PN_CARRIER_NAMES.get(name, UNKNOWN)


def _format(number: phonenumbers.PhoneNumber) -> str:
    national = "0" + phonenumbers.national_significant_number(number)
    if len(national) == 10 and not national.startswith("02"):
        return f"{national[:4]} {national[4:7]} {national[7:]}"
    # Landlines: phonenumbers knows the area-code lengths (028 3822 1234, 0203 3822 123).
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)


UNALLOCATED_WARNING = (
    "Theo bảng số đã cấp mà hệ thống biết, dãy số {display} chưa được cấp "
    "cho thuê bao nào. Nếu số đúng như trên quảng cáo, vẫn có thể lưu."
)


def _mobile_prefix(national: str) -> str | None:
    for length in (4, 3):
        if national[:length] in MOBILE_PREFIXES:
            return national[:length]
    return None


def parse(raw: str, *, allow_unallocated: bool = False) -> PhoneNumber:
    """The number written on an ad, checked against the numbering plan.

    With `allow_unallocated`, a 10-digit mobile number under a prefix a carrier holds is
    accepted even when the plan does not list its range (`allocated` is then False): a
    number on a wall is evidence, and only a syntactic mistake is refused.
    """
    written = (raw or "").strip()
    if not written:
        raise InvalidPhoneNumber("", f"hãy nhập số di động 10 chữ số, ví dụ {MOBILE_EXAMPLE}")
    if len(written) > WRITTEN_MAX:
        raise InvalidPhoneNumber(
            written,
            f"viết quá dài ({len(written)} ký tự, tối đa {WRITTEN_MAX} ký tự); "
            f"chỉ nhập số, ví dụ {MOBILE_EXAMPLE}",
        )
    national = _national_digits(written)
    remapped_from = None
    if len(national) == 11 and national.startswith("01"):
        new_prefix = OLD_PREFIXES.get(national[:4])
        if new_prefix is None:
            raise InvalidPhoneNumber(
                written,
                f"đầu số cũ {national[:4]} không có trong bảng chuyển sang 10 số "
                "(15/9/2018) nên không biết số mới",
            )
        remapped_from, national = national, new_prefix + national[4:]
    try:
        number = phonenumbers.parse(national, "VN")
    except NumberParseException:
        raise InvalidPhoneNumber(written, _why_invalid(national)) from None
    if not phonenumbers.is_valid_number(number):
        if allow_unallocated and len(national) == 10 and _mobile_prefix(national):
            return _unallocated(written, national, number, remapped_from)
        raise InvalidPhoneNumber(written, _why_invalid(national))
    kind = phonenumbers.number_type(number)
    if kind not in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE):
        raise InvalidPhoneNumber(
            written, "đây là số dịch vụ hoặc tổng đài, không phải số thuê bao di động hay cố định"
        )
    is_mobile = kind == PhoneNumberType.MOBILE
    return PhoneNumber(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        written=written,
        national="0" + phonenumbers.national_significant_number(number),
        display=_format(number),
        carrier=_carrier(national, number) if is_mobile else LANDLINE,
        remapped_from=remapped_from,
        is_mobile=is_mobile,
    )


def _unallocated(written, national, number, remapped_from) -> PhoneNumber:
    return PhoneNumber(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        written=written,
        national=national,
        display=f"{national[:4]} {national[4:7]} {national[7:]}",
        carrier=MOBILE_PREFIXES[_mobile_prefix(national)],
        remapped_from=remapped_from,
        is_mobile=True,
        allocated=False,
    )


_MOBILE_E164 = re.compile(r"\+84[1-9][0-9]{8}")


def display(e164: str) -> str:
    # Deliberately not re-validated: a stored number must stay displayable even if a later
    # phonenumbers release stops accepting it.
    if _MOBILE_E164.fullmatch(e164) and e164[3] != "2":
        # A 10-digit number outside the 02x landlines: _format's first branch, without
        # parsing (a third of building a 750-row slip's context went to parsing).
        national = "0" + e164[3:]
        return f"{national[:4]} {national[4:7]} {national[7:]}"
    try:
        number = phonenumbers.parse(e164, "VN")
    except NumberParseException:
        raise InvalidPhoneNumber(e164, "không đọc được số đã lưu (cần dạng +84…)") from None
    if number.country_code != 84:
        raise InvalidPhoneNumber(e164, "chỉ nhận số Việt Nam (mã quốc gia +84)")
    return _format(number)


def digits_for_search(fragment: str) -> str:
    compact = re.sub(r"[^0-9+]", "", fragment or "")
    digits = re.sub(r"[^0-9]", "", compact)
    for prefix in ("+84", "0084"):
        if compact.startswith(prefix):
            rest = compact[len(prefix) :].replace("+", "")
            return rest if rest.startswith("0") else "0" + rest
    return digits


def _last_group_of_number(
    text: str,
    groups: list,
    i: int,
    start: int,
    taken: list[tuple[int, int]],
    allow_unallocated: bool,
) -> int | None:
    """The last of the digit groups from `i` on that still end a valid number, if any.

    Groups join across a separator gap only, up to 14 digits, never into a number already
    found.
    """
    best, digit_count = None, 0
    for j in range(i, len(groups)):
        if j > i and not _GAP.fullmatch(text, groups[j - 1].end(), groups[j].start()):
            break
        end = groups[j].end()
        digit_count += len(groups[j].group().lstrip("+"))
        if digit_count > 14 or any(s < end and start < e for s, e in taken):
            break
        try:
            parse(text[start:end], allow_unallocated=allow_unallocated)
            best = j
        except InvalidPhoneNumber:
            pass
    return best


def find_numbers(text: str, *, allow_unallocated: bool = False) -> list[str]:
    found: dict[str, tuple[int, str]] = {}
    taken: list[tuple[int, int]] = []

    def accept(start: int, end: int) -> None:
        written = text[start:end].strip()
        if written.startswith("(") and ")" not in written:
            written = written[1:].lstrip()
        try:
            e164 = parse(written, allow_unallocated=allow_unallocated).e164
        except InvalidPhoneNumber:
            return
        taken.append((start, end))
        if e164 not in found or start < found[e164][0]:
            found[e164] = (start, written)

    for match in phonenumbers.PhoneNumberMatcher(text, "VN"):
        accept(match.start, match.end)

    # Fallback for what the matcher misses: old 11-digit numbers, and numbers run together
    # ("0912 345 678 - 0987-654-321" is rejected as one over-long candidate).
    groups = list(_DIGIT_GROUP.finditer(text))
    i = 0
    while i < len(groups):
        start, best = groups[i].start(), None
        if start and text[start - 1] == "(":
            start -= 1  # "(+84) 912 …": parse() drops the parentheses anyway
        if groups[i].group().startswith(("0", "+84", "84")):
            best = _last_group_of_number(text, groups, i, start, taken, allow_unallocated)
        if best is None:
            i += 1
        else:
            accept(start, groups[best].end())
            i = best + 1

    return [written for _, written in sorted(found.values())]
