"""Make an article folder from raw text, and refresh its machine-drafted rows.

``new_article`` builds the whole folder in a hidden sibling and renames it into place, so an
interrupted run leaves nothing half-made and an existing folder is never touched. ``redraft``
replaces only rows a machine drafted and nobody changed (``authoring.review``); every file it
rewrites is replaced atomically.

A drafter is rules, not judgement: when a drafted row breaks a data rule (a span that is not
unique after all, a reference to a row that was dropped), it is left out rather than saved broken,
so the folder validates straight after ``new`` and ``draft``. What was left out is reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from newscase.authoring import review
from newscase.authoring.dates import stated_date
from newscase.authoring.tablefile import columns, csv_bytes, parse_csv, read_bytes
from newscase.data.contract import DESCRIPTOR, canonical, canonical_resource
from newscase.data.errors import show
from newscase.data.files import atomic_write
from newscase.data.validation import validate_folder

TEXT_NAME = "article.txt"
# The folder name is the article's id, and Frictionless package names allow only these.
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")
DRAFTED_TABLES = ("actors", "quotes", "claims", "events", "time_phrases", "places", "weapons")
ALWAYS_WRITTEN = (*DRAFTED_TABLES, "sources", "exercises")
FIX_ROUNDS = 6  # each round drops rows that break a rule; a dropped row can orphan others
ROW_PROBLEM = re.compile(r"(?P<file>[a-z_]+)\.csv:(?P<row>\d+)(:|$)")


class AuthoringError(ValueError):
    """A problem with the teacher's input, as one line that says what to do."""


@dataclass
class DraftReport:
    folder: Path
    drafted: dict[str, int] = field(default_factory=dict)  # table -> machine rows now
    kept: dict[str, int] = field(default_factory=dict)  # table -> rows a person owns
    left_out: list[str] = field(default_factory=list)  # drafted rows that broke a rule

    def lines(self) -> list[str]:
        tables = sorted(set(self.drafted) | set(self.kept))
        counts = ", ".join(f"{t} {self.drafted.get(t, 0)} drafted"
                           + (f" + {self.kept[t]} yours" if self.kept.get(t) else "")
                           for t in tables)
        lines = [f"{self.folder}: {counts}"]
        lines += [f"  left out (broke a rule): {problem}" for problem in self.left_out]
        return lines


# --- Reading the teacher's text ------------------------------------------------------------------

def read_text_file(path: Path) -> tuple[bytes, str]:
    """The file's bytes (copied as they are) and its text, or one line saying what is wrong."""
    if not path.is_file():
        raise AuthoringError(f"{path}: no such file; give the path of a plain-text (.txt) file")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AuthoringError(
            f"{path}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8 "
            "(in most editors: Save As, encoding UTF-8) and run the command again") from None
    if not text.strip():
        raise AuthoringError(f"{path}: the file is empty; paste the article's text into it")
    if "\x00" in text:
        raise AuthoringError(f"{path}: this is not a plain-text file (it holds NUL bytes); "
                             "copy the article's words into a .txt file")
    return raw, text


def check_new_folder(folder: Path) -> None:
    if folder.exists():
        raise AuthoringError(
            f"{folder}: already exists, and nothing in it was changed; choose a new folder, or "
            f"run 'python -m newscase draft {folder}' to refresh its drafted rows")
    if not ID_PATTERN.fullmatch(folder.name):
        suggestion = re.sub(r"[^a-z0-9._-]+", "-", folder.name.lower()).strip("-._") or "my-article"
        raise AuthoringError(
            f"{folder}: the folder's name is the article's id, and may hold only lowercase "
            f"letters, digits, '.', '_' and '-'; try '{folder.with_name(suggestion)}'")
    if not folder.parent.is_dir():
        raise AuthoringError(f"{folder.parent}: no such folder; create it first, or choose "
                             "another place for the article")


# --- Tables ------------------------------------------------------------------------------------

def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a table file, or refuse when writing them back would lose part of it."""
    data = read_bytes(path)
    if data is None:
        return []
    rows, lossy = parse_csv(data, columns(path.stem))
    if lossy:
        raise AuthoringError(f"{path}: {lossy}, so it was left alone; fix it (python -m newscase "
                             "validate shows how), then run the command again")
    return rows


def write_rows(folder: Path, table: str, rows: list[dict[str, str]]) -> None:
    atomic_write(folder / f"{table}.csv", csv_bytes(columns(table), rows))


# --- The descriptor ------------------------------------------------------------------------------

def new_descriptor(article_id: str, raw: bytes, text: str, date: dt.date | None,
                   date_note: str) -> dict:
    first_line = text.strip().splitlines()[0].strip()
    basis = "unknown" if date is None else ("given" if date_note.startswith("Given") else
                                            "stated")
    return {
        "profile": "tabular-data-package",
        "name": article_id,
        "title": show(first_line, 90) + " (working title)",
        "description": "One news article, annotated as source-linked tables for the newscase "
                       "course. Drafted by python -m newscase new; rows marked 'draft' in their "
                       "review column are a machine's until a person confirms them.",
        "article": {
            "path": TEXT_NAME,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "language": "en",
            "headline": None,
            "headline_note": "Not yet recorded. The package title is the text's first line.",
            "outlet": None,
            "outlet_note": "Not yet recorded: add the outlet that published the article.",
            "date": date.isoformat() if date else None,
            "date_basis": basis,
            "date_reasoning": date_note,
        },
        "resources": [canonical_resource(name) for name in canonical()
                      if name in ALWAYS_WRITTEN or canonical()[name]["required"]],
    }


def ensure_resources(folder: Path, tables: list[str]) -> None:
    """Add the canonical description of any drafted table the descriptor lacks."""
    path = folder / DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    present = {r["name"] for r in descriptor["resources"]}
    missing = [t for t in tables if t not in present]
    if missing:
        order = list(canonical())
        descriptor["resources"] += [canonical_resource(t) for t in missing]
        descriptor["resources"].sort(key=lambda r: order.index(r["name"])
                                     if r["name"] in order else len(order))
        atomic_write(path, (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
                     .encode("utf-8"))


# --- Drafting ------------------------------------------------------------------------------------

def drafted_tables(text: str, date: dt.date | None) -> dict[str, list[dict[str, str]]]:
    from newscase.authoring.drafting import draft_tables  # rules load only when drafting

    return draft_tables(text, date)


def drafted_exercises(folder: Path) -> list[dict[str, str]]:
    from newscase.authoring.exercises import draft_exercises
    from newscase.data.article import load_article

    return draft_exercises(load_article(folder))


def merge(mine: list[dict[str, str]], drafted: list[dict[str, str]], key: str
          ) -> list[dict[str, str]]:
    """A person's rows as they are, then the new drafts that do not clash with them.

    A draft clashes when a person's row has its key or the same evidence: the person's row
    wins. Untouched old drafts are dropped (the new draft replaces them)."""
    kept = [row for row in mine if not review.is_machine_row(row)]
    taken_keys = {row.get(key) for row in kept}
    taken_evidence = {row.get("evidence") for row in kept if row.get("evidence")}
    fresh = [row for row in drafted
             if row.get(key) not in taken_keys
             and not (row.get("evidence") and row.get("evidence") in taken_evidence)]
    return kept + fresh


def drop_broken_drafts(folder: Path, tables: list[str]) -> list[str]:
    """Validate; remove machine-drafted rows that the errors name; repeat. Returns what was
    left out, and leaves a person's rows alone even when they are broken."""
    left_out: list[str] = []
    for _ in range(FIX_ROUNDS):
        _, _, _, errors = validate_folder(folder)
        doomed: dict[str, set[int]] = {}
        for error in errors:
            match = ROW_PROBLEM.match(error)
            if match and match["file"] in tables and int(match["row"]) >= 2:
                doomed.setdefault(match["file"], set()).add(int(match["row"]) - 2)
        removed = False
        for table, indexes in doomed.items():
            rows = read_rows(folder / f"{table}.csv")
            keep = [r for i, r in enumerate(rows)
                    if i not in indexes or not review.is_machine_row(r)]
            if len(keep) < len(rows):
                removed = True
                left_out += [e for e in errors if e.startswith(f"{table}.csv:")]
                write_rows(folder, table, keep)
        if not removed:
            break
    return left_out


def draft_into(folder: Path, text: str, date: dt.date | None) -> DraftReport:
    """Merge fresh drafts into the folder's tables, then its exercises; keep a person's rows."""
    report = DraftReport(folder)
    # Read every table before writing any: a file that cannot be rewritten stops the run here.
    mine = {t: read_rows(folder / f"{t}.csv") for t in (*DRAFTED_TABLES, "sources", "exercises")}
    drafted = drafted_tables(text, date)
    ensure_resources(folder, [*DRAFTED_TABLES, "exercises"])
    for table in DRAFTED_TABLES:
        write_rows(folder, table, merge(mine[table], drafted.get(table, []), columns(table)[0]))
    # The gazetteer a drafted place cites: added once, never replaced (sources has no mark).
    write_rows(folder, "sources", merge(mine["sources"], drafted.get("sources", []), "id"))
    report.left_out += drop_broken_drafts(folder, list(DRAFTED_TABLES))
    # Exercises are worked out from the checked tables, so they come last.
    write_rows(folder, "exercises", merge(mine["exercises"], drafted_exercises(folder), "key"))
    report.left_out += drop_broken_drafts(folder, [*DRAFTED_TABLES, "exercises"])
    for table in (*DRAFTED_TABLES, "exercises"):
        rows = read_rows(folder / f"{table}.csv")
        report.drafted[table] = sum(review.is_machine_row(r) for r in rows)
        report.kept[table] = len(rows) - report.drafted[table]
    return report


def new_article(folder: Path, text_file: Path, date: dt.date | None = None) -> DraftReport:
    """Create ``folder`` with the text, a descriptor and a drafted annotation."""
    folder = Path(folder)
    check_new_folder(folder)
    raw, text = read_text_file(Path(text_file))
    if date is not None:
        note = (f"Given by the teacher (--date {date.isoformat()}) when the folder was made; "
                "the text's own clues were not checked against it.")
    else:
        found = stated_date(text)
        date, note = (found.date, found.reasoning) if found else (
            None, "Not found in the first lines of the text. Add the publication date "
                  "(article.date, YYYY-MM-DD) so that relative dates can be put on a calendar.")
    # Built under its own name (the descriptor's name must match the folder's) inside a hidden
    # sibling, on the same disk so that the final rename is atomic.
    workspace = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    staging = workspace / folder.name
    try:
        staging.mkdir()
        (staging / TEXT_NAME).write_bytes(raw)
        descriptor = new_descriptor(folder.name, raw, text, date, note)
        (staging / DESCRIPTOR).write_text(
            json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        for table in ALWAYS_WRITTEN:
            write_rows(staging, table, [])
        report = draft_into(staging, text, date)
        _, _, _, errors = validate_folder(staging)
        if errors:  # a person's row cannot be broken here: every row is a draft
            raise AuthoringError(f"the draft did not validate ({errors[0]}); please report "
                                 "this with the text you used")
        staging.rename(folder)  # fails rather than replace a folder made meanwhile
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    report.folder = folder
    return report


def redraft(folder: Path) -> DraftReport:
    """Refresh the machine-drafted rows of an existing, readable folder."""
    folder = Path(folder)
    descriptor, text, tables, errors = validate_folder(folder)
    unreadable = [e for e in errors if ROW_PROBLEM.match(e) is None
                  and not any(e.startswith(f"{t}.csv:") for t in tables)]
    if descriptor is None or text is None or unreadable:
        first = (unreadable or errors or ["the folder cannot be read"])[0]
        raise AuthoringError(f"{folder}: cannot redraft until this is fixed: {first}")
    date = descriptor["article"].get("date")
    return draft_into(folder, text, dt.date.fromisoformat(date) if date else None)
