"""Figures, dates and punctuation as each language prints them."""

from __future__ import annotations

import datetime

import pytest

from plaidoyer.figures import format_figure
from plaidoyer.localize import format_period, typeset
from plaidoyer.model.base import Text
from plaidoyer.model.content import Figure
from plaidoyer.model.project import Project


def figure(**fields: object) -> Figure:
    return Figure.model_validate({"id": "f", "measures": {"fr": "x", "en": "x"}, **fields})


@pytest.mark.parametrize(
    ("fields", "fr", "en"),
    [
        ({"value": 60.2, "scale": "million", "unit": "EUR"}, "60,2 millions d’euros",
         "EUR 60.2 million"),
        ({"value": 0.7, "unit": "percent"}, "0,7\u00a0%", "0.7%"),
        ({"value": 40, "unit": "percent"}, "40\u00a0%", "40%"),
        ({"value": 1, "scale": "million", "unit": "count"}, "un million", "one million"),
        ({"value": 50, "unit": "count"}, "50", "50"),
        ({"value": 1500, "unit": "EUR"}, "1\u202f500 euros", "EUR 1,500"),
        ({"value": 2.5, "scale": "billion", "unit": "USD"}, "2,5 milliards de dollars des "
         "États-Unis", "USD 2.5 billion"),
    ],
)
def test_figures_per_locale(fields: dict[str, object], fr: str, en: str,
                            shipped: Project) -> None:
    assert format_figure(figure(**fields), "fr", shipped.labels_in("fr")) == fr
    assert format_figure(figure(**fields), "en", shipped.labels_in("en")) == en


HOUSEHOLDS = {"households": (Text({"fr": "ménage", "en": "household"}),
                             Text({"fr": "ménages", "en": "households"}))}


@pytest.mark.parametrize(
    ("fields", "fr", "en"),
    [
        ({"value": 70, "unit": "percent", "qualifier": "over"}, "plus de 70\u00a0%",
         "over 70%"),
        ({"value": 100, "scale": "billion", "unit": "USD", "qualifier": "more-than"},
         "plus de 100 milliards de dollars des États-Unis", "more than USD 100 billion"),
        ({"value": 10, "value_max": 15, "unit": "percent"}, "10–15\u00a0%", "10–15%"),
        ({"value": 2, "value_max": 3, "scale": "million", "unit": "EUR"},
         "2–3 millions d’euros", "EUR 2–3 million"),
        ({"value": 1.5, "unit": "celsius"}, "1,5\u00a0°C", "1.5\u00a0°C"),
        ({"value": 5, "unit": "ratio", "qualifier": "more-than"}, "plus de 5 fois",
         "more than 5 times"),
        ({"value": 1, "unit": "people"}, "1 personne", "1 person"),
        ({"value": 3500, "unit": "people", "qualifier": "about"},
         "environ 3\u202f500 personnes", "about 3,500 people"),
        ({"value": 12000, "unit": "hectares", "qualifier": "nearly"},
         "près de 12\u202f000\u00a0ha", "nearly 12,000\u00a0ha"),
        ({"value": 40, "unit": "km2", "qualifier": "up-to"}, "jusqu’à 40\u00a0km²",
         "up to 40\u00a0km²"),
        ({"value": 2.4, "scale": "million", "unit": "tonnes-co2e", "qualifier": "at-least"},
         "au moins 2,4 millions\u00a0t CO₂e", "at least 2.4 million\u00a0t CO₂e"),
        ({"value": 300, "unit": "XOF", "scale": "million", "qualifier": "less-than"},
         "moins de 300 millions de francs CFA (BCEAO)", "less than XOF 300 million"),
        ({"value": 1, "unit": "households"}, "1 ménage", "1 household"),
        ({"value": 2000, "unit": "households"}, "2\u202f000 ménages", "2,000 households"),
    ],
)
def test_qualifiers_ranges_and_units_per_locale(fields: dict[str, object], fr: str, en: str,
                                                shipped: Project) -> None:
    assert format_figure(figure(**fields), "fr", shipped.labels_in("fr"), HOUSEHOLDS) == fr
    assert format_figure(figure(**fields), "en", shipped.labels_in("en"), HOUSEHOLDS) == en


def test_period_per_locale() -> None:
    start, end = datetime.date(2015, 11, 30), datetime.date(2015, 12, 12)
    assert format_period(start, end, "fr") == "30 novembre – 12 décembre 2015"
    assert format_period(start, end, "en") == "30 November – 12 December 2015"
    june = datetime.date(2025, 6, 16), datetime.date(2025, 6, 26)
    assert format_period(*june, "fr") == "16–26 juin 2025"
    assert format_period(*june, "en") == "16–26 June 2025"


def test_french_punctuation_gets_thin_no_break_spaces() -> None:
    assert typeset("Il dit : « oui » ; voir https://example.org ?", "fr") == (
        "Il dit\u202f: «\u202foui\u202f»\u202f; voir https://example.org\u202f?")
    assert typeset("He said: yes; see?", "en") == "He said: yes; see?"
