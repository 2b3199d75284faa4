"""Word fields (PAGE, NUMPAGES, TOC, NOTEREF …): shared by the DOCX renderer and the master
script."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def add_field(paragraph: Any, instruction: str, result: Sequence[str] = (),
              dirty: bool = False, result_style: str | None = None) -> None:
    """A field whose `result` lines show until Word updates it; `dirty` asks Word to.
    `paragraph` is a python-docx paragraph or its w:p (or a w:hyperlink)."""
    element = getattr(paragraph, "_p", paragraph)
    field_begin(element, instruction, dirty)
    for n, line in enumerate(result):
        run = _run(element)
        if result_style:
            run.get_or_add_rPr().style = result_style
        run.text = line
        if n < len(result) - 1:
            run.append(OxmlElement("w:br"))
    field_char(element, "end")


def field_begin(paragraph: Any, instruction: str, dirty: bool = False) -> None:
    """The start of a field up to its result, for a result written by the caller (a
    contents field spans many paragraphs)."""
    field_char(paragraph, "begin", dirty)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    _run(paragraph).append(text)
    field_char(paragraph, "separate")


def field_char(paragraph: Any, kind: str, dirty: bool = False) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if dirty:
        element.set(qn("w:dirty"), "true")
    _run(paragraph).append(element)


def _run(paragraph: Any) -> Any:
    run = OxmlElement("w:r")
    paragraph.append(run)
    return run
