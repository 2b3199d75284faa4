"""The command line: parse options, then call one function per command."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .load import Layout

root_option = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="Project folder holding positions/, glossary/ and templates/.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plaidoyer")
def cli() -> None:
    """Assemble position papers from YAML into briefs tailored per audience and language."""


@cli.command(name="validate")
@root_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate_command(root: Path, strict: bool) -> None:
    """Check every positions, glossary and audience file; report all problems."""
    from .commands.validate import validate

    validate(Layout(root), strict)


@cli.command(name="list")
@root_option
def list_command(root: Path) -> None:
    """Show what the positions hold: papers, languages, demands, cases."""
    from .commands.listing import list_positions

    list_positions(Layout(root))


if __name__ == "__main__":
    cli()
