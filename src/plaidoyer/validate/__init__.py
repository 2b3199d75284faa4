"""Validate stage: cross-file checks that no single file's schema can see.

Ids, references, the outline, translations, figures and the glossary are checked
in one pass and every problem is reported, each at the node it is about.
"""

from __future__ import annotations

import difflib
import hashlib
import re

from babel import Locale, UnknownLocaleError

from .. import memo
from ..diagnostics import Location, Report
from ..figures import is_builtin
from ..geography import is_country
from ..glyphs import coverage, uncovered
from ..load import source_key
from ..model.base import FOREIGN, Text, figure_ids_in, location
from ..model.content import Figure, Unit
from ..model.glossary import Term
from ..model.project import Positions, Project, walk_texts
from ..resources import DEFAULT_TEMPLATES, TemplateSet
from ..staleness import stale
from .audiences import check_audiences
from .names import Namespace, check_languages, unique
from .terminology import check_terminology


def validate_project(project: Project, report: Report,
                     templates: TemplateSet | None = None) -> None:
    """Add every cross-file problem of `project` to `report`; with `templates`, also check
    that every template an audience names exists there."""
    unique((p.paper.id for p in project.papers), "paper", report)
    languages = sorted({lang for p in project.papers for lang in p.paper.languages})
    _check_glossary(project.glossary, languages, report)
    fonts = templates.digest() if templates is not None else "no templates"
    covered = _coverage(templates, fonts) if templates is not None else None
    glossary = hashlib.sha256(repr(project.glossary).encode()).hexdigest()  # its content
    rules: list[_Rule] | None = None
    for positions in project.papers:
        # a paper's own checks depend on its files, the glossary and the fonts only: an
        # unchanged paper's are remembered from the last run (memo)
        source = source_key(positions)
        name = memo.key("checks", source, glossary, fonts) if source else None
        remembered = memo.get("checks", name) if name else None
        if isinstance(remembered, list):
            report.extend(remembered)
            continue
        rules = _forbidden_rules(project.glossary) if rules is None else rules
        own = Report()
        _check_paper_texts(positions, project.glossary, rules, covered, own)
        report.extend(own.diagnostics)
        if name:
            memo.put("checks", name, own.diagnostics)
    check_audiences(project, report, templates)
    if templates is not None:
        _check_stylesheets(templates, report)


def _check_paper_texts(positions: Positions, glossary: tuple[Term, ...], rules: list[_Rule],
                       covered: frozenset[int] | None, report: Report) -> None:
    """Every check of one paper that needs no other paper nor any audience."""
    # every text walked once for all the checks (the walk is the slowest part of checks
    # that each look at every text)
    texts = paper_texts(positions)
    _check_paper(positions, texts, report)
    _check_forbidden_spellings(texts, rules, report)
    check_terminology(positions, glossary, report, texts)
    if covered is not None:
        _check_glyphs(texts, covered, report)


def _coverage(templates: TemplateSet, fonts: str) -> frozenset[int]:
    """The fonts' coverage, remembered by the digest of the template files (reading the
    fonts' tables takes a third of a second)."""
    name = memo.key("coverage", fonts)
    covered = memo.get("coverage", name)
    if not isinstance(covered, frozenset):
        covered = coverage(templates)
        memo.put("coverage", name, covered)
    return covered


Texts = list[tuple[Text, str]]


def paper_texts(positions: Positions) -> Texts:
    """Every text of a paper (its header's and its items'), with the field holding it."""
    return [found for model in (positions.paper, *positions.items)
            for found in walk_texts(model)]


def _check_paper(positions: Positions, texts: Texts, report: Report) -> None:
    paper = positions.paper
    if paper.source_language not in paper.languages:
        report.error(location(paper), f"source_language '{paper.source_language}' is not one "
                     f"of the declared languages ({', '.join(paper.languages)})", "schema")
    if paper.event.end and paper.event.end < paper.event.start:
        report.error(paper.event.at, "the event ends before it starts", "schema")
    for lang in paper.languages:
        if not is_language(lang):
            report.error(location(paper), f"languages: '{lang}' is not a language CLDR knows: "
                         "use a code such as 'fr', 'en', 'es', 'ar', 'zh' or 'ru'", "schema")
    unique((i.id for i in positions.items), "item", report)
    unique((f.id for i in positions.evidence for f in i.figures),
            "figure", report)
    unique((t.id for t in paper.topics), "topic", report)
    unique((a.id for a in paper.addressees), "addressee", report)
    unique((s.id for s in paper.outline), "section", report)

    items = Namespace("item", frozenset(positions.by_id))
    claims = Namespace("claim", frozenset(c.id for c in positions.claims))
    cases = Namespace("case", frozenset(c.id for c in positions.cases))
    demands = Namespace("demand", frozenset(d.id for d in positions.demands))
    topics = Namespace("topic", frozenset(t.id for t in paper.topics))
    addressees = Namespace("addressee", frozenset(a.id for a in paper.addressees))

    for demand in positions.demands:
        if demand.topic is not None:
            topics.check(demand.topic, report)
        addressees.check_all(demand.to, report)
        for ref in demand.claims:
            claims.check(ref, report)
        for ref in demand.cases:
            cases.check(ref, report)
            case = positions.by_id.get(ref)
            if ref in cases.ids and demand.id not in getattr(case, "illustrates", ()):
                report.warning(location(ref), f"demand '{demand.id}' names case '{ref}', but the "
                               f"case does not list '{demand.id}' under 'illustrates': add it",
                               "ref")
    for case in positions.cases:
        for ref in case.illustrates:
            demands.check(ref, report)
        for partner in case.partners:
            if not is_country(partner.country):
                report.error(location(partner.country, partner.at), f"country: "
                             f"'{partner.country}' is not an ISO 3166 country code: write "
                             "the two capital letters of the country, such as 'SN' or 'FR'",
                             "schema")

    placed: dict[str, Location] = {}
    for section in paper.outline:
        for block in section.blocks:
            for ref in block.items:
                items.check(ref, report)
                if ref in placed:
                    report.error(location(ref), f"'{ref}' is already placed in the outline at "
                                 f"{placed[ref]}: an item appears once", "outline")
                placed.setdefault(ref, location(ref))
    for item in positions.items:
        if item.id not in placed:
            report.warning(location(item.id), f"'{item.id}' is not placed in the outline: add it "
                           "to a section of paper.yaml, or the full brief will miss it",
                           "outline")

    _check_texts(positions, texts, report)
    _check_internal_texts(positions, report)
    _check_units(positions, texts, report)
    _check_foreign_words(texts, report)
    for path, text, lang in stale(positions):
        report.warning(text.at, f"'{lang}' translation of {path} is older than the "
                       f"'{paper.source_language}' source text (changed since): update it, "
                       f"then run 'plaidoyer translate confirm --paper {paper.id}'", "stale")
    for evidence in positions.evidence:
        for figure in evidence.figures:
            _check_source(figure, bool(evidence.sources), report)


def _check_texts(positions: Positions, texts: Texts, report: Report) -> None:
    """Translations present, and every language prints the same figures."""
    paper = positions.paper
    languages = paper.languages
    for text, field in texts:
        check_languages(text, field, languages, report, paper.id)
        printed = {lang: sorted(figure_ids_in(value)) for lang, value in text.items()}
        for lang, ids in printed.items():
            for ident in ids:
                if ident not in positions.figures:
                    hint = difflib.get_close_matches(ident, sorted(positions.figures), n=1)
                    advice = f" (did you mean '{hint[0]}'?)" if hint else (
                        ": define it under 'figures:', or write '{{' to print a brace")
                    report.error(text.at, f"{field} ({lang}): unknown figure '{ident}'"
                                 f"{advice}", "ref")
        reference = printed.get(positions.paper.source_language)
        for lang, ids in printed.items():
            if reference is not None and ids != reference:
                report.error(text.at, f"{field} ({lang}) prints figures {ids or 'none'} but "
                             f"the {positions.paper.source_language} text prints "
                             f"{reference or 'none'}: every language must print the same "
                             "figures", "translation", lang, paper.id)


_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


def _check_stylesheets(templates: TemplateSet, report: Report) -> None:
    """A project's stylesheet names only files of the template folders: no web address,
    no absolute path, no '..' (a PDF would fetch it; an HTML brief would make its reader's
    browser fetch it)."""
    for name, file in templates.names().items():
        if not name.endswith(".css") or file.resolve().is_relative_to(
                DEFAULT_TEMPLATES.resolve()):
            continue
        for number, line in enumerate(file.read_text(encoding="utf-8",
                                                     errors="replace").splitlines(), 1):
            for match in _CSS_URL.finditer(line):
                target = match.group(1)
                if target.startswith("data:"):
                    continue
                if ":" in target or target.startswith("/") or ".." in target.split("/"):
                    report.error(Location(f"templates/{name}", number, match.start(1) + 1),
                                 f"'{target}' is outside the template folders: a brief reads "
                                 "only files of templates/ (and plaidoyer's own), never the "
                                 "network", "templates")


def _check_glyphs(texts: Texts, covered: frozenset[int], report: Report) -> None:
    for text, field in texts:
        for lang, value in text.items():
            missing = uncovered(value, covered)
            if missing:
                shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:6])
                more = f" and {len(missing) - 6} more" if len(missing) > 6 else ""
                report.warning(text.at, f"{field} ({lang}): no bundled font draws "
                               f"{shown}{more}: they would print as empty boxes; add a "
                               "font that covers them to templates/fonts/", "glyphs")


def is_language(code: str) -> bool:
    try:
        Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return False
    return True


def _check_foreign_words(texts: Texts, report: Report) -> None:
    """`[words]{lang=xx}` names a language CLDR knows."""
    for text, field in texts:
        for lang, value in text.items():
            for match in FOREIGN.finditer(value):
                if not is_language(match.group(2)):
                    report.error(text.at, f"{field} ({lang}): '{match.group(2)}' in "
                                 f"'{match.group(0)}' is not a language code such as "
                                 "'en' or 'fr'", "schema")


def _check_units(positions: Positions, texts: Texts, report: Report) -> None:
    own = {str(u.id) for u in positions.paper.units}
    unique((u.id for u in positions.paper.units), "unit", report)
    known = sorted({*(u.value for u in Unit), *own})
    for evidence in positions.evidence:
        for figure in evidence.figures:
            if is_builtin(figure.unit) or figure.unit in own:
                continue
            hint = difflib.get_close_matches(figure.unit, known, n=1)
            advice = (f" (did you mean '{hint[0]}'?)" if hint else
                      ": use an ISO 4217 currency code (EUR, USD, XOF …), one of "
                      f"{', '.join(u.value for u in Unit)}, or declare it under the "
                      "paper's 'units:'")
            report.error(figure.at, f"figure '{figure.id}': unknown unit '{figure.unit}'"
                         f"{advice}", "ref")
    printed = {ident for text, _ in texts for value in text.values()
               for ident in figure_ids_in(value)}
    for evidence in positions.evidence:
        for figure in evidence.figures:
            if figure.id not in printed:
                report.note(figure.at, f"figure '{figure.id}' is printed in no text: only "
                            "tables of key figures show it", "unused")


ESSENTIAL_TEXTS = ("text", "title", "summary", "measures", "territory", "name", "label")
"""Texts without which an item cannot be printed: mark the item internal, not them."""


def _check_internal_texts(positions: Positions, report: Report) -> None:
    for item in positions.items:
        for text, field in walk_texts(item):
            if text.internal and field in ESSENTIAL_TEXTS:
                report.error(text.at, f"'{field}' cannot be internal on its own: mark the "
                             "whole item 'internal: true', or move the words to an optional "
                             "text (short, points, outcomes)", "internal")


def _check_source(figure: Figure, item_has_sources: bool, report: Report) -> None:
    sourced = bool(figure.sources) or item_has_sources
    if not sourced and not figure.unsourced:
        report.warning(figure.at, f"figure '{figure.id}' has no source: add 'sources:' or, if "
                       "the original gives none, 'unsourced: true'", "source")
    if figure.sources and figure.unsourced:
        report.error(figure.at, f"figure '{figure.id}' has sources and 'unsourced: true': "
                     "remove one", "source")


def _check_glossary(terms: tuple[Term, ...], languages: list[str], report: Report) -> None:
    unique((t.id for t in terms), "glossary term", report)
    spelled: dict[tuple[str, str], Term] = {}
    for term in terms:
        for text, field in walk_texts(term):
            check_languages(text, field, languages, report, extra_ok=True)
        for lang in languages:
            for spelling in dict.fromkeys(term.spellings(lang)):
                key = (lang, spelling.casefold())
                other = spelled.setdefault(key, term)
                if other is not term:
                    report.error(term.at, f"'{spelling}' ({lang}) is a spelling of both "
                                 f"'{other.id}' and '{term.id}': keep it in one term", "glossary")
    for term in terms:
        for lang, forbidden in term.forbidden.items():
            for spelling in forbidden:
                accepted = spelled.get((lang, spelling.casefold()))
                if accepted is not None:
                    report.error(term.at, f"'{spelling}' ({lang}) is forbidden in '{term.id}' "
                                 f"but accepted in '{accepted.id}': decide which", "glossary")


_Rule = tuple[str, re.Pattern[str], str, Term]


def _forbidden_rules(terms: tuple[Term, ...]) -> list[_Rule]:
    """Compiled once for every paper."""
    return [
        (lang, re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)", re.IGNORECASE), spelling, term)
        for term in terms for lang, spellings in term.forbidden.items() for spelling in spellings
    ]


def _check_forbidden_spellings(texts: Texts, rules: list[_Rule], report: Report) -> None:
    for text, field in texts:
        for lang, pattern, spelling, term in rules:
            if lang in text and pattern.search(text[lang]):
                report.warning(text.at, f"{field} ({lang}): '{spelling}' is a forbidden "
                               f"spelling: write '{term.term[lang]}'", "glossary")
