"""Indexes for the search's combined criteria at a million cases (decision 026).

- `case_state_found_idx`: state + date found gives its candidates, their ward and id
  from the index alone (was a bitmap of half a year of cases ANDed with the state's);
- `sighting_case_unit_idx` replaces the index on a sighting's case alone: the ward
  criterion probes "a sighting of this case by this ward" without reading the sighting.

The old index is dropped by name, not by altering the field: altering it would drop
and re-check the foreign key over every sighting.
"""

import django.db.models.deletion
from django.db import migrations, models


def _old_name(apps, schema_editor):
    table = apps.get_model("cases", "Sighting")._meta.db_table
    return table, schema_editor._create_index_name(table, ["case_id"])


def drop_case_index(apps, schema_editor):
    _, name = _old_name(apps, schema_editor)
    schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def restore_case_index(apps, schema_editor):
    table, name = _old_name(apps, schema_editor)
    q = schema_editor.quote_name
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {q(name)} ON {q(table)} (case_id)")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0024_redundant_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["state", "first_found_on", "id"],
                include=("reporting_unit",),
                name="case_state_found_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="sighting",
            index=models.Index(fields=["case", "reporting_unit"], name="sighting_case_unit_idx"),
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_case_index, restore_case_index)],
            state_operations=[
                migrations.AlterField(
                    model_name="sighting",
                    name="case",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sightings",
                        to="cases.case",
                        verbose_name="hồ sơ",
                    ),
                ),
            ],
        ),
    ]
