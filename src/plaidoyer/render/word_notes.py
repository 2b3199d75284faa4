"""The brief's notes as Word footnotes.

Footnotes, not endnotes, though the PDF and HTML list their notes at the end: LibreOffice
(7.4) sets a DOCX's endnotes on a page of their own, one more page for every brief with a
note, over the one- and two-page budgets; and footnotes are what Word readers expect of a
brief: the source under the figure it backs.

Word needs one footnote per reference mark, and one note is often referred to from many
places. The first reference makes the footnote; a later one is a NOTEREF cross-reference
to it (its number, linked, in the footnote reference style) when it is in the same unit of
reading (the running text under a heading, an ask with its example, a case, a table) or
less than a third of a page further on (NEAR): the five figures of a table, or of a
context section, share one footnote. Further on, the note gets a footnote of its own
with the same text, as footnoted documents repeat a citation, so a mark seldom sends the
reader to another page (Word cannot know where pages break when the brief is written).

python-docx has no notes API: the footnotes part (with the separator and continuation
separator Word requires), its relationship, content type and settings are written here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from ..model.brief import Para
from .word_fields import add_field
from .word_settings import set_setting
from .word_text import StyleIds, add_run, add_spans, add_styled_paragraph

NEAR = 1000
"""Characters of text (about a third of a page) within which a note's next reference
points at its footnote rather than making another."""
NOTE_TEXT = "footnote text"  # Word's built-in names: Word and LibreOffice map them
NOTE_REFERENCE = "footnote reference"
_SEPARATORS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:footnotes {nsdecls("w", "r")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>")


def notes_part(document: Document) -> Part:
    """The document's footnotes part, made with its separators if the master has none."""
    try:
        part = document.part.part_related_by(RT.FOOTNOTES)
    except KeyError:
        package = document.part.package
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES,
                    _SEPARATORS.encode("utf-8"), package)
        document.part.relate_to(part, RT.FOOTNOTES)
    properties = set_setting(document.settings.element, "footnotePr")
    if not len(properties):
        for n in ("-1", "0"):
            separator = OxmlElement("w:footnote")
            separator.set(qn("w:id"), n)
            properties.append(separator)
    return part


class Footnotes:
    """Note references written as the body is: `reference` makes the footnote at a note's
    first reference, a cross-reference at the next ones; `finish` writes the part."""

    def __init__(self, document: Document, notes: tuple[Para, ...], style: StyleIds,
                 bookmarks: Iterator[int], language: Callable[[str], str],
                 position: Callable[[], int]) -> None:
        self.part = notes_part(document)
        self.root = parse_xml(self.part.blob)
        self.notes = notes
        self.style = style
        self.bookmarks = bookmarks
        self.language = language
        self.made = 0  # footnotes made: Word numbers them 1, 2, 3 in reading order
        self.here: dict[int, tuple[str, int]] = {}  # note → (bookmark, number) in this unit
        self.last: dict[int, tuple[str, int, int]] = {}  # note → its last footnote, and where
        self.position = position  # characters written so far
        taken = [int(e.get(qn("w:id"))) for e in self.root.findall(qn("w:footnote"))]
        self.ids = itertools.count(max([0, *taken]) + 1)

    def unit(self) -> None:
        """A new unit of reading begins: a note referred to again makes a new footnote."""
        self.here.clear()

    def reference(self, paragraph: Any, n: int) -> None:
        if not 1 <= n <= len(self.notes):  # a number with no note: shown as it is
            add_run(paragraph, str(n), self.style(NOTE_REFERENCE))
            return
        if n not in self.here and n in self.last:
            name, number, where = self.last[n]
            if self.position() - where < NEAR:
                self.here[n] = (name, number)
        if n in self.here:
            name, number = self.here[n]
            add_field(paragraph, f"NOTEREF {name} \\f \\h", [str(number)],
                      result_style=self.style(NOTE_REFERENCE))
            return
        footnote_id = next(self.ids)
        self.made += 1
        name = f"_RefNote{footnote_id}"
        self.here[n] = (name, self.made)
        self.last[n] = (name, self.made, self.position())
        bookmark = str(next(self.bookmarks))
        paragraph.append(_bookmark("w:bookmarkStart", bookmark, name))
        run = add_run(paragraph, "", self.style(NOTE_REFERENCE))
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(footnote_id))
        run.append(reference)
        paragraph.append(_bookmark("w:bookmarkEnd", bookmark))
        self._footnote(footnote_id, self.notes[n - 1])

    def _footnote(self, footnote_id: int, note: Para) -> None:
        footnote = etree.SubElement(self.root, qn("w:footnote"))
        footnote.set(qn("w:id"), str(footnote_id))
        paragraph = add_styled_paragraph(footnote, self.style(NOTE_TEXT))
        mark = add_run(paragraph, "", self.style(NOTE_REFERENCE))
        mark.append(OxmlElement("w:footnoteRef"))
        add_run(paragraph, "\t")
        add_spans(paragraph, note, self.part, self.style, language=self.language)

    def finish(self) -> None:
        self.part._blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)


def _bookmark(tag: str, bookmark_id: str, name: str | None = None) -> Any:
    element = OxmlElement(tag)
    element.set(qn("w:id"), bookmark_id)
    if name:
        element.set(qn("w:name"), name)
    return element

