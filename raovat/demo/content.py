"""Vietnamese demo data: places, ad texts, subscribers, phone numbers and officers.

Everything here is invented for demonstration; street names are real streets of the
wards they are listed under, but house numbers, people, CCCD numbers and phone
numbers are made up (the numbers are merely well-formed).
"""

from __future__ import annotations

from datetime import date

__all__ = ["AD_TEXTS", "CENTRES", "OFFICER_NAMES", "PEOPLE", "PHONES", "STREETS"]

# About the middle of each ward (latitude, longitude), for the sightings' positions on the
# map ("Bản đồ").
CENTRES: dict[str, tuple[float, float]] = {
    "Phường Bến Nghé": (10.7769, 106.7009),
    "Phường Bến Thành": (10.7725, 106.6980),
    "Phường Võ Thị Sáu": (10.7830, 106.6860),
    "Phường 9": (10.7820, 106.6790),
    "Phường Sài Gòn": (10.7760, 106.7030),
    "Phường Tân Định": (10.7900, 106.6890),
    "Phường Xuân Hòa": (10.7800, 106.6840),
    "Phường Bàn Cờ": (10.7700, 106.6810),
}

# Where ads get posted, by ward. The first four are wards of the former Quận 1 and
# Quận 3; the last four are wards of the two-level local government of 2025.
STREETS: dict[str, tuple[str, ...]] = {
    "Phường Bến Nghé": (
        "Trụ điện trước số 45 Lê Thánh Tôn",
        "Cột đèn ngã tư Pasteur – Lý Tự Trọng",
        "Tủ điện góc Hai Bà Trưng – Lê Duẩn",
        "Cửa cuốn số 12 Ngô Đức Kế",
        "Gốc cây trước số 8 Thi Sách",
        "Trụ điện trước số 21 Mạc Thị Bưởi",
        "Tường rào công trình ga metro Ba Son, đường Tôn Đức Thắng",
        "Hộp kỹ thuật viễn thông góc Nguyễn Huệ – Ngô Đức Kế",
        "Tường hẻm 6 Thái Văn Lung",
        "Cột đèn đầu hẻm 15 Hồ Tùng Mậu",
    ),
    "Phường Bến Thành": (
        "Tường rào công viên Tao Đàn, đường Trương Định",
        "Trụ điện trước số 120 Lê Thị Riêng",
        "Cột đèn ngã tư Lê Lai – Nguyễn Thị Nghĩa",
        "Tường hẻm 34 Bùi Thị Xuân",
        "Trạm chờ xe buýt công viên 23/9, đường Lê Lai",
        "Cửa cuốn số 27 Phan Bội Châu, cạnh chợ Bến Thành",
        "Gốc cây trước số 58 Nguyễn Du",
        "Tủ điện góc Cách Mạng Tháng Tám – Bùi Thị Xuân",
        "Trụ điện trước số 15 Sương Nguyệt Ánh",
        "Cột đèn đầu hẻm 96 Thủ Khoa Huân",
    ),
    "Phường Võ Thị Sáu": (
        "Trụ điện trước số 72 Võ Văn Tần",
        "Tường rào góc Bà Huyện Thanh Quan – Võ Văn Tần",
        "Cột đèn vòng xoay Hồ Con Rùa, đường Phạm Ngọc Thạch",
        "Tủ điện góc Nguyễn Thị Minh Khai – Trương Định",
        "Cửa cuốn số 190 Pasteur",
        "Gốc cây trước số 25 Tú Xương",
        "Tường hẻm 47 Trần Quốc Thảo",
        "Trụ điện trước nhà thờ Tân Định, đường Hai Bà Trưng",
        "Trạm chờ xe buýt trước số 275 Điện Biên Phủ",
        "Cột đèn góc Ngô Thời Nhiệm – Nam Kỳ Khởi Nghĩa",
    ),
    "Phường 9": (
        "Tường rào ga Sài Gòn, đường Nguyễn Thông",
        "Trụ điện trước số 38 Kỳ Đồng",
        "Cột đèn góc Kỳ Đồng – Trần Quốc Thảo",
        "Trụ điện đầu hẻm 54 Trần Văn Đang",
        "Tường hẻm 112 Lý Chính Thắng",
        "Cửa cuốn số 89 Rạch Bùng Binh",
        "Gốc cây trước số 60 Nguyễn Phúc Nguyên",
        "Trạm chờ xe buýt trước ga Sài Gòn, đường Nguyễn Thông",
        "Tường rào hẻm 20 Nguyễn Thông",
    ),
    "Phường Sài Gòn": (
        "Trụ điện trước số 45 Lê Thánh Tôn",
        "Tường rào Thảo Cầm Viên, đường Nguyễn Bỉnh Khiêm",
        "Cột đèn ngã tư Đinh Tiên Hoàng – Điện Biên Phủ",
        "Tủ điện góc Trần Cao Vân – Hai Bà Trưng",
        "Cửa cuốn số 18 Mạc Đĩnh Chi",
        "Trạm chờ xe buýt Mê Linh, đường Tôn Đức Thắng",
        "Gốc cây trước số 14 Phạm Ngọc Thạch",
        "Tường hẻm 5 Nguyễn Siêu",
        "Cột đèn góc Hàm Nghi – Hồ Tùng Mậu",
        "Trụ điện trước số 30 Nguyễn Huy Tự",
    ),
    "Phường Tân Định": (
        "Cột điện cạnh chợ Tân Định, đường Nguyễn Hữu Cầu",
        "Trụ điện trước số 110 Trần Quang Khải",
        "Tường hẻm 36 Trần Nhật Duật",
        "Tủ điện góc Hai Bà Trưng – Trần Quang Khải",
        "Gốc cây dọc kênh Nhiêu Lộc, đường Hoàng Sa",
        "Cửa cuốn số 25 Đặng Dung",
        "Cột đèn đầu hẻm 19 Đinh Công Tráng",
        "Trụ điện trước số 12 Nguyễn Văn Giai",
        "Tường rào trước số 40 Phan Kế Bính",
    ),
    "Phường Xuân Hòa": (
        "Trụ điện trước số 150 Võ Văn Tần",
        "Tường rào trường THPT Lê Quý Đôn, đường Nguyễn Thị Minh Khai",
        "Cột đèn góc Điện Biên Phủ – Trần Quốc Thảo",
        "Tủ điện góc Nguyễn Đình Chiểu – Bà Huyện Thanh Quan",
        "Cửa cuốn số 96 Lê Quý Đôn",
        "Gốc cây trước số 30 Hồ Xuân Hương",
        "Tường hẻm 21 Ngô Thời Nhiệm",
        "Trạm chờ xe buýt trước số 230 Nam Kỳ Khởi Nghĩa",
        "Trụ điện trước số 40 Tú Xương",
        "Cột đèn vòng xoay Công trường Quốc tế (Hồ Con Rùa)",
    ),
    "Phường Bàn Cờ": (
        "Lối vào chợ Bàn Cờ, đường Nguyễn Đình Chiểu",
        "Trụ điện trước số 200 Cao Thắng",
        "Tường chung cư Nguyễn Thiện Thuật, lô B",
        "Cột đèn vòng xoay Ngã Bảy, đường Lý Thái Tổ",
        "Tủ điện góc Nguyễn Thiện Thuật – Nguyễn Đình Chiểu",
        "Cửa cuốn số 54 Nguyễn Thượng Hiền",
        "Tường hẻm 77 Bàn Cờ",
        "Gốc cây trước số 590 Điện Biên Phủ",
        "Trụ điện đầu hẻm 518 Nguyễn Đình Chiểu",
    ),
}

# (text as printed on the ad, kind of ad)
AD_TEXTS: tuple[tuple[str, str], ...] = (
    ("Khoan cắt bê tông", "sticker"),
    ("Thông cống nghẹt, hút hầm cầu 24/24", "sticker"),
    ("Cho vay tiền mặt, không thế chấp, giải ngân trong ngày", "sticker"),
    ("Sửa máy lạnh tại nhà", "sticker"),
    ("Sửa ống nước, điện nước tại nhà", "sticker"),
    ("Rút hầm cầu giá rẻ", "sticker"),
    ("Sửa tủ lạnh, máy giặt tại nhà", "sticker"),
    ("Cho vay tiêu dùng, chỉ cần CCCD", "sticker"),
    ("Mở khóa, làm chìa khóa tại nhà", "sticker"),
    ("Nhận làm bằng cấp", "sticker"),
    ("Hỗ trợ vay nợ xấu, giải ngân 30 phút", "sticker"),
    ("Chuyển nhà trọn gói, xe tải nhỏ giá rẻ", "leaflet"),
    ("Cho thuê phòng trọ giá rẻ, có gác, giờ giấc tự do", "leaflet"),
    ("Dạy kèm tại nhà các lớp 1 – 12", "leaflet"),
    ("Tuyển nhân viên phục vụ, lương 8 – 10 triệu", "leaflet"),
    ("Cho vay trả góp theo ngày, không thẩm định", "leaflet"),
    ("Giúp việc nhà theo giờ, chăm sóc người già", "leaflet"),
    ("Sửa chữa nhà, chống thấm, sơn nước", "leaflet"),
    ("Khoan cắt bê tông", "painted"),
    ("Rút hầm cầu", "painted"),
    ("Thông cống nghẹt", "painted"),
    ("Khoan giếng, đục phá bê tông", "painted"),
    ("Sửa khóa", "painted"),
    ("Nhận san lấp, chở xà bần", "painted"),
    ("Chuyển nhà trọn gói", "banner"),
    ("Thu mua phế liệu giá cao", "banner"),
    ("Cho thuê xe tải chở hàng", "banner"),
    ("Đáo hạn, rút tiền thẻ tín dụng", "other"),
    ("Làm bằng lái xe A1, B2 không cần thi", "other"),
    ("Thu mua đồ cũ, máy lạnh cũ", "other"),
)


def _person(name: str, cccd: str, born: date, address: str) -> dict:
    return {
        "name": name,
        "kind": "individual",
        "cccd": cccd,
        "date_of_birth": born,
        "address": address,
    }


def _organisation(name: str, address: str) -> dict:
    return {
        "name": name,
        "kind": "organisation",
        "cccd": None,
        "date_of_birth": None,
        "address": address,
    }


_HCMC = "TP. Hồ Chí Minh"

# Subscribers. A CCCD number is the province code of the place of birth registration
# (079 = TP. Hồ Chí Minh), a gender/century digit (0/1 = male/female born 1900–1999,
# 2/3 = born 2000–2099), the last two digits of the birth year and six random digits.
PEOPLE: tuple[dict, ...] = (
    _person(
        "Nguyễn Văn Hùng",
        "079078152396",
        date(1978, 3, 14),
        f"45/12 Nguyễn Trãi, Phường Bến Thành, Quận 1, {_HCMC}",
    ),
    _person(
        "Trần Thị Mai",
        "083185458755",
        date(1985, 11, 2),
        f"128/7 Lê Văn Sỹ, Phường 13, Quận 3, {_HCMC}",
    ),
    _person(
        "Lê Minh Tuấn",
        "079092366489",
        date(1992, 7, 21),
        f"32 đường số 7, Phường An Lạc A, Quận Bình Tân, {_HCMC}",
    ),
    _person(
        "Phạm Quốc Bảo",
        "052088624800",
        date(1988, 1, 30),
        f"210/15 Quang Trung, Phường 10, Quận Gò Vấp, {_HCMC}",
    ),
    _person(
        "Huỳnh Thị Ngọc Lan",
        "087190170850",
        date(1990, 9, 9),
        f"17 Nguyễn Thông, Phường 9, Quận 3, {_HCMC}",
    ),
    _person(
        "Võ Thanh Phong",
        "051083252612",
        date(1983, 5, 18),
        f"Tổ 4, ấp 2, xã Vĩnh Lộc A, huyện Bình Chánh, {_HCMC}",
    ),
    _person(
        "Đặng Văn Lợi",
        "040075257837",
        date(1975, 12, 25),
        f"88/3 Bùi Minh Trực, Phường 5, Quận 8, {_HCMC}",
    ),
    _person(
        "Bùi Thị Thu Hà",
        "036196758873",
        date(1996, 4, 11),
        f"Phòng 12, 56/9 Lê Đức Thọ, Phường 17, Quận Gò Vấp, {_HCMC}",
    ),
    _person(
        "Ngô Đức Thịnh",
        "079201726013",
        date(2001, 2, 27),
        f"Phòng 301, lô C, chung cư Nguyễn Thiện Thuật, Phường Bàn Cờ, {_HCMC}",
    ),
    _person(
        "Đỗ Thị Kim Oanh",
        "082187518487",
        date(1987, 8, 3),
        "14 đường D2, khu phố 3, Phường Tân Hiệp, TP. Biên Hòa, Đồng Nai",
    ),
    _person(
        "Hoàng Văn Nam",
        "038080162550",
        date(1980, 10, 15),
        "Khu phố Bình Đức, Phường Lái Thiêu, TP. Thuận An, Bình Dương",
    ),
    _person(
        "Phan Thị Hồng Nhung",
        "094193069372",
        date(1993, 6, 22),
        f"72 Trần Quang Khải, Phường Tân Định, {_HCMC}",
    ),
    _person(
        "Trương Minh Khang",
        "079099367965",
        date(1999, 12, 1),
        f"19/2 Phan Văn Hớn, Phường Tân Thới Nhất, Quận 12, {_HCMC}",
    ),
    _person(
        "Lý Văn Sang",
        "089086031180",
        date(1986, 3, 8),
        "Ấp Mới 1, xã Mỹ Hạnh Nam, huyện Đức Hòa, Long An",
    ),
    _person(
        "Dương Thị Bích Ngọc",
        "079191210286",
        date(1991, 1, 19),
        f"45 Hồ Biểu Chánh, Phường 11, Quận Phú Nhuận, {_HCMC}",
    ),
    _person(
        "Châu Thành Đạt",
        "092084115234",
        date(1984, 11, 28),
        f"6/18 Lũy Bán Bích, Phường Tân Thới Hòa, Quận Tân Phú, {_HCMC}",
    ),
    _person(
        "Nguyễn Hoàng Long",
        "075097761015",
        date(1997, 5, 5),
        "Khu phố Tân Phước, Phường Đông Hòa, TP. Dĩ An, Bình Dương",
    ),
    _person(
        "Lâm Thị Tuyết",
        "096179514930",
        date(1979, 7, 7),
        f"99/1 Tôn Đản, Phường 10, Quận 4, {_HCMC}",
    ),
    _person(
        "Trịnh Văn Khải",
        "034072752258",
        date(1972, 9, 16),
        f"130 Xô Viết Nghệ Tĩnh, Phường 21, Quận Bình Thạnh, {_HCMC}",
    ),
    _person(
        "Mai Thị Thanh Trúc",
        "086302324068",
        date(2002, 10, 30),
        f"58/3A Trần Văn Đang, Phường Nhiêu Lộc, {_HCMC}",
    ),
    _person(
        "Tạ Quang Vinh",
        "001089181100",
        date(1989, 2, 14),
        f"Căn hộ B2-08, chung cư Lê Thành, Phường An Lạc, Quận Bình Tân, {_HCMC}",
    ),
    _person(
        "Cao Văn Tài",
        "084094429893",
        date(1994, 8, 24),
        f"Ấp 3, xã Xuân Thới Thượng, huyện Hóc Môn, {_HCMC}",
    ),
    _person(
        "Nguyễn Thị Phương Thảo",
        "079198504593",
        date(1998, 3, 26),
        f"204 Cống Quỳnh, Phường Phạm Ngũ Lão, Quận 1, {_HCMC}",
    ),
    _person(
        "Vũ Đình Trọng",
        "031082868279",
        date(1982, 4, 4),
        f"Khu phố 6, Phường Linh Trung, TP. Thủ Đức, {_HCMC}",
    ),
    _person(
        "Hồ Văn Phúc",
        "049203721875",
        date(2003, 6, 13),
        f"67/5 Huỳnh Tấn Phát, Phường Tân Thuận Đông, Quận 7, {_HCMC}",
    ),
    _person(
        "Kiều Thị Lệ",
        "080177385691",
        date(1977, 12, 9),
        "Khu phố 2, thị trấn Bến Lức, huyện Bến Lức, Long An",
    ),
    _organisation(
        "Công ty TNHH Dịch vụ Vệ sinh Môi trường Phú An",
        f"18 đường số 7, Phường Bình Hưng Hòa B, Quận Bình Tân, {_HCMC}",
    ),
    _organisation(
        "Công ty TNHH Vận tải Chuyển nhà Thành Hưng",
        f"Lô 5, đường số 2, KCN Tân Tạo, Phường Tân Tạo A, Quận Bình Tân, {_HCMC}",
    ),
    _organisation(
        "Công ty Cổ phần Điện lạnh Minh Phát",
        f"412 Lê Văn Sỹ, Phường 14, Quận 3, {_HCMC}",
    ),
    _organisation(
        "Hộ kinh doanh Khoan cắt bê tông Tấn Lộc",
        f"Ấp 1, xã Tân Thạnh Đông, huyện Củ Chi, {_HCMC}",
    ),
)

# Mobile numbers as written on ads, in the notations seen on the street.
PHONES: tuple[str, ...] = (
    # Viettel (086, 096–098, 032–039)
    "0987 654 321",
    "0868.17.28.05",
    "0969 316 610",
    "0973 616 090",
    "0983.303.675",
    "0329.183.313",
    "0331.285.197",
    "0347 92 58 78",
    "0356196905",
    "0365.388.942",
    "0375.451.824",
    "0389-205-989",
    "0398.658.349",
    "0362 792 480",
    "0376-322-354",
    "0395-526-397",
    "0968236598",
    "0865.855.875",
    "0962.48.79.69",
    "0335 139 241",
    "0982.728.112",
    "0339 009 199",
    "0323.49.43.06",
    # VinaPhone (088, 091, 094, 081–085)
    "0912.345.678",
    "0884.845.347",
    "0915 089 782",
    "0946 656 014",
    "0811.867.851",
    "0821 55 80 28",
    "0834.154.417",
    "0849.544.000",
    "0854 602 585",
    "0942 29 34 07",
    "0852-339-164",
    "0914-430-688",
    "0843.308.157",
    "0840-042-035",
    "0824021202",
    "0947992180",
    "0941.15.35.25",
    # MobiFone (089, 090, 093, 070, 076–079)
    "0897325839",
    "0904 83 45 29",
    "0935.602.213",
    "0705.42.98.37",
    "0767 916 572",
    "0775.219.519",
    "0780.414.452",
    "0797 819 390",
    "0938 855 843",
    "0907-290-841",
    "0705 286 267",
    "0763-239-060",
    "0762 11 67 96",
    "0934 425 409",
    "0774-377-483",
    "0793.324.044",
    "0704.620.414",
    "0775 71 78 82",
    # Vietnamobile (092, 056, 058)
    "0925 612 658",
    "0564 68 95 25",
    "0583-508-616",
    "0580 65 96 69",
    "0568.308.438",
    "0927.901.318",
    "0567705726",
    # old 11-digit numbers (before the 2018 renumbering) on old ads
    "0168.235.7914",
    "0126 883 4512",
    "0199.476.2203",
    "0186 735 2941",
    "0163-287-5519",
)

OFFICER_NAMES: tuple[str, ...] = (
    "Nguyễn Thanh Tùng",
    "Trần Quốc Việt",
    "Lê Thị Thanh Hương",
    "Phạm Minh Đức",
    "Võ Hoàng Anh",
    "Huỳnh Ngọc Trâm",
    "Đỗ Văn Thắng",
    "Nguyễn Thị Hồng Vân",
    "Bùi Trung Kiên",
    "Lương Thế Hiển",
    "Phan Thị Mỹ Linh",
    "Đinh Công Danh",
)
