"""Read a folder's files as plain strings and check their structure, before any schema check.

Structure is ours rather than Frictionless's so a broken file gets one clear line, not a cascade.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newscase.data.errors import ROW_OFFSET, show
from newscase.present.suggest import close_matches

FIELD_TYPES = {"string", "integer", "number", "date"}
DATE_FORMAT = re.compile(r"\d{4}-\d{2}-\d{2}")
DESCRIPTOR = "datapackage.json"


@dataclass
class Table:
    """One CSV as strings."""

    name: str
    fields: list[dict]
    header: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)
    usable: bool = False  # header and shape are sound, so row-level checks can run
    flagged: set[tuple[int, str]] = field(default_factory=set)  # cells already reported

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def field_named(self, name: str) -> dict:
        return next((f for f in self.fields if f["name"] == name), {})

    def ids(self) -> list[str]:
        return [r.get("id", "") for r in self.rows]


def read_descriptor(folder: Path) -> tuple[dict | None, list[str]]:
    path = folder / DESCRIPTOR
    if not path.is_file():
        return None, [f"{DESCRIPTOR}: file is missing; every article folder needs one"]
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, [f"{DESCRIPTOR}: not valid UTF-8; save it as UTF-8"]
    except json.JSONDecodeError as exc:
        return None, [f"{DESCRIPTOR}:{exc.lineno}: not valid JSON ({exc.msg})"]
    errors = descriptor_errors(descriptor)
    return (None if errors else descriptor), errors


def descriptor_errors(descriptor: object) -> list[str]:
    """The structure the loader relies on; Frictionless checks the rest of the descriptor."""
    def problem(message: str) -> str:
        return f"{DESCRIPTOR}: {message}"

    if not isinstance(descriptor, dict):
        return [problem("must be a JSON object with name, title, article and resources")]
    errors = [problem(f"'{key}' is missing") for key in ("name", "title", "article", "resources")
              if key not in descriptor]
    article = descriptor.get("article", {})
    if not isinstance(article, dict):
        errors.append(problem("'article' must be an object"))
    elif "article" in descriptor:
        for key in ("path", "sha256"):
            if not isinstance(article.get(key), str):
                errors.append(problem(f"article.{key} is missing"))
        # null: nobody knows yet when it was published (a fresh draft); lessons that need the
        # date say so instead of guessing.
        if "date" not in article or not isinstance(article["date"], str | None):
            errors.append(problem("article.date is missing; give YYYY-MM-DD, or null if unknown"))
        if isinstance(article.get("date"), str) and parse_date(article["date"]) is None:
            errors.append(problem(f"article.date '{show(article['date'])}' is not YYYY-MM-DD"))
        if not isinstance(article.get("forecast_questions_note", ""), str):
            errors.append(problem("article.forecast_questions_note must be text"))
    resources = descriptor.get("resources", [])
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        return [*errors, problem("'resources' must be a list of objects")]
    names = [r.get("name") for r in resources]
    for index, resource in enumerate(resources):
        errors += resource_errors(index, resource, names)
    return errors


def resource_errors(index: int, resource: dict, names: list) -> list[str]:
    where = f"{DESCRIPTOR}: resources[{index}]"
    errors = [f"{where}.{key} is missing" for key in ("name", "path", "schema")
              if key not in resource]
    if names.count(resource.get("name")) > 1:
        errors.append(f"{where}.name '{show(resource.get('name'))}' is used twice")
    schema = resource.get("schema", {})
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if "schema" in resource and not (
        isinstance(fields, list) and all(isinstance(f, dict) and "name" in f for f in fields)
    ):
        return [*errors, f"{where}.schema.fields must be a list of objects with a name"]
    for spec in fields or []:
        if spec.get("type", "string") not in FIELD_TYPES:
            errors.append(f"{where}: field '{show(spec['name'])}' has unknown type "
                          f"'{show(spec.get('type'))}'; use {', '.join(sorted(FIELD_TYPES))}")
        if "references" in spec and spec["references"] not in names:
            errors.append(f"{where}: field '{show(spec['name'])}' references unknown resource "
                          f"'{show(spec['references'])}'")
    for key in schema.get("foreignKeys", []) if isinstance(schema, dict) else []:
        target = key.get("reference", {}).get("resource")
        if target and target not in names:
            errors.append(f"{where}: a foreign key references unknown resource '{show(target)}'")
    return errors


def read_article_text(folder: Path, meta: dict) -> tuple[str | None, list[str]]:
    name = meta["path"]
    path = folder / name
    if not path.is_file():
        return None, [f"{name}: file is missing; copy the seed article here byte for byte"]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [f"{name}: not valid UTF-8 at byte {exc.start}; restore the seed file"]
    actual = hashlib.sha256(raw).hexdigest()
    if actual != meta["sha256"]:
        return text, [
            f"{name}: its sha256 is {actual}, but {DESCRIPTOR} records "
            f"{show(meta['sha256'], 70)}. If you edited the text on purpose, put the new hash in "
            f"{DESCRIPTOR} (article.sha256) and check that every evidence span is still found; "
            "if not, restore the article as it was published"
        ]
    return text, []


def read_table(folder: Path, resource: dict) -> tuple[Table, list[str]]:
    table = Table(resource["name"], resource["schema"]["fields"])
    path = folder / resource["path"]
    if not path.is_file():
        return table, [f"{table.file}: file is missing"]
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return table, [f"{table.file}:{line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                       "save the file as UTF-8"]
    if not content.strip():
        expected = ",".join(f["name"] for f in table.fields)
        return table, [f"{table.file}: the file is empty; it needs the header row {expected}"]
    try:
        records = list(csv.reader(io.StringIO(content, newline="")))
    except csv.Error as exc:
        return table, [f"{table.file}: cannot be read as CSV ({exc})"]
    table.header, body = records[0], records[1:]
    errors = header_errors(table)
    if errors:
        return table, errors
    for index, cells in enumerate(body):
        row = index + ROW_OFFSET
        if not any(c.strip() for c in cells):
            errors.append(f"{table.file}:{row}: blank row; delete it")
        elif len(cells) != len(table.header):
            errors.append(f"{table.file}:{row}: has {len(cells)} cells but the header has "
                          f"{len(table.header)}; check for a missing comma or an unquoted comma")
        table.rows.append(dict(zip(table.header, cells, strict=False)))
    table.usable = not errors
    return table, errors


def header_errors(table: Table) -> list[str]:
    expected = [f["name"] for f in table.fields]
    where = f"{table.file}:1"
    unknown = [h for h in table.header if h and h not in expected]
    errors = []
    for name in expected:
        if name not in table.header:
            match = close_matches(name, unknown)
            hint = f" (found '{show(match[0])}': a typo?)" if match else ""
            errors.append(f"{where}:{name}: column is missing{hint}")
    for position, name in enumerate(table.header, start=1):
        if not name.strip():
            errors.append(f"{where}:column-{position}: the header cell is empty; "
                          "name the column or delete it")
        elif name not in expected:
            errors.append(f"{where}:{show(name)}: unknown column; expected {', '.join(expected)}")
    for name, count in Counter(table.header).items():
        if count > 1 and name in expected:
            times = "twice" if count == 2 else f"{count} times"
            errors.append(f"{where}:{name}: column appears {times}")
    if not errors and table.header != expected:
        errors.append(f"{where}: columns are out of order; expected {', '.join(expected)}")
    return errors


def cell_errors(table: Table) -> list[str]:
    """Cell values Frictionless accepts but the course does not: blanks made of spaces,
    dates that are not YYYY-MM-DD, and numbers that are not finite."""
    errors = []
    for index, row in enumerate(table.rows):
        line = index + ROW_OFFSET
        for spec in table.fields:
            name, value = spec["name"], row.get(spec["name"], "")
            message = cell_problem(spec, value)
            if message:
                errors.append(f"{table.file}:{line}:{name}: {message}")
                table.flagged.add((line, name))
    return errors


def cell_problem(spec: dict, value: str) -> str | None:
    if value and not value.strip():
        return "holds only spaces; leave it empty or fill it in"
    if not value:
        return None
    kind = spec.get("type", "string")
    if kind == "date" and parse_date(value) is None:
        return f"'{show(value)}' is not a date as YYYY-MM-DD"
    if kind in ("number", "integer"):
        try:
            number = float(value)
        except ValueError:
            return None  # Frictionless's type check words this one
        if not math.isfinite(number):
            return f"'{show(value)}' is not a finite number"
    return None


def parse_date(value: str) -> dt.date | None:
    if not DATE_FORMAT.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
