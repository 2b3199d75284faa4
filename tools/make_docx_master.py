"""Generate src/plaidoyer/templates/brief.docx, the Word master of every DOCX brief.

Run `python tools/make_docx_master.py` after editing this script, and commit the result.
Designers may also open brief.docx in Word or LibreOffice and restyle it directly: the
briefs pick up every style change. The renderer applies these styles, never direct
formatting (only pagination: a short table kept on one page):

- paragraphs: Title, Subtitle, Heading 1–3, TOC Heading and toc 1 (the contents), Demand
  (an ask), Case Box (a case illustrating an ask, shaded), Key Figure (a figure's value),
  Table Heading and Table Text (the figures table), footnote text (notes), Glossary Entry,
  Body Text 3 (about the paper), Figure (a drawing) and Caption, Details (an ask's
  addressee and anchors, a case's facts), List Bullet 1–2, Brief Type (the audience on
  the cover), Internal Mark, Release Line (a press brief's release or embargo line);
  the glossary is set in two columns (a section of its own);
- characters: Emphasis (titles and words in another language), Hyperlink, footnote
  reference, Glossary Term, Strong (the lead of a case box or of an ask);
- the "Plaidoyer Figures" table style.

brief-compact.docx is the denser variant the one- and two-page audiences choose in their
`templates:`. The Jinja tags ({{ … }}, {%p … %}) must stay as they are.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from plaidoyer.render.docx_package import fixed_zip
from plaidoyer.render.word_fields import add_field
from plaidoyer.render.word_notes import notes_part

ACCENT = RGBColor(0x0B, 0x5C, 0x55)
ACCENT_SOFT = "E6F0EF"
RULE = "C9D3D2"  # brief.css --rule
INK = RGBColor(0x1D, 0x23, 0x27)
MUTED = RGBColor(0x5B, 0x66, 0x70)
INTERNAL = RGBColor(0xA0, 0x32, 0x4F)
SERIF, SANS = "Noto Serif", "Noto Sans"
WORD_BUILT_IN = {"toc 1", "footnote text", "footnote reference", "Hyperlink", "TOC Heading",
                 "Emphasis"}
"""Word's own style names: Word and LibreOffice map them to their contents, notes and link
styles."""
PPR_ORDER = tuple(f"w:{name}" for name in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
    "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
    "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"))
"""The children of w:pPr in schema order (ECMA-376 §17.3.1.26)."""
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


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


def _style(doc, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH,
           base: str | None = "Normal") -> Any:
    """A style of the master, added if Word's defaults have none by that name."""
    names = {s.name.lower(): s for s in doc.styles}
    style = names.get(name.lower()) or doc.styles.add_style(name, kind,
                                                            builtin=name in WORD_BUILT_IN)
    if base:
        style.base_style = doc.styles[base]
    style.hidden = False
    style.unhide_when_used = False
    style.quick_style = True
    return style


def _ppr(style, tag: str, attributes: dict[str, str] | None = None) -> Any:
    """A paragraph property python-docx has no API for, in its schema place."""
    ppr = style.element.get_or_add_pPr()
    old = ppr.find(qn(tag))
    if old is not None:
        ppr.remove(old)
    element = OxmlElement(tag)
    for key, value in (attributes or {}).items():
        element.set(qn(f"w:{key}"), value)
    successors = PPR_ORDER[PPR_ORDER.index(tag) + 1:]
    ppr.insert_element_before(element, *successors)
    return element


def _no_hyphens(style) -> None:
    """Never hyphenated, whatever the reader's hyphenation setting: headings, names,
    figures and table cells."""
    _ppr(style, "w:suppressAutoHyphens")


def _spacing(style, before: float | None = None, after: float | None = None) -> None:
    if before is not None:
        style.paragraph_format.space_before = Pt(before)
    if after is not None:
        style.paragraph_format.space_after = Pt(after)


def _styles(doc, scale: float, compact: bool, text_width: Mm) -> None:
    styles = doc.styles
    _font(styles["Normal"], SERIF, 10 * scale)
    _spacing(styles["Normal"], after=3 if compact else 5)
    styles["Normal"].paragraph_format.line_spacing = 1.0 if compact else 1.15
    _font(styles["Title"], SANS, 26 * scale * (0.75 if compact else 1), ACCENT, True)
    _no_hyphens(styles["Title"])
    _font(styles["Subtitle"], SERIF, 14 * scale, MUTED)
    for level, size, before, after in ((1, 15, 16, 6), (2, 12, 12, 4), (3, 10.5, 8, 3)):
        heading = styles[f"Heading {level}"]
        _font(heading, SANS, size * scale, ACCENT if level < 3 else INK, True)
        _spacing(heading, before * (0.6 if compact else 1), after * (0.7 if compact else 1))
        heading.paragraph_format.keep_with_next = True
        _no_hyphens(heading)
    contents_title = _style(doc, "TOC Heading", base="Heading 1")
    _font(contents_title, SANS, 12 * scale, ACCENT, True)
    _spacing(contents_title, 12, 4)
    _ppr(contents_title, "w:outlineLvl", {"val": "9"})  # body text: not in the contents
    entry = _style(doc, "toc 1")
    _font(entry, SERIF, 10 * scale)
    _spacing(entry, 0, 2)
    entry.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT,
                                                  WD_TAB_LEADER.DOTS)
    entry.paragraph_format.left_indent = Mm(6)  # a title on two lines: under its words,
    entry.paragraph_format.first_line_indent = Mm(-6)  # and clear of the page numbers
    entry.paragraph_format.right_indent = Mm(10)
    _no_hyphens(entry)
    _font(styles["Caption"], SANS, 8.5 * scale, MUTED, False)
    _spacing(styles["Caption"], 3)  # under a table or a figure, not against it
    _font(styles["Quote"], SERIF, 9.5 * scale, INK)
    styles["Quote"].font.italic = False
    styles["Quote"].paragraph_format.left_indent = Mm(6)
    _font(styles["Body Text 3"], SERIF, 8.5 * scale)  # about the paper
    _spacing(styles["Body Text 3"], after=2)
    styles["Body Text 3"].paragraph_format.keep_together = True
    for name in ("List Bullet", "List Bullet 2"):
        _font(styles[name], SERIF, 10 * scale)
    footer = styles["Footer"]
    _font(footer, SANS, 8 * scale, MUTED)
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _own_styles(doc, scale, compact)


def _own_styles(doc, scale: float, compact: bool) -> None:
    """The styles of a brief's own parts: asks, case boxes, figures, notes, glossary."""
    demand = _style(doc, "Demand")
    _font(demand, SERIF, 10 * scale, INK, True)
    _spacing(demand, 4 if compact else 6, 2)
    demand.paragraph_format.keep_with_next = True  # with its addressee and its example
    demand.paragraph_format.keep_together = True
    # an ask led by its topic in bold (Strong): the ask itself in the text's weight
    led = _style(doc, "Demand With Lead-in", base="Demand")
    led.font.bold = False
    case = _style(doc, "Case Box")
    _font(case, SERIF, 9.5 * scale, INK)
    _spacing(case, 2, 6 if not compact else 4)
    case.paragraph_format.keep_together = True
    case.paragraph_format.left_indent = Mm(3)
    case.paragraph_format.right_indent = Mm(1.5)
    border = _ppr(case, "w:pBdr")
    for side, size, colour in (("top", "4", ACCENT_SOFT), ("left", "18", str(ACCENT)),
                               ("bottom", "4", ACCENT_SOFT), ("right", "4", ACCENT_SOFT)):
        line = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", size), ("space", "4"), ("color", colour)):
            line.set(qn(f"w:{key}"), value)
        border.append(line)
    _ppr(case, "w:shd", {"val": "clear", "color": "auto", "fill": ACCENT_SOFT})
    value = _style(doc, "Key Figure")
    _font(value, SANS, 9 * scale, ACCENT, True)
    _spacing(value, 0, 0)
    value.paragraph_format.line_spacing = 1.0
    _no_hyphens(value)
    for name, font, size in (("Table Text", SERIF, 9), ("Table Heading", SANS, 8.5)):
        cell = _style(doc, name)
        _font(cell, font, size * scale)
        _spacing(cell, 0, 0)
        cell.paragraph_format.line_spacing = 1.0
        _no_hyphens(cell)
    figure = _style(doc, "Figure")  # the paragraph holding a drawing: with its caption
    _spacing(figure, 6, 0)
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
    details = _style(doc, "Details", base="Caption")  # an ask's addressee, a case's facts
    _spacing(details, 0, 3)
    details.paragraph_format.keep_with_next = True
    _font(_style(doc, "Brief Type"), SANS, 11 * scale, ACCENT, True)
    _font(_style(doc, "Internal Mark"), SANS, 10 * scale, INTERNAL, True)
    release = _style(doc, "Release Line")  # a press brief's "For immediate release"
    _font(release, SANS, 9 * scale, INTERNAL, True)
    _spacing(release, 0, 4)
    note = _style(doc, "footnote text")
    _font(note, SERIF, 8.5 * scale)
    _spacing(note, 2, 0)  # clear of the separator line
    note.paragraph_format.line_spacing = 1.0
    note.paragraph_format.left_indent = Mm(5)
    note.paragraph_format.first_line_indent = Mm(-5)
    note.paragraph_format.tab_stops.add_tab_stop(Mm(5))
    note.paragraph_format.keep_together = True
    reference = _style(doc, "footnote reference", WD_STYLE_TYPE.CHARACTER,
                       base="Default Paragraph Font")
    reference.font.superscript = True
    glossary = _style(doc, "Glossary Entry")
    _font(glossary, SERIF, 8.5 * scale)
    _spacing(glossary, 0, 2)
    glossary.paragraph_format.line_spacing = 1.0
    glossary.paragraph_format.keep_together = True
    _style(doc, "Glossary Term", WD_STYLE_TYPE.CHARACTER,
           base="Default Paragraph Font").font.bold = True
    link = _style(doc, "Hyperlink", WD_STYLE_TYPE.CHARACTER, base="Default Paragraph Font")
    link.font.color.rgb = ACCENT
    link.font.underline = True
    emphasis = _style(doc, "Emphasis", WD_STYLE_TYPE.CHARACTER, base="Default Paragraph Font")
    emphasis.font.italic = True


def build(path: Path, compact: bool = False) -> None:
    """The master; `compact` is the denser variant for one- and two-page briefs."""
    scale = 0.9 if compact else 1.0
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    margin = Mm(18 if compact else 20)
    section.left_margin = section.right_margin = margin
    section.top_margin, section.bottom_margin = Mm(16 if compact else 20), Mm(16 if compact else 20)
    _styles(doc, scale, compact, Mm(210) - 2 * margin)

    doc.add_paragraph("{%p if brief.release %}")
    doc.add_paragraph("{{ brief.release }}", style="Release Line")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ brief.event }} · {{ brief.period }}", style="Caption")
    doc.add_paragraph("{{ brief.title }}", style="Title")
    doc.add_paragraph("{%p if brief.subtitle %}")
    doc.add_paragraph("{{ brief.subtitle }}", style="Subtitle")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ brief.audience_label }}", style="Brief Type")
    doc.add_paragraph("{{ authors }}", style="Caption")
    doc.add_paragraph("{%p if key_messages %}")  # on the cover, as in print
    doc.add_paragraph("{{p key_messages }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if brief.cover %}")  # the contents open page 2, as in print
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if toc %}")
    doc.add_paragraph("{{ labels.contents }}", style="TOC Heading")
    doc.add_paragraph("{{p toc }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{p body }}")

    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    # A middle dot, not a dash: short titles have dashes of their own ("… – COP21").
    footer.add_run("{{ brief.short_title }} · {{ labels.page }} ")
    add_field(footer, "PAGE", ["1"])
    footer.add_run(" {{ labels.of }} ")
    add_field(footer, "NUMPAGES", ["1"])
    _footnotes(doc)
    _brand_theme(doc)
    _figures_table_style(doc)
    _drop_leftovers(doc)
    out = io.BytesIO()
    doc.save(out)
    path.write_bytes(fixed_zip(out.getvalue(), "1980-01-01"))  # the same bytes every run


def _footnotes(doc) -> None:
    """The footnotes part with its separators, so designers can restyle them."""
    notes_part(doc)


def _drop_leftovers(doc) -> None:
    """Parts of python-docx's own template a brief must not carry: the thumbnail of
    another document, and Word 2010's copy of every style in Office's colours."""
    package_rels = doc.part.package.rels
    for rel_id in [r for r, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        del package_rels[rel_id]
    for rel_id in [r for r, rel in doc.part.rels.items() if rel.reltype == STYLES_WITH_EFFECTS]:
        del doc.part.rels[rel_id]
    app = next(rel.target_part for rel in package_rels.values()
               if rel.reltype == RT.EXTENDED_PROPERTIES)
    app._blob = APP_XML.encode("utf-8")  # not "Microsoft Macintosh Word", 1 page, 0 words


APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Template>Normal.dotm</Template><Application>plaidoyer</Application>'
    "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false"
    "</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>")


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


FIGURES_TABLE_STYLE = f"""<w:style {nsdecls("w")} w:type="table" w:styleId="PlaidoyerFigures">
<w:name w:val="Plaidoyer Figures"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>
<w:qFormat/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>
<w:top w:val="single" w:sz="12" w:space="0" w:color="{ACCENT}"/>
<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/></w:tblBorders>
<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>
<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{ACCENT}"/></w:tcPr></w:tblStylePr>
</w:style>""".replace("\n", "")
"""Rules between rows only, as in the PDF: no grid, no banding; the header row in the
accent colour."""


def _figures_table_style(doc) -> None:
    """A table style of our own for key figures, and the Office colours of Word's other
    table styles replaced by the palette's."""
    styles = doc.styles.element
    styles.append(parse_xml(FIGURES_TABLE_STYLE))
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
