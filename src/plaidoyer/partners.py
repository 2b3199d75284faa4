"""The partners' diagram, as data: territories grouped by continent (CLDR), each case a
lettered hub joined to its territories. `diagram.py` draws it.

A case is a hub rather than links between every pair of its territories: a case of six
territories is six spokes, not fifteen links, and a case of one territory is drawn and
keyed like the others instead of leaving its territory unexplained."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from babel.lists import format_list

from .geography import WORLD, continent, region_name
from .localize import babel_locale, country_name, fill, text_direction, typeset
from .model import brief as b
from .model.base import Text
from .model.content import Case


def case_key(n: int) -> str:
    """A, B … Z, AA, AB …: letters, which no note, paragraph or figure number reads as."""
    key = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        key = chr(ord("A") + rest) + key
    return key


def partnership_diagram(cases: Iterable[Case], lang: str, labels: Mapping[str, str],
                        text: Callable[[Text], str], number: int = 1) -> b.Diagram:
    """`text` renders a translatable text as the brief does (typography, bookkeeping), so
    the key prints each case's title as its heading does; `number` is the figure's."""
    nodes: dict[tuple[str, str], b.Node] = {}
    partnerships: list[b.Partnership] = []
    for case in cases:
        ids: list[str] = []
        for partner in case.partners:
            label = text(partner.territory)
            key = (label, partner.country)  # one node per territory, in any script
            code = continent(partner.country)
            group = (labels["diagram.elsewhere"] if code == WORLD
                     else region_name(code, babel_locale(lang)))
            country = country_name(partner.country, lang)
            nodes.setdefault(key, b.Node(f"t{len(nodes) + 1}", f"{label} ({country})", group))
            if nodes[key].id not in ids:
                ids.append(nodes[key].id)
        note = labels["diagram.alone"] if len(ids) == 1 else None
        partnerships.append(b.Partnership(case_key(len(partnerships)), text(case.title),
                                          tuple(ids), note))
    groups = tuple(dict.fromkeys(n.group for n in nodes.values()))
    caption = typeset(fill(labels["diagram.caption"], n=number), lang)
    return b.Diagram(tuple(nodes.values()), tuple(partnerships), caption, groups,
                     _description(nodes.values(), partnerships, lang, labels),
                     text_direction(lang))


def _description(nodes: Iterable[b.Node], partnerships: Iterable[b.Partnership], lang: str,
                 labels: Mapping[str, str]) -> str:
    """The alt text: what the drawing shows, case by case, in the key's words."""
    label = {node.id: node.label for node in nodes}
    sentences = []
    for p in partnerships:
        names = [label[i] for i in p.nodes]
        territories = format_list(names, locale=babel_locale(lang)) if names else ""
        if p.note:
            territories = f"{territories}, {p.note}"
        sentences.append(f"{p.key}. {p.title}: {territories}.")
    return typeset(fill(labels["diagram.description"], partnerships=" ".join(sentences)), lang)
