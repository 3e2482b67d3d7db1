"""Files on an S3 object store (SeaweedFS on loopback), as a city deployment runs them.

Upload through the ward's screen, the rights-checked download, anonymisation that keeps
the official records, and the command that moves files from the disk.
"""

import datetime
import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from raovat.cases.models import Case, Photo
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.conftest import jpeg
from tests.dates import FOUND_ON, dmy
from tests.seaweedfs import ACCESS_KEY, BUCKET, SECRET_KEY
from tests.test_settings import ROOT

pytestmark = pytest.mark.django_db


def _files(media):
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def _record(client, user):
    client.force_login(user)
    response = client.post(
        reverse("reporter:record"),
        {
            "found_on": dmy(FOUND_ON),
            "place": "Trụ điện trước số 45 Lê Thánh Tôn",
            "ad_type": "sticker",
            "ad_text": "Khoan cắt bê tông",
            "photos": [jpeg()],
            "phone_m1": "0912.345.678",
            "confirmed": ["m1"],
        },
        follow=True,
    )
    assert response.status_code == 200
    photo = Photo.objects.get()
    # Sent to the handling unit, which may then see it.
    client.post(reverse("reporter:submit"), {"hs": [photo.sighting.case_id]})
    assert Case.objects.get().state == State.AWAITING_CONFIRMATION
    return photo


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_recorded_photo_goes_to_the_object_store_and_not_to_the_disk(client, cast, s3, _media):
    photo = _record(client, cast.ward)
    assert photo.image.name in s3.names()
    assert photo.thumbnail.name in s3.names()
    assert _files(_media) == []
    assert s3.body(photo.image.name)[:2] == b"\xff\xd8"  # a JPEG


def test_the_handling_unit_gets_the_photo_streamed_after_the_unit_check(client, cast, s3):
    photo = _record(client, cast.ward)
    client.force_login(cast.district)
    response = client.get(reverse("photo", args=[photo.pk]))
    assert response.status_code == 200
    assert response.streaming  # streamed through the product, not a redirect to the store
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"  # signed-in answers are never kept
    assert _body(response) == s3.body(photo.image.name)
    assert int(response["Content-Length"]) == len(s3.body(photo.image.name))
    thumb = client.get(reverse("photo_thumbnail", args=[photo.pk]))
    assert _body(thumb) == s3.body(photo.thumbnail.name)


def test_another_district_gets_404_and_no_link_to_the_store(client, cast, s3):
    photo = _record(client, cast.ward)
    client.force_login(cast.other_district)
    response = client.get(reverse("photo", args=[photo.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert s3.endpoint not in page and "X-Amz" not in page and "Location" not in response


def test_a_photo_lost_from_the_store_is_a_clear_404(client, cast, s3):
    photo = _record(client, cast.ward)
    s3.delete(photo.image.name)
    client.force_login(cast.district)
    assert client.get(reverse("photo", args=[photo.pk])).status_code == 404


def test_anonymising_keeps_the_official_records_in_the_object_store(cast, make_case, s3):
    case = advance(make_case(cast.ward), State.CLOSED)
    Case.objects.filter(pk=case.pk).update(state_since=timezone.now() - datetime.timedelta(days=40))
    records = s3.names()  # photos and signed scans: official records (decision 005)
    assert records

    out = io.StringIO()
    call_command("anonymise_closed_cases", "--older-than-days", "30", stdout=out)

    assert "Đã ẩn danh 1 hồ sơ." in out.getvalue()
    assert s3.names() == records


def test_an_object_store_that_does_not_answer_is_a_503_in_vietnamese(client, cast, s3, settings):
    photo = _record(client, cast.ward)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {
                **settings.STORAGES["default"]["OPTIONS"],
                "endpoint_url": "http://127.0.0.1:9",
            },
        },
    }  # nothing listens there
    client.force_login(cast.district)
    response = client.get(reverse("photo", args=[photo.pk]))
    assert response.status_code == 503
    assert "Kho lưu trữ tệp tạm thời không trả lời" in response.content.decode()


# Moving an installation's files from the disk --------------------------------------------


@pytest.fixture
def on_disk(cast, make_case, _media, settings):
    """Two cases recorded while the files were on the disk (the conftest's storage)."""
    cases = [make_case(cast.ward, "0912 345 678"), make_case(cast.ward, "0987 654 321")]
    names = sorted(
        name for photo in Photo.objects.all() for name in (photo.image.name, photo.thumbnail.name)
    )
    assert len(_files(_media)) == len(names) == 4
    return cases, names


def _move(*args) -> str:
    out = io.StringIO()
    call_command("files_to_object_store", *args, stdout=out)
    return out.getvalue()


def test_the_move_copies_and_checks_every_file_then_does_nothing_twice(
    on_disk, s3, _media, client, cast
):
    _cases, names = on_disk
    assert "Đã chuyển 4 tệp, 0 tệp đã có sẵn" in _move()
    assert s3.names() == names
    for name in names:
        assert s3.body(name) == (_media / name).read_bytes()
    assert "Đã chuyển 0 tệp, 4 tệp đã có sẵn" in _move()  # idempotent
    client.force_login(cast.ward)  # its own drafts
    photo = Photo.objects.first()
    assert (
        _body(client.get(reverse("photo", args=[photo.pk])))
        == (_media / photo.image.name).read_bytes()
    )


def test_the_move_sends_again_a_file_whose_copy_differs(on_disk, s3, _media):
    _cases, names = on_disk
    _move()
    s3.put(names[0], b"truncated")
    assert "Đã chuyển 1 tệp, 3 tệp đã có sẵn" in _move()
    assert s3.body(names[0]) == (_media / names[0]).read_bytes()


def test_the_move_can_remove_the_disk_copies_once_checked(on_disk, s3, _media):
    _move("--delete-source")
    assert _files(_media) == []
    assert len(s3.names()) == 4
    assert "Đã chuyển 0 tệp, 4 tệp đã có sẵn" in _move("--delete-source")


def test_the_move_names_a_file_missing_everywhere(on_disk, s3, _media):
    _cases, names = on_disk
    os.remove(_media / names[1])
    with pytest.raises(CommandError, match=f"1 tệp không có trên đĩa lẫn trên kho: {names[1]}"):
        _move()
    assert len(s3.names()) == 3


def test_the_move_refuses_without_an_object_store(on_disk):
    with pytest.raises(CommandError, match="Chưa cấu hình kho lưu trữ đối tượng"):
        _move()


# Configuration ------------------------------------------------------------------------------


def _manage(env, *args):
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("STORAGE_S3_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        text=True,
        capture_output=True,
        env={**base, **env},
        timeout=120,
    )


def test_storage_s3_settings_put_the_files_in_the_bucket(seaweedfs, tmp_path):
    bucket = BUCKET
    secret = tmp_path / "secret"
    secret.write_text(SECRET_KEY + "\n")
    env = {
        "STORAGE_S3_ENDPOINT_URL": seaweedfs.endpoint,
        "STORAGE_S3_BUCKET": bucket,
        "STORAGE_S3_ACCESS_KEY": ACCESS_KEY,
        "STORAGE_S3_SECRET_KEY_FILE": str(secret),
    }
    result = _manage(
        env,
        "shell",
        "-c",
        "from django.core.files.storage import default_storage as s;"
        "from django.core.files.base import ContentFile;"
        "print(s.save('probe/a.txt', ContentFile(b'xin chao')))",
    )
    assert result.returncode == 0, result.stderr
    name = result.stdout.strip().splitlines()[-1]
    body = seaweedfs.client.get_object(Bucket=bucket, Key=name)["Body"]
    assert body.read() == b"xin chao"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"STORAGE_S3_ENDPOINT_URL": "http://127.0.0.1:9"},
            "STORAGE_S3_ENDPOINT_URL set without STORAGE_S3_BUCKET",
        ),
        ({"STORAGE_S3_BUCKET": "b"}, "STORAGE_S3_BUCKET needs STORAGE_S3_ACCESS_KEY"),
        (
            {
                "STORAGE_S3_BUCKET": "b",
                "STORAGE_S3_ACCESS_KEY": "a",
                "STORAGE_S3_SECRET_KEY": "s",
                "STORAGE_S3_ADDRESSING_STYLE": "virtaul",
            },
            "STORAGE_S3_ADDRESSING_STYLE='virtaul'",
        ),
    ],
)
def test_an_incomplete_or_mistyped_object_store_setting_stops_the_process(env, message):
    result = _manage(env, "check")
    assert result.returncode != 0
    assert message in result.stderr
