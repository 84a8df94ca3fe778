"""The escalation lesson reads the article's sides of the conflict from sides.csv, and its
forecast note from the descriptor: bad data gives exact one-line errors, and the library works
from whatever sides an article has."""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from conftest import ARTICLE_DIR
from newscase import DataValidationError, escalation, load_article
from newscase.escalation.figures import SIDE_COLOURS, ladder_sides, mover_colours

Mutation = Callable[[Path], None]


def edit(table: str, change: Callable[[list[list[str]]], None]) -> Mutation:
    """Change a table's rows (header first) in place."""

    def mutate(folder: Path) -> None:
        path = folder / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        change(rows)
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)

    return mutate


def set_cell(table: str, record_id: str, column: str, value: str) -> Mutation:
    def change(rows: list[list[str]]) -> None:
        row = next(r for r in rows[1:] if r[0] == record_id)
        row[rows[0].index(column)] = value

    return edit(table, change)


def drop_column(table: str, name: str) -> Mutation:
    def change(rows: list[list[str]]) -> None:
        index = rows[0].index(name)
        for row in rows:
            del row[index]

    return edit(table, change)


def rename_side(old: str, new: str) -> Mutation:
    """Rename a side and every reading that refers to it, so only the new id can be wrong."""

    def change_views(rows: list[list[str]]) -> None:
        column = rows[0].index("side")
        for row in rows[1:]:
            row[column] = new if row[column] == old else row[column]

    def mutate(folder: Path) -> None:
        set_cell("sides", old, "id", new)(folder)
        edit("escalation_views", change_views)(folder)

    return mutate


def set_article_key(key: str, value: object) -> Mutation:
    def mutate(folder: Path) -> None:
        path = folder / "datapackage.json"
        package = json.loads(path.read_text(encoding="utf-8"))
        package["article"][key] = value
        path.write_text(json.dumps(package, indent=2), encoding="utf-8")

    return mutate


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / ARTICLE_DIR.name
    shutil.copytree(ARTICLE_DIR, copy)
    return copy


def test_anchor_rows():
    """The rows the cases below name."""
    ids = [r[0] for r in csv.reader((ARTICLE_DIR / "sides.csv").open(encoding="utf-8"))]
    assert ids == ["id", "west", "russia"]


BAD_SIDES = [
    pytest.param(drop_column("sides", "mover_label"),
                 ["sides.csv:1:mover_label: column is missing"], id="missing-column"),
    pytest.param(set_cell("escalation_views", "v02", "side", "rusia"),
                 ["escalation_views.csv:3:side: 'rusia' is not an id in sides.csv "
                  "(did you mean 'russia'?)"], id="unknown-side-in-a-reading"),
    pytest.param(set_cell("sides", "west", "countries", "USA|UKR|PL"),
                 ["sides.csv:2:countries: 'PL' is no actor's country in actors.csv "
                  "(did you mean 'POL'?)"], id="unknown-country"),
    pytest.param(set_cell("sides", "russia", "countries", "RUS|PRK|POL"),
                 ["sides.csv:3:countries: 'POL' is already on side 'west' (row 2); a country "
                  "moves for one side only"], id="country-on-two-sides"),
    pytest.param(set_cell("sides", "russia", "countries", "RUS|PRK|RUS"),
                 ["sides.csv:3:countries: 'RUS' is listed twice; list it once"],
                 id="country-twice"),
    pytest.param(set_cell("sides", "russia", "countries", "RUS||PRK"),
                 ["sides.csv:3:countries: a country code is empty; remove the extra '|'"],
                 id="empty-country"),
    pytest.param(set_cell("sides", "west", "countries", ""),
                 ["sides.csv:2:countries: is required but empty"], id="no-countries"),
    pytest.param(rename_side("west", "both"),
                 ["sides.csv:2:id: 'both' is reserved for the ladder's moves by several sides "
                  "or by none; choose another id"], id="reserved-id"),
    pytest.param(set_cell("sides", "russia", "mover_label", "Moves by Washington's and Kyiv's "
                          "side"),
                 ["sides.csv:3:mover_label: duplicate value 'Moves by Washington's and Kyiv's "
                  "side' (first used on row 2)"], id="two-sides-one-legend-entry"),
    pytest.param(set_cell("sides", "west", "evidence", "alarmed Washington"),
                 ["sides.csv:2:evidence: not found in the article: 'alarmed Washington' (copy "
                  "the span from article.txt exactly)"], id="evidence-not-verbatim"),
    pytest.param(lambda folder: (folder / "sides.csv").unlink(),
                 ["sides.csv: file is missing"], id="sides-file-missing"),
    pytest.param(set_article_key("forecast_questions_note", ["a list"]),
                 ["datapackage.json: article.forecast_questions_note must be text"],
                 id="forecast-note-not-text"),
]


@pytest.mark.parametrize(("mutation", "expected"), BAD_SIDES)
def test_bad_sides_are_reported_in_one_line(folder, mutation, expected):
    mutation(folder)
    with pytest.raises(DataValidationError) as info:
        load_article(folder)
    assert info.value.errors == expected


def test_renamed_sides_load(folder):
    """Side ids are the article's: any id works when the readings use it."""
    rename_side("west", "kyiv-side")(folder)
    article = load_article(folder)
    assert set(escalation.ladder_frame(article)["mover"]) == {"kyiv-side", "russia"}


# --- The library reads the sides from the article --------------------------------------------


def with_sides(art, rows: list[dict]):
    sides = pd.DataFrame(rows, columns=["id", "label", "mover_label", "countries"])
    return dataclasses.replace(art, tables={**art.tables, "sides": sides})


THREE_SIDES = [
    {"id": "a", "label": "Side A", "mover_label": "Moves by A", "countries": ["USA", "UKR"]},
    {"id": "b", "label": "Side B", "mover_label": "Moves by B", "countries": ["RUS"]},
    {"id": "c", "label": "Side C", "mover_label": "Moves by C", "countries": ["PRK"]},
]


def test_an_article_without_sides_says_what_to_add(art):
    bare = dataclasses.replace(art, tables={k: v for k, v in art.tables.items() if k != "sides"})
    for lesson_part in (escalation.ladder_frame, escalation.side_views):
        with pytest.raises(LookupError, match="no sides table.*Add sides.csv"):
            lesson_part(bare)


def test_sides_take_colours_and_labels_in_their_order(art):
    article = with_sides(art, THREE_SIDES)
    frame = escalation.ladder_frame(article)
    assert dict(zip(frame["event"], frame["mover"], strict=True)) == {
        "e07": "b", "e08": "b", "e01": "a", "e04": "a", "e05": "both", "e06": "c"}
    colours = mover_colours(frame)
    assert [colours[s] for s in "abc"] == SIDE_COLOURS[:3]
    assert colours["both"] == "#000000"
    # Left to right by the lowest rung a side reaches, then moves by both sides.
    assert ladder_sides(frame) == ["b", "a", "c", "both"]
    chart = escalation.ladder_chart(frame, article.ladder)
    assert [t.name for t in chart.figure.data][:4] == [
        "Moves by B", "Moves by A", "Moves by C", "Moves by both sides"]
    assert list(chart.figure.layout.xaxis.ticktext) == [
        "Moves by B", "Moves by A", "Moves by C", "Moves by both sides"]
    views = escalation.side_views(article)
    assert list(views.columns) == ["event", "summary", "Side A", "Side B", "Side C"]
    assert set(views["Side C"]) == {escalation.NOT_STATED}


def test_a_side_keeps_its_colour_when_an_earlier_side_makes_no_move(art):
    quiet = {"id": "q", "label": "Side Q", "mover_label": "Moves by Q", "countries": ["POL"]}
    frame = escalation.ladder_frame(with_sides(art, [quiet, *THREE_SIDES]))
    assert "q" not in set(frame["mover"])
    assert mover_colours(frame)["a"] == SIDE_COLOURS[1]


def test_this_articles_sides_keep_their_colours(art):
    frame = escalation.ladder_frame(art)
    assert mover_colours(frame)["west"] == "#0072B2"
    assert mover_colours(frame)["russia"] == "#D55E00"
    assert list(art.sides["countries"]) == [["USA", "UKR", "POL"], ["RUS", "PRK"]]


def test_an_actor_country_on_no_side_moves_for_no_side(art):
    article = with_sides(art, THREE_SIDES[:1])
    frame = escalation.ladder_frame(article)
    assert set(frame.loc[frame["event"].isin(["e07", "e05"]), "mover"]) == {"unknown"}
    assert "Moves by actors with no side" in set(frame["mover_label"])


def test_the_forecast_reveal_reads_its_note_from_the_article(art):
    first = art.forecast_questions["id"].iloc[0]
    note = art.metadata["forecast_questions_note"]
    assert note.split(":")[0].strip("'") not in art.forecast_questions["question"].tolist()
    shown = escalation.reveal_html({first: 0.5}, art)
    assert note.replace("'", "&#x27;") in shown
    without = dataclasses.replace(art, metadata={k: v for k, v in art.metadata.items()
                                                 if k != "forecast_questions_note"})
    shown = escalation.reveal_html({first: 0.5}, without)
    assert "a public source states. Sourcing a non-event is hard" in shown


def test_the_forecast_example_uses_the_articles_question_ids():
    with pytest.raises(ValueError, match=r"like \{'a': 0.7, 'b': 0.1\}"):
        escalation.clean_forecasts([0.7], ["a", "b", "c"])
