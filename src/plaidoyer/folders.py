"""Where a project keeps its files. Apart from the loader, so that the command line can
name a project's folders without importing the model (`plaidoyer --help` stays quick)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .resources import PACKAGE, SHOWN_PACKAGE, TemplateSet

POSITIONS_DIR = "positions"
GLOSSARY_DIR = "glossary"
AUDIENCES_DIR = "audiences"
PAPER_FILE = "paper.yaml"


@dataclass(frozen=True)
class Layout:
    """Where a project keeps its files; `root` is the folder holding `positions/`."""

    root: Path

    @property
    def positions(self) -> Path:
        return self.root / POSITIONS_DIR

    @property
    def glossary(self) -> Path:
        return self.root / GLOSSARY_DIR

    @property
    def audiences(self) -> Path:
        return self.positions / AUDIENCES_DIR

    @property
    def templates(self) -> Path:
        """The project's own templates, which override the package's file by file."""
        return self.root / "templates"

    @property
    def template_set(self) -> TemplateSet:
        return TemplateSet.for_project(self.templates)

    def shown(self, file: Path) -> str:
        """The path editors see in diagnostics: relative to the root (or to the installed
        package, as `<plaidoyer>/…`), with slashes."""
        for base, prefix in ((self.root, ""), (PACKAGE, f"{SHOWN_PACKAGE}/")):
            for path, folder in ((file.absolute(), base.absolute()),  # a link: where it is
                                 (file.resolve(), base.resolve())):
                if path.is_relative_to(folder):
                    return prefix + path.relative_to(folder).as_posix()
        return file.as_posix()
