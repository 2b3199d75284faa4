"""Pins the COP21 paper: nothing of the seed may silently disappear from positions/."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result

from plaidoyer.commands.listing import language_completeness
from plaidoyer.model.project import Project

from .conftest import (
    PAPER,
    REPO,
)

CLAIMS = [
    "decentralised-cooperation-legitimacy", "cooperation-fields", "cooperation-terminology",
    "french-local-oda", "basque-oda-commitment", "german-climate-partnerships",
    "civil-society-role", "multi-stakeholder-partnerships", "territorial-approach",
    "rethinking-partnerships", "inclusive-governance", "planning-and-resilience",
    "peer-learning-complement",
]
CASES = ["dakar-ile-de-france", "bojanala-ho-lahti", "minas-gerais-nord-pas-de-calais",
         "wales-mbale", "declic-enda"]
RECOMMENDATIONS = {
    ("territorial-actors", "coalitions"): [
        "recognise-territorial-cooperation", "south-south-exchanges"],
    ("territorial-actors", "climate-integration"): [
        "share-success-stories", "advocacy-for-climate-cooperation",
        "legal-security-of-decentralised-cooperation", "support-climate-cooperation-dynamics",
        "technical-exchange-frameworks"],
    ("territorial-actors", "innovative-cooperation-tools"): [
        "cooperation-in-sustainability-policies", "methodological-tools",
        "systematic-data-sharing", "citizen-participation", "skills-transfer-priority-sectors",
        "ghg-quantification-capacity", "cross-cutting-planning", "public-private-partnerships",
        "replicate-successful-actions", "local-governance-innovation"],
    ("territorial-actors", "innovative-finance"): [
        "local-taxation-for-cooperation", "one-percent-mechanisms",
        "pooling-partnership-resources", "gender-responsive-finance",
        "climate-cooperation-award", "green-fund-for-territories", "eu-ftt-for-cooperation",
        "quantify-adaptation-measures"],
    ("donors", "promotion-by-donors"): [
        "sustainability-cooperation-label", "covenant-of-mayors-cooperation",
        "impact-indicators-for-funding", "regional-economic-communities"],
    ("donors", "support-to-partnerships"): ["increase-cooperation-funding"],
}
DEMANDS = ["recognition-in-preamble", "partnerships-added-value", "loss-and-damage",
           "access-to-finance", "information-exchange", "technology-transfer",
           "capacity-building", "mrv"]


def test_shipped_positions_validate_strictly(run: Callable[..., Result]) -> None:
    result = run("validate", "--strict", "--root", str(REPO))
    assert result.exit_code == 0, result.stderr
    assert "0 errors, 0 warnings" in result.stderr


def test_the_whole_seed_is_encoded(shipped: Project) -> None:
    paper = shipped.paper(PAPER)
    assert paper is not None
    assert [c.id for c in paper.claims] == CLAIMS
    assert [c.id for c in paper.cases] == CASES
    assert [d.id for d in paper.negotiating_demands()] == DEMANDS
    assert all(d.flagship for d in paper.negotiating_demands())
    grouped: dict[tuple[str, str], list[str]] = {}
    for rec in paper.recommendations():
        grouped.setdefault((rec.addressee, rec.topic), []).append(rec.id)
    assert grouped == RECOMMENDATIONS
    assert len(paper.recommendations()) == 30


def test_figures_are_data_and_honestly_unsourced(shipped: Project) -> None:
    paper = shipped.paper(PAPER)
    assert paper is not None
    figures = {f.id: (f.value, f.scale, f.unit, f.year) for f in paper.figures.values()}
    assert figures == {
        "french-local-oda-2013": (60.2, "million", "EUR", 2013),
        "basque-oda-share": (0.7, None, "percent", None),
        "german-partner-municipalities": (50, None, "count", None),
        "wales-co2-target-2020": (40, None, "percent", 2020),
        "mbale-trees": (1, "million", "count", None),
    }
    assert all(f.unsourced and not f.sources for f in paper.figures.values())


def test_every_case_keeps_its_partners_and_outcomes(shipped: Project) -> None:
    paper = shipped.paper(PAPER)
    assert paper is not None
    partners = {c.id: [(p.country, p.level.value) for p in c.partners] for c in paper.cases}
    assert partners == {
        "dakar-ile-de-france": [("SN", "region"), ("FR", "region")],
        "bojanala-ho-lahti": [("ZA", "district"), ("GH", "municipality"),
                              ("FI", "municipality")],
        "minas-gerais-nord-pas-de-calais": [("BR", "state"), ("FR", "region")],
        "wales-mbale": [("GB", "region"), ("UG", "district")],
        "declic-enda": [("SN", "ngo")],
    }
    assert len(paper.by_id["wales-mbale"].outcomes) == 5


def test_every_language_is_complete(shipped: Project) -> None:
    paper = shipped.paper(PAPER)
    assert paper is not None
    assert language_completeness(paper) == {"fr": (1.0, 0), "en": (1.0, 0), "es": (1.0, 0)}
    assert {t.id for t in shipped.glossary} >= {
        "unfccc", "pcti", "pcet", "ghg", "oda", "mdgs", "ademe", "feam", "enda", "declic",
        "arene-ile-de-france", "nama", "cdm", "ets", "mrv", "uemoa", "c40", "agenda-21",
        "loss-and-damage", "decentralised-cooperation"}


def test_list_shows_languages_demands_and_cases(run: Callable[..., Result]) -> None:
    result = run("list", "--root", str(REPO))
    assert result.exit_code == 0
    out = result.stdout
    assert "languages: fr 100 %, en 100 %" in out
    assert "demands: 8" in out and "recommendations: 30" in out
    assert "    wales-mbale [GB, UG]" in out
