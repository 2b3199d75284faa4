"""Draw the partnership diagram as SVG: territories in two columns, under the heading of
their region (regions alternate between the columns), partnerships as links.

Vector, self-contained and made from the data alone (no map tiles, no network), so
the same drawing serves the HTML page, the PDF and the Word document.
"""

from __future__ import annotations

from html import escape

from .model.brief import Diagram, Node

PALETTE = ("#0b5c55", "#c2571a", "#5a4a9c", "#2f7d32", "#a0324f", "#6b6b00")
ROW = 30
TOP = 34
CHAR = 5.9  # average advance of a 10 px Noto Sans character, to leave room for labels
GAP = 150   # between the two columns, where the links run


def _columns(diagram: Diagram) -> tuple[list[str | Node], list[str | Node]]:
    """Each column as rows: a region heading (str), then its territories."""
    columns: tuple[list[str | Node], list[str | Node]] = ([], [])
    for n, group in enumerate(diagram.groups):
        column = columns[n % 2]
        column.append(group)
        column.extend(node for node in diagram.nodes if node.group == group)
    return columns


def partnership_svg(diagram: Diagram, lang: str) -> str:
    columns = _columns(diagram)
    widths = [max((len(row.label if isinstance(row, Node) else row) * CHAR for row in rows),
                  default=0) for rows in columns]
    column_x = (widths[0] + 24, widths[0] + 24 + GAP)
    cases = list(dict.fromkeys(title for *_, title in diagram.links))
    legend_width = max((len(t) * CHAR * 0.9 for t in cases), default=0) + 60
    width = int(max(column_x[1] + widths[1] + 24, legend_width))
    position: dict[str, tuple[float, float]] = {}
    headings: list[tuple[float, float, str]] = []
    for col, rows in enumerate(columns):
        y = float(TOP - 12)
        for row in rows:
            if isinstance(row, Node):
                position[row.id] = (column_x[col], y)
                y += ROW
            else:
                if y > TOP:
                    y += 6  # a little air above the next region
                headings.append((column_x[col], y, row))
                y += 28
    bottom = max((y for _, y in position.values()), default=float(TOP))
    legend_top = bottom + 24
    height = int(legend_top + 18 * len(cases) + 8)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(diagram.caption)}" '
        'font-family="Noto Sans, Arial, sans-serif" font-size="10">',
        f"<title>{escape(diagram.caption)}</title>",
    ]
    for x, y, heading in headings:
        out.append(f'<text x="{x}" y="{y}" text-anchor="middle" '
                   f'font-weight="bold" fill="#5b6670">{escape(heading)}</text>')
    for a, b, title in diagram.links:
        color = PALETTE[cases.index(title) % len(PALETTE)]
        (x1, y1), (x2, y2) = position[a], position[b]
        if x1 == x2:  # both in one column: bow into the gap, away from the labels
            bow = -GAP / 2 if x1 > width / 2 else GAP / 2
            path = f"M{x1},{y1} C{x1 + bow},{y1} {x2 + bow},{y2} {x2},{y2}"
        else:
            path = f"M{x1},{y1} C{(x1 + x2) / 2},{y1} {(x1 + x2) / 2},{y2} {x2},{y2}"
        out.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="2.2" '
                   f'stroke-opacity="0.85"/>')
    for col, rows in enumerate(columns):
        anchor, dx = ("end", -9) if col == 0 else ("start", 9)
        for node in (row for row in rows if isinstance(row, Node)):
            x, y = position[node.id]
            label = node.label
            out.append(f'<circle cx="{x}" cy="{y}" r="5" fill="#fff" stroke="#1d2327" '
                       'stroke-width="1.5"/>')
            out.append(f'<text x="{x + dx}" y="{y + 3.5}" text-anchor="{anchor}" '
                       f'fill="#1d2327">{escape(label)}</text>')
    for n, title in enumerate(cases):
        y = legend_top + 18 * n
        color = PALETTE[n % len(PALETTE)]
        out.append(f'<line x1="20" y1="{y + 6}" x2="44" y2="{y + 6}" stroke="{color}" '
                   'stroke-width="3"/>')
        out.append(f'<text x="52" y="{y + 9.5}" font-size="9" fill="#1d2327">'
                   f"{escape(title)}</text>")
    out.append("</svg>")
    return "\n".join(out)
