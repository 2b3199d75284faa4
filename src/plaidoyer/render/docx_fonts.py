"""Embed the bundled fonts in a DOCX, so Word and LibreOffice show the brief as designed
on machines without Noto.

Fonts are subset to the characters a reader or editor is likely to need and obfuscated
as ECMA-376 §17.8.1 requires. Each face keeps its REPERTOIRE (Latin-1, Latin Extended-A,
typographic marks, Greek, Cyrillic), plus whatever else of the face the document uses.
The subsets of the bundled faces to exactly that repertoire ship with the package
(templates/fonts/docx/, written by tools/make_docx_fonts.py): a brief in French, English,
Spanish or Russian — or in Arabic or Chinese, whose letters these faces lack — embeds
them as they are. fontTools (a quarter to half a second a face) runs only for a brief
using a rarer letter of the faces (ǆ, Ẁ …) or for a face a project overrides in its
templates/fonts/.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from fontTools import subset
from lxml import etree

from ..glyphs import face_coverage
from ..resources import DEFAULT_TEMPLATES
from .word_settings import set_setting

FACES = {
    "Noto Serif": {"embedRegular": "NotoSerif-Regular.ttf", "embedBold": "NotoSerif-Bold.ttf",
                   "embedItalic": "NotoSerif-Italic.ttf"},
    "Noto Sans": {"embedRegular": "NotoSans-Regular.ttf", "embedBold": "NotoSans-Bold.ttf",
                  "embedItalic": "NotoSans-Italic.ttf"},
}
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
EDITING_RANGE = frozenset(map(chr, (*range(0x20, 0x7F), *range(0xA0, 0x180),
                                    *range(0x2B0, 0x2E5), *range(0x1D2C, 0x1D6B),
                                    *range(0x2010, 0x2027), 0x202F, *range(0x2070, 0x209D),
                                    0x20AC)))
"""Latin-1, Latin Extended-A, dashes, quotes, bullets, €, and the modifier letters,
superscripts and subscripts of typeset ordinals and formulas (1ᵉʳ, 2ⁿᵈ, CO₂): what an
editor may type, and what every brief may print. Every brief's subset holds them all
(they are part of REPERTOIRE): LibreOffice keeps the first embedded face of a family it
loads for the next documents it opens, and a brief whose subset lacked "ᵉ" would fall
back to another font in them. Since most briefs now embed the shipped subsets, most
carry byte for byte the same faces, whichever LibreOffice keeps."""
REPERTOIRE = EDITING_RANGE | frozenset(map(chr, range(0x400, 0x460)))
"""What every embedded subset of a face holds, as far as the face draws it: EDITING_RANGE
and basic Cyrillic (Russian, a UN language; also Bulgarian, Serbian, most of Ukrainian).
Each range costs every DOCX its glyphs (Cyrillic 50 kB; Greek and extended Cyrillic would
add 110 kB more), so a rarer letter gets a subset of its own at build time. The shipped
subsets (SHIPPED) are cut to exactly this: change it, then run tools/make_docx_fonts.py."""
SHIPPED = DEFAULT_TEMPLATES / "fonts" / "docx"
"""The bundled faces subset to REPERTOIRE, under the same file names."""
_KEYS = uuid.UUID("6a1d7c2e-52f4-4d3c-9b0e-2f1c5a7e8d90")  # namespace for stable font keys


def embed_fonts(document: Document, find: Callable[[str], Path]) -> None:
    """Add the bundled faces to the document's font table, subset and obfuscated."""
    text = _document_text(document)
    font_table = document.part.part_related_by(RT.FONT_TABLE)
    table = etree.fromstring(font_table.blob)
    package = document.part.package
    for family, faces in FACES.items():
        entry = _font_entry(table, family)
        for slot, file in faces.items():
            key = "{" + str(uuid.uuid5(_KEYS, f"{family}/{slot}")).upper() + "}"
            data = _obfuscate(_face_bytes(find(f"fonts/{file}"), text), key)
            part = Part(package.next_partname("/word/fonts/font%d.odttf"), OBFUSCATED_FONT,
                        data, package)
            embed = etree.SubElement(entry, qn(f"w:{slot}"))
            embed.set(qn("r:id"), font_table.relate_to(part, RT.FONT))
            embed.set(qn("w:fontKey"), key)
    font_table._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
    _ask_to_embed(document)


def _document_text(document: Document) -> frozenset[str]:
    parts = [document.part, *(rel.target_part for rel in document.part.rels.values()
                              if rel.reltype in (RT.FOOTER, RT.HEADER, RT.ENDNOTES,
                                                 RT.FOOTNOTES))]
    found: set[str] = set()
    for part in parts:
        xml = part.blob.decode("utf-8")
        found.update("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))
    return frozenset(found)


def _font_entry(table: etree._Element, family: str) -> etree._Element:
    for entry in table.findall(qn("w:font")):
        if entry.get(qn("w:name")) == family:
            for old in [c for c in entry if c.tag.startswith(qn("w:embed"))]:
                entry.remove(old)
            return entry
    entry = etree.SubElement(table, qn("w:font"))
    entry.set(qn("w:name"), family)
    return entry


def _face_bytes(face: Path, text: frozenset[str]) -> bytes:
    """The face subset to its REPERTOIRE and the other characters of `text` it draws: the
    shipped subset when that is all and the face is the package's own, else cut here."""
    drawn = face_coverage(face)
    extra = {c for c in text if ord(c) in drawn} - REPERTOIRE
    if not extra:
        shipped = _shipped(face)
        if shipped is not None:
            return shipped
    return subset_face(face, REPERTOIRE | extra)


@lru_cache(maxsize=32)
def _shipped(face: Path) -> bytes | None:
    """The shipped subset of a bundled face; None for a face a project brings (an
    override in its templates/fonts/), or if the package lacks the subset."""
    bundled = DEFAULT_TEMPLATES / "fonts" / face.name
    if face.resolve() != bundled.resolve():
        return None
    shipped = SHIPPED / face.name
    return shipped.read_bytes() if shipped.is_file() else None


@lru_cache(maxsize=32)
def subset_face(file: Path, characters: frozenset[str]) -> bytes:
    """The face cut to `characters` (those it draws), its names kept: what the shipped
    subsets are (tools/make_docx_fonts.py calls it) and what a brief with more embeds."""
    options = subset.Options()
    options.name_IDs = ["*"]  # Word finds an embedded face by its family name
    options.notdef_outline = True
    font = subset.load_font(str(file), options)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(characters)))
        subsetter.subset(font)
        out = io.BytesIO()
        subset.save_font(font, out, options)
        return out.getvalue()
    finally:
        font.close()


def _obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the font key's bytes in reverse order (§17.8.1)."""
    digits = key.strip("{}").replace("-", "")
    mask = bytes(int(digits[i:i + 2], 16) for i in range(30, -1, -2))
    head = bytes(b ^ mask[n % 16] for n, b in enumerate(data[:32]))
    return head + data[32:]


def _ask_to_embed(document: Document) -> None:
    """Word keeps the embedded faces when the reader saves the brief only if asked to."""
    settings = document.settings.element
    set_setting(settings, "embedTrueTypeFonts")
    set_setting(settings, "saveSubsetFonts")
