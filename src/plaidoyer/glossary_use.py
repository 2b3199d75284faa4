"""The glossary a brief prints: the terms its text uses, in the reader's alphabetical
order (accents ignored), acronyms filed under the acronym."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .localize import typeset
from .model.audience import GlossaryScope
from .model.base import foreign_segments
from .model.brief import GlossaryEntry
from .model.glossary import Term
from .scripts import has_unspaced, word_letter


def glossary_used(glossary: tuple[Term, ...], written: str, lang: str,
                  scope: GlossaryScope) -> tuple[GlossaryEntry, ...]:
    """Entries for the terms (or, by scope, the acronyms) that `written` uses."""
    if scope is GlossaryScope.NONE:
        return ()
    terms = [t for t in glossary
             if scope is GlossaryScope.ALL or (t.acronym and lang in t.acronym)]
    unspaced = has_unspaced(written)
    folded = written.casefold()
    used = [t for t in terms if any(
        s.casefold() in folded and _spelling(s, unspaced).search(written)
        for s in t.spellings(lang))]
    entries = [GlossaryEntry(_words(t.term[lang], lang),
                             typeset(t.acronym[lang], lang) if t.acronym else None,
                             _words(t.definition[lang], lang)) for t in used]
    return tuple(sorted(entries, key=lambda e: _sort_key(e.acronym or e.term)))


@lru_cache(maxsize=4096)
def _spelling(spelling: str, unspaced: bool) -> re.Pattern[str]:
    """A spelling as a whole word, compiled once a process."""
    word = word_letter(unspaced)
    return re.compile(rf"(?<!{word})(?<!-){re.escape(spelling)}(?!{word}|-)", re.IGNORECASE)


def _words(text: str, lang: str) -> str:
    """The text typeset, words marked [in another language]{lang=xx} in their own
    language's typography (the glossary prints plain text)."""
    return "".join(typeset(words, other or lang) for words, other in foreign_segments(text))


def _sort_key(text: str) -> str:
    """Accents ignored, letters of every script kept: "Échange" files under E, and
    Arabic, Chinese or Cyrillic terms sort by their own letters."""
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).casefold()
