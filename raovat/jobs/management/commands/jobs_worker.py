import signal

from django.core.management.base import BaseCommand

from raovat.jobs.worker import worker_loop, worker_name


class Command(BaseCommand):
    help = "Chạy các công việc nền (gửi tin nhắn, thư điện tử, văn bản lớn, nhập và xuất Excel)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--burst", action="store_true", help="Dừng khi không còn công việc nào sẵn sàng."
        )

    def handle(self, *args, burst=False, **options):
        self.stopping = False
        # Finish the job in hand, then stop: systemd and ./dev send SIGTERM.
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        name = worker_name()
        self.stdout.write(f"Worker {name} started")
        worker_loop(
            name=name, burst=burst, stopping=lambda: self.stopping, report=self.stdout.write
        )
        self.stdout.write(f"Worker {name} stopped")

    def _stop(self, signum, frame):
        self.stopping = True
