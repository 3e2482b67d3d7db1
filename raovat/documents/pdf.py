"""PDF with Typst: one template per document kind, the context handed over as data.

The context goes to Typst as JSON in `sys.inputs` and the templates read it with
`json(bytes(...))`; a value is shown as text and never read as markup, so nothing a
user types can become Typst code. Fonts are only the files under DOCUMENT_FONT_DIR
(Liberation Serif, metric-compatible with Times New Roman); system and built-in fonts
are ignored, so a PDF is the same on every machine (decision 012).
"""

import functools
import json
import threading
from pathlib import Path

import typst
from django.conf import settings

TEMPLATES = Path(__file__).resolve().parent / "typst"
FONT_FAMILY = "Liberation Serif"

_lock = threading.Lock()


class FontsMissing(RuntimeError):
    pass


def fonts() -> typst.Fonts:
    """The fonts of DOCUMENT_FONT_DIR only: no system fonts, none built into Typst."""
    folder = Path(settings.DOCUMENT_FONT_DIR)
    found = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(folder)]
    )
    if FONT_FAMILY not in found.families():
        raise FontsMissing(f"{FONT_FAMILY} not found in {folder} (Debian: fonts-liberation2)")
    return found


@functools.cache
def _compiler() -> typst.Compiler:
    return typst.Compiler(root=str(TEMPLATES), font_paths=fonts(), ignore_system_fonts=True)


def render_pdf(kind: str, data: dict) -> bytes:
    """The PDF of `kind` laid out from `data` (strings, lists and dicts of them)."""
    payload = json.dumps(data, ensure_ascii=False)
    # One compiler, reused: it keeps fonts and Typst's memoised layout between calls.
    # Its state is not meant for two threads at once. No PDF tag tree: it doubled the
    # time and made the 750-row slip 8× bigger (bench/RESULTS.md).
    with _lock:
        return _compiler().compile(
            input=str(TEMPLATES / f"{kind}.typ"), sys_inputs={"data": payload}, pdf_tags=False
        )
