"""What a translator gets for each text: the source, the current translation and its
state, where the text is and who prints it, and the glossary's terms it uses.

A unit is named by the text's path (`claim:oda.text`, `demand:x.points[2]`,
`paper.outline[context].blocks[1].text`), the name `.translations.yaml` records it
under: it survives items being reordered or moved to another file, where a YAML path
(`claims.yaml#/claims/3/text`) would not. Its file, line and column go in the notes.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..diagnostics import Location, PlaidoyerError
from ..model.audience import PartKind
from ..model.glossary import Term
from ..model.project import Item, Positions, Project
from ..select import papers_of, select, shown
from ..staleness import digest
from ..validate.terminology import terms_in


class State(enum.StrEnum):
    """Where a translation stands, as XLIFF and PO say it."""

    MISSING = "missing"  # no translation yet
    STALE = "stale"  # its source text changed since it was confirmed
    TRANSLATED = "translated"  # present, never confirmed against its source
    CONFIRMED = "confirmed"  # confirmed against the current source text


@dataclass(frozen=True)
class GlossaryMatch:
    """A glossary term the source text uses, with what the glossary says in the target."""

    term_id: str
    source: str  # the words found in the source text
    target: str | None  # the term's name in the target language
    acronym: str | None
    definition: str | None  # in the target language, else the source's
    at: Location


@dataclass(frozen=True)
class Unit:
    """One text to translate."""

    paper: str
    key: str  # the text's path, as .translations.yaml names it
    source_lang: str
    target_lang: str
    source: str
    target: str | None
    state: State
    at: Location  # where the text's languages are written
    internal: bool
    audiences: tuple[str, ...]
    terms: tuple[GlossaryMatch, ...]

    @property
    def digest(self) -> str:
        """The source text's digest: an import refuses a unit whose source changed."""
        return digest(self.source)

    @property
    def xml_id(self) -> str:
        return xml_id(self.key)

    @property
    def context(self) -> str:
        """What the text is, in words: "claim 'oda', text"."""
        head, _, rest = self.key.partition(".")
        kind, _, ident = head.partition(":")
        owner = f"{kind} '{ident}'" if ident else kind
        return f"{owner}, {rest}" if rest else owner


def xml_id(key: str) -> str:
    """A text's path as an XML name token (XLIFF ids are NMTOKENs: no brackets)."""
    return re.sub(r"\[([^\]]*)\]", r".\1", key)


@dataclass(frozen=True)
class Returned:
    """A unit as it came back from a translator's tool."""

    paper: str | None
    ident: str  # the unit's id (XLIFF) or text path (PO)
    target: str | None
    done: bool  # marked translated (not XLIFF `initial`, not PO `fuzzy`)
    digest: str | None  # of the source text it was exported with
    source: str | None  # the source text as exported
    at: Location  # where the unit is in the returned file


class Unreadable(PlaidoyerError):
    """A returned file plaidoyer cannot read: the message says what is wrong."""


class ExportRefused(PlaidoyerError):
    """Nothing to export, or a paper that cannot take the language."""


def collect(project: Project, papers: Sequence[str], lang: str,
            stale_only: bool = False) -> list[Unit]:
    """Every text of the chosen papers (all if none) to translate into `lang`."""
    chosen = [p for p in project.papers if not papers or p.paper.id in papers]
    units: list[Unit] = []
    usable = 0
    for positions in chosen:
        paper = positions.paper
        if paper.source_language == lang:
            continue
        if lang not in paper.languages:
            if papers:
                raise ExportRefused(
                    f"{paper.at}: error: paper '{paper.id}' does not declare '{lang}': add "
                    f"it to 'languages:' in its paper.yaml first [translate]")
            continue
        usable += 1
        units += _units(positions, project, lang, stale_only)
    if not usable:
        raise ExportRefused(f"no paper to translate into '{lang}': none of "
                            f"{', '.join(p.paper.id for p in chosen) or 'the papers'} "
                            f"declares it beside another source language")
    return units


def _units(positions: Positions, project: Project, lang: str,
           stale_only: bool) -> Iterable[Unit]:
    paper = positions.paper
    source = paper.source_language
    printed = _audiences(project, positions)
    for key, text in positions.texts():
        if source not in text:
            continue
        confirmed = positions.confirmed.get(key, {})
        current = digest(text[source])
        if lang not in text:
            state = State.MISSING
        elif lang not in confirmed:
            state = State.TRANSLATED
        elif confirmed[lang] != current:
            state = State.STALE
        else:
            state = State.CONFIRMED
        if stale_only and state not in (State.STALE, State.MISSING):
            continue
        head = key.partition(".")[0]
        item = positions.by_id.get(head.partition(":")[2]) if ":" in head else None
        yield Unit(paper.id, key, source, lang, text[source], text.get(lang), state, text.at,
                   text.internal or bool(item is not None and item.internal),
                   printed.get(item.id, ()) if item is not None else (),
                   _matches(text[source], source, lang, project.glossary))


def _matches(text: str, source: str, lang: str,
             glossary: Sequence[Term]) -> tuple[GlossaryMatch, ...]:
    found = []
    for term, words in terms_in(text, source, glossary):
        definition = term.definition.get(lang) or term.definition.get(source)
        found.append(GlossaryMatch(term.id, words, term.term.get(lang),
                                   term.acronym.get(lang) if term.acronym else None,
                                   definition, term.at))
    return tuple(found)


def _audiences(project: Project, positions: Positions) -> dict[str, tuple[str, ...]]:
    """Which audiences print each item of a paper, by the parts that select it (the
    outline's sections, or a part's selection and the examples under its asks)."""
    found: dict[str, list[str]] = {}
    for audience in project.audiences:
        if not papers_of(audience, [positions]):
            continue
        items: set[str] = set()
        for part in audience.parts:
            if part.kind is PartKind.OUTLINE:
                wanted = set(part.select.ids)
                items |= {ident for section in positions.paper.outline
                          if not wanted or section.id in wanted
                          for block in section.blocks for ident in block.items
                          if ident in positions.by_id
                          and shown(positions.by_id[ident], audience)}
                continue
            chosen: Sequence[Item]
            if part.kind is PartKind.DEMANDS:
                chosen = select(positions.demands, part, positions, audience)
            elif part.kind is PartKind.CASES:
                chosen = select(positions.cases, part, positions, audience)
            elif part.kind is PartKind.CLAIMS:
                chosen = select(positions.claims, part, positions, audience)
            else:  # key figures, the partners' map: items as evidence
                chosen = select(positions.evidence, part, positions, audience)
            items |= {item.id for item in chosen}
            if part.cases_per_demand:
                items |= {case for item in chosen for case in getattr(item, "cases", ())
                          [: part.cases_per_demand]}
        for ident in sorted(items):
            found.setdefault(ident, []).append(str(audience.id))
    return {ident: tuple(names) for ident, names in found.items()}
