import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from raovat.jobs.worker import job_claim, job_run, worker_name


class Command(BaseCommand):
    help = "Chạy các công việc nền (gửi tin nhắn, thư điện tử, văn bản lớn, nhập Excel)."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true",
                            help="Dừng khi không còn công việc nào sẵn sàng.")

    def handle(self, *args, burst=False, **options):
        self.stopping = False
        # Finish the job in hand, then stop: systemd and ./dev send SIGTERM.
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        name = worker_name()
        self.stdout.write(f"Worker {name} started")
        while not self.stopping:
            close_old_connections()
            job = job_claim(worker=name)
            if job is None:
                if burst:
                    break
                time.sleep(settings.JOBS_POLL_SECONDS)
                continue
            job = job_run(job)
            self.stdout.write(f"Job {job.pk} {job.kind}: {job.status}")
        self.stdout.write(f"Worker {name} stopped")

    def _stop(self, signum, frame):
        self.stopping = True
