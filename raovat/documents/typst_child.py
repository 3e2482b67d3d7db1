"""Lays out one document with Typst in a process of its own (decision 029).

`raovat.documents.pdf` runs this file as `python -P typst_child.py ROOT TEMPLATE FONT_DIR`
with the document's data (JSON, UTF-8) on standard input; the PDF comes back on standard
output. It imports only `typst`: no Django, no settings, no database. The process ends
with the document, and with it everything Typst memoised while laying it out.

Exit status: 0 the PDF; 2 Typst refused the document (its message on standard error);
3 the fonts are missing.
"""

import sys
from pathlib import Path

import typst

FONT_FAMILY = "Liberation Serif"
REFUSED, NO_FONTS = 2, 3


class FontsMissing(RuntimeError):
    pass


def fonts(folder: str | Path) -> typst.Fonts:
    """The fonts of `folder` only: no system fonts, none built into Typst."""
    found = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(folder)]
    )
    if FONT_FAMILY not in found.families():
        raise FontsMissing(f"{FONT_FAMILY} not found in {folder} (Debian: fonts-liberation2)")
    return found


def main(argv: list[str]) -> int:
    root, template, font_dir = argv[1:4]
    try:
        found = fonts(font_dir)
    except FontsMissing as problem:
        sys.stderr.write(str(problem))
        return NO_FONTS
    compiler = typst.Compiler(root=root, font_paths=found, ignore_system_fonts=True)
    data = sys.stdin.buffer.read().decode("utf-8")
    try:
        # No PDF tag tree: it doubled the time and made the 750-row slip 8× bigger
        # (bench/RESULTS.md).
        pdf = compiler.compile(input=template, sys_inputs={"data": data}, pdf_tags=False)
    except typst.TypstError as error:
        sys.stderr.write(f"{error.message}\n{error.diagnostic}")
        return REFUSED
    sys.stdout.buffer.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
