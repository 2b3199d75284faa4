"""A paper's identity, vocabulary (topics, addressees) and original outline."""

from __future__ import annotations

import datetime

from pydantic import Field, model_validator

from .base import LANG_PATTERN, Id, Node, Text


class Event(Node):
    """The negotiation the paper is written for."""

    name: str
    place: Text
    start: datetime.date
    end: datetime.date | None = None


class Author(Node):
    name: Text


class Topic(Node):
    id: Id
    label: Text


class Addressee(Node):
    id: Id
    label: Text


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


class Paper(Node):
    """The paper as declared in paper.yaml."""

    id: Id
    source_language: str = Field(pattern=LANG_PATTERN)
    languages: tuple[str, ...] = Field(min_length=1)
    title: Text
    subtitle: Text | None = None
    short_title: Text | None = None
    date: datetime.date | None = None
    event: Event
    authors: tuple[Author, ...] = Field(min_length=1)
    topics: tuple[Topic, ...] = ()
    addressees: tuple[Addressee, ...] = ()
    outline: tuple[Section, ...] = Field(min_length=1)
