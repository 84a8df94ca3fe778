"""Frictionless Table Schema checks (types, constraints, keys), reworded as one line each."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

from newscase.data import cache
from newscase.data.errors import ROW_OFFSET, show
from newscase.data.imports import import_jsonschema_without_iri_grammars
from newscase.data.tables import Table, cell_errors
from newscase.present.suggest import did_you_mean

TYPE_WORDS = {"integer": "a whole number", "number": "a number", "date": "a date as YYYY-MM-DD"}
REPORTED_ELSEWHERE = {"blank-row", "extra-cell", "missing-cell", "extra-label", "missing-label",
                      "incorrect-label", "blank-label", "duplicate-label", "encoding-error",
                      "source-error"}


def schema_errors(folder: Path, descriptor: dict, tables: dict[str, Table]) -> list[str]:
    """Per file, in resource order: our stricter cell checks, then Frictionless's."""
    sound = [r for r in descriptor["resources"] if tables[r["name"]].usable]
    if not sound:
        return []
    lines = {r["name"]: cell_errors(tables[r["name"]]) for r in sound}
    package = {**descriptor, "resources": [prepared(r, tables) for r in sound]}
    passed = passed_key(folder, package)
    if not cache.has_marker(PASSED, passed):
        report = import_frictionless().Package(package, basepath=str(folder)).validate()
        for task in report.tasks:
            table = tables[task.name]
            lines[task.name] += filter(None, (reword(table, e, tables) for e in task.errors))
        if report.valid:
            cache.save_marker(PASSED, passed)
    return [line for table_lines in lines.values() for line in table_lines]


PASSED = "frictionless-passed"


def passed_key(folder: Path, package: dict) -> str:
    """Names a record that Frictionless found nothing wrong with exactly this package.

    Every lesson loads the same data; with the record only the first kernel pays for
    Frictionless (0.6 s). The key covers the prepared descriptor, the bytes of every data file
    and the Frictionless version. Only passes are recorded: a problem is always reported by
    Frictionless itself.
    """
    return cache.content_key(json.dumps(package, sort_keys=True),
                             importlib.metadata.version("frictionless"),
                             *((folder / r["path"]).read_bytes() for r in package["resources"]))


def import_frictionless():
    """Frictionless, imported on first use: ``import newscase`` stays cheap (it costs 0.25 s)."""
    import_jsonschema_without_iri_grammars()
    import frictionless

    return frictionless


def prepared(resource: dict, tables: dict[str, Table]) -> dict:
    """Pin the dialect (Frictionless otherwise sniffs a delimiter from odd cells) and drop
    foreign keys into broken files, which would only cascade."""
    keys = [k for k in resource["schema"].get("foreignKeys", [])
            if not k["reference"]["resource"] or tables[k["reference"]["resource"]].usable]
    return {**resource, "dialect": {"csv": {"delimiter": ",", "quoteChar": '"'}},
            "schema": {**resource["schema"], "foreignKeys": keys}}


def reword(table: Table, error, tables: dict[str, Table]) -> str | None:
    row = getattr(error, "row_number", None)
    name = getattr(error, "field_name", None)
    if error.type in REPORTED_ELSEWHERE or (row, name) in table.flagged:
        return None
    if error.type == "constraint-error":
        return constraint_line(table, row, name, error.cell, error.note)
    if error.type == "type-error":
        spec = table.field_named(name)
        wanted = "a URL" if spec.get("format") == "uri" else TYPE_WORDS.get(spec.get("type"))
        return f"{table.file}:{row}:{name}: '{show(error.cell)}' is not {wanted}"
    if error.type in ("primary-key", "unique-error"):
        return duplicate_line(table, row, name or "id")
    if error.type == "foreign-key":
        target = tables[error.reference_name or table.name]
        return unknown_id_line(table, row, error.field_names[0], error.field_cells[0], target)
    where = ":".join(str(p) for p in (table.file, row, name) if p)
    return f"{where}: {show(error.note or error.type, 200)}"


def constraint_line(table: Table, row: int, name: str, cell: str, note: str) -> str:
    constraints = table.field_named(name).get("constraints", {})
    where = f"{table.file}:{row}:{name}"
    if "required" in note:
        return f"{where}: is required but empty"
    if "enum" in note:
        return f"{where}: '{show(cell)}' is not one of {', '.join(constraints['enum'])}"
    if "minimum" in note or "maximum" in note:
        low, high = constraints.get("minimum"), constraints.get("maximum")
        if low is not None and high is not None:
            return f"{where}: {show(cell)} is not in {low}..{high}"
        return f"{where}: {show(cell)} is below the minimum {low}"
    if "pattern" in note:
        return f"{where}: '{show(cell)}' does not match the pattern {constraints['pattern']}"
    return f"{where}: '{show(cell)}' breaks a rule ({show(note, 100)})"


def duplicate_line(table: Table, row: int, name: str) -> str:
    value = table.rows[row - ROW_OFFSET].get(name, "")
    first = next(i + ROW_OFFSET for i, r in enumerate(table.rows) if r.get(name) == value)
    kind = "id" if name == "id" else "value"
    return (f"{table.file}:{row}:{name}: duplicate {kind} '{show(value)}' (first used on row "
            f"{first})")


def unknown_id_line(table: Table, row: int, name: str, value: str, target: Table) -> str:
    hint = did_you_mean(value, sorted(target.ids()), inline=True)
    return f"{table.file}:{row}:{name}: '{show(value)}' is not an id in {target.file}{hint}"
