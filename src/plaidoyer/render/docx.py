"""DOCX: the brief poured into the Word master (templates/brief.docx) with docxtpl.

The master holds the cover, the footer and every style; this module only adds
paragraphs with Word's built-in style names, so readers can restyle the brief.
"""

from __future__ import annotations

import datetime
import io
import zipfile

from babel import Locale
from babel.core import get_global
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..diagram import partnership_svg
from ..localize import babel_locale
from ..model.brief import Brief, Item, Para, Section, Span
from . import RenderContext, Rendered, TemplateFailed
from .docx_fonts import embed_fonts
from .vector import svg_to_png
from .word_fields import add_field

TABLE_STYLE = "Plaidoyer Figures"  # the master's own table style
SMALL_TEXT = "Body Text 3"  # Word's built-in style for small print: notes, glossary
CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
CORE_PROPERTY_LIMIT = 255  # characters Word allows in a document property
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def render(brief: Brief, ctx: RenderContext) -> Rendered:
    path = ctx.template(brief.docx_template)
    if not zipfile.is_zipfile(path):
        raise TemplateFailed(f"templates/{brief.docx_template}: error: not a Word document "
                             "(.docx): name a Word master [template]")
    tpl = DocxTemplate(str(path))
    body = tpl.new_subdoc()
    if brief.internal:
        mark = body.add_paragraph().add_run(brief.labels["internal.mark"])
        mark.bold = True
        mark.font.color.rgb = RGBColor(0xA0, 0x32, 0x4F)
    if brief.lede:
        lede = body.add_paragraph(style="Subtitle")
        _runs(lede, brief.lede)
    for section in brief.sections:
        _section(body, section, brief)
    _back_matter(body, brief)
    toc = tpl.new_subdoc()
    _toc_field(toc.add_paragraph(), brief)
    _guard(toc)
    context = {
        "brief": brief,
        "labels": brief.labels,
        "authors": " · ".join(brief.authors),
        # Word cannot count pages here: a brief with a cover is a long one, and gets a TOC.
        "toc": toc if (brief.toc if brief.toc is not None else brief.cover) else None,
        "body": body,
    }
    _guard(body)
    _language(tpl, brief)  # before the body goes in: its runs in other languages keep theirs
    try:
        tpl.render(context, jinja_env=SandboxedEnvironment(autoescape=True), autoescape=True)
    except TemplateError as error:
        raise TemplateFailed.of(error, brief.docx_template) from None
    _unguard(tpl)
    _properties(tpl, brief, ctx.stamp(brief))
    embed_fonts(tpl.docx, ctx.template)
    out = io.BytesIO()
    tpl.save(out)
    return Rendered(_fixed_zip(out.getvalue(), stamp=ctx.stamp(brief)))


def _fixed_zip(data: bytes, stamp: str) -> bytes:
    """The same package with every entry dated `stamp`: ZIP entries otherwise carry the
    time of the build, and two builds would differ."""
    day = datetime.date.fromisoformat(stamp)
    when = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


_GUARD = "\ue000"
"""docxtpl turns '{_{' and '}_}' of the rendered XML into '{{' and '}}', content included:
the guard keeps a text's own braces as written, and is taken out after rendering."""


def _guard(subdoc) -> None:
    """Every text of the body, guarded before docxtpl renders it."""
    for element in subdoc.subdocx.element.body.iter(qn("w:t")):
        if element.text:
            element.text = element.text.replace("{_", "{" + _GUARD + "_").replace(
                "_}", "_" + _GUARD + "}")


def _unguard(tpl: DocxTemplate) -> None:
    for element in tpl.docx.element.body.iter(qn("w:t")):
        if element.text and _GUARD in element.text:
            element.text = element.text.replace(_GUARD, "")


def _runs(paragraph, para: Para) -> None:
    for span in para:
        if span.note is not None:
            paragraph.add_run(str(span.note)).font.superscript = True
        elif span.url:
            _hyperlink(paragraph, span.text, span.url)
        else:
            run = paragraph.add_run(span.text)
            run.italic = span.emphasis or None
            if span.lang:
                _run_language(run, span.lang)


def _hyperlink(paragraph, text: str, url: str) -> None:
    """A clickable link (python-docx has no API for one: w:hyperlink with an external
    relationship)."""
    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    run.append(properties)
    content = OxmlElement("w:t")
    content.text = text
    content.set(qn("xml:space"), "preserve")
    run.append(content)
    link.append(run)
    paragraph._p.append(link)


def _run_language(run, lang: str) -> None:
    """Words in another language than the brief's: spell-checked and typeset as such."""
    element = OxmlElement("w:lang")
    element.set(qn("w:val"), lang)
    run._r.get_or_add_rPr().append(element)


def _heading(doc, text: str, level: int) -> None:
    doc.add_paragraph(text, style=f"Heading {level}")


def _section(doc, section: Section, brief: Brief) -> None:
    number = f"{section.number}. " if section.number else ""
    _heading(doc, number + section.title, 1)
    for para in section.intro:
        _runs(doc.add_paragraph(), para)
    for block in section.blocks:
        for para in block.paragraphs:
            _runs(doc.add_paragraph(), _numbered(block.number, para))
        if block.heading:
            _runs(doc.add_paragraph(style="Heading 3"), _numbered(block.number, block.heading))
        for item in block.items:
            _item(doc, item, brief, block.listed)
    if section.figures:
        _figures_table(doc, section, brief)
    if section.diagram:
        _diagram(doc, partnership_svg(section.diagram, brief.lang))
        doc.add_paragraph(section.diagram.caption, style="Caption")


def _numbered(number: str | None, para: Para) -> Para:
    return ((Span(f"{number} "), *para)) if number else para


def _item(doc, item: Item, brief: Brief, listed: bool) -> None:
    if item.kind == "case":
        _heading(doc, f"{item.number} {item.title}" if item.number else item.title or "", 2)
        if item.facts or item.partners:
            facts = doc.add_paragraph(" · ".join((*item.facts, *item.partners)), style="Caption")
            facts.paragraph_format.keep_with_next = True
        _runs(doc.add_paragraph(), item.body)
        for outcome in item.outcomes:
            _runs(doc.add_paragraph(style="List Bullet"), outcome)
        return
    body = _numbered(item.number, item.body)
    if item.kind == "claim":
        _runs(doc.add_paragraph(), body)
        return
    if listed:  # a numbered paragraph carries its number instead of a bullet
        _runs(doc.add_paragraph(style=None if item.number else "List Bullet"), body)
    else:  # an ask with its example: the ask in bold, the example as a quote
        paragraph = doc.add_paragraph()
        _runs(paragraph, body)
        for run in paragraph.runs:
            run.bold = True
    if item.to:
        doc.add_paragraph(item.to, style="Caption")
    if item.anchors:
        doc.add_paragraph(" · ".join(item.anchors), style="Caption")
    for point in item.points:
        _runs(doc.add_paragraph(style="List Bullet 2"), point)
    for case in item.backing:
        quote = doc.add_paragraph(style="Quote")
        lead = f"{brief.labels['illustrated_by']} — {case.title}"
        quote.add_run(lead + ("." if case.body else f" ({brief.labels['see_above']})")).bold = True
        if case.body:
            quote.add_run(" ")
            _runs(quote, case.body)


_COLUMN_WIDTHS = {"value": Mm(40), "place": Mm(36), "year": Mm(17)}  # "measures" takes the rest
TEXT_WIDTH = Mm(170)


def _figures_table(doc, section: Section, brief: Brief) -> None:
    columns = section.figure_columns
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = TABLE_STYLE
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        cell.text = brief.labels[f"figure.{column}"]
    for row in section.figures:
        cells = table.add_row().cells
        for cell, column in zip(cells, columns, strict=True):
            cell.text = getattr(row, column)
            if column == "value" and row.note:
                cell.paragraphs[0].add_run(str(row.note)).font.superscript = True
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in table.rows:  # a figure's row is never split across two pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    table.autofit = False
    rest = TEXT_WIDTH - sum(_COLUMN_WIDTHS[c] for c in columns if c in _COLUMN_WIDTHS)
    for column, table_column in zip(columns, table.columns, strict=True):
        width = _COLUMN_WIDTHS.get(column, rest)
        table_column.width = width
        for cell in table_column.cells:
            cell.width = width


def _back_matter(doc, brief: Brief) -> None:
    if brief.about:
        _heading(doc, brief.labels["about"], 1)
        for para in brief.about:
            _runs(doc.add_paragraph(style=SMALL_TEXT), para)
    if brief.notes:
        _heading(doc, brief.labels["notes"], 1)
        for n, note in enumerate(brief.notes, 1):
            paragraph = doc.add_paragraph(f"{n}. ", style=SMALL_TEXT)
            _runs(paragraph, note)
    if brief.glossary:
        _heading(doc, brief.labels["glossary"], 1)
        for entry in brief.glossary:
            paragraph = doc.add_paragraph(style=SMALL_TEXT)
            name = f"{entry.acronym} — {entry.term}" if entry.acronym else entry.term
            paragraph.add_run(name).bold = True
            separator = " : " if brief.lang.startswith("fr") else ": "
            paragraph.add_run(separator + entry.definition)


def _toc_field(paragraph, brief: Brief) -> None:
    """A TOC field Word fills in on opening; until then it lists the section titles."""
    titles = [f"{s.number}. {s.title}" if s.number else s.title for s in brief.sections]
    add_field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', titles, dirty=True)


def _diagram(doc, svg: str) -> None:
    """The SVG itself (vector, Word 2016+ and LibreOffice) with a PNG for older readers."""
    png = svg_to_png(svg)
    paragraph = doc.add_paragraph()
    run = paragraph.add_run()
    shape = run.add_picture(io.BytesIO(png), width=Mm(160))
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    part = doc._part if hasattr(doc, "_part") else doc.part  # a docxtpl subdoc, or a document
    name = part.package.next_partname("/word/media/diagram%d.svg")
    svg_part = Part(name, "image/svg+xml",
                    svg.encode("utf-8"), part.package)
    rel_id = part.relate_to(svg_part, RT.IMAGE)
    ext_list = OxmlElement("a:extLst")
    ext = OxmlElement("a:ext")
    ext.set("uri", SVG_EXTENSION)
    svg_blip = ext.makeelement(f"{{{SVG_NS}}}svgBlip", nsmap={"asvg": SVG_NS})
    svg_blip.set(qn("r:embed"), rel_id)
    ext.append(svg_blip)
    ext_list.append(ext)
    blip.append(ext_list)


def _properties(tpl: DocxTemplate, brief: Brief, stamp: str) -> None:
    props = tpl.docx.core_properties
    props.title = _property(brief.title)
    props.subject = _property(brief.subtitle or brief.audience_label)
    props.author = _property("; ".join(brief.authors))
    keywords = ", ".join(brief.keywords)
    if len(keywords) > CORE_PROPERTY_LIMIT:
        keywords = keywords[:CORE_PROPERTY_LIMIT].rsplit(", ", 1)[0]
    # Written by hand: docxcompose rebinds python-docx's 'cp' prefix, and
    # `props.keywords = …` then adds an element Word and python-docx do not read.
    element = props._element.find(f"{{{CORE_NS}}}keywords")
    if element is None:
        element = props._element.makeelement(f"{{{CORE_NS}}}keywords", {})
        props._element.append(element)
    element.text = keywords
    issued = datetime.datetime.fromisoformat(stamp)
    props.created = props.modified = issued
    props.last_modified_by = "plaidoyer"
    props.revision = 1
    props.language = brief.lang
    props.comments = brief.audience_label


def language_tag(lang: str) -> str:
    """A language with its region, as Word's spell-checker wants it: fr-FR, en-GB, es-ES."""
    locale = Locale.parse(babel_locale(lang).replace("-", "_"))
    if locale.territory:
        return f"{locale.language}-{locale.territory}"
    likely = Locale.parse(get_global("likely_subtags").get(locale.language, locale.language))
    return f"{locale.language}-{likely.territory}" if likely.territory else locale.language


def _property(text: str) -> str:
    """Word keeps at most 255 characters in a document property: cut at a word."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _language(tpl: DocxTemplate, brief: Brief) -> None:
    """Set w:lang (spell-checking) and, for right-to-left languages, w:bidi and w:rtl."""
    styles = tpl.docx.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    tag = language_tag(brief.lang)
    for attr in ("w:val", "w:bidi", "w:eastAsia"):
        lang.set(qn(attr), tag)
    if brief.direction == "rtl":
        rpr.append(OxmlElement("w:rtl"))
        ppr_default = defaults.find(qn("w:pPrDefault"))
        if ppr_default is None:
            ppr_default = OxmlElement("w:pPrDefault")
            defaults.append(ppr_default)
        ppr = ppr_default.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            ppr_default.append(ppr)
        ppr.append(OxmlElement("w:bidi"))
    # Paragraphs written with an explicit language follow it too.
    for element in tpl.docx.element.body.iter(qn("w:lang")):
        element.set(qn("w:val"), tag)

