"""Turn the diagram's SVG into a PNG fallback for DOCX readers without SVG support.

WeasyPrint (already needed for the PDF) typesets the SVG into a one-page PDF and
PDFium rasterises it, so no Cairo or browser is needed. The picture is drawn with the
bundled Noto faces, as in the PDF: with the machine's fonts (DejaVu here) its labels ran
7–9 % wider than the layout measured.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache

import pypdfium2
from weasyprint import HTML

from ..resources import DEFAULT_TEMPLATES
from .pdf import shared_fonts

DPI = 200
_FACES = "".join(
    f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
    f'src: url("{(DEFAULT_TEMPLATES / "fonts" / file).as_uri()}") }}'
    for family, weight, file in (
        ("Noto Sans", "normal", "NotoSans-Regular.ttf"),
        ("Noto Sans", "bold", "NotoSans-Bold.ttf"),
        ("Noto Sans Arabic", "normal", "NotoSansArabic-Regular.ttf"),
        ("Noto Sans Arabic", "bold", "NotoSansArabic-Bold.ttf")))


@lru_cache(maxsize=16)
def svg_to_png(svg: str) -> bytes:
    """Kept for the process: a paper's briefs in one language share their diagram."""
    box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if box is None:
        raise ValueError("the diagram SVG has no viewBox")
    width, height = float(box.group(1)), float(box.group(2))
    html = (f"<style>{_FACES} @page {{ size: {width}px {height}px; margin: 0 }} "
            f"body {{ margin: 0 }}</style>{svg}")
    pdf = HTML(string=html).write_pdf(font_config=shared_fonts((DEFAULT_TEMPLATES,)))
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=DPI / 72).to_pil()
    out = io.BytesIO()
    image.save(out, format="PNG")  # optimize=True: 2 % smaller, four times slower
    return out.getvalue()
