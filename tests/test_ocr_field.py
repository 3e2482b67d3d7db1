"""The OCR on field-like photos of ads, not only on the demo's own drawings.

tests/fixtures/field_photos/ holds photos made by tools/field_photos.py: flyers taped on
walls, stickers wrapped round poles, stencils, spray and marker on walls and shutters,
photographed with perspective, glare, shadow, blur, noise and JPEG. manifest.json gives the
true number(s) of each. The real Tesseract reads each photo once for the whole module.
"""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from raovat.cases.phones import parse
from raovat.cases.services import ocr

pytestmark = pytest.mark.skipif(not ocr.ocr_available(), reason="Tesseract is not installed")

FIELD = Path(__file__).parent / "fixtures" / "field_photos"
MANIFEST = json.loads((FIELD / "manifest.json").read_text(encoding="utf-8"))
EASY = [e["file"] for e in MANIFEST if e["easy"]]

# Measured with the committed OCR (bench/RESULTS.md): 14 of 22 numbers found, 1 proposed
# wrongly (the OCR before the field photos: 10 and 3). The floor sits a little under, so
# losing two numbers or proposing two more wrong ones fails.
MIN_FOUND = 13
MAX_WRONG = 2


@pytest.fixture(scope="module")
def readings():
    """For each photo: (true numbers, proposed numbers), as E.164."""
    out = {}
    # How fast is bench/bench_ocr.py's question; on a busy machine a pass may outlast the
    # product's time limit, and the test is about what the passes read.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ocr, "TIMEOUT_SECONDS", 300)
        for entry in MANIFEST:
            out[entry["file"]] = _read(entry)
    return out


def _read(entry):
    data = (FIELD / entry["file"]).read_bytes()
    upload = SimpleUploadedFile(entry["file"], data, content_type="image/jpeg")
    result = ocr.numbers_in_photos(photos=[upload])
    assert result.available and result.read_photos == 1, result.problems
    truth = {parse(n, allow_unallocated=True).e164 for n in entry["numbers"]}
    return truth, {p.e164 for p in result.proposals}


def test_the_manifest_lists_every_photo_with_its_source_and_licence():
    files = {p.name for p in FIELD.glob("*.jpg")}
    assert files == {e["file"] for e in MANIFEST}
    assert len(files) >= 12
    for entry in MANIFEST:
        assert entry["numbers"] and entry["made"] and entry["licence"]
        assert (FIELD / entry["file"]).stat().st_size <= 300_000


@pytest.mark.parametrize("name", EASY)
def test_the_clear_photos_always_read(readings, name):
    truth, proposed = readings[name]
    assert truth <= proposed
    assert proposed == truth  # nothing wrong proposed beside it either


def test_the_hit_rate_on_field_photos_holds(readings):
    found = sum(len(t & p) for t, p in readings.values())
    wrong = sum(len(p - t) for t, p in readings.values())
    missed = {name: sorted(t - p) for name, (t, p) in readings.items() if t - p}
    assert found >= MIN_FOUND, f"found {found}, missed {missed}"
    assert wrong <= MAX_WRONG, {n: sorted(p - t) for n, (t, p) in readings.items() if p - t}


@pytest.mark.parametrize("name", ["a4-taped-wall.jpg", "marker-wall.jpg"])
def test_the_committed_photos_are_what_the_generator_makes(name):
    # Pixels, not bytes: another libjpeg may round differently. A changed scene or camera
    # fails here until the photos are made again (python tools/field_photos.py).
    import io

    from PIL import Image, ImageChops, ImageStat

    from tools import field_photos

    index, photo = next((i, p) for i, p in enumerate(field_photos.PHOTOS) if p.file == name)
    made = Image.open(io.BytesIO(field_photos.build(photo, field_photos.SEED + index)))
    committed = Image.open(FIELD / name)
    assert made.size == committed.size
    assert max(ImageStat.Stat(ImageChops.difference(made, committed)).mean) < 1.0
