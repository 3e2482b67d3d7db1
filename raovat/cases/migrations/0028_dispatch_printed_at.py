from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Coalesce, Now


def backfill(apps, schema_editor):
    """Calls known so far were entered when made; a dispatch printed before this change
    is taken as printed when it was sent, or now if it is still a draft: from here on,
    no later fact changes what it prints."""
    apps.get_model("cases", "Call").objects.update(recorded_at=F("called_at"))
    apps.get_model("cases", "Dispatch").objects.filter(printed_version__isnull=False).update(
        printed_at=Coalesce(F("sent_at"), Now())
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0027_statistics_tally"),
    ]

    operations = [
        migrations.AddField(
            model_name="call",
            name="recorded_at",
            field=models.DateTimeField(
                auto_now_add=True, null=True, verbose_name="thời điểm ghi nhận"
            ),
        ),
        migrations.AddField(
            model_name="dispatch",
            name="printed_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="thời điểm in phiên bản"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
