"""Locale-aware dates and place names, per-language typography, and label filling.

How a date reads is the locale's business; Babel holds the CLDR rules so we do not
hand-write them. Figures are formatted in `figures.py`, the typographic rules that
`typeset` applies live in `typography.py`.
"""

from __future__ import annotations

import datetime
import re

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton

from .typography import protect, restore, rules_for

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})

_BABEL_LOCALES = {"en": "en_GB"}  # the project writes British English


def babel_locale(lang: str) -> str:
    """The CLDR locale for a language code of the positions."""
    return _BABEL_LOCALES.get(lang, lang.replace("-", "_"))


def text_direction(lang: str) -> str:
    return "rtl" if lang.split("-")[0] in RTL_LANGUAGES else "ltr"


def format_day(day: datetime.date, lang: str) -> str:
    return format_date(day, format="long", locale=babel_locale(lang))


def format_period(start: datetime.date, end: datetime.date | None, lang: str) -> str:
    """30 novembre – 12 décembre 2015 / 30 November – 12 December 2015 / 16–26 juin 2025."""
    if end is None or end == start:
        return format_day(start, lang)
    locale = babel_locale(lang)
    if lang.split("-")[0] in ("zh", "ja", "ko"):  # numeric months: CLDR's interval as is
        return format_interval(start, end, "yMMMd", locale=locale)  # 2024年11月11日 – 22日
    if (start.year, start.month) == (end.year, end.month):
        # CLDR's own interval pattern ("16–26 juin 2025"), where it spells the month out
        interval = format_interval(start, end, "yMMMMd", locale=locale)
        if format_date(end, "MMMM", locale=locale) in interval:
            return interval
        last = format_day(end, lang)
        if last.startswith(str(end.day)):  # a day-first locale: "11–22 November 2024"
            return f"{start.day}–{last}"
    same_year = start.year == end.year
    # the locale's day-and-month form: "30 November", "30 novembre", "30 de noviembre"
    first = (format_skeleton("MMMMd", start, locale=locale) if same_year
             else format_day(start, lang))
    return f"{first} – {format_day(end, lang)}"


def country_name(code: str, lang: str) -> str:
    return Locale.parse(babel_locale(lang)).territories.get(code, code)


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


FULL_WIDTH_PUNCTUATION = ("：", "，", "。")
"""Chinese punctuation carries its own space: no space is set after it."""


def space_after(text: str) -> str:
    """The space that follows `text` before the next words: none after full-width
    punctuation ("联系方式：", "巴库。"), else one ("Contact: ", "Baku. ")."""
    return "" if text.endswith(FULL_WIDTH_PUNCTUATION) else " "


def fill(template: str, **values: object) -> str:
    """Put values into a label such as "{n} years of cooperation".

    Only `{name}` for the names given is replaced; nothing else of Python's format
    syntax exists here, so a label can never reach an attribute or fail on a brace."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def placeholders(template: str) -> set[str]:
    """Everything a label writes between braces: `{name}` placeholders, and anything else
    (`{n.__class__}`) that a check must refuse."""
    return set(re.findall(r"\{([^{}]*)\}", template))


def typeset(text: str, lang: str) -> str:
    """Apply the language's microtypography to a run of text: no-break spaces in numbers
    and before units, raised ordinals, CO₂, en dashes in ranges, one dash style, French
    punctuation spacing (the rules and why: `typography.py`). Web and e-mail addresses,
    placeholders, decision symbols, ISO dates and ids are left exactly as written; typesetting
    twice gives what typesetting once gave."""
    masked, kept = protect(text)
    for rule in rules_for(lang, babel_locale(lang)):
        masked = rule.apply(masked)
    return restore(masked, kept)
