"""Bad data, and exactly what ``load_article`` says about it: a specification by example.

Each case copies the good article folder, makes one small change and asserts the complete list of
error lines (``file:row:field: message``, row 1 being the header). Comparing the whole list means
no stray or missing line can hide. Rows are found by id, so a case edits the record it means to;
the row numbers in the expected lines are literal, and ``test_anchor_rows`` checks they still hold.

The last sections are the command line and a few cases that the library got wrong when these tests
were written; each of those says what is wrong and what a fix should do.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from newscase import Article, DataValidationError, load_article
from newscase.cli import main

REPO = Path(__file__).resolve().parents[1]
GOOD = REPO / "data" / "articles" / "atacms-2024-11-17"
TABLES = ("actors", "quotes", "claims", "events", "time_phrases", "places", "weapons",
          "map_frame", "map_origins", "map_labels", "arguments", "sources", "references",
          "ladder", "ladder_placements", "escalation_views", "sides", "forecast_questions",
          "wire_rewrite", "exercises")

Mutation = Callable[[Path], None]


def sha_line(actual: str) -> str:
    """The whole hash, and what to do: not 'must be the seed', which misleads a teacher whose
    article is their own."""
    return (f"article.txt: its sha256 is {actual}, but datapackage.json records "
            "7641ee1a5a4cfddf5ddbade637bfc523417c84e5a884cfb1d8c28b6376c4b396. If you edited the "
            "text on purpose, put the new hash in datapackage.json (article.sha256) and check "
            "that every evidence span is still found; if not, restore the article as it was "
            "published")

WEAPON_COLUMNS = ("id, name, article_term, weapon_type, weapon_type_source, range_mi, range_km, "
                  "range_qualifier, supplier, evidence, review")
ID_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*"
#: One error line: ``file:row:field: message``, ``file:row: message`` or ``file: message``.
LINE = re.compile(
    r"(?P<file>[\w.-]+)(?::(?P<row>\d+)(?::(?P<field>(?:[^\n:]|:(?! ))+))?)?: (?P<message>[^\n]+)"
)


# --- Mutations: small functions of the copied folder ------------------------------------------


def read_rows(folder: Path, table: str) -> list[list[str]]:
    with open(folder / f"{table}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_rows(folder: Path, table: str, rows: list[list[str]]) -> None:
    with open(folder / f"{table}.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def cell(table: str, record_id: str, column: str, value: str) -> Mutation:
    """Set one cell, in the row whose id is ``record_id``."""

    def mutate(folder: Path) -> None:
        rows = read_rows(folder, table)
        header = rows[0]
        row = next(r for r in rows[1:] if r[0] == record_id)
        row[header.index(column)] = value
        write_rows(folder, table, rows)

    return mutate


def rows(table: str, change: Callable[[list[list[str]]], list[list[str]]]) -> Mutation:
    """Rewrite a table's rows (header included) through ``change``."""

    def mutate(folder: Path) -> None:
        write_rows(folder, table, change(read_rows(folder, table)))

    return mutate


def drop_column(name: str) -> Callable[[list[list[str]]], list[list[str]]]:
    def change(table: list[list[str]]) -> list[list[str]]:
        index = table[0].index(name)
        return [r[:index] + r[index + 1 :] for r in table]

    return change


def rename_column(old: str, new: str) -> Callable[[list[list[str]]], list[list[str]]]:
    def change(table: list[list[str]]) -> list[list[str]]:
        table[0][table[0].index(old)] = new
        return table

    return change


def swap_columns(a: str, b: str) -> Callable[[list[list[str]]], list[list[str]]]:
    def change(table: list[list[str]]) -> list[list[str]]:
        i, j = table[0].index(a), table[0].index(b)
        for r in table:
            r[i], r[j] = r[j], r[i]
        return table

    return change


def raw(name: str, change: Callable[[bytes], bytes]) -> Mutation:
    """Rewrite a file's bytes: for encodings, blank lines and broken CSV."""

    def mutate(folder: Path) -> None:
        path = folder / name
        path.write_bytes(change(path.read_bytes()))

    return mutate


def remove(name: str) -> Mutation:
    return lambda folder: (folder / name).unlink()


def descriptor(change: Callable[[dict], object]) -> Mutation:
    """Edit datapackage.json as JSON; ``change`` edits the dict in place."""

    def mutate(folder: Path) -> None:
        path = folder / "datapackage.json"
        package = json.loads(path.read_text(encoding="utf-8"))
        change(package)
        path.write_text(json.dumps(package, indent=2), encoding="utf-8")

    return mutate


def every_csv(change: Callable[[bytes], bytes]) -> Mutation:
    def mutate(folder: Path) -> None:
        for table in TABLES:
            raw(f"{table}.csv", change)(folder)

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(folder: Path) -> None:
        for each in mutations:
            each(folder)

    return mutate


def header_only(data: bytes) -> bytes:
    return data.split(b"\n", 1)[0] + b"\n"


def case(case_id: str, mutation: Mutation, *expected: str):
    return pytest.param(mutation, list(expected), id=case_id)


# --- Fixtures and helpers ----------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A fresh copy of the good article folder."""
    copy = tmp_path / GOOD.name
    shutil.copytree(GOOD, copy)
    return copy


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(DataValidationError) as info:
        load_article(folder)
    return info.value.errors


def data_rows(table: str) -> int:
    return len(read_rows(GOOD, table)) - 1


def test_the_good_folder_loads():
    article = load_article(GOOD)
    assert isinstance(article, Article)
    assert all(isinstance(frame, pd.DataFrame) for frame in article.tables.values())


def test_anchor_rows():
    """The row numbers the cases below expect. If the data gains or loses a row, fix them here
    first and then in the expected lines."""
    anchors = {
        "actors": {"biden-administration": 2, "united-states": 3, "kremlin": 10},
        "quotes": {"q1": 2},
        "claims": {"c01": 2, "c02": 3, "c04": 5, "c09": 10},
        "events": {"e01": 2},
        "places": {"russia": 2, "kursk-region": 4, "kyiv": 5, "moscow": 6, "washington": 7},
        "weapons": {"atacms": 2},
        "arguments": {"decision": 2, "a01": 3},
        "sources": {"reuters-2024-11-17": 2, "geonames": 3},
        "references": {"kahn-1965": 2},
        "ladder": {"words": 2, "force": 3},
        "ladder_placements": {"p01": 2},
        "escalation_views": {"v01": 2},
        "forecast_questions": {"q1": 2, "q2": 3, "q3": 4},
    }
    for table, expected in anchors.items():
        ids = [r[0] for r in read_rows(GOOD, table)]
        assert {key: ids.index(key) + 1 for key in expected} == expected, table


# --- Files and encodings -----------------------------------------------------------------------

FILE_CASES = [
    case("csv-missing", remove("weapons.csv"), "weapons.csv: file is missing"),
    case(
        "csv-empty",
        raw("sources.csv", lambda b: b""),
        "sources.csv: the file is empty; it needs the header row id,publisher,title,date,url,note,"
        "unverified",
    ),
    case(
        "csv-only-blank-lines",
        raw("sources.csv", lambda b: b"\n\n"),
        "sources.csv: the file is empty; it needs the header row id,publisher,title,date,url,note,"
        "unverified",
    ),
    case(
        "csv-latin-1",
        raw("weapons.csv", lambda b: b.decode().replace("rockets", "rockéts").encode("latin-1")),
        "weapons.csv:2: not valid UTF-8 (byte 0xe9); save the file as UTF-8",
    ),
    case(
        # Only the foreign keys into sources fail: a table may be empty, but ids must exist.
        "csv-header-only-but-referenced",
        raw("sources.csv", header_only),
        "events.csv:15:source: 'independent-2024-11-18' is not an id in sources.csv",
        "events.csv:16:source: 'ctpublic-2024-11-19' is not an id in sources.csv",
        "events.csv:17:source: 'ctv-2024-11-19' is not an id in sources.csv",
        "events.csv:18:source: 'ap-2024-11-21' is not an id in sources.csv",
        "events.csv:19:source: 'abc-2024-11-17' is not an id in sources.csv",
        "places.csv:4:coord_source: 'geonames' is not an id in sources.csv",
        "places.csv:5:coord_source: 'geonames' is not an id in sources.csv",
        "places.csv:6:coord_source: 'geonames' is not an id in sources.csv",
        "places.csv:7:coord_source: 'geonames' is not an id in sources.csv",
        "weapons.csv:2:weapon_type_source: 'turan-2024-11-17' is not an id in sources.csv",
        *(f"wire_rewrite.csv:{row}:source: '{source}' is not an id in sources.csv"
          for row, source in enumerate(["reuters-2024-11-17-update"] * 2 + ["reuters-2024-11-17"]
                                       + ["reuters-2024-11-17-update"] * 4, start=2)),
    ),
    case(
        "datapackage-missing",
        remove("datapackage.json"),
        "datapackage.json: file is missing; every article folder needs one",
    ),
    case(
        "datapackage-invalid-json",
        raw("datapackage.json", lambda b: b.replace(b'package",', b'package"', 1)),
        "datapackage.json:3: not valid JSON (Expecting ',' delimiter)",
    ),
    case(
        "datapackage-empty",
        raw("datapackage.json", lambda b: b""),
        "datapackage.json:1: not valid JSON (Expecting value)",
    ),
    case(
        "datapackage-not-utf-8",
        raw("datapackage.json", lambda b: b.replace(b"working title", b"working t\xeftle", 1)),
        "datapackage.json: not valid UTF-8; save it as UTF-8",
    ),
    case(
        "article-one-byte-changed",
        raw("article.txt", lambda b: b[:-1] + b"!"),  # the final full stop; no evidence uses it
        sha_line("35970f5fa6e7829a0f501849a90c58e310e24ba762e0ad630a16251d869ab6dd"),
    ),
    case(
        "article-one-byte-added",
        raw("article.txt", lambda b: b + b"\n"),
        sha_line("95ec46516a5a" + hashlib.sha256(
            (GOOD / "article.txt").read_bytes() + b"\n").hexdigest()[12:]),
    ),
    case(
        "article-missing",
        remove("article.txt"),
        "article.txt: file is missing; copy the seed article here byte for byte",
    ),
    case(
        "article-not-utf-8",
        raw("article.txt", lambda b: b"\xff" + b),
        "article.txt: not valid UTF-8 at byte 0; restore the seed file",
    ),
]

# --- Header and row shape ----------------------------------------------------------------------

SHAPE_CASES = [
    case(
        "column-missing",
        rows("weapons", drop_column("range_qualifier")),
        "weapons.csv:1:range_qualifier: column is missing",
    ),
    case(
        "column-unknown",
        rows("weapons", lambda t: [t[0] + ["colour"]] + [r + ["red"] for r in t[1:]]),
        f"weapons.csv:1:colour: unknown column; expected {WEAPON_COLUMNS}",
    ),
    case(
        "column-typo-hint",
        rows("weapons", rename_column("range_km", "range_kms")),
        "weapons.csv:1:range_km: column is missing (found 'range_kms': a typo?)",
        f"weapons.csv:1:range_kms: unknown column; expected {WEAPON_COLUMNS}",
    ),
    case(
        "columns-out-of-order",
        rows("weapons", swap_columns("range_mi", "range_km")),
        f"weapons.csv:1: columns are out of order; expected {WEAPON_COLUMNS}",
    ),
    case(
        "column-twice",
        rows("weapons", lambda t: [r + [r[1]] for r in t]),
        "weapons.csv:1:name: column appears twice",
    ),
    case(
        "column-twice-instead-of-another",
        rows("weapons", rename_column("range_km", "range_mi")),
        "weapons.csv:1:range_km: column is missing",
        "weapons.csv:1:range_mi: column appears twice",
    ),
    case(
        "blank-row",
        raw("weapons.csv", lambda b: b.replace(b"\natacms", b"\n\natacms")),
        "weapons.csv:2: blank row; delete it",
    ),
    case(
        "blank-row-of-commas",
        raw("weapons.csv", lambda b: b + b",,,,,,,,,\n"),
        "weapons.csv:3: blank row; delete it",
    ),
    case(
        "row-too-few-cells",
        rows("weapons", lambda t: [t[0], t[1][:-1]]),
        "weapons.csv:2: has 10 cells but the header has 11; "
        "check for a missing comma or an unquoted comma",
    ),
    case(
        "row-unquoted-comma",
        raw("weapons.csv", lambda b: b.replace(b"ATACMS,rockets", b"ATACMS,rockets, missiles")),
        "weapons.csv:2: has 12 cells but the header has 11; "
        "check for a missing comma or an unquoted comma",
    ),
]

# --- Types and constraints (Table Schema) ------------------------------------------------------

SCHEMA_CASES = [
    case(
        "required-empty",
        cell("actors", "united-states", "name", ""),
        "actors.csv:3:name: is required but empty",
    ),
    case(
        "required-date-empty",
        cell("events", "e01", "date", ""),
        "events.csv:2:date: is required but empty",
    ),
    case(
        "id-pattern-capitals",
        cell("claims", "c02", "id", "C02"),
        f"claims.csv:3:id: 'C02' does not match the pattern {ID_PATTERN}",
    ),
    case(
        "id-pattern-space",
        cell("claims", "c02", "id", "c 02"),
        f"claims.csv:3:id: 'c 02' does not match the pattern {ID_PATTERN}",
    ),
    case(
        "country-pattern",
        cell("actors", "biden-administration", "country", "usa"),
        "actors.csv:2:country: 'usa' does not match the pattern [A-Z]{3}",
    ),
    case(
        "enum-actor-kind",
        cell("actors", "biden-administration", "kind", "people"),
        "actors.csv:2:kind: 'people' is not one of "
        "person, government, legislature, military, organisation, group, country",
    ),
    case(
        "enum-quote-kind",
        cell("quotes", "q1", "kind", "indirect"),
        "quotes.csv:2:kind: 'indirect' is not one of direct, partial",
    ),
    case(
        "enum-translated",
        cell("quotes", "q1", "translated", "yes"),
        "quotes.csv:2:translated: 'yes' is not one of likely, unlikely",
    ),
    case(
        "enum-attribution",
        cell("claims", "c01", "attribution", "anon"),
        "claims.csv:2:attribution: 'anon' is not one of named-on-record, anonymous-official, "
        "sources-familiar, unattributed-reports, organisation, group, reporter",
    ),
    case(
        "enum-claim-type",
        cell("claims", "c01", "claim_type", "rumour"),
        "claims.csv:2:claim_type: 'rumour' is not one of "
        "fact, prediction, opinion, threat, warning, conditional",
    ),
    case(
        "enum-date-precision",
        cell("events", "e01", "date_precision", "week"),
        "events.csv:2:date_precision: 'week' is not one of day, approximate, range, before, after",
    ),
    case(
        "enum-date-basis",
        cell("events", "e01", "date_basis", "guessed"),
        "events.csv:2:date_basis: 'guessed' is not one of "
        "stated, inferred-from-text, outside-source",
    ),
    case(
        "enum-status",
        cell("events", "e01", "status", "done"),
        "events.csv:2:status: 'done' is not one of occurred, reported, expected, scheduled",
    ),
    case(
        "enum-position",
        cell("arguments", "a01", "position", "rebuts"),
        "arguments.csv:3:position: 'rebuts' is not one of root, supports, attacks",
    ),
    case(
        "enum-place-kind",
        cell("places", "kursk-region", "kind", "town"),
        "places.csv:4:kind: 'town' is not one of city, region, country",
    ),
    case(
        "enum-range-qualifier",
        cell("weapons", "atacms", "range_qualifier", "max"),
        "weapons.csv:2:range_qualifier: 'max' is not one of maximum, typical, minimum",
    ),
    case(
        "stance-above-range",
        cell("actors", "biden-administration", "stance", "5"),
        "actors.csv:2:stance: 5 is not in -2..2",
    ),
    case(
        "stance-without-its-source",
        cell("actors", "biden-administration", "stance_source", ""),
        "actors.csv:2:stance_source: is required when a stance is coded",
    ),
    case(
        "stance-source-without-a-stance",
        cell("actors", "united-states", "stance_source", "quoted"),
        "actors.csv:3:stance_source: must be blank when stance is blank",
    ),
    case(
        "stance-source-not-in-enum",
        cell("actors", "biden-administration", "stance_source", "rumour"),
        "actors.csv:2:stance_source: 'rumour' is not one of "
        "quoted, reported, third-party, inferred",
    ),
    case(
        "stance-below-range",
        cell("actors", "biden-administration", "stance", "-3"),
        "actors.csv:2:stance: -3 is not in -2..2",
    ),
    case(
        "stance-a-word",
        cell("actors", "biden-administration", "stance", "two"),
        "actors.csv:2:stance: 'two' is not a whole number",
    ),
    case(
        "stance-a-fraction",
        cell("actors", "biden-administration", "stance", "1.5"),
        "actors.csv:2:stance: '1.5' is not a whole number",
    ),
    case(
        "geonames-id-not-integer",
        cell("places", "kyiv", "geonames_id", "70x"),
        "places.csv:5:geonames_id: '70x' is not a whole number",
    ),
    case(
        "lat-out-of-range",
        cell("places", "kyiv", "lat", "95"),
        "places.csv:5:lat: 95 is not in -90..90",
    ),
    case(
        "lon-out-of-range",
        cell("places", "kyiv", "lon", "-200"),
        "places.csv:5:lon: -200 is not in -180..180",
    ),
    case(
        "lat-decimal-comma",
        cell("places", "kursk-region", "lat", "51,7"),
        "places.csv:4:lat: '51,7' is not a number",
    ),
    case(
        "range-not-a-number",
        cell("weapons", "atacms", "range_mi", "far"),
        "weapons.csv:2:range_mi: 'far' is not a number",
    ),
    case(
        # Two lines: below the minimum, and (a rule) no longer matching the kilometres.
        "range-negative",
        cell("weapons", "atacms", "range_mi", "-1"),
        "weapons.csv:2:range_mi: -1 is below the minimum 0",
        "weapons.csv:2:range_km: 306 km does not match -1 mi (= -1.6 km)",
    ),
    case(
        "date-month-13",
        cell("events", "e01", "date", "2024-13-17"),
        "events.csv:2:date: '2024-13-17' is not a date as YYYY-MM-DD",
    ),
    case(
        "date-a-word",
        cell("events", "e01", "date", "Sunday"),
        "events.csv:2:date: 'Sunday' is not a date as YYYY-MM-DD",
    ),
    case(
        "date-day-first",
        cell("events", "e01", "date", "17/11/2024"),
        "events.csv:2:date: '17/11/2024' is not a date as YYYY-MM-DD",
    ),
    case(
        "date-30-february",
        cell("sources", "reuters-2024-11-17", "date", "2024-02-30"),
        "sources.csv:2:date: '2024-02-30' is not a date as YYYY-MM-DD",
    ),
    # notebook 04: the ladder, each side's reading and the forecast questions
    case(
        "enum-placement-basis",
        cell("ladder_placements", "p01", "basis", "fact"),
        "ladder_placements.csv:2:basis: 'fact' is not one of course-interpretation",
    ),
    case(
        "unknown-view-side",  # the sides are the article's, in sides.csv
        cell("escalation_views", "v01", "side", "ukraine"),
        "escalation_views.csv:2:side: 'ukraine' is not an id in sides.csv",
    ),
    case(
        "enum-view-reading",
        cell("escalation_views", "v01", "reading", "provocation"),
        "escalation_views.csv:2:reading: 'provocation' is not one of escalation, response, risk",
    ),
    case(
        "enum-forecast-outcome",
        cell("forecast_questions", "q1", "outcome", "maybe"),
        "forecast_questions.csv:2:outcome: 'maybe' is not one of yes, no",
    ),
    case(
        # Only the minimum: the outcome rule leaves a broken window to the schema check.
        "window-days-zero",
        cell("forecast_questions", "q1", "window_days", "0"),
        "forecast_questions.csv:2:window_days: 0 is below the minimum 1",
    ),
    case(
        "window-days-a-fraction",
        cell("forecast_questions", "q1", "window_days", "2.5"),
        "forecast_questions.csv:2:window_days: '2.5' is not a whole number",
    ),
    case(
        "asked-on-not-a-date",
        cell("forecast_questions", "q1", "asked_on", "17 Nov 2024"),
        "forecast_questions.csv:2:asked_on: '17 Nov 2024' is not a date as YYYY-MM-DD",
    ),
    case(
        "reference-year-a-word",
        cell("references", "kahn-1965", "year", "nineteen sixty-five"),
        "references.csv:2:year: 'nineteen sixty-five' is not a whole number",
    ),
    case(
        "reference-url-not-a-url",
        cell("references", "kahn-1965", "url", "Google Books"),
        "references.csv:2:url: 'Google Books' is not a URL",
    ),
    case(
        "rung-a-word",
        cell("ladder", "words", "rung", "bottom"),
        "ladder.csv:2:rung: 'bottom' is not a whole number",
    ),
    case(
        "view-without-voices",
        cell("escalation_views", "v01", "voices", ""),
        "escalation_views.csv:2:voices: is required but empty",
    ),
    case(
        "view-without-evidence",
        cell("escalation_views", "v01", "evidence", ""),
        "escalation_views.csv:2:evidence: is required but empty",
    ),
]

# --- Ids and references ------------------------------------------------------------------------

REFERENCE_CASES = [
    case(
        "fk-quote-speaker",
        cell("quotes", "q1", "speaker", "zelensky"),
        "quotes.csv:2:speaker: 'zelensky' is not an id in actors.csv (did you mean 'zelenskiy'?)",
    ),
    case(
        "fk-weapon-supplier",
        cell("weapons", "atacms", "supplier", "us"),
        "weapons.csv:2:supplier: 'us' is not an id in actors.csv",
    ),
    case(
        "fk-argument-target",
        cell("arguments", "a01", "target", "decison"),
        "arguments.csv:3:target: 'decison' is not an id in arguments.csv "
        "(did you mean 'decision'?)",
    ),
    case(
        "fk-event-source",
        cell("events", "e01", "source", "reuters"),
        "events.csv:2:source: 'reuters' is not an id in sources.csv",
    ),
    case(
        "fk-place-coord-source",
        cell("places", "kursk-region", "coord_source", "geonamez"),
        "places.csv:4:coord_source: 'geonamez' is not an id in sources.csv "
        "(did you mean 'geonames'?)",
    ),
    case(
        "list-claim-asserted-by",
        cell("claims", "c01", "asserted_by", "us-officials|sources-familar"),
        "claims.csv:2:asserted_by: 'sources-familar' is not an id in actors.csv "
        "(did you mean 'sources-familiar'?)",
    ),
    case(
        "list-event-actors",
        cell("events", "e01", "actors", "biden-administration|ukriane"),
        "events.csv:2:actors: 'ukriane' is not an id in actors.csv (did you mean 'ukraine'?)",
    ),
    case(
        "list-event-places",
        cell("events", "e01", "places", "rusia"),
        "events.csv:2:places: 'rusia' is not an id in places.csv (did you mean 'russia'?)",
    ),
    case(
        "list-argument-speakers",
        cell("arguments", "a01", "speakers", "us-oficials"),
        "arguments.csv:3:speakers: 'us-oficials' is not an id in actors.csv "
        "(did you mean 'us-officials'?)",
    ),
    case(
        "list-two-unknown-ids-no-hint",
        cell("arguments", "a01", "speakers", "zzzzzz|us-officials|qqqqqq"),
        "arguments.csv:3:speakers: 'zzzzzz' is not an id in actors.csv",
        "arguments.csv:3:speakers: 'qqqqqq' is not an id in actors.csv",
    ),
    # notebook 04
    case(
        "fk-ladder-reference",
        cell("ladder", "words", "reference", "kahn"),
        "ladder.csv:2:reference: 'kahn' is not an id in references.csv (did you mean 'kahn-1965'?)",
    ),
    case(
        "fk-placement-rung",
        cell("ladder_placements", "p01", "rung", "word"),
        "ladder_placements.csv:2:rung: 'word' is not an id in ladder.csv (did you mean 'words'?)",
    ),
    case(
        "fk-placement-event",
        cell("ladder_placements", "p01", "event", "e99"),
        "ladder_placements.csv:2:event: 'e99' is not an id in events.csv (did you mean 'e09'?)",
    ),
    case(
        "fk-view-event",
        cell("escalation_views", "v01", "event", "e5"),
        "escalation_views.csv:2:event: 'e5' is not an id in events.csv (did you mean 'e15'?)",
    ),
    case(
        "list-view-voices",
        cell("escalation_views", "v01", "voices", "us-oficials"),
        "escalation_views.csv:2:voices: 'us-oficials' is not an id in actors.csv "
        "(did you mean 'us-officials'?)",
    ),
    case(
        "fk-forecast-outcome-event",
        cell("forecast_questions", "q1", "outcome_event", "e41"),
        "forecast_questions.csv:2:outcome_event: 'e41' is not an id in events.csv "
        "(did you mean 'e18'?)",
    ),
]

# --- Evidence and the rules a schema cannot express --------------------------------------------

RULE_CASES = [
    case(
        "evidence-not-in-text",
        cell("weapons", "atacms", "evidence", "These rockets have a range of up to 200 miles"),
        "weapons.csv:2:evidence: not found in the article: "
        "'These rockets have a range of up to 200 miles' (copy the span from article.txt exactly)",
    ),
    case(
        "evidence-straight-apostrophe",
        cell(
            "actors",
            "biden-administration",
            "evidence",
            "the Biden administration has approved Ukraine's use of U.S.-made weapons",
        ),
        "actors.csv:2:evidence: not found in the article: "
        "'the Biden administration has approved Ukraine's use of U.S.…' "
        "(the article's quote marks or apostrophes differ: copy them from the text)",
    ),
    case(
        "evidence-occurs-three-times",
        cell("weapons", "atacms", "evidence", "North Korean troops"),
        "weapons.csv:2:evidence: occurs 3 times in the article; lengthen it so it is unique",
    ),
    case(
        "event-neither-evidence-nor-source",
        cell("events", "e01", "evidence", ""),
        "events.csv:2:evidence: has neither evidence nor source; "
        "give a verbatim span of the article or cite a source",
    ),
    case(
        "date-end-before-date",
        both(
            cell("events", "e01", "date_precision", "range"),
            cell("events", "e01", "date_end", "2024-11-01"),
        ),
        "events.csv:2:date_end: 2024-11-01 is before date 2024-11-17",
    ),
    case(
        "date-end-without-range",
        cell("events", "e01", "date_end", "2024-11-20"),
        "events.csv:2:date_end: must be blank unless date_precision is 'range'",
    ),
    case(
        "range-without-date-end",
        cell("events", "e01", "date_precision", "range"),
        "events.csv:2:date_end: is required when date_precision is 'range'",
    ),
    case(
        "outside-source-without-source",
        cell("events", "e01", "date_basis", "outside-source"),
        "events.csv:2:source: is required when date_basis is 'outside-source'",
    ),
    case(
        "alias-not-in-text",
        cell("actors", "united-states", "aliases", "U.S.|America"),
        "actors.csv:3:aliases: 'America' does not occur in the article as a word",
    ),
    case(
        "alias-part-of-a-word",
        cell("actors", "united-states", "aliases", "U.S.|Washingto"),
        "actors.csv:3:aliases: 'Washingto' does not occur in the article as a word",
    ),
    case(
        "hedge-not-in-evidence",
        cell("claims", "c04", "hedges", "poised|perhaps"),
        "claims.csv:5:hedges: 'perhaps' is not in this row's evidence",
    ),
    case(
        "reporter-with-asserted-by",
        cell("claims", "c02", "asserted_by", "ukraine"),
        "claims.csv:3:asserted_by: must be blank when attribution is 'reporter'",
    ),
    case(
        "named-on-record-without-asserted-by",
        cell("claims", "c09", "asserted_by", ""),
        "claims.csv:10:asserted_by: is blank, so attribution must be one of "
        "reporter, unattributed-reports",
    ),
    case(
        "root-argument-with-target",
        cell("arguments", "decision", "target", "a01"),
        "arguments.csv:2:target: must be blank for the root argument",
    ),
    case(
        "supports-without-target",
        cell("arguments", "a01", "target", ""),
        "arguments.csv:3:target: is blank; a 'supports' argument needs a target",
    ),
    case(
        "argument-targets-itself",
        cell("arguments", "a01", "target", "a01"),
        "arguments.csv:3:target: an argument cannot target itself",
    ),
    case(
        "border-measured-but-not-named",
        rows("map_frame", lambda t: [r for r in t if r[0] != "border"]),
        *[f"{where}: measures from the border, but map_frame.csv names no border; add a 'border' "
          "row (two ISO country codes, such as UKR|RUS) or measure from a place"
          for where in ("map_origins.csv:2:place", "exercises.csv:15:params",
                        "exercises.csv:16:params", "exercises.csv:17:params")],
    ),
    case(
        "city-without-coordinates",
        both(cell("places", "kyiv", "lat", ""), cell("places", "kyiv", "lon", "")),
        "places.csv:5:lat: is required for a city",
        "places.csv:5:lon: is required for a city",
        # The map's landmarks and its Mercator line's end name Kyiv: each says so once.
        "map_frame.csv:15:value: 'Kyiv' is a place in places.csv without coordinates; give it "
        "lat and lon there, or name a city",
        "map_frame.csv:19:value: 'Kyiv' is a place in places.csv without coordinates; give it "
        "lat and lon there, or name a city",
    ),
    case(
        "coordinates-without-source",
        cell("places", "kyiv", "coord_source", ""),
        "places.csv:5:coord_source: is required when coordinates are given",
    ),
    case(
        "range-km-does-not-match-miles",
        cell("weapons", "atacms", "range_km", "190"),
        "weapons.csv:2:range_km: 190 km does not match 190 mi (= 305.8 km)",
    ),
    # notebook 04
    case(
        "ladder-rungs-out-of-order",
        both(cell("ladder", "words", "rung", "2"), cell("ladder", "force", "rung", "1")),
        "ladder.csv:2:rung: is 2, expected 1: rungs are numbered 1, 2, 3… from the bottom, "
        "in row order",
        "ladder.csv:3:rung: is 1, expected 2: rungs are numbered 1, 2, 3… from the bottom, "
        "in row order",
    ),
    case(
        "placement-of-an-outcome-event",
        cell("ladder_placements", "p01", "event", "e15"),
        "ladder_placements.csv:2:event: 'e15' comes from an outside source; use only the "
        "article's own events (outcomes stay hidden until the forecast reveal)",
    ),
    case(
        "view-of-an-outcome-event",
        cell("escalation_views", "v01", "event", "e17"),
        "escalation_views.csv:2:event: 'e17' comes from an outside source; use only the "
        "article's own events (outcomes stay hidden until the forecast reveal)",
    ),
    case(
        "placement-evidence-not-in-text",
        cell("ladder_placements", "p01", "evidence", "warned the West"),
        "ladder_placements.csv:2:evidence: not found in the article: 'warned the West' "
        "(copy the span from article.txt exactly)",
    ),
    case(
        "forecast-evidence-not-unique",
        cell("forecast_questions", "q1", "evidence", "North Korean troops"),
        "forecast_questions.csv:2:evidence: occurs 3 times in the article; "
        "lengthen it so it is unique",
    ),
    case(
        "forecast-outcome-event-from-the-article",
        cell("forecast_questions", "q1", "outcome_event", "e02"),
        "forecast_questions.csv:2:outcome_event: 'e02' is not from an outside source; an "
        "outcome needs an event with date_basis outside-source and a cited source",
    ),
    case(
        "forecast-outcome-event-not-to-the-day",
        cell("events", "e14", "date_precision", "approximate"),
        "forecast_questions.csv:2:outcome_event: 'e14' is dated 'approximate'; an outcome "
        "needs an event dated to the day",
    ),
    case(
        "forecast-yes-but-the-event-came-later",
        cell("forecast_questions", "q3", "window_days", "1"),
        "forecast_questions.csv:4:outcome: 'yes' disagrees with the event: e15 is dated "
        "2024-11-19, after the window closed on 2024-11-18",
    ),
    case(
        "forecast-no-but-the-event-came-in-time",
        cell("forecast_questions", "q2", "window_days", "2"),
        "forecast_questions.csv:3:outcome: 'no' disagrees with the event: e15 is dated "
        "2024-11-19, within the window, which closes on 2024-11-19",
    ),
    case(
        "forecast-event-not-after-the-question",
        cell("forecast_questions", "q1", "asked_on", "2024-11-18"),
        "forecast_questions.csv:2:outcome_event: 'e14' is dated 2024-11-18, not after the "
        "question was asked on 2024-11-18",
    ),
]


@pytest.mark.parametrize(
    ("mutation", "expected"),
    FILE_CASES + SHAPE_CASES + SCHEMA_CASES + REFERENCE_CASES + RULE_CASES,
)
def test_bad_data_is_reported_exactly(folder, mutation, expected):
    mutation(folder)
    assert errors_of(folder) == expected


def test_enough_cases():
    cases = FILE_CASES + SHAPE_CASES + SCHEMA_CASES + REFERENCE_CASES + RULE_CASES
    assert len(cases) >= 30
    assert len({c.id for c in cases}) == len(cases), "case ids must be unique"


# --- Data that looks odd but is valid ----------------------------------------------------------

VALID_CASES = [
    pytest.param(every_csv(lambda b: b"\xef\xbb\xbf" + b), id="utf-8-bom-on-every-csv"),
    pytest.param(every_csv(lambda b: b.replace(b"\n", b"\r\n")), id="crlf-line-endings"),
    pytest.param(raw("weapons.csv", header_only), id="header-only-table-nobody-references"),
    # No root argument is not checked: an empty argument map is allowed.
    pytest.param(raw("arguments.csv", header_only), id="header-only-arguments"),
    pytest.param(
        both(
            cell("events", "e01", "date_precision", "range"),
            cell("events", "e01", "date_end", "2024-11-20"),
        ),
        id="range-with-date-end",
    ),
    pytest.param(
        both(
            cell("events", "e01", "evidence", ""),
            cell("events", "e01", "source", "reuters-2024-11-17"),
        ),
        id="event-with-source-instead-of-evidence",
    ),
    pytest.param(cell("weapons", "atacms", "range_km", "306.7"), id="range-km-within-rounding"),
    # The window includes its last day: an event on day 2 of a 2-day window is a 'yes'.
    pytest.param(
        both(
            cell("forecast_questions", "q2", "window_days", "2"),
            cell("forecast_questions", "q2", "outcome", "yes"),
        ),
        id="forecast-event-on-the-last-day-of-the-window",
    ),
]


@pytest.mark.parametrize("mutation", VALID_CASES)
def test_odd_but_valid_data_loads(folder, mutation):
    mutation(folder)
    article = load_article(folder)
    assert isinstance(article, Article)
    assert all(isinstance(frame, pd.DataFrame) for frame in article.tables.values())


def test_header_only_table_loads_as_an_empty_frame_with_its_columns(folder):
    raw("weapons.csv", header_only)(folder)
    weapons = load_article(folder).weapons
    assert len(weapons) == 0
    assert list(weapons.columns[:11]) == [c.strip() for c in WEAPON_COLUMNS.split(",")]


# --- Many problems at once ---------------------------------------------------------------------


def test_problems_in_different_files_are_all_collected_in_order(folder):
    """One raise lists everything: the article first, then each file's shape (in resource order),
    then schema checks, then the rules, each in resource order."""
    both(
        raw("article.txt", lambda b: b[:-1] + b"!"),
        cell("weapons", "atacms", "range_km", "190"),
        cell("events", "e01", "date", "2024-13-17"),
        rows("places", lambda t: [*t, [""] * len(t[0])]),
        cell("claims", "c04", "hedges", "poised|perhaps"),
        cell("actors", "biden-administration", "stance", "5"),
        cell("quotes", "q1", "speaker", "zelensky"),
    )(folder)
    assert errors_of(folder) == [
        sha_line("35970f5fa6e7829a0f501849a90c58e310e24ba762e0ad630a16251d869ab6dd"),
        "places.csv:8: blank row; delete it",
        "actors.csv:2:stance: 5 is not in -2..2",
        "quotes.csv:2:speaker: 'zelensky' is not an id in actors.csv (did you mean 'zelenskiy'?)",
        "events.csv:2:date: '2024-13-17' is not a date as YYYY-MM-DD",
        "claims.csv:5:hedges: 'perhaps' is not in this row's evidence",
        "weapons.csv:2:range_km: 190 km does not match 190 mi (= 305.8 km)",
    ]


def test_error_message_tells_the_learner_what_to_do(folder):
    cell("actors", "biden-administration", "stance", "5")(folder)
    with pytest.raises(DataValidationError) as info:
        load_article(folder)
    message = str(info.value)
    assert info.value.folder == folder
    assert message.splitlines() == [
        f"The data in {folder} has 1 problem:",
        "  actors.csv:2:stance: 5 is not in -2..2",
        "Fix each file at the row and field named (row 1 is the header), then load again.",
    ]
    assert isinstance(info.value, ValueError)  # so a plain `except ValueError` also catches it


def test_error_message_counts_problems_in_the_plural(folder):
    cell("events", "e01", "date_precision", "week")(folder)
    cell("events", "e01", "status", "done")(folder)
    with pytest.raises(DataValidationError) as info:
        load_article(folder)
    assert str(info.value).startswith(f"The data in {folder} has 2 problems:\n")


# --- Command line ------------------------------------------------------------------------------


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newscase", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_bad_folder_prints_every_line_and_exits_1(folder):
    cell("actors", "biden-administration", "stance", "5")(folder)
    remove("weapons.csv")(folder)
    expected = errors_of(folder)
    assert expected == ["weapons.csv: file is missing", "actors.csv:2:stance: 5 is not in -2..2"]
    result = run_cli("validate", str(folder))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [*expected, f"{folder}: 2 problem(s)"]


def test_cli_good_folder_prints_one_summary_line_and_exits_0():
    result = run_cli("validate", str(GOOD))
    counts = ", ".join(f"{data_rows(t)} {t}" for t in TABLES)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{GOOD.name}: valid ({counts})\n"
    assert result.stderr == ""


# The id lookups run in-process: the two tests above already prove `python -m newscase` works.


def test_cli_accepts_an_article_id_from_the_repo_root(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    assert main(["validate", GOOD.name]) == 0
    assert capsys.readouterr().out.startswith(f"{GOOD.name}: valid (")


def test_cli_unknown_id_close_to_a_real_one_exits_2_with_a_hint(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    assert main(["validate", "atacms-2024-11-71"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(
        "No article 'atacms-2024-11-71'. Did you mean 'atacms-2024-11-17'? Available: "
    )


def test_cli_unknown_id_far_from_any_exits_2_without_a_hint(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    assert main(["validate", "nothing-like-it"]) == 2
    err = capsys.readouterr().err
    assert "Did you mean" not in err
    assert err.startswith("No article 'nothing-like-it'. Available: ")


# --- Library bugs found by these tests: each fails until the library is fixed -------------------
#
# These are in the same spirit as the table above, but written one by one, so each can say what
# went wrong. Where the wording of the right line is the lead's to choose, they check the shape.


def assert_well_formed(errors: list[str]) -> None:
    for line in errors:
        assert LINE.fullmatch(line), f"not one line of the shape file:row:field: message: {line!r}"


def test_duplicate_id_is_reported_with_its_first_row(folder):
    """Crashed with AttributeError: 'PrimaryKeyError' object has no attribute 'field_name'
    (validation.reword, the primary-key branch)."""
    cell("claims", "c05", "id", "c02")(folder)
    assert errors_of(folder) == ["claims.csv:6:id: duplicate id 'c02' (first used on row 3)"]


def test_duplicated_row_is_a_duplicate_id(folder):
    """The same crash as above, from copying a row."""
    rows("weapons", lambda t: [t[0], t[1], t[1]])(folder)
    assert errors_of(folder) == ["weapons.csv:3:id: duplicate id 'atacms' (first used on row 2)"]


def test_quote_mark_inside_an_unknown_id(folder):
    """Crashed with AttributeError: 'ForeignKeyError' object has no attribute 'field_name': the
    regular expression over Frictionless's note cannot read a value containing '"', and the
    fallback line uses error.field_name, which row errors do not have."""
    cell("quotes", "q1", "speaker", 'zel"enskiy')(folder)
    assert errors_of(folder) == [
        "quotes.csv:2:speaker: 'zel\"enskiy' is not an id in actors.csv (did you mean 'zelenskiy'?)"
    ]


def test_cell_that_makes_frictionless_guess_another_delimiter(folder):
    """Crashed with AttributeError: 'MissingLabelError' object has no attribute 'row_number'.
    The CSV is sound (8 cells a row), but Frictionless sniffs each file's dialect and, for this
    two-line file, guesses a tab delimiter; it then sees a one-column header and reports label
    errors, which have no row number. (Found by the fuzz.) The fix is to pin the delimiter for
    Frictionless and to reword errors that have no row."""
    cell("weapons", "atacms", "name", "x\t'")(folder)
    cell("weapons", "atacms", "evidence", "'")(folder)
    assert errors_of(folder) == [
        "weapons.csv:2:evidence: occurs 2 times in the article; lengthen it so it is unique"
    ]


def test_url_that_is_not_a_url(folder):
    """Said "'not a url' is not string": the type hint has no entry for the uri format."""
    cell("sources", "reuters-2024-11-17", "url", "not a url")(folder)
    assert errors_of(folder) == ["sources.csv:2:url: 'not a url' is not a URL"]


def test_date_without_leading_zero_is_not_yyyy_mm_dd(folder):
    """'2024-11-5' was accepted (Frictionless parses dates with strptime, which takes one-digit
    months and days), although the schema and the error message promise YYYY-MM-DD."""
    cell("events", "e01", "date", "2024-11-5")(folder)
    assert errors_of(folder) == ["events.csv:2:date: '2024-11-5' is not a date as YYYY-MM-DD"]


def test_date_end_before_date_is_caught_whatever_the_padding(folder):
    """Loaded without error: event_rules compares the dates as strings, and '2024-11-9' sorts
    after '2024-11-10'. A date that is not YYYY-MM-DD should get only its type line."""
    both(
        cell("events", "e01", "date_precision", "range"),
        cell("events", "e01", "date", "2024-11-10"),
        cell("events", "e01", "date_end", "2024-11-9"),
    )(folder)
    assert errors_of(folder) == ["events.csv:2:date_end: '2024-11-9' is not a date as YYYY-MM-DD"]


def test_nan_latitude_is_reported_once(folder):
    """'nan' is a Frictionless number; it fails both minimum and maximum, and the same line came
    out twice: 'places.csv:5:lat: nan is not in -90..90'."""
    cell("places", "kyiv", "lat", "nan")(folder)
    errors = errors_of(folder)
    assert len(errors) == 1, errors
    assert errors[0].startswith("places.csv:5:lat: ")


def test_blank_column_name_names_the_problem(folder):
    """A header cell left empty gave 'weapons.csv:1:: unknown column; expected ...': an empty
    field, which reads as a typo in the message itself."""
    rows("weapons", lambda t: [[*t[0][:-1], ""], t[1]])(folder)
    errors = errors_of(folder)
    assert errors[0] == "weapons.csv:1:review: column is missing"
    assert len(errors) == 2, errors
    assert_well_formed(errors)


def test_a_column_named_three_times_is_reported_once(folder):
    """'column appears twice' came out once per extra copy, so three copies gave two identical
    lines (and 'twice' was wrong)."""
    rows(
        "weapons",
        lambda t: [["name" if c in ("article_term", "supplier") else c for c in t[0]], t[1]],
    )(folder)
    errors = errors_of(folder)
    assert errors[:2] == [
        "weapons.csv:1:article_term: column is missing",
        "weapons.csv:1:supplier: column is missing",
    ]
    assert len(errors) == 3, errors
    assert errors[2].startswith("weapons.csv:1:name: column appears ")


@pytest.mark.parametrize(
    ("mutation", "count"),
    [
        pytest.param(cell("weapons", "atacms", "evidence", "foo\nbar"), 1, id="evidence"),
        pytest.param(cell("quotes", "q1", "kind", "dir\nect"), 1, id="enum"),
        pytest.param(cell("quotes", "q1", "speaker", "zel\nenskiy"), 1, id="foreign-key"),
        pytest.param(rows("weapons", rename_column("evidence", "evi\ndence")), 2, id="header"),
    ],
)
def test_every_error_is_one_line(folder, mutation, count):
    """A cell holding a line break was echoed raw, so one problem printed as two lines (the CLI
    prints one problem per line). The value should be shown escaped, e.g. 'foo\\nbar'."""
    mutation(folder)
    errors = errors_of(folder)
    assert len(errors) == count, errors
    assert_well_formed(errors)


DESCRIPTOR_BUGS = [
    pytest.param(lambda p: p.clear(), id="empty-object"),
    pytest.param(lambda p: p.pop("article"), id="no-article"),
    pytest.param(lambda p: p.pop("title"), id="no-title"),
    pytest.param(lambda p: p["resources"][0].pop("schema"), id="resource-without-schema"),
    pytest.param(lambda p: p["resources"][5].pop("path"), id="resource-without-path"),
    pytest.param(
        lambda p: p["resources"][5]["schema"]["fields"][3].update(type="numbr"),
        id="unknown-field-type",
    ),
    pytest.param(
        lambda p: p["resources"][5]["schema"]["foreignKeys"][0]["reference"].update(
            resource="actorz"
        ),
        id="foreign-key-to-unknown-resource",
    ),
    pytest.param(
        lambda p: p["resources"][2]["schema"]["fields"][1].update(references="actorz"),
        id="list-reference-to-unknown-resource",
    ),
]


@pytest.mark.parametrize("change", DESCRIPTOR_BUGS)
def test_broken_descriptor_is_a_validation_error(folder, change):
    """Valid JSON with the wrong structure crashed with KeyError, AttributeError,
    ValueError or FrictionlessException (or, for a missing 'article' or 'title', validated
    clean and then crashed in load_article). Each should be a line about datapackage.json."""
    descriptor(change)(folder)
    errors = errors_of(folder)
    assert errors
    assert_well_formed(errors)
    assert all(line.startswith("datapackage.json") for line in errors), errors


def test_descriptor_that_is_not_an_object(folder):
    """'[]' crashed with AttributeError: 'list' object has no attribute 'get'."""
    (folder / "datapackage.json").write_text("[]", encoding="utf-8")
    errors = errors_of(folder)
    assert len(errors) == 1
    assert errors[0].startswith("datapackage.json: ")


def test_article_date_that_is_not_iso(folder):
    """Validated clean, then load_article crashed: ValueError: Invalid isoformat string."""
    descriptor(lambda p: p["article"].update(date="17 Nov 2024"))(folder)
    errors = errors_of(folder)
    assert len(errors) == 1
    assert errors[0].startswith("datapackage.json: ")


def test_sha256_prefixes_are_hashlib_s():
    """The sha256 prefixes in the cases above are hashlib's, not magic numbers."""
    seed = (GOOD / "article.txt").read_bytes()
    assert hashlib.sha256(seed[:-1] + b"!").hexdigest().startswith("35970f5fa6e7")
    assert hashlib.sha256(seed + b"\n").hexdigest().startswith("95ec46516a5a")
    recorded = json.loads((GOOD / "datapackage.json").read_text())["article"]["sha256"]
    assert recorded.startswith("7641ee1a5a4c")
