"""Sources as notes: authors, title, publisher, years, page, link and date accessed.

A title keeps its own language (and that language's typography: no French spaces in an
English title of a French brief); a URL or DOI becomes a link.
"""

from __future__ import annotations

from collections.abc import Mapping

from .localize import fill, format_day, typeset
from .model.brief import Para, Span
from .model.content import Source


def cite(source: Source, lang: str, labels: Mapping[str, str]) -> list[Span]:
    """One source as the spans of a note, in the brief's language `lang`."""
    def words(text: str) -> Span:
        return Span(typeset(text, lang))

    spans: list[Span] = []
    if source.authors:
        spans += [words(", ".join(source.authors)), Span(", ")]
    title_lang = source.language or lang
    spans.append(Span(typeset(source.title, title_lang), emphasis=True,
                      lang=title_lang if title_lang != lang else None))
    tail = [source.publisher]
    if source.year:
        tail.append(f"{source.year}–{source.year_end}" if source.year_end else str(source.year))
    if source.page:
        tail.append(fill(labels["source.page"], page=source.page))
    spans += [words(f", {part}") for part in tail if part]
    if source.url:
        spans += [Span(", "), Span(str(source.url), url=str(source.url))]
    if source.doi:
        doi = f"https://doi.org/{source.doi}"
        spans += [Span(", "), Span(f"doi:{source.doi}", url=doi)]
    if source.accessed:
        spans.append(words(" (" + fill(labels["source.accessed"],
                                       date=format_day(source.accessed, lang)) + ")"))
    spans.append(Span("."))
    return spans


def cite_all(sources: tuple[Source, ...], lang: str, labels: Mapping[str, str]) -> Para:
    """Several sources in one note, one after another."""
    spans: list[Span] = []
    for n, source in enumerate(sources):
        if n:
            spans.append(Span(" "))
        spans += cite(source, lang, labels)
    return tuple(spans)
