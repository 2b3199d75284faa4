"""The faces a DOCX embeds: the subsets shipped in templates/fonts/docx/ are what the code
would cut (tools/make_docx_fonts.py), a brief inside their repertoire embeds them without
running fontTools, and a brief with more, or a project's own face, gets a subset cut for it."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from lxml import etree

from plaidoyer.render import docx_fonts
from plaidoyer.render.docx_fonts import FACES, REPERTOIRE, SHIPPED, embed_fonts
from plaidoyer.resources import DEFAULT_TEMPLATES, TemplateSet

FONTS = DEFAULT_TEMPLATES / "fonts"
FILES = sorted(file for faces in FACES.values() for file in faces.values())
SLOTS = {(family, slot): file for family, faces in FACES.items() for slot, file in faces.items()}
# French, Spanish, Russian, typeset ordinals and formulas; Arabic and Chinese letters,
# which the Noto Serif and Noto Sans faces do not draw.
INSIDE = ("Les 1ʳᵉ et 2ᵉ parties — « CO₂ » : 50 € ; ¿Qué? Año, niño. Россия, Україна "
          "(є, ї, ё); النص العربي; 中文文本")
RARE = "Ẁ ǆ Ελλάδα ґ"  # drawn by every face, outside REPERTOIRE


def _cmap(face: Path | bytes) -> set[int]:
    with TTFont(face if isinstance(face, Path) else io.BytesIO(face), lazy=True) as font:
        return set(font.getBestCmap())


def _family(data: bytes) -> str:
    with TTFont(io.BytesIO(data)) as font:
        return font["name"].getDebugName(1)


def _document(text: str) -> DocumentObject:
    document = Document()
    document.add_paragraph(text)
    return document


def _finder(project: Path) -> Callable[[str], Path]:
    templates = TemplateSet.for_project(project / "templates")

    def find(name: str) -> Path:
        found = templates.find(name)
        assert found is not None, name
        return found

    return find


def _embedded(document: DocumentObject) -> dict[tuple[str, str], bytes]:
    """Every embedded face by family and slot, de-obfuscated (ECMA-376 §17.8.1)."""
    font_table = document.part.part_related_by(RT.FONT_TABLE)
    found = {}
    for entry in etree.fromstring(font_table.blob).findall(qn("w:font")):
        for embed in entry:
            if not embed.tag.startswith(qn("w:embed")):
                continue
            data = bytearray(font_table.related_parts[embed.get(qn("r:id"))].blob)
            digits = embed.get(qn("w:fontKey")).strip("{}").replace("-", "")
            mask = bytes(int(digits[i:i + 2], 16) for i in range(30, -1, -2))
            for n in range(32):
                data[n] ^= mask[n % 16]
            found[entry.get(qn("w:name")), etree.QName(embed).localname] = bytes(data)
    return found


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, frozenset[str]]]:
    """The runtime subsets embed_fonts asks for, cut as usual."""
    calls: list[tuple[Path, frozenset[str]]] = []
    cut = docx_fonts.subset_face

    def record(file: Path, characters: frozenset[str]) -> bytes:
        calls.append((file, characters))
        return cut(file, characters)

    monkeypatch.setattr(docx_fonts, "subset_face", record)
    return calls


@pytest.mark.parametrize("file", FILES)
def test_each_shipped_subset_draws_exactly_the_repertoire_its_face_draws(file: str) -> None:
    full = _cmap(FONTS / file)
    shipped = _cmap(SHIPPED / file)
    assert shipped == {ord(c) for c in REPERTOIRE} & full, \
        f"run tools/make_docx_fonts.py: fonts/docx/{file} is out of date"
    assert {ord(c) for c in "éŒ€ᵉʳ₂Жё"} <= shipped
    assert not {ord(c) for c in "ґλΩ"} & shipped  # rarer letters: a subset of their own
    assert _family((SHIPPED / file).read_bytes()) == _family((FONTS / file).read_bytes())


def test_the_subsets_carry_the_fonts_licence() -> None:
    assert (SHIPPED / "OFL.txt").read_bytes() == (FONTS / "OFL.txt").read_bytes()


def test_a_brief_inside_the_repertoire_embeds_the_shipped_subsets_without_fonttools(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("fontTools subset a face the package ships cut")

    monkeypatch.setattr(docx_fonts, "subset_face", refuse)
    monkeypatch.setattr(docx_fonts.subset, "Subsetter", refuse)
    monkeypatch.setattr(docx_fonts.subset, "load_font", refuse)
    found = []
    for text in (INSIDE, "Plain English."):
        document = _document(text)
        embed_fonts(document, _finder(tmp_path))  # a project without templates/ of its own
        embedded = _embedded(document)
        assert set(embedded) == set(SLOTS)
        for slot, file in SLOTS.items():
            assert embedded[slot] == (SHIPPED / file).read_bytes(), slot
        found.append(embedded)
    assert found[0] == found[1], "every such brief carries the same faces"


def test_a_rarer_letter_of_the_faces_is_embedded_in_a_subset_cut_for_the_brief(
        tmp_path: Path, recorded: list[tuple[Path, frozenset[str]]]) -> None:
    rare = {ord(c) for c in RARE if not c.isspace()}
    for file in FILES:
        assert rare <= _cmap(FONTS / file), file
    runs = []
    for _ in range(2):
        document = _document(INSIDE + " " + RARE)
        embed_fonts(document, _finder(tmp_path))
        runs.append(_embedded(document))
    assert runs[0] == runs[1], "the same brief gives the same bytes"
    assert {file.name for file, _ in recorded} == set(FILES)
    for slot, file in SLOTS.items():
        cmap = _cmap(runs[0][slot])
        assert rare <= cmap, slot
        assert cmap == ({ord(c) for c in REPERTOIRE} | rare) & _cmap(FONTS / file), slot
        assert runs[0][slot] != (SHIPPED / file).read_bytes()


def test_a_face_a_project_overrides_is_subset_for_it_not_replaced_by_the_shipped_one(
        tmp_path: Path, recorded: list[tuple[Path, frozenset[str]]]) -> None:
    fonts = tmp_path / "templates" / "fonts"
    fonts.mkdir(parents=True)
    # The project's "Noto Serif" is another face; its italic, a copy of the package's.
    shutil.copyfile(FONTS / "NotoSans-Regular.ttf", fonts / "NotoSerif-Regular.ttf")
    shutil.copyfile(FONTS / "NotoSerif-Italic.ttf", fonts / "NotoSerif-Italic.ttf")
    document = _document(INSIDE)
    embed_fonts(document, _finder(tmp_path))
    embedded = _embedded(document)
    assert sorted(file for file, _ in recorded) == [fonts / "NotoSerif-Italic.ttf",
                                                    fonts / "NotoSerif-Regular.ttf"]
    regular = embedded["Noto Serif", "embedRegular"]
    assert _family(regular) == "Noto Sans", "the project's face, not the package's"
    assert _cmap(regular) == {ord(c) for c in REPERTOIRE} & _cmap(FONTS / "NotoSans-Regular.ttf")
    # Cut at runtime from the same face, with the options the tool uses: the same bytes.
    assert embedded["Noto Serif", "embedItalic"] == (
        SHIPPED / "NotoSerif-Italic.ttf").read_bytes(), \
        "run tools/make_docx_fonts.py: the shipped subsets differ from what the code cuts"
    for slot, file in SLOTS.items():
        if slot not in {("Noto Serif", "embedRegular"), ("Noto Serif", "embedItalic")}:
            assert embedded[slot] == (SHIPPED / file).read_bytes(), slot
