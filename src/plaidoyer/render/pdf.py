"""PDF: the HTML brief typeset by WeasyPrint with CSS Paged Media and the bundled fonts."""

from __future__ import annotations

import hashlib
import logging

from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.urls import FatalURLFetchingError

from ..model.brief import Brief
from . import RenderContext, Rendered
from .fetch import RefusedFetch, TemplateFetcher
from .html import page

PRINT_CSS = "print.css"
TOC_AFTER_PAGES = 2
"""Briefs whose body (the cover aside) runs longer than this get a table of contents,
unless their audience says otherwise: a contents page before two pages of text is noise."""

logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def _typeset(brief: Brief, ctx: RenderContext, toc: bool) -> Document:
    css = "\n".join(ctx.template(name).read_text(encoding="utf-8")
                    for name in (brief.css, PRINT_CSS))
    html = page(brief, ctx, "pdf", css, toc)
    # Fonts and images are named relative to the folder that serves the fonts.
    base = ctx.template("fonts/NotoSans-Regular.ttf").parent.parent
    try:
        return HTML(string=html, base_url=str(base) + "/",
                    url_fetcher=TemplateFetcher(ctx.templates)).render()
    except FatalURLFetchingError as error:
        raise RefusedFetch(f"{brief.css}: {error}") from None


def render(brief: Brief, ctx: RenderContext) -> Rendered:
    if brief.toc is None:
        document = _typeset(brief, ctx, toc=False)
        if len(document.pages) - brief.cover > TOC_AFTER_PAGES:
            document = _typeset(brief, ctx, toc=True)
    else:
        document = _typeset(brief, ctx, toc=brief.toc)
    # Tagged, with a structure tree, language and title shown: readable by screen readers.
    # The PDF's /ID from its content, not from the clock: the same brief, the same bytes.
    identifier = hashlib.sha256(repr(brief).encode()).hexdigest()[:32].encode()
    return Rendered(document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier),
                    pages=len(document.pages))
