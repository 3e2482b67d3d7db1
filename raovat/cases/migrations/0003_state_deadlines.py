from django.db import migrations

# The days an administrator starts from; they edit them in "Thời hạn xử lý".
DAYS = {
    "draft": 3, "returned_to_reporter": 5, "awaiting_confirmation": 3, "confirmed": 5,
    "at_telecom": 15, "returned_by_telecom": 5, "to_contact": 7, "awaiting_subscriber": 15,
    "suspension_requested": 7, "suspended": 90, "at_culture": 30,
}


def seed(apps, schema_editor):
    StateDeadline = apps.get_model("cases", "StateDeadline")
    for state, days in DAYS.items():
        StateDeadline.objects.get_or_create(state=state, defaults={"days": days})


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
