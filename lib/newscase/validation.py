"""Validate an article folder: Frictionless schema checks plus the rules a schema cannot express.

Every problem is one line, ``file:row:field: message``, where row counts the header as row 1
(as Frictionless and spreadsheet programs do). Problems with a whole file drop the row and field.
All problems are collected; nothing stops at the first.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import frictionless

KM_PER_MILE = 1.609344
#: Stated ranges are rounded, so miles and kilometres may disagree by this much.
RANGE_TOLERANCE_KM = 1.0
#: Attributions with no actor to name: the reporter, or reports nobody is named for.
UNVOICED_ATTRIBUTIONS = ("reporter", "unattributed-reports")
ROW_OFFSET = 2  # data row i (from 0) is row i + 2: the header is row 1


class DataValidationError(ValueError):
    """Raised by ``load_article`` when the data has problems; ``.errors`` holds one line each."""

    def __init__(self, folder: Path, errors: list[str]):
        self.folder = folder
        self.errors = errors
        noun = "problem" if len(errors) == 1 else "problems"
        lines = "\n".join(f"  {e}" for e in errors)
        super().__init__(
            f"The data in {folder} has {len(errors)} {noun}:\n{lines}\n"
            "Fix each file at the row and field named (row 1 is the header), then load again."
        )


@dataclass
class Table:
    """One CSV as strings, read without Frictionless so that structural problems are ours."""

    name: str
    fields: list[dict]
    header: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)
    usable: bool = False  # header and shape are sound, so row-level rules can run

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def field_named(self, name: str) -> dict | None:
        return next((f for f in self.fields if f["name"] == name), None)


def read_descriptor(folder: Path) -> tuple[dict | None, list[str]]:
    path = folder / "datapackage.json"
    if not path.is_file():
        return None, ["datapackage.json: file is missing; every article folder needs one"]
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except UnicodeDecodeError:
        return None, ["datapackage.json: not valid UTF-8; save it as UTF-8"]
    except json.JSONDecodeError as exc:
        return None, [f"datapackage.json:{exc.lineno}: not valid JSON ({exc.msg})"]


def read_article_text(folder: Path, meta: dict) -> tuple[str | None, list[str]]:
    name = meta.get("path", "article.txt")
    path = folder / name
    if not path.is_file():
        return None, [f"{name}: file is missing; copy the seed article here byte for byte"]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [f"{name}: not valid UTF-8 at byte {exc.start}; restore the seed file"]
    expected = meta.get("sha256")
    actual = hashlib.sha256(raw).hexdigest()
    if expected and actual != expected:
        return text, [
            f"{name}: sha256 is {actual[:12]}…, datapackage.json records {expected[:12]}…; "
            "the article must be the verbatim seed"
        ]
    return text, []


def read_table(folder: Path, resource: dict) -> tuple[Table, list[str]]:
    table = Table(resource["name"], resource["schema"]["fields"])
    path = folder / resource["path"]
    if not path.is_file():
        return table, [f"{table.file}: file is missing"]
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return table, [
            f"{table.file}:{line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
            "save the file as UTF-8"
        ]
    content = content.removeprefix("\ufeff")
    if not content.strip():
        expected = ",".join(f["name"] for f in table.fields)
        return table, [f"{table.file}: the file is empty; it needs the header row {expected}"]
    try:
        records = list(csv.reader(io.StringIO(content, newline="")))
    except csv.Error as exc:
        return table, [f"{table.file}: cannot be read as CSV ({exc})"]
    table.header, body = records[0], records[1:]
    errors = check_header(table)
    if errors:
        return table, errors
    for index, cells in enumerate(body):
        row = index + ROW_OFFSET
        if not any(c.strip() for c in cells):
            errors.append(f"{table.file}:{row}: blank row; delete it")
        elif len(cells) != len(table.header):
            errors.append(
                f"{table.file}:{row}: has {len(cells)} cells but the header has "
                f"{len(table.header)}; check for a missing comma or an unquoted comma"
            )
        table.rows.append(dict(zip(table.header, cells, strict=False)))
    table.usable = not errors
    return table, errors


def check_header(table: Table) -> list[str]:
    expected = [f["name"] for f in table.fields]
    errors = []
    for name in expected:
        if name not in table.header:
            hint = close_match(name, [h for h in table.header if h not in expected])
            errors.append(f"{table.file}:1:{name}: column is missing{hint}")
    for name in table.header:
        if name not in expected:
            errors.append(f"{table.file}:1:{name}: unknown column; expected {', '.join(expected)}")
    seen = set()
    for name in table.header:
        if name in seen:
            errors.append(f"{table.file}:1:{name}: column appears twice")
        seen.add(name)
    if not errors and table.header != expected:
        errors.append(f"{table.file}:1: columns are out of order; expected {', '.join(expected)}")
    return errors


def close_match(word: str, options: list[str]) -> str:
    match = difflib.get_close_matches(word, options, n=1)
    return f" (found '{match[0]}': a typo?)" if match else ""


def schema_errors(folder: Path, descriptor: dict, tables: dict[str, Table]) -> list[str]:
    """Types, constraints, keys: Frictionless checks, reworded as one line each."""
    if not all(t.usable for t in tables.values()):
        # Frictionless reports broken files again, and foreign keys into them cascade.
        sound = [r for r in descriptor["resources"] if tables[r["name"]].usable]
        descriptor = {**descriptor, "resources": [without_broken_keys(r, tables) for r in sound]}
    if not descriptor["resources"]:
        return []
    report = frictionless.Package(descriptor, basepath=str(folder)).validate()
    lines = []
    for task in report.tasks:
        table = tables[task.name]
        for error in task.errors:
            line = reword(table, error, tables)
            if line:
                lines.append(line)
    return lines


def without_broken_keys(resource: dict, tables: dict[str, Table]) -> dict:
    keys = [
        k
        for k in resource["schema"].get("foreignKeys", [])
        if not k["reference"]["resource"] or tables[k["reference"]["resource"]].usable
    ]
    return {**resource, "schema": {**resource["schema"], "foreignKeys": keys}}


def reword(table: Table, error, tables_by_name: dict[str, Table]) -> str | None:
    row = error.row_number
    if error.type == "constraint-error":
        return constraint_line(table, row, error.field_name, error.cell, error.note)
    if error.type == "type-error":
        kind = table.field_named(error.field_name)["type"]
        hint = {"date": "a date as YYYY-MM-DD", "integer": "a whole number", "number": "a number"}
        return (
            f"{table.file}:{row}:{error.field_name}: '{error.cell}' is not "
            f"{hint.get(kind, kind)}"
        )
    if error.type in ("primary-key", "unique-error"):
        name = error.field_name or table.fields[0]["name"]
        value = table.rows[row - ROW_OFFSET].get(name, "")
        first = next(
            i + ROW_OFFSET for i, r in enumerate(table.rows) if r.get(name) == value
        )
        return f"{table.file}:{row}:{name}: duplicate id '{value}' (first used on row {first})"
    if error.type == "foreign-key":
        match = re.search(r'for "(\w+)": values "([^"]*)" not found in the lookup table "(\w*)"',
                          error.note)
        if match:
            name, value, target = match.groups()
            return unknown_id_line(table, row, name, value, tables_by_name[target or table.name])
    if error.type in ("blank-row", "extra-cell", "missing-cell"):
        return None  # reported by read_table already
    return f"{table.file}:{row or '-'}:{error.field_name or '-'}: {error.note or error.type}"


def constraint_line(table: Table, row: int, name: str, cell: str, note: str) -> str:
    constraints = table.field_named(name).get("constraints", {})
    where = f"{table.file}:{row}:{name}"
    if "required" in note:
        return f"{where}: is required but empty"
    if "enum" in note:
        return f"{where}: '{cell}' is not one of {', '.join(constraints['enum'])}"
    if "minimum" in note or "maximum" in note:
        low, high = constraints.get("minimum"), constraints.get("maximum")
        if low is not None and high is not None:
            return f"{where}: {cell} is not in {low}..{high}"
        return f"{where}: {cell} is below the minimum {low}"
    if "pattern" in note:
        return f"{where}: '{cell}' does not match the pattern {constraints['pattern']}"
    return f"{where}: '{cell}' breaks a rule ({note})"


def unknown_id_line(table: Table, row: int, name: str, value: str, target: Table) -> str:
    known = sorted(r["id"] for r in target.rows)
    match = difflib.get_close_matches(value, known, n=1)
    hint = f" (did you mean '{match[0]}'?)" if match else ""
    return f"{table.file}:{row}:{name}: '{value}' is not an id in {target.file}{hint}"


def rule_errors(text: str, tables: dict[str, Table]) -> list[str]:
    """The rules a Table Schema cannot express."""
    errors: list[str] = []
    for table in tables.values():
        if not table.usable:
            continue
        for index, row in enumerate(table.rows):
            line = index + ROW_OFFSET
            errors += evidence_errors(table, line, row, text)
            errors += list_reference_errors(table, line, row, tables)
            errors += ROW_RULES.get(table.name, no_rules)(table, line, row, text)
    return errors


def evidence_errors(table: Table, line: int, row: dict, text: str) -> list[str]:
    evidence = row.get("evidence", "")
    if not evidence:
        if "evidence" in row and not row.get("source"):
            return [
                f"{table.file}:{line}:evidence: has neither evidence nor source; "
                "give a verbatim span of the article or cite a source"
            ]
        return []
    count = text.count(evidence)
    if count == 1:
        return []
    where = f"{table.file}:{line}:evidence"
    if count > 1:
        return [f"{where}: occurs {count} times in the article; lengthen it so it is unique"]
    return [f"{where}: not found in the article: '{shorten(evidence)}'{quote_hint(evidence, text)}"]


def quote_hint(evidence: str, text: str) -> str:
    straight = str.maketrans("’‘“”", "''\"\"")
    if evidence.translate(straight) in text.translate(straight):
        return " (the article's quote marks or apostrophes differ: copy them from the text)"
    return " (copy the span from article.txt exactly)"


def shorten(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def list_reference_errors(
    table: Table, line: int, row: dict, tables: dict[str, Table]
) -> list[str]:
    errors = []
    for spec in table.fields:
        target = spec.get("references")
        if not target or not row.get(spec["name"]) or not tables[target].usable:
            continue
        known = {r["id"] for r in tables[target].rows}
        for value in row[spec["name"]].split(spec.get("separator", "|")):
            if value not in known:
                errors.append(unknown_id_line(table, line, spec["name"], value, tables[target]))
    return errors


def no_rules(table, line, row, text) -> list[str]:
    return []


def actor_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    errors = []
    for alias in filter(None, row["aliases"].split("|")):
        if not re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text):
            errors.append(
                f"{table.file}:{line}:aliases: '{alias}' does not occur in the article as a word"
            )
    return errors


def claim_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    errors = []
    for hedge in filter(None, row["hedges"].split("|")):
        if hedge not in row["evidence"]:
            errors.append(f"{table.file}:{line}:hedges: '{hedge}' is not in this row's evidence")
    unvoiced = row["attribution"] in UNVOICED_ATTRIBUTIONS
    if unvoiced and row["asserted_by"]:
        errors.append(
            f"{table.file}:{line}:asserted_by: must be blank when attribution is "
            f"'{row['attribution']}'"
        )
    if not unvoiced and not row["asserted_by"]:
        errors.append(
            f"{table.file}:{line}:asserted_by: is blank, so attribution must be one of "
            f"{', '.join(UNVOICED_ATTRIBUTIONS)}"
        )
    return errors


def event_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    where = f"{table.file}:{line}"
    errors = []
    is_range = row["date_precision"] == "range"
    if is_range and not row["date_end"]:
        errors.append(f"{where}:date_end: is required when date_precision is 'range'")
    if not is_range and row["date_end"]:
        errors.append(f"{where}:date_end: must be blank unless date_precision is 'range'")
    if is_range and row["date_end"] and row["date"] and row["date_end"] < row["date"]:
        errors.append(f"{where}:date_end: {row['date_end']} is before date {row['date']}")
    if row["date_basis"] == "outside-source" and not row["source"]:
        errors.append(f"{where}:source: is required when date_basis is 'outside-source'")
    return errors


def place_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    where = f"{table.file}:{line}"
    if row["kind"] == "country":
        return []
    errors = [
        f"{where}:{name}: is required for a {row['kind']}" for name in ("lat", "lon")
        if not row[name]
    ]
    if row["lat"] and not row["coord_source"]:
        errors.append(f"{where}:coord_source: is required when coordinates are given")
    return errors


def weapon_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    try:
        miles, km = float(row["range_mi"]), float(row["range_km"])
    except ValueError:
        return []  # a type error, reported by the schema check
    expected = miles * KM_PER_MILE
    if abs(km - expected) > RANGE_TOLERANCE_KM:
        return [
            f"{table.file}:{line}:range_km: {row['range_km']} km does not match "
            f"{row['range_mi']} mi (= {expected:.0f} km)"
        ]
    return []


def argument_rules(table: Table, line: int, row: dict, text: str) -> list[str]:
    where = f"{table.file}:{line}:target"
    if row["position"] == "root" and row["target"]:
        return [f"{where}: must be blank for the root argument"]
    if row["position"] != "root" and not row["target"]:
        return [f"{where}: is blank; a '{row['position']}' argument needs a target"]
    if row["target"] == row["id"]:
        return [f"{where}: an argument cannot target itself"]
    return []


ROW_RULES = {
    "actors": actor_rules,
    "claims": claim_rules,
    "events": event_rules,
    "places": place_rules,
    "weapons": weapon_rules,
    "arguments": argument_rules,
}


def validate_folder(folder: Path) -> tuple[dict | None, str | None, dict[str, Table], list[str]]:
    """Read and check everything; return the descriptor, text, tables and all problems."""
    descriptor, errors = read_descriptor(folder)
    if descriptor is None:
        return None, None, {}, errors
    text, text_errors = read_article_text(folder, descriptor.get("article", {}))
    errors += text_errors
    tables: dict[str, Table] = {}
    for resource in descriptor.get("resources", []):
        table, table_errors = read_table(folder, resource)
        tables[table.name] = table
        errors += table_errors
    errors += schema_errors(folder, descriptor, tables)
    if text is not None:
        errors += rule_errors(text, tables)
    return descriptor, text, tables, errors
