import datetime

import pytest

from raovat.documents.words import (
    date_in_words,
    date_line,
    format_money,
    money_in_words,
    money_with_words,
    number_to_words,
)

NUMBER_CASES = [
    (0, "không"),
    (1, "một"),
    (4, "bốn"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (55, "năm mươi lăm"),
    (99, "chín mươi chín"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (999, "chín trăm chín mươi chín"),
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"),
    (1015, "một nghìn không trăm mười lăm"),
    (1021, "một nghìn không trăm hai mươi mốt"),
    (1100, "một nghìn một trăm"),
    (10000, "mười nghìn"),
    (15000, "mười lăm nghìn"),
    (21000, "hai mươi mốt nghìn"),
    (100000, "một trăm nghìn"),
    (105000, "một trăm linh năm nghìn"),
    (1000000, "một triệu"),
    (1000001, "một triệu không trăm linh một"),
    (1000500, "một triệu năm trăm"),
    (1050000, "một triệu không trăm năm mươi nghìn"),
    (1500000, "một triệu năm trăm nghìn"),
    (2000000, "hai triệu"),
    (2500000, "hai triệu năm trăm nghìn"),
    (10000000, "mười triệu"),
    (1000000000, "một tỷ"),
    (1000000001, "một tỷ không trăm linh một"),
    (1005000000, "một tỷ không trăm linh năm triệu"),
    (
        1234567890,
        "một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi",
    ),
    (5000000000, "năm tỷ"),
    (10**12, "một nghìn tỷ"),
    (1001000000000, "một nghìn không trăm linh một tỷ"),
    (2500000000000, "hai nghìn năm trăm tỷ"),
    (10**15, "một triệu tỷ"),
    (
        10**18 - 1,
        "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín"
        " tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn"
        " chín trăm chín mươi chín",
    ),
]


@pytest.mark.parametrize(("n", "expected"), NUMBER_CASES)
def test_number_to_words(n, expected):
    assert number_to_words(n) == expected


@pytest.mark.parametrize("n", [-1, 10**18])
def test_number_to_words_out_of_range(n):
    with pytest.raises(ValueError):
        number_to_words(n)


@pytest.mark.parametrize("n", [1.5, "5", True])
def test_number_to_words_rejects_non_int(n):
    with pytest.raises(TypeError):
        number_to_words(n)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "Không đồng"),
        (5, "Năm đồng"),
        (1500000, "Một triệu năm trăm nghìn đồng"),
        (21000, "Hai mươi mốt nghìn đồng"),
        (1000000001, "Một tỷ không trăm linh một đồng"),
    ],
)
def test_money_in_words(amount, expected):
    assert money_in_words(amount) == expected


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (0, "đồng", "0 đồng"),
        (999, "đồng", "999 đồng"),
        (1000, "đồng", "1.000 đồng"),
        (1500000, "đồng", "1.500.000 đồng"),
        (1500000, "₫", "1.500.000 ₫"),
        (1234567890, "đồng", "1.234.567.890 đồng"),
    ],
)
def test_format_money(amount, unit, expected):
    assert format_money(amount, unit) == expected


def test_format_money_default_unit():
    assert format_money(2500000) == "2.500.000 đồng"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (1500000, "1.500.000 đồng (Một triệu năm trăm nghìn đồng)"),
        (1050000, "1.050.000 đồng (Một triệu không trăm năm mươi nghìn đồng)"),
        (0, "0 đồng (Không đồng)"),
    ],
)
def test_money_with_words(amount, expected):
    assert money_with_words(amount) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (datetime.date(2027, 1, 5), "ngày 05 tháng 01 năm 2027"),
        (datetime.date(2027, 2, 9), "ngày 09 tháng 02 năm 2027"),
        (datetime.date(2027, 3, 5), "ngày 05 tháng 3 năm 2027"),
        (datetime.date(2027, 9, 10), "ngày 10 tháng 9 năm 2027"),
        (datetime.date(2026, 11, 25), "ngày 25 tháng 11 năm 2026"),
        (datetime.date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
        (datetime.date(2026, 10, 1), "ngày 01 tháng 10 năm 2026"),
    ],
)
def test_date_in_words(d, expected):
    assert date_in_words(d) == expected


def test_date_in_words_accepts_datetime():
    assert date_in_words(datetime.datetime(2027, 1, 5, 14, 30)) == "ngày 05 tháng 01 năm 2027"


@pytest.mark.parametrize(
    ("place", "d", "expected"),
    [
        ("Quận 1", datetime.date(2027, 1, 5), "Quận 1, ngày 05 tháng 01 năm 2027"),
        ("Hà Nội", datetime.date(2026, 11, 25), "Hà Nội, ngày 25 tháng 11 năm 2026"),
        ("Quận 3", datetime.date(2027, 3, 5), "Quận 3, ngày 05 tháng 3 năm 2027"),
    ],
)
def test_date_line(place, d, expected):
    assert date_line(place, d) == expected
