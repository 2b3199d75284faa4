"""Synthetic projects for the benchmarks: N copies of a paper, or one paper M times as long.

Both are made from a real paper (the shipped COP21 paper by default), so that what is
measured is what editors write: the same texts, figures, cases and translations, only
more of them. Run on its own to look at a corpus:

    python bench/corpus.py papers 100 hundred
    python bench/corpus.py long 26 long      # COP21 × 26: a full brief of ~200 pages
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "positions" / "cop21-territorial-partnerships"
"""The paper every synthetic corpus is made from."""

_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z0-9]+(?:-[a-z0-9]+)*)\}(?!\})")


def _project(template: Path, out: Path) -> Path:
    """An empty project beside `template`'s own: its glossary, templates and audiences."""
    root = template.parent.parent
    if out.exists():
        shutil.rmtree(out)
    (out / "positions").mkdir(parents=True)
    for folder in ("glossary", "templates"):
        if (root / folder).is_dir():
            shutil.copytree(root / folder, out / folder)
    if (root / "positions" / "audiences").is_dir():
        shutil.copytree(root / "positions" / "audiences", out / "positions" / "audiences")
    return out


def _paper_id(template: Path) -> str:
    found = re.search(r"^  id: (\S+)$", (template / "paper.yaml").read_text("utf-8"), re.M)
    assert found, f"no paper id in {template / 'paper.yaml'}"
    return found.group(1)


def many_papers(n: int, out: Path, template: Path = TEMPLATE) -> list[str]:
    """`out` as a project of `n` copies of `template`, each with its own paper id (the
    files byte for byte otherwise, comments and translations record included)."""
    _project(template, out)
    original = _paper_id(template)
    ids = []
    for i in range(n):
        paper_id = f"{original}-{i:03d}" if n > 1 else original
        folder = out / "positions" / paper_id
        shutil.copytree(template, folder)
        header = folder / "paper.yaml"
        text = header.read_text("utf-8")
        header.write_text(text.replace(f"  id: {original}\n", f"  id: {paper_id}\n", 1),
                          "utf-8")
        ids.append(paper_id)
    return ids


def long_paper(copies: int, out: Path, template: Path = TEMPLATE) -> str:
    """`out` as a project of one paper: `template` with every item, figure and outline
    section repeated `copies` times (ids suffixed, references and figure placeholders
    renamed alike), so its full brief is `copies` times as long."""
    _project(template, out)
    paper_id = _paper_id(template)
    folder = out / "positions" / paper_id
    folder.mkdir()
    contents = {f.name: yaml.safe_load(f.read_text("utf-8"))
                for f in sorted(template.glob("*.yaml"))
                if f.name != "paper.yaml" and not f.name.startswith(".")}
    header = yaml.safe_load((template / "paper.yaml").read_text("utf-8"))
    items = {i["id"] for data in contents.values() for kind in data for i in data[kind]}
    figures = {f["id"] for data in contents.values() for kind in data for i in data[kind]
               for f in i.get("figures", ())}
    sections = [s["id"] for s in header["paper"]["outline"]]
    outline = []
    for k in range(copies):
        rename = _renamer(k, items | figures | set(sections))
        for section in header["paper"]["outline"]:
            outline.append(_rewrite(section, rename, figures))
        for name, data in contents.items():
            copied = _rewrite(data, rename, figures)
            target = folder / name
            merged = yaml.safe_load(target.read_text("utf-8")) if target.exists() else {}
            for kind, listed in copied.items():
                merged.setdefault(kind, []).extend(listed)
            target.write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False,
                                             width=100), "utf-8")
    header["paper"]["outline"] = outline
    (folder / "paper.yaml").write_text(yaml.safe_dump(header, allow_unicode=True,
                                                      sort_keys=False, width=100), "utf-8")
    # Renamed figure placeholders change the source texts' digests: confirm again.
    subprocess.run([sys.executable, "-m", "plaidoyer", "translate", "confirm", "--root",
                    str(out)], check=True, capture_output=True)
    return paper_id


def _renamer(k: int, ids: set[str]) -> dict[str, str]:
    return {i: (f"{i}-x{k}" if k else i) for i in ids}


_ID_LISTS = ("items", "claims", "cases", "illustrates")


def _rewrite(value: Any, rename: dict[str, str], figures: set[str], key: str = "") -> Any:
    """`value` with its ids, references and figure placeholders renamed."""
    if isinstance(value, dict):
        return {k: _rewrite(v, rename, figures, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in _ID_LISTS and all(isinstance(v, str) for v in value):
            return [rename.get(v, v) for v in value]
        return [_rewrite(v, rename, figures, key) for v in value]
    if isinstance(value, str):
        if key == "id":
            return rename.get(value, value)
        return _PLACEHOLDER.sub(
            lambda m: "{" + rename[m.group(1)] + "}" if m.group(1) in figures else m.group(0),
            value)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kind", choices=["papers", "long"])
    parser.add_argument("count", type=int, help="papers, or copies of the paper's content")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.kind == "papers":
        many_papers(args.count, args.out)
    else:
        long_paper(args.count, args.out)
    print(args.out)


if __name__ == "__main__":
    main()
