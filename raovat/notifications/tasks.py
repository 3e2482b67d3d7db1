import datetime

from raovat.cases.models import Dispatch
from raovat.jobs.registry import handler
from raovat.jobs.services import job_progress
from raovat.notifications import services


@handler(services.DIGEST_KIND)
def send_digests(job):
    services.digests_send(day=datetime.date.fromisoformat(job.payload["day"]), job=job)


@handler(services.DISPATCH_KIND)
def notify_dispatch(job):
    dispatches = Dispatch.objects.filter(pk__in=job.payload["dispatch_ids"]).select_related(
        "to_unit", "from_unit"
    )
    for done, dispatch in enumerate(dispatches, start=1):
        services.dispatch_notice_send(dispatch=dispatch)
        job_progress(job, done=done)
