import datetime

from django.db import connection

from raovat.cases.clocks import REFRESH_KIND, due_dates_refresh
from raovat.cases.services import photo_reading, search_export
from raovat.cases.services.carrier_excel import APPLY_KIND, carrier_import_run
from raovat.jobs.registry import handler
from raovat.jobs.services import job_progress


@handler(APPLY_KIND)
def apply_carrier_import(job):
    # One transaction: there is nothing between "not started" and "all written" to report.
    job_progress(job, done=0)
    stored = carrier_import_run(
        import_id=job.payload["import_id"], actor_id=job.payload["actor_id"]
    )
    job_progress(job, done=stored.applied_count)


@handler(REFRESH_KIND)
def refresh_due_dates(job):
    entered_from = job.payload.get("entered_from")
    written = due_dates_refresh(
        states=job.payload.get("states"),
        entered_from=datetime.date.fromisoformat(entered_from) if entered_from else None,
    )
    job_progress(job, done=written, total=written)
    if written and connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Many rewritten rows leave the reminder counts reading the table instead of the
        # index alone until autovacuum passes (it may wait: the threshold is 20 %).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) cases_case")


@handler(search_export.EXPORT_KIND)
def export_search(job):
    search_export.search_export_run(job=job)


@handler(photo_reading.READ_KIND)
def read_photo_numbers(job):
    photo_reading.reading_run(job=job)
