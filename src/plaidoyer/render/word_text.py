"""A brief's spans as Word runs, in the body and in the notes alike.

Written on the XML of a paragraph (w:p) rather than through python-docx's API, which has
no hyperlink, no note reference and no language of a run; styles are named, never applied
by direct formatting, so a designer restyles every brief from the master.
"""

from __future__ import annotations

from typing import Any, Protocol

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..model.brief import Para

EMPHASIS = "Emphasis"  # Word's built-in character style: italic
HYPERLINK = "Hyperlink"


class NoteMarks(Protocol):
    """Where a note reference goes: Word endnotes in the body, plain digits elsewhere."""

    def reference(self, paragraph: Any, n: int) -> None: ...


class StyleIds(Protocol):
    def __call__(self, name: str) -> str: ...


def add_spans(paragraph: Any, para: Para, part: Any, style: StyleIds,
              notes: NoteMarks | None = None, language: Any = None) -> None:
    """Append `para` to the w:p `paragraph`; `part` owns the hyperlinks' relationships,
    `language` turns a span's language into Word's tag (fr → fr-FR)."""
    for span in para:
        if span.note is not None:
            if notes is not None:
                notes.reference(paragraph, span.note)
            else:  # a note inside a note: its number, raised
                run = add_run(paragraph, str(span.note))
                run.get_or_add_rPr().insert_element_before(
                    _val("w:vertAlign", "superscript"), "w:rtl", "w:cs", "w:em", "w:lang",
                    "w:eastAsianLayout", "w:specVanish", "w:oMath")
        elif span.url:
            add_hyperlink(paragraph, span.text, span.url, part, style(HYPERLINK))
        else:
            foreign = span.emphasis or bool(span.lang)
            add_run(paragraph, span.text, style(EMPHASIS) if foreign else None,
                    lang=(language(span.lang) if language else span.lang) if span.lang
                    else None)


def add_run(paragraph: Any, text: str, style: str | None = None,
            lang: str | None = None) -> Any:
    """A run of `text` (tabs and line breaks as Word's), in a character style if named."""
    run = paragraph.add_r()
    if style or lang:
        properties = run.get_or_add_rPr()
        if style:
            properties.style = style
        if lang:
            properties.insert_element_before(_val("w:lang", lang), "w:eastAsianLayout",
                                             "w:specVanish", "w:oMath")
    run.text = text
    return run


def add_hyperlink(paragraph: Any, text: str, url: str, part: Any, style: str) -> Any:
    """A clickable link: w:hyperlink with an external relationship of the part it is in
    (the document, or the endnotes)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), part.relate_to(url, RT.HYPERLINK, is_external=True))
    paragraph.append(link)
    add_run(link, text, style)
    return link


def add_styled_paragraph(container: Any, style: str | None) -> Any:
    """A w:p at the end of `container` (a body, a cell, a note), in paragraph `style`."""
    paragraph = OxmlElement("w:p")
    if style:
        paragraph.style = style
    sectpr = container.find(qn("w:sectPr"))
    if sectpr is not None:
        sectpr.addprevious(paragraph)
    else:
        container.append(paragraph)
    return paragraph


def _val(tag: str, value: str) -> Any:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element
