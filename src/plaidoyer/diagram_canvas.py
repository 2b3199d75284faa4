"""The partners' diagram for print in right-to-left languages: the drawing as SVG, its
words as HTML laid over it at the same places.

WeasyPrint sets SVG text glyph by glyph, without shaping or bidirectional reordering:
Arabic labels came out as reversed, unjoined letters (Kozea/WeasyPrint#2909). HTML text
is shaped by Pango, so the words move out of the SVG; positions come from the same
layout, so the picture is the same. Browsers shape SVG text well: the HTML brief keeps
the plain SVG.
"""

from __future__ import annotations

from html import escape

from .diagram import BASELINE, FONT, INK, LINE, MUTED, layout, partnership_svg
from .model.brief import Diagram

ASCENT = 10.8  # px from an HTML line's top to its baseline, at FONT in LINE (Noto Sans)


def partnership_canvas(diagram: Diagram) -> str:
    """A block of the drawing's size: the SVG without its labels, and each label's lines
    positioned over it (mirrored for right-to-left, as the drawing is)."""
    plan = layout(diagram)
    rtl = diagram.direction == "rtl"
    out = [f'<div class="diagram-canvas" style="position: relative; width: {plan.width}px; '
           f'height: {plan.height}px; font-size: {FONT}px; line-height: {LINE}px; '
           f'color: {INK}">', partnership_svg(diagram, labels=False)]
    for label in plan.labels:
        # "start" is a label's reading start: its right edge when mirrored
        from_right = (label.anchor == "start") == rtl
        edge = label.x if from_right == rtl else plan.width - label.x
        side = "right" if from_right else "left"
        weight = "font-weight: bold; " if label.bold else ""
        color = f"color: {MUTED}; " if label.kind == "heading" else ""
        for n, line in enumerate(label.lines):
            words = "".join(f'<span style="color: {MUTED}">{escape(t)}</span>' if muted
                            else escape(t) for t, muted in line)
            top = label.top + n * LINE + BASELINE - ASCENT  # on the SVG's baseline
            out.append(f'<div style="position: absolute; {side}: {edge:.2f}px; '
                       f'top: {top:.2f}px; white-space: nowrap; {weight}{color}">'
                       f"{words}</div>")
    out.append("</div>")
    return "\n".join(out)
