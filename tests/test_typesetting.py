"""What a typesetter checks, measured on the shipped briefs: the measure of the text
column, hyphenation, tables kept whole, numbering without gaps, tagged PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from plaidoyer.model.project import Project
from plaidoyer.tailor import Request, tailor

from .measure import body_lines

FULL_BRIEFS = ["full", "local-authorities", "donors"]


def _pdfs(built: Path, shipped: Project, audiences: list[str] | None = None) -> list[Path]:
    return [built.parent / p.paper.id / f"{a}.{lang}.pdf" for p in shipped.papers
            for a in (audiences or [x.id for x in shipped.audiences])
            for lang in p.paper.languages
            if (built.parent / p.paper.id / f"{a}.{lang}.pdf").exists()]


def test_full_briefs_set_65_to_75_characters_a_line(built: Path, shipped: Project) -> None:
    measures = {}
    for pdf in _pdfs(built, shipped, FULL_BRIEFS):
        lines = body_lines(pdf, cover=True)
        if len(lines.texts) >= 20:  # too few lines say nothing of a measure
            measures[f"{pdf.parent.name}/{pdf.name}"] = lines.measure
    assert measures and all(60 <= m <= 80 for m in measures.values()), measures


def test_few_lines_end_in_a_hyphen(built: Path, shipped: Project) -> None:
    shares = {f"{pdf.parent.name}/{pdf.name}": body_lines(pdf, cover=True).hyphenated
              for pdf in _pdfs(built, shipped, FULL_BRIEFS)}
    assert all(share < 0.06 for share in shares.values()), shares


def test_no_line_is_a_word_broken_alone(built: Path, shipped: Project) -> None:
    # "la promotion de la / partici- / pation et de l'engagement … « DECLIC": WeasyPrint
    # could not break before "«\u202f" + an acronym and went back too far.
    alone = {f"{pdf.parent.name}/{pdf.name}": line for pdf in _pdfs(built, shipped)
             for line in body_lines(pdf).texts
             if len(line.split()) == 1 and line.rstrip().endswith("\u2010")}
    assert not alone


def test_a_table_of_key_figures_is_never_split(built: Path, shipped: Project) -> None:
    for pdf in _pdfs(built, shipped, ["press", "donors"]):
        pages = [page.extract_text() for page in PdfReader(pdf).pages]
        heading = "What it measures" if ".en." in pdf.name else (
            "Ce qu’il mesure" if ".fr." in pdf.name else None)
        if heading is None:
            continue
        with_table = [n for n, text in enumerate(pages) if heading in text]
        assert len(with_table) <= 1, pdf.name  # the header row is never repeated


def test_numbered_sections_are_never_interrupted(shipped: Project) -> None:
    for paper in shipped.papers:
        for audience in shipped.audiences:
            for lang in paper.paper.languages:
                brief = tailor(Request(paper, audience, lang), shipped.glossary,
                               shipped.labels_in(lang))
                numbers = [s.number for s in brief.sections]
                assert all(s.blocks or s.figures or s.diagram for s in brief.sections)
                first_gap = next((n for n, x in enumerate(numbers) if not x), len(numbers))
                assert not any(numbers[first_gap:]), (audience.id, lang, numbers)
                assert [x for x in numbers if x] == list(range(1, sum(1 for x in numbers
                                                                     if x) + 1))


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_every_pdf_is_tagged_for_screen_readers(built: Path, shipped: Project,
                                                lang: str) -> None:
    for pdf in _pdfs(built, shipped):
        if f".{lang}." not in pdf.name:
            continue
        root = PdfReader(pdf).trailer["/Root"]
        assert "/StructTreeRoot" in root, pdf.name
        assert bool(root["/MarkInfo"]["/Marked"])
        assert root["/Lang"] == lang
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_a_one_page_brief_has_no_page_count(built: Path) -> None:
    text = PdfReader(built / "press.en.pdf").pages[0].extract_text()
    assert "Page 1 of 1" not in text
    assert "Page 2 of" in PdfReader(built / "full.en.pdf").pages[1].extract_text()
