"""Balanced columns found by search (render/column_balance.py): WeasyPrint's heights, and
so its bytes, in a fraction of its trial layouts."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator

import pytest
import weasyprint
from weasyprint.layout import inline
from weasyprint.text.fonts import FontConfiguration

from plaidoyer.model.project import Project
from plaidoyer.render import RenderContext, column_balance, pdf
from plaidoyer.resources import TemplateSet
from plaidoyer.tailor import Request, tailor

from .conftest import PAPER, REPO


@pytest.fixture(autouse=True)
def upstream_afterwards() -> Iterator[None]:
    yield
    column_balance.uninstall()


def test_the_installed_weasyprint_is_the_one_the_balancing_was_copied_from() -> None:
    # A new WeasyPrint would silently lose the search (builds slow down by a third):
    # port render/column_balance.py to its layout/column.py, or drop it.
    assert column_balance.applies(), (
        f"WeasyPrint {weasyprint.__version__}'s layout/column.py is not the one "
        "render/column_balance.py copies (SOURCE_DIGEST)")
    assert column_balance.install()
    assert weasyprint.layout.block.columns_layout is column_balance.columns_layout


@pytest.mark.parametrize("steps", [0, 1, 2, 3, 7, 8, 9, 100, 255, 256, 1000])
def test_the_search_finds_the_step_a_climb_finds(steps: int) -> None:
    for first in range(1, steps + 2):
        asked: list[int] = []

        def stops(step: int, first: int = first, asked: list[int] = asked) -> bool:
            asked.append(step)
            assert 1 <= step <= steps
            return step >= first

        assert column_balance.first_step(stops, steps) == first
        assert len(asked) <= 2 * math.ceil(math.log2(steps + 1)) + 1, (first, asked)
    assert column_balance.first_step(lambda step: True, steps) == 1  # one trial, as before


WORDS = ["parties", "shall", "recognise", "local", "and", "regional", "governments", "in",
         "climate", "finance", "for", "adaptation", "loss", "and", "damage", "resilience"]


def _document(seed: int) -> str:
    """Two or three columns of blocks that must not split, paragraphs with orphans and
    widows, lists, headings kept with what follows and spanning headings, on a random
    page size: the shapes briefs put in columns."""
    r = random.Random(seed)

    def text(n: int) -> str:
        return " ".join(r.choice(WORDS) for _ in range(n))

    sections = []
    for _ in range(r.randint(1, 3)):
        items = []
        for _ in range(r.randint(3, 25)):
            kind = r.random()
            if kind < 0.4:
                items.append(f"<div class=avoid><b>{text(2)}</b><p>{text(r.randint(5, 80))}</p>"
                             "</div>")
            elif kind < 0.8:
                items.append(f"<p>{text(r.randint(5, 120))}</p>")
            elif kind < 0.9:
                items.append(f"<h3>{text(3)}</h3>")
            else:
                points = "".join(f"<li>{text(r.randint(3, 30))}</li>"
                                 for _ in range(r.randint(1, 5)))
                items.append(f"<ul>{points}</ul>")
        span = f"<h2 class=span>{text(3)}</h2>" if r.random() < 0.5 else ""
        sections.append(f"<section style='columns: {r.choice([2, 2, 3])}; column-gap: "
                        f"{r.randint(4, 10)}mm'>{span}{''.join(items)}</section>")
    css = (f"@page {{ size: {r.choice(['A4', 'A5', 'A6'])}; margin: {r.randint(8, 20)}mm }} "
           f"body {{ font-size: {r.choice([8, 9, 10, 11])}pt }} "
           ".avoid { break-inside: avoid } .span { column-span: all } "
           f"p {{ orphans: {r.randint(1, 3)}; widows: {r.randint(1, 3)} }} "
           "h3 { break-after: avoid }")
    return f"<html><style>{css}</style><body>{''.join(sections)}</body></html>"


GLOSSARY = ("<html><style>@page { size: A4 } dl { columns: 2 } dl div { break-inside: avoid }"
            "</style><body><dl>" + "".join(
                f"<div><dt>Term {i}</dt><dd>{' '.join((WORDS * 9)[i: i + 8 * (4 + i % 5)])}"
                "</dd></div>" for i in range(20)) + "</dl></body></html>")
"""A glossary in two columns, entries never split: WeasyPrint climbs a pixel a trial."""


def _pdf(html: str, balanced: bool, fonts: FontConfiguration) -> bytes:
    if balanced:
        assert column_balance.install()
    else:
        column_balance.uninstall()
    document = weasyprint.HTML(string=html).render(font_config=fonts)
    return document.write_pdf(pdf_identifier=b"0" * 32)


@pytest.mark.parametrize("seed", range(8))
def test_columns_come_out_as_weasyprint_balances_them(seed: int) -> None:
    fonts = FontConfiguration()
    html = _document(seed)
    assert _pdf(html, True, fonts) == _pdf(html, False, fonts)


def _counted(html: str, balanced: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, int]:
    """The PDF, and how many times its layout broke a line of text (Pango's work: the
    cost of a trial layout)."""
    calls = 0
    split: Callable[..., object] = inline.split_first_line

    def counted(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return split(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(inline, "split_first_line", counted)
        data = _pdf(html, balanced, FontConfiguration())
    return data, calls


def test_a_glossary_is_balanced_in_a_fraction_of_the_work(
        monkeypatch: pytest.MonkeyPatch) -> None:
    climbed, climbing = _counted(GLOSSARY, False, monkeypatch)
    searched, searching = _counted(GLOSSARY, True, monkeypatch)
    assert searched == climbed
    assert searching * 3 < climbing, (searching, climbing)


@pytest.mark.parametrize(("audience", "lang"), [("negotiators", "en"), ("donors", "en")])
def test_shipped_briefs_are_the_same_bytes(shipped: Project, labels: dict[str, dict[str, str]],
                                           audience: str, lang: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # The two-page asks in columns and a two-column glossary: WeasyPrint's slowest here
    paper = shipped.paper(PAPER)
    assert paper is not None
    chosen = next(a for a in shipped.audiences if a.id == audience)
    brief = tailor(Request(paper, chosen, lang), shipped.glossary, labels[lang])
    ctx = RenderContext(TemplateSet.for_project(REPO / "templates"), "2026-01-01")
    searched = pdf.render(brief, ctx).data
    assert weasyprint.layout.block.columns_layout is column_balance.columns_layout
    column_balance.uninstall()
    with monkeypatch.context() as patch:
        patch.setattr(column_balance, "install", lambda: False)
        climbed = pdf.render(brief, ctx).data
    assert searched == climbed
