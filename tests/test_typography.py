"""Microtypography per language (`typography.py` through `localize.typeset`): what each
rule writes, what no rule may touch, idempotence, glyphs, and a built brief."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from plaidoyer.glyphs import coverage, uncovered
from plaidoyer.localize import typeset
from plaidoyer.model.project import Project, walk_texts
from plaidoyer.resources import TemplateSet
from plaidoyer.typography import PRODUCED

from .conftest import REPO

NB = "\u00a0"  # no-break space
NN = "\u202f"  # narrow no-break space

FRENCH = [
    # numbers, units, scales
    ("de 20 000 à 100 000 habitants", f"de 20{NN}000 à 100{NN}000 habitants"),
    ("1 234 567,5", f"1{NN}234{NN}567,5"),
    ("60,2 millions d’euros", f"60,2{NB}millions d’euros"),
    ("plus de 70 % des émissions", f"plus de 70{NB}% des émissions"),
    ("70%", f"70{NB}%"),
    ("1,5 °C et 40 km²", f"1,5{NB}°C et 40{NB}km²"),
    ("près de 20 ans", f"près de 20{NB}ans"),
    (f"2,4 millions{NB}t CO₂e", f"2,4{NB}millions{NB}t{NB}CO₂e"),
    ("100 EUR, 60 €", f"100{NB}EUR, 60{NB}€"),
    ("n° 5, p. 12, CP 21", f"n°{NB}5, p.{NB}12, CP{NB}21"),
    ("195 pays", "195 pays"),  # a number and an ordinary noun stay breakable
    ("en 2015 300 communes", "en 2015 300 communes"),  # a year, then a count
    ("en 2015 l’aide", "en 2015 l’aide"),  # not a litre
    # ordinals
    ("la 21e session", "la 21ᵉ session"),
    ("le 1er PCTI, les 1ers", "le 1ᵉʳ PCTI, les 1ᵉʳˢ"),
    ("la 1re fois, la 1ère", "la 1ʳᵉ fois, la 1ʳᵉ"),
    ("le 2nd, la 2nde, la 2de", "le 2ⁿᵈ, la 2ⁿᵈᵉ, la 2ᵈᵉ"),
    ("le 3ème, les 4es", "le 3ᵉ, les 4ᵉˢ"),
    ("le XXIe siècle, la Ve République, François Ier", "le XXIᵉ siècle, la Vᵉ République, "
     "François Iᵉʳ"),
    ("Ce sont. Le monde. De plus. Une femme élue", "Ce sont. Le monde. De plus. Une femme élue"),
    ("21 e, 1,5e, x21e", "21 e, 1,5e, x21e"),
    # formulas
    ("émissions de CO2", "émissions de CO₂"),
    ("CO2e, CO2eq, CO2-eq, CH4, N2O, tCO2e, MtCO2", "CO₂e, CO₂eq, CO₂-eq, CH₄, N₂O, tCO₂e, MtCO₂"),
    ("CO20, ACO2, CO2s", "CO20, ACO2, CO2s"),
    # ranges
    ("la période 2014-2020", "la période 2014–2020"),
    ("1990-91, pages 10-15, 1,5-2", "1990–91, pages 10–15, 1,5–2"),
    ("2015-12, 5-3", "2015-12, 5-3"),  # a year and a month, a falling pair
    ("01-23-45-67, 2014-2020-2030", "01-23-45-67, 2014-2020-2030"),  # chains
    ("COP-21, Grenelle-2", "COP-21, Grenelle-2"),
    # dashes: the spaced en dash, a no-break space before it
    ("les bonnes pratiques – notamment endogènes – en", f"les bonnes pratiques{NB}– "
     f"notamment endogènes{NB}– en"),
    ("mot — mot, mot - mot", f"mot{NB}– mot, mot{NB}– mot"),
    ("Nord-Pas-de-Calais, c’est-à-dire", "Nord-Pas-de-Calais, c’est-à-dire"),
    # punctuation
    ("Il dit : « oui » ; non ! vraiment ?",
     f"Il dit{NN}: «{NN}oui{NN}»{NN}; non{NN}! vraiment{NN}?"),
    ("à 10:30 ?!", f"à 10:30{NN}?!"),
    ("« Vraiment ? »", f"«{NN}Vraiment{NN}?{NN}»"),
]

ENGLISH = [
    ("EUR 60.2 million", f"EUR{NB}60.2{NB}million"),
    ("USD 100 billion", f"USD{NB}100{NB}billion"),
    ("over 70% of", "over 70% of"),  # English writes no space before %
    ("70 %", f"70{NB}%"),  # but one typed is kept, unbreakable
    ("20 000 people, 20,000 people", f"20{NN}000 people, 20,000 people"),
    ("nearly 20 years, 1.5 °C", f"nearly 20{NB}years, 1.5{NB}°C"),
    ("the 21st session, the 2nd, the 1st, the 21e", "the 21st session, the 2nd, the 1st, the 21e"),
    ("CO2 emissions", "CO₂ emissions"),
    ("for 2014-2020", "for 2014–2020"),
    ("good practices — especially endogenous ones — and", f"good practices{NB}– especially "
     f"endogenous ones{NB}– and"),
    ("word—word", "word—word"),  # closed dashes are left as written
    ("He said: yes; see? « no »", "He said: yes; see? « no »"),
]

SPANISH = [
    ("500 000 millones de dólares", f"500{NN}000{NB}millones de dólares"),
    ("1500 personas", "1500 personas"),
    ("más del 70% de", f"más del 70{NB}% de"),
    ("las mujeres – en particular en el medio rural – los jóvenes",
     "las mujeres —en particular en el medio rural— los jóvenes"),
    ("las mujeres — en particular en el medio rural —, los jóvenes",
     "las mujeres —en particular en el medio rural—, los jóvenes"),
    ("las prácticas —en particular las endógenas—, integrando",
     "las prácticas —en particular las endógenas—, integrando"),
    ("Región de Dakar (Senegal) – Consejo Regional", f"Región de Dakar (Senegal){NB}– Consejo "
     "Regional"),
    ("Dakar (Senegal) – Ho (Ghana) – Lahti (Finlandia)",
     f"Dakar (Senegal){NB}– Ho (Ghana){NB}– Lahti (Finlandia)"),
    ("Alianzas territoriales – CP 21", f"Alianzas territoriales{NB}– CP{NB}21"),
    ("el 1.er foro, el 1.º, la 21.ª", "el 1.ᵉʳ foro, el 1.º, la 21.ª"),
    ("desde 2011 ha crecido", "desde 2011 ha crecido"),  # "ha" is a verb too
    ("emisiones de CO2 del período 2014-2020", "emisiones de CO₂ del período 2014–2020"),
    ("casi 20 años", f"casi 20{NB}años"),
    ("«casos de éxito»: ¿sí?", "«casos de éxito»: ¿sí?"),
]

OTHERS = [
    ("ru", "Москва - столица", f"Москва{NB}— столица"),
    ("ru", "5 млн, 20 000", f"5{NB}млн, 20{NB}000"),
    ("zh", "2014-2020年", "2014-2020年"),  # GB/T 15834 ranges: left as written
    ("zh", "CO2", "CO₂"),
    ("de", "2014-2020, CO2, 50 %", f"2014–2020, CO₂, 50{NB}%"),
    ("de", "Wort – Wort", "Wort – Wort"),  # no row for German: dashes as written
    ("ar", "CO2 2014-2020", "CO₂ 2014–2020"),
    ("xx", "CO2 2014-2020", "CO₂ 2014–2020"),  # a language CLDR does not know
    ("fr-CA", "la 21e", "la 21ᵉ"),
    ("en-US", "2014-2020", "2014–2020"),
]

PROTECTED = [
    "https://example.org/2014-2020/CO2?a=1&b=21e",
    "HTTPS://EXAMPLE.ORG/X?Y",
    "www.unfccc.int/report-2015-12-12",
    "unfccc.int/files/1er-rapport?x=2014-2020",
    "mailto:info@example.org",
    "contact-2015@example.org",
    "1/CP.21",
    "-/CP.28 -/CMA.5",
    "FCCC/SBI/2024/MISC.3",
    "FCCC/CP/2015/10/Add.1",
    "2015-12-12",
    "2015-12-12T10:30:00Z",
    "+33 1 23 45 67 89",
    "+1 212-555-0100",
    "{french-local-oda-2013}",
    "{oda-2013-2014}",
    "{{ 2014-2020 : CO2 }}",
    "{% 21e %}",
    "french-local-oda-2013",
    "covid-19",
    "COP21 C40 G77 ADEME CCNUCC PCTI UNFCCC",
]


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french(text: str, expected: str) -> None:
    assert typeset(text, "fr") == expected


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english(text: str, expected: str) -> None:
    assert typeset(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), SPANISH)
def test_spanish(text: str, expected: str) -> None:
    assert typeset(text, "es") == expected


@pytest.mark.parametrize(("lang", "text", "expected"), OTHERS)
def test_other_languages(lang: str, text: str, expected: str) -> None:
    assert typeset(text, lang) == expected


@pytest.mark.parametrize("lang", ["fr", "en", "es", "ru", "zh", "ar"])
@pytest.mark.parametrize("token", PROTECTED)
def test_never_altered(token: str, lang: str) -> None:
    text = f"voir {token} et {token}"
    out = typeset(text, lang)
    assert out.count(token) == 2, out
    assert typeset(token, lang) == token


def test_urls_and_punctuation_next_to_them() -> None:
    assert typeset("Voir https://example.org/a?b=1 ; ou www.example.org.", "fr") == (
        f"Voir https://example.org/a?b=1{NN}; ou www.example.org.")
    assert typeset("(see https://example.org/2014-2020).", "en") == (
        "(see https://example.org/2014-2020).")


TOKENS = ["CO2", "21e", "1er", "XXIe", "2014-2020", "20 000", " % ", "°C", " ans", " – ",
          " — ", " - ", " : ", " ; ", "« ", " »", "?!", "{fig-2013}", "1/CP.21",
          "https://x.org/a-1?b", "a@b.org", "2015-12-12", "EUR ", "millions", "1.er",
          "CP 21", NB, NN, "\ufdd0", "mot", "los", "en particular", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)), max_size=14),
       st.sampled_from(["fr", "en", "es", "ru", "zh", "de"]))
def test_typesetting_twice_changes_nothing(parts: list[str], lang: str) -> None:
    once = typeset("".join(parts), lang)
    assert typeset(once, lang) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12), st.sampled_from(PROTECTED), st.text(max_size=12),
       st.sampled_from(["fr", "en", "es"]))
def test_protected_tokens_survive_any_neighbours(before: str, token: str, after: str,
                                                 lang: str) -> None:
    assert token in typeset(f"{before} {token} {after}", lang)


def test_the_bundled_fonts_draw_every_character_the_rules_write(shipped: Project) -> None:
    covered = coverage(TemplateSet.for_project(REPO / "templates"))
    assert uncovered("".join(sorted(PRODUCED)), covered) == []
    missing = set()
    for paper in shipped.papers:
        for model in (paper.paper, *paper.items):
            for text, _ in walk_texts(model):
                for lang, value in text.items():
                    missing.update(uncovered(typeset(value, lang), covered))
    assert missing == set()


def test_a_built_french_brief_is_typeset(minimal: Path, run: Callable[..., Result]) -> None:
    claims = minimal / "positions/mini-paper/claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace(
        'fr: "L’aide s’est élevée à {oda-2013} en 2013."',
        'fr: "Depuis la 21e COP, les émissions de CO2 de la période 2014-2020 – voir '
        'https://example.org/2014-2020 et la décision 1/CP.21 – ont baissé ; l’aide s’est '
        'élevée à {oda-2013} en 2013."'), encoding="utf-8")
    out = minimal / "out"
    result = run("build", "--root", str(minimal), "-l", "fr", "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = next(out.glob("*/*.fr.html")).read_text(encoding="utf-8")
    assert (f"Depuis la 21ᵉ COP, les émissions de CO₂ de la période 2014–2020{NB}– voir "
            f"https://example.org/2014-2020 et la décision 1/CP.21{NB}– ont baissé{NN}; "
            f"l’aide s’est élevée à 60,2{NB}millions d’euros") in page
