"""HTML: the brief as one standalone, accessible page (no external requests)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..diagram import partnership_svg
from ..diagram_canvas import partnership_canvas
from ..model.brief import Brief
from ..resources import TemplateSet
from . import RenderContext, Rendered, TemplateFailed
from .web_fonts import embedded_fonts


def css_string(value: str) -> Markup:
    """A CSS string literal of `value`: quotes, backslashes and '<' escaped the CSS way, so a
    label can neither end the string nor the <style> element (JSON escapes print as
    'u2014' in CSS)."""
    escaped = "".join(f"\\{ord(c):X} " if c in '"\\<>\n' else c for c in value)
    return Markup(f'"{escaped}"')


class _TemplateLoader(jinja2.BaseLoader):
    """Templates (and their includes) by name from the template set only: no '..', no
    absolute path, no link leading out of the template folders."""

    def __init__(self, templates: TemplateSet) -> None:
        self.templates = templates

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.templates.find(template)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        mtime = path.stat().st_mtime
        return (path.read_text(encoding="utf-8"), str(path),
                lambda: path.stat().st_mtime == mtime)


@cache
def _environment(templates: TemplateSet) -> jinja2.Environment:
    # Sandboxed: a project's template may not reach Python attributes or run code.
    environment = SandboxedEnvironment(
        loader=_TemplateLoader(templates),  # the project's templates first
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["css_string"] = css_string
    return environment


def page(brief: Brief, ctx: RenderContext, medium: str, css: str, toc: bool) -> str:
    """The filled template; PDF rendering reuses it with print styles."""
    # Print sets right-to-left words in HTML over the drawing (WeasyPrint cannot shape
    # them inside SVG); screens shape SVG text themselves.
    draw = partnership_canvas if medium == "pdf" and brief.direction == "rtl" else (
        lambda diagram: partnership_svg(diagram, brief.lang))
    diagrams = {s.id: Markup(draw(s.diagram)) for s in brief.sections if s.diagram}
    try:
        template = _environment(ctx.templates).get_template(brief.html_template)
        return template.render(brief=brief, labels=brief.labels, medium=medium,
                               css=Markup(css), toc=toc, diagrams=diagrams,
                               generated=ctx.stamp(brief))
    except jinja2.TemplateError as error:
        raise TemplateFailed.of(error, brief.html_template) from None


def render(brief: Brief, ctx: RenderContext) -> Rendered:
    # Fonts for the scripts the brief's words use (repr holds every one of them).
    css = embedded_fonts(ctx.templates, repr(brief)) + "\n" + ctx.template(
        brief.css).read_text(encoding="utf-8")
    return Rendered(page(brief, ctx, "html", css, toc=brief.nav).encode("utf-8"))
