"""A paper's identity, vocabulary (topics, addressees) and original outline."""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    Field,
    HttpUrl,
    PlainValidator,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from .base import LANG_PATTERN, Id, Node, Text

_TEXT = TypeAdapter(Text)


def _name(value: Any) -> str | Text:
    """A name as written (the same in every language), or one per language."""
    if isinstance(value, str):
        return value
    try:
        return _TEXT.validate_python(value)
    except ValidationError:
        raise ValueError("name: write the name as it is, or one line per language such as "
                         "'en: …' and 'es: …'") from None


Name = Annotated[str | Text, PlainValidator(_name), WithJsonSchema(
    {"anyOf": [{"type": "string"}, Text.__get_pydantic_json_schema__(None, None)]})]


class Event(Node):
    """The negotiation the paper is written for."""

    name: str
    place: Text
    start: datetime.date
    end: datetime.date | None = None


class Author(Node):
    """Who signs the paper; `on_behalf_of` for a body speaking for a constituency."""

    name: Text
    acronym: str | None = None
    on_behalf_of: Text | None = None


class Organisation(Node):
    """An organisation endorsing the paper."""

    name: Text
    acronym: str | None = None
    role: Text | None = None  # "focal point of the LGMA constituency"
    url: HttpUrl | None = None


class Contact(Node):
    """Whom readers may write to about the paper; `name` as written, or per language (a
    desk's name, such as "Policy desk", reads in the brief's language)."""

    name: Name | None = None
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str | None = None
    url: HttpUrl | None = None


class Topic(Node):
    id: Id
    label: Text


class Role(StrEnum):
    """What kind of body an addressee is: audiences select demands by role, not by id,
    so one audience fits every paper."""

    PARTIES = "parties"  # Parties to a convention, their COP/CMA and negotiating bodies
    NATIONAL_GOVERNMENTS = "national-governments"
    FUNDERS = "funders"  # funds and their boards, donors, development banks
    INTERNATIONAL_INSTITUTIONS = "international-institutions"  # UN bodies, secretariats
    LOCAL_GOVERNMENTS = "local-governments"  # local and regional governments, their networks
    CIVIL_SOCIETY = "civil-society"
    PRIVATE_SECTOR = "private-sector"
    RESEARCH = "research"


class Addressee(Node):
    """Whom demands are addressed to."""

    id: Id
    roles: tuple[Role, ...] = Field(min_length=1)
    label: Text
    addressed: Text | None = None  # how a heading names them: "aux Parties" / "the Parties"


class CustomUnit(Node):
    """A unit of the paper's own, named per language: "{n} household" / "{n} households"."""

    id: Id
    one: Text  # the singular, as plural rules of each language choose it
    other: Text


class Block(Node):
    """A piece of a section: a paragraph of its own, or a group of items with a lead-in."""

    text: Text | None = None
    heading: Text | None = None
    items: tuple[Id, ...] = ()

    @model_validator(mode="after")
    def _not_empty(self) -> Block:
        if self.text is None and self.heading is None and not self.items:
            raise ValueError("a block needs 'text', or 'items' (with an optional 'heading')")
        if self.text is not None and (self.heading is not None or self.items):
            raise ValueError("a block is either a 'text' paragraph or a group of 'items'")
        return self


class Section(Node):
    id: Id
    title: Text
    blocks: tuple[Block, ...] = Field(min_length=1)


class AudienceWords(Node):
    """A paper's own words for one audience: its label, lede and part titles; for the
    press, a headline and an embargo."""

    label: Text | None = None
    headline: Text | None = None  # printed as the brief's title; the paper's title under it
    lede: Text | None = None
    embargo: AwareDatetime | None = None  # with its time zone: "2023-12-06T10:00+04:00"
    titles: dict[Id, Text] = Field(default_factory=dict)  # part id (or kind) → title


class Numbering(StrEnum):
    """How the paper numbers its paragraphs: a paragraph keeps its number in every brief
    and language, so "paragraph 7" is paragraph 7 in every edition."""

    NONE = "none"
    SECTION = "section"  # 2.1, 2.2 … restarting in each section
    CONTINUOUS = "continuous"  # 1, 2, 3 … through the paper, as in UN documents


class Paper(Node):
    """The paper as declared in paper.yaml."""

    id: Id
    source_language: str = Field(pattern=LANG_PATTERN)
    languages: tuple[str, ...] = Field(min_length=1)
    title: Text
    subtitle: Text | None = None
    short_title: Text | None = None
    date: datetime.date | None = None  # of publication
    place: Text | None = None  # of publication
    symbol: str | None = None  # the document's symbol or number: "FCCC/SBI/2024/MISC.3"
    event: Event
    authors: tuple[Author, ...] = Field(min_length=1)
    endorsed_by: tuple[Organisation, ...] = ()
    contact: Contact | None = None
    licence: str | None = None  # "CC BY 4.0"
    url: HttpUrl | None = None
    topics: tuple[Topic, ...] = ()
    addressees: tuple[Addressee, ...] = ()
    units: tuple[CustomUnit, ...] = ()
    outline: tuple[Section, ...] = Field(min_length=1)
    numbering: Numbering = Numbering.NONE
    audiences: dict[Id, AudienceWords] = Field(default_factory=dict)  # by audience id
