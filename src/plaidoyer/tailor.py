"""Tailor stage: paper + audience + language → a render-ready `Brief`.

All selection, ordering, translation and formatting happens here, in reading
order, so that notes are numbered and acronyms expanded where a reader meets them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from babel.core import get_global

from .localize import (
    country_name,
    format_day,
    format_figure,
    format_period,
    text_direction,
    typeset,
)
from .model import brief as b
from .model.audience import Audience, Form, GlossaryScope, Part, PartKind, Selection
from .model.base import Text
from .model.content import Case, Claim, Demand, Figure, Source
from .model.glossary import Term
from .model.project import Item, Positions
from .validate import PLACEHOLDER

Labels = Mapping[str, str]


@dataclass(frozen=True)
class Request:
    """What to tailor: one paper, for one audience, in one language."""

    positions: Positions
    audience: Audience
    lang: str


def tailor(request: Request, glossary: tuple[Term, ...], labels: Labels) -> b.Brief:
    positions, audience, lang = request.positions, request.audience, request.lang
    paper = positions.paper
    composer = _Composer(positions, lang, glossary, labels, audience.sources)
    sections: list[b.Section] = []
    seen: Counter[str] = Counter()
    for part in audience.parts:
        numbered = sum(1 for s in sections if s.number)
        for section in composer.part(part, start=numbered + 1):
            seen[section.id] += 1
            # Two parts of one kind (two 'demands' parts) need distinct anchors.
            if seen[section.id] > 1:
                section = replace(section, id=f"{section.id}-{seen[section.id]}")
            sections.append(section)
    topics = composer.topics_shown
    keywords = (paper.event.name, *(t.label[lang] for t in paper.topics if t.id in topics))
    return b.Brief(
        paper_id=paper.id,
        audience_id=audience.id,
        lang=lang,
        direction=text_direction(lang),
        title=composer.text(paper.title),
        subtitle=composer.text(paper.subtitle) if paper.subtitle else None,
        short_title=composer.text(paper.short_title or paper.title),
        audience_label=composer.text(audience.label),
        event=f"{paper.event.name}, {paper.event.place[lang]}",
        period=format_period(paper.event.start, paper.event.end, lang),
        date=format_day(paper.date, lang) if paper.date else None,
        authors=tuple(composer.text(a.name) for a in paper.authors),
        keywords=keywords,
        sections=tuple(sections),
        notes=tuple(composer.notes),
        glossary=composer.glossary_entries(audience.glossary),
        labels=dict(labels),
        cover=audience.cover,
        toc=audience.toc,
        budget_pages=audience.budget.pages if audience.budget else None,
        html_template=audience.templates.html,
        css=audience.templates.css,
        docx_template=audience.templates.docx,
    )


def continent(country: str) -> str:
    """The continent of an ISO country code, from its CLDR time zones (Europe, Africa, …)."""
    zones = get_global("territory_zones").get(country, ())
    return zones[0].split("/")[0] if zones else "World"


class _Composer:
    """Builds sections in reading order; owns the note list and first-use bookkeeping."""

    def __init__(self, positions: Positions, lang: str, glossary: tuple[Term, ...],
                 labels: Labels, show_sources: bool) -> None:
        self.positions = positions
        self.lang = lang
        self.labels = labels
        self.show_sources = show_sources
        self.notes: list[str] = []
        self.glossary = glossary
        self._expanded: set[str] = set()
        self._written: list[str] = []
        self._shown_cases: set[str] = set()
        self.topics_shown: set[str] = set()
        self._acronyms = sorted(
            ((t.acronym[lang], t.term[lang]) for t in glossary
             if t.acronym and lang in t.acronym and t.acronym[lang] != t.term[lang]),
            key=lambda pair: -len(pair[0]),
        )
        self._terms = dict(self._acronyms)
        alternatives = "|".join(re.escape(acronym) for acronym, _ in self._acronyms)
        self._acronym_pattern = re.compile(
            rf"(?<![\w-])({alternatives})s?(?![\w-])") if alternatives else None

    # -- text ------------------------------------------------------------
    def text(self, text: Text | None) -> str:
        """A title or label: figures formatted, typography applied, nothing expanded."""
        if text is None:
            return ""
        value = PLACEHOLDER.sub(lambda m: self._figure_text(m.group(1)), text[self.lang])
        value = typeset(value, self.lang)
        self._written.append(value)
        return value

    def para(self, text: Text) -> b.Para:
        """Body text: figures with their source notes, acronyms expanded at first use."""
        source = text[self.lang]
        spans: list[b.Span] = []
        last = 0
        for match in PLACEHOLDER.finditer(source):
            spans.extend(self._words(self._expand(source[last:match.start()])))
            figure = self.positions.figures[match.group(1)]
            spans.append(b.Span(format_figure(figure, self.lang)))
            if self.show_sources:
                spans.append(b.Span("", note=self._figure_note(figure)))
            last = match.end()
        spans.extend(self._words(self._expand(source[last:])))
        para = tuple(
            b.Span(typeset(s.text, self.lang), s.note, s.expansion)
            for s in spans if s.text or s.note
        )
        self._written.append(b.plain(para))
        return para

    def _words(self, segment: str) -> list[b.Span]:
        """Split out acronyms, so renderers can mark them up (HTML <abbr>, no hyphenation)."""
        if self._acronym_pattern is None:
            return [b.Span(segment)]
        spans, last = [], 0
        for match in self._acronym_pattern.finditer(segment):
            spans.append(b.Span(segment[last:match.start()]))
            spans.append(b.Span(match.group(0), expansion=self._terms[match.group(1)]))
            last = match.end()
        spans.append(b.Span(segment[last:]))
        return spans

    def _expand(self, segment: str) -> str:
        for acronym, term in self._acronyms:
            if acronym in self._expanded:
                continue
            pattern = re.compile(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])")  # NAMAs too
            match = pattern.search(segment)
            if match is None:
                continue
            self._expanded.add(acronym)
            if term.casefold() in segment[: match.start()].casefold() or acronym in term:
                continue  # the text spells it out itself, or the name holds the acronym
            # "ACR (expansion)" keeps the sentence's grammar: "le MRV" stays masculine.
            segment = f"{segment[: match.end()]} ({term}){segment[match.end():]}"
        return segment

    def _figure_text(self, figure_id: str) -> str:
        return format_figure(self.positions.figures[figure_id], self.lang)

    def _figure_note(self, figure: Figure) -> int:
        if figure.sources:
            return self.note("; ".join(_cite(s) for s in figure.sources))
        owner = next(i for i in self.positions.evidence if figure in i.figures)
        if owner.sources:
            return self.note("; ".join(_cite(s) for s in owner.sources))
        return self.note(self.labels["unsourced"])

    def note(self, text: str) -> int:
        text = typeset(text, self.lang)
        if text not in self.notes:
            self.notes.append(text)
        return self.notes.index(text) + 1

    # -- parts -----------------------------------------------------------
    def part(self, part: Part, start: int) -> list[b.Section]:
        if part.kind is PartKind.OUTLINE:
            return self._outline(part, start)
        title = self.text(part.title) if part.title else self.labels[f"part.{part.kind.value}"]
        intro = (self.para(part.intro),) if part.intro else ()
        unnumbered = part.kind in (PartKind.KEY_FIGURES, PartKind.PARTNERSHIP_MAP)
        section = b.Section(id=part.kind.value, number=0 if unnumbered else start, title=title,
                            intro=intro)
        if part.kind is PartKind.DEMANDS:
            blocks = self._demand_blocks(part)
            return [replace(section, blocks=blocks)]
        if part.kind is PartKind.CASES:
            items = tuple(self._case(c, part) for c in self._select(self.positions.cases, part))
            return [replace(section, blocks=(b.Block(items=items),))]
        if part.kind is PartKind.CLAIMS:
            items = tuple(self._claim(c, part.form) for c in
                          self._select(self.positions.claims, part))
            return [replace(section, blocks=(b.Block(items=items),))]
        if part.kind is PartKind.KEY_FIGURES:
            return [replace(section, figures=self._figure_rows(part))]
        return [replace(section, diagram=self._diagram(part))]

    def _outline(self, part: Part, start: int) -> list[b.Section]:
        wanted = set(part.select.ids)
        sections: list[b.Section] = []
        for paper_section in self.positions.paper.outline:
            if wanted and paper_section.id not in wanted:
                continue
            title = self.text(paper_section.title)
            blocks = []
            for block in paper_section.blocks:
                if block.text is not None:
                    blocks.append(b.Block(paragraphs=(self.para(block.text),)))
                    continue
                heading = (b.Span(self.text(block.heading)),) if block.heading else None
                items = tuple(self._item(self.positions.by_id[i], part) for i in block.items)
                blocks.append(b.Block(heading=heading, items=items))
            sections.append(b.Section(id=paper_section.id, number=start + len(sections),
                                      title=title, blocks=tuple(blocks)))
        return sections

    def _item(self, item: Item, part: Part) -> b.Item:
        if isinstance(item, Claim):
            return self._claim(item, part.form)
        if isinstance(item, Case):
            return self._case(item, part)
        return self._demand(item, part)

    def _form(self, full: Text, short: Text | None, form: Form) -> Text:
        return short if form is Form.SHORT and short is not None else full

    def _claim(self, claim: Claim, form: Form) -> b.Item:
        return b.Item(kind="claim", id=claim.id, body=self.para(self._form(claim.text,
                                                                            claim.short, form)))

    def _case(self, case: Case, part: Part) -> b.Item:
        title = self.text(case.title)
        partners: tuple[str, ...] = ()
        if part.show_facts:
            partners = tuple(
                f"{self.text(p.territory)} ({country_name(p.country, self.lang)}) — "
                f"{self.labels['level.' + p.level.value]}" for p in case.partners)
        facts = []
        if case.duration_years and part.show_facts:
            key = "duration.approximate" if case.duration_approximate else "duration"
            facts.append(self.labels[key].format(n=case.duration_years))
        if case.start_year and part.show_facts:
            facts.append(self.labels["since"].format(year=case.start_year))
        body = self.para(self._form(case.summary, case.short, part.form))
        outcomes = tuple(self.para(o) for o in case.outcomes) if part.show_outcomes else ()
        return b.Item(kind="case", id=case.id, title=title, body=body, outcomes=outcomes,
                      partners=partners, facts=tuple(facts))

    def _demand(self, demand: Demand, part: Part) -> b.Item:
        self.topics_shown.add(demand.topic)
        body = self.para(self._form(demand.text, demand.short, part.form))
        points = tuple(self.para(p) for p in demand.points) if part.form is Form.FULL else ()
        backing = []
        # The best-ranked cases not shown yet, so one brief illustrates with variety;
        # a case met again is named only, its story was told above.
        ranked = sorted(demand.cases, key=lambda c: c in self._shown_cases)
        for case_id in ranked[: part.cases_per_demand]:
            case = self.positions.by_id[case_id]
            assert isinstance(case, Case)
            told = case_id in self._shown_cases
            self._shown_cases.add(case_id)
            story = () if told else self.para(case.short or case.summary)
            backing.append(b.Backing(self.text(case.title), story))
        return b.Item(kind=demand.kind.value, id=demand.id, body=body, points=points,
                      backing=tuple(backing))

    def _demand_blocks(self, part: Part) -> tuple[b.Block, ...]:
        demands = self._select(self.positions.demands, part)
        if part.group_by is None:
            return (b.Block(items=tuple(self._demand(d, part) for d in demands)),)
        paper = self.positions.paper
        labels: dict[str, Text] = {t.id: t.label for t in paper.topics}
        labels |= {a.id: a.label for a in paper.addressees}
        groups: dict[str, list[Demand]] = {}
        for demand in demands:
            groups.setdefault(getattr(demand, part.group_by), []).append(demand)
        return tuple(
            b.Block(heading=(b.Span(self.text(labels[key])),),
                    items=tuple(self._demand(d, part) for d in members))
            for key, members in groups.items())

    def _select(self, items: Iterable[Item], part: Part) -> list:
        chosen = [i for i in items if _matches(i, part.select)]
        first = part.select.ids or part.select.first  # listed ids come in the listed order
        if first:
            order = {ident: n for n, ident in enumerate(first)}
            chosen.sort(key=lambda i: order.get(i.id, len(order)))
        return chosen[: part.select.limit]

    def _figure_rows(self, part: Part) -> tuple[b.FigureRow, ...]:
        rows = []
        sources = self._select(self.positions.evidence, part)
        for item in sources:
            for figure in item.figures:
                rows.append(b.FigureRow(
                    value=self._figure_text(figure.id),
                    measures=self.text(figure.measures),
                    place=self.text(figure.place) if figure.place else "",
                    year=str(figure.year or ""),
                    note=self._figure_note(figure) if self.show_sources else None))
        return tuple(rows)

    def _diagram(self, part: Part) -> b.Diagram:
        nodes: dict[str, b.Node] = {}
        links: list[tuple[str, str, str]] = []
        for case in self._select(self.positions.cases, part):
            ids = []
            for partner in case.partners:
                label = self.text(partner.territory)
                key = _slug(label)
                nodes.setdefault(key, b.Node(key, label, partner.country,
                                             continent(partner.country) != "Europe"))
                ids.append(key)
            title = self.text(case.title)
            links.extend((x, y, title) for n, x in enumerate(ids) for y in ids[n + 1:])
        return b.Diagram(tuple(nodes.values()), tuple(links), self.labels["diagram.caption"],
                         self.labels["diagram.north"], self.labels["diagram.south"])

    # -- glossary --------------------------------------------------------
    def glossary_entries(self, scope: GlossaryScope) -> tuple[b.GlossaryEntry, ...]:
        if scope is GlossaryScope.NONE:
            return ()
        written = "\n".join(self._written)
        terms = [t for t in self.glossary
                 if scope is GlossaryScope.ALL or (t.acronym and self.lang in t.acronym)]
        used = [t for t in terms if any(
            re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", written, re.IGNORECASE)
            for s in t.spellings(self.lang))]
        entries = [b.GlossaryEntry(typeset(t.term[self.lang], self.lang),
                                   t.acronym[self.lang] if t.acronym else None,
                                   typeset(t.definition[self.lang], self.lang)) for t in used]
        return tuple(sorted(entries, key=lambda e: _sort_key(e.acronym or e.term)))


def _matches(item: Item, select: Selection) -> bool:
    if select.ids and item.id not in select.ids:
        return False
    if isinstance(item, Demand):
        if select.kinds and item.kind.value not in select.kinds:
            return False
        if select.addressees and item.addressee not in select.addressees:
            return False
        if select.topics and item.topic not in select.topics:
            return False
        if select.flagship is not None and item.flagship != select.flagship:
            return False
    tags = getattr(item, "tags", ()) or getattr(item, "themes", ())
    if select.tags and not set(select.tags) & set(tags):
        return False
    if select.regions and not (isinstance(item, Case) and {
            continent(p.country) for p in item.partners} & set(select.regions)):
        return False
    return not (select.with_figures and not getattr(item, "figures", ()))


def _cite(source: Source) -> str:
    parts = [source.publisher, source.title, str(source.year) if source.year else None,
             str(source.url) if source.url else None]
    return ", ".join(p for p in parts if p) + "."


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _sort_key(label)).strip("-")


def _sort_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
