"""Turn pydantic's validation errors into located, plain-language diagnostics."""

from __future__ import annotations

import difflib
import inspect
import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, Location, Severity
from .yamlsource import LocatedDict, LocatedList

_Loc = tuple[int | str, ...]

_PLAIN = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "finite_number": "expected a finite number (not .nan or .inf)",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "date_type": "expected a date such as 2015-11-30",
    "date_parsing": "expected a date such as 2015-11-30",
    "date_from_datetime_parsing": "expected a date such as 2015-11-30",
    "tuple_type": "expected a list (one '- ' line per entry)",
    "list_type": "expected a list (one '- ' line per entry)",
    "dict_type": "expected 'key: value' lines",
    "model_type": "expected 'key: value' lines",
    "model_attributes_type": "expected 'key: value' lines",
    "string_too_short": "must not be empty",
    "url_parsing": "expected a web address such as https://example.org/report.pdf",
    "url_scheme": "expected a web address starting with http:// or https://",
}


_PATTERNS = {
    "country": "is not an ISO 3166 code such as 'FR' or 'SN'",
    "source_language": "is not a language code such as 'fr' or 'en'",
    "language": "is not a language code such as 'fr' or 'en'",
    "languages": "is not a language code such as 'fr' or 'en'",
    "decision": "is not a decision symbol such as '1/CP.21', '2/CMA.4' or '-/CP.28'",
    "article": "is not an article number such as '8' or '9.1'",
    "item": "is not an agenda item number such as '5' or '5(b)'",
    "doi": "is not a DOI such as '10.1017/9781009325844'",
    "email": "is not an e-mail address such as 'name@example.org'",
    "unit": "is not a unit: use an ISO 4217 code such as 'EUR', or a unit such as 'percent'",
}
"""What a value of each patterned field looks like, for editors."""


def schema_diagnostics(error: ValidationError, data: Any, model: type[BaseModel],
                       path: str) -> list[Diagnostic]:
    """One diagnostic per pydantic error, located at the node it is about."""
    found = []
    errors = error.errors(include_url=False)
    failed_inside = [tuple(e["loc"]) for e in errors if e["type"] != "too_short"]
    for item in errors:
        loc: _Loc = tuple(item["loc"])
        if item["type"] == "too_short" and any(
            inner[: len(loc)] == loc and len(inner) > len(loc) for inner in failed_inside
        ):
            continue  # pydantic counts the entries that failed as missing: say it once
        at = _locate(data, loc, item["type"], path)
        found.append(Diagnostic(at, Severity.ERROR, _message(item, loc, model), "schema"))
    return found


def _locate(data: Any, loc: _Loc, kind: str, path: str) -> Location:
    """The deepest node on `loc` that exists; keys for unknown fields, values otherwise."""
    node = data
    at = getattr(data, "at", Location(path, 1, 1))
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, LocatedDict) and isinstance(part, str) and part in node:
            at = node.key_at[part] if (last and kind == "extra_forbidden") else node.value_at[part]
            node = node[part]
        elif isinstance(node, LocatedList) and isinstance(part, int) and part < len(node):
            at = node.item_at[part]
            node = node[part]
        else:
            break
    return at


def _message(item: Any, loc: _Loc, model: type[BaseModel]) -> str:
    kind = item["type"]
    names = [p for p in loc if isinstance(p, str)]
    name = names[-1] if names else ""
    if kind == "missing":
        article = "an" if name[:1] in "aeiou" else "a"
        return f"missing required field '{name}': add {article} '{name}:' line here"
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        hint = difflib.get_close_matches(name, known, n=1)
        text = f"unknown field '{name}'"
        if hint:
            return f"{text} (did you mean '{hint[0]}'?)"
        return f"{text}: expected one of {', '.join(known)}" if known else text
    if kind == "enum":
        expected = item.get("ctx", {}).get("expected", "")
        hint = difflib.get_close_matches(str(item["input"]), re.findall(r"'([^']*)'", expected),
                                         n=1)
        if hint:
            return f"{name}: '{item['input']}' is not allowed (did you mean '{hint[0]}'?)"
        return f"{name}: '{item['input']}' is not allowed: use {expected}"
    if kind == "too_short":
        return f"{name}: needs at least one entry"
    if kind == "string_pattern_mismatch":
        expected = _PATTERNS.get(name, "does not have the expected form")
        return f"{name}: '{item['input']}' {expected}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{name}: {item['msg'].lower()}"
    if kind == "value_error":
        return item["msg"].removeprefix("Value error, ")
    plain = _PLAIN.get(kind, item["msg"])
    if kind in ("dict_type", "model_type") and isinstance(item.get("input"), str):
        plain += f" (found the text '{item['input']}')"
    if kind in ("tuple_type", "list_type") and isinstance(item.get("input"), str):
        plain = f"expected a list: write [{item['input']}]"
    return f"{name}: {plain}" if name else plain


def _fields_at(model: type[BaseModel], loc: _Loc) -> list[str]:
    """The field names of the model found by following `loc` from `model`."""
    tp: Any = model
    for part in loc:
        tp = _step(tp, part)
        if tp is None:
            return []
    tp = _unwrap(tp)
    if inspect.isclass(tp) and issubclass(tp, BaseModel):
        return [n for n in tp.model_fields if n != "at"]
    return []


def _unwrap(tp: Any) -> Any:
    origin = get_origin(tp)
    if origin is Annotated:
        return _unwrap(get_args(tp)[0])
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        return _unwrap(options[0]) if len(options) == 1 else tp
    return tp


def _step(tp: Any, part: int | str) -> Any:
    tp = _unwrap(tp)
    origin = get_origin(tp)
    if inspect.isclass(tp) and issubclass(tp, BaseModel) and isinstance(part, str):
        info = tp.model_fields.get(part)
        return info.annotation if info else None
    if origin in (tuple, list) and isinstance(part, int):
        return get_args(tp)[0]
    if origin is dict and isinstance(part, str):
        return get_args(tp)[1]
    return None
