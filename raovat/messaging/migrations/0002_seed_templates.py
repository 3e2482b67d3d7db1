from django.db import migrations

TEMPLATES = [
    ("Mời đến làm việc", 1,
     "{don_vi} mời chủ thuê bao {so_thue_bao} đến làm việc lúc {thoi_gian} tại {dia_chi} "
     "về quảng cáo rao vặt trái phép (hồ sơ {so_ho_so}). Liên hệ: {dien_thoai}."),
    ("Nhắc liên hệ", 2,
     "{don_vi} đề nghị chủ thuê bao {so_thue_bao} liên hệ số {dien_thoai} về hồ sơ "
     "{so_ho_so} (quảng cáo rao vặt trái phép)."),
]


def seed(apps, schema_editor):
    SmsTemplate = apps.get_model("messaging", "SmsTemplate")
    for name, position, text in TEMPLATES:
        SmsTemplate.objects.get_or_create(name=name, defaults={"text": text, "position": position})


def unseed(apps, schema_editor):
    SmsTemplate = apps.get_model("messaging", "SmsTemplate")
    SmsTemplate.objects.filter(name__in=[name for name, _, _ in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("messaging", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
