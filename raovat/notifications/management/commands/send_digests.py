import datetime

from django.core.management.base import BaseCommand, CommandError

from raovat.notifications.services import digests_enqueue


class Command(BaseCommand):
    help = (
        "Đưa việc gửi thư nhắc việc hằng ngày vào hàng đợi (chạy mỗi sáng bằng cron "
        "hoặc systemd timer); tiến trình chạy nền sẽ gửi thư."
    )

    def add_arguments(self, parser):
        parser.add_argument("--day", help="Ngày nhắc việc, dạng YYYY-MM-DD (mặc định: hôm nay).")

    def handle(self, *args, day=None, **options):
        try:
            when = datetime.date.fromisoformat(day) if day else None
        except ValueError:
            raise CommandError(f"Ngày không hợp lệ: {day}") from None
        job = digests_enqueue(day=when)
        self.stdout.write(f"Job {job.pk}: {job.label} ({job.total} người nhận)")
