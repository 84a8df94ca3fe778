"""Write the package's canonical Table Schemas from a reference article's descriptor.

Usage: python scripts/canonical_schemas.py [data/articles/<id>]   (default: the course's article)

Run it after changing a table's columns or rules in the reference article, then commit
lib/newscase/data/schemas/. Every other article is checked against these files
(newscase.data.contract), and `python -m newscase descriptor FOLDER` copies them into a folder.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "lib" / "newscase" / "data" / "schemas"
REFERENCE = ROOT / "data" / "articles" / "atacms-2024-11-17"
# Tables every article has, and how many rows the lessons need in each (a drafted article may
# find no actor or dated event; the lessons then say so). The rest may be
# absent or empty (a lesson section then says it has nothing to show).
REQUIRED = {"actors": 0, "claims": 1, "events": 0, "sources": 0}


def main(folder: Path) -> None:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    SCHEMAS.mkdir(exist_ok=True)
    order = []
    for resource in descriptor["resources"]:
        name = resource["name"]
        entry = {"title": resource.get("title", name), "schema": resource["schema"]}
        if resource.get("description"):
            entry["description"] = resource["description"]
        (SCHEMAS / f"{name}.json").write_text(
            json.dumps(entry, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        order.append({"name": name, "required": name in REQUIRED,
                      "min_rows": REQUIRED.get(name, 0)})
    (SCHEMAS / "tables.json").write_text(json.dumps(order, indent=2) + "\n", encoding="utf-8")
    print(f"{len(order)} canonical schemas written to {SCHEMAS.relative_to(ROOT)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REFERENCE)
