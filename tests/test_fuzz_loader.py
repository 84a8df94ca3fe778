"""Fuzz the loader: whatever a learner does to a CSV, ``load_article`` must either load or explain.

Each example copies the good article folder, applies one or two small mutations to its CSVs (a
cell replaced by arbitrary text, a cell deleted, a row duplicated or dropped, two columns swapped,
the file truncated at a byte, random bytes inserted) and loads it. The only acceptable outcomes
are an ``Article`` whose tables are DataFrames, or a ``DataValidationError`` whose every line
has the documented shape ``file:row:field: message`` and names a file of the package. Any other
exception is a bug in the library, not in the data.

Reproducibility: the examples are derandomized (the same ~150 every run, no example database),
so CI is deterministic and a failure here is a failure on every machine. To explore further,
run with NEWSCASE_FUZZ_RANDOM=1 (random seed, examples kept in the git-ignored .hypothesis/)
and NEWSCASE_FUZZ_EXAMPLES=2000, say.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from newscase import Article, DataValidationError, load_article
from newscase.data import TABLES

REPO = Path(__file__).resolve().parents[1]
GOOD = REPO / "data" / "articles" / "atacms-2024-11-17"
PACKAGE_FILES = {"datapackage.json", "article.txt", *(f"{name}.csv" for name in TABLES)}

#: ``file:row:field: message``, ``file:row: message`` or ``file: message``; one line each. The
#: field is a column name, which for header problems is whatever the learner typed, so it may
#: hold any character except a line break, but it may not be empty or contain ': '.
LINE = re.compile(
    r"(?P<file>[\w.-]+)"
    r"(?::(?P<row>\d+)(?::(?P<field>(?:[^\n:]|:(?! ))+))?)?"
    r": (?P<message>[^\n]+)"
)

RANDOM = os.environ.get("NEWSCASE_FUZZ_RANDOM") == "1"
FUZZ = settings(
    max_examples=int(os.environ.get("NEWSCASE_FUZZ_EXAMPLES", "150")),
    deadline=None,
    derandomize=not RANDOM,
    database=settings.default.database if RANDOM else None,
    # No explain phase: it reruns the failing example many times at ~0.1 s a load.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ORIGINAL = {name: (GOOD / f"{name}.csv").read_bytes() for name in TABLES}
RECORDS = {
    name: list(csv.reader(io.StringIO(ORIGINAL[name].decode("utf-8"), newline="")))
    for name in TABLES
}
#: Values that occur somewhere in the package: ids, enum values, dates. Swapping one into another
#: cell reaches the deeper rules (foreign keys, date ranges, evidence) more often than noise does.
PACKAGE_VALUES = sorted(
    {cell for rows in RECORDS.values() for row in rows for cell in row if len(cell) <= 40}
)
#: Cells a learner (or a spreadsheet) might produce: CSV syntax, separators, encodings, numbers
#: and dates at the edges, values that mean something elsewhere in the package.
TRICKY = [
    *["", " ", ",", '"', '""', "'", "\n", "\r\n", "a: b"],
    *["|", "||", "a|", "\ufeff", "é", "’", "\x00"],
    *["-3", "3", "+2", "1.5", "nan", "inf", "1e400", "-91"],
    *["2024-13-17", "2024-11-5", "17/11/2024"],
    *["c01", "decision", "geonames", "range", "outside-source", "root", 'zel"enskiy'],
]
CELL_TEXT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=',"|\n\r :;\t-0123456789abc’é', max_size=12),
    st.sampled_from(TRICKY),
    st.sampled_from(PACKAGE_VALUES),
)


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def read_rows(path: Path) -> list[list[str]] | None:
    """The file's records, or None when it is no longer UTF-8 CSV (then only byte edits apply)."""
    try:
        return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return None


@dataclass(frozen=True)
class Mutation:
    """One edit of one CSV. Positions are taken modulo the length of the file, its rows or a
    row's cells, so they stay in range however an earlier mutation reshaped the file (and shrink
    towards the start: the header). The repr is what Hypothesis prints for a failing example."""

    table: str
    kind: str
    where: tuple[int, int, int]
    value: str | None = None
    payload: bytes | None = None

    def apply(self, folder: Path) -> None:
        path = folder / f"{self.table}.csv"
        raw = path.read_bytes()
        if self.kind == "truncate":
            path.write_bytes(raw[: self.pick(0, len(raw) + 1)])
            return
        if self.kind == "insert-bytes":
            at = self.pick(0, len(raw) + 1)
            path.write_bytes(raw[:at] + self.payload + raw[at:])
            return
        rows = read_rows(path)
        if not rows:
            return  # no longer UTF-8 CSV, or empty: nothing cell-shaped left to edit
        r = self.pick(0, len(rows))
        row = rows[r]
        c = self.pick(1, len(row))
        if self.kind == "replace-cell" and row:
            row[c] = self.value
        elif self.kind == "delete-cell" and row:
            del row[c]
        elif self.kind == "duplicate-row":
            rows.insert(r, list(row))
        elif self.kind == "drop-row":
            del rows[r]
        elif self.kind == "swap-columns" and row:
            d = self.pick(2, len(row))
            for each in rows:
                if c < len(each) and d < len(each):
                    each[c], each[d] = each[d], each[c]
        write_rows(path, rows)

    def pick(self, axis: int, length: int) -> int:
        return self.where[axis] % length if length else 0


#: Replacing a cell is the commonest slip, so it is drawn three times as often.
KINDS = [
    *["replace-cell"] * 3,
    *["delete-cell", "duplicate-row", "drop-row", "swap-columns", "truncate", "insert-bytes"],
]


@st.composite
def mutations(draw) -> Mutation:
    kind = draw(st.sampled_from(KINDS))
    return Mutation(
        table=draw(st.sampled_from(TABLES)),
        kind=kind,
        where=draw(st.tuples(*[st.integers(0, 10_000)] * 3)),
        value=draw(CELL_TEXT) if kind == "replace-cell" else None,
        payload=draw(st.binary(min_size=1, max_size=8)) if kind == "insert-bytes" else None,
    )


def check_errors(errors: list[str]) -> None:
    assert errors, "DataValidationError raised with no error lines"
    for line in errors:
        match = LINE.fullmatch(line)
        assert match, f"error line does not have the shape file:row:field: message: {line!r}"
        assert match["file"] in PACKAGE_FILES, f"error line names no file of the package: {line!r}"
        assert match["row"] is None or int(match["row"]) >= 1, f"row numbers start at 1: {line!r}"


def check_article(article: Article) -> None:
    assert set(article.tables) <= set(TABLES)
    for name, frame in article.tables.items():
        assert isinstance(frame, pd.DataFrame), name


@FUZZ
@given(st.lists(mutations(), min_size=1, max_size=2))
def test_loader_loads_or_explains_any_mutated_csv(steps):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / GOOD.name
        shutil.copytree(GOOD, folder)
        for mutation in steps:
            mutation.apply(folder)
        try:
            article = load_article(folder)
        except DataValidationError as exc:
            check_errors(exc.errors)
        else:
            check_article(article)


def test_line_pattern_accepts_the_documented_shapes():
    """The pattern above, checked against the three documented shapes and a few non-shapes."""
    good = [
        "actors.csv:2:stance: 5 is not in -2..2",
        "weapons.csv:2: blank row; delete it",
        "weapons.csv: file is missing",
        "datapackage.json:3: not valid JSON (Expecting ',' delimiter)",
        "weapons.csv:1:evi dence: unknown column; expected id, name",
    ]
    bad = [
        "weapons.csv:1:: unknown column",
        "weapons.csv:2:evidence: not found\nin the article",
        "weapons.csv:-:-: something",
        "Traceback (most recent call last):",
    ]
    assert all(LINE.fullmatch(line) for line in good)
    assert not any(LINE.fullmatch(line) for line in bad)
