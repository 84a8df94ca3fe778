"""The rule-based draft: verbatim, unique evidence; every quote of the reference article found;
rows that validate as an article folder on texts made here."""

import csv
import datetime as dt
import hashlib
import io
import json
import time
from pathlib import Path

import pytest

from conftest import ARTICLE_DIR
from newscase.authoring.drafting import TABLES, columns, draft_tables
from newscase.authoring.review import state
from newscase.data.contract import write_descriptor
from newscase.data.validation import validate_folder

REFERENCE_DATE = dt.date(2024, 11, 17)


def reference_text() -> str:
    return (ARTICLE_DIR / "article.txt").read_text(encoding="utf-8")


def write_folder(folder: Path, text: str, tables: dict, date: dt.date = REFERENCE_DATE) -> Path:
    """An article folder as `newscase new` would write it: the text byte for byte, the drafted
    tables as CSVs, an empty sources.csv unless the draft cites one, a canonical descriptor."""
    folder.mkdir(parents=True)
    raw = text.encode("utf-8")
    (folder / "article.txt").write_bytes(raw)
    tables = {"sources": [], **tables}
    resources = []
    for name, rows in tables.items():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns(name), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        (folder / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")
        resources.append({"name": name})
    descriptor = {"profile": "tabular-data-package", "name": folder.name, "title": "A test text",
                  "article": {"path": "article.txt", "sha256": hashlib.sha256(raw).hexdigest(),
                              "language": "en", "date": date.isoformat()},
                  "resources": resources}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    write_descriptor(folder)
    return folder


def assert_valid(tmp_path: Path, text: str, date=REFERENCE_DATE) -> dict:
    tables = draft_tables(text, date)
    _, _, _, errors = validate_folder(write_folder(tmp_path / "drafted-article", text, tables,
                                                  date or REFERENCE_DATE))
    assert errors == []
    return tables


def test_reference_article_evidence_is_verbatim_and_unique():
    text = reference_text()
    tables = draft_tables(text, REFERENCE_DATE)
    for name in TABLES:
        for row in tables[name]:
            assert list(row) == columns(name)
            assert all(isinstance(v, str) for v in row.values())
            assert state(row) == "draft"
            if row.get("evidence"):
                assert text.count(row["evidence"]) == 1, (name, row["evidence"])


def test_reference_article_every_quote_is_found():
    with (ARTICLE_DIR / "quotes.csv").open(encoding="utf-8", newline="") as handle:
        wanted = [r["evidence"] for r in csv.DictReader(handle)]
    drafted = [r["evidence"] for r in draft_tables(reference_text(), REFERENCE_DATE)["quotes"]]
    for words in wanted:
        assert any(words in d or d in words for d in drafted), words


def test_reference_article_draft_validates(tmp_path):
    assert_valid(tmp_path, reference_text())


NEWS = (
    "Chile's Foreign Minister Ana Torres said on Monday that talks with Argentina would resume "
    "next week. “We are ready to sign,” Torres told reporters in Santiago.\n"
    "\"The deal is not done,\" said Marco Ruiz, an analyst at the Andes Institute. Officials in "
    "Buenos Aires, speaking on condition of anonymity, said the talks could collapse. A senior "
    "official said more than 200 delegates may attend.\n"
    "The navy has tested a Condor missile with a range of 500 km, according to reports. It was "
    "made by Chile. Observers from Minsk will attend.\n"
    "Meanwhile, the summit is set to open on 3 March 2025.\n"
)


def test_made_up_article_quotes_speakers_sources_and_weapon(tmp_path):
    tables = assert_valid(tmp_path, NEWS, dt.date(2025, 2, 10))
    actors = {r["id"]: r for r in tables["actors"]}
    quotes = {r["evidence"]: r for r in tables["quotes"]}
    assert set(quotes) == {"We are ready to sign", "The deal is not done"}
    assert actors[quotes["We are ready to sign"]["speaker"]]["name"] == "Ana Torres"
    assert actors[quotes["The deal is not done"]["speaker"]]["name"] == "Marco Ruiz"
    assert all(q["translated"] == "unlikely" and "must check" in q["translation_note"]
               for q in quotes.values())
    assert "Torres" in actors["ana-torres"]["aliases"].split("|")
    attributions = {r["attribution"] for r in tables["claims"]}
    assert {"named-on-record", "anonymous-official", "reporter"} <= attributions
    hedged = [r for r in tables["claims"] if "could" in r["hedges"].split("|")]
    assert hedged and all("could" in r["evidence"] for r in hedged)
    (weapon,) = tables["weapons"]
    assert (weapon["name"], weapon["range_km"], weapon["range_mi"]) == ("Condor", "500", "310.7")
    assert actors[weapon["supplier"]]["name"] == "Chile"
    assert weapon["range_qualifier"] == "typical"
    rules = {r["evidence"]: r["rule"] for r in tables["time_phrases"]}
    assert rules["on Monday"] == "weekday" and rules["next week"] == "next-week"
    assert rules["3 March 2025"] == "stated-date" and rules["Meanwhile"] == "same-time"
    places = {r["name"]: r for r in tables["places"]}
    assert {"Minsk", "Argentina", "Chile"} <= set(places)
    assert places["Minsk"]["coord_source"] == "geonames" and places["Minsk"]["kind"] == "city"
    assert places["Chile"]["coord_source"] == "" and places["Chile"]["lat"] == ""
    assert any(r["date"] == "2025-03-03" and r["date_basis"] == "stated"
               for r in tables["events"])


def test_curly_single_quotes_and_a_speaker_before_the_quote(tmp_path):
    text = ("Prime Minister Lena Berg warned on Tuesday: ‘We will not back down.’ Her rival "
            "called the plan ‘a costly mistake’ and said the government’s figures were wrong.\n")
    tables = assert_valid(tmp_path, text, dt.date(2025, 5, 8))
    quotes = {r["evidence"]: r for r in tables["quotes"]}
    assert "We will not back down." in quotes and "a costly mistake" in quotes
    assert quotes["a costly mistake"]["kind"] == "partial"
    speaker = quotes["We will not back down."]["speaker"]
    assert next(r for r in tables["actors"] if r["id"] == speaker)["name"] == "Lena Berg"


def test_no_quotes_no_places_windows_line_endings_no_date(tmp_path):
    text = ("The committee has approved the budget.\r\nIt will vote again tomorrow, "
            "a spokesperson said.\r\n")
    tables = assert_valid(tmp_path, text, None)
    assert tables["quotes"] == [] and tables["places"] == [] and tables["events"] == []
    assert "sources" not in tables
    assert all("\r" not in r["evidence"] for name in TABLES for r in tables[name])
    assert {r["rule"] for r in tables["time_phrases"]} == {"done-by", "tomorrow"}


def test_translation_cue():
    text = "“We stand firm,” the minister Omar Haddad said in Arabic on state television.\n"
    (quote,) = draft_tables(text, None)["quotes"]
    assert quote["translated"] == "likely" and quote["channel"] == "state television"


@pytest.mark.parametrize("text", ["", "   \n", "no capital letters at all here"])
def test_empty_or_plain_texts_give_empty_tables(text):
    tables = draft_tables(text, None)
    assert all(tables[name] == [] for name in ("actors", "quotes", "places", "weapons"))


def test_speed_on_a_600_word_text():
    words = reference_text().split()
    text = " ".join((words * 2)[:600])
    start = time.perf_counter()
    draft_tables(text, REFERENCE_DATE)
    elapsed = time.perf_counter() - start
    print(f"draft_tables on 600 words: {elapsed:.3f} s")
    assert elapsed < 5
