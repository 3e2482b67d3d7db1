# The repeat period runs from the day the earlier decision was carried out (for a fine, the
# payment) to the new violation (khoản 5 Điều 2 and Điều 7 of the Law on handling
# administrative violations); the seed said it ran from the earlier decision's date.
# A row an administrator already reworded is left as it is.

from django.db import migrations

LAW = "Luật Xử lý vi phạm hành chính số 15/2012/QH13, sửa đổi, bổ sung bởi Luật số 67/2020/QH14"
OLD = ("ngày ra quyết định xử phạt trước đó", f"Điểm b khoản 1 Điều 10 và Điều 7 {LAW}")
NEW = ("ngày chấp hành xong quyết định xử phạt trước đó (ngày nộp phạt), tính đến ngày thực "
       "hiện hành vi vi phạm mới", f"Khoản 5 Điều 2, Điều 7 và điểm b khoản 1 Điều 10 {LAW}")


def reword(apps, schema_editor):
    apps.get_model("cases", "LegalClock").objects.filter(
        key="repeat", starts=OLD[0], source=OLD[1]
    ).update(starts=NEW[0], source=NEW[1])


def back(apps, schema_editor):
    apps.get_model("cases", "LegalClock").objects.filter(
        key="repeat", starts=NEW[0], source=NEW[1]
    ).update(starts=OLD[0], source=OLD[1])


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0029_record_form_mbb01"),
    ]

    operations = [migrations.RunPython(reword, back)]
