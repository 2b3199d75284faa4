"""Audience checks: everything `build` relies on, so a clean `validate` promises a clean
build — selections that name real things, parts that print something, nothing internal
in a public brief, labels in every language."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import jinja2

from ..diagnostics import LocatedStr, Location, Report
from ..geography import region_ids
from ..model.audience import Audience, Form, Part, PartKind
from ..model.base import figure_ids_in, location
from ..model.project import Positions, Project, walk_texts
from ..resources import LABELS_FILE, TemplateSet, is_template_name
from ..select import has_content, papers_of
from .names import Namespace, check_languages, unique


def check_audiences(project: Project, report: Report,
                    templates: TemplateSet | None = None) -> None:
    unique((a.id for a in project.audiences), "audience", report)
    for audience in project.audiences:
        _check_audience(audience, project, report, templates)
    audiences = {str(a.id): a for a in project.audiences}
    for positions in project.papers:
        _check_paper_words(positions, audiences, report)
        _check_printed(positions, [a for a in project.audiences
                                   if not a.papers or positions.paper.id in a.papers], report)
    _check_labels(project, report)


def _check_audience(audience: Audience, project: Project, report: Report,
                    templates: TemplateSet | None) -> None:
    Namespace("paper", frozenset(p.paper.id for p in project.papers)).check_all(
        audience.papers, report)
    papers = papers_of(audience, project.papers)
    languages = sorted({lang for p in papers for lang in p.paper.languages})
    for text, field in walk_texts(audience):
        check_languages(text, field, languages, report, extra_ok=True)
        for lang, value in text.items():
            for ident in figure_ids_in(value):
                report.error(text.at, f"{field} ({lang}): an audience's text cannot print a "
                             f"paper's figure '{{{ident}}}': write '{{{{' to print a brace, "
                             "or give the paper its own words under 'audiences:'", "ref")
    unique((p.id or LocatedStr(p.kind.value, p.at) for p in audience.parts), "part", report)
    for field, suffixes in (("html", (".j2", ".html")), ("css", (".css",)),
                            ("docx", (".docx",))):
        name = getattr(audience.templates, field)
        if not is_template_name(name) or not name.endswith(suffixes):
            report.error(audience.templates.at, f"templates: {field} '{name}' is not the "
                         f"name of a {'/'.join(suffixes)} file in templates/: name one, "
                         f"such as 'brief{suffixes[0]}' (no folders outside templates/)",
                         "templates")
            continue
        found = templates.find(name) if templates is not None else None
        if templates is not None and found is None:
            report.error(audience.templates.at, f"templates: {field} '{name}' is in neither "
                         "the project's templates/ nor plaidoyer's", "templates")
        elif found is not None:
            _check_template(found, name, field, report)
    regions = Namespace("region", frozenset(region_ids()))
    errors = len(report.errors)
    key_messages = audience.key_messages_part()
    for part in (*audience.parts, *((key_messages,) if key_messages else ())):
        regions.check_all(part.select.regions, report)
        _check_paper_ids(part, papers, report)
        if not audience.internal:
            _check_no_internal(audience, part, papers, report)
    if len(report.errors) > errors:
        return  # an audience naming what does not exist would only add "selects nothing"
    for positions in papers:
        empty = [p for p in audience.parts if not has_content(p, positions, audience)]
        for part in empty:
            message = (f"part '{part.key}' of audience '{audience.id}' selects nothing from "
                       f"paper '{positions.paper.id}': it is left out of that brief")
            if part.optional:
                report.note(part.at, message, "empty")
            else:
                report.warning(part.at, message + " (mark the part 'optional: true' if that "
                               "is expected)", "empty")
        if len(empty) == len(audience.parts):
            report.warning(audience.at, f"audience '{audience.id}' selects nothing from paper "
                           f"'{positions.paper.id}': its brief is not built", "empty")


def _check_template(file: Path, name: str, field: str, report: Report) -> None:
    """A template that cannot work is found now, not halfway through a build."""
    if field == "docx":
        if not zipfile.is_zipfile(file):
            report.error(Location(f"templates/{name}", 1, 1), "not a Word document (.docx): "
                         "save the master as .docx in Word or LibreOffice", "templates")
        return
    if field == "html":
        problem = _syntax_error(file.read_text(encoding="utf-8", errors="replace"))
        if problem is not None:
            report.error(Location(f"templates/{name}", problem[0], 1),
                         f"{problem[1]}: correct the template", "template")


@lru_cache(maxsize=16)
def _syntax_error(source: str) -> tuple[int, str | None] | None:
    """Where and why a template does not parse; parsed once for every audience using it."""
    try:
        jinja2.Environment().parse(source)
    except jinja2.TemplateSyntaxError as error:
        return error.lineno or 1, error.message
    return None


def _check_paper_ids(part: Part, papers: list[Positions], report: Report) -> None:
    """Ids of one paper resolve in at least one paper the audience is made for."""
    select = part.select
    sections = frozenset(s.id for p in papers for s in p.paper.outline)
    items = frozenset(i for p in papers for i in p.by_id)
    ids = Namespace("section" if part.kind is PartKind.OUTLINE else "item",
                    sections if part.kind is PartKind.OUTLINE else items)
    ids.check_all((*select.ids, *select.first), report)
    Namespace("addressee", frozenset(a.id for p in papers for a in p.paper.addressees)
              ).check_all(select.addressees, report)
    Namespace("topic", frozenset(t.id for p in papers for t in p.paper.topics)
              ).check_all(select.topics, report)
    tags = frozenset(t for p in papers for i in p.claims for t in i.tags) | frozenset(
        t for p in papers for c in p.cases for t in c.themes)
    Namespace("tag", tags).check_all(select.tags, report)


def _check_no_internal(audience: Audience, part: Part, papers: list[Positions],
                       report: Report) -> None:
    """A public audience that names an internal item would print it: refuse."""
    for positions in papers:
        for ref in (*part.select.ids, *part.select.first):
            item = positions.by_id.get(ref)
            if item is not None and item.internal and part.kind is not PartKind.OUTLINE:
                report.error(location(ref), f"public audience '{audience.id}' selects "
                             f"'{ref}', which is internal (paper '{positions.paper.id}'): "
                             "remove it, or mark the audience 'internal: true'", "internal")


_SHORT_PARTS = {"claim": PartKind.CLAIMS, "case": PartKind.CASES, "demand": PartKind.DEMANDS}


def _check_printed(positions: Positions, audiences: list[Audience], report: Report) -> None:
    """A value no audience of the paper prints is a warning: the editor's work is lost."""
    short_kinds = {kind for kind, part_kind in _SHORT_PARTS.items()
                   for a in audiences for p in a.parts
                   if p.form is Form.SHORT and p.kind in (part_kind, PartKind.OUTLINE)}
    for item in positions.items:
        kind = "claim" if item in positions.claims else "case" if item in positions.cases \
            else "demand"
        if item.short is not None and kind not in short_kinds:
            report.warning(item.short.at, f"{kind} '{item.id}': no audience prints the short "
                           f"form of {kind}s, so this 'short' text is never printed", "unprinted")
    if positions.figures and not any(p.kind is PartKind.KEY_FIGURES
                                     for a in audiences for p in a.parts):
        figure = next(iter(positions.figures.values()))
        report.warning(figure.at, "no audience has a 'key-figures' part: the figures' "
                       "'measures', 'place' and 'year' are never printed", "unprinted")


def _check_paper_words(positions: Positions, audiences: Mapping[str, Audience],
                       report: Report) -> None:
    """A paper's own words for an audience name a real audience and real parts."""
    names = Namespace("audience", frozenset(audiences))
    for audience_id, words in positions.paper.audiences.items():
        names.check(audience_id, report)
        audience = audiences.get(audience_id)
        if audience is None:
            continue
        Namespace(f"part of audience '{audience_id}'",
                  frozenset(p.key for p in audience.parts)).check_all(words.titles, report)


PROJECT_LABELS = f"templates/{LABELS_FILE}"


def _check_labels(project: Project, report: Report) -> None:
    languages = sorted({lang for p in project.papers for lang in p.paper.languages})
    unsaid: dict[str, list[str]] = {}  # language → the package's labels lacking it
    first_at: dict[str, Location] = {}
    for key, text in project.labels.items():
        missing = [lang for lang in languages if lang not in text]
        if missing and text.at.path != PROJECT_LABELS:
            for lang in missing:
                unsaid.setdefault(lang, []).append(key)
                first_at.setdefault(lang, text.at)
            continue
        check_languages(text, f"label '{key}'", languages, report, extra_ok=True)
    for lang, keys in unsaid.items():
        # the package's own file cannot be edited: say where the words go instead
        shown = ", ".join(keys[:4]) + (f" and {len(keys) - 4} more" if len(keys) > 4 else "")
        report.error(first_at[lang], f"plaidoyer's labels have no '{lang}' text yet ({shown}): add "
                     f"them to your project's templates/{LABELS_FILE}, only the keys and "
                     f"the language you add, such as '{keys[0]}: {{{lang}: \"…\"}}'",
                     "translation", lang)
