"""What each audience's brief contains, and what it leaves out (no rendering)."""

from __future__ import annotations

import re

import pytest

from plaidoyer.localize import typeset
from plaidoyer.model.brief import Brief, Item, plain
from plaidoyer.model.project import Project
from plaidoyer.tailor import Request, tailor

from .conftest import PAPER
from .test_content import CASES, CLAIMS, DEMANDS, RECOMMENDATIONS


def brief(shipped: Project, labels: dict[str, dict[str, str]], audience: str,
          lang: str = "fr") -> Brief:
    paper = shipped.paper(PAPER)
    assert paper is not None
    chosen = next(a for a in shipped.audiences if a.id == audience)
    return tailor(Request(paper, chosen, lang), shipped.glossary, labels[lang])


def items(b: Brief, kind: str | None = None) -> list[Item]:
    return [i for s in b.sections for blk in s.blocks for i in blk.items
            if kind is None or i.kind == kind]


def recommendations_to(addressee: str) -> list[str]:
    return [i for (who, _), ids in RECOMMENDATIONS.items() if who == addressee for i in ids]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_negotiators_get_the_flagship_demands_each_with_a_case(shipped, labels, lang) -> None:
    b = brief(shipped, labels, "negotiators", lang)
    assert [i.id for i in items(b)] == DEMANDS
    paper = shipped.paper(PAPER)
    assert paper is not None
    for item in items(b):  # the demand's own short text (acronyms may be expanded)
        assert plain(item.body)[:20] == typeset(paper.by_id[item.id].short[lang], lang)[:20]
    assert all(len(i.backing) == 1 for i in items(b))
    told = [i.backing[0] for i in items(b) if i.backing[0].body]
    assert len({c.title for c in told}) == len(told)  # a case's story is told once
    assert b.budget_pages == 2 and not b.cover
    assert [s.id for s in b.sections] == ["demands", "key-figures"]  # figures fill page 2


def test_local_authorities_get_context_all_cases_and_their_recommendations(shipped,
                                                                            labels) -> None:
    b = brief(shipped, labels, "local-authorities")
    assert [i.id for i in items(b, "claim")] == CLAIMS
    assert [i.id for i in items(b, "case")] == CASES
    assert [i.id for i in items(b, "recommendation")] == recommendations_to("territorial-actors")
    assert items(b, "demand") == []
    dakar = next(i for i in items(b, "case") if i.id == "dakar-ile-de-france")
    assert plain(dakar.body).startswith("Dans le cadre d’une coopération décentralisée de près")
    assert any(s.diagram for s in b.sections)


def test_donors_get_what_is_asked_of_funders_and_outcomes(shipped, labels) -> None:
    b = brief(shipped, labels, "donors", "en")
    # selected by the addressee's role (funders), never by the paper's own ids
    assert [i.id for i in items(b, "recommendation")] == recommendations_to("donors")
    assert items(b, "demand") == []
    assert b.sections[0].title == "The context in brief"
    assert b.sections[1].title == "What we ask of donors and international organisations"
    assert [blk.heading and plain(blk.heading) for blk in b.sections[1].blocks] == [
        "Promoting international cooperation between territories",
        "Support for partnerships between territories"]  # the paper's topics
    assert [s.number for s in b.sections] == [1, 2, 3, 4]
    mbale = next(i for i in items(b, "case") if i.id == "wales-mbale")
    assert "planting of one million1 trees" in " ".join(plain(o) for o in mbale.outcomes)
    figures = next(s for s in b.sections if s.figures).figures
    assert [r.value for r in figures] == ["EUR\u00a060.2\u00a0million", "0.7%", "50", "40%",
                                         "one million"]


def test_full_brief_follows_the_original_order(shipped, labels) -> None:
    b = brief(shipped, labels, "full")
    assert [(s.number, s.id) for s in b.sections] == [
        (1, "context"), (2, "good-practices"), (3, "recommendations"),
        (4, "negotiation-demands")]
    assert [bool(s.diagram) for s in b.sections] == [False, True, False, False]
    assert [i.id for i in items(b)] == (
        CLAIMS + CASES + [i for ids in RECOMMENDATIONS.values() for i in ids] + DEMANDS)
    assert len(items(b, "demand")[1].points) == 4


def test_press_gets_key_messages_and_key_figures_on_one_page(shipped, labels) -> None:
    b = brief(shipped, labels, "press")
    assert [i.id for i in items(b)] == DEMANDS
    assert all(not i.points and not i.backing for i in items(b))
    assert len(next(s for s in b.sections if s.figures).figures) == 5
    assert b.glossary == () and b.budget_pages == 1


def test_figures_print_per_locale_with_their_unsourced_note(shipped, labels) -> None:
    fr = brief(shipped, labels, "full", "fr")
    text = " ".join(plain(i.body) for i in items(fr, "claim"))
    assert "s’est élevée à 60,2\u00a0millions d’euros1)" in text  # kept whole
    assert [plain(n) for n in fr.notes] == ["Chiffre donné sans source."]
    en = brief(shipped, labels, "full", "en")
    assert "EUR\u00a060.2\u00a0million1" in " ".join(plain(i.body) for i in items(en, "claim"))


def test_acronyms_are_expanded_once_and_glossary_holds_only_used_terms(shipped,
                                                                      labels) -> None:
    b = brief(shipped, labels, "negotiators", "en")
    text = " ".join(plain(i.body) + " ".join(plain(c.body) for c in i.backing)
                    for i in items(b))
    assert text.count("NAMAs (nationally appropriate mitigation actions)") == 1
    assert text.count("(nationally appropriate mitigation actions)") == 1
    used = {e.acronym for e in b.glossary}
    assert "UEMOA" not in used and "WAEMU" not in used  # a donors' topic, not in this brief
    assert all(e.acronym for e in b.glossary)  # this audience lists acronyms only


def test_selection_by_region_order_and_limit(shipped, labels) -> None:
    from plaidoyer.model.audience import Audience

    audience = Audience.model_validate({
        "id": "africa", "label": {"fr": "Afrique", "en": "Africa"},
        "parts": [{"kind": "cases", "select": {"regions": ["africa"],
                                               "first": ["wales-mbale"], "limit": 3}}]})
    paper = shipped.paper(PAPER)
    assert paper is not None
    b = tailor(Request(paper, audience, "fr"), shipped.glossary, labels["fr"])
    assert [i.id for i in items(b)] == ["wales-mbale", "dakar-ile-de-france",
                                        "bojanala-ho-lahti"]


def _paragraphs(b: Brief) -> list[str]:
    found = [plain(p) for s in b.sections for p in s.intro]
    for s in b.sections:
        for blk in s.blocks:
            found += [plain(p) for p in blk.paragraphs]
            for i in blk.items:
                found += [plain(p) for p in (i.body, *i.points, *i.outcomes)]
                found += [plain(c.body) for c in i.backing]
    return found


CORRUPTED = re.compile(
    r"\([^()]*\([^()]*\)[^()]*\)"          # nested brackets
    r"|\)\s*\("                            # two brackets in a row
    r"|\b([A-Z][A-Z0-9]+)s? \(([^)]*)\)[^()]*\(\2\)"  # one expansion twice
    r"|[/.][A-Z]{2,} \(")                  # expanded inside a symbol such as -/CMA.5


def test_no_shipped_brief_prints_a_nested_doubled_or_misplaced_expansion(shipped) -> None:
    found = []
    for paper in shipped.papers:
        for audience in shipped.audiences:
            for lang in paper.paper.languages:
                b = tailor(Request(paper, audience, lang), shipped.glossary,
                           shipped.labels_in(lang))
                found += [(audience.id, lang, p) for p in _paragraphs(b) if CORRUPTED.search(p)]
    assert found == []


def test_short_briefs_carry_no_glossary_long_ones_do(shipped, labels) -> None:
    for audience, has_glossary in (("negotiators", False), ("press", False), ("full", True)):
        assert bool(brief(shipped, labels, audience, "en").glossary) is has_glossary, audience


@pytest.mark.parametrize("outcomes", [True, False])
def test_a_case_told_under_a_demand_is_not_told_again(shipped, labels, outcomes) -> None:
    """Flagship demands, each with a case, then a part of cases: a case whose story a
    demand told keeps only its outcomes there, or is left out when it would show nothing
    new (a new user's donors brief printed the same story twice)."""
    paper = shipped.paper(PAPER)
    assert paper is not None
    donors = next(a for a in shipped.audiences if a.id == "donors")
    negotiators = next(a for a in shipped.audiences if a.id == "negotiators")
    cases_part = next(p for p in donors.parts if p.kind.value == "cases")
    asks = negotiators.parts[0]  # three flagship demands: some of the cases told
    asks = asks.model_copy(update={"select": asks.select.model_copy(update={"limit": 3})})
    audience = donors.model_copy(update={"parts": (
        asks, cases_part.model_copy(update={"show_outcomes": outcomes}))})
    b = tailor(Request(paper, audience, "en"), shipped.glossary, labels["en"])
    told = {c.title for i in items(b, "demand") for c in i.backing if c.body}
    shown = {i.title: i for i in items(b, "case")}
    every = {i.title: bool(i.outcomes)
             for i in items(brief(shipped, labels, "donors", "en"), "case")}
    assert told and told < set(every)  # some stories told above, not all
    assert set(shown) == {t for t, has in every.items() if t not in told or (has and outcomes)}
    for title, case in shown.items():
        assert bool(case.body) == (title not in told), title
        assert bool(case.outcomes) == (outcomes and every[title])
    listed = [line for line in b.contents if line.startswith("case ")]
    assert len(listed) == len(shown)



def test_a_no_break_space_goes_with_the_acronym_after_it() -> None:
    from plaidoyer.model.brief import Span, glued

    assert glued((Span("l’initiative «\u202f"), Span("DECLIC", expansion="Défis"),
                  Span(" (x)"))) == (Span("l’initiative «"),
                                     Span("\u202fDECLIC", expansion="Défis"), Span(" (x)"))
    kept = (Span("see\u00a0"), Span("the site", url="https://example.org"))
    assert glued(kept) == kept  # a link would underline the space
    assert glued((Span("\u00a0"), Span("UNFCCC", expansion="x"))) == (
        Span("\u00a0UNFCCC", expansion="x"),)
