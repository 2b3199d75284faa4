"""Fonts for an HTML brief, embedded so that it looks the same off Linux and opened
from an e-mail: the rules of templates/web-fonts.css whose unicode-range the page's
text uses, each with its font inlined as a data: URI. Only files of the template set
are read: a project's stylesheet cannot make the renderer read anything else."""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

from ..resources import TemplateSet, is_template_name

WEB_FONTS_CSS = "web-fonts.css"
_RULE = re.compile(r"@font-face\s*\{[^}]*\}")
_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)['\"]?\s*\)")
_RANGE = re.compile(r"U\+([0-9A-Fa-f]{1,6})(?:-([0-9A-Fa-f]{1,6}))?")


def embedded_fonts(templates: TemplateSet, text: str) -> str:
    """The @font-face rules the page needs, fonts inlined; '' without web-fonts.css."""
    source = templates.find(WEB_FONTS_CSS)
    if source is None:
        return ""
    used = {ord(c) for c in text}
    rules = []
    for rule in _RULE.findall(source.read_text(encoding="utf-8")):
        ranges = [(int(low, 16), int(high or low, 16)) for low, high in
                  _RANGE.findall(rule.split("unicode-range", 1)[1])] if (
            "unicode-range" in rule) else []
        if ranges and not any(low <= c <= high for c in used for low, high in ranges):
            continue
        rules.append(_URL.sub(lambda m: _inline(templates, m.group(1)), rule))
    return "\n".join(rules)


def _inline(templates: TemplateSet, name: str) -> str:
    path = templates.find(name) if is_template_name(name) else None
    if path is None:
        return "url()"  # not one of the templates' files: nothing is fetched
    return f"url(data:font/woff2;base64,{_encoded(path, path.stat().st_mtime_ns)})"


@cache
def _encoded(path: Path, mtime: int) -> str:
    return base64.b64encode(path.read_bytes()).decode("ascii")
