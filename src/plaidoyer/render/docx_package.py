"""The package around a DOCX brief: document properties, language settings, ZIP dates.

Nothing here depends on the clock: dates come from the brief's stamp, so two builds of the
same positions give the same bytes.
"""

from __future__ import annotations

import datetime
import io
import struct
import zipfile

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import get_decimal_symbol
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from ..localize import babel_locale
from ..model.brief import Brief
from .word_settings import set_setting

CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CORE_PROPERTY_LIMIT = 255  # characters Word allows in a document property
CORE_ORDER = ((DC, "title"), (DC, "subject"), (DC, "creator"), (CP, "keywords"),
              (DC, "description"), (CP, "lastModifiedBy"), (CP, "revision"),
              (DCTERMS, "created"), (DCTERMS, "modified"), (DC, "language"))
"""Every core property a brief sets, each once, in the order Word writes them."""


def set_properties(document: Document, brief: Brief, stamp: str) -> None:
    """docProps/core.xml written element by element, each under its own namespace.

    Not through python-docx's setters: docxcompose (under docxtpl) rebinds the `cp` prefix
    python-docx uses, and `last_modified_by`, `revision` or `keywords` then land a second
    time under the custom-properties namespace, which Word and validators reject.
    """
    keywords = ", ".join(brief.keywords)
    if len(keywords) > CORE_PROPERTY_LIMIT:
        keywords = keywords[:CORE_PROPERTY_LIMIT].rsplit(", ", 1)[0]
    issued = datetime.date.fromisoformat(stamp).isoformat() + "T00:00:00Z"
    values = {
        "title": _property(brief.title), "subject": _property(brief.subtitle or
                                                             brief.audience_label),
        "creator": _property("; ".join(brief.authors)), "keywords": keywords,
        "description": _property(brief.audience_label), "lastModifiedBy": "plaidoyer",
        "revision": "1", "created": issued, "modified": issued, "language": brief.lang,
    }
    root = document.core_properties._element
    for child in list(root):
        root.remove(child)
    for namespace, name in CORE_ORDER:
        element = etree.SubElement(root, f"{{{namespace}}}{name}")
        element.text = values[name]
        if namespace == DCTERMS:
            element.set(f"{{{XSI}}}type", "dcterms:W3CDTF")


def _property(text: str) -> str:
    """Word keeps at most 255 characters in a document property: cut at a word."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def language_tag(lang: str) -> str:
    """A language with its region, as Word's spell-checker wants it: fr-FR, en-GB, es-ES;
    a language Babel does not know is tagged as written."""
    try:
        locale = Locale.parse(babel_locale(lang).replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return lang
    if locale.territory:
        return f"{locale.language}-{locale.territory}"
    likely = Locale.parse(get_global("likely_subtags").get(locale.language, locale.language))
    return f"{locale.language}-{likely.territory}" if likely.territory else locale.language


def set_language(document: Document, brief: Brief) -> None:
    """The brief's language (spell-checking, hyphenation), its decimal sign and list
    separator (fields and tables Word computes), and for right-to-left languages w:bidi
    and w:rtl. Before the body goes in: its runs in other languages keep theirs."""
    tag = language_tag(brief.lang)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
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
    for element in document.element.body.iter(qn("w:lang")):  # the master's own runs
        element.set(qn("w:val"), tag)
    settings = document.settings.element
    set_setting(settings, "themeFontLang", {"val": tag})
    decimal = get_decimal_symbol(babel_locale(brief.lang).replace("-", "_"),
                                 numbering_system="latn")
    set_setting(settings, "decimalSymbol", {"val": decimal})
    set_setting(settings, "listSeparator", {"val": ";" if decimal == "," else ","})


def fixed_zip(data: bytes, stamp: str) -> bytes:
    """The same package with every entry dated `stamp` and readable by all: ZIP entries
    otherwise carry the time of the build, and two builds would differ.

    The dates and permissions are patched where the ZIP format keeps them (each entry's
    local header and its central-directory record, APPNOTE 4.3.7 and 4.3.12), so the
    entries keep the bytes python-docx compressed: the package is not compressed twice."""
    day = datetime.date.fromisoformat(stamp)
    date = (max(day.year, 1980) - 1980) << 9 | day.month << 5 | day.day
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = [info.header_offset for info in archive.infolist()]
    for at in local:
        _expect(out, at, b"PK\x03\x04")
        struct.pack_into("<HH", out, at + 10, 0, date)  # time 00:00:00, date
    end = data.rfind(b"PK\x05\x06")
    count, _, at = struct.unpack_from("<HII", data, end + 10)
    for _ in range(count):
        _expect(out, at, b"PK\x01\x02")
        struct.pack_into("<HH", out, at + 12, 0, date)
        struct.pack_into("<I", out, at + 38, 0o644 << 16)  # external attributes: rw-r--r--
        name, extra, comment = struct.unpack_from("<HHH", out, at + 28)
        at += 46 + name + extra + comment
    return bytes(out)


def _expect(data: bytearray, at: int, signature: bytes) -> None:
    if data[at:at + 4] != signature:
        raise ValueError(f"not a ZIP record at byte {at}: the package is damaged")
