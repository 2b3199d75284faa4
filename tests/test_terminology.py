"""The glossary lint: a translation lacking a term its source text uses is a warning,
exactly where the text is; what it was tuned to leave alone stays quiet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

GLOSSARY = """\
terms:
  - id: loss-and-damage
    term: {fr: "pertes et préjudices", en: "loss and damage"}
    definition: {fr: "Les effets.", en: "The effects."}
  - id: loss-and-damage-fund
    term: {fr: "Fonds pour répondre aux pertes et préjudices", en: "Loss and Damage Fund"}
    definition: {fr: "Le fonds.", en: "The fund."}
    variants: {fr: ["Fonds pour les pertes et préjudices"]}
  - id: green-climate-fund
    term: {fr: "Fonds vert pour le climat", en: "Green Climate Fund"}
    acronym: {fr: FVC, en: GCF}
    definition: {fr: "Un fonds.", en: "A fund."}
    variants: {fr: ["Fonds vert"]}
  - id: capacity-building
    term: {fr: "renforcement des capacités", en: "capacity-building"}
    definition: {fr: "Le renforcement.", en: "Building."}
  - id: adaptation
    term: {fr: "adaptation", en: "adaptation"}
    definition: {fr: "L’ajustement.", en: "Adjustment."}
"""

CLAIMS = """\
claims:
  - id: oda
    text:
      fr: "Les pertes et préjudices s’aggravent ; le FVC tarde."
      en: "Losses are mounting; the fund is slow."
  - id: fine
    text:
      fr: "Les pertes et préjudices s’aggravent."
      en: "Loss and damage is mounting."
  - id: longest
    text:
      fr: "Le Fonds pour les pertes et préjudices est ouvert."
      en: "The Loss and Damage Fund is open."
  - id: lower-case
    text:
      fr: "Un fonds vert pour les territoires et le renforcement des capacités."
      en: "A green fund for territories, building their capacity."
  - id: common-word
    text:
      fr: "L’adaptation compte [pertes et préjudices]{lang=fr}."
      en: "Adapting matters."
"""


def test_terminology_warnings_exactly(minimal: Path, run: Callable[..., Result]) -> None:
    (minimal / "glossary" / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    claims = minimal / "positions" / "mini-paper" / "claims.yaml"
    claims.write_text(CLAIMS, encoding="utf-8")
    result = run("validate", "--root", str(minimal))
    found = [line for line in result.stderr.splitlines() if "[terminology]" in line]
    assert found == [
        "positions/mini-paper/claims.yaml:4:7: warning: text (en): the fr text says 'FVC' but "
        "this translation lacks the glossary's 'Green Climate Fund' (or 'GCF'): use it, or "
        "add the words used as a variant of 'green-climate-fund' in the glossary "
        "[terminology]",
        "positions/mini-paper/claims.yaml:4:7: warning: text (en): the fr text says "
        "'pertes et préjudices' but this translation lacks the glossary's 'loss and damage': "
        "use it, or add the words used as a variant of 'loss-and-damage' in the glossary "
        "[terminology]",
    ]


def test_the_source_text_chooses_the_terms(minimal: Path, run: Callable[..., Result]) -> None:
    """A term only the translation uses is no warning: the source is the reference."""
    (minimal / "glossary" / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    claims = minimal / "positions" / "mini-paper" / "claims.yaml"
    claims.write_text(CLAIMS.replace('en: "Losses are mounting; the fund is slow."',
                                     'en: "Loss and damage: the GCF is slow."')
                      .replace('fr: "Les pertes et préjudices s’aggravent ; le FVC tarde."',
                               'fr: "Le FVC tarde."'), encoding="utf-8")
    result = run("validate", "--root", str(minimal))
    assert "[terminology]" not in result.stderr
