"""Build lib/newscase/authoring/drafting/countries.csv, the drafter's country names, capitals and
demonyms, from the npm package world-countries 5.1.0 (ODbL-1.0; see the drafting PROVENANCE.md).

The package is fetched with `npm pack` into a temporary folder (nothing is installed) and checked
against its pinned integrity hash. Run by hand from the repository root:

    python3 scripts/build_countries.py

Columns: iso3, name (the common English name), capitals ('|'), demonyms ('|', English), alt_names
('|': English alternative spellings and abbreviations, Latin letters only).
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path

from npm_package import npm_file

PACKAGE = "world-countries@5.1.0"
INTEGRITY = ("sha512-CXR6EBvTbArDlDDIWU3gfKb7Qk0ck2WNZ234b/A0vuecPzIfzzxH+O6Ejnvg1sT8XuiZjVlzOH0h"
             "08ZtaO7g0w==")
OUT = (Path(__file__).resolve().parents[1] / "lib" / "newscase" / "authoring" / "drafting"
       / "countries.csv")
LATIN = re.compile(r"[A-Za-z][A-Za-z .,'()-]*")


def fetch(workdir: Path) -> list[dict]:
    return json.loads(npm_file(PACKAGE, INTEGRITY, "countries.json", workdir))


def alt_names(country: dict) -> list[str]:
    """Latin-letter alternative names; the two-letter ISO code itself is left out (it is too often
    an ordinary word), other short abbreviations ('UK') are kept."""
    names = [country["name"]["official"], *country.get("altSpellings", [])]
    return [n for n in dict.fromkeys(names)
            if LATIN.fullmatch(n) and n != country["cca2"] and n != country["name"]["common"]]


def rows(countries: list[dict]) -> list[list[str]]:
    out = []
    for c in sorted(countries, key=lambda c: c["cca3"]):
        demonyms = c.get("demonyms", {}).get("eng", {})
        out.append([c["cca3"], c["name"]["common"], c["cca2"], "|".join(c.get("capital", [])),
                    "|".join(dict.fromkeys(d for d in (demonyms.get("m"), demonyms.get("f")) if d)),
                    "|".join(alt_names(c))])
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        countries = fetch(Path(tmp))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["iso3", "name", "iso2", "capitals", "demonyms", "alt_names"])
    writer.writerows(rows(countries))
    OUT.write_text(buffer.getvalue(), encoding="utf-8")
    print(f"wrote {OUT} ({len(countries)} countries, {OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
