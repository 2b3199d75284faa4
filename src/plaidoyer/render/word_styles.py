"""The styles a DOCX brief uses, looked up in its master by name.

A project's own master made before a style existed (or restyled in Word, which drops
unused custom styles) still builds: a style it lacks is copied from the package's master,
with the styles it is based on, so the brief is never laid out with a missing style.
"""

from __future__ import annotations

import copy
import zipfile
from functools import cache

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from ..diagnostics import PlaidoyerError
from ..resources import DEFAULT_TEMPLATES

PACKAGE_MASTER = DEFAULT_TEMPLATES / "brief.docx"


class StyleMissing(PlaidoyerError):
    pass


class Styles:
    """`styles(name)` is the style id of `name` in the document's master."""

    def __init__(self, document: Document) -> None:
        self.element = document.styles.element
        self.ids: dict[str, str] = {}
        self.named = _named(self.element)  # one pass over the master's styles, not one a name

    def __call__(self, name: str) -> str:
        if name not in self.ids:
            found = self.named.get(name.lower())
            if found is None:
                found = self._borrow(name)
            self.ids[name] = found.get(qn("w:styleId"))
        return self.ids[name]

    def _borrow(self, name: str) -> etree._Element:
        package = _package_styles()
        style = _package_named().get(name.lower())
        if style is None:
            raise StyleMissing(f"style '{name}' is in neither the Word master nor "
                               f"{PACKAGE_MASTER.name}: reinstall plaidoyer")
        copied = copy.deepcopy(style)
        self.element.append(copied)
        self.named[name.lower()] = copied
        for tag in ("w:basedOn", "w:next", "w:link"):
            reference = style.find(qn(tag))
            if reference is None:
                continue
            style_id = reference.get(qn("w:val"))
            if _by_id(self.element, style_id) is None:
                origin = _by_id(package, style_id)
                if origin is None:
                    copied.remove(copied.find(qn(tag)))
                else:
                    self._borrow(origin.find(qn("w:name")).get(qn("w:val")))
        return copied


def _named(styles: etree._Element) -> dict[str, etree._Element]:
    """Each style by its name in lower case (Word's names ignore case); the first of a
    name wins, as Word's lookup does."""
    named: dict[str, etree._Element] = {}
    tag = qn("w:name")
    val = qn("w:val")
    for style in styles.iterchildren(qn("w:style")):
        element = style.find(tag)
        if element is not None:
            named.setdefault((element.get(val) or "").lower(), style)
    return named


def _by_id(styles: etree._Element, style_id: str | None) -> etree._Element | None:
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            return style
    return None


@cache
def _package_named() -> dict[str, etree._Element]:
    return _named(_package_styles())


@cache
def _package_styles() -> etree._Element:
    with zipfile.ZipFile(PACKAGE_MASTER) as archive:
        return parse_xml(archive.read("word/styles.xml"))
