"""What counts as a letter of a neighbouring word when a term is looked for in a text.

Chinese and Japanese are written without spaces between words, so a glossary term or
an acronym stands right against other characters ("适应气候变化", "UNFCCC缔约方"):
their characters never join a neighbouring word, as Latin, Cyrillic or Arabic
letters do. Regular expressions use WORD instead of \\w for word boundaries.
"""

from __future__ import annotations

import re

_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
WORD = rf"[^\W{_UNSPACED}]"
"""A character of a word, one written with spaces around it (not Han or kana)."""


_UNSPACED_LETTER = re.compile(rf"(?!{WORD})\w")
"""A letter that is not a letter of a spaced word (Han, kana)."""


def has_unspaced(text: str) -> bool:
    """Whether `text` holds a Han or kana letter, the only ones WORD and \\w differ on."""
    return _UNSPACED_LETTER.search(text) is not None


def word_letter(unspaced: bool) -> str:
    """The pattern for a neighbouring word's letter, in a text that has (or has not) a Han
    or kana letter. Without one, WORD matches what \\w matches, and \\w compiles a hundred
    times faster (WORD's wide ranges take milliseconds a pattern, seconds over a glossary)."""
    return WORD if unspaced else r"\w"
