"""One contract for every article: the canonical schemas shipped in the package.

A teacher's folder can drift from what the lessons read: a column deleted from both a CSV and
its descriptor, a renamed one, a missing table, an empty one. Each is one line naming the file,
never a traceback from deep inside a lesson.
"""

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ARTICLE_DIR
from newscase import load_article
from newscase.data import DataValidationError
from newscase.data.contract import canonical, required_tables, write_descriptor
from newscase.data.validation import validate_folder


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / ARTICLE_DIR.name
    shutil.copytree(ARTICLE_DIR, copy)
    return copy


def descriptor(folder):
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def save(folder, package):
    (folder / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")


def resource(package, name):
    return next(r for r in package["resources"] if r["name"] == name)


def drop_column(folder, table, column):
    """Delete a column from the CSV and from the descriptor, consistently."""
    import csv

    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    at = rows[0].index(column)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([r[:at] + r[at + 1:] for r in rows])
    package = descriptor(folder)
    fields = resource(package, table)["schema"]["fields"]
    fields[:] = [f for f in fields if f["name"] != column]
    save(folder, package)


def errors(folder):
    return validate_folder(folder)[3]


def test_the_committed_article_matches_the_canonical_schemas_exactly(folder):
    before = (folder / "datapackage.json").read_bytes()
    write_descriptor(folder)
    assert (folder / "datapackage.json").read_bytes() == before
    assert set(required_tables()) == {"actors", "claims", "events", "sources"}


def test_a_column_deleted_from_csv_and_descriptor_is_one_line_not_a_traceback(folder):
    drop_column(folder, "claims", "hedges")
    assert errors(folder) == [
        "datapackage.json: claims: field 'hedges' is missing; the lessons need it (Hedge words, "
        "'|'-separated; each must occur in the evidence.)"]
    with pytest.raises(DataValidationError):
        load_article(folder)


def edit_range_km(folder, key: str, value: str) -> None:
    """Change one property of weapons.range_km in the descriptor only."""
    package = descriptor(folder)
    field = next(f for f in resource(package, "weapons")["schema"]["fields"]
                 if f["name"] == "range_km")
    field[key] = value
    save(folder, package)


def test_a_renamed_column_names_both_sides(folder):
    edit_range_km(folder, "name", "range_kms")
    found = errors(folder)
    assert found[:2] == [
        "datapackage.json: weapons: field 'range_km' is missing; the lessons need it (Range in "
        "kilometres as stated.)",
        "datapackage.json: weapons: field 'range_kms' is not in the canonical schema; expected "
        "id, name, article_term, weapon_type, weapon_type_source, range_mi, range_km, "
        "range_qualifier, supplier, evidence, review"]


def test_a_changed_type_is_one_line(folder):
    edit_range_km(folder, "type", "string")
    assert errors(folder) == ["datapackage.json: weapons: field 'range_km' has type "
                              "\"string\"; the canonical schema says \"number\""]


def test_a_missing_required_table_is_named_with_what_to_do(folder):
    package = descriptor(folder)
    package["resources"] = [r for r in package["resources"]
                            if r["name"] not in ("claims", "wire_rewrite")]
    save(folder, package)
    found = errors(folder)
    assert found == ["datapackage.json: has no 'claims' table; every article needs actors, "
                     "claims, events, sources (python -m newscase descriptor FOLDER adds the "
                     "canonical description of any missing one)"]


def test_a_header_only_table_the_lessons_need_is_reported(folder):
    path = folder / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert "claims.csv: has 0 rows; the lessons need at least 1" in errors(folder)


def test_a_draft_may_find_no_actor_or_dated_event(folder):
    """An article whose date is unknown has no dated event, and a short text may name no one:
    the lessons say so, and the folder is still valid."""
    path = folder / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert not [e for e in errors(folder) if e.startswith("events.csv: has 0 rows")]


def test_an_optional_table_may_be_empty(folder):
    path = folder / "references.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert "references.csv" not in " ".join(e for e in errors(folder) if "rows" in e)
    assert canonical()["references"]["min_rows"] == 0


def test_the_package_name_must_match_the_folder(folder, tmp_path):
    moved = folder.rename(tmp_path / "my-article")
    assert errors(moved)[0] == ("datapackage.json: name 'atacms-2024-11-17' does not match the "
                                "folder 'my-article'; make them the same")


def test_the_descriptor_command_restores_a_missing_table_description(folder):
    package = descriptor(folder)
    package["resources"] = [r for r in package["resources"] if r["name"] != "exercises"]
    resource(package, "claims")["schema"]["fields"][0]["type"] = "integer"
    save(folder, package)
    assert errors(folder)  # the broken claims description
    result = subprocess.run([sys.executable, "-m", "newscase", "descriptor", str(folder)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "claims" in result.stdout
    assert errors(folder) == []
    # exercises is optional and was not listed, so it stays out; the rest is canonical again
    assert "exercises" not in {r["name"] for r in descriptor(folder)["resources"]}
