"""Document sequences under Decree 30/2020's types: numbers keep counting, none restart.

- Invitations ("Giấy mời", GM) continue the sequence of the former "TM": the counter
  row is renamed, so the next invitation of a unit in a year follows its last one.
- The suspension requests (former "ĐN") and remediation requests (former "YC") are both
  công văn now, with one symbol "n/<unit code>": they share one sequence "CV" per unit and
  year, which continues after the higher of the two, so no công văn repeats a number
  either former series already used that year.
Documents already numbered keep the labels printed on them.
"""

import re

from django.db import migrations

KEY = re.compile(r"^doc/(?P<unit>\d+)/(?P<series>[^/]+)/(?P<year>\d{4})$")
RENAMED = {"TM": "GM", "ĐN": "CV", "YC": "CV"}


def forwards(apps, schema_editor):
    Counter = apps.get_model("cases", "Counter")
    highest: dict[str, int] = {}
    old_rows = []
    for row in Counter.objects.filter(key__startswith="doc/"):
        match = KEY.match(row.key)
        if match is None or match["series"] not in RENAMED:
            continue
        new_key = f"doc/{match['unit']}/{RENAMED[match['series']]}/{match['year']}"
        highest[new_key] = max(highest.get(new_key, 0), row.last)
        old_rows.append(row.pk)
    for key, last in highest.items():
        counter, created = Counter.objects.get_or_create(key=key, defaults={"last": last})
        if not created and counter.last < last:
            counter.last = last
            counter.save(update_fields=["last"])
    Counter.objects.filter(pk__in=old_rows).delete()


def backwards(apps, schema_editor):
    # The merged công văn sequence cannot be split again: each former series continues
    # from the shared value, which keeps every number unique.
    Counter = apps.get_model("cases", "Counter")
    for row in Counter.objects.filter(key__startswith="doc/"):
        match = KEY.match(row.key)
        if match is None or match["series"] not in ("GM", "CV"):
            continue
        olds = ["TM"] if match["series"] == "GM" else ["ĐN", "YC"]
        for old in olds:
            Counter.objects.get_or_create(key=f"doc/{match['unit']}/{old}/{match['year']}",
                                          defaults={"last": row.last})
        row.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0020_legal_clock_repeat"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
