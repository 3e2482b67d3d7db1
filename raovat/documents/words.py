"""Vietnamese money and date wording for official documents (Decree 30/2020/NĐ-CP layout)."""

import datetime

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# Units spoken after "X mươi" (X >= 2); after "mười" only 5 changes ("mười lăm", "mười một").
_UNITS_AFTER_TENS = {1: "mốt", 4: "tư", 5: "lăm"}
_BILLION = 10**9
_LIMIT = 10**18


def _check_int(value: int, name: str) -> None:
    # bool is an int subclass; True would otherwise print as "một đồng".
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")


def _group_words(n: int, spoken_before: bool) -> list[str]:
    """Words for 1 <= n <= 999.

    Once a higher group has been spoken, this group is read in full ("không trăm", "linh"),
    so 1005 is "một nghìn không trăm linh năm", not "một nghìn năm".
    """
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    full = spoken_before or hundreds > 0
    words: list[str] = []
    if full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if full:
                words.append("linh")
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append(_UNITS_AFTER_TENS.get(units, _DIGITS[units]))
    return words


def _below_billion_words(n: int, spoken_before: bool) -> list[str]:
    words: list[str] = []
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    for group, scale in ((millions, "triệu"), (thousands, "nghìn"), (units, "")):
        if group == 0:
            continue
        words += _group_words(group, spoken_before)
        if scale:
            words.append(scale)
        spoken_before = True
    return words


def number_to_words(n: int) -> str:
    """Lower-case Vietnamese words for 0 <= n < 10**18: 1005 -> "một nghìn không trăm linh năm".

    Amounts of a billion or more are read as "<count> tỷ <rest>", the count itself read as a
    number below a billion, which yields "nghìn tỷ" and "triệu tỷ" for the larger scales.
    """
    _check_int(n, "n")
    if not 0 <= n < _LIMIT:
        raise ValueError(f"n must be in [0, 10**18), got {n}")
    if n == 0:
        return _DIGITS[0]
    billions, rest = divmod(n, _BILLION)
    words: list[str] = []
    if billions:
        words += _below_billion_words(billions, spoken_before=False)
        words.append("tỷ")
    if rest:
        words += _below_billion_words(rest, spoken_before=bool(billions))
    return " ".join(words)


def money_in_words(amount: int) -> str:
    """1500000 -> "Một triệu năm trăm nghìn đồng"."""
    words = number_to_words(amount)
    return f"{words[0].upper()}{words[1:]} đồng"


def format_money(amount: int, unit: str = "đồng") -> str:
    """1500000 -> "1.500.000 đồng"; Vietnamese writing groups thousands with dots."""
    _check_int(amount, "amount")
    return f"{amount:,}".replace(",", ".") + f" {unit}"


def format_number(n: int) -> str:
    """1234 -> "1.234"."""
    _check_int(n, "n")
    return f"{n:,}".replace(",", ".")


def money_with_words(amount: int) -> str:
    """1500000 -> "1.500.000 đồng (Một triệu năm trăm nghìn đồng)"."""
    return f"{format_money(amount)} ({money_in_words(amount)})"


def date_in_words(d: datetime.date) -> str:
    """Date in document form, e.g. "ngày 05 tháng 01 năm 2027".

    Decree 30/2020/NĐ-CP, Appendix I: days below 10 and months 1 and 2 take a leading zero,
    so a digit cannot be slipped in front later ("tháng 1" -> "tháng 11"); months 3 to 12
    cannot be extended that way and are written as is.
    """
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def date_line(place: str, d: datetime.date) -> str:
    """Place-and-date line, e.g. "Quận 1, ngày 05 tháng 01 năm 2027"."""
    return f"{place}, {date_in_words(d)}"
