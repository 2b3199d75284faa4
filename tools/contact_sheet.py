"""A contact sheet of briefs: every page of every PDF under a build folder, small, in
one PNG per file — to look at the briefs as a reader would before calling a change done.

Usage: python tools/contact_sheet.py build/ [out-folder]  (default: build/contact-sheets)
DOCX: convert first with `soffice --headless --convert-to pdf file.docx`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2
from PIL import Image

SCALE = 0.5  # 36 dpi: enough to see layout, spacing and breaks


def sheet(pdf: Path, out: Path) -> Path:
    document = pypdfium2.PdfDocument(str(pdf))
    pages = [document[n].render(scale=SCALE).to_pil() for n in range(len(document))]
    width = sum(p.width for p in pages) + 8 * (len(pages) + 1)
    height = max(p.height for p in pages) + 16
    canvas = Image.new("RGB", (width, height), "#d9dee0")
    x = 8
    for page in pages:
        canvas.paste(page, (x, 8))
        x += page.width + 8
    target = out / f"{pdf.parent.name}--{pdf.stem}.png"
    canvas.save(target)
    return target


def main(build: str, out: str | None = None) -> None:
    folder = Path(out) if out else Path(build) / "contact-sheets"
    folder.mkdir(parents=True, exist_ok=True)
    for pdf in sorted(Path(build).rglob("*.pdf")):
        if folder not in pdf.parents:
            print(sheet(pdf, folder))


if __name__ == "__main__":
    main(*sys.argv[1:])
