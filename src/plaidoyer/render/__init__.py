"""Render stage: one small module per output format, all fed the same `Brief`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Rendered:
    """A finished document; `pages` where the format knows it (PDF)."""

    data: bytes
    pages: int | None = None


@dataclass(frozen=True)
class RenderContext:
    """What renderers need besides the brief: where templates live, and today's stamp."""

    templates: Path
    generated: str


FORMATS = ("pdf", "docx", "html")
