from raovat.api.webhooks.events import DELIVER_KIND
from raovat.api.webhooks.send import delivery_send
from raovat.jobs.registry import RetryLater, handler


@handler(DELIVER_KIND)
def deliver(job):
    retry_at = delivery_send(delivery_id=job.payload["delivery_id"], job_id=job.pk)
    if retry_at is not None:
        raise RetryLater(retry_at)
