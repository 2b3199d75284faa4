"""Generate the web fonts HTML briefs embed: src/plaidoyer/templates/fonts/web/*.woff2.

Usage: python tools/make_web_fonts.py

Each bundled Noto face (the TrueType files WeasyPrint embeds in PDFs) is cut into one
WOFF2 file per script (Latin, Latin extended, Cyrillic, Greek, Arabic), which
templates/web-fonts.css declares with its unicode-range. An HTML brief embeds only the
files of the scripts its text uses: about 130 kB for a brief in French, English or
Spanish, where the whole faces would be 3.5 MB. Cutting once here rather than per
brief keeps HTML rendering as cheap as filling the template (subsetting five faces per
brief took 2.4 s).
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONTS = Path(__file__).parent.parent / "src" / "plaidoyer" / "templates" / "fonts"
SCRIPTS: dict[str, tuple[tuple[int, int], ...]] = {
    # Western European languages, with ordinals (21ᵉ, 1ʳᵉ), sub- and superscripts (CO₂),
    # the euro, and the punctuation French and Spanish typography use.
    "latin": ((0x0020, 0x017F), (0x02B3, 0x02B3), (0x02BC, 0x02BC), (0x02C6, 0x02DD),
              (0x1D48, 0x1D49), (0x2000, 0x209F), (0x20AC, 0x20AC), (0x2122, 0x2122),
              (0x2212, 0x2212)),
    "latin-ext": ((0x0180, 0x024F), (0x0300, 0x036F), (0x1E00, 0x1EFF), (0x20A0, 0x20CF)),
    "cyrillic": ((0x0400, 0x052F),),
    "greek": ((0x0370, 0x03FF),),
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
}
FACES = {
    **{face: ("latin", "latin-ext", "cyrillic", "greek") for face in (
        "NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic",
        "NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic")},
    "NotoSansArabic-Regular": ("arabic",),
    "NotoSansArabic-Bold": ("arabic",),
}
CSS_HEADER = """\
/* The fonts of an HTML brief: each file is embedded in the page only if the page's text
   uses its unicode-range. Written by tools/make_web_fonts.py; a project may override
   this file in its templates/ with fonts of its own under templates/fonts/. */
"""
FEATURES = ["kern", "liga", "clig", "calt", "ccmp", "locl", "mark", "mkmk", "init", "medi",
            "fina", "isol", "rlig"]  # the last five shape Arabic


def font_face(face: str, script: str) -> str:
    family, style = face.split("-")
    family = {"NotoSerif": "Noto Serif", "NotoSans": "Noto Sans",
              "NotoSansArabic": "Noto Sans Arabic"}[family]
    ranges = ", ".join(f"U+{low:04X}" + (f"-{high:04X}" if high != low else "")
                       for low, high in SCRIPTS[script])
    return (f'@font-face {{ font-family: "{family}"; font-weight: '
            f'{"bold" if style == "Bold" else "normal"}; font-style: '
            f'{"italic" if style == "Italic" else "normal"};\n'
            f"  src: url(fonts/web/{face}.{script}.woff2) format(\"woff2\");\n"
            f"  unicode-range: {ranges}; }}\n")


def main() -> None:
    out = FONTS / "web"
    out.mkdir(exist_ok=True)
    css = [CSS_HEADER] + [font_face(face, script) for face, scripts in FACES.items()
                          for script in scripts]
    (FONTS.parent / "web-fonts.css").write_text("".join(css), encoding="utf-8")
    for face, scripts in FACES.items():
        for script in scripts:
            font = TTFont(FONTS / f"{face}.ttf")
            options = subset.Options()
            options.flavor = "woff2"
            options.layout_features = FEATURES
            options.name_IDs = ["*"]  # keep the copyright and licence names (OFL)
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=[c for low, high in SCRIPTS[script]
                                         for c in range(low, high + 1)])
            subsetter.subset(font)
            target = out / f"{face}.{script}.woff2"
            font.flavor = "woff2"
            font.save(target)
            print(f"{target.relative_to(FONTS.parent)}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
