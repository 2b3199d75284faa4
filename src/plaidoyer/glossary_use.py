"""The glossary a brief prints: the terms its text uses, in the reader's alphabetical
order (accents ignored), acronyms filed under the acronym."""

from __future__ import annotations

import re
import unicodedata

from .localize import typeset
from .model.audience import GlossaryScope
from .model.base import foreign_segments
from .model.brief import GlossaryEntry
from .model.glossary import Term
from .scripts import WORD


def glossary_used(glossary: tuple[Term, ...], written: str, lang: str,
                  scope: GlossaryScope) -> tuple[GlossaryEntry, ...]:
    """Entries for the terms (or, by scope, the acronyms) that `written` uses."""
    if scope is GlossaryScope.NONE:
        return ()
    terms = [t for t in glossary
             if scope is GlossaryScope.ALL or (t.acronym and lang in t.acronym)]
    used = [t for t in terms if any(
        re.search(rf"(?<!{WORD})(?<!-){re.escape(s)}(?!{WORD}|-)", written, re.IGNORECASE)
        for s in t.spellings(lang))]
    entries = [GlossaryEntry(_words(t.term[lang], lang),
                             typeset(t.acronym[lang], lang) if t.acronym else None,
                             _words(t.definition[lang], lang)) for t in used]
    return tuple(sorted(entries, key=lambda e: _sort_key(e.acronym or e.term)))


def _words(text: str, lang: str) -> str:
    """The text typeset, words marked [in another language]{lang=xx} in their own
    language's typography (the glossary prints plain text)."""
    return "".join(typeset(words, other or lang) for words, other in foreign_segments(text))


def _sort_key(text: str) -> str:
    """Accents ignored, letters of every script kept: "Échange" files under E, and
    Arabic, Chinese or Cyrillic terms sort by their own letters."""
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).casefold()
