"""Building blocks of the domain model: located nodes, ids, references and translatable text.

Every model object is frozen and remembers where it was written (`at`), so that a
problem found long after loading still points editors at file:line:col.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, model_validator
from pydantic.functional_validators import PlainValidator
from pydantic.json_schema import SkipJsonSchema, WithJsonSchema
from pydantic_core import core_schema

from ..diagnostics import UNKNOWN, LocatedStr, Location

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANG_PATTERN = r"^[a-z]{2,3}(?:-[A-Z]{2})?$"
_ID_RE = re.compile(ID_PATTERN)

FIGURE_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z0-9]+(?:-[a-z0-9]+)*)\}(?!\})")
"""A figure printed inside a text: `{figure-id}`; double braces stay literal."""


FOREIGN = re.compile(r"\[([^\[\]]+)\]\{lang=([a-z]{2,3}(?:-[A-Z]{2})?)\}")
"""Words in another language inside a text: `[Resilience: a review]{lang=en}` keeps that
language's typography (and its `lang` mark in HTML and DOCX)."""


def foreign_segments(text: str) -> list[tuple[str, str | None]]:
    """`text` as runs of (words, language), language None for the text's own."""
    found: list[tuple[str, str | None]] = []
    last = 0
    for match in FOREIGN.finditer(text):
        found.append((text[last:match.start()], None))
        found.append((match.group(1), match.group(2)))
        last = match.end()
    found.append((text[last:], None))
    return [(words, lang) for words, lang in found if words]


def figure_ids_in(text: str) -> list[str]:
    """The ids of the figures a text prints, in order."""
    return FIGURE_PLACEHOLDER.findall(text)


class Node(BaseModel):
    """A frozen model object that knows the file, line and column it was read from."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)

    at: SkipJsonSchema[Location] = Field(default=UNKNOWN, exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _take_location(cls, data: Any) -> Any:
        at = getattr(data, "at", None)
        if isinstance(data, dict) and isinstance(at, Location):
            if "at" in data:
                raise ValueError("unknown field 'at': remove it")
            return {**data, "at": at}
        return data


def _as_id(value: Any) -> LocatedStr:
    if not isinstance(value, str):
        raise ValueError("an id must be text such as 'dakar-ile-de-france'")
    if not _ID_RE.match(value):
        raise ValueError(
            f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens, "
            "such as 'dakar-ile-de-france'"
        )
    return value if isinstance(value, LocatedStr) else LocatedStr(value, UNKNOWN)


Id = Annotated[
    LocatedStr,
    PlainValidator(_as_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]
"""An id, or a reference to one; it keeps its location for `[ref]` diagnostics."""


def location(value: object, default: Location = UNKNOWN) -> Location:
    """Where a value was written, if it remembers."""
    return getattr(value, "at", default)


INTERNAL_KEY = "internal"
EXPAND_KEY = "expand"


class Text(Mapping[str, str]):
    """A translatable text: one string per language code, plus where the mapping was written.

    `internal: true` beside the languages keeps this one text out of public briefs;
    `expand: false` prints its acronyms as they are, never expanded."""

    __slots__ = ("_values", "at", "expand", "internal")

    def __init__(self, values: Mapping[str, str], at: Location = UNKNOWN,
                 internal: bool = False, expand: bool = True) -> None:
        self._values = dict(values)
        self.at = at
        self.internal = internal
        self.expand = expand

    def __getitem__(self, lang: str) -> str:
        return self._values[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return hash((tuple(sorted(self._values.items())), self.internal, self.expand))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Text):
            return (self._values, self.internal, self.expand) == (
                other._values, other.internal, other.expand)
        return NotImplemented

    def __repr__(self) -> str:
        flags = (", internal=True" if self.internal else "") + (
            ", expand=False" if not self.expand else "")
        return f"Text({self._values!r}{flags})"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        mapping = core_schema.dict_schema(
            core_schema.str_schema(pattern=LANG_PATTERN), core_schema.str_schema(min_length=1)
        )

        def build(value: Any, validate: core_schema.ValidatorFunctionWrapHandler) -> Text:
            if isinstance(value, Text):
                return value
            if isinstance(value, str):
                raise ValueError(
                    "a translatable text needs one entry per language, such as "
                    "'fr: …' and 'en: …' on their own lines"
                )
            flags, at = {INTERNAL_KEY: False, EXPAND_KEY: True}, location(value)
            if isinstance(value, dict):
                for key in flags:
                    if key in value:
                        if not isinstance(value[key], bool):
                            raise ValueError(f"'{key}' takes true or false")
                        flags[key] = value[key]
                value = {k: v for k, v in value.items() if k not in flags}
            return cls(validate(value), at, flags[INTERNAL_KEY], flags[EXPAND_KEY])

        return core_schema.no_info_wrap_validator_function(
            build, mapping, serialization=core_schema.plain_serializer_function_ser_schema(dict)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {INTERNAL_KEY: {"type": "boolean"}, EXPAND_KEY: {"type": "boolean"}},
            "patternProperties": {LANG_PATTERN: {"type": "string", "minLength": 1}},
            "additionalProperties": False,
        }
