"""The few things the product needs from its file storage beyond Django's API.

Two storages are supported: the filesystem (the embedded default) and an S3 object store
(django-storages' S3 backend, `STORAGE_S3_*` settings). Reading an object is streamed in
chunks straight from the store's response instead of django-storages' S3File, which first
copies the whole object into a temporary file.
"""

import hashlib
import os
from collections.abc import Iterator

from botocore.exceptions import BotoCoreError, ClientError

CHUNK = 64 * 1024
_MISSING = {"404", "NoSuchKey", "NotFound"}


def is_object_store(storage) -> bool:
    return hasattr(storage, "bucket_name")


def object_key(storage, name: str) -> str:
    location = (storage.location or "").strip("/")
    return f"{location}/{name}" if location else name


def _client(storage):
    return storage.connection.meta.client


def object_open(storage, name: str) -> tuple[Iterator[bytes], int]:
    """The chunks of a stored object and its size; FileNotFoundError when it is absent."""
    try:
        answer = _client(storage).get_object(
            Bucket=storage.bucket_name, Key=object_key(storage, name)
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in _MISSING:
            raise FileNotFoundError(name) from None
        raise
    body = answer["Body"]

    def chunks():
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    return chunks(), answer["ContentLength"]


def object_head(storage, name: str) -> dict | None:
    """Size and our sha256 metadata of a stored object, or None when it is absent."""
    try:
        head = _client(storage).head_object(
            Bucket=storage.bucket_name, Key=object_key(storage, name)
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in _MISSING:
            return None
        raise
    return {"size": head["ContentLength"], "sha256": head.get("Metadata", {}).get("sha256")}


def object_put_file(storage, name: str, path: str, *, sha256: str, content_type: str) -> None:
    _client(storage).upload_file(
        path,
        storage.bucket_name,
        object_key(storage, name),
        ExtraArgs={"Metadata": {"sha256": sha256}, "ContentType": content_type},
    )


def object_sha256(storage, name: str) -> tuple[int, str]:
    """Size and sha256 of the object as the store gives it back (read in full)."""
    chunks, _size = object_open(storage, name)
    digest, size = hashlib.sha256(), 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def file_sha256(path: str) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def storage_ready(storage) -> bool:
    """Can files be stored? The bucket answers, or the media folder is writable."""
    if is_object_store(storage):
        try:
            _client(storage).head_bucket(Bucket=storage.bucket_name)
        except (BotoCoreError, ClientError):
            return False
        return True
    # FileSystemStorage makes its folder on the first save: the nearest existing one counts.
    location = os.path.abspath(storage.location)
    while not os.path.exists(location) and os.path.dirname(location) != location:
        location = os.path.dirname(location)
    return os.path.isdir(location) and os.access(location, os.W_OK)
