"""`plaidoyer schema KIND`: the JSON Schema of a kind of file, for editors' YAML tooling.

Point an editor's YAML extension at it (e.g. `# yaml-language-server: $schema=…`) to
get completion and red squiggles while typing, before `plaidoyer validate` runs.
"""

from __future__ import annotations

import json

import click
from pydantic import BaseModel

from ..model.audience import AudienceFile
from ..model.project import ContentFile, GlossaryFile, PaperFile

SCHEMAS: dict[str, type[BaseModel]] = {
    "paper": PaperFile,
    "content": ContentFile,
    "glossary": GlossaryFile,
    "audience": AudienceFile,
}


def print_schema(kind: str) -> None:
    schema = SCHEMAS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    click.echo(json.dumps(schema, indent=2, ensure_ascii=False))
