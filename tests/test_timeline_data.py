"""The time resolver's general rules, and the article's own phrases as data (time_phrases.csv).

The general rules work with no article at all; an article's table adds its phrases, which come
first. Bad rows in the table are one line each, like every other table.
"""

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import ARTICLE_DIR
from newscase import DataValidationError, load_article, timeline
from newscase.data import Article
from newscase.data.time_rules import (
    TIME_RULES,
    allowed_fields,
    stated_date_in,
    template_fields,
    weekday_in,
)
from newscase.timeline import resolver

D = dt.date
WEDNESDAY = D(2024, 5, 8)  # no article's day: the general rules need none


# --- general rules, with no article -----------------------------------------------------------


@pytest.mark.parametrize("phrase, start, end, precision", [
    ("today", WEDNESDAY, WEDNESDAY, "day"),
    ("yesterday", D(2024, 5, 7), D(2024, 5, 7), "day"),
    ("Tomorrow", D(2024, 5, 9), D(2024, 5, 9), "day"),
    ("in the coming days", D(2024, 5, 9), None, "after"),
    ("coming days", D(2024, 5, 9), None, "after"),
    ("last week", D(2024, 4, 29), D(2024, 5, 5), "range"),
    ("next week", D(2024, 5, 13), D(2024, 5, 19), "range"),
    ("on Monday", D(2024, 5, 6), D(2024, 5, 6), "day"),
    ("on Wednesday", WEDNESDAY, WEDNESDAY, "day"),
    ("Thursday", D(2024, 5, 2), D(2024, 5, 2), "day"),
    ("on Sunday", D(2024, 5, 5), D(2024, 5, 5), "day"),
])
def test_general_phrases_need_no_article(phrase, start, end, precision):
    found = timeline.resolve(phrase, WEDNESDAY)
    assert (found.start, found.end, found.precision) == (start, end, precision)
    assert found.reasoning and "{" not in found.reasoning


def test_general_reasoning_is_built_from_the_wording_and_the_dates():
    assert str(timeline.resolve("on Monday", WEDNESDAY)) == (
        "'on Monday': on Monday 6 May 2024. A report's 'on Monday' means the latest Monday up "
        "to its own date: 2 days before Wednesday 8 May 2024.")
    assert timeline.resolve("on Tuesday", WEDNESDAY).reasoning.endswith(
        ": 1 day before Wednesday 8 May 2024.")
    assert timeline.resolve("next week", WEDNESDAY).reasoning == (
        "'Next week' is the Monday-to-Sunday week after the one Wednesday 8 May 2024 falls in: "
        "from Monday 13 May 2024 to Sunday 19 May 2024.")
    assert timeline.resolve("yesterday", WEDNESDAY).reasoning == (
        "'Yesterday' is the day before Wednesday 8 May 2024: Tuesday 7 May 2024.")


def test_without_an_article_the_resolver_knows_the_general_phrases():
    known = timeline.known_phrases()
    assert known[:6] == ["today", "yesterday", "tomorrow", "in the coming days", "last week",
                         "next week"]
    assert "on Monday" in known and "on Sunday" in known
    table = timeline.phrase_table(WEDNESDAY)
    assert list(table["phrase"]) == known
    assert "—" not in set(table["dates"])
    with pytest.raises(ValueError) as error:
        timeline.resolve("next Tuesday", WEDNESDAY)
    assert "Without the article's own phrases it knows: 'today'" in str(error.value)
    with pytest.raises(ValueError, match="Did you mean 'yesterday'"):
        timeline.resolve("yesterdy", WEDNESDAY)


def test_the_article_keeps_the_general_phrases_too(art):
    assert timeline.resolve("tomorrow", art.date, article=art).start == D(2024, 11, 18)
    assert "tomorrow" not in timeline.known_phrases(art)  # its own phrases only, in order


def test_article_phrases_override_general_ones():
    table = phrase_frame([("tmrw", "tomorrow", "", "tomorrow", "", None, "promise",
                           "'{Wording}' in this report means {start}, or so it says.")])
    toy = toy_article(table)
    found = timeline.resolve("tomorrow", WEDNESDAY, article=toy)
    assert found.reasoning == "'Tomorrow' in this report means Thursday 9 May 2024, or so it says."
    assert timeline.phrase_table(WEDNESDAY, article=toy).loc[0, "kind of clue"] == "promise"
    assert "It also knows 'today'" in unknown_message(toy, "the day after")


def test_months_before_and_until_a_stated_date_count_from_the_anchor():
    table = phrase_frame([
        ("deadline", "on 31 March 2024", "", "stated-date", "", None, "", ""),
        ("three-months", "three months before", "", "months-before", "deadline", 3, "", ""),
        ("run-up", "in the run-up", "", "until-stated-date", "deadline", None, "", ""),
    ])
    toy = toy_article(table)
    early = timeline.resolve("three months before", WEDNESDAY, article=toy)
    assert (early.start, early.precision) == (D(2023, 12, 31), "approximate")
    assert early.reasoning == ("Counting three calendar months back from the stated Sunday 31 "
                               "March 2024 gives Sunday 31 December 2023; a round number of "
                               "months is approximate.")
    run_up = timeline.resolve("in the run-up", D(2024, 3, 1), article=toy)
    assert (run_up.start, run_up.end, run_up.precision) == (D(2024, 3, 1), D(2024, 3, 31),
                                                            "range")
    with pytest.raises(ValueError, match="'in the run-up' runs up to Sunday 31 March 2024"):
        timeline.resolve("in the run-up", WEDNESDAY, article=toy)
    assert timeline.stated_date(toy, "deadline") == D(2024, 3, 31)


def test_a_done_by_phrase_without_has_is_not_called_a_present_perfect():
    toy = toy_article(phrase_frame([("after", "came after", "", "done-by", "", None, "", "")]))
    reasoning = timeline.resolve("came after", WEDNESDAY, article=toy).reasoning
    assert reasoning == ("'Came after' puts it before the report: on or before Wednesday 8 May "
                         "2024; no date is given.")


# --- the article's table ----------------------------------------------------------------------


def test_the_article_table_gives_the_lesson_its_phrases(art):
    helper = timeline.resolver_for(art)
    assert helper.known_phrases() == list(art.time_phrases["evidence"])
    (counted,) = helper.with_rule("months-before")
    assert (counted.anchor, counted.count) == ("take-office", 2)
    assert helper.stated_date(counted.anchor) == D(2025, 1, 20)
    assert timeline.months_before(helper.stated_date(counted.anchor), counted.count) == D(
        2024, 11, 20)
    assert helper.resolve(counted.wording, art.date).date == D(2024, 11, 20)


def test_notebook_02_sentences_read_as_before(art):
    """The sentences lesson 02 prints come from the table and the rules' own wording."""
    assert str(timeline.resolve("just two months before", art.date, article=art)) == (
        "'just two months before': on or about Wednesday 20 November 2024. Two calendar months "
        "before the stated Monday 20 January 2025 is Wednesday 20 November 2024; 'just' and the "
        "round number make it approximate.")
    assert str(timeline.resolve("on Sunday", "2024-11-24")) == (
        "'on Sunday': on Sunday 24 November 2024. A report's 'on Sunday' means the latest Sunday "
        "up to its own date; Sunday 24 November 2024 is itself a Sunday, so that very day.")
    table = timeline.phrase_table(art.date, article=art).set_index("phrase")
    assert table.loc["has approved", "reasoning"] == (
        "'Has approved' (present perfect): done on or before Sunday 17 November 2024; no date "
        "is given.")
    assert table.loc["in his nightly address", "kind of clue"] == "habit (every night)"
    assert table.loc["Meanwhile", "reasoning"] == (
        "'Meanwhile' sets it beside the main news without a date: on or about Sunday 17 "
        "November 2024.")


def test_stated_date_names_a_wrong_id(art):
    with pytest.raises(ValueError, match="No time phrase 'take-offic'.*Did you mean 'take-office'"):
        timeline.stated_date(art, "take-offic")
    with pytest.raises(ValueError, match="'pledged' is not a stated date"):
        timeline.stated_date(art, "pledged")


def test_an_article_without_a_phrase_table_gets_the_general_rules(art):
    bare = Article("bare", None, art.text, "Bare", art.date, {}, {"events": art.events})
    assert timeline.known_phrases(bare) == timeline.known_phrases()
    assert timeline.resolve("on Sunday", bare.date, article=bare).start == bare.date
    with pytest.raises(ValueError, match="no time-phrase table"):
        timeline.stated_date(bare, "any")
    note, controls, result = timeline.date_resolver(bare).children
    assert "no table of its own time phrases" in note.value
    assert controls.children[0].value == "today"
    assert "on Sunday 17 November 2024" in result.value


def test_the_rule_vocabulary_matches_the_code_and_the_descriptor():
    descriptor = json.loads((ARTICLE_DIR / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in descriptor["resources"]]
    assert names[names.index("events") + 1] == "time_phrases"
    (spec,) = [r for r in descriptor["resources"] if r["name"] == "time_phrases"]
    (rule,) = [f for f in spec["schema"]["fields"] if f["name"] == "rule"]
    assert rule["constraints"]["enum"] == list(TIME_RULES) == list(resolver.RULES)


@pytest.mark.parametrize("rule", list(TIME_RULES))
def test_each_rule_fills_only_its_own_fields(rule):
    wording = {"weekday": "on Friday", "stated-date": "May 31, 2024"}.get(rule, "some words")
    rows = [("deadline", "May 31, 2024", "", "stated-date", "", None, "", "")]
    if rule != "stated-date":
        anchored = TIME_RULES[rule].anchor
        rows.append(("x", wording, "", rule, "deadline" if anchored else "",
                     2 if TIME_RULES[rule].count else None, "", ""))
    template = " ".join(f"{{{name}}}" for name in allowed_fields(rule))
    toy = toy_article(phrase_frame([(*row[:7], template if row[3] == rule else "")
                                    for row in rows]))
    found = timeline.resolve(wording, WEDNESDAY, article=toy)
    assert "{" not in found.reasoning and " " * 2 not in found.reasoning.strip()


@pytest.mark.parametrize("wording, expected", [
    ("on January 20, 2025", D(2025, 1, 20)), ("20 January 2025", D(2025, 1, 20)),
    ("March 3, 2021.", D(2021, 3, 3)), ("February 30, 2024", None), ("next March", None),
])
def test_stated_date_in(wording, expected):
    assert stated_date_in(wording) == expected


def test_weekday_in_and_template_fields():
    assert weekday_in("confirmed on Sunday") == 6 and weekday_in("on SUNDAY") == 6
    assert weekday_in("on Sundays") is None and weekday_in("nightly") is None
    assert template_fields("From {start} to {end}.") == ["start", "end"]
    with pytest.raises(ValueError):
        template_fields("From {start.")


# --- bad data: one line each ------------------------------------------------------------------


def copy_article(tmp_path: Path) -> Path:
    folder = tmp_path / ARTICLE_DIR.name
    shutil.copytree(ARTICLE_DIR, folder)
    return folder


def edit_table(folder: Path, change) -> None:
    path = folder / "time_phrases.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(record_id: str, column: str, value: str):
    def change(rows):
        row = next(r for r in rows[1:] if r[0] == record_id)
        row[rows[0].index(column)] = value
        return rows
    return change


def drop_column(column: str):
    def change(rows):
        index = rows[0].index(column)
        return [r[:index] + r[index + 1:] for r in rows]
    return change


def errors_after(tmp_path: Path, change) -> list[str]:
    folder = copy_article(tmp_path)
    edit_table(folder, change)
    with pytest.raises(DataValidationError) as error:
        load_article(folder)
    return error.value.errors


RULE_NAMES = ", ".join(TIME_RULES)
DUPLICATE = "also names the phrase on row 2; give each wording or alias to one phrase"


@pytest.mark.parametrize("change, expected", [
    (drop_column("rule"), "time_phrases.csv:1:rule: column is missing"),
    (set_cell("approved", "rule", "past"),
     f"time_phrases.csv:2:rule: 'past' is not one of {RULE_NAMES}"),
    (set_cell("two-months-before", "anchor", "take-offic"),
     "time_phrases.csv:12:anchor: 'take-offic' is not an id in time_phrases.csv "
     "(did you mean 'take-office'?)"),
    (set_cell("final-weeks", "anchor", "pledged"),
     "time_phrases.csv:17:anchor: 'pledged' is a 'done-by' phrase; point it at a stated-date "
     "phrase"),
    (set_cell("two-months-before", "anchor", ""),
     "time_phrases.csv:12:anchor: is required when rule is 'months-before': give the id of the "
     "stated-date phrase it counts from or to"),
    (set_cell("pledged", "anchor", "take-office"),
     "time_phrases.csv:15:anchor: must be blank unless rule is months-before or "
     "until-stated-date"),
    (set_cell("two-months-before", "count", ""),
     "time_phrases.csv:12:count: is required when rule is 'months-before': give how many "
     "calendar months"),
    (set_cell("pledged", "count", "3"),
     "time_phrases.csv:15:count: must be blank unless rule is months-before"),
    (set_cell("two-months-before", "count", "0"), "time_phrases.csv:12:count: 0 is below the "
     "minimum 1"),
    (set_cell("two-months-before", "count", "two"),
     "time_phrases.csv:12:count: 'two' is not a whole number"),
    (set_cell("take-office", "evidence", "is set to take office"),
     "time_phrases.csv:13:evidence: 'is set to take office' writes out no date; a stated-date "
     "phrase needs one, such as 'March 3, 2021' or '3 March 2021'"),
    (set_cell("confirmed-sunday", "evidence", "confirmed on"),
     "time_phrases.csv:3:evidence: 'confirmed on' names no weekday; a weekday phrase needs one, "
     "such as 'on Monday'"),
    (set_cell("alarmed", "reasoning", "On or before {anchor}."),
     "time_phrases.csv:8:reasoning: '{anchor}' is not a field of rule 'done-by'; use "
     "{wording}, {Wording}, {reference}, {end}"),
    (set_cell("alarmed", "reasoning", "On or before {reference."),
     "time_phrases.csv:8:reasoning: has an unmatched '{' or '}'; put braces only around a "
     "field, such as {reference}"),
    (set_cell("pledged", "aliases", "pledged|Approved"),
     f"time_phrases.csv:15:aliases: 'Approved' {DUPLICATE}"),
    (set_cell("come-too-late", "evidence", "has approved"),
     f"time_phrases.csv:18:evidence: 'has approved' {DUPLICATE}"),
    (set_cell("approved", "evidence", "has disapproved"),
     "time_phrases.csv:2:evidence: not found in the article: 'has disapproved' (copy the span "
     "from article.txt exactly)"),
    (set_cell("approved", "evidence", ""), "time_phrases.csv:2:evidence: is required but empty"),
], ids=lambda value: "" if callable(value) else value.split(": ", 1)[0])
def test_bad_time_phrases_are_one_line_each(tmp_path, change, expected):
    assert errors_after(tmp_path, change) == [expected]


def test_a_folder_without_the_table_loads_and_the_resolver_says_what_it_knows(tmp_path):
    folder = copy_article(tmp_path)
    (folder / "time_phrases.csv").unlink()
    path = folder / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] != "time_phrases"]
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")
    bare = load_article(folder)
    assert "time_phrases" not in bare.tables
    assert timeline.known_phrases(bare) == timeline.known_phrases()


# --- helpers ----------------------------------------------------------------------------------


COLUMNS = ["id", "evidence", "aliases", "rule", "anchor", "count", "kind", "reasoning"]


def phrase_frame(rows: list[tuple]) -> pd.DataFrame:
    """A time_phrases table as load_article gives it (aliases as lists, count as Int64)."""
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["aliases"] = [a.split("|") if a else [] for a in frame["aliases"]]
    frame["count"] = pd.array(frame["count"], dtype="Int64")
    return frame


def toy_article(table: pd.DataFrame) -> Article:
    return Article("toy", None, "", "Toy", WEDNESDAY, {}, {"time_phrases": table})


def unknown_message(article: Article, phrase: str) -> str:
    with pytest.raises(ValueError) as error:
        timeline.resolve(phrase, WEDNESDAY, article=article)
    return str(error.value)
