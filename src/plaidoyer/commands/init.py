"""`plaidoyer init DIR`: a new project that validates under --strict and builds at once.

It copies the starter (an example paper, a glossary, a README, a GitHub Actions workflow
and a pre-commit config) and the shipped audiences, keeping only the languages asked for;
templates stay in the package until the project overrides one."""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import click

from .. import __version__
from ..diagnostics import PlaidoyerError
from ..folders import AUDIENCES_DIR, GLOSSARY_DIR, POSITIONS_DIR
from ..resources import DEFAULT_AUDIENCES, STARTER

STARTER_LANGUAGES = ("en", "fr", "es")
"""The languages the starter paper, the shipped audiences and labels are written in."""

VERSION_PLACEHOLDER = "@PLAIDOYER_VERSION@"
"""Written in the starter where the new project names the plaidoyer that made it (the
workflow's `pip install "plaidoyer==…"`); init puts `__version__` in its place."""

_TRANSLATED = (POSITIONS_DIR, GLOSSARY_DIR)
"""The starter's folders whose YAML has a line per language; the rest (the workflow, the
pre-commit config) is copied as it is."""

_TRANSLATION = re.compile(r"^\s*(?:- )?([a-z]{2,3}): ")


def init(folder: Path, languages: Sequence[str]) -> None:
    langs = list(dict.fromkeys(languages)) or ["en"]
    unknown = [lang for lang in langs if lang not in STARTER_LANGUAGES]
    if unknown:
        raise click.UsageError(
            f"no starter in '{unknown[0]}' yet: choose among {', '.join(STARTER_LANGUAGES)} "
            "with -l, then add your language to paper.yaml and translate")
    if folder.exists() and any(folder.iterdir()):
        raise PlaidoyerError(f"{folder} is not empty: give a new or empty folder")
    files = sorted(p for p in STARTER.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for source in files:
        relative = source.relative_to(STARTER)
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8").replace(VERSION_PLACEHOLDER, __version__)
        if source.suffix == ".yaml" and relative.parts[0] in _TRANSLATED:
            text = _keep_languages(text, langs)
        target.write_text(text, encoding="utf-8")
    audiences = folder / POSITIONS_DIR / AUDIENCES_DIR
    audiences.mkdir(parents=True, exist_ok=True)
    for source in sorted(DEFAULT_AUDIENCES.glob("*.yaml")):
        shutil.copyfile(source, audiences / source.name)
    click.echo(f"created {folder} ({', '.join(langs)}): next, 'cd {folder}', then "
               "'plaidoyer validate' and 'plaidoyer build'")
    click.echo(f"on GitHub, .github/workflows/positions.yml validates pull requests and "
               f"builds briefs and tagged releases with plaidoyer {__version__}; after "
               "'pre-commit install', .pre-commit-config.yaml validates before each commit")


def _keep_languages(text: str, langs: list[str]) -> str:
    """Drop the starter's translations into languages not asked for; the block style of
    the starter files (one `xx: "…"` line per translation) makes that a line filter."""
    out: list[str] = []
    dash: str | None = None  # a list item whose first line was dropped keeps its "- "
    for line in text.splitlines(keepends=True):
        if line.startswith("  source_language: "):
            line = f"  source_language: {langs[0]}\n"
        elif line.startswith("  languages: "):
            line = f"  languages: [{', '.join(langs)}]\n"
        match = _TRANSLATION.match(line)
        if match and match.group(1) in STARTER_LANGUAGES and match.group(1) not in langs:
            if line.lstrip().startswith("- "):
                dash = line[: len(line) - len(line.lstrip())] + "- "
            continue
        if dash is not None:
            line, dash = dash + line.lstrip(), None
        out.append(line)
    return "".join(out)
