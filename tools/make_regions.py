"""Generate src/plaidoyer/data/territory-regions.json from CLDR's territory containment.

Usage: python tools/make_regions.py path/to/cldr-core/supplemental/territoryContainment.json
(the file ships in the `cldr-core` npm package: `npm pack cldr-core`). The output maps
every ISO 3166 country to the UN M49 regions that contain it (numeric codes only:
groupings such as EU or UN are not regions), so plaidoyer can group and select
partners by region without a network or a heavy dependency.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).parent.parent / "src" / "plaidoyer" / "data" / "territory-regions.json"


def main(source: str) -> None:
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    table = data["supplemental"]["territoryContainment"]
    version = data["supplemental"].get("version", {}).get("_cldrVersion", "?")
    parents: dict[str, set[str]] = {}
    for key, entry in table.items():
        if "deprecated" in key:
            continue
        region = key.split("-")[0]
        if not region.isdigit():
            continue
        for child in entry["_contains"]:
            parents.setdefault(child, set()).add(region)

    def ancestors(code: str) -> set[str]:
        found: set[str] = set()
        for parent in parents.get(code, ()):
            if parent != "001":
                found |= {parent, *ancestors(parent)}
        return found

    countries = {code: sorted(ancestors(code)) for code in sorted(parents)
                 if len(code) == 2 and code.isalpha()}
    out = {"cldr": version, "continents": sorted(table["001"]["_contains"]),
           "countries": countries}
    OUT.write_text(json.dumps(out, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(countries)} countries, CLDR {version})")


if __name__ == "__main__":
    main(sys.argv[1])
