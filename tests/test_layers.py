"""Layers only look down: the model is importable without click, the CLI or any renderer;
renderers know nothing of the CLI; loading knows nothing of rendering."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "plaidoyer"

# (modules, what they must never import), module names relative to the package
RULES = [
    ("model", ("click", "plaidoyer.commands", "plaidoyer.__main__", "plaidoyer.load",
               "plaidoyer.yamlsource", "plaidoyer.render", "plaidoyer.tailor",
               "plaidoyer.validate", "weasyprint", "docx", "docxtpl", "jinja2")),
    ("diagnostics", ("click", "plaidoyer.")),
    ("render", ("click", "plaidoyer.commands", "plaidoyer.__main__", "plaidoyer.load",
                "plaidoyer.validate")),
    ("load", ("click", "plaidoyer.render", "plaidoyer.tailor", "weasyprint", "docx")),
    ("yamlsource", ("click", "plaidoyer.render", "plaidoyer.model")),
    ("validate", ("click", "plaidoyer.render", "plaidoyer.tailor")),
    ("tailor", ("click", "plaidoyer.render", "plaidoyer.validate", "plaidoyer.load",
                "plaidoyer.commands")),
    ("select", ("click", "plaidoyer.render", "plaidoyer.load", "plaidoyer.commands")),
    ("localize", ("click", "plaidoyer.render", "plaidoyer.load")),
    ("partners", ("click", "plaidoyer.render", "plaidoyer.load", "plaidoyer.commands")),
    ("typography", ("click", "plaidoyer.")),  # text rules: pure, below everything
    ("scripts", ("click", "plaidoyer.")),
    ("frontpage", ("click", "plaidoyer.render", "plaidoyer.load", "plaidoyer.commands")),
    ("layout", ("click", "plaidoyer.render", "plaidoyer.load", "plaidoyer.commands")),
    ("glossary_use", ("click", "plaidoyer.render", "plaidoyer.load", "plaidoyer.commands")),
    ("translation", ("click", "plaidoyer.render", "plaidoyer.tailor", "plaidoyer.commands")),
    ("write", ("click", "plaidoyer.render", "plaidoyer.tailor", "plaidoyer.load",
               "plaidoyer.model", "plaidoyer.commands")),
]


def _modules(prefix: str) -> list[Path]:
    folder = PACKAGE / prefix
    if folder.is_dir():
        return sorted(folder.rglob("*.py"))
    file = PACKAGE / f"{prefix}.py"
    return [file] if file.exists() else []


def _imports(file: Path) -> set[str]:
    """Absolute names of every module `file` imports."""
    package = "plaidoyer." + ".".join(file.relative_to(PACKAGE).with_suffix("").parts[:-1])
    package = package.rstrip(".")
    found = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize(("layer", "forbidden"), RULES, ids=[r[0] for r in RULES])
def test_layer_imports_only_downwards(layer: str, forbidden: tuple[str, ...]) -> None:
    files = _modules(layer)
    assert files, f"no module for layer '{layer}'"
    bad = []
    for file in files:
        for name in sorted(_imports(file)):
            for rule in forbidden:
                own = name.startswith(f"plaidoyer.{layer}")
                if not own and (name == rule.rstrip(".") or name.startswith(rule.rstrip(".") + ".")
                                or (rule.endswith(".") and name.startswith(rule))):
                    bad.append(f"{file.relative_to(PACKAGE)} imports {name}")
    assert bad == []


def test_importing_the_model_loads_no_click_and_no_renderer() -> None:
    code = ("import sys, plaidoyer.model.project, plaidoyer.model.audience, "
            "plaidoyer.model.brief; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('click', 'weasyprint', 'docx', 'docxtpl', 'jinja2') or "
            "m.startswith(('plaidoyer.render', 'plaidoyer.commands', 'plaidoyer.load'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
