"""Files on the disk and on SeaweedFS: upload, the rights-checked download, the move.

    .venv/bin/python bench/bench_files.py [--runs 200] [--size-kb 600] [--files 200]

Starts SeaweedFS (`weed server -s3`, as the tests do) on loopback, builds the manual's
chain in a throwaway test database (SQLite, or the DATABASE_URL server) and times, for
the filesystem and for the object store: storing a photo-sized file, the download of a
photo by the handling unit through the product (`/tep/anh/<pk>/`: sign-in, unit check,
streaming), and `files_to_object_store` over N files. Results go in RESULTS.md.
"""

import argparse
import datetime
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raovat.settings")
os.environ.setdefault("DEBUG", "true")  # a development instance on this machine


def _ms(samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return f"p50 {statistics.median(samples) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--size-kb", type=int, default=600)
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment

    from tests import seaweedfs

    work = Path(tempfile.mkdtemp(prefix="bench-files-"))
    process, endpoint = seaweedfs.weed_start(work / "weed", seaweedfs.weed_binary())
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    disk = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(work / "media")},
    }
    s3 = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": seaweedfs.BUCKET,
            "endpoint_url": endpoint,
            "access_key": seaweedfs.ACCESS_KEY,
            "secret_key": seaweedfs.SECRET_KEY,
            "region_name": "us-east-1",
            "addressing_style": "path",
            "default_acl": None,
            "file_overwrite": False,
        },
    }
    payload = os.urandom(args.size_kb * 1024)  # incompressible, like a JPEG
    try:
        from raovat.cases.models import Photo
        from raovat.cases.services.intake import sighting_record
        from raovat.cases.workflow import State
        from raovat.demo.chains import build_manual_chain
        from raovat.demo.scenario import advance
        from tests.conftest import jpeg

        with override_settings(
            STORAGES={**settings.STORAGES, "default": disk}, MEDIA_ROOT=str(work / "media")
        ):
            chain = build_manual_chain()
            case = sighting_record(
                actor=chain.user("phuong.bennghe"),
                phone="0912 345 678",
                found_on=datetime.date(2026, 11, 20),
                place="Trụ điện",
                ad_type="sticker",
                ad_text="Khoan cắt bê tông",
                photos=[jpeg()],
            ).sighting.case
            advance(case, State.AWAITING_CONFIRMATION)
            photo = Photo.objects.get()
        print(f"{args.size_kb} KB per file, {args.runs} runs each, SeaweedFS on loopback")
        for label, storage in (("disk", disk), ("SeaweedFS", s3)):
            with override_settings(
                STORAGES={**settings.STORAGES, "default": storage}, MEDIA_ROOT=str(work / "media")
            ):
                saves = []
                for i in range(args.runs):
                    start = time.perf_counter()
                    default_storage.save(f"bench/{label}/{i}.jpg", ContentFile(payload))
                    saves.append(time.perf_counter() - start)
                default_storage.delete(photo.image.name)
                default_storage.save(photo.image.name, ContentFile(payload))
                client = Client()
                client.force_login(chain.user("vhtt.quan1"))
                url = f"/tep/anh/{photo.pk}/"
                for _ in range(10):  # warm-up: connections, sessions
                    b"".join(client.get(url).streaming_content)
                gets = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    body = b"".join(client.get(url).streaming_content)
                    gets.append(time.perf_counter() - start)
                assert body == payload
                print(
                    f"  {label:<10} store a file: {_ms(saves)}; "
                    f"download through the product: {_ms(gets)}"
                )

        # The move: N files named by the database, from the disk to the store.
        with override_settings(
            STORAGES={**settings.STORAGES, "default": disk}, MEDIA_ROOT=str(work / "media")
        ):
            Photo.objects.bulk_create(
                [
                    Photo(
                        sighting=photo.sighting,
                        image=f"move/{i}.jpg",
                        uploaded_by_id=photo.uploaded_by_id,
                    )
                    for i in range(args.files)
                ]
            )
            for i in range(args.files):
                default_storage.save(f"move/{i}.jpg", ContentFile(payload))
        with override_settings(
            STORAGES={**settings.STORAGES, "default": s3}, MEDIA_ROOT=str(work / "media")
        ):
            for attempt in ("first run", "second run"):
                start = time.perf_counter()
                call_command(
                    "files_to_object_store", "--source", str(work / "media"), stdout=io.StringIO()
                )
                took = time.perf_counter() - start
                print(
                    f"  files_to_object_store, {args.files + 2} files, {attempt}: "
                    f"{took:.1f} s ({(args.files + 2) / took:.0f} files/s)"
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        seaweedfs.weed_stop(process)


if __name__ == "__main__":
    main()
