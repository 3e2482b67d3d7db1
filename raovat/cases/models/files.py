"""Where uploaded files go. Names carry no personal data; access is checked by views."""

import uuid
from pathlib import PurePosixPath

from django.utils import timezone


def _name(folder: str, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def photo_path(instance, filename):
    return _name("photos", filename)


def thumbnail_path(instance, filename):
    return _name("thumbnails", filename)


def scan_path(instance, filename):
    return _name("scans", filename)


def attachment_path(instance, filename):
    return _name("attachments", filename)
