"""Render stage: one small module per output format, all fed the same `Brief`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import PlaidoyerError
from ..model.brief import Brief
from ..resources import TemplateSet


@dataclass(frozen=True)
class Rendered:
    """A finished document; `pages` where the format knows it (PDF). `awaiting`: a draft,
    complete and readable, that its format's `complete()` improves in a batch with the
    build's other drafts (a DOCX's contents get their page numbers)."""

    data: bytes
    pages: int | None = None
    awaiting: bool = False


@dataclass(frozen=True)
class RenderContext:
    """What renderers need besides the brief: where templates live, and the date a build
    stamps on its files (SOURCE_DATE_EPOCH), if not the paper's own: never the clock, so
    two builds of the same positions give the same bytes."""

    templates: TemplateSet
    generated: str | None = None

    def stamp(self, brief: Brief) -> str:
        return self.generated or brief.issued

    def template(self, name: str) -> Path:
        """The file serving a template name; a missing one is a user error, not a crash."""
        found = self.templates.find(name)
        if found is None:
            raise TemplateMissing(name, self.templates)
        return found


class TemplateMissing(PlaidoyerError):
    def __init__(self, name: str, templates: TemplateSet) -> None:
        where = " or ".join(str(folder) for folder in templates.folders)
        super().__init__(f"template '{name}' not found in {where}: check the audience's "
                         "'templates:' names")


FORMATS = ("pdf", "docx", "html")


class TemplateFailed(PlaidoyerError):
    """A template that does not compile or render: `templates/<file>:line: error: …`."""

    @classmethod
    def of(cls, error: Exception, name: str) -> TemplateFailed:
        line = getattr(error, "lineno", None)
        where = f"templates/{getattr(error, 'name', None) or name}" + (f":{line}" if line else "")
        return cls(f"{where}: error: {getattr(error, 'message', None) or error} [template]")
