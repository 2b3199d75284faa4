"""The loaded whole: each paper with its content, the glossary and the audiences.

These containers are what later stages receive; nothing is shared or mutated.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from pydantic import BaseModel

from .audience import Audience
from .base import Node, Text
from .content import Case, Claim, Demand, DemandKind, Figure
from .glossary import Term
from .paper import Numbering, Paper


class PaperFile(Node):
    """The schema of a paper.yaml file."""

    paper: Paper


class ContentFile(Node):
    """The schema of any other YAML file of a paper folder."""

    claims: tuple[Claim, ...] = ()
    cases: tuple[Case, ...] = ()
    demands: tuple[Demand, ...] = ()


class GlossaryFile(Node):
    """The schema of a glossary file."""

    terms: tuple[Term, ...] = ()


Item = Claim | Case | Demand


@dataclass(frozen=True)
class Positions:
    """One paper and everything it says, in file order; `confirmed` holds, per text path
    and language, the digest of the source text its translation was confirmed against."""

    paper: Paper
    claims: tuple[Claim, ...] = ()
    cases: tuple[Case, ...] = ()
    demands: tuple[Demand, ...] = ()
    confirmed: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False)

    def texts(self) -> Iterator[tuple[str, Text]]:
        """Every translatable text with a path that names it across edits:
        `claim:oda.text`, `demand:x.points[2]`, `paper.outline[context].blocks[1].text`."""
        yield from text_paths(self.paper, "paper")
        for kind, items in (("claim", self.claims), ("case", self.cases),
                            ("demand", self.demands)):
            for item in items:
                yield from text_paths(item, f"{kind}:{item.id}")

    @property
    def items(self) -> tuple[Item, ...]:
        return (*self.claims, *self.cases, *self.demands)

    @cached_property
    def by_id(self) -> dict[str, Item]:
        found: dict[str, Item] = {}
        for item in self.items:
            found.setdefault(item.id, item)
        return found

    @property
    def evidence(self) -> tuple[Item, ...]:
        """The items that may carry figures and sources: every item."""
        return self.items

    @cached_property
    def figures(self) -> dict[str, Figure]:
        found: dict[str, Figure] = {}
        for item in self.evidence:
            for figure in item.figures:
                found.setdefault(figure.id, figure)
        return found

    @cached_property
    def numbers(self) -> dict[str, str]:
        """Paragraph numbers as printed ("7.", "2.3.", "2 (a)"), by item id and by
        "section-id#block-index" for the outline's
        own paragraphs and lead-ins: a text block or a lead-in is a paragraph (the items
        under a lead-in are its sub-paragraphs (a), (b) …), and so is each item of a block
        without one."""
        numbering = self.paper.numbering
        found: dict[str, str] = {}
        if numbering is Numbering.NONE:
            return found
        count = 0
        for s_index, section in enumerate(self.paper.outline, 1):
            if numbering is Numbering.SECTION:
                count = 0
            prefix = f"{s_index}." if numbering is Numbering.SECTION else ""
            for b_index, block in enumerate(section.blocks):
                if block.text is not None or block.heading is not None:
                    count += 1
                    found[f"{section.id}#{b_index}"] = f"{prefix}{count}."
                    for letter, item in zip("abcdefghijklmnopqrstuvwxyz", block.items,
                                            strict=False):
                        found[item] = f"{prefix}{count} ({letter})"
                    continue
                for item in block.items:
                    count += 1
                    found[item] = f"{prefix}{count}."
        return found

    def recommendations(self) -> tuple[Demand, ...]:
        return tuple(d for d in self.demands if d.kind is DemandKind.RECOMMENDATION)

    def negotiating_demands(self) -> tuple[Demand, ...]:
        return tuple(d for d in self.demands if d.kind is DemandKind.DEMAND)

    def commitments(self) -> tuple[Demand, ...]:
        return tuple(d for d in self.demands if d.kind is DemandKind.COMMITMENT)


@dataclass(frozen=True)
class Project:
    """Everything under a project root that plaidoyer reads."""

    papers: tuple[Positions, ...] = ()
    glossary: tuple[Term, ...] = ()
    audiences: tuple[Audience, ...] = ()
    labels: Mapping[str, Text] = field(default_factory=dict)  # the words around the content

    def labels_in(self, lang: str) -> dict[str, str]:
        return {key: text[lang] for key, text in self.labels.items() if lang in text}

    def paper(self, paper_id: str) -> Positions | None:
        return next((p for p in self.papers if p.paper.id == paper_id), None)


def text_paths(value: object, path: str) -> Iterator[tuple[str, Text]]:
    """Every translatable text inside a model value, with its path."""
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from text_paths(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, tuple | list):
        for n, item in enumerate(value):
            key = getattr(item, "id", None)
            yield from text_paths(item, f"{path}[{key if key is not None else n}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_paths(item, f"{path}[{key}]")


def walk_texts(value: object, field_name: str = "") -> Iterator[tuple[Text, str]]:
    """Every translatable text inside a model value, with the field that holds it."""
    if isinstance(value, Text):
        yield value, field_name
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk_texts(getattr(value, name), name)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from walk_texts(item, field_name)
    elif isinstance(value, dict):  # a paper's words per audience, titles per part
        for key, item in value.items():
            yield from walk_texts(item, f"{field_name}.{key}" if field_name else str(key))
