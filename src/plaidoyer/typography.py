"""Microtypography per language: the small marks a typesetter fixes in running text.

`localize.typeset(text, lang)` hides what must never change (`protect`), runs the
language's rules (`rules_for`) and puts the hidden tokens back (`restore`). The rules are
built from one row of data per language (`LANGUAGES`, `DEFAULT` for any other); every
rule is a compiled regular expression, and typesetting twice gives what typesetting once
gave.

Never changed (`protect`): web addresses (`https://…`, `www.…`, `unfccc.int/…`), e-mail
addresses, anything in braces (figure placeholders `{figure-id}`, label placeholders
`{n}`, `{{ … }}` printed literally), symbols with a slash and a digit (decisions
`1/CP.21`, `-/CMA.5`, documents `FCCC/SBI/2024/MISC.3`), ISO dates (`2015-12-12`),
telephone numbers (`+33 1 …`) and ids with a digit (`french-local-oda-2013`). Acronyms
are never rewritten (only the chemical formulas below are); a rule may at most make the
space beside one unbreakable.

What the rules do, and why:

- **Numbers written with spaces** ("20 000") keep their groups together: the separator
  becomes the language's CLDR grouping space (U+202F in French, U+00A0 in Russian), or
  U+202F (narrow no-break space, as SI writes) where CLDR groups with a comma or a full
  stop (English, Spanish, …). Spanish follows the RAE and the UN, as `figures.py` does:
  space-grouped numbers ("500 000"), with U+202F, though CLDR `es` writes "500.000".
  Only a group of one to three digits followed by groups of exactly three is a number:
  "en 2015 300 communes" is left alone.
- **No-break space (U+00A0) between a number and what measures it**: a unit symbol
  ("2 °C", "40 km²", "500 t"), a currency ("100 EUR", "60 €"), a scale word ("60,2
  millions", "2.5 billion", "500 000 millones") and a unit of time ("20 ans", "10 years",
  "20 años"), and after what announces a number: an acronym or a currency code ("EUR
  60.2", "CP 21", "SBI 60"), "n°", "§", "p.", "art.". A number and an ordinary noun
  ("195 pays", "50 municipalities") stay breakable: two words of the sentence are never
  joined, and a no-break space there would loosen justified lines for nothing. Spanish
  leaves "ha" out of the units: it is also a verb ("desde 2011 ha crecido").
- **Percent**: the space CLDR puts before % ("50 %" in French and Spanish, U+00A0) is
  inserted where missing; in English, which writes "50%", a space an author typed
  becomes no-break but is not removed.
- **Ordinals**: French ones get Unicode modifier letters, which every bundled Latin face
  draws (checked with fontTools, see tests/test_typography.py): "21e" → "21ᵉ", "1er" →
  "1ᵉʳ", "1re"/"1ère" → "1ʳᵉ", "2nd"/"2nde" → "2ⁿᵈ"/"2ⁿᵈᵉ", "3ème"/"3ième" → "3ᵉ" (the
  Imprimerie nationale's spelling), plurals with ˢ; Roman numerals too ("XXIe siècle" →
  "XXIᵉ", "François Ier" → "Iᵉʳ") when they cannot be a word: a lone C or L ("Ce",
  "Le") is not a numeral. Spanish keeps "1.º", "21.ª" as written (º and ª are already
  raised) and raises the apocopated "1.er" → "1.ᵉʳ" (RAE). English keeps "1st", "21st"
  on the line, as British house styles do.
- **Chemical formulas**: CO2, CH4, N2O, SF6, NF3 (with a following e, eq or -eq, and a
  preceding t, kt, Mt or Gt) take subscript digits in every language: "CO₂e", "tCO₂";
  "t CO₂" keeps its unit and formula together.
- **Ranges**: a hyphen between two numbers that rise ("2014-2020", "10-15", "1990-91")
  becomes an en dash. A chain ("01-23-45", "2015-12-12"), a falling pair ("2015-12", a
  year and month) and anything glued to letters or slashes ("COP-21", "A/70-1") stay.
  Chinese, whose standard (GB/T 15834) marks ranges with 一字线 or a wave dash, is left
  as written.
- **One dash between words**, per the language's tradition, with a no-break space
  before it so that no line starts with a dash:
  French: the spaced en dash (tiret demi-cadratin, Imprimerie nationale) for incises
  and separators; English (British, as the project writes): the spaced en dash (New
  Hart's Rules); a spaced em dash or a spaced hyphen becomes one. Russian: the spaced em
  dash (тире). Spanish: the raya (em dash) closed up to the incise it encloses, "los
  socios —en particular los municipios— piden" (RAE): a pair of spaced dashes in one
  run and one sentence, around words that start in lower case, becomes that; any other
  spaced dash is a separator ("Región de Dakar (Senegal) – Consejo Regional", a title's
  "– CP 21") and is set as a spaced en dash. Closed dashes ("word—word", "—en
  particular—") are left as written, and so is a dash right after an opening mark or
  right before a closing one ("« — »", "– ;"): it stands between no two words. Other
  languages: dashes as written.
- **French punctuation**: a narrow no-break space (U+202F) before ; : ! ? » and after «,
  but not between digits ("10:30") nor inside "?!".

Runs are typeset one at a time (tailor splits a paragraph at acronyms, figures and
words in another language), so a Spanish incise split by an acronym keeps spaced en
dashes rather than becoming a raya pair.

Speed: about 0.1 ms for a paragraph. Most texts hold nothing to protect, and each rule
first checks cheaply (`Rule.needs`) that the text holds what it looks for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_percent, get_group_symbol, list_currencies

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
EN_DASH = "–"
EM_DASH = "—"

_SENTINEL = "\ufdd0"
"""Stands for a protected token while the rules run: a Unicode noncharacter, never text
(and one that a text holds anyway is protected and given back as it was)."""

_SPACE = "[ \u00a0\u202f]"
"""An ordinary, no-break or narrow no-break space: the spaces rules rewrite."""

_NUMBER_START = r"(?<![\w.,])"
_PROTECTED = re.compile("|".join((
    _SENTINEL,
    r"\{\{.*?\}\}|\{%.*?%\}|\{[^{}]*\}",  # placeholders, template braces printed literally
    r"(?i:\b(?:[a-z][a-z0-9+.-]*://|www\.|mailto:))[^\s<>\"«»“”]*[^\s<>\"«»“”.,;:!?)\]’']",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail
    # a bare domain, with its path if any: unfccc.int, iclei.org/fr/x?y=1
    r"(?<![\w@.-])(?:[a-z](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}\b"
    r"(?:/[^\s<>\"«»“”]*[^\s<>\"«»“”.,;:!?)\]’'])?(?![\w@-])",
    r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?",  # ISO date
    # a symbol with a slash and a digit: 1/CP.21, -/CMA.5, FCCC/SBI/2024/MISC.3
    r"(?<![\w/.-])(?=[\w.()/-]*\d)[\w.()-]*/[\w.()/-]*[\w)]",
    r"\+\d{1,3}(?:[ \u00a0.()-]*\d){6,}",  # telephone
    r"(?<![\w-])(?=[a-z0-9-]*\d)[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w-])",  # an id
)))


_MAYBE_PROTECTED = re.compile(r"[{@/+\ufdd0]|\d-|-\d|\.[a-z]|(?i:www\.)")
"""What every protected token holds: most texts have none, and skip the long pattern."""


def protect(text: str) -> tuple[str, list[str]]:
    """`text` with every token that must not change replaced by a sentinel, and the
    tokens in order."""
    kept: list[str] = []
    if not _MAYBE_PROTECTED.search(text):
        return text, kept

    def hide(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return _SENTINEL

    return _PROTECTED.sub(hide, text), kept


def restore(text: str, kept: list[str]) -> str:
    """Put the protected tokens back, in order."""
    if not kept:
        return text
    tokens = iter(kept)
    return re.sub(_SENTINEL, lambda _: next(tokens), text)


@dataclass(frozen=True)
class Rule:
    """One typographic correction: where, and what to write instead."""

    name: str
    pattern: re.Pattern[str]
    replacement: str | Callable[[re.Match[str]], str]
    needs: Callable[[str], object] | None = None
    """A quick test a text must pass for the rule to look at it (speed only)."""

    def apply(self, text: str) -> str:
        if self.needs is not None and not self.needs(text):
            return text
        return self.pattern.sub(self.replacement, text)


@dataclass(frozen=True)
class Dashes:
    """How a language sets a dash between words."""

    mark: str
    """The spaced dash, with a no-break space before it: en dash or em dash."""
    closed_incise: str | None = None
    """Spanish: the dash a pair of spaced dashes around an incise becomes, closed up."""


@dataclass(frozen=True)
class Conventions:
    """One language's typographic conventions: data the rules are built from."""

    scale_words: tuple[str, ...] = ()
    time_units: tuple[str, ...] = ()
    not_units: frozenset[str] = frozenset()
    """Unit symbols that are also words of the language, left breakable."""
    ordinals: tuple[tuple[str, str], ...] = ()
    """(pattern, replacement) pairs; the pattern's group 1 is the number."""
    roman_ordinals: tuple[str, ...] = ()
    """Suffixes raised after a Roman numeral ("XXIe", "Ier")."""
    dashes: Dashes | None = None
    range_dash: str | None = EN_DASH
    punctuation_spaces: bool = False
    """French: a narrow no-break space before ; : ! ? » and after «."""


_SUPERSCRIPT = str.maketrans("abdeilmnorst", "ᵃᵇᵈᵉⁱˡᵐⁿᵒʳˢᵗ")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

_ORDINAL_SUFFIXES = {
    "e": "e", "es": "es", "ème": "e", "èmes": "es", "ième": "e", "ièmes": "es", "eme": "e",
    "emes": "es", "ieme": "e", "iemes": "es",
    "er": "er", "ers": "ers", "re": "re", "res": "res", "ère": "re", "ères": "res",
    "nd": "nd", "nde": "nde", "nds": "nds", "ndes": "ndes", "d": "d", "de": "de",
}
"""An ordinal's suffix as written → as the Imprimerie nationale writes it (then raised)."""


_NTH = tuple(spelled for spelled, suffix in _ORDINAL_SUFFIXES.items() if suffix in ("e", "es"))


def _suffixes(*names: str) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


_FRENCH_ORDINALS = (
    (_NUMBER_START + rf"(1)({_suffixes('er', 'ers', 're', 'res', 'ère', 'ères')})(?!\w)",
     "first"),
    # second only: French has no "22nd"
    (_NUMBER_START + rf"(2)({_suffixes('nd', 'nde', 'nds', 'ndes', 'd', 'de')})(?!\w)",
     "second"),
    (_NUMBER_START + rf"(\d+)({_suffixes(*_NTH)})(?!\w)", "nth"),
)
_ROMAN = re.compile(r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

UNIT_SYMBOLS = (
    "°C", "°F", "km²", "km2", "km³", "m²", "m2", "m³", "m3", "cm", "mm", "km", "m", "ha",
    "kt", "Mt", "Gt", "t", "kg", "kWh", "MWh", "GWh", "TWh", "Wh",
    "kWc", "MWc", "kW", "MW", "GW", "TW", "W", "ppm", "ppb", "dB", "h", "min", "‰",
    "€", "$", "£", "¥", "₹",
)
"""Symbols a number binds to, in every language (the longest alternatives first)."""
_BEFORE_NUMBER = ("n°", "nº", "N°", "Nº", "№", "§", "p.", "pp.", "art.", "US$", "€", "$",
                  "£", "¥")
_FORMULAS = ("CO2", "CH4", "N2O", "SF6", "NF3")

LANGUAGES: dict[str, Conventions] = {
    "fr": Conventions(
        scale_words=("mille", "milliers?", "millions?", "milliards?", "billions?",
                     "trillions?"),
        time_units=("ans?", "années?", "mois", "semaines?", "jours?", "heures?", "minutes?"),
        ordinals=_FRENCH_ORDINALS,
        roman_ordinals=("e", "es", "er", "ers", "re"),
        dashes=Dashes(EN_DASH),
        punctuation_spaces=True),
    "en": Conventions(
        scale_words=("thousand", "millions?", "billions?", "trillions?", "bn"),
        time_units=("years?", "months?", "weeks?", "days?", "hours?", "minutes?"),
        dashes=Dashes(EN_DASH)),
    "es": Conventions(
        scale_words=("mil", "millón", "millones", "millardos?", "billón", "billones"),
        time_units=("años?", "mes", "meses", "semanas?", "días?", "horas?", "minutos?"),
        not_units=frozenset({"ha"}),
        ordinals=((_NUMBER_START + r"(\d+\.)(er)(?!\w)", "apocopated"),),
        dashes=Dashes(EN_DASH, closed_incise=EM_DASH)),
    "ru": Conventions(
        scale_words=("тыс\\.", "млн", "млрд", "трлн"),
        dashes=Dashes(EM_DASH)),
    "zh": Conventions(range_dash=None),
}
DEFAULT = Conventions()
"""Any other language: numbers, units, percent, formulas and ranges; dashes, ordinals
and punctuation as written."""


def conventions(lang: str) -> Conventions:
    return LANGUAGES.get(lang) or LANGUAGES.get(lang.split("-")[0]) or DEFAULT


@cache
def rules_for(lang: str, locale: str) -> tuple[Rule, ...]:
    """The rules for `lang` (a positions language code) in CLDR `locale`, in the order
    they run."""
    found = conventions(lang)
    return tuple(rule for build in _BUILDERS for rule in build(found, _cldr(locale)))


@dataclass(frozen=True)
class _Cldr:
    group: str
    percent_space: str | None


def _cldr(locale: str) -> _Cldr:
    try:
        parsed = Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        return _Cldr(NARROW_NBSP, None)
    group = get_group_symbol(parsed)
    percent = format_percent(0.5, locale=parsed)
    space = next((c for c in percent if c.isspace()), None)
    return _Cldr(group if group.isspace() else NARROW_NBSP, space)


_has_digit = re.compile(r"\d").search


def _holding(*needles: str) -> Callable[[str], bool]:
    """A quick test: does the text hold one of `needles`?"""
    return lambda text: any(needle in text for needle in needles)


def _rule(name: str, pattern: str, replacement: str | Callable[[re.Match[str]], str],
          needs: Callable[[str], object] | None = None) -> Rule:
    return Rule(name, re.compile(pattern), replacement, needs)


_CO2E = r"(?=(?:e|eq|-eq)?(?!\w))"
"""What may follow a formula: "CO₂e", "CO₂eq", "CO₂-eq", or nothing of a word."""


def _formulas(_: Conventions, __: _Cldr) -> list[Rule]:
    formulas = "|".join(_FORMULAS)
    subscripted = "|".join(f.translate(_SUBSCRIPT) for f in _FORMULAS)
    return [
        _rule("formula", rf"(?<![^\W\d_]|\d)((?:[kMG]?t)?)({formulas}){_CO2E}",
              lambda m: m.group(1) + m.group(2).translate(_SUBSCRIPT), _holding(*_FORMULAS)),
        _rule("formula-unit", rf"(?<!\w)([kMG]?t){_SPACE}(?=(?:{subscripted}){_CO2E})",
              r"\1" + NBSP, _holding(*"₂₃₄₆")),
    ]


def _ordinals(conv: Conventions, _: _Cldr) -> list[Rule]:
    rules = []
    for pattern, kind in conv.ordinals:
        rules.append(_rule(f"ordinal-{kind}", pattern, _raise_suffix, _has_digit))
    if conv.roman_ordinals:
        def roman(match: re.Match[str]) -> str:
            numeral = match.group(1)
            if not _ROMAN.fullmatch(numeral) or numeral in ("C", "L"):  # "Ce", "Le": words
                return match.group(0)
            return _raise_suffix(match)

        rules.append(_rule("ordinal-roman", rf"{_NUMBER_START}([IVXLC]+)"
                           rf"({_suffixes(*conv.roman_ordinals)})(?!\w)", roman,
                           re.compile(r"(?:[IVX]|[IVXLC][LC])[er]").search))
    return rules


def _raise_suffix(match: re.Match[str]) -> str:
    """"21" + "ème" → "21ᵉ"; "1." + "er" → "1.ᵉʳ"."""
    suffix = _ORDINAL_SUFFIXES.get(match.group(2), match.group(2))
    head = match.group(0)[: match.start(2) - match.start(0)]
    return head + suffix.translate(_SUPERSCRIPT)


def _number_groups(_: Conventions, cldr: _Cldr) -> list[Rule]:
    def join(match: re.Match[str]) -> str:
        return re.sub(r"\s", cldr.group, match.group(0))

    return [_rule("number-groups", rf"{_NUMBER_START}\d{{1,3}}(?:[ \u00a0\u2009\u202f]\d{{3}})+"
                  r"(?!\d)", join, _has_digit)]


_NUMBER = r"\d+(?:[.,\u202f]\d+)*"


def _ranges(conv: Conventions, _: _Cldr) -> list[Rule]:
    dash = conv.range_dash
    if dash is None:
        return []

    def en_dash(match: re.Match[str]) -> str:
        low, high = match.group(1), match.group(2)
        if low.isdigit() and high.isdigit():
            rising = int(high) > int(low) or (
                len(low) == 4 and len(high) == 2 and int(high) > int(low[2:]))
            if not rising:
                return match.group(0)
        return low + dash + high

    return [_rule("range", rf"(?<![\w.,/\-–—])({_NUMBER})-({_NUMBER})(?![\w/\-–—]|[.,]\d)",
                  en_dash, _holding("-"))]


def _percent(_: Conventions, cldr: _Cldr) -> list[Rule]:
    if cldr.percent_space is not None:  # the language wants a space before %
        return [_rule("percent", rf"(\d){_SPACE}?(?=[%‰])", r"\1" + cldr.percent_space,
                      _holding("%", "‰"))]
    return [_rule("percent", rf"(\d){_SPACE}+(?=[%‰])", r"\1" + NBSP, _holding("%", "‰"))]


def _bindings(conv: Conventions, _: _Cldr) -> list[Rule]:
    units = [re.escape(u) for u in UNIT_SYMBOLS if u not in conv.not_units]
    words = [*conv.scale_words, *conv.time_units, *units]
    currencies = frozenset(list_currencies())

    def before(match: re.Match[str]) -> str:
        return match.group(1) + NBSP

    def after(match: re.Match[str]) -> str:
        code = match.group(2)
        if code is not None and code not in currencies:
            return match.group(0)
        return match.group(1) + NBSP

    announce = "|".join(re.escape(w) for w in _BEFORE_NUMBER)
    return [
        # a number and what it measures: "2 °C", "60,2 millions", "20 ans", "100 EUR"
        _rule("number-unit", rf"(\d){_SPACE}(?=(?:{'|'.join(words)})(?![\w²³’']))",
              r"\1" + NBSP, _has_digit),
        _rule("number-currency", rf"(\d){_SPACE}(?=([A-Z]{{3}})(?!\w))", after, _has_digit),
        # what announces a number: "EUR 60.2", "CP 21", "n° 5", "p. 12"
        _rule("before-number", rf"(?<!\w)([A-Z]{{2,}}|{announce}){_SPACE}(?=\d)", before,
              _has_digit),
    ]


def _dashes(conv: Conventions, _: _Cldr) -> list[Rule]:
    style = conv.dashes
    if style is None:
        return []
    rules = []
    dashed = _holding("-", "–", "—")
    if style.closed_incise is not None:
        mark = style.closed_incise
        rules.append(_rule(
            "incise",
            rf"(?<=\S){_SPACE}+[-–—]{_SPACE}+([a-záéíóúüñ¿¡«][^–—.!?\n]*?\S){_SPACE}+[-–—]"
            rf"(?={_SPACE}|[,;:)]|$)",
            lambda m: f" {mark}{m.group(1)}{mark}", dashed))
    # between words: not after an opening mark nor before a closing one ("« — »", "– ;")
    rules.append(_rule("dash", rf"(?:(?<=[^\s«(\[“‘¿¡])|^){_SPACE}+[-–—]{_SPACE}+"
                       r"(?=[^\s;:!?»)\]”’]|$)",
                       f"{NBSP}{style.mark} ", dashed))
    return rules


def _punctuation(conv: Conventions, _: _Cldr) -> list[Rule]:
    if not conv.punctuation_spaces:
        return []
    return [
        _rule("space-before", rf"(?:(?<=[^\s!?])|^){_SPACE}*([;!?])", NARROW_NBSP + r"\1",
              _holding(";", "!", "?")),
        _rule("space-before-guillemet", rf"(?:(?<=\S)|^){_SPACE}*»", NARROW_NBSP + "»",
              _holding("»")),
        _rule("space-before-colon", rf"(?:(?<=\S)|^){_SPACE}*:(?!\d)", NARROW_NBSP + ":",
              _holding(":")),
        _rule("space-after", rf"«{_SPACE}*", "«" + NARROW_NBSP, _holding("«")),
    ]


_BUILDERS: tuple[Callable[[Conventions, _Cldr], list[Rule]], ...] = (
    _formulas, _ordinals, _number_groups, _ranges, _percent, _bindings, _dashes,
    _punctuation,
)
"""The rules in the order they run: characters first, then the spaces around them."""

PRODUCED = frozenset(
    NBSP + NARROW_NBSP + EN_DASH + EM_DASH + "ᵉʳˢⁿᵈ" + "".join(
        ch for f in _FORMULAS for ch in f.translate(_SUBSCRIPT) if not ch.isascii()))
"""Every character the rules may write that a text may not already hold: the bundled
fonts must draw them all (tests/test_typography.py checks)."""
