"""The multilingual glossary: terms, acronyms and the spellings to use or avoid."""

from __future__ import annotations

from pydantic import Field

from .base import Id, Node, Text


class Term(Node):
    id: Id
    term: Text
    acronym: Text | None = None
    definition: Text
    variants: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    forbidden: dict[str, tuple[str, ...]] = Field(default_factory=dict)

    def spellings(self, lang: str) -> list[str]:
        """Every accepted way of writing this term in `lang`."""
        found = [self.term[lang]] if lang in self.term else []
        if self.acronym and lang in self.acronym:
            found.append(self.acronym[lang])
        return found + list(self.variants.get(lang, ()))
