"""Try-it exercises by key: each key works out its answer from the article's data, and the
explanation a learner reads comes from the exercises table."""

import csv
import re
import shutil

import pytest

from conftest import ARTICLE_DIR
from newscase import load_article
from newscase.data import DataValidationError

# (key, a right answer, a wrong one), worked out by hand from the article, not from the code.
ANSWERS = [
    ("reading.quote-count", 3, 2),
    ("reading.range-hedge", "up to", "likely"),
    ("reading.article-date", "2024-11-17", "2024-11-24"),
    ("actors.translated-quotes", ["Zelenskiy", "Klishas"], ["Plitsas"]),
    ("actors.attributions", {"c01": "sources-familiar", "c10": "unattributed-reports",
                             "c17": "named-on-record"},
     {"c01": "reporter", "c10": "unattributed-reports", "c17": "named-on-record"}),
    ("actors.silent-actor", "Biden administration", "Kremlin"),
    ("actors.lost-sources", ["c04", "c06", "c10"], ["c01", "c04"]),
    ("timeline.event-order", ["e12", "e02", "e13"], ["e02", "e13", "e12"]),
    ("timeline.coming-days", "2024-11-19", "2024-11-18"),
    ("timeline.date-basis", "inferred", "stated"),
    ("timeline.inauguration-day", 2, 1),
    ("timeline.article-date", "2024-11-17", "2024-11-10"),
    ("reach.miles-to-km", 305.8, 190),
    ("reach.in-reach", ["Kursk", "Voronezh"], ["Kursk", "Voronezh", "Moscow"]),
    ("reach.border-distance", 457, 306),
    ("reach.border-or-city", 34, 42),
    ("reach.mercator-circle", 172, 306),
    ("escalation.both-sides", ["Analysts", "the reporter"], ["Radoslaw Sikorski"]),
    ("escalation.claim-types", {"c15": "warning", "c17": "threat", "c19": "prediction"},
     {"c15": "threat", "c17": "threat", "c19": "prediction"}),
    ("escalation.claimants", ["Kremlin", "Grenell"], ["Kremlin"]),
    ("escalation.brier", 0.49, 0.7),
    ("escalation.discussion", "Moscow 'would be seen as a severe escalation', it warned.", "no"),
]


def test_every_exercise_has_a_case_here(art):
    assert {key for key, *_ in ANSWERS} == set(art.exercises["key"])


@pytest.mark.parametrize("key, right, wrong", ANSWERS, ids=[a[0] for a in ANSWERS])
def test_the_key_tells_right_from_wrong(art, key, right, wrong):
    assert art.check(key, right).correct
    assert not art.check(key, wrong).correct


def test_the_explanation_comes_from_the_exercises_table(art, tmp_path):
    folder = tmp_path / ARTICLE_DIR.name
    shutil.copytree(ARTICLE_DIR, folder)
    path = folder / "exercises.csv"
    text = path.read_text(encoding="utf-8")
    old = "'Up to' gives the longest reach; most shots may fly far shorter."
    path.write_text(text.replace(old, "A teacher's own explanation."), encoding="utf-8")
    edited = load_article(folder)
    assert edited.check("reading.range-hedge", "up to").message.endswith(
        "A teacher's own explanation.")
    assert old not in edited.check("reading.range-hedge", "up to").message


def test_an_unknown_key_gets_a_suggestion(art):
    # One sentence, not an error: a lesson re-run on another article keeps running.
    assert re.search(r"No exercise 'reach.border-distanse'.*reach.border-distance",
                     str(art.check("reach.border-distanse", 457)))


def test_a_kind_the_library_lacks_is_named(art, tmp_path):
    folder = tmp_path / ARTICLE_DIR.name
    shutil.copytree(ARTICLE_DIR, folder)
    path = folder / "exercises.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "reach.miles-to-km,miles-to-km", "reach.miles-to-km,miles-to-furlongs"), encoding="utf-8")
    with pytest.raises(LookupError, match="kind 'miles-to-furlongs'.*Known kinds: "):
        load_article(folder).check("reach.miles-to-km", 305.8)


@pytest.mark.parametrize("params, message", [
    ('{"weapon": }', "exercises.csv:14:params: not valid JSON"),
    ('["atacms"]', "exercises.csv:14:params: must be a JSON object"),
])
def test_bad_params_are_one_line(tmp_path, params, message):
    folder = tmp_path / ARTICLE_DIR.name
    shutil.copytree(ARTICLE_DIR, folder)
    path = folder / "exercises.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[13][0] == "reach.miles-to-km"  # row 14 of the file, counting the header
    rows[13][2] = params
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    with pytest.raises(DataValidationError) as raised:
        load_article(folder)
    problems = [line.strip() for line in str(raised.value).splitlines() if "exercises" in line]
    assert len(problems) == 1 and problems[0].startswith(message)
