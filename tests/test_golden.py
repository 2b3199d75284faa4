"""Golden test: the French `full` PDF carries every sentence of the original paper.

The seed is the text extracted from the original PDF. Editors' deliberate fixes
(typos, French number format) are listed in tests/golden/corrections/ and applied
to the seed first; every other difference fails this test.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from plaidoyer.model.project import Project

from .conftest import REPO, pdf_body_text

SEED = REPO / "tests" / "fixtures" / "papers" / "cop21-territorial-partnerships.fr.txt"
"""The original text of the COP21 paper, as extracted from its PDF (a copy kept in tests/)."""
CORRECTIONS = REPO / "tests" / "golden" / "corrections"


def seed_text() -> str:
    assert SEED.exists(), f"the seed paper is missing: {SEED}"
    raw = SEED.read_text(encoding="utf-8")
    raw = "".join(" " if "\ue000" <= ch <= "\uf8ff" or ch == "\u2010" else ch for ch in raw)
    return re.sub(r"\s+", " ", raw).strip()


def corrections() -> list[tuple[str, str]]:
    pairs = []
    for file in sorted(CORRECTIONS.glob("*.yaml")):
        pairs += [(c["seed"], c["fixed"]) for c in yaml.safe_load(file.read_text("utf-8"))]
    return pairs


def squeeze(text: str) -> str:
    """Compare letters, digits and punctuation only: spacing, hyphenation and quotes vary."""
    # NFKC: the typeset 1ᵉʳ, CO₂ and no-break spaces compare as the seed's 1er, CO2, spaces
    text = unicodedata.normalize("NFKC", text).replace("'", "’")
    return re.sub(r"[\s\u00ad\u2010\-–•]+", "", text)  # • : list markers; – : ranges


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;:!?])\s+", text) if squeeze(s)]


def test_every_correction_applies_to_the_seed() -> None:
    seed = squeeze(seed_text())
    missing = [old for old, _ in corrections() if squeeze(old) not in seed]
    assert missing == []


@pytest.fixture(scope="module")
def full_fr_text(built: Path, shipped: Project) -> str:
    text = squeeze(pdf_body_text(built / "full.fr.pdf"))
    for term in shipped.glossary:  # "CCNUCC (Convention-cadre …)" back to "CCNUCC"
        if term.acronym and "fr" in term.acronym:
            acronym = term.acronym["fr"]
            text = text.replace(squeeze(f"{acronym} ({term.term['fr']})"), squeeze(acronym))
    return text


def test_full_french_pdf_contains_every_sentence_of_the_seed(full_fr_text: str) -> None:
    text = seed_text()
    for old, new in corrections():
        text = re.sub(r"\s+".join(map(re.escape, old.split())), new, text)
    missing = [s for s in sentences(text) if squeeze(s) not in full_fr_text]
    assert missing == [], f"{len(missing)} sentences of the seed are missing:\n" + "\n".join(
        missing)


SECOND = "urban-sdg-finance-cop28-loss-and-damage-fund"


def test_second_paper_english_is_verbatim_from_its_original(shipped: Project) -> None:
    """Every English text of the claims and demands of the second paper stands, word for
    word, in the original as retrieved (tests/fixtures/papers/)."""
    source = (REPO / "tests" / "fixtures" / "papers" / f"{SECOND}.en.txt").read_text("utf-8")
    original = re.sub(r"\s+", " ", "\n".join(
        line for line in source.splitlines() if not line.startswith("#")))
    paper = shipped.paper(SECOND)
    assert paper is not None
    texts = [item.text["en"] for item in (*paper.claims, *paper.demands)]
    assert len(texts) == 6
    figures = {f.id: f for f in paper.figures.values()}
    missing = []
    for text in texts:
        flat = re.sub(r"\s+", " ", text).strip()
        # figures are data: put back the words the original prints for them
        for ident, words in (("urban-average-annual-losses", "USD 500 billion"),
                             ("climate-finance-commitment", "USD 100 billion"),
                             ("urban-co2-share", "over 70%"),
                             ("warming-threshold", "1.5oC"),  # °C flattened by the extraction
                             ("incremental-urbanization-share", "90 percent")):
            flat = flat.replace(f"{{{ident}}}", words)
        if flat not in original:
            missing.append(flat)
    assert missing == []
    assert figures["urban-average-annual-losses"].value == 500
