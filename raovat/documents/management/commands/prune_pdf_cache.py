"""Remove cached PDFs older than a number of days (run daily, like send_digests).

The cache only saves layout time: a removed PDF is laid out again on the next request.
The files can name subscribers, so they are not kept longer than they are useful.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from raovat.documents.services import pdf_cache_prune


class Command(BaseCommand):
    help = "Delete cached PDFs (RenderedDocument) older than --older-than-days (default 30)."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, default=30)

    def handle(self, *args, older_than_days, **options):
        cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
        removed = pdf_cache_prune(created_before=cutoff)
        self.stdout.write(f"Đã xóa {removed} tệp PDF lưu tạm.")
