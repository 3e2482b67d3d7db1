from raovat.cases.services import search_export
from raovat.cases.services.carrier_excel import APPLY_KIND, carrier_import_run
from raovat.jobs.registry import handler
from raovat.jobs.services import job_progress


@handler(APPLY_KIND)
def apply_carrier_import(job):
    # One transaction: there is nothing between "not started" and "all written" to report.
    job_progress(job, done=0)
    stored = carrier_import_run(import_id=job.payload["import_id"],
                                actor_id=job.payload["actor_id"])
    job_progress(job, done=stored.applied_count)


@handler(search_export.EXPORT_KIND)
def export_search(job):
    search_export.search_export_run(job=job)
