"""Countries' UN M49 regions, from CLDR's territory containment (data/territory-regions.json,
made by tools/make_regions.py), and their names in every language from Babel.

Partners are grouped and selected by what the data says, never by a guess such as a
country's first time zone (which put Spain in Africa).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

from babel import Locale

_TABLE = Path(__file__).parent / "data" / "territory-regions.json"
WORLD = "001"


@cache
def _table() -> dict:
    return json.loads(_TABLE.read_text(encoding="utf-8"))


def regions_of(country: str) -> tuple[str, ...]:
    """Every M49 region containing `country` (e.g. SN: Africa, Sub-Saharan, Western Africa)."""
    return tuple(_table()["countries"].get(country, ()))


def continent(country: str) -> str:
    """The country's continent as an M49 code (150 Europe, 002 Africa, 019 Americas …)."""
    continents = set(_table()["continents"])
    return next((r for r in regions_of(country) if r in continents), WORLD)


def is_country(code: str) -> bool:
    return code in _table()["countries"]


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-")


@cache
def region_ids() -> dict[str, str]:
    """Region ids an audience may select (`africa`, `sub-saharan-africa`, `latin-america`
    …), each with its M49 code."""
    names = Locale("en").territories
    codes = {code for regions in _table()["countries"].values() for code in regions}
    return {_slug(names[code]): code for code in sorted(codes) if code in names}


def region_name(code: str, locale: str) -> str:
    """The region's name in a Babel locale ('Afrique', 'Africa' …)."""
    return Locale.parse(locale).territories.get(code, code)
