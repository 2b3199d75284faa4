"""Generate the bundled Chinese fonts: src/plaidoyer/templates/fonts/NotoSansSC-*.woff2.

Usage: python tools/make_cjk_fonts.py DIR
where DIR holds NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc (Debian's
fonts-noto-cjk: `apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb x`,
then DIR is x/usr/share/fonts/opentype/noto; or the Noto CJK release on GitHub).

The Simplified Chinese face of each collection is cut to the 6 763 hanzi of GB 2312
(which cover all but rare names of modern Chinese text), CJK punctuation, full-width
forms and ASCII, and saved as WOFF2: about 2 MB a weight, where the whole collection is
20 MB. A character outside it is a located warning in `plaidoyer validate` [glyphs],
so a rarer character never prints as an empty box unnoticed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

OUT = Path(__file__).parent.parent / "src" / "plaidoyer" / "templates" / "fonts"
SIMPLIFIED_CHINESE = 2  # the face's index in the Noto Sans CJK collections (JP, KR, SC …)


def gb2312_hanzi() -> set[int]:
    """Levels 1 and 2 of GB 2312: rows 16–87 of the code table."""
    found = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return found


def main(source: str) -> None:
    wanted = gb2312_hanzi() | set(range(0x20, 0x7F)) | set(range(0x3000, 0x3040)) | set(
        range(0xFF00, 0xFFF0)) | {0x00B7, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026}
    for weight in ("Regular", "Bold"):
        font = TTCollection(Path(source) / f"NotoSansCJK-{weight}.ttc").fonts[SIMPLIFIED_CHINESE]
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]  # vertical forms, punctuation width, locl
        options.name_IDs = ["*"]  # keep the copyright and licence names (OFL)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        target = OUT / f"NotoSansSC-{weight}.woff2"
        font.flavor = "woff2"
        font.save(target)
        print(f"{target.name}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
