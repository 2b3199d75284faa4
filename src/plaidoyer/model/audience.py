"""Audiences: which parts of a paper a brief shows, in what order, in what form.

Selection and ordering are data so that an advocacy officer can add an audience
without touching Python or templates. Audiences select by what any paper says about
itself (item kinds, addressees' roles, flagship flags, regions), so one audience fits
every paper; names of one paper's ids are allowed only in an audience limited to it.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from ..diagnostics import LocatedStr
from .base import Id, Node, Text
from .paper import Role


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


class ItemKind(StrEnum):
    CLAIM = "claim"
    CASE = "case"
    DEMAND = "demand"
    RECOMMENDATION = "recommendation"
    COMMITMENT = "commitment"


class GroupBy(StrEnum):
    TOPIC = "topic"
    ADDRESSEE = "addressee"
    ANCHOR = "anchor"  # by treaty, decisions, or body's agenda, in the negotiating text's order


class OrderBy(StrEnum):
    PAPER = "paper"  # the paper's own order (default)
    ANCHOR = "anchor"  # the order of the negotiating text: articles, decisions, agendas


class Selection(Node):
    """Which items a part takes; an empty field does not filter."""

    kinds: tuple[ItemKind, ...] = ()
    roles: tuple[Role, ...] = ()  # demands addressed to someone with one of these roles
    flagship: bool | None = None
    regions: tuple[Id, ...] = ()  # cases with a partner in one of these M49 regions
    with_figures: bool = False
    limit: int | None = Field(default=None, ge=1)
    # Ids of one paper: only in an audience limited to papers that define them.
    ids: tuple[Id, ...] = ()
    addressees: tuple[Id, ...] = ()
    topics: tuple[Id, ...] = ()
    tags: tuple[Id, ...] = ()
    first: tuple[Id, ...] = ()  # put these first, keep the others in paper order


class FigureStyle(StrEnum):
    """How a key-figures part sets its figures."""

    TILES = "tiles"  # large numbers, each with what it measures, where and when
    TABLE = "table"  # one row a figure: denser, for long lists


class Part(Node):
    """One part of a brief."""

    kind: PartKind
    id: Id | None = None  # how a paper's `audiences:` overrides name it; default: the kind
    title: Text | None = None
    intro: Text | None = None
    select: Selection = Selection()
    form: Form = Form.FULL
    group_by: GroupBy | None = None
    order_by: OrderBy = OrderBy.PAPER
    cases_per_demand: int = Field(default=0, ge=0)
    show_outcomes: bool = True
    show_facts: bool = True  # partners, duration and start year under a case's title
    partnership_map: bool = False  # outline only: the diagram after the section of the cases
    optional: bool = False  # a paper may have nothing for it: left out without a warning
    numbered: bool = False  # asks numbered 1, 2, 3 in the brief where the paper numbers none
    lead_in: bool = False  # each ask opens with its topic in bold: "Loss and damage. …"
    style: FigureStyle = FigureStyle.TILES  # key-figures only

    @property
    def key(self) -> str:
        return self.id or self.kind.value


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
    lede: Text | None = None  # a paragraph under the title, before the first part
    papers: tuple[Id, ...] = ()  # only these papers; empty: every paper
    internal: bool = False  # a brief for the coalition itself: prints internal content
    parts: tuple[Part, ...] = Field(min_length=1)
    budget: Budget | None = None
    cover: bool = True
    toc: bool | None = None  # None: only when the brief runs longer than two pages
    glossary: GlossaryScope = GlossaryScope.ALL
    expand_acronyms: bool = True  # "ACR (term)" at first use; false: the glossary only
    sources: bool = True
    templates: Templates = Templates()
    # A box of numbered key messages on the first page: the paper's demands it selects,
    # in their short form, each led by its topic.
    key_messages: Selection | None = None
    release_line: bool = False  # "For immediate release" or the embargo, above the title

    def key_messages_part(self) -> Part | None:
        """The key messages as the demands part they are, for selection and its checks."""
        if self.key_messages is None:
            return None
        return Part(kind=PartKind.DEMANDS, id=LocatedStr("key-messages", self.key_messages.at),
                    select=self.key_messages,
                    form=Form.SHORT, lead_in=True, numbered=True, at=self.key_messages.at)


class AudienceFile(Node):
    """The schema of an audience file."""

    audience: Audience
