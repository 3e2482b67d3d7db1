"""Checking and shrinking uploaded photos before anything is stored."""

import datetime
import io
import warnings
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from raovat.cases.services.errors import WorkflowError

MAX_SIDE = 2000
THUMB_SIDE = 320
ACCEPTED = {"JPEG", "PNG", "WEBP", "MPO"}


@dataclass
class PreparedPhoto:
    image: bytes
    thumbnail: bytes
    width: int
    height: int
    taken_at: datetime.datetime | None
    latitude: Decimal | None
    longitude: Decimal | None


def _invalid(name: str) -> WorkflowError:
    return WorkflowError(f"Tệp “{name}” không phải là ảnh hợp lệ (JPEG, PNG hoặc WEBP).")


def image_open(upload) -> Image.Image:
    """Open an uploaded image, refusing one too big to decode before decoding it.

    A small file can claim a huge size (a PNG of one colour, a JPEG header saying
    60000 × 60000): the pixel count in the header is checked against MAX_PHOTO_MEGAPIXELS
    first, and Pillow's own decompression-bomb check is turned into the same refusal.
    """
    name = getattr(upload, "name", "ảnh")
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if getattr(upload, "size", 0) > limit:
        raise WorkflowError(f"Tệp “{name}” lớn hơn {settings.MAX_UPLOAD_MB} MB.")
    too_big = WorkflowError(
        f"Ảnh “{name}” quá lớn để xử lý (tối đa {settings.MAX_PHOTO_MEGAPIXELS} triệu điểm "
        "ảnh). Hãy chụp lại hoặc thu nhỏ ảnh rồi chọn lại."
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                if probe.width * probe.height > settings.MAX_PHOTO_MEGAPIXELS * 1_000_000:
                    raise too_big
                probe.verify()
            upload.seek(0)
            image = Image.open(upload)
            # A JPEG decodes straight at a reduced scale: less memory for a 50 MP photo.
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_big from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _invalid(name) from None
    finally:
        upload.seek(0)
    return image


def photo_prepare(upload) -> PreparedPhoto:
    """Validate an uploaded image and return the resized JPEG and thumbnail bytes."""
    name = getattr(upload, "name", "ảnh")
    image = image_open(upload)
    if image.format not in ACCEPTED:
        raise WorkflowError(f"Tệp “{name}” không phải là ảnh JPEG, PNG hoặc WEBP.")
    exif = image.getexif()
    taken_at = _exif_time(exif)
    latitude, longitude = _exif_gps(exif)
    image = ImageOps.exif_transpose(image).convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    width, height = image.size
    thumb = image.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE))
    return PreparedPhoto(
        _jpeg(image, 85), _jpeg(thumb, 80), width, height, taken_at, latitude, longitude
    )


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def _exif_time(exif) -> datetime.datetime | None:
    raw = exif.get_ifd(ExifTags.IFD.Exif).get(ExifTags.Base.DateTimeOriginal) or exif.get(
        ExifTags.Base.DateTime
    )
    if not raw:
        return None
    try:
        naive = datetime.datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    # Cameras record local time without a zone; officers work in Vietnam.
    return timezone.make_aware(naive)


def _exif_gps(exif) -> tuple[Decimal | None, Decimal | None]:
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    try:
        lat = _degrees(gps[ExifTags.GPS.GPSLatitude], gps.get(ExifTags.GPS.GPSLatitudeRef, "N"))
        lon = _degrees(gps[ExifTags.GPS.GPSLongitude], gps.get(ExifTags.GPS.GPSLongitudeRef, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return lat, lon


def _degrees(dms, ref) -> Decimal:
    d, m, s = (float(x) for x in dms)
    value = d + m / 60 + s / 3600
    if str(ref).upper() in ("S", "W"):
        value = -value
    return Decimal(f"{value:.6f}")
