"""The glossary as a terminology base: a translation keeps the source text's terms.

When a paper's source text uses a glossary term, each translation of that text should
use one of the term's accepted spellings (name, acronym, variants) in its own language:
fr "pertes et préjudices" calls for en "loss and damage". A translation that uses none
of them is a `[terminology]` warning at the text.

Only the source → translation direction is checked: translations are made from the
source, so one warning per missing term and language, never two mirrored ones.

Matching, tuned on the shipped papers so that what it reports is real:
- whole words, a hyphen counting as part of a word ("coopération Sud-Sud" is not in
  "coopération Sud-Sud-Nord"), each word taking its plural (-s, -es, -y → -ies:
  "planes territoriales" is "plan territorial");
- a spelling written in lower case matches in any case ("Loss and Damage"); one with a
  capital matches as written, since the capital makes it a name: "Fonds vert" (the
  Green Climate Fund) is not "un fonds vert pour les territoires", "Partie" (to a
  treaty) is not "une partie des recettes"; acronyms likewise ("un" is not the UN);
- the longest term wins: "Loss and Damage Fund" is that fund, not also "loss and
  damage"; "Parties non visées à l'annexe I" is not also "Partie";
- only the source's use of a term's own name or acronym is checked, never a variant
  (a variant is often a looser sense: "dimension genre", "délégation de service"), nor
  a name that is a single common word ("adaptation", "vulnérabilité": a translation may
  rightly say "adapting"); names, acronyms and phrases are terminology;
- a translation may split a term with words of its own, its longer words standing at
  most eight words apart ("subnational and local governments");
- apostrophes are one, quotation marks and figure placeholders are ignored, and words
  marked as another language (`[…]{lang=en}`) are left out of both sides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..diagnostics import Report
from ..model.base import FIGURE_PLACEHOLDER, FOREIGN, Text
from ..model.glossary import Term
from ..model.project import Positions, walk_texts
from ..scripts import has_unspaced, word_letter

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "«": " ", "»": " ", "“": " ",
                              "”": " ", "„": " ", '"': " ", "‹": " ", "›": " "})


class _Normal(NamedTuple):
    """A text as matching sees it: one kind of apostrophe, no quotation marks, no foreign
    words, no figures; and case-folded, for a quick look before any pattern runs.
    `unspaced`: whether it holds a Han or kana letter, the only ones WORD and \\w differ on."""

    text: str
    folded: str
    unspaced: bool = True


def _normal(text: str) -> _Normal:
    text = FOREIGN.sub(" ", text)
    text = FIGURE_PLACEHOLDER.sub(" ", text).translate(_APOSTROPHES)
    return _Normal(text, text.casefold(), has_unspaced(text))


@lru_cache(maxsize=4096)
def _keys(spelling: str) -> tuple[str, ...]:
    """What a text must hold for `spelling` to be in it, before any pattern is compiled:
    its words, case-folded, less their last letter (a plural may change it: parties)."""
    words = re.split(r"[\s\-]+", spelling.translate(_APOSTROPHES).casefold())
    return tuple(w[:-1] if len(w) > 3 else w for w in words if w)


def _word(word: str) -> str:
    """A word of a spelling as a pattern, its plural accepted (-s, -es, -y → -ies)."""
    escaped = re.escape(word)
    if word[-1:].isalpha() and word.endswith("y"):
        return rf"(?:{escaped}|{re.escape(word[:-1])}ies)"
    return rf"{escaped}(?:e?s)?" if word[-1:].isalpha() else escaped


def _bounds(unspaced: bool) -> tuple[str, str]:
    """What may not stand before and after a term (scripts.word_letter)."""
    word = word_letter(unspaced)
    return rf"(?<!{word})(?<![\-/.@])", rf"(?!{word}|[\-@]|[./]{word})"


@lru_cache(maxsize=4096)
def _pattern(spelling: str, unspaced: bool = True) -> re.Pattern[str]:
    """Every word may take a plural: "planes territoriales" is "plan territorial"."""
    body = r"\s+".join(_word(w) for w in spelling.translate(_APOSTROPHES).split())
    flags = 0 if spelling != spelling.lower() else re.IGNORECASE
    before, after = _bounds(unspaced)
    return re.compile(rf"{before}{body}{after}", flags)


_WINDOW = 8
"""How many words apart the words of a term may stand in a translation that splits it:
"subnational and local governments" uses "subnational governments"."""


@lru_cache(maxsize=4096)
def _words(spelling: str, unspaced: bool = True) -> tuple[re.Pattern[str], ...]:
    flags = 0 if spelling != spelling.lower() else re.IGNORECASE
    words = re.split(r"[\s\-]+", spelling.translate(_APOSTROPHES))
    before, after = _bounds(unspaced)
    return tuple(re.compile(rf"{before}{_word(w)}{after}", flags)
                 for w in words if len(w) > 3)


def _split_use(spelling: str, normal: _Normal) -> bool:
    """Whether every longer word of `spelling` stands within a few words of the others:
    the term, split by words a translation put between its own ("(non-Annex I) …
    countries", "building the … capacities" for "capacity-building")."""
    patterns = _words(spelling, normal.unspaced)
    if len(patterns) < 2:
        return False
    text = normal.text
    offsets = [[text.count(" ", 0, m.start()) for m in p.finditer(text)] for p in patterns]
    if not all(offsets):
        return False
    return any(all(any(abs(o - first) <= _WINDOW for o in others) for others in offsets)
               for first in offsets[0])


@dataclass(frozen=True)
class Spelling:
    """One accepted way of writing a term in a language."""

    text: str
    acronym: bool

    preferred: bool = True  # the term's own name or acronym, not a variant

    def spans(self, normal: _Normal) -> list[tuple[int, int]]:
        if not all(map(normal.folded.__contains__, _keys(self.text))):
            return []
        return [m.span() for m in _pattern(self.text, normal.unspaced).finditer(normal.text)]

    def found_in(self, normal: _Normal) -> bool:
        if bool(self.spans(normal)):
            return True
        return _split_use(self.text, normal)

    @property
    def common_word(self) -> bool:
        """A single lower-case word: too often used in its everyday sense to check."""
        return not self.acronym and " " not in self.text.strip() and \
            self.text == self.text.lower()


def spellings(term: Term, lang: str) -> list[Spelling]:
    """Every accepted spelling of `term` in `lang`: its name, acronym and variants."""
    found: list[Spelling] = []
    if lang in term.term:
        found.append(Spelling(term.term[lang], False))
    if term.acronym is not None and lang in term.acronym:
        found.append(Spelling(term.acronym[lang], True))
    found += [Spelling(v, False, False) for v in term.variants.get(lang, ()) if v.strip()]
    return [s for s in found if s.text.strip()]


_Index = list[tuple[Term, Spelling]]


def _index(glossary: Iterable[Term], lang: str) -> _Index:
    return [(term, spelling) for term in glossary for spelling in spellings(term, lang)]


def _candidates(index: _Index, folded: str) -> list[tuple[Term, Spelling]]:
    """The index's spellings whose every key the text holds: most texts hold few of a
    glossary's terms, and a substring test is far cheaper than a pattern."""
    contains = folded.__contains__
    return [(term, spelling) for term, spelling in index
            if all(map(contains, _keys(spelling.text)))]


def terms_in(text: str, lang: str, glossary: Iterable[Term], controlled: bool = False,
             index: _Index | None = None) -> Iterator[tuple[Term, str]]:
    """The glossary terms a text in `lang` uses, each once, with the spelling found; the
    longest spelling wins where two overlap. `controlled` keeps only the uses the lint
    checks: a term's own name or acronym, never a single common word. `index`: the
    glossary's spellings in `lang`, when a caller has them."""
    normal = _normal(text)
    found = [(start, end, term, spelling)
             for term, spelling in _candidates(
                 index if index is not None else _index(glossary, lang), normal.folded)
             for start, end in spelling.spans(normal)]
    taken: list[tuple[int, int]] = []
    seen: set[str] = set()
    for start, end, term, spelling in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if any(start < e and s < end for s, e in taken):
            continue  # inside a longer term: "Loss and Damage Fund" holds no "loss and damage"
        taken.append((start, end))
        if controlled and (not spelling.preferred or spelling.common_word):
            continue
        if term.id not in seen:
            seen.add(term.id)
            yield term, spelling.text


def check_terminology(positions: Positions, glossary: tuple[Term, ...], report: Report,
                      texts: Iterable[tuple[Text, str]] | None = None) -> None:
    """Warn where a translation lacks a glossary term its source text uses. `texts`: the
    paper's, when the caller has walked them already."""
    source = positions.paper.source_language
    index = _index(glossary, source)
    wanted: dict[tuple[str, str], list[Spelling]] = {}
    if texts is None:
        texts = [found for model in (positions.paper, *positions.items)
                 for found in walk_texts(model)]
    for text, field in texts:
        if source not in text:
            continue
        used = list(terms_in(text[source], source, glossary, True, index))
        if not used:
            continue
        for lang, value in text.items():
            if lang == source:
                continue
            normal = _normal(value)
            for term, found in used:
                accepted = wanted.setdefault((term.id, lang), spellings(term, lang))
                if not accepted or any(s.found_in(normal) for s in accepted):
                    continue
                others = [s.text for s in accepted[1:]]
                also = f" (or {', '.join(repr(o) for o in others)})" if others else ""
                report.warning(text.at, f"{field} ({lang}): the {source} text says "
                               f"'{found}' but this translation lacks the glossary's "
                               f"'{accepted[0].text}'{also}: use it, or add the words "
                               f"used as a variant of '{term.id}' in the glossary",
                               "terminology")
