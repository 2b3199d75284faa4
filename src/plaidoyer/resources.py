"""Where plaidoyer finds its templates and default audiences: a project's own files first,
then the ones shipped inside the package, name by name.

So plaidoyer works after `pip install` in any folder, and a designer overrides one file
(say `templates/brief.css`) without copying the rest.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).parent
DEFAULT_TEMPLATES = PACKAGE / "templates"
DEFAULT_AUDIENCES = PACKAGE / "audiences"
STARTER = PACKAGE / "starter"
LABELS_FILE = "labels.yaml"
SHOWN_PACKAGE = "<plaidoyer>"
"""How diagnostics name the package folder: `<plaidoyer>/templates/labels.yaml:3:5`."""


_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$")


def is_template_name(name: str) -> bool:
    """A plain relative name inside a template folder: no absolute path, no `..`."""
    return bool(_NAME.match(name)) and ".." not in name.split("/")


@dataclass(frozen=True)
class TemplateSet:
    """An ordered search path of template folders: the first that has a name wins."""

    folders: tuple[Path, ...]

    @classmethod
    def for_project(cls, project_templates: Path) -> TemplateSet:
        own = (project_templates.resolve(),) if project_templates.is_dir() else ()
        return cls((*own, DEFAULT_TEMPLATES.resolve()))

    def find(self, name: str) -> Path | None:
        """The file that serves `name` (a relative path such as `fonts/NotoSans-Bold.ttf`);
        None for a name that would leave the template folders (absolute, `..`, a link
        leading out): data never names a file outside them."""
        if not is_template_name(name):
            return None
        for folder in self.folders:
            candidate = folder / name
            if candidate.is_file() and candidate.resolve().is_relative_to(folder.resolve()):
                return candidate
        return None

    def names(self) -> dict[str, Path]:
        """Every name the set serves, with the file that serves it."""
        found: dict[str, Path] = {}
        for folder in reversed(self.folders):
            for file in sorted(p for p in folder.rglob("*") if p.is_file()):
                found[file.relative_to(folder).as_posix()] = file
        return dict(sorted(found.items()))

    def digest(self) -> str:
        """A digest of every file the set serves: a changed override rebuilds."""
        digest = hashlib.sha256()
        for name, file in self.names().items():
            if "__pycache__" in name:
                continue
            digest.update(name.encode())
            digest.update(hashlib.sha256(file.read_bytes()).digest())
        return digest.hexdigest()


@cache
def package_digest() -> str:
    """A digest of plaidoyer's own code: a changed renderer rebuilds every brief."""
    digest = hashlib.sha256()
    for file in sorted(PACKAGE.rglob("*.py")):
        digest.update(file.relative_to(PACKAGE).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()
