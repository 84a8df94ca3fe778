"""One contract for every article: the canonical Table Schemas that ship with the package.

An article's ``datapackage.json`` describes its tables so that other tools (Frictionless, a
spreadsheet) can read them; the lessons, though, rely on exactly the columns, types and rules in
``newscase/data/schemas/``. This module checks the one against the other, so a column missing
from both a CSV and its descriptor is reported as one line instead of failing deep inside a
lesson, and writes a descriptor's resources from the canonical schemas
(``python -m newscase descriptor FOLDER``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from newscase.data.errors import show
from newscase.data.files import atomic_write

SCHEMAS = Path(__file__).with_name("schemas")
DESCRIPTOR = "datapackage.json"
# What a lesson reads of a field; a field's description and title are the article's own.
COMPARED = ("type", "constraints", "separator", "references")
MEDIA = {"profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
         "encoding": "utf-8"}


@cache
def canonical() -> dict[str, dict]:
    """Table name -> its canonical resource (title, schema), with ``required`` and
    ``min_rows`` from tables.json, in the package's table order."""
    order = json.loads((SCHEMAS / "tables.json").read_text(encoding="utf-8"))
    tables = {}
    for entry in order:
        resource = json.loads((SCHEMAS / f"{entry['name']}.json").read_text(encoding="utf-8"))
        tables[entry["name"]] = {**resource, **entry}
    return tables


def required_tables() -> list[str]:
    return [name for name, table in canonical().items() if table["required"]]


def contract_errors(descriptor: dict, folder: Path) -> dict[str, list[str]]:
    """Problems by table ('' for the package as a whole), one line each."""
    where = DESCRIPTOR
    problems: dict[str, list[str]] = {"": []}
    if descriptor["name"] != folder.name:
        problems[""].append(f"{where}: name '{show(descriptor['name'])}' does not match the "
                            f"folder '{show(folder.name)}'; make them the same")
    present = {r.get("name") for r in descriptor["resources"]}
    for name in required_tables():
        if name not in present:
            problems[""].append(f"{where}: has no '{name}' table; every article needs "
                                f"{', '.join(required_tables())} (python -m newscase descriptor "
                                "FOLDER adds the canonical description of any missing one)")
    for resource in descriptor["resources"]:
        expected = canonical().get(resource.get("name"))
        if expected is not None:
            problems[resource["name"]] = schema_differences(resource, expected)
    return problems


def schema_differences(resource: dict, expected: dict) -> list[str]:
    where = f"{DESCRIPTOR}: {resource['name']}"
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    wanted = expected["schema"]["fields"]
    problems = [f"{where}: field '{f['name']}' is missing; the lessons need it "
                f"({f.get('description') or f['type']})" for f in wanted if f["name"] not in fields]
    known = {f["name"] for f in wanted}
    problems += [f"{where}: field '{show(name)}' is not in the canonical schema; expected "
                 f"{', '.join(f['name'] for f in wanted)}" for name in fields if name not in known]
    for spec in wanted:
        mine = fields.get(spec["name"])
        for key in COMPARED if mine else ():
            if mine.get(key) != spec.get(key):
                problems.append(f"{where}: field '{spec['name']}' has {key} "
                                f"{show(json.dumps(mine.get(key)), 80)}; the canonical schema "
                                f"says {show(json.dumps(spec.get(key)), 80)}")
    if not problems and [f["name"] for f in resource["schema"]["fields"]] != \
            [f["name"] for f in wanted]:
        problems.append(f"{where}: fields are out of order; expected "
                        f"{', '.join(f['name'] for f in wanted)}")
    for key in ("primaryKey", "foreignKeys"):
        if resource["schema"].get(key) != expected["schema"].get(key):
            problems.append(f"{where}: schema.{key} differs from the canonical schema "
                            f"({show(json.dumps(expected['schema'].get(key)), 120)})")
    return problems


def too_few_rows(name: str, rows: int) -> list[str]:
    needed = canonical().get(name, {}).get("min_rows", 0)
    if rows < needed:
        return [f"{name}.csv: has {rows} rows; the lessons need at least {needed}"]
    return []


def canonical_resource(name: str) -> dict:
    """The descriptor entry for one canonical table, as ``newscase descriptor`` writes it."""
    table = canonical()[name]
    described = {"description": table["description"]} if "description" in table else {}
    return {"name": name, "path": f"{name}.csv", "title": table["title"], **described, **MEDIA,
            "schema": table["schema"]}


def write_descriptor(folder: Path) -> list[str]:
    """Rewrite the descriptor's canonical resources (and add missing required ones) from the
    package's schemas, keeping the article block and any table of the article's own. The file
    is replaced atomically. Returns the names of the tables written."""
    path = folder / DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    present = [r["name"] for r in descriptor["resources"]]
    wanted = [n for n in canonical() if n in present or canonical()[n]["required"]]
    own = [r for r in descriptor["resources"] if r["name"] not in canonical()]
    descriptor["resources"] = [canonical_resource(n) for n in wanted] + own
    atomic_write(path, (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode())
    return wanted
