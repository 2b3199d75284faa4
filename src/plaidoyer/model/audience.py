"""Audiences: which parts of a paper a brief shows, in what order, in what form.

Selection and ordering are data so that an advocacy officer can add an audience
without touching Python or templates.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .base import Id, Node, Text


class Form(StrEnum):
    """Which version of a text to print."""

    SHORT = "short"
    FULL = "full"


class PartKind(StrEnum):
    OUTLINE = "outline"            # the paper's own sections, in the original order
    DEMANDS = "demands"            # demands / recommendations, grouped by topic
    CASES = "cases"                # good-practice partnerships
    CLAIMS = "claims"              # context and evidence
    KEY_FIGURES = "key-figures"    # every figure of the selected claims and cases, as a table
    PARTNERSHIP_MAP = "partnership-map"  # the diagram of territories and links


class Selection(Node):
    """Which items a part takes; an empty field does not filter."""

    ids: tuple[Id, ...] = ()
    kinds: tuple[str, ...] = ()
    addressees: tuple[Id, ...] = ()
    topics: tuple[Id, ...] = ()
    flagship: bool | None = None
    tags: tuple[Id, ...] = ()
    regions: tuple[str, ...] = ()  # cases with a partner in Africa, America, Europe, Asia …
    with_figures: bool = False
    first: tuple[Id, ...] = ()  # put these first, keep the others in paper order
    limit: int | None = Field(default=None, ge=1)


class Part(Node):
    """One part of a brief."""

    kind: PartKind
    title: Text | None = None
    intro: Text | None = None
    select: Selection = Selection()
    form: Form = Form.FULL
    group_by: str | None = Field(default=None, pattern=r"^(topic|addressee)$")
    cases_per_demand: int = Field(default=0, ge=0)
    show_outcomes: bool = True
    show_facts: bool = True  # partners, duration and start year under a case's title


class GlossaryScope(StrEnum):
    """Which glossary terms the appendix lists, among those the brief uses."""

    ALL = "all"
    ACRONYMS = "acronyms"
    NONE = "none"


class Budget(Node):
    """The longest a PDF of this brief may be."""

    pages: int = Field(ge=1)


class Templates(Node):
    html: str = "brief.html.j2"
    css: str = "brief.css"
    docx: str = "brief.docx"


class Audience(Node):
    """A kind of reader, and the brief made for them."""

    id: Id
    label: Text
    description: Text | None = None
    parts: tuple[Part, ...] = Field(min_length=1)
    budget: Budget | None = None
    cover: bool = True
    toc: bool | None = None  # None: only when the brief runs longer than two pages
    glossary: GlossaryScope = GlossaryScope.ALL
    sources: bool = True
    templates: Templates = Templates()


class AudienceFile(Node):
    """The schema of an audience file."""

    audience: Audience
