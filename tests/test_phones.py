import re

import pytest

from raovat.cases.phones import (
    CARRIER_LABELS,
    OLD_PREFIXES,
    InvalidPhoneNumber,
    digits_for_search,
    display,
    find_numbers,
    parse,
)

# Written out from the domain brief rather than imported, so the module's table is checked.
OLD_TO_NEW = [
    ("0162", "032", "viettel"),
    ("0163", "033", "viettel"),
    ("0164", "034", "viettel"),
    ("0165", "035", "viettel"),
    ("0166", "036", "viettel"),
    ("0167", "037", "viettel"),
    ("0168", "038", "viettel"),
    ("0169", "039", "viettel"),
    ("0120", "070", "mobifone"),
    ("0121", "079", "mobifone"),
    ("0122", "077", "mobifone"),
    ("0126", "076", "mobifone"),
    ("0128", "078", "mobifone"),
    ("0123", "083", "vinaphone"),
    ("0124", "084", "vinaphone"),
    ("0125", "085", "vinaphone"),
    ("0127", "081", "vinaphone"),
    ("0129", "082", "vinaphone"),
    ("0186", "056", "vietnamobile"),
    ("0188", "058", "vietnamobile"),
    ("0199", "059", "gmobile"),
]

CURRENT_PREFIXES = [
    *[
        (p, "viettel")
        for p in [
            "086",
            "096",
            "097",
            "098",
            "032",
            "033",
            "034",
            "035",
            "036",
            "037",
            "038",
            "039",
        ]
    ],
    *[(p, "vinaphone") for p in ["088", "091", "094", "081", "082", "083", "084", "085"]],
    *[(p, "mobifone") for p in ["089", "090", "093", "070", "076", "077", "078", "079"]],
    *[(p, "vietnamobile") for p in ["092", "056", "058"]],
    *[(p, "gmobile") for p in ["099", "059"]],
    ("087", "itel"),
    ("0559", "reddi"),
]

VIETNAMESE = re.compile("[ăâđêôơưàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]")


def test_old_prefix_table_is_complete():
    assert {old: new for old, new, _ in OLD_TO_NEW} == OLD_PREFIXES


@pytest.mark.parametrize(("old", "new", "carrier"), OLD_TO_NEW)
def test_old_eleven_digit_number_is_remapped(old, new, carrier):
    written = f"{old} 912 3456"
    number = parse(f"  {written} ")
    assert number.written == written
    assert number.remapped_from == f"{old}9123456"
    assert number.national == f"{new}9123456"
    assert number.e164 == f"+84{new[1:]}9123456"
    assert number.carrier == carrier
    assert number.is_mobile


@pytest.mark.parametrize(("old", "new", "carrier"), OLD_TO_NEW)
def test_old_number_in_international_form(old, new, carrier):
    number = parse(f"+84 {old[1:]} 912 3456")
    assert number.e164 == f"+84{new[1:]}9123456"
    assert number.remapped_from == f"{old}9123456"


@pytest.mark.parametrize(("prefix", "carrier"), CURRENT_PREFIXES)
def test_current_prefix_gives_carrier(prefix, carrier):
    national = (prefix + "9234567")[:10]
    number = parse(national)
    assert number.national == national
    assert number.carrier == carrier
    assert number.remapped_from is None
    assert number.is_mobile
    assert carrier in CARRIER_LABELS


def test_carrier_labels():
    assert CARRIER_LABELS["itel"] == "iTel"
    assert CARRIER_LABELS["landline"] == "Cố định"
    assert CARRIER_LABELS["unknown"] == "Không rõ"


@pytest.mark.parametrize(
    "written",
    [
        "0912.345.678",
        "0912 345 678",
        "0912-345-678",
        "0912345678",
        "(+84) 912 345 678",
        "84912345678",
        "+84.912.345.678",
        "+84912345678",
        "+84 912 345 678",
        "0084912345678",
        "0084 912 345 678",
        "+84 (0) 912 345 678",
        "0912/345/678",
    ],
)
def test_written_forms_give_same_number(written):
    number = parse(written)
    assert number.e164 == "+84912345678"
    assert number.national == "0912345678"
    assert number.display == "0912 345 678"
    assert number.written == written
    assert number.carrier == "vinaphone"


@pytest.mark.parametrize(
    ("written", "e164", "shown"),
    [
        ("028 3822 1234", "+842838221234", "028 3822 1234"),
        ("028.3822.1234", "+842838221234", "028 3822 1234"),
        ("(028) 3822-1234", "+842838221234", "028 3822 1234"),
        ("024 3822 1234", "+842438221234", "024 3822 1234"),
        ("+84 24 3822 1234", "+842438221234", "024 3822 1234"),
    ],
)
def test_landlines(written, e164, shown):
    number = parse(written)
    assert number.e164 == e164
    assert number.display == shown
    assert number.carrier == "landline"
    assert not number.is_mobile
    assert number.remapped_from is None


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+84912345678", "0912 345 678"),
        ("+84399123456", "0399 123 456"),
        ("+84559234567", "0559 234 567"),
        ("+842838221234", "028 3822 1234"),
        ("+842438221234", "024 3822 1234"),
    ],
)
def test_display(e164, shown):
    assert display(e164) == shown


def test_display_of_remapped_number_uses_new_form():
    assert parse("01699.123.456").display == "0399 123 456"


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        ("abc", "chỉ được có chữ số"),
        ("0912 abc 678", "chỉ được có chữ số"),
        ("0912 345", "số di động phải có 10 chữ số (ví dụ 0912 345 678)"),
        ("0912 345 678 9", "quá dài"),
        ("0912345678 0987654321", "hai số"),
        ("028 3822 123", "số cố định phải có 11 chữ số"),
        ("0169 912 345", "phải có 11 chữ số"),
        ("0412 345 678", "đầu số 041"),
        ("0612 345 678", "không thuộc nhà mạng nào"),
        ("0131 912 3456", "đầu số cũ 0131"),
        ("0992 345 678", "chưa được cấp"),
        ("+1 202 555 0100", "+84"),
        ("1900 1234", "1900"),
    ],
)
def test_invalid_input_gives_vietnamese_message_naming_input(raw, hint):
    with pytest.raises(InvalidPhoneNumber) as caught:
        parse(raw)
    error = caught.value
    assert isinstance(error, ValueError)
    assert str(error) == error.message
    assert f'"{raw}"' in error.message
    assert hint in error.message
    assert VIETNAMESE.search(error.message)


def test_example_message_from_brief():
    with pytest.raises(InvalidPhoneNumber) as caught:
        parse("0912 345")
    assert str(caught.value) == (
        'Số thuê bao "0912 345" không hợp lệ: số di động phải có 10 chữ số (ví dụ 0912 345 678).'
    )


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_empty_input(raw):
    with pytest.raises(InvalidPhoneNumber) as caught:
        parse(raw)
    assert caught.value.message.startswith("Chưa nhập số thuê bao")
    assert VIETNAMESE.search(str(caught.value))


def test_invalid_messages_are_distinct():
    raws = ["", "abc", "0912 345", "0912 345 678 9", "0412 345 678", "0131 912 3456"]
    reasons = set()
    for raw in raws:
        with pytest.raises(InvalidPhoneNumber) as caught:
            parse(raw)
        reasons.add(caught.value.reason)
    assert len(reasons) == len(raws)


@pytest.mark.parametrize(
    ("fragment", "digits"),
    [
        ("0912 345", "0912345"),
        ("345.678", "345678"),
        ("345-678", "345678"),
        ("+84912", "0912"),
        ("+84 912 345 678", "0912345678"),
        ("(+84) 912", "0912"),
        ("+84 (0) 912", "0912"),
        ("0084 912 345", "0912345"),
        ("84912", "84912"),
        ("", ""),
    ],
)
def test_digits_for_search(fragment, digits):
    assert digits_for_search(fragment) == digits


def test_find_numbers_two_notations():
    text = "Khoan cắt bê tông 0912.345.678 hoặc (+84) 987 654 321, gọi ngay!"
    found = find_numbers(text)
    assert found == ["0912.345.678", "(+84) 987 654 321"]
    assert [parse(n).e164 for n in found] == ["+84912345678", "+84987654321"]


def test_find_numbers_old_eleven_digit_number():
    text = "RÚT HẦM CẦU giá rẻ 01699 123 456 - LH anh Tuấn 0912-345-678"
    found = find_numbers(text)
    assert found == ["01699 123 456", "0912-345-678"]
    old = parse(found[0])
    assert old.e164 == "+84399123456"
    assert old.remapped_from == "01699123456"


def test_find_numbers_numbers_run_together():
    text = "LH 0912 345 678 - 0987-654-321 hoặc 0912345679/0987654322"
    assert find_numbers(text) == ["0912 345 678", "0987-654-321", "0912345679", "0987654322"]


def test_find_numbers_distinct_and_ignores_prices_and_dates():
    text = "Giá 500.000đ ngày 12/05/2023: 0912345678, 0912.345.678, 84912345678, 028 3822 1234"
    found = find_numbers(text)
    assert found == ["0912345678", "028 3822 1234"]
    for written in found:
        parse(written)


def test_find_numbers_keeps_parentheses_balanced():
    text = "Zalo:(+84)1699123456 (0912 345 678) Gọi (0987) 654 321"
    assert find_numbers(text) == ["(+84)1699123456", "0912 345 678", "(0987) 654 321"]


def test_find_numbers_empty():
    assert find_numbers("Không có số nào ở đây") == []


@pytest.mark.parametrize(
    "e164", ["+84912345678", "+84387654321", "+84559000111", "+842838221234", "+842033822123"]
)
def test_display_without_parsing_gives_what_parsing_gives(e164):
    """The mobile fast path of `display` prints exactly what phonenumbers' formatting does."""
    import phonenumbers

    from raovat.cases.phones import _format, display

    assert display(e164) == _format(phonenumbers.parse(e164, "VN"))
