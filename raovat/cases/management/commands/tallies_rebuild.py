"""Fill the kept tallies again from every case (after a bulk load, or to check them)."""

import time

from django.core.management.base import BaseCommand

from raovat.cases.tallies import rebuild, registered


class Command(BaseCommand):
    help = (
        "Tính lại các bảng số liệu tổng hợp (thống kê, bản đồ, phiếu chuyển còn hồ sơ chờ) "
        "từ toàn bộ hồ sơ."
    )

    def handle(self, *args, **options):
        for tally in registered():
            started = time.perf_counter()
            rows = rebuild(tally)
            self.stdout.write(
                f"{tally.model._meta.verbose_name}: {rows} dòng "
                f"({time.perf_counter() - started:.1f} giây)"
            )
