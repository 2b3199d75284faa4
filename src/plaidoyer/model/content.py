"""What a paper says: claims with figures and sources, cases, demands."""

from __future__ import annotations

import datetime
from enum import StrEnum

from pydantic import Field, FiniteFloat, HttpUrl, model_validator

from .base import LANG_PATTERN, Id, Node, Text


class Source(Node):
    """A publication a figure, claim, case or demand rests on; printed as a note."""

    title: str
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    year_end: int | None = Field(default=None, ge=1900, le=2100)  # "IPCC 2022–2023"
    url: HttpUrl | None = None
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    page: str | None = None  # "12" or "12–15"
    accessed: datetime.date | None = None
    language: str | None = Field(default=None, pattern=LANG_PATTERN)  # of the title

    @model_validator(mode="after")
    def _years_in_order(self) -> Source:
        if self.year_end is not None and (self.year is None or self.year_end < self.year):
            raise ValueError("'year_end' needs a 'year' before it")
        return self


class Scale(StrEnum):
    THOUSAND = "thousand"
    MILLION = "million"
    BILLION = "billion"

    @property
    def factor(self) -> int:
        return {"thousand": 10**3, "million": 10**6, "billion": 10**9}[self.value]


class Unit(StrEnum):
    """Units every paper may use; besides these, any ISO 4217 currency code (EUR, USD,
    XOF …) and the paper's own `units:`."""

    PERCENT = "percent"
    COUNT = "count"
    PEOPLE = "people"
    TONNES_CO2 = "tonnes-co2"
    TONNES_CO2E = "tonnes-co2e"
    CELSIUS = "celsius"
    HECTARES = "hectares"
    KM2 = "km2"
    RATIO = "ratio"  # "five times"


class Qualifier(StrEnum):
    """How exact the figure is, in the paper's own words."""

    ABOUT = "about"
    OVER = "over"
    NEARLY = "nearly"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    UP_TO = "up-to"
    LESS_THAN = "less-than"


UNIT_PATTERN = r"^(?:[A-Z]{3}|[a-z0-9]+(?:-[a-z0-9]+)*)$"


class Figure(Node):
    """A number as data, so every edition prints the same value, formatted per locale."""

    id: Id
    value: FiniteFloat
    value_max: FiniteFloat | None = None  # a range: value–value_max
    qualifier: Qualifier | None = None
    scale: Scale | None = None
    unit: str = Field(pattern=UNIT_PATTERN,
                      description="percent, count, people, tonnes-co2e, celsius, hectares, "
                                  "km2, ratio, an ISO 4217 code, or a unit of the paper")
    year: int | None = Field(default=None, ge=1900, le=2100)
    year_end: int | None = Field(default=None, ge=1900, le=2100)  # "2022–2023"
    place: Text | None = None
    measures: Text
    sources: tuple[Source, ...] = ()
    unsourced: bool = False

    @model_validator(mode="after")
    def _ranges_in_order(self) -> Figure:
        if self.value_max is not None and self.value_max <= self.value:
            raise ValueError("'value_max' must be larger than 'value'")
        if self.year_end is not None and (self.year is None or self.year_end < self.year):
            raise ValueError("'year_end' needs a 'year' before it")
        return self


class Claim(Node):
    """A statement of context or evidence."""

    id: Id
    text: Text
    short: Text | None = None
    figures: tuple[Figure, ...] = ()
    sources: tuple[Source, ...] = ()
    tags: tuple[Id, ...] = ()
    internal: bool = False  # for the coalition only: never printed in a public brief


class Level(StrEnum):
    REGION = "region"
    STATE = "state"
    DISTRICT = "district"
    MUNICIPALITY = "municipality"
    NGO = "ngo"


class Partner(Node):
    """One party to a partnership."""

    territory: Text
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code")
    level: Level
    role: Text | None = None


class Case(Node):
    """A good-practice partnership, with the demands it illustrates."""

    id: Id
    title: Text
    partners: tuple[Partner, ...] = Field(min_length=1)
    duration_years: int | None = Field(default=None, ge=1)
    duration_approximate: bool = False
    start_year: int | None = Field(default=None, ge=1900, le=2100)
    themes: tuple[Id, ...] = ()
    summary: Text
    short: Text | None = None
    outcomes: tuple[Text, ...] = ()
    figures: tuple[Figure, ...] = ()
    sources: tuple[Source, ...] = ()
    illustrates: tuple[Id, ...] = ()
    internal: bool = False


class Instrument(StrEnum):
    CONVENTION = "convention"
    PARIS_AGREEMENT = "paris-agreement"
    KYOTO_PROTOCOL = "kyoto-protocol"


class Body(StrEnum):
    """UNFCCC bodies whose agendas a demand may be anchored to."""

    COP = "COP"
    CMA = "CMA"
    CMP = "CMP"
    SBI = "SBI"
    SBSTA = "SBSTA"


DECISION_PATTERN = r"^(?:\d+|-)/(?:CP|CMA|CMP)\.\d+$"
ARTICLE_PATTERN = r"^\d+[a-z]?(?:\.\d+)*$"
AGENDA_ITEM_PATTERN = r"^\d+(?:\([a-z]\))?$"


class Anchor(Node):
    """Where in the negotiating text a demand applies: an article of a treaty, a decision
    (`1/CP.21`, `2/CMA.4`, `-/CP.28` for one not yet numbered), or an agenda item."""

    instrument: Instrument | None = None
    article: str | None = Field(default=None, pattern=ARTICLE_PATTERN)  # "8", "9.1", "4.2"
    decision: str | None = Field(default=None, pattern=DECISION_PATTERN)
    body: Body | None = None
    session: int | None = Field(default=None, ge=1)
    item: str | None = Field(default=None, pattern=AGENDA_ITEM_PATTERN)  # "5", "5(b)"

    @model_validator(mode="after")
    def _one_kind(self) -> Anchor:
        article = self.instrument is not None or self.article is not None
        agenda = self.body is not None or self.session is not None or self.item is not None
        if sum((article, self.decision is not None, agenda)) != 1:
            raise ValueError("an anchor is one of: 'instrument' with 'article'; a "
                             "'decision' such as 1/CP.21; 'body', 'session' and 'item'")
        if article and (self.instrument is None or self.article is None):
            raise ValueError("an article needs both 'instrument' and 'article'")
        if agenda and None in (self.body, self.session, self.item):
            raise ValueError("an agenda item needs 'body', 'session' and 'item'")
        return self

    @property
    def order(self) -> tuple[int, tuple[int, ...], str]:
        """Where the anchor stands in the negotiating text, to sort demands by it."""
        def numbers(text: str) -> tuple[int, ...]:
            return tuple(int("".join(c for c in part if c.isdigit()) or 0)
                         for part in text.split("."))

        if self.article is not None and self.instrument is not None:
            return (list(Instrument).index(self.instrument), numbers(self.article), "")
        if self.decision is not None:
            number, session = self.decision.split("/")
            body, meeting = session.split(".")
            return (10 + ["CP", "CMA", "CMP"].index(body), (int(meeting),
                    int(number) if number.isdigit() else 0), "")
        assert self.body is not None and self.session is not None and self.item is not None
        return (20 + list(Body).index(self.body), (self.session, *numbers(self.item)), "")


class DemandKind(StrEnum):
    DEMAND = "demand"
    RECOMMENDATION = "recommendation"
    COMMITMENT = "commitment"  # what the coalition itself undertakes


class Demand(Node):
    """A negotiating demand, a recommendation or a commitment, with what supports it."""

    id: Id
    kind: DemandKind
    topic: Id | None = None
    addressee: Id | None = None  # one addressee …
    addressees: tuple[Id, ...] = ()  # … or several
    flagship: bool = False
    text: Text
    short: Text | None = None
    points: tuple[Text, ...] = ()
    claims: tuple[Id, ...] = ()
    cases: tuple[Id, ...] = ()
    figures: tuple[Figure, ...] = ()
    sources: tuple[Source, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    internal: bool = False

    @model_validator(mode="after")
    def _addressed(self) -> Demand:
        if self.addressee is not None and self.addressees:
            raise ValueError("write either 'addressee: one-id' or 'addressees: [id, id]'")
        if not self.to and self.kind is not DemandKind.COMMITMENT:
            raise ValueError(f"a {self.kind.value} needs an 'addressee' (or 'addressees'); "
                             "only a commitment may have none")
        return self

    @property
    def to(self) -> tuple[str, ...]:
        """Whom it is addressed to, in the paper's order."""
        return (self.addressee,) if self.addressee is not None else self.addressees
