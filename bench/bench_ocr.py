"""How well and how fast the OCR proposes the number printed on an ad's photo.

    .venv/bin/python bench/bench_ocr.py [--set field|generated|both] [--show] [--shrunk]
    .venv/bin/python bench/bench_ocr.py --request

Two sets of photos, each read one photo at a time through `numbers_in_photos`, as the
job worker does with the photos as uploaded (decision 028; `--shrunk`: the copy shrunk
and re-encoded by `photo_prepare` that the capture form keeps across an error instead):
- field: tests/fixtures/field_photos/ (made by tools/field_photos.py, listed with their true
  numbers in its manifest.json): flyers on walls, stickers on poles, stencils, spray and
  marker, photographed with perspective, glare, blur, noise and JPEG;
- generated: 20 demo photos (demo_data.photos.ad_photo, seeds 1000–1019), what the demo
  loads and what the OCR was first tuned on.

For each set: numbers found exactly (the true number among the proposals), numbers
proposed wrongly (a proposal that is none of the true numbers), numbers missed, and the
time per photo (median and slowest), on the wall clock and in CPU seconds (this process
and its Tesseract processes). `--request` times what the capture request does now
(checking four field photos with `image_open` and copying their bytes) against what it
did before (reading those four with Tesseract). Results go in RESULTS.md.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raovat.settings")
os.environ.setdefault("DEBUG", "true")  # a development instance on this machine

FIELD = ROOT / "tests" / "fixtures" / "field_photos"
GENERATED_TEXTS = (
    "Khoan cắt bê tông",
    "Cho vay trả góp theo ngày, không thẩm định",
    "Thu mua phế liệu giá cao",
    "Hút hầm cầu",
    "Sửa máy lạnh tại nhà",
    "Chuyển nhà trọn gói",
    "Sim số đẹp giá rẻ",
)
GENERATED_FORMATS = ("{a}{b} {c} {d}", "{a}{b}.{c}.{d}", "{a}{b}-{c}-{d}", "{a}{b}{c}{d}")
MOBILE_PREFIXES = (
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
    "086",
    "088",
    "032",
    "035",
    "037",
    "039",
    "070",
    "077",
    "079",
    "081",
    "083",
    "085",
    "056",
)


def field_set() -> list[tuple[str, bytes, list[str]]]:
    manifest = json.loads((FIELD / "manifest.json").read_text(encoding="utf-8"))
    return [(e["file"], (FIELD / e["file"]).read_bytes(), e["numbers"]) for e in manifest]


def generated_set() -> list[tuple[str, bytes, list[str]]]:
    import random

    from demo_data.photos import AD_TYPES, ad_photo

    photos = []
    for i in range(20):
        seed = 1000 + i
        rng = random.Random(seed)
        phone = rng.choice(GENERATED_FORMATS).format(
            a=rng.choice(MOBILE_PREFIXES),
            b=rng.randint(0, 9),
            c=rng.randint(100, 999),
            d=rng.randint(100, 999),
        )
        data = ad_photo(
            phone_display=phone,
            ad_text=GENERATED_TEXTS[i % len(GENERATED_TEXTS)],
            ad_type=AD_TYPES[i % len(AD_TYPES)],
            seed=seed,
        )
        photos.append((f"demo-{seed}.jpg", data, [phone]))
    return photos


def _cpu() -> float:
    """CPU seconds of this process and the Tesseract processes it ran: unlike the wall
    clock, hardly moved by other work on the machine."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _shrunk(name: str, data: bytes) -> bytes:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from raovat.cases.services.photos import photo_prepare

    return photo_prepare(SimpleUploadedFile(name, data, content_type="image/jpeg")).image


def score(photos, *, show=False, shrunk=False) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from raovat.cases.phones import parse
    from raovat.cases.services.ocr import numbers_in_photos

    found = wrong = missed = 0
    times, cpus = [], []
    for name, data, numbers in photos:
        truth = {parse(n, allow_unallocated=True).e164 for n in numbers}
        if shrunk:
            data = _shrunk(name, data)
        upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
        start, cpu = time.perf_counter(), _cpu()
        result = numbers_in_photos(photos=[upload])
        times.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
        proposed = {p.e164 for p in result.proposals}
        found += len(truth & proposed)
        wrong += len(proposed - truth)
        missed += len(truth - proposed)
        if show:
            print(
                f"  {name:32} {'ok ' if truth <= proposed else 'MISS'} "
                f"{times[-1]:5.2f} s (CPU {cpus[-1]:4.2f} s)  read {sorted(proposed)}  "
                f"true {sorted(truth)}"
            )
    total = found + missed
    return {
        "photos": len(photos),
        "numbers": total,
        "found": found,
        "wrong": wrong,
        "missed": missed,
        "hit_rate": found / total,
        "median_s": statistics.median(times),
        "max_s": max(times),
        "cpu_median_s": statistics.median(cpus),
        "cpu_max_s": max(cpus),
    }


def request(rounds: int = 5) -> None:
    """The capture request's own work for four photos, before and after decision 028."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from raovat.cases.services.ocr import numbers_in_photos
    from raovat.cases.services.photos import image_open

    def check(name, data):
        with image_open(SimpleUploadedFile(name, data, content_type="image/jpeg")) as image:
            return image.size, bytes(data)

    photos = field_set()
    groups = [photos[i : i + 4] for i in range(0, 4 * rounds, 4)]
    for label, work in (
        ("now: image_open x4", lambda group: [check(n, d) for n, d, _ in group]),
        (
            "before: Tesseract x4",
            lambda group: numbers_in_photos(
                photos=[SimpleUploadedFile(n, d, content_type="image/jpeg") for n, d, _ in group]
            ),
        ),
    ):
        times, cpus = [], []
        for group in groups:
            start, cpu = time.perf_counter(), _cpu()
            work(group)
            times.append(time.perf_counter() - start)
            cpus.append(_cpu() - cpu)
        print(
            f"  {label}: wall median {statistics.median(times):.2f} s, most {max(times):.2f} s; "
            f"CPU median {statistics.median(cpus):.2f} s, most {max(cpus):.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=("field", "generated", "both"), default="both")
    parser.add_argument("--show", action="store_true", help="one line per photo")
    parser.add_argument("--shrunk", action="store_true", help="read the form's shrunk copy")
    parser.add_argument("--request", action="store_true", help="time the capture request")
    args = parser.parse_args()

    import django

    django.setup()
    from raovat.cases.services.ocr import ocr_available

    if not ocr_available():
        sys.exit("Tesseract is not installed")
    if args.request:
        request()
        return
    sets = {"field": field_set, "generated": generated_set}
    for name in sets if args.set == "both" else (args.set,):
        print(f"{name}:")
        r = score(sets[name](), show=args.show, shrunk=args.shrunk)
        print(
            f"  {r['photos']} photos, {r['numbers']} numbers: found {r['found']} "
            f"({r['hit_rate']:.0%}), proposed wrongly {r['wrong']}, missed {r['missed']}; "
            f"per photo median {r['median_s']:.2f} s, slowest {r['max_s']:.2f} s "
            f"(CPU median {r['cpu_median_s']:.2f} s, most {r['cpu_max_s']:.2f} s)"
        )


if __name__ == "__main__":
    main()
