"""One annotation table of an article folder, as the authoring editor changes it.

The pure part of the editor, with no widgets: read a CSV and remember its content hash, turn a
selection into verbatim evidence, add, confirm, replace and delete rows, and save atomically,
refusing when the file changed on disk since it was read (a teacher may have it open in a
spreadsheet too). Every operation returns new rows and leaves the table as it was, so a refused
save loses nothing: the caller still holds the edit and can try again after a reload.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from newscase.authoring import review
from newscase.data.contract import canonical
from newscase.data.errors import show
from newscase.data.files import atomic_write

# The tables a teacher annotates with spans of the article (each has evidence and review).
EDITABLE_TABLES = ("actors", "quotes", "claims", "events", "time_phrases", "places", "weapons")


class EditRefused(ValueError):
    """An edit or a save that was not done; the message is one line for the teacher."""


def columns(table: str) -> list[str]:
    """The table's columns in the canonical schema's order."""
    return [spec["name"] for spec in canonical()[table]["schema"]["fields"]]


def fields(table: str) -> list[dict]:
    """The canonical field descriptions (name, description, constraints) of a table."""
    return canonical()[table]["schema"]["fields"]


def content_hash(data: bytes | None) -> str | None:
    """None stands for 'no file'."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


# --- CSV text ------------------------------------------------------------------------------------


def parse_csv(data: bytes, header: list[str]) -> tuple[list[dict[str, str]], str | None]:
    """Rows as dicts of strings, every canonical column present (missing cells as ''), and why
    writing them back would lose something of the file (None when it would not)."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
        records = list(csv.reader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error):
        return [], "it cannot be read as UTF-8 CSV"
    if not records:
        return [], None
    found, body = records[0], records[1:]
    lossy = None if found == header else "its header is not " + ",".join(header)
    rows = []
    for cells in body:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(found):
            lossy = lossy or "a row has more or fewer cells than the header"
        by_name = dict(zip(found, cells, strict=False))
        rows.append({name: by_name.get(name, "") for name in header})
    return rows, lossy


def csv_bytes(header: list[str], rows: list[Mapping[str, str]]) -> bytes:
    """The table as the course's CSV files are written: the csv module's minimal quoting,
    '\\n' line endings, UTF-8, columns in the canonical order."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") or "" for name in header])
    return out.getvalue().encode("utf-8")


# --- the table file ------------------------------------------------------------------------------


@dataclass
class TableFile:
    """A CSV as it was when read: its rows and the hash of its bytes (None: no file yet)."""

    path: Path
    table: str
    rows: list[dict[str, str]] = field(default_factory=list)
    loaded_hash: str | None = None
    lossy: str | None = None  # why rewriting the file as read would lose something of it

    @property
    def header(self) -> list[str]:
        return columns(self.table)

    @property
    def file(self) -> str:
        return self.path.name

    @classmethod
    def load(cls, folder: Path, table: str) -> TableFile:
        path = Path(folder) / f"{table}.csv"
        data = read_bytes(path)
        rows, lossy = ([], None) if data is None else parse_csv(data, columns(table))
        return cls(path, table, rows, content_hash(data), lossy)

    def changed_on_disk(self) -> bool:
        return content_hash(read_bytes(self.path)) != self.loaded_hash

    def save(self, rows: list[dict[str, str]]) -> None:
        """Write ``rows`` atomically, or refuse (EditRefused) when the file changed on disk
        since it was read. Only a successful write updates ``rows`` and the hash."""
        if self.changed_on_disk():
            raise EditRefused(f"{self.file} changed on disk since you opened it; reload to see "
                              "those changes; your edit was not saved")
        if self.lossy:
            raise EditRefused(f"{self.file} was not saved: {self.lossy}; fix the file first "
                              "(python -m newscase validate FOLDER says how), then reload")
        data = csv_bytes(self.header, rows)
        atomic_write(self.path, data)
        self.rows = [dict(row) for row in rows]
        self.loaded_hash = content_hash(data)

    def drafted(self) -> list[dict[str, str]]:
        """Rows still carrying the draft mark (as drafted, or edited in a spreadsheet since)."""
        return [row for row in self.rows if review.state(row) != "person"]

    def row(self, row_id: str) -> dict[str, str]:
        return dict(self.rows[index_of(self.rows, row_id, self.file)])


# --- evidence from a selection -------------------------------------------------------------------


def evidence_from_selection(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The selected span of the article (Python string offsets), without the spaces around it,
    as (evidence, start, end). Refused unless it occurs exactly once in the text."""
    if not 0 <= start <= end <= len(text):
        raise EditRefused("the selection is outside the article text; select words again")
    span = text[start:end]
    stripped = span.strip()
    if not stripped:
        raise EditRefused("nothing is selected; select some words of the article first")
    start += len(span) - len(span.lstrip())
    end = start + len(stripped)
    check_evidence(text, stripped)
    return stripped, start, end


def occurrences(text: str, span: str) -> int:
    """How often span occurs, overlapping matches included (stricter than str.count)."""
    count, at = 0, text.find(span)
    while at != -1:
        count += 1
        at = text.find(span, at + 1)
    return count


def check_evidence(text: str, evidence: str) -> None:
    """Refuse evidence that is not a span found exactly once in the article."""
    found = occurrences(text, evidence) if evidence else 0
    if found == 0:
        raise EditRefused(f"'{show(evidence)}' is not in the article; evidence must be words "
                          "selected in the text")
    if found > 1:
        raise EditRefused(f"'{show(evidence)}' occurs {found} times in the article; select more "
                          "words so it is found only once")


# --- row operations (pure: they return new rows) -------------------------------------------------


def index_of(rows: list[Mapping[str, str]], row_id: str, file: str = "the table") -> int:
    for index, row in enumerate(rows):
        if row.get("id") == row_id:
            return index
    raise EditRefused(f"{file} has no row '{show(row_id)}' (any more); reload to see the file")


def completed(table: str, text: str, values: Mapping[str, str]) -> dict[str, str]:
    """A row with every canonical column, written by a person (no review mark), whose evidence
    is checked against the article."""
    row = {name: str(values.get(name) or "").strip() for name in columns(table)}
    row[review.COLUMN] = ""
    if not row.get("id"):
        raise EditRefused("the row needs an id (lower-case words joined by '-', e.g. 'kyiv')")
    check_evidence(text, row["evidence"])
    return row


def _check_unique_id(rows: list[Mapping[str, str]], row_id: str, skip: int | None = None) -> None:
    if any(row.get("id") == row_id for i, row in enumerate(rows) if i != skip):
        raise EditRefused(f"a row with id '{show(row_id)}' already exists; choose another id")


def add_row(table: str, text: str, rows: list[dict[str, str]],
            values: Mapping[str, str]) -> list[dict[str, str]]:
    row = completed(table, text, values)
    _check_unique_id(rows, row["id"])
    return [*rows, row]


def replace_row(table: str, text: str, rows: list[dict[str, str]], row_id: str,
                values: Mapping[str, str]) -> list[dict[str, str]]:
    """The row ``row_id`` replaced by the edited values; saving an edit clears the mark."""
    index = index_of(rows, row_id)
    row = completed(table, text, values)
    _check_unique_id(rows, row["id"], skip=index)
    return [*rows[:index], row, *rows[index + 1:]]


def confirm_row(rows: list[dict[str, str]], row_id: str) -> list[dict[str, str]]:
    index = index_of(rows, row_id)
    return [*rows[:index], {**rows[index], review.COLUMN: ""}, *rows[index + 1:]]


def delete_row(rows: list[dict[str, str]], row_id: str) -> list[dict[str, str]]:
    index = index_of(rows, row_id)
    return [*rows[:index], *rows[index + 1:]]


def suggested_id(evidence: str, rows: list[Mapping[str, str]], words: int = 3) -> str:
    """A free id made of the evidence's first words ('north-korean-troops')."""
    base = "-".join(re.findall(r"[a-z0-9]+", evidence.lower())[:words]) or "row"
    taken = {row.get("id") for row in rows}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
