"""Anchors in the negotiating text, as printed: "Paris Agreement, Article 8", "Decision
1/CP.21", "SBI 60, agenda item 5(b)" — and the groups a negotiator reads them in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .localize import fill
from .model.content import Anchor


@dataclass(frozen=True)
class AnchorGroup:
    """A heading for demands anchored in one treaty, in decisions, or in one body's agenda."""

    heading: str


def anchor_text(anchor: Anchor, labels: Mapping[str, str]) -> str:
    if anchor.instrument is not None and anchor.article is not None:
        return fill(labels[f"anchor.{anchor.instrument.value}"], article=anchor.article)
    if anchor.decision is not None:
        return fill(labels["anchor.decision"], decision=anchor.decision)
    return fill(labels["anchor.agenda"], body=anchor.body.value if anchor.body else "",
                session=anchor.session or "", item=anchor.item or "")


def anchor_group(anchor: Anchor, labels: Mapping[str, str]) -> AnchorGroup:
    if anchor.instrument is not None:
        return AnchorGroup(labels[f"anchor.group.{anchor.instrument.value}"])
    if anchor.decision is not None:
        return AnchorGroup(labels["anchor.group.decisions"])
    return AnchorGroup(fill(labels["anchor.group.agenda"],
                            body=anchor.body.value if anchor.body else ""))
