# Fine ranges of the seeded violation and the grounds of penalty decisions, as data an
# administrator corrects. Unverified: the gazette could not be consulted (decision 014).

from django.db import migrations

LAW = ("Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012",
       "Luật sửa đổi, bổ sung một số điều của Luật Xử lý vi phạm hành chính ngày 13 tháng 11 "
       "năm 2020")
DECREE_38 = ("Nghị định số 38/2021/NĐ-CP ngày 29 tháng 3 năm 2021 của Chính phủ quy định xử "
             "phạt vi phạm hành chính trong lĩnh vực văn hóa và quảng cáo",
             "Nghị định số 129/2021/NĐ-CP")
DECREE_118 = ("Nghị định số 118/2021/NĐ-CP ngày 23 tháng 12 năm 2021 của Chính phủ quy định "
              "chi tiết một số điều và biện pháp thi hành Luật Xử lý vi phạm hành chính", "")
UNCHECKED = ("Chưa đối chiếu với Công báo: kiểm tra điều, khoản, điểm, mức phạt (tổ chức gấp "
             "đôi cá nhân) và văn bản sửa đổi trước khi dùng.")

def seed(apps, schema_editor):
    LegalBasis = apps.get_model("cases", "LegalBasis")
    LegalBasis.objects.filter(purpose="violation", article=34, clause=1,
                              fine_min_individual__isnull=True).update(
        fine_min_individual=1_000_000, fine_max_individual=2_000_000,
        fine_min_organisation=2_000_000, fine_max_organisation=4_000_000, source=UNCHECKED,
    )
    for position, (document, amended) in enumerate((LAW, DECREE_38, DECREE_118)):
        LegalBasis.objects.create(purpose="decision_ground", document=document,
                                  amended_by=amended, position=position, source=UNCHECKED)

class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0018_penalty_decision_and_payment"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
