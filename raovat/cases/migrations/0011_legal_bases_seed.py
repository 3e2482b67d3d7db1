# The legal bases the documents cited as fixed text until now, as rows an administrator
# corrects. Sources: docs/decisions/014-documents-as-the-laws-forms.md.

from django.db import migrations

LAW = ("Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012", "",
       "Luật sửa đổi, bổ sung một số điều của Luật Xử lý vi phạm hành chính ngày 13 tháng 11 "
       "năm 2020")
ADS_LAW = ("Luật Quảng cáo ngày 21 tháng 6 năm 2012", "", "")
DECREE_38 = ("Nghị định số 38/2021/NĐ-CP ngày 29 tháng 3 năm 2021 của Chính phủ quy định xử "
             "phạt vi phạm hành chính trong lĩnh vực văn hóa và quảng cáo",
             "Nghị định số 38/2021/NĐ-CP", "Nghị định số 129/2021/NĐ-CP")
DECREE_118 = ("Nghị định số 118/2021/NĐ-CP ngày 23 tháng 12 năm 2021 của Chính phủ quy định "
              "chi tiết một số điều và biện pháp thi hành Luật Xử lý vi phạm hành chính", "", "")
UNCHECKED = ("Chưa đối chiếu với Công báo: kiểm tra điều, khoản, điểm và văn bản sửa đổi "
             "trước khi dùng.")
ROWS = [
    ("record_ground", LAW), ("record_ground", DECREE_38), ("record_ground", DECREE_118),
    ("suspension_ground", LAW), ("suspension_ground", ADS_LAW),
    ("suspension_ground", DECREE_38),
]


def seed(apps, schema_editor):
    LegalBasis = apps.get_model("cases", "LegalBasis")
    for position, (purpose, (document, short, amended)) in enumerate(ROWS):
        LegalBasis.objects.create(purpose=purpose, document=document, short_document=short,
                                  amended_by=amended, position=position, source=UNCHECKED)
    LegalBasis.objects.create(
        purpose="violation", document=DECREE_38[0], short_document=DECREE_38[1],
        article=34, clause=1, amended_by=DECREE_38[2], position=0, source=UNCHECKED,
        act="Treo, dán, vẽ quảng cáo trên cột điện, trụ điện, cột tín hiệu giao thông, cây "
            "xanh nơi công cộng",
    )


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0010_legal_bases_and_record_form"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
