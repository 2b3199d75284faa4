"""The command line: parse options, then call one function per command."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .diagnostics import PlaidoyerError
from .folders import Layout

style_option = click.option(
    "--diagnostics", "style", type=click.Choice(["text", "json", "github"]), default="text",
    show_default=True,
    help="How to print problems: file:line:col lines, JSON lines, or GitHub annotations.")

paper_option = click.option(
    "--paper", "papers", multiple=True, metavar="PAPER",
    help="Only this paper (repeatable). Default: every paper.")


class _Group(click.Group):
    """Maps plaidoyer's click-free errors to click's: a message and exit status 1, never
    a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PlaidoyerError as error:
            raise click.ClickException(error.message) from error  # exit status 1

root_option = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="Project folder holding positions/, glossary/ and templates/.",
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plaidoyer")
def cli() -> None:
    """Assemble position papers from YAML into briefs tailored per audience and language."""


@cli.command(name="init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("-l", "--lang", "languages", multiple=True, metavar="LANG",
              help="A language of the example paper (repeatable; the first is its source). "
                   "Default: en.")
def init_command(folder: Path, languages: tuple[str, ...]) -> None:
    """Create a new project in FOLDER: an example paper, audiences, a glossary, a README."""
    from .commands.init import init

    init(folder, languages)


@cli.command(name="validate")
@root_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@style_option
def validate_command(root: Path, strict: bool, style: str) -> None:
    """Check every positions, glossary and audience file; report all problems."""
    from .commands.validate import validate

    validate(Layout(root), strict, style)


@cli.command(name="list")
@root_option
@paper_option
def list_command(root: Path, papers: tuple[str, ...]) -> None:
    """Show what the positions hold: papers, languages and their completeness, demands,
    cases. Exits 0 however incomplete a translation is."""
    from .commands.listing import list_positions

    list_positions(Layout(root), papers)


@cli.command(name="audit")
@root_option
@paper_option
def audit_command(root: Path, papers: tuple[str, ...]) -> None:
    """Show what each audience's brief contains, item by item, and what is internal."""
    from .commands.audit import audit

    audit(Layout(root), papers)


@cli.command(name="verify")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def verify_command(folder: Path) -> None:
    """Check that the briefs in FOLDER are those its manifest.json lists."""
    from .commands.verify import verify_folder

    verify_folder(folder)


@cli.group(name="translate")
def translate_group() -> None:
    """Keep translations current with their source texts; hand them to translators."""


@translate_group.command(name="confirm")
@root_option
@paper_option
@click.option("-l", "--lang", "languages", multiple=True, metavar="LANG",
              help="Only this language (repeatable). Default: every translation.")
def confirm_command(root: Path, papers: tuple[str, ...], languages: tuple[str, ...]) -> None:
    """Record every translation as current with its source text."""
    from .commands.translate import confirm_translations

    confirm_translations(Layout(root), papers, languages)


@translate_group.command(name="export")
@root_option
@paper_option
@click.option("-l", "--lang", metavar="LANG", default=None,
              help="The language to translate into (required, but with --glossary).")
@click.option("--stale-only", is_flag=True,
              help="Only the texts whose translation is stale or missing.")
@click.option("--glossary", is_flag=True,
              help="Export the glossary, every term in every language, as TBX.")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write: .xlf or .xliff (XLIFF 2.0), .po, or .tbx (--glossary).")
def export_command(root: Path, papers: tuple[str, ...], lang: str | None, stale_only: bool,
                   glossary: bool, out: Path) -> None:
    """Write texts for a translator's CAT tool: source, translation, state, context and
    glossary terms."""
    from .commands.translate import export_translations

    export_translations(Layout(root), papers, lang, stale_only, glossary, out)


@translate_group.command(name="import")
@root_option
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
def import_command(root: Path, file: Path) -> None:
    """Write the translations of FILE (.xlf, .xliff, .po, or .tbx for the glossary) into
    the YAML, every other byte kept; all or nothing."""
    from .commands.translate import import_file

    import_file(Layout(root), file)


@cli.command(name="schema")
@root_option
@click.argument("kind", type=click.Choice(["paper", "content", "glossary", "audience"]))
def schema_command(root: Path, kind: str) -> None:
    """Print the JSON Schema of a kind of YAML file (for editors' tooling)."""
    from .commands.schema import print_schema

    print_schema(kind)


@cli.command(name="build")
@root_option
@paper_option
@click.option("-a", "--audience", "audiences", multiple=True, metavar="AUDIENCE",
              help="Build for this audience only (repeatable). Default: every audience.")
@click.option("-l", "--lang", "languages", multiple=True, metavar="LANG",
              help="Build in this language only (repeatable). Default: every language.")
@click.option("-f", "--format", "formats", multiple=True,
              type=click.Choice(["pdf", "docx", "html"]),
              help="Build this format only (repeatable). Default: all three.")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Output folder. Default: build/ under the root.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Parallel renders. Default: the number of CPUs.")
@style_option
@click.option("--release", is_flag=True,
              help="Build for publication: refuse on any warning, missing translation or "
                   "uncommitted positions; leave internal audiences out; PDF/A-3u + "
                   "PDF/UA-1 with provenance and sources attached.")
@click.option("--shard", metavar="K/N", default=None,
              help="Build only the K-th of N shares of the matrix (for CI matrices); "
                   "writes manifest.shard-K-of-N.json.")
def build_command(root: Path, papers: tuple[str, ...], audiences: tuple[str, ...],
                  languages: tuple[str, ...], formats: tuple[str, ...], out_dir: Path | None,
                  jobs: int | None, style: str, release: bool, shard: str | None) -> None:
    """Build briefs: every paper × audience × language × format into build/<paper-id>/."""
    from .commands.build import build, parse_shard, print_summary

    outcomes, left_out = build(Layout(root), papers, audiences, languages, formats,
                               out_dir or root / "build", jobs, style, release,
                               parse_shard(shard))
    print_summary(outcomes, left_out)


@cli.group(name="manifest")
def manifest_group() -> None:
    """Work with the manifest.json of an output folder."""


@manifest_group.command(name="merge")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def merge_command(folder: Path) -> None:
    """Join the shard manifests in FOLDER (from `build --shard K/N`) into manifest.json."""
    from .commands.manifest import merge

    merge(folder)


if __name__ == "__main__":
    cli()
