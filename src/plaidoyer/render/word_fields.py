"""Word fields (PAGE, NUMPAGES, TOC …): shared by the DOCX renderer and the master script."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def add_field(paragraph: Any, instruction: str, result: Sequence[str] = (),
              dirty: bool = False) -> None:
    """A field whose `result` lines show until Word updates it; `dirty` asks Word to."""
    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if dirty and kind == "begin":
            element.set(qn("w:dirty"), "true")
        paragraph.add_run()._r.append(element)

    char("begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    paragraph.add_run()._r.append(text)
    char("separate")
    for n, line in enumerate(result):
        run = paragraph.add_run(line)
        if n < len(result) - 1:
            run.add_break()
    char("end")
