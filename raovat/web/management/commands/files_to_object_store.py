"""Move the files of an installation from its disk to the S3 object store it now uses.

Every file a row of the database names is uploaded under the same name (so no row
changes), read back and compared by size and SHA-256. Run it again at any time: a file
already in the store with the same size and checksum is not sent twice.
"""

import mimetypes
import os
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import models

from raovat.storage import (
    file_sha256,
    is_object_store,
    object_head,
    object_put_file,
    object_sha256,
)

SHOWN = 20


def stored_names():
    """Every file name the database holds, field by field, without duplicates per field."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names = (
                    model._default_manager.exclude(**{field.name: ""})
                    .exclude(**{f"{field.name}__isnull": True})
                    .order_by()
                    .values_list(field.name, flat=True)
                    .distinct()
                )
                yield from names.iterator(chunk_size=2000)


MOVED, ALREADY, MISSING, FAILED = "moved", "already", "missing", "failed"


def _copy(store, path: Path, name: str, delete_source: bool) -> str:
    """Copy one file unless the store has it already, checked; what happened to it."""
    head = object_head(store, name)
    if not path.is_file():
        # Without the file, a checked copy means an earlier run with --delete-source.
        return ALREADY if head is not None and head["sha256"] else MISSING
    size, sha = file_sha256(str(path))
    outcome = ALREADY
    if head is None or head["size"] != size or head["sha256"] != sha:
        object_put_file(
            store,
            name,
            str(path),
            sha256=sha,
            content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        )
        if object_sha256(store, name) != (size, sha):
            return FAILED
        outcome = MOVED
    if delete_source:
        os.remove(path)
    return outcome


class Command(BaseCommand):
    help = (
        "Copy every uploaded file from the media folder to the S3 object store "
        "(STORAGE_S3_*), checking each one by size and SHA-256; idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            default=str(settings.MEDIA_ROOT),
            help="The media folder to read (default: MEDIA_ROOT = %(default)s).",
        )
        parser.add_argument(
            "--delete-source",
            action="store_true",
            help="Remove each file from the disk once its copy is checked.",
        )

    def handle(self, *args, source, delete_source, **options):
        store = default_storage
        if not is_object_store(store):
            raise CommandError(
                "Chưa cấu hình kho lưu trữ đối tượng: hãy đặt STORAGE_S3_BUCKET "
                "và các biến STORAGE_S3_* (xem docs/configuration.md)."
            )
        root = Path(source)
        outcomes: dict[str, list[str]] = {MOVED: [], ALREADY: [], MISSING: [], FAILED: []}
        for name in dict.fromkeys(stored_names()):
            outcomes[_copy(store, root / name, name, delete_source)].append(name)
        moved, already = len(outcomes[MOVED]), len(outcomes[ALREADY])
        missing, failed = outcomes[MISSING], outcomes[FAILED]
        self.stdout.write(f"Đã chuyển {moved} tệp, {already} tệp đã có sẵn trên kho lưu trữ.")
        problems = []
        if missing:
            problems.append(
                f"{len(missing)} tệp không có trên đĩa lẫn trên kho: " + ", ".join(missing[:SHOWN])
            )
        if failed:
            problems.append(
                f"{len(failed)} tệp sai kích thước hoặc mã kiểm tra sau khi "
                "chuyển (chạy lại lệnh): " + ", ".join(failed[:SHOWN])
            )
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(self.style.SUCCESS("Mọi tệp đều đã được kiểm tra trên kho lưu trữ."))
