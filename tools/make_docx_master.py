"""Generate src/plaidoyer/templates/brief.docx, the Word master of every DOCX brief.

Run `python tools/make_docx_master.py` after editing this script, and commit
the result. Designers may also open brief.docx in Word or LibreOffice and restyle
it directly (Title, Subtitle, Heading 1–3, List Bullet, Quote, Caption, Body Text 3 for
notes and glossary, the "Light List Accent 1" table style): the briefs pick up every
style change. brief-compact.docx is the denser variant the one- and two-page audiences
choose in their `templates:`.
The Jinja tags ({{ … }}, {%p … %}) must stay as they are.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from plaidoyer.render.word_fields import add_field

ACCENT = RGBColor(0x0B, 0x5C, 0x55)
MUTED = RGBColor(0x5B, 0x66, 0x70)
SERIF, SANS = "Noto Serif", "Noto Sans"


def _font(style, name: str, size: float | None = None, color: RGBColor | None = None,
          bold: bool | None = None) -> None:
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    if size:
        style.font.size = Pt(size)
    if color is not None:
        style.font.color.rgb = color
    if bold is not None:
        style.font.bold = bold


def build(path: Path, compact: bool = False) -> None:
    """The master; `compact` is the denser variant for one- and two-page briefs."""
    scale = 0.9 if compact else 1.0
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18 if compact else 20)
    section.top_margin, section.bottom_margin = Mm(16 if compact else 20), Mm(16 if compact else 20)

    styles = doc.styles
    _font(styles["Normal"], SERIF, 10 * scale)
    styles["Normal"].paragraph_format.space_after = Pt(3 if compact else 5)
    styles["Normal"].paragraph_format.line_spacing = 1.0 if compact else 1.15
    _font(styles["Title"], SANS, 26 * scale * (0.75 if compact else 1), ACCENT, True)
    _font(styles["Subtitle"], SERIF, 14 * scale, MUTED)
    _font(styles["Heading 1"], SANS, 15 * scale, ACCENT, True)
    _font(styles["Heading 2"], SANS, 12 * scale, ACCENT, True)
    _font(styles["Heading 3"], SANS, 10.5 * scale, RGBColor(0x1D, 0x23, 0x27), True)
    _font(styles["Caption"], SANS, 8.5 * scale, MUTED, False)
    _font(styles["Quote"], SERIF, 9.5 * scale, RGBColor(0x1D, 0x23, 0x27))
    _font(styles["Body Text 3"], SERIF, 8.5 * scale)  # notes and glossary
    styles["Body Text 3"].paragraph_format.space_after = Pt(2)
    styles["Body Text 3"].paragraph_format.keep_together = True
    if compact:
        for name in ("Heading 1", "Heading 2", "Heading 3"):
            styles[name].paragraph_format.space_before = Pt(8)
    styles["Quote"].font.italic = False
    styles["Quote"].paragraph_format.left_indent = Mm(6)
    for name in ("List Bullet", "List Bullet 2", "TOC Heading"):
        if name in [s.name for s in styles]:
            _font(styles[name], SERIF if name.startswith("List") else SANS, 10)
    for level in (1, 2, 3):
        styles[f"Heading {level}"].paragraph_format.keep_with_next = True

    doc.add_paragraph("{{ brief.event }} · {{ brief.period }}", style="Caption")
    doc.add_paragraph("{{ brief.title }}", style="Title")
    doc.add_paragraph("{%p if brief.subtitle %}")
    doc.add_paragraph("{{ brief.subtitle }}", style="Subtitle")
    doc.add_paragraph("{%p endif %}")
    audience = doc.add_paragraph()
    run = audience.add_run("{{ brief.audience_label }}")
    run.bold = True
    run.font.color.rgb = ACCENT
    doc.add_paragraph("{{ authors }}", style="Caption")
    doc.add_paragraph("{%p if toc %}")
    doc.add_paragraph("{{ labels.contents }}", style="Heading 1")
    doc.add_paragraph("{{p toc }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if brief.cover %}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{p body }}")

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.style = styles["Caption"]
    footer.add_run("{{ brief.short_title }} — {{ labels.page }} ")
    add_field(footer, "PAGE", ["1"])
    footer.add_run(" {{ labels.of }} ")
    add_field(footer, "NUMPAGES", ["1"])
    _brand_theme(doc)
    _figures_table_style(doc)
    doc.save(path)


THEME_COLOURS = {  # Office 2010's scheme → plaidoyer's palette (brief.css)
    "1F497D": "1D2327", "EEECE1": "E6F0EF", "4F81BD": "0B5C55", "C0504D": "C2571A",
    "9BBB59": "5A4A9C", "8064A2": "2F7D32", "4BACC6": "A0324F", "F79646": "6B6B00",
    "0000FF": "0B5C55", "800080": "5B6670",
}


def _brand_theme(doc) -> None:
    """The master's own theme: its colours and Noto faces, no Office blue, no Calibri."""
    part = next(p for p in doc.part.package.iter_parts()
                if str(p.partname).startswith("/word/theme/"))
    xml = part.blob.decode("utf-8")
    xml = xml.replace('typeface="Calibri"', f'typeface="{SERIF}"').replace(
        'typeface="Cambria"', f'typeface="{SANS}"').replace('name="Office Theme"',
                                                           'name="Plaidoyer"').replace(
        'name="Office"', 'name="Plaidoyer"')
    for office, ours in THEME_COLOURS.items():
        xml = xml.replace(f'val="{office}"', f'val="{ours}"')
    part._blob = xml.encode("utf-8")


def _figures_table_style(doc) -> None:
    """A table style of our own for key figures, made from Word's light list."""
    import copy

    styles = doc.styles.element
    light = next(s for s in styles.findall(qn("w:style"))
                 if s.get(qn("w:styleId")) == "LightList-Accent1")
    ours = copy.deepcopy(light)
    ours.set(qn("w:styleId"), "PlaidoyerFigures")
    ours.find(qn("w:name")).set(qn("w:val"), "Plaidoyer Figures")
    styles.append(ours)
    coloured = {qn(tag) for tag in ("w:color", "w:shd", "w:top", "w:bottom", "w:left",
                                    "w:right", "w:insideH", "w:insideV")}
    for element in styles.iter():  # styles' own copies of the Office colours
        if element.tag not in coloured:
            continue
        for attr in (qn("w:color"), qn("w:fill"), qn("w:val")):
            if element.get(attr) in THEME_COLOURS:
                element.set(attr, THEME_COLOURS[element.get(attr)])


if __name__ == "__main__":
    templates = Path(__file__).parent.parent / "src" / "plaidoyer" / "templates"
    build(templates / "brief.docx")
    build(templates / "brief-compact.docx", compact=True)
