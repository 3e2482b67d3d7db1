"""Wards that joined a case by a sighting were made participants and so read the whole
case. They leave the route: only the ward that opened a case takes part as reporter."""

from django.db import migrations
from django.db.models import F


def forward(apps, schema_editor):
    CaseUnit = apps.get_model("cases", "CaseUnit")
    CaseUnit.objects.filter(role="reporter").exclude(unit_id=F("case__reporting_unit_id")) \
        .delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_dispatch_content_version")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
