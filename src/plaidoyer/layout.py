"""Layout decisions, made once in the tailor stage so that every renderer follows them:
whether a brief needs a contents list, which asks read as a bulleted list and which as
blocks, and how asks are numbered. Templates only draw what is decided here."""

from __future__ import annotations

from dataclasses import replace

from .model import brief as b

TOC_AFTER_PAGES = 2
"""Briefs longer than this many pages (the cover aside) get a contents list."""
CHARS_PER_PAGE = 3000  # characters an A4 page of a brief holds: 2 600–3 400 measured
GLOSSARY_ENTRY_CHARS = 20  # an entry's air: its own line, the term set bold
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
    chars = sum(len(b.plain(p)) for p in notes) + sum(
        len(b.plain(p)) for s in sections for p in s.intro) + sum(
        len(e.term) + len(e.definition) + GLOSSARY_ENTRY_CHARS for e in glossary)
    for section in sections:
        chars += len(section.title) + FIGURE_CHARS * len(section.figures) + (
            DIAGRAM_CHARS if section.diagram else 0)
        for block in section.blocks:
            chars += sum(len(b.plain(p)) for p in block.paragraphs)
            for item in block.items:
                chars += sum(len(b.plain(p)) for p in (item.body, *item.points,
                                                        *item.outcomes))
                chars += sum(len(k.title) + len(b.plain(k.body)) for k in item.backing)
    return chars > TOC_AFTER_PAGES * CHARS_PER_PAGE


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
