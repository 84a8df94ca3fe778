"""The second article: a fictional practice text set on the Korean peninsula, annotated by hand.

It must pass what the first article passes (it validates, its Try-its tell right from wrong), and
keep the promises a fictional text makes: it says so in its first line, its quotations sit between
quotation marks, and the range it states in miles and km agree."""

import csv
import hashlib
import json
import re
from pathlib import Path

import pytest

from newscase import load_article
from newscase.data.validation import validate_folder

FOLDER = Path(__file__).resolve().parents[1] / "data" / "articles" / "practice-korea-2025-10-14"
KM_PER_MILE = 1.609344
OPENING_QUOTES = "\"“"
CLOSING_QUOTES = "\"”"

# (key, a right answer, a wrong one), each worked out by hand from the text, not from the code:
ANSWERS = [
    # Seo's sentence, Ko's nine words, Ekberg's line; the state media are only reported.
    ("reading.quote-count", 3, 4),
    ("reading.range-hedge", "up to", "likely"),
    # The dateline: 'SEOUL, Tuesday 14 October 2025'; a week earlier is also a Tuesday.
    ("reading.article-date", "2025-10-14", "2025-10-07"),
    ("actors.translated-quotes", ["Seo Ha-rin", "Ko Dong-jun"], ["Jonas Ekberg"]),
    # c10: 'officials speaking on condition of anonymity'; c12: 'sources familiar with the
    # programme'; c17: the state media, named as an organisation.
    ("actors.attributions",
     {"c10": "anonymous-official", "c12": "sources-familiar", "c17": "organisation"},
     {"c10": "sources-familiar", "c12": "sources-familiar", "c17": "organisation"}),
    # The army will operate the batteries but never says a word.
    ("actors.silent-actor", "army", "Ko Dong-jun"),
    # Tests last week (6-12 Oct), the announcement on Tuesday 14 Oct, the demonstration 20 Nov.
    ("timeline.event-order", ["e03", "e01", "e04"], ["e01", "e03", "e04"]),
    ("timeline.coming-days", "2025-10-15", "2025-10-14"),
    ("timeline.date-basis", "inferred", "stated"),
    # Friday 24 October: the hearing 'next week' (20-26 Oct) and the batteries 'in the coming
    # days' (from 15 Oct, open-ended).
    ("timeline.hearing-week", 2, 3),
    ("timeline.article-date", "2025-10-14", "2025-10-13"),
    # 155 x 1.609344 = 249.45
    ("reach.miles-to-km", 249.4, 155),
    # On the map: Haeju about 85 km from the border and Pyongyang about 140 km, within 249 km;
    # Chongjin, in the far north-east, about 370 km.
    ("reach.in-reach", ["Haeju", "Pyongyang"], ["Haeju", "Pyongyang", "Chongjin"]),
    # Measured on the map from Pyongyang to the border's nearest point, north of Cheorwon;
    # the weapon's range, 249, is the classic wrong answer.
    ("reach.border-distance", 140, 249),
    # Counted on the map: 61 North Korean cities from the whole border, 53 from Munsan.
    ("reach.border-or-city", 8, 61),
    # 249 km x cos(39.03 degrees), Pyongyang's latitude, = 193.4 km
    ("reach.mercator-circle", 193.4, 249),
    ("escalation.both-sides", ["Analysts"], ["Jonas Ekberg"]),
    ("escalation.claim-types", {"c17": "threat", "c20": "opinion", "c23": "prediction"},
     {"c17": "prediction", "c20": "opinion", "c23": "prediction"}),
    ("escalation.claimants", ["Ko Dong-jun"], ["North Korean state media"]),
    # (0.8 - 0)^2
    ("escalation.brier", 0.64, 0.8),
    ("escalation.discussion", "Ko calls it 'a needless escalation at the worst possible moment'.",
     "It is an escalation."),
]


def rows(table: str) -> list[dict[str, str]]:
    with (FOLDER / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def text() -> str:
    return (FOLDER / "article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def korea():
    return load_article(FOLDER)


def test_the_folder_validates():
    _descriptor, _, _tables, errors = validate_folder(FOLDER)
    assert errors == []


def test_the_first_line_says_it_is_fictional(text):
    first = text.splitlines()[0].lower()
    assert "fictional" in first and "invented" in first


def test_the_text_is_the_one_the_descriptor_hashes(text):
    raw = (FOLDER / "article.txt").read_bytes()
    article = json.loads((FOLDER / "datapackage.json").read_text(encoding="utf-8"))["article"]
    assert hashlib.sha256(raw).hexdigest() == article["sha256"]
    assert not raw.endswith(b"\n") and b"\r" not in raw


def test_the_dateline_gives_the_article_date(text):
    article = json.loads((FOLDER / "datapackage.json").read_text(encoding="utf-8"))["article"]
    assert article["date_basis"] == "stated"
    assert text.splitlines()[1].startswith("SEOUL, Tuesday 14 October 2025")
    assert article["date"] == "2025-10-14"


def test_every_quote_sits_between_quotation_marks(text):
    quotes = rows("quotes")
    assert len(quotes) >= 2
    for quote in quotes:
        start = text.index(quote["evidence"])
        end = start + len(quote["evidence"])
        assert text[start - 1] in OPENING_QUOTES, quote["id"]
        # The closing mark may follow the sentence's own comma or full stop.
        assert re.match(rf"[,.]?[{CLOSING_QUOTES}]", text[end:end + 2]), quote["id"]


def test_a_full_sentence_quote_and_a_partial_one():
    kinds = {quote["kind"] for quote in rows("quotes")}
    assert kinds == {"direct", "partial"}


def test_the_range_in_miles_and_km_agree_to_the_rounding(text):
    (weapon,) = rows("weapons")
    miles, km = float(weapon["range_mi"]), float(weapon["range_km"])
    assert round(miles * KM_PER_MILE) == km
    assert f"up to {miles:g} miles ({km:g} kilometres)" in text


def test_every_row_was_confirmed_by_a_person():
    for table in ("actors", "quotes", "claims", "events", "time_phrases", "places", "weapons",
                  "exercises"):
        assert all(not row["review"] for row in rows(table)), table


def test_every_exercise_asks_its_question():
    assert all(row["prompt"].strip() for row in rows("exercises"))


def test_every_exercise_has_a_case_here():
    assert {key for key, *_ in ANSWERS} == {row["key"] for row in rows("exercises")}


@pytest.mark.parametrize("key, right, wrong", ANSWERS, ids=[a[0] for a in ANSWERS])
def test_the_key_tells_right_from_wrong(korea, key, right, wrong):
    assert korea.check(key, right).correct
    assert not korea.check(key, wrong).correct
