"""Draw the partnership diagram as SVG: territories in one or two columns under the heading
of their region, each case a lettered hub in between with a spoke to each of its
territories, and below, the key: each letter with the case's title as the brief prints it.

Vector, self-contained and made from the data alone (no map tiles, no network), so the
same drawing serves the HTML page, the PDF and the Word document. The drawing is as
wide as the printed figure (174 mm), so its text prints at the size it is set in, never
scaled down; text is measured with the shipped Noto Sans metrics, so labels wrap before
they would collide, and the height grows with the data.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from fontTools.ttLib import TTFont

from .model.brief import Diagram, Node, Partnership

PRINTED_MM = 174.0  # the figure's width in the full briefs: the A4 text block
WIDTH = 658  # px: 174 mm at 96 px to the inch, so one unit prints as one CSS px
FONT = 10.5  # px: 7.9 pt at 174 mm (7.2 pt at the 160 mm of the Word document)
LINE = 13.5  # one line of text
ROOM = 1.1  # see text_width
BASELINE = 10.3  # from a line's top to its baseline: Noto Sans capitals centred
MARGIN = 6.0
DOT = 3.2  # a territory
HUB = 9.0  # a case
HUB_GAP = 2 * HUB + 6  # between two hubs' centres
NODE_GAP = 8.5  # between two territories' rows
HEADING_GAP = 4.0  # under a region's heading
GROUP_GAP = 12.0  # above the next region in a column
LABEL_GAP = 8.0  # between a territory's dot and its label
SPAN = 70.0  # the least room between a column of dots and the hubs
MIDDLE_MAX = 240.0  # dots no further apart than this: short labels leave air outside
KEY_GAP = 10.0  # between the key's letter and its text; between the key's columns
PALETTE = ("#0b5c55", "#a3460f", "#5a4a9c", "#2e6b30", "#a0324f", "#1f5f99", "#6b5a00",
           "#7a4a2a")  # each at least 6:1 against the white letter it carries
INK = "#1d2327"
MUTED = "#5b6670"
RULE = "#c9d0d5"
FONTS = Path(__file__).parent / "templates" / "fonts"
FAMILY = "Noto Sans, Noto Sans Arabic, Noto Sans SC, Arial, sans-serif"

Run = tuple[str, bool]  # text, and whether it is muted (a note after a case's title)


def points(px: float) -> float:
    """The printed size, in points, of `px` units of the drawing at the figure's width."""
    return px * (PRINTED_MM / 25.4 * 72) / WIDTH


# -- measuring -------------------------------------------------------------

@cache
def _advances(name: str) -> dict[int, float]:
    """Each character's advance in ems, from the font the PDF embeds."""
    with TTFont(FONTS / name) as font:
        em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        return {code: metrics[glyph][0] / em for code, glyph in font.getBestCmap().items()}


def text_width(text: str, bold: bool = False) -> float:
    """The room `text` takes at the drawing's font size: Noto Sans's advances (kerning
    left out: it only narrows), and a tenth more for a reader that draws the SVG in a
    wider fallback font (DejaVu Sans runs 7–9 % wider), so no text ever reaches another
    or the edge."""
    weight = "Bold" if bold else "Regular"
    fonts = (_advances(f"NotoSans-{weight}.ttf"), _advances(f"NotoSansArabic-{weight}.ttf"))
    total = 0.0
    for char in text:
        code = ord(char)
        advance = next((f[code] for f in fonts if code in f), None)
        if advance is None:
            advance = 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6
        total += advance
    return total * FONT * ROOM


def _fits(runs: Sequence[Run], width: float, bold: bool) -> bool:
    return text_width("".join(t for t, _ in runs), bold) <= width


def wrap(runs: Sequence[Run], width: float, bold: bool = False) -> list[list[Run]]:
    """Lines of at most `width`, broken between words; a territory's country in
    brackets goes whole onto the next line rather than split."""
    whole = "".join(t for t, _ in runs)
    if len(runs) == 1 and " (" in whole and not _fits(runs, width, bold):
        head, _, tail = whole.rpartition(" (")
        muted = runs[0][1]
        if text_width(head, bold) <= width and text_width("(" + tail, bold) <= width:
            return [[(head, muted)], [("(" + tail, muted)]]
    words = [(w, muted) for text, muted in runs for w in text.split(" ") if w]
    lines: list[list[Run]] = []
    line: list[Run] = []
    for word, muted in words:
        for piece in _pieces(word, width, bold):
            candidate = [*line, (" " if line else "", False), (piece, muted)]
            if line and not _fits(candidate, width, bold):
                lines.append(line)
                line = [(piece, muted)]
            else:
                line = [r for r in candidate if r[0]]
    if line:
        lines.append(line)
    return [_merge(line) for line in lines]


def _pieces(word: str, width: float, bold: bool) -> Iterator[str]:
    """A word too long for any line (a URL, a long compound) is cut where it must be."""
    while text_width(word, bold) > width and len(word) > 1:
        n = max(1, max(i for i in range(1, len(word) + 1)
                       if text_width(word[:i], bold) <= width or i == 1))
        yield word[:n]
        word = word[n:]
    yield word


def _merge(line: list[Run]) -> list[Run]:
    """Neighbouring runs of one style as one run; a space takes its follower's style."""
    merged: list[Run] = []
    for n, (text, muted) in enumerate(line):
        if text == " " and n + 1 < len(line):
            muted = line[n + 1][1]
        if merged and merged[-1][1] == muted:
            merged[-1] = (merged[-1][0] + text, muted)
        else:
            merged.append((text, muted))
    return merged


# -- layout ----------------------------------------------------------------

@dataclass(frozen=True)
class Label:
    """Lines of text anchored at `x` ("start": their left edge, "end": their right)."""

    kind: str  # heading | territory | key
    x: float
    top: float
    lines: tuple[tuple[Run, ...], ...]
    anchor: str
    bold: bool = False

    def boxes(self) -> list[tuple[float, float, float, float]]:
        """(left, top, right, bottom) of each line's ink."""
        out = []
        for n, line in enumerate(self.lines):
            width = text_width("".join(t for t, _ in line), self.bold)
            left = self.x - width if self.anchor == "end" else self.x
            top = self.top + n * LINE
            out.append((left, top, left + width, top + LINE))
        return out


@dataclass(frozen=True)
class Hub:
    """A case: its letter in a disc of its colour."""

    x: float
    y: float
    key: str
    color: str

    def box(self) -> tuple[float, float, float, float]:
        return (self.x - HUB, self.y - HUB, self.x + HUB, self.y + HUB)


@dataclass(frozen=True)
class Dot:
    x: float
    y: float

    def box(self) -> tuple[float, float, float, float]:
        return (self.x - DOT, self.y - DOT, self.x + DOT, self.y + DOT)


@dataclass(frozen=True)
class Spoke:
    """A case's link to one of its territories, from its hub to the territory's dot."""

    x1: float
    y1: float
    x2: float
    y2: float
    color: str


@dataclass(frozen=True)
class Layout:
    """Everything the SVG draws, in left-to-right coordinates (mirrored when drawn RTL)."""

    width: int
    height: int
    labels: tuple[Label, ...]
    dots: tuple[Dot, ...]
    hubs: tuple[Hub, ...]
    spokes: tuple[Spoke, ...]
    rule: float  # the hairline between the drawing and its key, at this y


def _columns(diagram: Diagram) -> list[list[str]]:
    """Regions into two columns of like height, in the order they come; one region
    alone stays one column, its hubs beside it."""
    if len(diagram.groups) < 2:
        return [list(diagram.groups), []]
    columns: list[list[str]] = [[], []]
    heights = [0, 0]
    for group in diagram.groups:
        side = 0 if heights[0] <= heights[1] else 1
        columns[side].append(group)
        heights[side] += 1 + sum(1 for n in diagram.nodes if n.group == group)
    return columns


def _label_room(diagram: Diagram, columns: list[list[str]]) -> tuple[float, float]:
    """The widest each column's labels may run: as wide as they are if both fit, else
    the narrower column keeps its width (up to half the room) and the other the rest."""
    def natural(groups: list[str]) -> float:
        return max([*(text_width(g, bold=True) for g in groups),
                    *(text_width(n.label) for n in diagram.nodes if n.group in groups)],
                   default=0.0)

    if not columns[1]:
        room = WIDTH - 2 * MARGIN - LABEL_GAP - SPAN - HUB
        return (room, 0.0)
    room = WIDTH - 2 * MARGIN - 2 * LABEL_GAP - 2 * SPAN
    widths = (natural(columns[0]), natural(columns[1]))
    if sum(widths) <= room:
        return widths
    narrow = 0 if widths[0] <= widths[1] else 1
    kept = min(widths[narrow], room / 2)
    return (kept, room - kept) if narrow == 0 else (room - kept, kept)


def _ordered(diagram: Diagram, group: str, rank: dict[str, float]) -> list[Node]:
    """A region's territories by the mean rank of their cases (at first their order,
    then their hubs' height), so that spokes run level and cross as little as they can."""
    ranks: dict[str, list[float]] = {}
    for p in diagram.partnerships:
        for node_id in p.nodes:
            ranks.setdefault(node_id, []).append(rank[p.key])
    nodes = [n for n in diagram.nodes if n.group == group]
    return sorted(nodes, key=lambda n: (sum(ranks.get(n.id, [0.0])) / len(ranks.get(n.id, [0.0])),
                                        diagram.nodes.index(n)))


def _crossings(spokes: Sequence[Spoke]) -> int:
    """Spokes that cross: on one side of the hubs, those whose ends come in opposite
    orders (each runs level out of its hub and straight on to its dot)."""
    return sum(1 for n, a in enumerate(spokes) for b in spokes[n + 1:]
               if (a.x2 > a.x1) == (b.x2 > b.x1) and (a.y1 - b.y1) * (a.y2 - b.y2) < 0)


def _spread(wanted: list[float], gap: float, low: float) -> list[float]:
    """Positions as near as can be to `wanted` (in order), at least `gap` apart and not
    above `low`: least squares, by pooling neighbours that collide (isotonic regression)."""
    shifted = [w - n * gap for n, w in enumerate(wanted)]
    pools: list[list[float]] = []  # [mean, count]
    for value in shifted:
        pools.append([value, 1])
        while len(pools) > 1 and pools[-2][0] > pools[-1][0]:
            mean, count = pools.pop()
            pools[-1] = [(pools[-1][0] * pools[-1][1] + mean * count) / (pools[-1][1] + count),
                         pools[-1][1] + count]
    out = [mean for mean, count in pools for _ in range(int(count))]
    lift = max(0.0, low - out[0]) if out else 0.0
    return [v + lift + n * gap for n, v in enumerate(out)]


def layout(diagram: Diagram) -> Layout:
    """Place every territory, hub, spoke and key entry, none overlapping another."""
    columns = _columns(diagram)
    limits = _label_room(diagram, columns)
    side = {g: n for n, groups in enumerate(columns) for g in groups}
    wrapped = {n.id: wrap([(n.label, False)], limits[side[n.group]]) for n in diagram.nodes}
    headings = {g: wrap([(g, False)], limits[side[g]], bold=True) for g in diagram.groups}

    def column_width(groups: list[str]) -> float:
        widths = [text_width("".join(t for t, _ in line), bold=True)
                  for g in groups for line in headings[g]]
        widths += [text_width("".join(t for t, _ in line))
                   for n in diagram.nodes if n.group in groups for line in wrapped[n.id]]
        return max(widths, default=0.0)

    left_w, right_w = column_width(columns[0]), column_width(columns[1])
    if columns[1]:
        middle = min(MIDDLE_MAX, WIDTH - 2 * MARGIN - left_w - right_w - 2 * LABEL_GAP)
        block = left_w + right_w + 2 * LABEL_GAP + middle
    else:
        middle = SPAN
        block = left_w + LABEL_GAP + SPAN + HUB
    left_dot = (WIDTH - block) / 2 + left_w + LABEL_GAP
    dot_x = (left_dot, left_dot + middle)
    hub_x = left_dot + middle / 2 if columns[1] else left_dot + SPAN

    colors = {p.key: PALETTE[n % len(PALETTE)] for n, p in enumerate(diagram.partnerships)}
    rank = {p.key: float(n) for n, p in enumerate(diagram.partnerships)}
    best: tuple[int, list[Label], dict[str, Dot], list[Hub], list[Spoke], float] | None = None
    for _ in range(4):  # order by the cases, then by where their hubs came to be
        labels, dots, bottom = _place_columns(diagram, columns, wrapped, headings, dot_x,
                                              rank)
        drawn = [p for p in diagram.partnerships if p.nodes]
        hubs = [Hub(hub_x, y, p.key, colors[p.key])
                for p, y in zip(drawn, _hub_heights(drawn, dots), strict=True)]
        spokes = [Spoke(hub.x, hub.y, dots[i].x, dots[i].y, hub.color)
                  for hub, p in zip(hubs, drawn, strict=True) for i in p.nodes]
        bottom = max([bottom, *(h.y + HUB for h in hubs)])
        crossings = _crossings(spokes)
        if best is None or crossings < best[0]:
            best = (crossings, labels, dots, hubs, spokes, bottom)
        new_rank = {**rank, **{h.key: h.y for h in hubs}}
        if new_rank == rank:
            break
        rank = new_rank
    assert best is not None
    _, labels, dots, hubs, spokes, bottom = best

    rule = bottom + 12
    key_hubs, key_labels, end = _key(diagram, colors, rule + 12)
    return Layout(WIDTH, math.ceil(end + MARGIN), (*labels, *key_labels),
                  tuple(dots.values()), (*hubs, *key_hubs), tuple(spokes), rule)


def _place_columns(diagram: Diagram, columns: list[list[str]],
                   wrapped: dict[str, list[list[Run]]], headings: dict[str, list[list[Run]]],
                   dot_x: tuple[float, float],
                   rank: dict[str, float]) -> tuple[list[Label], dict[str, Dot], float]:
    """Each column from the top: a region's heading, then its territories in `rank`."""
    labels: list[Label] = []
    dots: dict[str, Dot] = {}
    bottom = MARGIN
    for side, groups in enumerate(columns):
        x = dot_x[side] + (LABEL_GAP if side else -LABEL_GAP)
        anchor = "start" if side else "end"
        y = MARGIN
        for n, group in enumerate(groups):
            y += GROUP_GAP if n else 0.0
            lines = tuple(tuple(line) for line in headings[group])
            labels.append(Label("heading", x, y, lines, anchor, bold=True))
            y += LINE * len(lines) + HEADING_GAP
            for node in _ordered(diagram, group, rank):
                lines = tuple(tuple(line) for line in wrapped[node.id])
                labels.append(Label("territory", x, y, lines, anchor))
                dots[node.id] = Dot(dot_x[side], y + LINE / 2 + 0.6)
                y += LINE * len(lines) + NODE_GAP
        bottom = max(bottom, y - NODE_GAP)
    return labels, dots, bottom


def _hub_heights(drawn: list[Partnership], dots: dict[str, Dot]) -> list[float]:
    """Each hub level with the middle of its territories, pushed apart where they crowd."""
    wanted = [sum(dots[i].y for i in p.nodes) / len(p.nodes) for p in drawn]
    order = sorted(range(len(drawn)), key=lambda n: (wanted[n], n))
    placed = _spread([wanted[n] for n in order], HUB_GAP, MARGIN + HUB)
    heights = dict(zip(order, placed, strict=True))
    return [heights[n] for n in range(len(drawn))]


def _key(diagram: Diagram, colors: dict[str, str],
         top: float) -> tuple[list[Hub], list[Label], float]:
    """The key: each case's letter and title, and its note; in two columns when every
    entry fits half the width on one line."""
    entries = [[(p.title, False), *([(f"({p.note})", True)] if p.note else [])]
               for p in diagram.partnerships]
    indent = 2 * HUB + KEY_GAP
    full = WIDTH - 2 * MARGIN - indent
    half = (WIDTH - 2 * MARGIN - KEY_GAP) / 2 - indent
    two = len(entries) > 1 and all(len(wrap(e, half)) == 1 for e in entries)
    columns = 2 if two else 1
    per_column = math.ceil(len(entries) / columns)
    hubs: list[Hub] = []
    labels: list[Label] = []
    end = top
    for column in range(columns):
        x = MARGIN + column * (half + indent + KEY_GAP)
        y = top
        for p, entry in list(zip(diagram.partnerships, entries, strict=True))[
                column * per_column:(column + 1) * per_column]:
            lines = tuple(tuple(line) for line in wrap(entry, half if two else full))
            height = max(LINE * len(lines), 2 * HUB)
            hubs.append(Hub(x + HUB, y + LINE / 2 + 0.6, p.key, colors[p.key]))
            labels.append(Label("key", x + indent, y, lines, "start"))
            y += height + 5
        end = max(end, y - 5)
    return hubs, labels, end


# -- drawing ---------------------------------------------------------------

def _n(value: float) -> str:
    """A coordinate, the same on every run and machine."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def partnership_svg(diagram: Diagram, lang: str = "", labels: bool = True) -> str:
    """The SVG; `lang` is kept for callers, the diagram knows its direction. Without
    `labels`, only the drawing: diagram_canvas.py sets the words in HTML over it."""
    plan = layout(diagram)
    rtl = diagram.direction == "rtl"

    def x(value: float) -> str:
        return _n(plan.width - value if rtl else value)

    description = escape(diagram.description or diagram.caption)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {plan.width} {plan.height}" '
        f'width="{plan.width}" height="{plan.height}" role="img" aria-label="{description}" '
        f'direction="{"rtl" if rtl else "ltr"}" font-family="{FAMILY}" font-size="{_n(FONT)}" '
        f'fill="{INK}">',
        # WeasyPrint takes an SVG's <title> as the tagged PDF's alternative text: the
        # description, since the caption is printed under the figure anyway.
        f"<title>{description}</title>",
        '<g fill="none" stroke-width="1.6" stroke-linecap="round">',
    ]
    for s in plan.spokes:
        middle = (s.x1 + s.x2) / 2
        out.append(f'<path d="M{x(s.x1)},{_n(s.y1)} C{x(middle)},{_n(s.y1)} '
                   f'{x(middle)},{_n(s.y2)} {x(s.x2)},{_n(s.y2)}" stroke="{s.color}"/>')
    out.append("</g>")
    out.append(f'<line x1="{x(MARGIN)}" y1="{_n(plan.rule)}" x2="{x(plan.width - MARGIN)}" '
               f'y2="{_n(plan.rule)}" stroke="{RULE}" stroke-width="0.75"/>')
    for dot in plan.dots:
        out.append(f'<circle cx="{x(dot.x)}" cy="{_n(dot.y)}" r="{_n(DOT)}" fill="{INK}"/>')
    for hub in plan.hubs:
        out.append(f'<circle cx="{x(hub.x)}" cy="{_n(hub.y)}" r="{_n(HUB)}" '
                   f'fill="{hub.color}"/>')
        out.append(f'<text x="{x(hub.x)}" y="{_n(hub.y + 3.7)}" text-anchor="middle" '
                   f'font-weight="bold" fill="#fff">{escape(hub.key)}</text>')
    for label in plan.labels if labels else ():
        weight = ' font-weight="bold"' if label.bold else ""
        fill = f' fill="{MUTED}"' if label.kind == "heading" else ""
        for n, line in enumerate(label.lines):
            runs = "".join(f'<tspan fill="{MUTED}">{escape(t)}</tspan>' if muted
                           else escape(t) for t, muted in line)
            out.append(f'<text x="{x(label.x)}" y="{_n(label.top + n * LINE + BASELINE)}" '
                       f'text-anchor="{label.anchor}"{weight}{fill}>{runs}</text>')
    out.append("</svg>")
    return "\n".join(out)
