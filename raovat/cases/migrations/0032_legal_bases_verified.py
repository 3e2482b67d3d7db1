# The seeded legal bases checked against published texts (decision 014 lists the sources and
# what stays unverified). Only rows still carrying the seed's "unchecked" note are changed:
# a row an administrator edited is theirs. Adds the provision walls and electrical cabinets
# fall under (Decree 144/2021), which khoản 1 Điều 34 of Decree 38/2021 does not cover.

import datetime

from django.db import migrations

UNCHECKED = ("Chưa đối chiếu với Công báo",)
LAW_AMENDED = "Luật số 67/2020/QH14 và Luật số 88/2025/QH15"
LAW_SOURCE = (
    "Đối chiếu 02/12/2026 (nguồn thứ cấp, chưa đối chiếu Công báo): lời văn căn cứ của Nghị "
    "định số 190/2025/NĐ-CP (https://thuviennhadat.vn/vbpl/nghi-dinh-190-2025-nd-cp-sua-doi-"
    "nghi-dinh-118-2021-nd-cp-huong-dan-luat-xu-ly-vi-pham-hanh-chinh-664603.html); khoản 1 "
    "Điều 78 sửa đổi bởi Luật số 88/2025/QH15 (https://soha.vn/bo-cong-an-lam-ro-hanh-vi-nop-"
    "tre-tien-phat-vi-pham-giao-thong-se-bi-cuong-che-thi-hanh-va-tinh-them-005-tien-lai-moi-"
    "ngay-198260227232533674.htm)."
)
DECISION_LAW = (
    "Điều 57, Điều 68, Điều 70, Điều 78, Điều 85 Luật Xử lý vi phạm hành chính ngày 20 tháng "
    "6 năm 2012"
)
DECISION_LAW_SOURCE = (
    "Mẫu MQĐ02 (Phụ lục Nghị định số 68/2025/NĐ-CP), bản đăng lại tại http://118.69.201.250:"
    "801/phap-luat/ho-tro-phap-luat/mau-quyet-dinh-xu-phat-vi-pham-hanh-chinh-moi-nam-2025-"
    "tai-mau-quyet-dinh-xu-phat-vi-pham-hanh-chin-603067-209504.html; đối chiếu 02/12/2026, "
    "chưa đối chiếu Công báo. " + LAW_SOURCE
)
DECREE_38_SOURCE = (
    "Hiệu lực 01/6/2021 (http://conganbacgiang.vn/nghi-dinh-so-38-2021-nd-cp-ngay-29-3-2021-"
    "cua-chinh-phu-quy-dinh-xu-phat-vi-pham-hanh-chinh-trong-linh-vuc-van-hoa-va-quang-cao."
    "html); sửa đổi bởi Nghị định số 129/2021/NĐ-CP ngày 30/12/2021 (tên và Điều 1 của Nghị "
    "định 129). Chưa kiểm tra văn bản sửa đổi sau năm 2021; đối chiếu 02/12/2026."
)
DECREE_118_AMENDED = "Nghị định số 68/2025/NĐ-CP và Nghị định số 190/2025/NĐ-CP"
DECREE_118_SOURCE = (
    "Văn bản hợp nhất 1651/VBHN-BTP ngày 28/3/2025 (Nghị định số 68/2025/NĐ-CP, hiệu lực "
    "02/5/2025) và Nghị định số 190/2025/NĐ-CP ngày 01/7/2025 (https://thuviennhadat.vn/vbpl/"
    "nghi-dinh-190-2025-nd-cp-sua-doi-nghi-dinh-118-2021-nd-cp-huong-dan-luat-xu-ly-vi-pham-"
    "hanh-chinh-664603.html); đối chiếu 02/12/2026, chưa đối chiếu Công báo."
)
ADS_SOURCE = (
    "Luật số 75/2025/QH15 sửa đổi, bổ sung Luật Quảng cáo, hiệu lực 01/01/2026 "
    "(https://pbgdpl.cantho.gov.vn/sua-doi-bo-sung-luat-quang-cao-2012). Chưa kiểm tra các "
    "luật sửa đổi khác (nếu có); đối chiếu 02/12/2026."
)
POLES_ACT = (
    "Treo, đặt, dán, vẽ các sản phẩm quảng cáo trên cột điện, trụ điện, cột tín hiệu giao "
    "thông và cây xanh nơi công cộng"
)
POLES_SOURCE = (
    "Khoản 1 Điều 34 (không chia điểm), phạt tiền từ 1.000.000 đến 2.000.000 đồng đối với cá "
    "nhân: https://namsach.haiphong.gov.vn/tin-tuc-su-kien/-canh-bao-cac-hanh-vi-vi-pham-pho-"
    "bien-trong-hoat-dong-quang-cao-va-lam-bien-hieu-dung-vo-tinh-m-776312 ; https://evn.com."
    "vn/d6/news/Treo-quang-cao-o-cot-dien-bi-phat-tu-1-2-trieu-dong-552-10-27724.aspx . Tổ chức "
    "gấp đôi cá nhân theo quy định chung của Nghị định (điều khoản chưa đối chiếu). Đối chiếu "
    "02/12/2026, chưa đối chiếu Công báo."
)
DECREE_144 = (
    "Nghị định số 144/2021/NĐ-CP ngày 31 tháng 12 năm 2021 của Chính phủ quy định xử phạt vi "
    "phạm hành chính trong lĩnh vực an ninh, trật tự, an toàn xã hội; phòng, chống tệ nạn xã "
    "hội; phòng cháy, chữa cháy; cứu nạn, cứu hộ; phòng, chống bạo lực gia đình"
)
WALLS_ACT = (
    "Phun sơn, viết, vẽ, dán, gắn hình ảnh, nội dung lên tường, cột điện hoặc các vị trí khác "
    "tại khu vực dân cư, nơi công cộng mà không được phép của cơ quan có thẩm quyền"
)
WALLS_SOURCE = (
    "Điểm l khoản 2 Điều 7, phạt tiền từ 1.000.000 đến 2.000.000 đồng (cá nhân), đến "
    "4.000.000 đồng (tổ chức): https://danchuphapluat.vn/phun-son-viet-ve-len-khu-vuc-cong-"
    "cong-co-bi-xu-ly-theo-quy-dinh-phap-luat-khong ; https://sggp.org.vn/ve-bay-len-cot-dien-"
    "tuong-cong-cong-bi-xu-ly-the-nao-post743260.html (nêu khoản 2 Điều 7, không nêu điểm). "
    "Chưa kiểm tra Nghị định 144/2021 có bị thay thế trong năm 2025 hay không; đối chiếu "
    "02/12/2026, chưa đối chiếu Công báo."
)


def _unchecked(rows):
    return rows.filter(source__startswith=UNCHECKED[0])


def seed(apps, schema_editor):
    LegalBasis = apps.get_model("cases", "LegalBasis")
    grounds = ("record_ground", "suspension_ground", "decision_ground")
    law = _unchecked(LegalBasis.objects.filter(purpose__in=grounds,
                                               document__startswith="Luật Xử lý vi phạm"))
    law.filter(purpose="decision_ground").update(
        document=DECISION_LAW, amended_by=LAW_AMENDED, source=DECISION_LAW_SOURCE)
    law.exclude(purpose="decision_ground").update(amended_by=LAW_AMENDED, source=LAW_SOURCE)
    _unchecked(LegalBasis.objects.filter(
        purpose__in=grounds, document__startswith="Nghị định số 38/2021")).update(
        source=DECREE_38_SOURCE)
    _unchecked(LegalBasis.objects.filter(
        purpose__in=grounds, document__startswith="Nghị định số 118/2021")).update(
        amended_by=DECREE_118_AMENDED, source=DECREE_118_SOURCE)
    _unchecked(LegalBasis.objects.filter(
        purpose__in=grounds, document__startswith="Luật Quảng cáo")).update(
        amended_by="Luật số 75/2025/QH15", source=ADS_SOURCE)
    poles = _unchecked(LegalBasis.objects.filter(purpose="violation", article=34, clause=1))
    if poles.exists():
        poles.update(point="", amended_by="", act=POLES_ACT, source=POLES_SOURCE,
                     fine_min_individual=1_000_000, fine_max_individual=2_000_000,
                     fine_min_organisation=2_000_000, fine_max_organisation=4_000_000,
                     valid_from=datetime.date(2021, 6, 1))
        LegalBasis.objects.get_or_create(
            purpose="violation", short_document="Nghị định số 144/2021/NĐ-CP", article=7,
            clause=2, point="l",
            defaults=dict(document=DECREE_144, act=WALLS_ACT, source=WALLS_SOURCE, position=1,
                          fine_min_individual=1_000_000, fine_max_individual=2_000_000,
                          fine_min_organisation=2_000_000, fine_max_organisation=4_000_000,
                          valid_from=datetime.date(2022, 1, 1)))


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0031_decision_mitigating_additional_remedial_due"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
