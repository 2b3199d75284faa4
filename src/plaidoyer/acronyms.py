"""Acronyms in running text: marked up everywhere, expanded once, never corrupting a sentence.

An expansion is inserted as "ACR (term)" at an acronym's first use in a brief, and only
where that cannot spoil the text: never inside a token (a decision symbol such as
`-/CMA.5`, a URL, an id, an e-mail address), never inside parentheses (that would nest
brackets: the next use outside them, or the glossary, explains it), never right before
an opening bracket ("l’ADEME (France)"), never where the paragraph spells the term out
itself, and never twice in one brief.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model.glossary import Term
from .scripts import WORD

_TOKEN_BEFORE = rf"(?<!{WORD})(?<![\-/.@:#&=~+%])"
_TOKEN_AFTER = rf"(?!{WORD}|[\-/@]|[.:]{WORD})"
"""An acronym is a whole word: not part of `-/CMA.5`, `https://…/COP`, `mrv-2` or `a@UN.org`."""


@dataclass(frozen=True)
class Chunk:
    """A piece of a paragraph: plain text, or an acronym (`expansion` is its full name)."""

    text: str
    expansion: str | None = None


class Acronyms:
    """Expands each acronym of the glossary once per brief, in reading order."""

    def __init__(self, glossary: Iterable[Term], lang: str, expand: bool = True) -> None:
        pairs = sorted(
            ((t.acronym[lang], t.term[lang]) for t in glossary
             if t.acronym and lang in t.acronym and lang in t.term
             and t.acronym[lang] != t.term[lang]),
            key=lambda pair: -len(pair[0]))
        self._terms = dict(pairs)
        self._expand = expand
        self._done: set[str] = set()
        alternatives = "|".join(re.escape(acronym) for acronym, _ in pairs)
        self._pattern = (re.compile(rf"{_TOKEN_BEFORE}({alternatives})(s?){_TOKEN_AFTER}")
                         if alternatives else None)

    def chunks(self, text: str, expand: bool = True) -> list[Chunk]:
        """`text` split into plain runs and acronyms, expansions inserted where they may be;
        `expand=False` marks acronyms up without expanding any (a text that opts out)."""
        if self._pattern is None:
            return [Chunk(text)]
        folded = text.casefold()
        out: list[Chunk] = []
        last = 0
        for match in self._pattern.finditer(text):
            acronym = match.group(1)
            term = self._terms[acronym]
            out.append(Chunk(text[last:match.start()]))
            out.append(Chunk(match.group(0), term))
            last = match.end()
            if acronym in self._done:
                continue
            if term.casefold() in folded or acronym in term:
                self._done.add(acronym)  # the paragraph spells it out, or the name holds it
                continue
            if not (self._expand and expand) or _depth(text, match.start()) > 0 \
                    or text[match.end():].lstrip().startswith(("(", "[")):
                continue  # left for a later use, or for the glossary
            self._done.add(acronym)
            # "ACR (expansion)" keeps the sentence's grammar: "le MRV" stays masculine.
            out.append(Chunk(f" ({term})"))
        out.append(Chunk(text[last:]))
        return [chunk for chunk in out if chunk.text]


def _depth(text: str, position: int) -> int:
    """How many brackets are open at `position`."""
    depth = 0
    for char in text[:position]:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
    return depth
