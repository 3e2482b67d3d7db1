"""Indexes that were written on every change of a case and never read.

Every transition rewrites each index of the case row (and adds a history, a route and
a dispatch row): at a million cases a 750-case dispatch spent most of its second in
index maintenance. Dropped here:

- the single-column indexes of four foreign keys that a composite index already starts
  with (the case's current unit: `case_waiting_idx`; a history row's case: (case, at);
  a route row's unit: `case_unit_once`; a dispatch item's dispatch: `dispatch_case_once`);
- on PostgreSQL, the `varchar_pattern_ops` twins Django adds for LIKE 'prefix%' on the
  case number and the two phone columns: the product never searches them by prefix (a
  number fragment is a "contains" or a trigram search).

Only the indexes change; the foreign keys stay as they are (altering the fields would
drop and re-check each constraint over every row).
"""

import django.db.models.deletion
from django.db import migrations, models

# (model, column) of the single-column foreign-key indexes.
FK_INDEXES = [
    ("Case", "current_unit_id"),
    ("CaseEvent", "case_id"),
    ("CaseUnit", "unit_id"),
    ("DispatchItem", "dispatch_id"),
]
LIKE_COLUMNS = ["number", "phone_e164", "phone_national"]


def _indexes(apps, schema_editor):
    """(name, table, column, opclass) of every index this migration drops."""
    found = []
    for model_name, column in FK_INDEXES:
        table = apps.get_model("cases", model_name)._meta.db_table
        found.append((schema_editor._create_index_name(table, [column]), table, column, ""))
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("cases", "Case")._meta.db_table
        for column in LIKE_COLUMNS:
            name = schema_editor._create_index_name(table, [column], suffix="_like")
            found.append((name, table, column, " varchar_pattern_ops"))
    return found


def drop(apps, schema_editor):
    for name, _, _, _ in _indexes(apps, schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def restore(apps, schema_editor):
    q = schema_editor.quote_name
    for name, table, column, opclass in _indexes(apps, schema_editor):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {q(name)} ON {q(table)} ({q(column)}{opclass})"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0023_pending_photo_reading"),
        ("units", "0005_user_leader"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop, restore)],
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="current_unit",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="units.unit",
                        verbose_name="đơn vị đang xử lý",
                    ),
                ),
                migrations.AlterField(
                    model_name="caseevent",
                    name="case",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="cases.case",
                    ),
                ),
                migrations.AlterField(
                    model_name="caseunit",
                    name="unit",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="units.unit",
                    ),
                ),
                migrations.AlterField(
                    model_name="dispatchitem",
                    name="dispatch",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="cases.dispatch",
                    ),
                ),
            ],
        ),
    ]
