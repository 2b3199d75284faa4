"""Figures, dates and punctuation as each language prints them."""

from __future__ import annotations

import datetime

import pytest

from plaidoyer.localize import format_figure, format_period, typeset
from plaidoyer.model.content import Figure


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
def test_figures_per_locale(fields: dict[str, object], fr: str, en: str) -> None:
    assert format_figure(figure(**fields), "fr") == fr
    assert format_figure(figure(**fields), "en") == en


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
