"""Which module renders which format; imported lazily so `validate` stays fast."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..model.brief import Brief
from . import RenderContext, Rendered

Renderer = Callable[[Brief, RenderContext], Rendered]


def renderer(fmt: str) -> Renderer:
    module = importlib.import_module(f"plaidoyer.render.{fmt}")
    return module.render
