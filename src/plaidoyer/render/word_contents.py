"""The contents of a DOCX brief: a TOC field Word and LibreOffice know as one, filled in.

Headings are bookmarked as they are written, so every entry is a link; the field's result
lists them (the same entries as the PDF's contents: the sections, About, Notes, Glossary).
Page numbers come from LibreOffice when it is installed (`word_pages`); without it, the
entries show their titles and the document asks Word to update its fields on opening.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from .word_fields import add_field, field_begin, field_char
from .word_settings import remove_setting, set_setting
from .word_text import StyleIds, add_run, add_styled_paragraph

LEVELS = 1  # the contents list the sections, as in the PDF and HTML
INSTRUCTION = f'TOC \\o "1-{LEVELS}" \\h \\z \\u'
ENTRY = "toc 1"


@dataclass
class Contents:
    """The headings the contents list, in reading order, with their bookmarks."""

    style: StyleIds
    bookmarks: Iterator[int]
    entries: list[tuple[str, str]] = field(default_factory=list)  # (title, bookmark)

    def heading(self, paragraph: Any, title: str, level: int) -> None:
        """Write `title` into the heading `paragraph`, bookmarked if the contents list it."""
        if level > LEVELS:
            add_run(paragraph, title)
            return
        name = f"_Toc{len(self.entries) + 1}"
        number = str(next(self.bookmarks))
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), number)
        start.set(qn("w:name"), name)
        paragraph.append(start)
        add_run(paragraph, title)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), number)
        paragraph.append(end)
        self.entries.append((title, name))

    def field(self, body: Any) -> None:
        """The TOC field into `body`, one paragraph an entry, titles only and dirty: `fill`
        adds the page numbers when they are known."""
        entry_style = self.style(ENTRY)
        if not self.entries:
            add_field(add_styled_paragraph(body, entry_style), INSTRUCTION, dirty=True)
            return
        for n, (title, bookmark) in enumerate(self.entries):
            paragraph = add_styled_paragraph(body, entry_style)
            if n == 0:
                field_begin(paragraph, INSTRUCTION, dirty=True)
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), bookmark)
            link.set(qn("w:history"), "1")
            paragraph.append(link)
            add_run(link, title)
            if n == len(self.entries) - 1:
                field_char(paragraph, "end")


def ask_word_to_update(document: Document) -> None:
    """Word updates the contents on opening (after asking the reader)."""
    set_setting(document.settings.element, "updateFields", {"val": "true"})


def numbered(docx: bytes, pages: Sequence[tuple[str, int]]) -> bytes | None:
    """The DOCX `docx` with page numbers in its contents, if `pages` (LibreOffice's
    entries, in order) has the same titles as the field's; then Word need not update it.
    Only the document and its settings are rewritten; every other entry of the package
    keeps its bytes and date."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        document = etree.fromstring(source.read(DOCUMENT))
        settings = etree.fromstring(source.read(SETTINGS))
        if not _fill(document, settings, pages):
            return None
        changed = {DOCUMENT: document, SETTINGS: settings}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                element = changed.get(info.filename)
                target.writestr(info, source.read(info.filename) if element is None else
                                etree.tostring(element, xml_declaration=True,
                                               encoding="UTF-8", standalone=True))
    return out.getvalue()


DOCUMENT, SETTINGS = "word/document.xml", "word/settings.xml"


def _fill(document: Any, settings: Any, pages: Sequence[tuple[str, int]]) -> bool:
    links = [link for link in document.iter(qn("w:hyperlink"))
             if (link.get(qn("w:anchor")) or "").startswith("_Toc")]
    titles = [_squeezed("".join(t.text or "" for t in link.iter(qn("w:t")))) for link in links]
    if not links or titles != [_squeezed(title) for title, _ in pages]:
        return False
    for link, (_, page) in zip(links, pages, strict=True):
        tab = OxmlElement("w:r")
        tab.append(OxmlElement("w:tab"))
        link.append(tab)
        add_field(link, f"PAGEREF {link.get(qn('w:anchor'))} \\h", [str(page)])
    for begin in document.iter(qn("w:fldChar")):
        begin.attrib.pop(qn("w:dirty"), None)
    remove_setting(settings, "updateFields")
    return True


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
