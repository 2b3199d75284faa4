"""Measure a PDF brief as a typesetter would: characters per line of body text, and the
share of lines that end in a hyphen. Used by tests/test_typesetting.py and tools/."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

BODY_SIZES = (9.0, 11.5)  # the font sizes of running text, in points


@dataclass(frozen=True)
class Lines:
    texts: list[str]  # every line of body text, in reading order

    @property
    def measure(self) -> float:
        """Characters of a full line: the 90th percentile of line lengths (a paragraph's
        last line is short, a full line is what the measure is about)."""
        lengths = sorted(len(t) for t in self.texts)
        return lengths[int(len(lengths) * 0.9)] if lengths else 0.0

    @property
    def median(self) -> float:
        return statistics.median(len(t) for t in self.texts) if self.texts else 0.0

    @property
    def hyphenated(self) -> float:
        """The share of lines ending in a hyphen that breaks a word (WeasyPrint sets it
        as U+2010; a break after a word's own hyphen, 'three-|fourth', is not one)."""
        ends = [t for t in self.texts if t.rstrip().endswith(("\u2010", "\u00ad"))]
        return len(ends) / len(self.texts) if self.texts else 0.0


def body_lines(pdf: Path, cover: bool = False) -> Lines:
    """Lines set in body-text sizes inside the page margins (headers, footers, headings,
    notes, tables and the glossary have other sizes and are left out; so are contents
    lines, whose leader dots fill the width, and with `cover` the cover, whose key
    messages are set in two columns that this reading would join into one line)."""
    lines: list[str] = []
    for page in PdfReader(pdf).pages[1 if cover else 0:]:
        height = float(page.mediabox.height)
        rows: dict[int, list[tuple[float, str]]] = {}

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  rows: dict[int, list[tuple[float, str]]] = rows,
                  height: float = height) -> None:
            scale = abs(tm[3] * cm[3]) or 1
            y = tm[5] * cm[3] + cm[5]
            if not text.strip() or not (60 < y < height - 60) or cm[3] >= 0:
                return
            if BODY_SIZES[0] <= size * scale <= BODY_SIZES[1]:
                rows.setdefault(-round(y), []).append((tm[4] * cm[0] + cm[4], text))

        page.extract_text(visitor_text=visit)
        for _, chunks in sorted(rows.items()):
            lines.append("".join(text for _, text in sorted(chunks)).replace("\n", ""))
    return Lines([line for line in lines if line.strip() and "....." not in line])
