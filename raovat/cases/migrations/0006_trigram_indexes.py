"""Trigram indexes for the fragment searches of "Tra cứu hồ sơ" (PostgreSQL only).

"345.678" must find 0912 345 678 anywhere in the number, and "nguyen van" any name that
contains it: LIKE '%…%' needs pg_trgm to stay fast at a million cases. Where the
extension cannot be created (no privilege), the search still works, only slower.
"""

import logging

from django.db import migrations, transaction

log = logging.getLogger(__name__)

INDEXES = [
    ("cases_case_phone_trgm", "cases_case", "phone_national"),
    ("cases_subscriber_name_trgm", "cases_subscriber", "name_folded"),
    ("cases_subscriber_address_trgm", "cases_subscriber", "address_folded"),
    ("cases_sighting_text_trgm", "cases_sighting", "text_folded"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001 - a missing privilege must not stop the migration
        log.warning("pg_trgm is not available: fragment searches will not use an index")
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_search_indexes")]
    operations = [migrations.RunPython(create, drop)]
