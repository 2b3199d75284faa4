"""A render-ready brief: everything chosen, ordered, translated and formatted.

Renderers only lay this out; they make no editorial decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Span:
    """A run of text; `note` makes it a superscript reference, `expansion` an acronym's,
    `url` a link, `lang` words in another language than the brief's (a source's title)."""

    text: str
    note: int | None = None
    expansion: str | None = None
    url: str | None = None
    lang: str | None = None
    emphasis: bool = False  # a title of a publication, a term in another language


Para = tuple[Span, ...]


def plain(para: Para) -> str:
    """The text a reader sees, note numbers included."""
    return "".join(s.text if s.note is None else str(s.note) for s in para)


NO_BREAK = "\u00a0\u202f"


def glued(para: Para) -> Para:
    """No-break spaces at the end of a run move into the acronym or foreign words that
    follow it ("«\u202f" + DECLIC): WeasyPrint could not break a line before such a pair
    of runs and went back to the run's first break, leaving "partici-" alone on a line.
    What a reader sees does not change."""
    out = list(para)
    for i in range(len(out) - 1):
        run, marked = out[i], out[i + 1]
        space = run.text[len(run.text.rstrip(NO_BREAK)):]
        if space and run == Span(run.text) and (marked.expansion or marked.lang
                                                or marked.emphasis):
            out[i] = replace(run, text=run.text[:-len(space)])
            out[i + 1] = replace(marked, text=space + marked.text)
    return tuple(s for s in out if s.text or s.note)


@dataclass(frozen=True)
class Backing:
    """A case that illustrates a demand, as shown under it."""

    title: str
    body: Para


@dataclass(frozen=True)
class Item:
    kind: str  # claim | case | demand | recommendation
    id: str
    body: Para
    title: str | None = None
    points: tuple[Para, ...] = ()
    outcomes: tuple[Para, ...] = ()
    partners: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()  # "près de 20 ans", "depuis 2011"
    backing: tuple[Backing, ...] = ()
    number: str | None = None  # the paper's paragraph number: "7", "2.3", "2 (a)"
    anchors: tuple[str, ...] = ()  # where in the negotiating text: "Paris Agreement, Art. 8"
    to: str | None = None  # whom an ask is to, where no heading says it: "To: the Board"
    lead: str | None = None  # a bold lead-in before the body: the ask's topic


@dataclass(frozen=True)
class Block:
    """Paragraphs of the section itself, or a group of items with an optional lead-in."""

    heading: Para | None = None
    paragraphs: tuple[Para, ...] = ()
    items: tuple[Item, ...] = ()
    listed: bool = False  # the items are a bulleted list (asks without an example)
    number: str | None = None  # the paper's number of this paragraph or lead-in


@dataclass(frozen=True)
class FigureRow:
    value: str
    measures: str
    place: str
    year: str
    note: int | None


@dataclass(frozen=True)
class Node:
    """A territory in the partnership diagram; `group` is the heading it is drawn under."""

    id: str
    label: str
    group: str


@dataclass(frozen=True)
class Partnership:
    """A case as the diagram draws it: a lettered hub joined to each of its territories,
    so a case of one territory is drawn (and keyed) like any other."""

    key: str  # "A", "B" …: on the hub and in the key below the drawing
    title: str  # the case's title exactly as the brief prints it
    nodes: tuple[str, ...]  # node ids, in the case's order
    note: str | None = None  # in the key after the title: "a single partner territory"


@dataclass(frozen=True)
class Diagram:
    """Territories and the partnerships that link them; drawn as SVG by `diagram.py`."""

    nodes: tuple[Node, ...]
    partnerships: tuple[Partnership, ...]
    caption: str  # numbered: "Figure 1 – …"
    groups: tuple[str, ...]  # group headings (regions), in the order they are drawn
    description: str = ""  # the alt text: every partnership and its territories, in words
    direction: str = "ltr"  # "rtl" mirrors the drawing

    @property
    def links(self) -> tuple[tuple[str, str, str], ...]:
        """Territory pairs that share a case: (node id, node id, case title)."""
        return tuple((a, b, p.title) for p in self.partnerships
                     for n, a in enumerate(p.nodes) for b in p.nodes[n + 1:])


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: str
    intro: tuple[Para, ...] = ()
    blocks: tuple[Block, ...] = ()
    figures: tuple[FigureRow, ...] = ()
    figure_columns: tuple[str, ...] = ("value", "measures", "place", "year")  # the non-empty
    tiles: bool = False  # figures as large number tiles rather than a table
    figures_note: str | None = None  # one note for the figures, instead of a mark on each
    running: str = ""  # the running header: the title, cut at a word boundary if long
    diagram: Diagram | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    acronym: str | None
    definition: str


@dataclass(frozen=True)
class Brief:
    """One audience's brief of one paper in one language."""

    paper_id: str
    audience_id: str
    lang: str
    direction: str
    title: str
    subtitle: str | None
    short_title: str
    audience_label: str
    event: str
    period: str
    date: str | None
    authors: tuple[str, ...]
    keywords: tuple[str, ...]
    sections: tuple[Section, ...]
    notes: tuple[Para, ...]
    glossary: tuple[GlossaryEntry, ...]
    labels: dict[str, str] = field(hash=False)
    lede: Para | None = None
    key_messages: tuple[Item, ...] = ()  # a numbered box on the first page
    release: str | None = None  # "For immediate release" / "Embargoed until …"
    issued: str = "1980-01-01"  # ISO date the files are stamped with: the paper's date
    about: tuple[Para, ...] = ()  # endorsements, publication, contact, licence, link
    contents: tuple[str, ...] = ()  # what the brief prints, item by item, for `audit`
    internal: bool = False
    cover: bool = True
    toc: bool = False  # a contents list in print, decided once from the brief's length
    nav: bool = False  # a contents navigation on screen (HTML)
    budget_pages: int | None = None
    html_template: str = "brief.html.j2"
    css: str = "brief.css"
    docx_template: str = "brief.docx"
