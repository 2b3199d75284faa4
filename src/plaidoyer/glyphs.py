"""Which characters the bundled fonts can draw: a text with others would print as empty
boxes, so validate names them first. The web fonts (fonts/web/) and the DOCX subsets
(fonts/docx/) are cut from the same faces and add nothing."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from .resources import TemplateSet


@cache
def _coverage(fonts: tuple[Path, ...]) -> frozenset[int]:
    return frozenset().union(*map(face_coverage, fonts))


@cache
def face_coverage(file: Path) -> frozenset[int]:
    """Every code point one face draws (validate's check, and the DOCX subsets' extra
    letters, render/docx_fonts.py)."""
    with TTFont(str(file), lazy=True) as font:
        # Glyph numbers for names: only the code points are wanted, and the real names
        # (the `post` table, thousands in a Noto face) took half of the time.
        font.setGlyphOrder([f"g{n}" for n in range(font["maxp"].numGlyphs)])
        return frozenset(font.getBestCmap() or {})


def coverage(templates: TemplateSet) -> frozenset[int]:
    """Every code point some font of the template folders draws."""
    fonts = tuple(sorted(path for name, path in templates.names().items()
                         if name.startswith("fonts/")
                         and not name.startswith(("fonts/web/", "fonts/docx/"))
                         and name.endswith((".ttf", ".otf", ".woff2"))))
    return _coverage(fonts)


def uncovered(text: str, covered: frozenset[int]) -> list[str]:
    """The characters of `text` no font covers, each once, in order."""
    return list(dict.fromkeys(c for c in text if ord(c) not in covered and not c.isspace()))
