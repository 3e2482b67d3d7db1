"""Make the pictures of docs/documents/ from the real code: each kind's sample (the
admin's "Xem thử" context) laid out by its Typst template, page 1 at 80 dpi, and page 2
of a 750-row transfer slip. Run after changing a template or the samples, commit the
PNGs:

    DEBUG=true .venv/bin/python -m tools.document_pictures

Needs `pdftoppm` (poppler-utils).
"""

import os
import subprocess
import tempfile
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raovat.settings")
django.setup()

from raovat.documents import services  # noqa: E402
from raovat.documents.contexts.samples import sample_context  # noqa: E402
from raovat.documents.kinds import DocumentKind as K  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "documents"
DPI = 80


def picture(kind: str, name: str, *, rows: int = 3, page: int = 1) -> Path:
    pdf = services.render_pdf(kind, services.pdf_data(kind, sample_context(kind, rows=rows)))
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(pdf)
        stem = Path(folder) / "page"
        pages = ["-f", str(page), "-l", str(page), "-singlefile"]
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(DPI), *pages, str(source), str(stem)], check=True
        )
        target = OUT / f"{name}.png"
        target.write_bytes(stem.with_suffix(".png").read_bytes())
    return target


def main() -> None:
    for kind in K.values:
        print(picture(kind, kind))
    print(picture(K.TRANSFER_SLIP, "transfer_slip-750-page2", rows=750, page=2))


if __name__ == "__main__":
    main()
