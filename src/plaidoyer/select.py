"""Which items of a paper a part of an audience takes.

One function serves the tailor (what to print) and validate (which part would be
empty, which reference would print internal content), so `validate` promises what
`build` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from .geography import region_ids, regions_of
from .model.audience import Audience, ItemKind, OrderBy, Part, PartKind, Selection
from .model.content import Case, Claim, Demand
from .model.project import Item, Positions

ItemT = TypeVar("ItemT", bound=Claim | Case | Demand)


def shown(item: Item, audience: Audience) -> bool:
    """Internal items reach internal audiences only."""
    return audience.internal or not item.internal


def kind_of(item: Item) -> ItemKind:
    if isinstance(item, Claim):
        return ItemKind.CLAIM
    if isinstance(item, Case):
        return ItemKind.CASE
    return ItemKind(item.kind.value)


def matches(item: Item, select: Selection, positions: Positions) -> bool:
    """Whether `item` passes every filter of `select` (an empty filter passes all)."""
    if select.ids and item.id not in select.ids:
        return False
    if select.kinds and kind_of(item) not in select.kinds:
        return False
    if isinstance(item, Demand):
        if select.addressees and not set(item.to) & set(select.addressees):
            return False
        if select.topics and item.topic not in select.topics:
            return False
        if select.flagship is not None and item.flagship != select.flagship:
            return False
        if select.roles:
            roles = {role for a in positions.paper.addressees if a.id in item.to
                     for role in a.roles}
            if not roles & set(select.roles):
                return False
    elif select.roles or select.flagship:
        return False  # only demands have addressees and flagship flags
    tags = item.tags if isinstance(item, Claim) else getattr(item, "themes", ())
    if select.tags and not set(select.tags) & set(tags):
        return False
    if select.regions:
        wanted = {region_ids().get(r, r) for r in select.regions}
        if not (isinstance(item, Case) and any(
                wanted & set(regions_of(p.country)) for p in item.partners)):
            return False
    return not (select.with_figures and not getattr(item, "figures", ()))


def select(items: Iterable[ItemT], part: Part, positions: Positions,
           audience: Audience) -> list[ItemT]:
    """The items a part prints, in paper order or the order its `ids`/`first` list."""
    chosen = [i for i in items if shown(i, audience) and matches(i, part.select, positions)]
    if part.order_by is OrderBy.ANCHOR:  # the negotiating text's order; unanchored last
        chosen.sort(key=lambda i: (not getattr(i, "anchors", ()), min(
            (a.order for a in getattr(i, "anchors", ())), default=(0, (), ""))))
    first = part.select.ids or part.select.first  # listed ids come in the listed order
    if first:
        order = {ident: n for n, ident in enumerate(first)}
        chosen.sort(key=lambda i: order.get(i.id, len(order)))
    return chosen[: part.select.limit]


def has_content(part: Part, positions: Positions, audience: Audience) -> bool:
    """Whether the part prints anything for this paper: an empty part is left out."""
    if part.kind is PartKind.OUTLINE:
        wanted = set(part.select.ids)
        return any(
            (block.text is not None and (audience.internal or not block.text.internal))
            or any(shown(positions.by_id[i], audience) for i in block.items
                   if i in positions.by_id)
            for section in positions.paper.outline
            if not wanted or section.id in wanted
            for block in section.blocks)
    # Whether any item passes is what counts, not which or in what order (limit >= 1).
    if part.kind is PartKind.DEMANDS:
        return _any(positions.demands, part, positions, audience)
    if part.kind is PartKind.CASES:
        return _any(positions.cases, part, positions, audience)
    if part.kind is PartKind.CLAIMS:
        return _any(positions.claims, part, positions, audience)
    if part.kind is PartKind.KEY_FIGURES:
        return any(item.figures for item in select(positions.evidence, part, positions,
                                                    audience))
    cases = select(positions.cases, part, positions, audience)
    return any(len(case.partners) > 1 for case in cases)


def _any(items: Iterable[Item], part: Part, positions: Positions, audience: Audience) -> bool:
    return any(shown(i, audience) and matches(i, part.select, positions) for i in items)


def papers_of(audience: Audience, papers: Iterable[Positions]) -> list[Positions]:
    """The papers an audience is made for: those it names, or all."""
    return [p for p in papers if not audience.papers or p.paper.id in audience.papers]
