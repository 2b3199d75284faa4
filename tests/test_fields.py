"""Every field an editor can write reaches the reader, or is listed here as an editor's
only: a field that nobody prints cannot be added silently again.

The sample paper in tests/roots/everything sets every field with words found nowhere
else; its briefs for every shipped audience are built in every format, and each field's
words must be in the text of each format (the union of the audiences' briefs: a figure's
`measures` is printed in key-figure tables, an addressee's heading in the negotiators'
brief, a claim's short form in the donors' one …).
"""

from __future__ import annotations

import html
import re
import types
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import docx
import pytest
from click.testing import CliRunner
from pydantic import BaseModel
from pypdf import PdfReader

from plaidoyer.__main__ import cli
from plaidoyer.model.base import Text
from plaidoyer.model.project import ContentFile, GlossaryFile, PaperFile

from .conftest import ROOTS

PRINTED = {
    "paper.title": "Title Alfa-One",
    "paper.subtitle": "Subtitle Bravo",
    "paper.short_title": "Short Charlie",
    "paper.date": "5 November 2024",
    "paper.place": "Place Delta",
    "paper.symbol": "DOC/2024/ECHO.1",
    "paper.event.name": "EVT99",
    "paper.event.place": "Foxtrot City",
    "paper.event.start": "11–22 November 2024",
    "paper.event.end": "11–22 November 2024",
    "paper.authors.name": "Author Golf",
    "paper.authors.acronym": "Author Golf (AGX)",
    "paper.authors.on_behalf_of": "on behalf of the Hotel Constituency",
    "paper.endorsed_by.name": "India Network (INX)",
    "paper.endorsed_by.acronym": "(INX)",
    "paper.endorsed_by.role": "Juliet focal point",
    "paper.endorsed_by.url": "https://india.example.org/",
    "paper.contact.name": "Kilo Person",
    "paper.contact.email": "kilo@example.org",
    "paper.contact.phone": "+1 555 0100",
    "paper.contact.url": "https://kilo.example.org/",
    "paper.licence": "CC BY 4.0",
    "paper.url": "https://paper.example.org/everything",
    "paper.numbering": "2 (a)",
    "paper.topics.label": "Topic Lima",
    "paper.addressees.label": "November Parties",
    "paper.addressees.addressed": "the Mike Board",
    "paper.units.one": "oscar-unit",  # "3 oscar-units" contains it …
    "paper.units.other": "3 oscar-units",
    "paper.outline.title": "Section Papa",
    "paper.outline.blocks.text": "Block text Quebec.",
    "paper.outline.blocks.heading": "Lead-in Romeo:",
    "paper.audiences.label": "Negotiators Sierra",
    "paper.audiences.lede": "Lede Tango.",
    "paper.audiences.titles": "Title Uniform",
    "paper.audiences.headline": "Headline Victor3",
    "paper.audiences.embargo": "10 June 2024, 09:00 (GMT+02:00)",
    "claims.text": "Claim Victor counts",
    "claims.short": "Short Whiskey counts",
    "claims.figures.value": "about 12.5–14.5 million people",
    "claims.figures.value_max": "12.5–14.5",
    "claims.figures.qualifier": "about 12.5",
    "claims.figures.scale": "14.5 million",
    "claims.figures.unit": "million people",
    "claims.figures.year": "2020–2022",
    "claims.figures.year_end": "2020–2022",
    "claims.figures.place": "Xray Region",
    "claims.figures.measures": "Measures Yankee",
    "claims.figures.unsourced": "No source is given for this figure.",
    "claims.figures.sources.title": "Source Title Zulu",
    "claims.figures.sources.authors": "Zulu Author",
    "claims.figures.sources.publisher": "Publisher Alfa2",
    "claims.figures.sources.year": "2019–2021",
    "claims.figures.sources.year_end": "2019–2021",
    "claims.figures.sources.url": "https://src.example.org/zulu",
    "claims.figures.sources.doi": "doi:10.1234/zulu",
    "claims.figures.sources.page": "p. 33",
    "claims.figures.sources.accessed": "accessed 2 January 2024",
    "claims.sources.title": "Claim Source Charlie2",
    "cases.title": "Case Charlie2",
    "cases.partners.territory": "Territory Delta2",
    "cases.partners.country": "Kenya",
    "cases.partners.level": "district",
    "cases.partners.role": "Role Echo2",
    "cases.duration_years": "7 years",
    "cases.duration_approximate": "nearly 7 years",
    "cases.start_year": "since 2011",
    "cases.summary": "Summary Golf2",
    "cases.short": "Case short Hotel2",
    "cases.outcomes": "Outcome India2.",
    "cases.figures.measures": "Measures Juliet2",
    "cases.figures.sources.title": "Figure Source Kilo2",
    "cases.sources.title": "Case Source Lima2",
    "demands.text": "Demand Lima2",
    "demands.short": "Demand short Mike2",
    "demands.points": "Point November2.",
    "demands.cases": "In practice – Case Charlie2",
    "demands.addressee": "What we ask of the Mike Board",
    "demands.addressees": "To: Addressee Mike and November Parties",
    "demands.topic": "Topic Lima",
    "demands.figures.value": "2.5",
    "demands.figures.measures": "Measures Oscar2",
    "demands.sources.title": "Demand Source Papa2",
    "demands.anchors.instrument": "Paris Agreement, Article 9.1",
    "demands.anchors.article": "Article 9.1",
    "demands.anchors.decision": "Decision 3/CMA.6",
    "demands.anchors.body": "SBSTA 62, agenda item 7(a)",
    "demands.anchors.session": "SBSTA 62",
    "demands.anchors.item": "agenda item 7(a)",
    "terms.term": "Sierra2 Term",
    "terms.acronym": "STX",
    "terms.definition": "Definition Tango2.",
}
"""Each printed field, with words of the sample that show it was printed."""

EDITOR_ONLY = {
    "paper.id": "names the paper's folder and outputs",
    "paper.source_language": "the language translations are checked against",
    "paper.languages": "which languages are built",
    "paper.topics.id": "referred to by demands",
    "paper.addressees.id": "referred to by demands",
    "paper.addressees.roles": "what audiences select by",
    "paper.units.id": "referred to by figures",
    "paper.outline.id": "referred to by audiences",
    "paper.outline.blocks.items": "places items; they are printed themselves",
    "claims.id": "a reference", "cases.id": "a reference", "demands.id": "a reference",
    "claims.figures.id": "a reference", "cases.figures.id": "a reference",
    "demands.figures.id": "a reference", "terms.id": "a reference",
    "claims.tags": "what audiences select by", "cases.themes": "what audiences select by",
    "demands.flagship": "what audiences select by",
    "demands.kind": "what audiences select by, and how an ask is laid out",
    "claims.internal": "keeps an item out of public briefs (tests/test_projects.py)",
    "cases.internal": "keeps an item out of public briefs",
    "demands.internal": "keeps an item out of public briefs",
    "cases.illustrates": "the other side of a demand's 'cases', checked by validate",
    "demands.claims": "links a demand to its evidence for editors; checked by validate",
    "terms.variants": "spellings that count as using the term",
    "terms.forbidden": "spellings validate flags",
    "claims.figures.sources.language": "sets the title's language (lang, typography)",
}
"""Each field the reader never sees, with why."""

def _same_class(path: str) -> str | None:
    """A figure or a source is the same class wherever it stands: the sample of a claim's
    figure and of that figure's source speaks for every figure's and source's fields."""
    for marker, canonical in ((".figures.sources.", "claims.figures.sources."),
                              (".sources.", "claims.figures.sources."),
                              (".figures.", "claims.figures.")):
        if marker in path:
            return canonical + path.split(marker, 1)[1]
    return None


def _fields(model: Any, prefix: str) -> Iterator[str]:
    """Every field path an editor can write under `model`."""
    for name, info in model.model_fields.items():
        if name == "at":
            continue
        path = f"{prefix}.{name}" if prefix else name
        inner = _models(info.annotation)
        if inner:
            for sub in inner:
                yield from _fields(sub, path)
        else:
            yield path


def _models(tp: Any) -> list[type[BaseModel]]:
    origin = get_origin(tp)
    if origin is Annotated:
        return _models(get_args(tp)[0])
    if origin in (Union, types.UnionType, tuple, list, dict):
        return [m for arg in get_args(tp) for m in _models(arg)]
    if isinstance(tp, type) and issubclass(tp, BaseModel) and tp is not Text:
        return [tp]
    return []


def editable_fields() -> list[str]:
    paths = [*_fields(PaperFile, ""), *_fields(ContentFile, ""), *_fields(GlossaryFile, "")]
    return sorted(p.replace("paper.audiences.", "paper.audiences.") for p in paths)


def test_every_field_is_printed_or_known_to_be_for_editors_only() -> None:
    unlisted = []
    for path in editable_fields():
        if path in PRINTED or path in EDITOR_ONLY:
            continue
        same = _same_class(path)
        if same is not None and (same in PRINTED or same in EDITOR_ONLY):
            continue
        unlisted.append(path)
    assert unlisted == [], "print these fields, or list them in EDITOR_ONLY with a reason"
    stale = sorted((PRINTED.keys() | EDITOR_ONLY.keys()) - set(editable_fields()))
    assert stale == []


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The text of every brief of the sample paper, per format."""
    out = tmp_path_factory.mktemp("everything")
    result = CliRunner().invoke(cli, ["build", "--root", str(ROOTS / "everything"), "-o",
                                      str(out), "-j", "2"])
    assert result.exit_code == 0, result.output
    texts = {"html": [], "pdf": [], "docx": []}
    for file in sorted((out / "everything").iterdir()):
        if file.suffix == ".html":
            page = re.sub(r"<style>.*?</style>", "", file.read_text(encoding="utf-8"), flags=re.S)
            texts["html"].append(html.unescape(re.sub(r"<[^>]+>", "", page)))
        elif file.suffix == ".pdf":
            texts["pdf"].extend(p.extract_text() for p in PdfReader(file).pages)
        elif file.suffix == ".docx":
            texts["docx"].append(_docx_text(file))
    return {fmt: re.sub(r"\s+", " ", " ".join(parts)).replace("\u00ad", "")
            for fmt, parts in texts.items()}


def _docx_text(file: Path) -> str:
    document = docx.Document(str(file))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows
              for cell in row.cells]
    with zipfile.ZipFile(file) as archive:  # headers, footers, text boxes of the cover
        for name in archive.namelist():
            if re.match(r"word/(header|footer|footnotes)\d*\.xml", name):
                parts += re.findall(r"<w:t[^>]*>([^<]*)</w:t>", archive.read(name).decode())
    return " ".join(parts)


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_every_printed_field_reaches_the_reader_in_every_format(
        printed: dict[str, str], fmt: str) -> None:
    text = printed[fmt].replace("\u00a0", " ").replace("\u202f", " ")
    missing = {path: words for path, words in PRINTED.items() if words not in text}
    assert missing == {}
