"""Proposing the phone numbers printed on an ad from its photos, with Tesseract.

What comes out is only a proposal that the officer confirms or corrects before anything
is saved. It runs in the job worker, never in a web request (photo_reading.py, decision
028), and all its passes over all the photos share one time budget (`seconds`).
The passes below were chosen on field-like photos (tests/fixtures/field_photos: flyers,
stickers on poles, stencils and spray photographed with perspective, glare and blur) and
checked on the demo photos (demo_data.photos.ad_photo); bench/bench_ocr.py measures both.
Each pass reads a shrunken grayscale copy at another size or page layout; a number that
two passes read is trusted, and a third pass runs only when the first two disagree.
"""

import os
import re
import shutil
import time
from dataclasses import dataclass, field

from PIL import Image, ImageOps

from raovat.cases.phones import InvalidPhoneNumber, find_numbers, parse
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.photos import image_open

# Tesseract reads big ad lettering best when the photo is small (640 px), small lettering
# on a wider shot at 800–1024 px. "--psm 6" reads one block of text, "--psm 11" scattered
# words (a number alone on a wall). Measured in bench/RESULTS.md.
PASSES = ((640, "--psm 6"), (800, "--psm 11"), (1024, "--psm 6"))
# The passes after these run only if these disagree on what they read.
AGREEING_PASSES = 2
# Only digits matter here. With the first passes, on 20 demo photos the English model read 19
# numbers right and proposed no wrong one; the Vietnamese model read 16 and 2 wrong numbers.
LANGUAGE = "eng"
MAX_PHOTOS = 4
# The longest one pass may take, whatever is left of the budget.
TIMEOUT_SECONDS = 20
# A pass given less than this is not started: Tesseract needs about that to load its model.
MIN_PASS_SECONDS = 1.0

# Tesseract's OpenMP threads fight each other and the web workers on a small server; one
# thread per call is faster there.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

UNAVAILABLE = (
    "Máy chủ chưa cài phần mềm nhận dạng chữ (Tesseract) nên không đọc được số "
    "từ ảnh. Hãy nhập số thuê bao bằng tay."
)

# Characters Tesseract confuses with digits, fixed only inside runs that are mostly digits.
_LOOKALIKE = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "I": "1",
        "l": "1",
        "|": "1",
        "i": "1",
        "!": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
        "g": "9",
        "q": "9",
        "G": "6",
        "b": "6",
    }
)
_RUN = re.compile(r"[0-9OoDQIl|i!SsBZzgqGb]+")
_DIGIT_PUNCT = re.compile(r"(?<=\d)[,;:](?=\d)")


@dataclass
class Proposal:
    written: str
    e164: str
    display: str
    votes: int = 1


@dataclass
class OcrResult:
    available: bool
    proposals: list[Proposal] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    read_photos: int = 0


class _Clock:
    """The time budget of one reading; `now` is replaced in tests instead of sleeping."""

    now = staticmethod(time.monotonic)

    def __init__(self, seconds: float | None):
        self.until = None if seconds is None else self.now() + seconds

    def left(self) -> float:
        """Seconds a pass may take now: the pass limit, or less if the budget is ending."""
        if self.until is None:
            return TIMEOUT_SECONDS
        return min(TIMEOUT_SECONDS, self.until - self.now())


def ocr_available() -> bool:
    try:
        import pytesseract
    except ImportError:
        return False
    return shutil.which(pytesseract.pytesseract.tesseract_cmd) is not None


def numbers_in_photos(*, photos, seconds: float | None = None) -> OcrResult:
    """The numbers Tesseract reads on the photos, most often read first.

    With `seconds`, every pass over every photo fits in that many seconds in all: photos
    left when the time is up are not read, and the result says so.
    """
    if not ocr_available():
        return OcrResult(available=False, problems=[UNAVAILABLE])
    import pytesseract

    result = OcrResult(available=True)
    found: dict[str, Proposal] = {}
    if len(photos) > MAX_PHOTOS:
        result.problems.append(f"Chỉ đọc số trên {MAX_PHOTOS} ảnh đầu tiên.")
    clock = _Clock(seconds)
    chosen = photos[:MAX_PHOTOS]
    for tried, upload in enumerate(chosen):
        if clock.left() < MIN_PASS_SECONDS:
            result.problems.append(_out_of_time(tried, len(chosen)))
            break
        for proposal in _photo_read(pytesseract, upload, clock, result):
            if proposal.e164 in found:
                found[proposal.e164].votes += proposal.votes
            else:
                found[proposal.e164] = proposal
    result.proposals = sorted(found.values(), key=lambda p: -p.votes)
    return result


def _out_of_time(tried: int, chosen: int) -> str:
    return (
        f"Hết thời gian đọc số: còn {chosen - tried} ảnh chưa đọc. "
        "Hãy xem số trên các ảnh đó và nhập bằng tay nếu cần."
    )


def _photo_read(pytesseract, upload, clock: _Clock, result: OcrResult) -> list[Proposal]:
    image = _open(upload, result)
    if image is None:
        return []
    try:
        read = _read_photo(pytesseract, image, clock)
    except (RuntimeError, pytesseract.TesseractError, OSError):
        result.problems.append(f"Không đọc được chữ trên ảnh “{_name(upload)}”.")
        return []
    result.read_photos += 1
    return read


def _read_photo(pytesseract, image: Image.Image, clock: _Clock) -> list[Proposal]:
    """The numbers on one photo, each with the number of passes that read it."""
    found: dict[str, Proposal] = {}
    for done, (variant, config) in enumerate(_variants(image), start=1):
        left = clock.left()
        try:
            if left < MIN_PASS_SECONDS:
                raise RuntimeError("no time left for this pass")
            text = pytesseract.image_to_string(variant, lang=LANGUAGE, config=config, timeout=left)
        except RuntimeError:  # this pass ran out of time: what the earlier ones read stands
            if done == 1:
                raise
            break
        for written in dict.fromkeys(numbers_in_text(text)):
            number = parse(written, allow_unallocated=True)
            if number.e164 in found:
                found[number.e164].votes += 1
            else:
                found[number.e164] = Proposal(written, number.e164, number.display)
        if done >= AGREEING_PASSES and found and all(p.votes >= done for p in found.values()):
            break
    return _outvoted_dropped(list(found.values()))


def _outvoted_dropped(proposals: list[Proposal]) -> list[Proposal]:
    """Without a misreading of a number that more passes read otherwise: "0389 456 785"
    once beside "0389 456 789" twice is one digit read wrong, not a second number."""

    def outvoted(p: Proposal) -> bool:
        return any(
            o.votes > p.votes
            and len(o.e164) == len(p.e164)
            and sum(a != b for a, b in zip(o.e164, p.e164, strict=True)) <= 2
            for o in proposals
        )

    return [p for p in proposals if not outvoted(p)]


def numbers_in_text(text: str) -> list[str]:
    """Phone numbers in OCR output, forgiving the usual letter-for-digit mistakes."""
    text = _DIGIT_PUNCT.sub(".", text)

    def fix(match: re.Match) -> str:
        run = match.group()
        digits = sum(c.isdigit() for c in run)
        return run.translate(_LOOKALIKE) if digits >= max(2, len(run) - 2) else run

    numbers = []
    # Numbers outside the allocated ranges are proposed too: the officer sees the photo and
    # the number check warns about the range.
    for written in find_numbers(_RUN.sub(fix, text), allow_unallocated=True):
        try:
            parse(written, allow_unallocated=True)
        except InvalidPhoneNumber:
            continue
        numbers.append(written)
    return numbers


def _open(upload, result: OcrResult) -> Image.Image | None:
    try:
        image = ImageOps.exif_transpose(image_open(upload))
    except WorkflowError as exc:
        result.problems.append(str(exc))
        return None
    except (OSError, SyntaxError, ValueError):
        result.problems.append(
            f"Tệp “{_name(upload)}” không phải là ảnh hợp lệ (JPEG, PNG hoặc WEBP)."
        )
        return None
    finally:
        upload.seek(0)
    return image


def _variants(image: Image.Image):
    gray = ImageOps.autocontrast(ImageOps.grayscale(image), cutoff=1)
    for side, config in PASSES:
        scale = min(1.0, side / max(gray.size))
        size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
        yield gray.resize(size, Image.Resampling.LANCZOS), config


def _name(upload) -> str:
    return getattr(upload, "name", "ảnh")
