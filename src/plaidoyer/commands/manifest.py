"""`plaidoyer manifest merge DIR`: one manifest for a build made in shards.

A CI matrix builds each shard in its own job (`build --shard K/N`), each writing
`manifest.shard-K-of-N.json`; a last job downloads every shard's folder into one and
merges their manifests, so `plaidoyer verify` checks the whole release at once."""

from __future__ import annotations

from pathlib import Path

import click

from ..manifest import merge_shards


def merge(folder: Path) -> None:
    target, count = merge_shards(folder)
    click.echo(f"{target}: merged from {count} shard manifest{'s' * (count != 1)}")
