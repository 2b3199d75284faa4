"""What a brief's first and last lines say about it: the release line a press briefing
opens with, the running header of each part, and the line that tells a reader how to
cite the paper. Content comes from the paper; only the words around it are labels."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from babel.dates import format_date, format_time, get_timezone_gmt
from babel.lists import format_list

from .localize import babel_locale, fill, space_after, typeset
from .model.brief import Para, Span
from .model.paper import AudienceWords, Paper

RUNNING_HEADER_CHARS = 60
"""A running header longer than this is cut at a word boundary: a header cut mid-word
("…pour promouv") reads as a fault."""


def release_line(words: AudienceWords, lang: str, labels: Mapping[str, str]) -> str:
    """"For immediate release", or "Embargoed until 6 December 2023, 10:00 (GMT+04:00)":
    the time zone always shown, since journalists read it the world over."""
    if words.embargo is None:
        return labels["release.now"]
    moment, locale = words.embargo, babel_locale(lang)
    when = (f"{format_date(moment, 'long', locale=locale)}, "
            f"{format_time(moment, 'short', tzinfo=moment.tzinfo, locale=locale)} "
            f"({get_timezone_gmt(moment, 'long', locale=locale)})")
    return fill(typeset(labels["release.embargo"], lang), when=when)  # "09:00" kept whole


def running_header(title: str, limit: int = RUNNING_HEADER_CHARS) -> str:
    """The title, or as many whole words of it as fit, with an ellipsis."""
    if len(title) <= limit:
        return title
    head = title[: limit + 1]
    cut = head.rsplit(" ", 1)[0].rstrip(" ,;:–—-") if " " in head else title[:limit]
    return cut + "…"


def citation(paper: Paper, lang: str, labels: Mapping[str, str]) -> Para:
    """"Cite as: Authors (2023). Title: subtitle. COP28, Dubai. https://…" — the
    authors, the year of publication (else of the event), the title in italics, the
    event and the paper's address, each only where the paper gives it."""
    authors = format_list([typeset(a.name[lang] + (f" ({a.acronym})" if a.acronym else ""),
                                   lang) for a in paper.authors], locale=babel_locale(lang))
    day: datetime.date = paper.date or paper.event.start
    title = paper.title[lang] + (f": {paper.subtitle[lang]}" if paper.subtitle else "")
    lead = typeset(labels["about.cite"], lang)
    stop = labels["stop"]
    gap = stop + space_after(stop)
    spans = [Span(lead + space_after(lead)),
             Span(f"{authors} ({day.year}){gap}"),
             Span(typeset(title, lang), emphasis=True),
             Span(typeset(gap + labels["comma"].join((paper.event.name,
                                                      paper.event.place[lang])) + stop, lang))]
    if paper.symbol:
        spans.append(Span(f"{space_after(stop)}{paper.symbol}{stop}"))
    if paper.url:
        spans += [Span(" "), Span(str(paper.url), url=str(paper.url))]
    return tuple(spans)
