"""Generate the font subsets DOCX briefs embed: src/plaidoyer/templates/fonts/docx/*.ttf.

Usage: python tools/make_docx_fonts.py

Each bundled Noto face a DOCX embeds (docx_fonts.FACES) is subset to
docx_fonts.REPERTOIRE (Latin-1, Latin Extended-A, typographic marks, Greek, Cyrillic) by
the very function that subsets at build time, so a shipped file is byte for byte what the
renderer would cut. A brief whose text stays inside that repertoire, as every brief in
French, English, Spanish or Russian does, embeds these files as they are: subsetting the
six faces took 1.2 to 3.5 s per build process, most of a DOCX's time after LibreOffice,
and a per-brief cut missed its cache whenever briefs' characters differed. Run it after
changing a bundled face, REPERTOIRE or the subsetting options, and commit the result
(tests/test_docx_fonts.py checks the files match). The output depends only on the faces
and fontTools: the same input gives the same bytes.

The subsets are Noto fonts under the SIL Open Font License like the faces they are cut
from: their name tables keep the copyright and licence, and OFL.txt is copied beside them.
"""

from __future__ import annotations

import shutil

from plaidoyer.render.docx_fonts import FACES, REPERTOIRE, SHIPPED, subset_face

FONTS = SHIPPED.parent


def main() -> None:
    SHIPPED.mkdir(exist_ok=True)
    shutil.copyfile(FONTS / "OFL.txt", SHIPPED / "OFL.txt")
    for file in sorted(file for faces in FACES.values() for file in faces.values()):
        target = SHIPPED / file
        target.write_bytes(subset_face(FONTS / file, REPERTOIRE))
        print(f"{target.relative_to(FONTS.parent)}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
