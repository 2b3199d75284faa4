"""Turn the diagram's SVG into a PNG fallback for DOCX readers without SVG support.

WeasyPrint (already needed for the PDF) typesets the SVG into a one-page PDF and
PDFium rasterises it, so no Cairo or browser is needed.
"""

from __future__ import annotations

import io
import re

import pypdfium2
from weasyprint import HTML

DPI = 200


def svg_to_png(svg: str) -> bytes:
    box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if box is None:
        raise ValueError("the diagram SVG has no viewBox")
    width, height = float(box.group(1)), float(box.group(2))
    html = (f"<style>@page {{ size: {width}px {height}px; margin: 0 }} body {{ margin: 0 }}"
            f"</style>{svg}")
    pdf = HTML(string=html).write_pdf()
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=DPI / 72).to_pil()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
