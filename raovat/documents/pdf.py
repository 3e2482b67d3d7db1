"""PDF with Typst: one template per document kind, the context handed over as data.

The context goes to Typst as JSON in `sys.inputs` and the templates read it with
`json(bytes(...))`; a value is shown as text and never read as markup, so nothing a
user types can become Typst code. Fonts are only the files under DOCUMENT_FONT_DIR
(Liberation Serif, metric-compatible with Times New Roman); system and built-in fonts
are ignored, so a PDF is the same on every machine (decision 012).

Each document is laid out in a short-lived process of its own (`typst_child.py`,
decision 029): Typst memoises every layout in its process and keeps the last ten
compiles, which made a long-running server grow to 800–900 MB and lay out a long slip
slower warm than fresh. A process per document starts in ~0.03 s, holds ~35 MB for a
one-page letter and ~125 MB for the 750-row slip, and gives all of it back at the end.
"""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from raovat.documents.typst_child import FontsMissing
from raovat.documents.typst_child import fonts as fonts_in

TEMPLATES = Path(__file__).resolve().parent / "typst"
CHILD = Path(__file__).resolve().with_name("typst_child.py")

__all__ = ["FontsMissing", "LayoutFailed", "command", "fonts", "render_pdf"]


class LayoutFailed(RuntimeError):
    """Typst did not lay the document out (a template fault, or it ran out of time)."""


def fonts():
    """The fonts of DOCUMENT_FONT_DIR (the start-up check reads them)."""
    return fonts_in(settings.DOCUMENT_FONT_DIR)


def command(kind: str) -> list[str]:
    """The command that lays out `kind`; it reads the data on standard input."""
    # -P: the child's folder is not put on its import path (it holds a `typst/` folder).
    return [
        sys.executable,
        "-P",
        str(CHILD),
        str(TEMPLATES),
        str(TEMPLATES / f"{kind}.typ"),
        str(settings.DOCUMENT_FONT_DIR),
    ]


def render_pdf(kind: str, data: dict) -> bytes:
    """The PDF of `kind` laid out from `data` (strings, lists and dicts of them)."""
    payload = json.dumps(data, ensure_ascii=False).encode()
    limit = settings.DOCUMENT_MAX_SECONDS
    try:
        done = subprocess.run(command(kind), input=payload, capture_output=True, timeout=limit)
    except subprocess.TimeoutExpired:
        raise LayoutFailed(f"{kind}: not laid out in {limit} s") from None
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        problem = done.stderr.decode("utf-8", "replace")
        raise LayoutFailed(f"{kind}: Typst exit {done.returncode}: {problem}")
    return done.stdout
