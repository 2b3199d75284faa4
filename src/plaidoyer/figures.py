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
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_currency_name,
    list_currencies,
)

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
_UNSPACED = {"zh", "ja"}  # "6.4亿美元": no space between number and word
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
        if base == "en":  # UN English: "USD 60.2 million"
            return f"{figure.unit} {amount}"
        count = Decimal(str(last)) * (figure.scale.factor if figure.scale else 1)
        if count == count.to_integral_value():  # 640.0 × 10⁶ is a whole number: "many"
            count = count.to_integral_value()
        name = get_currency_name(figure.unit, count=count, locale=locale)
        if base in _NAMED_CURRENCY and figure.scale:
            elision = base == "fr" and name[0] in "aeéiouy"
            return f"{amount} {'d’' if elision else 'de '}{name}"
        return f"{amount}{'' if base in _UNSPACED else ' '}{name}"
    if figure.unit in _SYMBOLS:
        return f"{amount}{NBSP}{_SYMBOLS[Unit(figure.unit)]}"
    form = Locale.parse(locale).plural_form(last)
    counted = figure.scale in (Scale.MILLION, Scale.BILLION) and base in _NAMED_CURRENCY
    if figure.unit == Unit.PEOPLE:
        key = "unit.people.one" if form == "one" else "unit.people.other"
        return _of(fill(labels[key], n=amount + "\x00" * counted), base)
    if figure.unit == Unit.RATIO:
        return fill(labels["unit.ratio"], n=amount)
    if figure.unit in units:
        one, other = units[figure.unit]
        return _of(f"{amount}{chr(0) * counted} {(one if form == 'one' else other)[lang]}",
                   base)
    return amount  # a count


def _of(text: str, base: str) -> str:
    """A million of something takes "de" in French and Spanish: "4,2 millions de
    personnes", "2 millions d’habitants", "2 millones de hogares" (the mark \x00 stands
    where it goes)."""
    if base == "fr":
        text = re.sub(r"\x00 (?=[aeiouyhâàéèêëîïôûAEIOUYHÉ])", " d’", text)
    return text.replace("\x00 ", " de ").replace("\x00", "")


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
    if base not in _SCALE_WORDS:  # any other language: CLDR's own words and plurals
        # ("4,2 миллиона", "420万", "4.2 مليون")
        def compact(value: float) -> str:
            return format_compact_decimal(Decimal(str(value)) * scale.factor, format_type="long",
                                          locale=babel_locale(lang), fraction_digits=3)
        return compact(low) if high is None else f"{compact(low)}–{compact(high)}"
    words = _SCALE_WORDS[base][scale]
    if low == 1 and high is None:
        return f"{_ONE.get(base, '1')} {words[0]}"
    return f"{numbers} {words[1]}"


def format_years(figure: Figure) -> str:
    if figure.year is None:
        return ""
    return f"{figure.year}–{figure.year_end}" if figure.year_end else str(figure.year)
