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

    def __call__(self, name: str) -> str:
        if name not in self.ids:
            found = _by_name(self.element, name)
            if found is None:
                found = self._borrow(name)
            self.ids[name] = found.get(qn("w:styleId"))
        return self.ids[name]

    def _borrow(self, name: str) -> etree._Element:
        package = _package_styles()
        style = _by_name(package, name)
        if style is None:
            raise StyleMissing(f"style '{name}' is in neither the Word master nor "
                               f"{PACKAGE_MASTER.name}: reinstall plaidoyer")
        copied = copy.deepcopy(style)
        self.element.append(copied)
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


def _by_name(styles: etree._Element, name: str) -> etree._Element | None:
    wanted = name.lower()
    for style in styles.findall(qn("w:style")):
        element = style.find(qn("w:name"))
        if element is not None and (element.get(qn("w:val")) or "").lower() == wanted:
            return style
    return None


def _by_id(styles: etree._Element, style_id: str | None) -> etree._Element | None:
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            return style
    return None


@cache
def _package_styles() -> etree._Element:
    with zipfile.ZipFile(PACKAGE_MASTER) as archive:
        return parse_xml(archive.read("word/styles.xml"))
