"""Checking signed scans before they are stored: PDF or an image, of a sensible size."""

import contextlib

from django.conf import settings

from raovat.cases.services.errors import WorkflowError

_MAGIC = {
    b"%PDF-": "pdf",
    b"\xff\xd8\xff": "jpg",
    b"\x89PNG\r\n\x1a\n": "png",
}


def scan_check(upload) -> str:
    """Return the file's real kind, or refuse it with a message naming the file."""
    if upload is None:
        raise WorkflowError("Chưa chọn tệp đã ký.")
    name = getattr(upload, "name", "tệp")
    size = getattr(upload, "size", 0)
    if size == 0:
        raise WorkflowError(f"Tệp “{name}” rỗng.")
    if size > settings.MAX_UPLOAD_MB * 1024 * 1024:
        raise WorkflowError(f"Tệp “{name}” lớn hơn {settings.MAX_UPLOAD_MB} MB.")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    raise WorkflowError(f"Tệp “{name}” phải là bản quét PDF, JPEG hoặc PNG.")


STORAGE_FAILED = (
    "Chưa lưu: máy chủ không ghi được tệp (có thể đã hết dung lượng lưu trữ). "
    "Không có gì thay đổi; hãy thử lại sau hoặc báo quản trị hệ thống."
)


def storage_save(storage, name: str, content, max_length: int | None = None) -> str:
    """`storage.save` that leaves nothing behind when the write fails.

    A file-system storage writes straight to the final path, so a full disk leaves part of
    the file there. Names carry a fresh UUID (models/files.py), so the name asked for is
    the name written and the partial file can be removed. A failed write is refused as a
    WorkflowError.
    """
    try:
        return storage.save(name, content, max_length=max_length)
    except BaseException as exc:
        # The write's own error is the one to report.
        with contextlib.suppress(Exception):
            storage.delete(name)
        if isinstance(exc, OSError):
            raise WorkflowError(STORAGE_FAILED) from exc
        raise


def file_store(field_file, filename: str, content) -> str:
    """`FieldFile.save(..., save=False)` through `storage_save`."""
    field = field_file.field
    name = field.generate_filename(field_file.instance, filename)
    field_file.name = storage_save(field_file.storage, name, content, max_length=field.max_length)
    setattr(field_file.instance, field.attname, field_file.name)
    field_file._committed = True
    return field_file.name
