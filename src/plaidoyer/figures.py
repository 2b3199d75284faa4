"""Figures as a reader of each language expects them: qualifier, range, scale and unit.

"more than USD 100 billion", "plus de 100 milliards de dollars des États-Unis",
"10–15 %", "1.5 °C", "about 2,000 households". Numbers, percentages and currency names
come from CLDR (Babel); the words around them (qualifiers, people, times, a paper's own
units) from labels and the paper, so every language can be added without code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from babel import Locale
from babel.numbers import format_decimal, format_percent, get_currency_name, list_currencies

from .localize import babel_locale, fill
from .model.base import Text
from .model.content import Figure, Scale, Unit

NBSP = "\u00a0"
_SCALE_WORDS = {
    "fr": {Scale.THOUSAND: ("mille", "mille"), Scale.MILLION: ("million", "millions"),
           Scale.BILLION: ("milliard", "milliards")},
    "en": {Scale.THOUSAND: ("thousand", "thousand"), Scale.MILLION: ("million", "million"),
           Scale.BILLION: ("billion", "billion")},
    # Spanish has no word for 10⁹ ("billón" is 10¹²): billions are counted in millions
    "es": {Scale.THOUSAND: ("mil", "mil"), Scale.MILLION: ("millón", "millones")},
}
_ONE = {"fr": "un", "en": "one", "es": "un"}
_NAMED_CURRENCY = {"fr": "d’", "es": "de "}
"""Languages that name the currency after the amount: "60,2 millions d’euros",
"500 000 millones de dólares estadounidenses"."""
_SYMBOLS = {Unit.TONNES_CO2: "t CO\u2082", Unit.TONNES_CO2E: "t CO\u2082e",
            Unit.CELSIUS: "°C", Unit.HECTARES: "ha", Unit.KM2: "km²"}
LABELLED_UNITS = ("people", "ratio")
"""Units whose words come from labels: `unit.people.one`, `unit.people.other`, `unit.ratio`."""


def is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper() and unit in list_currencies()


def is_builtin(unit: str) -> bool:
    return unit in set(Unit) or is_currency(unit)


def format_number(value: float, lang: str) -> str:
    text = format_decimal(Decimal(str(value)), locale=babel_locale(lang),
                          decimal_quantization=False)
    if lang.split("-")[0] == "es":
        # Spanish (RAE, and UN Spanish documents) groups thousands with a space, and
        # leaves a four-digit number whole: 1500, 25 000, 500 000
        text = text.replace(".", "\u202f")
        if re.fullmatch(r"-?\d\u202f\d{3}(?:,\d+)?", text):
            text = text.replace("\u202f", "")
    return text


def format_figure(figure: Figure, lang: str, labels: Mapping[str, str],
                  units: Mapping[str, tuple[Text, Text]] | None = None) -> str:
    """The figure in `lang`; `units` maps a paper's own unit ids to (singular, plural)."""
    text = _quantity(figure, lang, labels, units or {})
    if figure.qualifier is not None:
        text = fill(labels[f"qualifier.{figure.qualifier.value}"], value=text)
    return text


def _quantity(figure: Figure, lang: str, labels: Mapping[str, str],
              units: Mapping[str, tuple[Text, Text]]) -> str:
    base = lang.split("-")[0]
    locale = babel_locale(lang)
    high = figure.value_max
    if figure.unit == Unit.PERCENT:
        if high is None:
            return format_percent(Decimal(str(figure.value)) / 100, locale=locale,
                                  decimal_quantization=False)
        percent = format_percent(Decimal(str(high)) / 100, locale=locale,
                                 decimal_quantization=False)
        return f"{format_number(figure.value, lang)}–{percent}"
    amount = _amount(figure, base, lang)
    last = high if high is not None else figure.value
    if is_currency(figure.unit):
        if base in _NAMED_CURRENCY:
            plural = get_currency_name(figure.unit, count=2, locale=locale)
            if not figure.scale:
                return f"{amount} {plural}"
            elision = base == "fr" and plural[0] in "aeéiouy"
            return f"{amount} {'d’' if elision else 'de '}{plural}"
        return f"{figure.unit} {amount}"
    if figure.unit in _SYMBOLS:
        return f"{amount}{NBSP}{_SYMBOLS[Unit(figure.unit)]}"
    form = Locale.parse(locale).plural_form(last)
    if figure.unit == Unit.PEOPLE:
        key = "unit.people.one" if form == "one" else "unit.people.other"
        return fill(labels[key], n=amount)
    if figure.unit == Unit.RATIO:
        return fill(labels["unit.ratio"], n=amount)
    if figure.unit in units:
        one, other = units[figure.unit]
        return f"{amount} {(one if form == 'one' else other)[lang]}"
    return amount  # a count


def _amount(figure: Figure, base: str, lang: str) -> str:
    """The number or range, with its scale word: "2.5 billion", "10–15 million"."""
    low, high, scale = figure.value, figure.value_max, figure.scale
    if base == "es" and scale is Scale.BILLION:  # 500 mil millones → 500 000 millones
        low, high, scale = low * 1000, None if high is None else high * 1000, Scale.MILLION
    numbers = format_number(low, lang)
    if high is not None:
        numbers = f"{numbers}–{format_number(high, lang)}"
    if scale is None:
        return numbers
    words = _SCALE_WORDS.get(base, _SCALE_WORDS["en"])[scale]
    if low == 1 and high is None:
        return f"{_ONE.get(base, '1')} {words[0]}"
    return f"{numbers} {words[1]}"


def format_years(figure: Figure) -> str:
    if figure.year is None:
        return ""
    return f"{figure.year}–{figure.year_end}" if figure.year_end else str(figure.year)
