"""Tailor stage: paper + audience + language → a render-ready `Brief`.

All selection, ordering, translation and formatting happens here, in reading
order, so that notes are numbered and acronyms expanded where a reader meets them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from babel.lists import format_list

from .acronyms import Acronyms
from .anchors import AnchorGroup, anchor_group, anchor_text
from .cite import cite_all
from .colophon import about, author_line
from .figures import format_figure, format_years
from .frontpage import citation, release_line, running_header
from .glossary_use import glossary_used
from .layout import needs_contents, numbered, runs
from .localize import (
    babel_locale,
    country_name,
    fill,
    format_day,
    format_period,
    text_direction,
    typeset,
)
from .model import brief as b
from .model.audience import (
    Audience,
    FigureStyle,
    Form,
    GroupBy,
    Part,
    PartKind,
)
from .model.base import FIGURE_PLACEHOLDER as PLACEHOLDER
from .model.base import Text, foreign_segments
from .model.content import Case, Claim, Demand, Figure, Source
from .model.glossary import Term
from .model.paper import AudienceWords
from .model.project import Item, Positions
from .partners import partnership_diagram
from .select import has_content, select, shown

Labels = Mapping[str, str]

NAV_SECTIONS = 3
"""On screen, a brief of this many sections or more opens with a contents navigation."""

SHORT_BRIEF_PAGES = 2
"""Briefs of at most this many pages carry no glossary."""


@dataclass(frozen=True)
class Request:
    """What to tailor: one paper, for one audience, in one language."""

    positions: Positions
    audience: Audience
    lang: str


def tailor(request: Request, glossary: tuple[Term, ...], labels: Labels) -> b.Brief:
    """The brief; its `sections` are empty when the audience selects nothing of the paper."""
    positions, audience, lang = request.positions, request.audience, request.lang
    paper = positions.paper
    words = paper.audiences.get(audience.id, AudienceWords())
    composer = _Composer(positions, lang, glossary, labels, audience, words)
    key_part = audience.key_messages_part()
    key_messages = composer.asks(key_part) if key_part else ()
    lede_text = words.lede or audience.lede
    lede = composer.para(lede_text) if lede_text else None
    sections: list[b.Section] = []
    seen: Counter[str] = Counter()
    for part in audience.parts:
        if not has_content(part, positions, audience):
            continue  # nothing empty is printed: no heading, no number
        numbered = sum(1 for s in sections if s.number)
        for section in composer.part(part, start=numbered + 1):
            seen[section.id] += 1
            # Two parts of one kind (two 'demands' parts) need distinct anchors.
            if seen[section.id] > 1:
                section = replace(section, id=f"{section.id}-{seen[section.id]}")
            sections.append(section)
    sections = [replace(s, blocks=tuple(b for blk in s.blocks for b in runs(blk)))
                for s in sections]
    if sum(1 for s in sections if s.number) == 1:  # a lone "1." numbers nothing
        sections = [replace(s, number=0) for s in sections]
    sections = [replace(s, running=running_header(s.title)) for s in sections]
    topics = composer.topics_shown
    # One or two pages have no room for back matter: their acronyms are expanded in the
    # text instead.
    short = audience.budget is not None and audience.budget.pages <= SHORT_BRIEF_PAGES
    entries = () if short else glossary_used(
        composer.glossary, "\n".join(composer.written), lang, audience.glossary)
    keywords = (paper.event.name, *(t.label[lang] for t in paper.topics if t.id in topics))
    return b.Brief(
        paper_id=paper.id,
        audience_id=audience.id,
        lang=lang,
        direction=text_direction(lang),
        # A press headline stands as the title, the paper's own title under it.
        title=composer.text(words.headline or paper.title),
        subtitle=composer.text(paper.title if words.headline else paper.subtitle)
        if words.headline or paper.subtitle else None,
        short_title=composer.text(paper.short_title or paper.title),
        audience_label=composer.text(words.label or audience.label),
        event=labels["comma"].join((paper.event.name, paper.event.place[lang])),
        period=format_period(paper.event.start, paper.event.end, lang),
        date=format_day(paper.date, lang) if paper.date else None,
        authors=tuple(author_line(a, lang, labels) for a in paper.authors),
        keywords=keywords,
        sections=tuple(sections),
        notes=tuple(composer.notes),
        glossary=entries,
        labels=dict(labels),
        lede=lede,
        key_messages=key_messages,
        release=release_line(words, lang, labels) if audience.release_line else None,
        issued=(paper.date or paper.event.start).isoformat(),
        about=(*about(paper, lang, labels), citation(paper, lang, labels)),
        contents=tuple(composer.contents),
        internal=audience.internal,
        cover=audience.cover,
        toc=audience.toc if audience.toc is not None
        else needs_contents(sections, composer.notes, entries),
        nav=audience.toc if audience.toc is not None else len(sections) >= NAV_SECTIONS,
        budget_pages=audience.budget.pages if audience.budget else None,
        html_template=audience.templates.html,
        css=audience.templates.css,
        docx_template=audience.templates.docx,
    )


class _Composer:
    """Builds sections in reading order; owns the note list and first-use bookkeeping."""

    def __init__(self, positions: Positions, lang: str, glossary: tuple[Term, ...],
                 labels: Labels, audience: Audience, words: AudienceWords) -> None:
        self.positions = positions
        self.lang = lang
        self.labels = labels
        self.audience = audience
        self.words = words
        self.show_sources = audience.sources
        self.notes: list[b.Para] = []
        self.contents: list[str] = []
        self.glossary = glossary
        self.written: list[str] = []
        self._shown_cases: set[str] = set()
        self.topics_shown: set[str] = set()
        self._acronyms = Acronyms(glossary, lang, audience.expand_acronyms)
        self._addressees = {str(a.id): a for a in positions.paper.addressees}

    # -- text ------------------------------------------------------------
    def text(self, text: Text | None) -> str:
        """A title or label: figures formatted, typography applied, nothing expanded."""
        if text is None:
            return ""
        value = "".join(
            typeset(PLACEHOLDER.sub(lambda m: self._figure_text(m.group(1))
                                    if m.group(1) in self.positions.figures else m.group(0),
                                    words), lang or self.lang)
            for words, lang in foreign_segments(text[self.lang]))
        self.written.append(value)
        return value

    def para(self, text: Text) -> b.Para:
        """Body text: figures with their source notes, acronyms expanded at first use,
        words in another language marked and typeset as that language."""
        spans: list[b.Span] = []
        for words, lang in foreign_segments(text[self.lang]):
            if lang is not None and lang != self.lang:
                spans.append(b.Span(typeset(words, lang), lang=lang))
            else:
                spans.extend(self._own_words(words, text.expand))
        para = b.glued(tuple(s for s in spans if s.text or s.note))
        self.written.append(b.plain(para))
        return para

    def _own_words(self, words: str, expand: bool) -> list[b.Span]:
        spans: list[b.Span] = []
        for chunk in self._acronyms.chunks(words, expand):
            if chunk.expansion is not None:
                spans.append(b.Span(typeset(chunk.text, self.lang), expansion=chunk.expansion))
                continue
            last = 0
            for match in PLACEHOLDER.finditer(chunk.text):
                figure = self.positions.figures.get(match.group(1))
                if figure is None:  # not this paper's (an audience's text): print as written
                    continue
                spans.append(b.Span(typeset(chunk.text[last:match.start()], self.lang)))
                spans.append(b.Span(typeset(self._figure_text(figure.id), self.lang)))
                if self.show_sources:
                    spans.append(b.Span("", note=self._figure_note(figure)))
                last = match.end()
            spans.append(b.Span(typeset(chunk.text[last:], self.lang)))
        return spans

    def _figure_text(self, figure_id: str) -> str:
        units = {str(u.id): (u.one, u.other) for u in self.positions.paper.units}
        return typeset(format_figure(self.positions.figures[figure_id], self.lang, self.labels,
                                     units), self.lang)  # "EUR 60.2 million" kept whole

    def _figure_sources(self, figure: Figure) -> tuple[Source, ...]:
        """Its own sources, else its item's; none for a figure marked unsourced, which
        never borrows the sources of its claim's other statements."""
        if figure.unsourced or figure.sources:
            return figure.sources
        return next(i for i in self.positions.evidence if figure in i.figures).sources

    def _unsourced(self, figure: Figure) -> bool:
        return not self._figure_sources(figure)

    def _figure_note(self, figure: Figure) -> int:
        sources = self._figure_sources(figure)
        if not sources:
            return self.note((b.Span(self.labels["unsourced"]),))
        return self.note(cite_all(sources, self.lang, self.labels))

    def note(self, para: b.Para) -> int:
        """The number of the note holding `para`; the same words are one note."""
        texts = [b.plain(n) for n in self.notes]
        text = b.plain(para)
        if text not in texts:
            self.notes.append(para)
            texts.append(text)
        return texts.index(text) + 1

    def _sourced(self, body: b.Para, sources: tuple[Source, ...]) -> b.Para:
        """The body with a note citing its item's sources, wherever the item is printed."""
        if not sources or not self.show_sources:
            return body
        number = self.note(cite_all(sources, self.lang, self.labels))
        if any(span.note == number for span in body):
            return body  # a figure of the paragraph already cites them
        return (*body, b.Span("", note=number))

    # -- parts -----------------------------------------------------------
    def _shown_text(self, text: Text, where: str) -> bool:
        """Internal texts reach internal audiences only; `audit` lists them."""
        if not text.internal:
            return True
        if self.audience.internal:
            self.contents.append(f"  internal text: {where}")
        return self.audience.internal

    def _title(self, part: Part) -> str | None:
        """The paper's own title for this part, else the audience's; None: the default."""
        titles = {str(key): text for key, text in self.words.titles.items()}
        title = titles.get(part.key) or part.title
        return self.text(title) if title else None

    def part(self, part: Part, start: int) -> list[b.Section]:
        if part.kind is PartKind.OUTLINE:
            return self._outline(part, start)
        title = self._title(part) or self.labels[f"part.{part.kind.value}"]
        intro = (self.para(part.intro),) if part.intro else ()
        # every part is numbered: an unnumbered part between numbered ones reads as a gap
        section = b.Section(id=part.kind.value, number=start, title=title, intro=intro)
        if part.kind is PartKind.DEMANDS:
            demands = self._select(self.positions.demands, part)
            addressed = {d.to for d in demands}
            named = part.group_by is GroupBy.ADDRESSEE
            if self._title(part) is None and len(addressed) == 1 and not named:
                # Every ask is to the same addressees: they head the section.
                section = replace(section, title=self._group_heading(
                    addressed.pop(), demands[0]))
                named = True
            blocks = self._demand_blocks(part)
            if part.numbered:
                blocks = numbered(blocks)
            if not named and len(addressed) == 1 and demands[0].to:
                # one addressee set under the audience's own title: one line says it
                line = self._to_line(demands[0])
                section = replace(section, intro=(*section.intro, (b.Span(line or ""),)))
            elif not named:  # no heading says whom each ask is to: the ask says it
                to = {d.id: self._to_line(d) for d in demands}
                blocks = tuple(replace(blk, items=tuple(
                    replace(i, to=to.get(i.id)) for i in blk.items)) for blk in blocks)
            if len(blocks) == 1 and blocks[0].heading and self._title(part) is None:
                # One addressee or topic: its heading is the section's title.
                section = replace(section, title=b.plain(blocks[0].heading))
                blocks = (replace(blocks[0], heading=None),)
            return [replace(section, blocks=blocks)]
        if part.kind is PartKind.CASES:
            items = tuple(item for c in self._select(self.positions.cases, part)
                          if (item := self._case(c, part)) is not None)
            return [replace(section, blocks=(b.Block(items=items),))] if items else []
        if part.kind is PartKind.CLAIMS:
            items = tuple(self._claim(c, part.form) for c in
                          self._select(self.positions.claims, part))
            return [replace(section, blocks=(b.Block(items=items),))]
        if part.kind is PartKind.KEY_FIGURES:
            figures = [f for i in self._select(self.positions.evidence, part) for f in i.figures]
            # Figures none of which has a source: one line says so, not a mark on each.
            unmarked = self.show_sources and all(self._unsourced(f) for f in figures)
            rows = self._figure_rows(figures, marked=not unmarked)
            columns = tuple(c for c in ("value", "measures", "place", "year")
                            if c in ("value", "measures") or any(getattr(r, c) for r in rows))
            return [replace(section, figures=rows, figure_columns=columns,
                            tiles=part.style is FigureStyle.TILES,
                            figures_note=self.labels["unsourced.all"] if unmarked else None)]
        return [replace(section, diagram=self._diagram(self._select(self.positions.cases, part)))]

    def _outline(self, part: Part, start: int) -> list[b.Section]:
        wanted = set(part.select.ids)
        sections: list[b.Section] = []
        map_drawn = not part.partnership_map
        for paper_section in self.positions.paper.outline:
            if wanted and paper_section.id not in wanted:
                continue
            blocks = []
            for n, block in enumerate(paper_section.blocks):
                if block.text is not None:
                    if self._shown_text(block.text, f"{paper_section.id}, block {n + 1}"):
                        blocks.append(b.Block(
                            paragraphs=(self.para(block.text),),
                            number=self.positions.numbers.get(f"{paper_section.id}#{n}")))
                    continue
                chosen = [self.positions.by_id[i] for i in block.items
                          if shown(self.positions.by_id[i], self.audience)]
                if not chosen:
                    continue  # a lead-in with nothing under it is left out too
                heading = (b.Span(self.text(block.heading)),) if block.heading else None
                items = tuple(made for item in chosen
                              if (made := self._item(item, part)) is not None)
                if not items:
                    continue
                blocks.append(b.Block(
                    heading=heading, items=items,
                    number=self.positions.numbers.get(f"{paper_section.id}#{n}")))
            if not blocks:
                continue
            section = b.Section(id=paper_section.id, number=start + len(sections),
                                title=self.text(paper_section.title), blocks=tuple(blocks))
            cases = [self.positions.by_id[i.id] for blk in blocks for i in blk.items
                     if i.kind == "case"]
            if not map_drawn and cases:
                diagram = self._diagram(c for c in cases if isinstance(c, Case))
                if diagram.links:
                    section = replace(section, diagram=diagram)
                    map_drawn = True
            sections.append(section)
        return sections

    def _item(self, item: Item, part: Part) -> b.Item | None:
        if isinstance(item, Claim):
            return self._claim(item, part.form)
        if isinstance(item, Case):
            return self._case(item, part)
        return self._demand(item, part)

    def _form(self, full: Text, short: Text | None, form: Form) -> Text:
        """The short text where asked and there is one (and it may be shown), else the full."""
        if form is Form.SHORT and short is not None and (
                self.audience.internal or not short.internal):
            return short
        return full

    def _claim(self, claim: Claim, form: Form) -> b.Item:
        self.contents.append(f"claim {claim.id}")
        body = self.para(self._form(claim.text, claim.short, form))
        return b.Item(kind="claim", id=claim.id, body=self._sourced(body, claim.sources),
                      number=self.positions.numbers.get(claim.id))

    def _case(self, case: Case, part: Part) -> b.Item | None:
        """The case as its part shows it. A case whose story a demand above told keeps
        only what the reader has not read (its facts, its outcomes), or is left out."""
        told = case.id in self._shown_cases
        self._shown_cases.add(case.id)
        listed = len(self.contents)  # where `audit` lists the case, before its texts
        title = self.text(case.title)
        partners: tuple[str, ...] = ()
        if part.show_facts:
            partners = tuple(
                typeset(f"{self.text(p.territory)} ({country_name(p.country, self.lang)}) – "
                        f"{self.labels['level.' + p.level.value]}"
                        + (f": {self.text(p.role)}" if p.role else ""), self.lang)
                for p in case.partners)
        facts = []
        if case.duration_years and part.show_facts:
            key = "duration.approximate" if case.duration_approximate else "duration"
            facts.append(typeset(fill(self.labels[key], n=case.duration_years), self.lang))
        if case.start_year and part.show_facts:
            facts.append(typeset(fill(self.labels["since"], year=case.start_year), self.lang))
        body = () if told else self._sourced(
            self.para(self._form(case.summary, case.short, part.form)), case.sources)
        outcomes = tuple(
            self.para(o) for n, o in enumerate(case.outcomes)
            if self._shown_text(o, f"{case.id}, outcome {n + 1}")) if part.show_outcomes else ()
        if told and not (partners or facts or outcomes):
            del self.contents[listed:]
            return None
        self.contents.insert(listed, f"case {case.id}")
        return b.Item(kind="case", id=case.id, title=title, body=body, outcomes=outcomes,
                      number=self.positions.numbers.get(case.id),
                      partners=partners, facts=tuple(facts))

    def _demand(self, demand: Demand, part: Part) -> b.Item:
        self.contents.append(f"{demand.kind.value} {demand.id}")
        if demand.topic is not None:
            self.topics_shown.add(demand.topic)
        body = self._sourced(self.para(self._form(demand.text, demand.short, part.form)),
                             demand.sources)
        points = tuple(
            self.para(p) for n, p in enumerate(demand.points)
            if self._shown_text(p, f"{demand.id}, point {n + 1}")
        ) if part.form is Form.FULL else ()
        backing = []
        # The best-ranked cases not shown yet, so one brief illustrates with variety;
        # a case met again is named only, its story was told above.
        public = [c for c in demand.cases if shown(self.positions.by_id[c], self.audience)]
        ranked = sorted(public, key=lambda c: c in self._shown_cases)
        for case_id in ranked[: part.cases_per_demand]:
            case = self.positions.by_id[case_id]
            assert isinstance(case, Case)
            told = case_id in self._shown_cases
            self._shown_cases.add(case_id)
            self.contents.append(f"  example: case {case_id}")
            story = () if told else self.para(case.short or case.summary)
            backing.append(b.Backing(self.text(case.title), story))
        lead = (self.text(next(t.label for t in self.positions.paper.topics
                               if t.id == demand.topic))
                if part.lead_in and demand.topic is not None else None)
        return b.Item(kind=demand.kind.value, id=demand.id, body=body, points=points, lead=lead,
                      number=self.positions.numbers.get(demand.id),
                      anchors=tuple(typeset(anchor_text(a, self.labels), self.lang)
                                    for a in sorted(demand.anchors, key=lambda a: a.order)),
                      backing=tuple(backing))

    def asks(self, part: Part) -> tuple[b.Item, ...]:
        """The demands a part selects, as a numbered list (key messages)."""
        blocks = numbered((b.Block(items=tuple(
            self._demand(d, part) for d in self._select(self.positions.demands, part))),),
            keep_paper=False)
        return blocks[0].items

    def _demand_blocks(self, part: Part) -> tuple[b.Block, ...]:
        demands = self._select(self.positions.demands, part)
        if part.group_by is None:
            return (b.Block(items=tuple(self._demand(d, part) for d in demands)),)
        groups: dict[object, list[Demand]] = {}
        for demand in demands:
            if part.group_by is GroupBy.ANCHOR:
                key: object = anchor_group(min(demand.anchors, key=lambda a: a.order),
                                           self.labels) if demand.anchors else None
            else:
                key = demand.topic if part.group_by is GroupBy.TOPIC else demand.to
            groups.setdefault(key, []).append(demand)
        return tuple(
            b.Block(heading=(b.Span(self._group_heading(key, members[0])),),
                    items=tuple(self._demand(d, part) for d in members))
            for key, members in groups.items())

    def _group_heading(self, key: object, first: Demand) -> str:
        """A topic's label, or what we ask of the addressees in the paper's own words."""
        paper = self.positions.paper
        if key is None:  # demands without a topic
            return self.labels["demands.other"]
        if isinstance(key, AnchorGroup):
            return key.heading
        if isinstance(key, str):
            return self.text(next(t.label for t in paper.topics if t.id == key))
        if not key:  # commitments, addressed to no one: the coalition's own
            return self.labels["commitments"]
        named = [self._addressees[ident] for ident in first.to]
        locale = babel_locale(self.lang)
        if all(a.addressed is not None for a in named):
            return fill(self.labels["demands.addressed"], addressee=format_list(
                [self.text(a.addressed) for a in named], locale=locale))
        return fill(self.labels["demands.addressee"], addressee=format_list(
            [self.text(a.label) for a in named], locale=locale))

    def _to_line(self, demand: Demand) -> str | None:
        if not demand.to:
            return None
        names = [self.text(self._addressees[i].label) for i in demand.to]
        return fill(self.labels["demands.to"], addressee=format_list(
            names, locale=babel_locale(self.lang)))

    def _select(self, items: Iterable[Item], part: Part) -> list:
        return select(items, part, self.positions, self.audience)

    def _figure_rows(self, figures: list[Figure], marked: bool) -> tuple[b.FigureRow, ...]:
        rows = []
        for figure in figures:
            self.contents.append(f"figure {figure.id}")
            rows.append(b.FigureRow(
                value=self._figure_text(figure.id),
                measures=self.text(figure.measures),
                place=self.text(figure.place) if figure.place else "",
                year=format_years(figure),
                note=self._figure_note(figure) if self.show_sources and marked else None))
        return tuple(rows)

    def _diagram(self, cases: Iterable[Case]) -> b.Diagram:
        return partnership_diagram(cases, self.lang, self.labels, self.text)
