"""DOCX: the brief poured into the Word master (templates/brief.docx) with docxtpl.

The master holds the cover, the footer and every style; this module only adds paragraphs
in the master's styles (never direct formatting), so readers restyle the brief from it.
Notes become Word footnotes (`word_notes`), the contents a TOC field with page numbers
where LibreOffice can lay the brief out (`word_contents`, `word_pages`): a build renders
drafts and numbers their contents together (`draft`, `complete`).
"""

from __future__ import annotations

import copy
import io
import itertools
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from docx.enum.section import WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..diagram import partnership_svg
from ..diagram_canvas import partnership_canvas
from ..model.brief import Brief, Diagram, Item, Para, Section, Span
from . import RenderContext, Rendered, TemplateFailed
from .docx_fonts import embed_fonts
from .docx_package import fixed_zip, language_tag, set_language, set_properties
from .vector import svg_to_png
from .word_contents import Contents, ask_word_to_update, numbered
from .word_notes import Footnotes
from .word_pages import contents_pages
from .word_styles import Styles
from .word_text import add_run, add_spans, add_styled_paragraph

TABLE_STYLE = "Plaidoyer Figures"  # the master's own table style
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def render(brief: Brief, ctx: RenderContext) -> Rendered:
    """The brief as DOCX, its contents numbered when LibreOffice is installed."""
    return complete([draft(brief, ctx)])[0]


def complete(drafts: Sequence[Rendered]) -> list[Rendered]:
    """Drafts whose contents await page numbers, numbered in one LibreOffice run
    (word_pages); the others, and any LibreOffice cannot number, as they are."""
    waiting = [n for n, made in enumerate(drafts) if made.awaiting]
    done = [replace(made, awaiting=False) for made in drafts]
    found = contents_pages([drafts[n].data for n in waiting])
    for n, pages in zip(waiting, found, strict=True):
        data = numbered(drafts[n].data, pages) if pages else None
        if data is not None:
            done[n] = replace(done[n], data=data)
    return done


def draft(brief: Brief, ctx: RenderContext) -> Rendered:
    """The brief as DOCX, complete but for its contents' page numbers (`complete`)."""
    path = ctx.template(brief.docx_template)
    if not zipfile.is_zipfile(path):
        raise TemplateFailed(f"templates/{brief.docx_template}: error: not a Word document "
                             "(.docx): name a Word master [template]")
    tpl = DocxTemplate(str(path))
    body = tpl.new_subdoc()
    writer = _Writer(tpl, body, brief)
    # Key messages on the cover, as in print, where the master has their place (a
    # project's master made before it had none: they open the body there).
    on_cover = brief.cover and bool(brief.key_messages) and _has_place(tpl, "key_messages")
    cover = tpl.new_subdoc() if on_cover else None
    if cover is not None:
        writer.key_messages(cover.subdocx.element.body)
    writer.write(key_messages=cover is None)
    shows_contents = bool(brief.toc)  # decided once, from the brief's length
    toc = tpl.new_subdoc()
    if shows_contents:
        writer.contents.field(toc.subdocx.element.body)
    context = {
        "brief": brief,
        "labels": brief.labels,
        "authors": " · ".join((*brief.authors, *([brief.date] if brief.date else []))),
        "toc": toc if shows_contents else None,
        "key_messages": cover,
        "body": body,
    }
    for subdoc in (body, toc, cover):
        if subdoc is not None:
            _guard(subdoc)
    set_language(tpl.docx, brief)
    try:
        tpl.render(context, jinja_env=SandboxedEnvironment(autoescape=True), autoescape=True)
    except TemplateError as error:
        raise TemplateFailed.of(error, brief.docx_template) from None
    _unguard(tpl)
    if writer.glossary_columns:
        _two_columns(tpl.docx)
    if shows_contents:
        ask_word_to_update(tpl.docx)
    set_properties(tpl.docx, brief, ctx.stamp(brief))
    embed_fonts(tpl.docx, ctx.template)
    return Rendered(fixed_zip(_saved(tpl), stamp=ctx.stamp(brief)),
                    awaiting=shows_contents and bool(writer.contents.entries))


def _has_place(tpl: DocxTemplate, name: str) -> bool:
    """Whether the master's body names `name` (a `{{p name }}` of its own)."""
    return any(name in (text.text or "") for text in tpl.docx.element.body.iter(qn("w:t")))


def _saved(tpl: DocxTemplate) -> bytes:
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


_GUARD = "\ue000"
"""docxtpl turns '{_{' and '}_}' of the rendered XML into '{{' and '}}', content included:
the guard keeps a text's own braces as written, and is taken out after rendering."""


def _guard(subdoc: Any) -> None:
    """Every text of the body, guarded before docxtpl renders it."""
    for element in subdoc.subdocx.element.body.iter(qn("w:t")):
        if element.text:
            element.text = element.text.replace("{_", "{" + _GUARD + "_").replace(
                "_}", "_" + _GUARD + "}")


def _unguard(tpl: DocxTemplate) -> None:
    for element in tpl.docx.element.body.iter(qn("w:t")):
        if element.text and _GUARD in element.text:
            element.text = element.text.replace(_GUARD, "")


_COLUMN_WIDTHS = {"value": Mm(38), "place": Mm(36), "year": Mm(18)}  # "measures": the rest
"""Wide enough for a value on one line and for "Année", "Year", "Año" unbroken in bold."""


class _Writer:
    """The brief's body, paragraph by paragraph, in the master's styles."""

    def __init__(self, tpl: DocxTemplate, body: Any, brief: Brief) -> None:
        self.brief = brief
        self.subdoc = body.subdocx
        self.body = body.subdocx.element.body
        self.part = tpl.docx.part  # hyperlinks and pictures are the document's
        section = tpl.docx.sections[-1]
        self.text_width = Mm(170)  # the master's own, where its section says it
        if section.page_width and section.left_margin is not None and \
                section.right_margin is not None:
            self.text_width = section.page_width - section.left_margin - section.right_margin
        self.style = Styles(tpl.docx)
        bookmarks = itertools.count(1)
        self.notes = Footnotes(tpl.docx, brief.notes, self.style, bookmarks, language_tag,
                               self.position)
        self.contents = Contents(self.style, bookmarks)
        self.master_section = copy.deepcopy(tpl.docx.element.body.sectPr)
        self.glossary_columns = False

    def write(self, key_messages: bool = True) -> None:
        """The body; its key messages first unless they are on the cover."""
        brief = self.brief
        if brief.internal:
            add_run(self.paragraph("Internal Mark"), brief.labels["internal.mark"])
        if brief.lede:
            self.para("Subtitle", brief.lede)
        if brief.key_messages and key_messages:
            self.key_messages(self.body)
        for section in brief.sections:
            self.section(section)
        self.back_matter()
        self.notes.finish()

    def key_messages(self, into: Any) -> None:
        """The numbered key messages, boxed, into the body or the cover (`into`)."""
        self.notes.unit()
        add_run(self.paragraph("Case Box", into), self.brief.labels["key_messages"],
                self.style("Strong"))
        for item in self.brief.key_messages:
            paragraph = self.paragraph("Case Box", into)
            add_run(paragraph, f"{item.number}  ")
            if item.lead:
                add_run(paragraph, f"{item.lead}{self.brief.labels['stop']} ",
                        self.style("Strong"))
            add_spans(paragraph, item.body, self.part, self.style, self.notes, language_tag)
        self.notes.unit()

    def position(self) -> int:
        """Characters written so far: how far apart two references to a note are."""
        return sum(len(text.text or "") for text in self.body.iter(qn("w:t")))

    def paragraph(self, style: str | None = None, into: Any = None) -> Any:
        """A new paragraph at the end of the body (or of `into`, the cover)."""
        return add_styled_paragraph(self.body if into is None else into,
                                    self.style(style) if style else None)

    def para(self, style: str | None, para: Para) -> Any:
        paragraph = self.paragraph(style)
        add_spans(paragraph, para, self.part, self.style, self.notes, language_tag)
        return paragraph

    def text(self, style: str | None, text: str) -> Any:
        paragraph = self.paragraph(style)
        add_run(paragraph, text)
        return paragraph

    def heading(self, text: str, level: int) -> None:
        self.notes.unit()  # the text under a heading is one unit of reading, for notes
        self.contents.heading(self.paragraph(f"Heading {level}"), text, level)

    def section(self, section: Section) -> None:
        number = f"{section.number}. " if section.number else ""
        self.heading(number + section.title, 1)
        for para in section.intro:
            self.para(None, para)
        for block in section.blocks:
            for para in block.paragraphs:
                self.para(None, _numbered(block.number, para))
            if block.heading:
                self.para("Heading 3", _numbered(block.number, block.heading))
            for item in block.items:
                self.item(item, block.listed)
        if section.figures:
            self.notes.unit()
            self.figures_table(section)
            if section.figures_note:
                self.text("Caption", section.figures_note)
            self.notes.unit()
        if section.diagram:
            self.diagram(section.diagram)
            self.text("Caption", section.diagram.caption)

    def item(self, item: Item, listed: bool) -> None:
        if item.kind == "claim":  # part of the running text, with the paragraphs around it
            self.para(None, _numbered(item.number, item.body))
            return
        self.notes.unit()  # a case, or an ask with its points and example, is a unit
        self.unit_item(item, listed)
        self.notes.unit()

    def unit_item(self, item: Item, listed: bool) -> None:
        if item.kind == "case":
            self.heading(f"{item.number} {item.title}" if item.number else item.title or "", 2)
            if item.facts or item.partners:
                self.text("Details", " · ".join((*item.facts, *item.partners)))
            if item.body:  # none when a demand above told the case's story
                self.para(None, item.body)
            for outcome in item.outcomes:
                self.para("List Bullet", outcome)
            return
        if listed:  # a numbered paragraph carries its number instead of a bullet
            paragraph = self.paragraph(None if item.number else "List Bullet")
        else:  # an ask with its example: the ask, then the example in a box
            paragraph = self.paragraph("Demand With Lead-in" if item.lead else "Demand")
        if item.number:
            add_run(paragraph, f"{item.number} ")
        if item.lead:  # the ask's topic, in bold, as its lead-in
            add_run(paragraph, f"{item.lead}{self.brief.labels['stop']} ", self.style("Strong"))
        add_spans(paragraph, item.body, self.part, self.style, self.notes, language_tag)
        for line in (item.to, " · ".join(item.anchors)):
            if line:
                self.text("Details", line)
        for point in item.points:
            self.para("List Bullet 2", point)
        for case in item.backing:
            box = self.paragraph("Case Box")
            lead = f"{self.brief.labels['illustrated_by']} – {case.title}"
            add_run(box, lead + (self.brief.labels["stop"] if case.body else ""),
                    self.style("Strong"))
            if case.body:
                add_run(box, " ")
                add_spans(box, case.body, self.part, self.style, self.notes, language_tag)
            else:
                add_run(box, f" ({self.brief.labels['see_above']})")

    def figures_table(self, section: Section) -> None:
        labels = self.brief.labels
        columns = section.figure_columns
        table = self.subdoc.add_table(rows=1, cols=len(columns))
        self.style(TABLE_STYLE)  # borrowed from the package's master if the project's lacks it
        table.style = TABLE_STYLE
        for cell, column in zip(table.rows[0].cells, columns, strict=True):
            self.cell(cell, "Table Heading").append(_text_run(labels[f"figure.{column}"]))
        for row in section.figures:
            cells = table.add_row().cells
            for cell, column in zip(cells, columns, strict=True):
                paragraph = self.cell(cell, "Key Figure" if column == "value" else "Table Text")
                add_run(paragraph, getattr(row, column))
                if column == "value" and row.note:
                    self.notes.reference(paragraph, row.note)
        for table_row in table.rows:  # a figure's row is never split across two pages
            table_row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        # the header row repeated on every page (after w:cantSplit: Word wants schema order)
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        kept = table.rows if section.figures_note else table.rows[:-1]
        for table_row in kept:  # nor a table of a few rows across pages, nor from its note
            for cell in table_row.cells:
                cell.paragraphs[0]._p.get_or_add_pPr().keepNext_val = True
        table.autofit = False
        rest = self.text_width - sum(_COLUMN_WIDTHS[c] for c in columns if c in _COLUMN_WIDTHS)
        for column, table_column in zip(columns, table.columns, strict=True):
            width = _COLUMN_WIDTHS.get(column, rest)
            table_column.width = width
            for cell in table_column.cells:
                cell.width = width

    def cell(self, cell: Any, style: str) -> Any:
        paragraph = cell.paragraphs[0]._p
        paragraph.style = self.style(style)
        return paragraph

    def back_matter(self) -> None:
        """About and glossary; the notes are footnotes, at the foot of their pages."""
        brief, labels = self.brief, self.brief.labels
        if brief.about:
            self.heading(labels["about"], 1)
            for para in brief.about:
                self.para("Body Text 3", para)
        if brief.glossary:
            self.heading(labels["glossary"], 1)
            if self.master_section is not None:  # the entries in two columns, small
                self.end_section()
                self.glossary_columns = True
            separator = "\u202f: " if brief.lang.startswith("fr") else ": "
            for entry in brief.glossary:
                paragraph = self.paragraph("Glossary Entry")
                name = f"{entry.acronym} – {entry.term}" if entry.acronym else entry.term
                add_run(paragraph, name, self.style("Glossary Term"))
                add_run(paragraph, separator + entry.definition)

    def end_section(self) -> None:
        """The last paragraph so far ends a section laid out as the master's (Word keeps a
        section's layout in its last paragraph): what follows, to the master's own last
        section, may be laid out otherwise (`two_columns`)."""
        paragraph = self.body.findall(qn("w:p"))[-1]
        paragraph.get_or_add_pPr().append(copy.deepcopy(self.master_section))

    def diagram(self, diagram: Diagram) -> None:
        """The SVG itself (vector, Word 2016+ and LibreOffice) with a PNG for older
        readers, described for screen readers. Right-to-left words are shaped in the PNG
        by setting them in HTML over the drawing (diagram_canvas)."""
        svg = partnership_svg(diagram, self.brief.lang)
        png = svg_to_png(partnership_canvas(diagram) if diagram.direction == "rtl" else svg)
        paragraph = self.subdoc.add_paragraph()
        paragraph._p.style = self.style("Figure")  # kept with its caption
        run = paragraph.add_run()
        shape = run.add_picture(io.BytesIO(png), width=self.text_width)
        shape._inline.docPr.set("descr", diagram.description or diagram.caption)
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        part = self.part
        name = part.package.next_partname("/word/media/diagram%d.svg")
        svg_part = Part(name, "image/svg+xml", svg.encode("utf-8"), part.package)
        rel_id = part.relate_to(svg_part, RT.IMAGE)
        ext_list = OxmlElement("a:extLst")
        ext = OxmlElement("a:ext")
        ext.set("uri", SVG_EXTENSION)
        svg_blip = ext.makeelement(f"{{{SVG_NS}}}svgBlip", nsmap={"asvg": SVG_NS})
        svg_blip.set(qn("r:embed"), rel_id)
        ext.append(svg_blip)
        ext_list.append(ext)
        blip.append(ext_list)


def _two_columns(document: Any) -> None:
    """The document's last section (the glossary) in two columns, after the rest on the
    same page."""
    section = document.sections[-1]
    section.start_type = WD_SECTION.CONTINUOUS
    columns = section._sectPr.find(qn("w:cols"))
    if columns is None:
        columns = OxmlElement("w:cols")
        section._sectPr.insert_element_before(columns, "w:formProt", "w:vAlign", "w:noEndnote",
                                              "w:titlePg", "w:textDirection", "w:bidi",
                                              "w:rtlGutter", "w:docGrid", "w:printerSettings",
                                              "w:sectPrChange")
    columns.set(qn("w:num"), "2")
    columns.set(qn("w:space"), str(Mm(6).twips))


def _numbered(number: str | None, para: Para) -> Para:
    return ((Span(f"{number} "), *para)) if number else para


def _text_run(text: str) -> Any:
    run = OxmlElement("w:r")
    run.text = text
    return run
