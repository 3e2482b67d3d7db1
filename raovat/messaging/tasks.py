import time

from django.conf import settings

from raovat.jobs.registry import RetryLater, handler
from raovat.jobs.services import job_progress
from raovat.messaging.delivery import Pacer, sms_deliver
from raovat.messaging.services import SEND_KIND

PROGRESS_EVERY = 0.5  # seconds: the bar polls each second; a write per SMS is waste


@handler(SEND_KIND)
def send_messages(job):
    pace = Pacer(settings.SMS_RATE_PER_SECOND)
    ids = job.payload["message_ids"]
    later = []
    reported = time.monotonic()
    for i, message_id in enumerate(ids, start=1):
        retry_at = sms_deliver(message_id=message_id, pace=pace)
        if retry_at is not None:
            later.append(retry_at)
        if time.monotonic() - reported >= PROGRESS_EVERY or i == len(ids):
            job_progress(job, done=i - len(later))
            reported = time.monotonic()
    if later:
        raise RetryLater(min(later))
