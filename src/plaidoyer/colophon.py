"""Who speaks and how to reach them: the author line, and the "about this paper" lines
(endorsements, publication, document symbol, contact, link, licence) every brief ends with.
"""

from __future__ import annotations

from collections.abc import Mapping

from babel.lists import format_list

from .localize import babel_locale, fill, format_day, space_after, typeset
from .model.base import Text
from .model.brief import Para, Span
from .model.paper import Author, Paper


def author_line(author: Author, lang: str, labels: Mapping[str, str]) -> str:
    """"Alpha coalition (AC), on behalf of the Local Governments constituency"."""
    line = author.name[lang] + (f" ({author.acronym})" if author.acronym else "")
    if author.on_behalf_of is not None:
        line += labels["comma"] + fill(labels["about.on-behalf-of"],
                                       name=author.on_behalf_of[lang])
    return typeset(line, lang)


def about(paper: Paper, lang: str, labels: Mapping[str, str]) -> tuple[Para, ...]:
    """One paragraph per fact the paper gives about itself; none it does not give."""
    def line(key: str, *spans: Span) -> Para:
        label = typeset(labels[key], lang)  # "Contact:" then a space; "联系方式：" none
        return (Span(label + space_after(label)), *spans)

    def words(text: str) -> Span:
        return Span(typeset(text, lang))

    found: list[Para] = []
    if paper.endorsed_by:
        # Babel joins the names ("A, B and C"); each name links to its site, if it has one
        marks = [f"\x00{n}\x00" for n in range(len(paper.endorsed_by))]
        joined = format_list(marks, locale=babel_locale(lang)) + labels["stop"]
        spans: list[Span] = []
        for piece in joined.split("\x00"):
            if piece.isdigit():
                organisation = paper.endorsed_by[int(piece)]
                name = organisation.name[lang] + (
                    f" ({organisation.acronym})" if organisation.acronym else "")
                url = str(organisation.url) if organisation.url else None
                spans.append(Span(typeset(name, lang), url=url))
                if organisation.role is not None:
                    spans.append(words(labels["comma"] + organisation.role[lang]))
                if url:  # printed too: a reader of paper has no link to follow
                    spans += [Span(" ("), Span(url, url=url), Span(")")]
            elif piece:
                spans.append(words(piece))
        found.append(line("about.endorsed-by", *spans))
    published = [format_day(paper.date, lang) if paper.date else None,
                 paper.place[lang] if paper.place else None]
    if any(published):
        found.append(line("about.published", words(
            labels["comma"].join(p for p in published if p) + labels["stop"])))
    if paper.symbol:
        found.append(line("about.symbol", Span(paper.symbol)))
    contact = paper.contact
    if contact is not None:
        spans = []
        desk = contact.name[lang] if isinstance(contact.name, Text) else contact.name
        for value, url in ((desk, None), (contact.email, f"mailto:{contact.email}"),
                           (contact.phone, None), (str(contact.url) if contact.url else None,
                                                   str(contact.url) if contact.url else None)):
            if value:
                spans += [Span(labels["comma"])] if spans else []
                spans.append(Span(value, url=url) if url else words(value))
        found.append(line("about.contact", *spans))
    if paper.url:
        found.append(line("about.url", Span(str(paper.url), url=str(paper.url))))
    if paper.licence:
        found.append(line("about.licence", Span(paper.licence)))
    return tuple(found)
