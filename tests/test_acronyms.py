"""Acronym expansion never corrupts a sentence (the cases found in the shipped briefs)."""

from __future__ import annotations

import pytest

from plaidoyer.acronyms import Acronyms
from plaidoyer.model.glossary import Term

TERMS = {
    "ETS": ("emissions trading system", "système d’échange de quotas d’émission"),
    "CDM": ("Clean Development Mechanism", "mécanisme pour un développement propre"),
    "NAMA": ("nationally appropriate mitigation actions",
             "mesures d’atténuation appropriées au niveau national"),
    "CMA": ("Conference of the Parties serving as the meeting of the Parties to the Paris "
            "Agreement", "Conférence des Parties agissant comme réunion des Parties à "
            "l’Accord de Paris"),
    "WAEMU": ("West African Economic and Monetary Union", None),
    "UEMOA": (None, "Union économique et monétaire ouest-africaine"),
    "ADEME": ("French Environment and Energy Management Agency",
              "Agence de l’environnement et de la maîtrise de l’énergie"),
    "MRV": ("measurement, reporting and verification", "mesure, notification et vérification"),
    "C40": ("C40 Cities Climate Leadership Group", "C40 Cities Climate Leadership Group"),
}


def glossary() -> list[Term]:
    terms = []
    for acronym, (en, fr) in TERMS.items():
        names = {lang: name for lang, name in (("en", en), ("fr", fr)) if name}
        terms.append(Term.model_validate({
            "id": acronym.lower(), "term": names,
            "acronym": dict.fromkeys(names, acronym), "definition": names}))
    return terms


def expand(*texts: str, lang: str = "en", enabled: bool = True) -> list[str]:
    acronyms = Acronyms(glossary(), lang, enabled)
    return ["".join(c.text for c in acronyms.chunks(text)) for text in texts]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # never inside parentheses: no nested brackets
    ("en", "access to market mechanisms (ETS, CDM), NAMA mechanisms, the Green Climate Fund",
     "access to market mechanisms (ETS, CDM), NAMA (nationally appropriate mitigation "
     "actions) mechanisms, the Green Climate Fund"),
    ("en", "the efforts of economic communities (e.g. WAEMU) to empower",
     "the efforts of economic communities (e.g. WAEMU) to empower"),
    ("fr", "les efforts des communautés économiques (ex. UEMOA) dans la responsabilisation",
     "les efforts des communautés économiques (ex. UEMOA) dans la responsabilisation"),
    ("fr", "aux mécanismes de marché (ETS, MDP), mécanismes NAMA",
     "aux mécanismes de marché (ETS, MDP), mécanismes NAMA (mesures d’atténuation "
     "appropriées au niveau national)"),
    # never inside a token
    ("en", "as per Draft decision -/CP.28 -/CMA.5 with the mandate",
     "as per Draft decision -/CP.28 -/CMA.5 with the mandate"),
    ("en", "see https://unfccc.int/CMA/docs and cma-5 and info@CMA.org",
     "see https://unfccc.int/CMA/docs and cma-5 and info@CMA.org"),
    # never right before a bracket of its own
    ("fr", "l’ADEME (France) et la région", "l’ADEME (France) et la région"),
    # never where the text spells the term out
    ("en", "the French Environment and Energy Management Agency (ADEME) funds it",
     "the French Environment and Energy Management Agency (ADEME) funds it"),
    ("en", "ADEME, the French Environment and Energy Management Agency, funds it",
     "ADEME, the French Environment and Energy Management Agency, funds it"),
    # the name holds the acronym
    ("en", "the C40 network", "the C40 network"),
    # plural, first use outside brackets
    ("en", "NAMAs are plans.", "NAMAs (nationally appropriate mitigation actions) are plans."),
    ("fr", "le MRV des engagements", "le MRV (mesure, notification et vérification) des "
     "engagements"),
])
def test_expansions_never_corrupt_the_text(lang: str, text: str, expected: str) -> None:
    assert expand(text, lang=lang) == [expected]


def test_an_acronym_is_expanded_once_per_brief_at_its_first_use_outside_brackets() -> None:
    assert expand("Market mechanisms (ETS) matter.", "The ETS works. The ETS again.",
                  "NAMA mechanisms and NAMAs.") == [
        "Market mechanisms (ETS) matter.",
        "The ETS (emissions trading system) works. The ETS again.",
        "NAMA (nationally appropriate mitigation actions) mechanisms and NAMAs."]


def test_an_audience_or_a_text_can_turn_expansion_off() -> None:
    assert expand("The ETS works.", enabled=False) == ["The ETS works."]
    acronyms = Acronyms(glossary(), "en")
    chunks = acronyms.chunks("The ETS works.", expand=False)
    assert [(c.text, c.expansion) for c in chunks] == [
        ("The ", None), ("ETS", "emissions trading system"), (" works.", None)]
    # still unexplained, so a later text that allows it expands it
    assert "".join(c.text for c in acronyms.chunks("ETS again.")) == \
        "ETS (emissions trading system) again."
