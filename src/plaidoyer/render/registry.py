"""Which module renders which format; imported lazily so `validate` stays fast.

A renderer module has `render(brief, ctx)`: the finished file. It may also have
`draft(brief, ctx)` and `complete(drafts)`: a build renders drafts in its workers and
completes them together (one LibreOffice run for every DOCX's contents)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from ..model.brief import Brief
from . import RenderContext, Rendered

Renderer = Callable[[Brief, RenderContext], Rendered]
Completer = Callable[[Sequence[Rendered]], list[Rendered]]


def renderer(fmt: str) -> Renderer:
    module = importlib.import_module(f"plaidoyer.render.{fmt}")
    return module.render


def drafter(fmt: str) -> Renderer:
    module = importlib.import_module(f"plaidoyer.render.{fmt}")
    return getattr(module, "draft", module.render)


def completer(fmt: str) -> Completer | None:
    return getattr(importlib.import_module(f"plaidoyer.render.{fmt}"), "complete", None)
