"""Layout decisions, made once in the tailor stage so that every renderer follows them:
whether a brief needs a contents list, which asks read as a bulleted list and which as
blocks, and how asks are numbered. Templates only draw what is decided here."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from .model import brief as b

TOC_AFTER_PAGES = 2
"""Briefs longer than this many pages (the cover aside) get a contents list."""
CHARS_PER_PAGE = 3000  # Latin characters an A4 page of a brief holds: 2 600–3 400 measured
GLOSSARY_ENTRY_CHARS = 20  # an entry's air: its own line, the term set bold
WIDE_CHAR_ROOM = 3
"""An em wide in a looser line: measured, the six-language sample's Chinese full brief fills
as many pages as its English one with 1 288 Chinese characters for 4 706 English ones."""
FIGURE_CHARS = 200  # the space a key figure takes, in characters of text
DIAGRAM_CHARS = 1800  # … and the partnership diagram


def numbered(blocks: tuple[b.Block, ...], keep_paper: bool = True) -> tuple[b.Block, ...]:
    """Asks numbered 1, 2, 3 through the part, unless the paper numbers them itself (and
    `keep_paper`: a box of key messages counts its own, "5 (a)" would read as a gap)."""
    count = 0

    def number(item: b.Item) -> b.Item:
        nonlocal count
        count += 1
        return item if item.number and keep_paper else replace(item, number=str(count))

    return tuple(replace(blk, items=tuple(number(i) for i in blk.items)) for blk in blocks)


def needs_contents(sections: list[b.Section], notes: list[b.Para],
                   glossary: tuple[b.GlossaryEntry, ...]) -> bool:
    """Whether the printed brief runs past TOC_AFTER_PAGES pages, estimated from its
    text, so that the PDF is laid out once (measuring by laying out twice doubled the
    cost of every long brief): a contents list before two pages is noise."""
    chars = sum(extent(b.plain(p)) for p in notes) + sum(
        extent(b.plain(p)) for s in sections for p in s.intro) + sum(
        extent(e.term) + extent(e.definition) + GLOSSARY_ENTRY_CHARS for e in glossary)
    for section in sections:
        chars += extent(section.title) + FIGURE_CHARS * len(section.figures) + (
            DIAGRAM_CHARS if section.diagram else 0)
        for block in section.blocks:
            chars += sum(extent(b.plain(p)) for p in block.paragraphs)
            for item in block.items:
                chars += sum(extent(b.plain(p)) for p in (item.body, *item.points,
                                                          *item.outcomes))
                chars += sum(extent(k.title) + extent(b.plain(k.body)) for k in item.backing)
    return chars > TOC_AFTER_PAGES * CHARS_PER_PAGE


def extent(text: str) -> int:
    """The room `text` takes, in Latin characters: a Chinese, Japanese or Korean character
    (East Asian wide or full-width) takes WIDE_CHAR_ROOM. Counted as one, the Chinese full
    brief of the six-language sample was estimated at under two pages and printed no
    contents, where its English, Arabic and Russian briefs of the same pages had one."""
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return len(text) + (WIDE_CHAR_ROOM - 1) * wide


def is_listed(item: b.Item) -> bool:
    """An ask without an example reads best as a bullet; one with its example, as a block."""
    return item.kind not in ("claim", "case") and not item.backing


def runs(block: b.Block) -> list[b.Block]:
    """A block split where its items change from listed to not, so every renderer lays
    each run out alike (the heading and paragraphs stay with the first run)."""
    runs: list[b.Block] = []
    for item in block.items:
        listed = is_listed(item)
        if runs and runs[-1].listed == listed and runs[-1].items:
            runs[-1] = replace(runs[-1], items=(*runs[-1].items, item))
        elif not runs:
            runs.append(replace(block, items=(item,), listed=listed))
        else:
            runs.append(b.Block(items=(item,), listed=listed))
    return runs or [block]
