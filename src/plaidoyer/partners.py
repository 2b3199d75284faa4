"""The partners' diagram, as data: territories grouped by continent (CLDR), linked by
the cases they share. `diagram.py` draws it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from .geography import WORLD, continent, region_name
from .localize import babel_locale, country_name
from .model import brief as b
from .model.base import Text
from .model.content import Case


def partnership_diagram(cases: Iterable[Case], lang: str, labels: Mapping[str, str],
                        text: Callable[[Text], str]) -> b.Diagram:
    """`text` renders a translatable text as the brief does (typography, bookkeeping)."""
    nodes: dict[tuple[str, str], b.Node] = {}
    links: list[tuple[str, str, str]] = []
    for case in cases:
        ids = []
        for partner in case.partners:
            label = text(partner.territory)
            key = (label, partner.country)  # one node per territory, in any script
            code = continent(partner.country)
            group = (labels["diagram.elsewhere"] if code == WORLD
                     else region_name(code, babel_locale(lang)))
            country = country_name(partner.country, lang)
            nodes.setdefault(key, b.Node(f"t{len(nodes) + 1}", f"{label} ({country})", group))
            ids.append(nodes[key].id)
        title = text(case.title)
        links.extend((x, y, title) for n, x in enumerate(ids) for y in ids[n + 1:])
    groups = tuple(dict.fromkeys(n.group for n in nodes.values()))
    return b.Diagram(tuple(nodes.values()), tuple(links), labels["diagram.caption"], groups)
