"""The range map's frame as data: map_frame.csv, map_origins.csv and map_labels.csv, their
one-line errors, and the library reading every map setting from them (newscase.reach)."""

import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from test_bad_data import read_rows, write_rows

from conftest import ARTICLE_DIR
from newscase import load_article
from newscase.data.validation import validate_folder
from newscase.reach import figures, mapframe, views, widgets

ART = load_article(ARTICLE_DIR)
FRAME = mapframe.map_frame(ART)


def errors_after(tmp_path: Path, table: str, change) -> list[str]:
    folder = tmp_path / ARTICLE_DIR.name
    shutil.copytree(ARTICLE_DIR, folder)
    write_rows(folder, table, change(read_rows(folder, table)))
    return validate_folder(folder)[3]


def set_value(key: str, column: str, value: str):
    def change(rows):
        header = rows[0]
        next(r for r in rows[1:] if r[0] == key)[header.index(column)] = value
        return rows
    return change


def row_of(table: str, key: str) -> int:
    return next(i for i, r in enumerate(read_rows(ARTICLE_DIR, table)) if r[0] == key) + 1


# --- The data and its validation ---------------------------------------------------------------

def test_the_frame_is_read_from_the_article():
    assert (FRAME.launch_country, FRAME.target_country) == ("UKR", "RUS")
    assert FRAME.border == "UKR|RUS" and FRAME.centre_name == "Kharkiv"
    assert FRAME.view_km == (-700, 800, -700, 800) and FRAME.label_population == 340_000
    assert FRAME.city_noun == "Russian cities of 50,000+ people"
    assert FRAME.border_name == "Ukraine–Russia border"
    assert [place for _, place in FRAME.origins] == ["border", "Sumy", "Kharkiv", "Chernihiv"]
    assert FRAME.labels[0] == ("UKRAINE", 48.9, 31.3) and FRAME.weapon.range_km == 306
    assert (FRAME.projection_place, FRAME.mercator_start, FRAME.mercator_end) == (
        "Sumy", "Washington", "Kyiv")


@pytest.mark.parametrize(("table", "key", "column", "value", "message"), [
    ("map_frame", "centre", "value", "Kharkov",
     "'Kharkov' is not a city in the package's cities data (did you mean 'Kharkiv'?), nor a "
     "place with coordinates in places.csv"),
    ("map_frame", "landmarks", "value", "Kyiv|Sumi",
     "'Sumi' is not a city in the package's cities data (did you mean 'Sumy'?), nor a place "
     "with coordinates in places.csv"),
    ("map_frame", "target_country", "value", "rus",
     "'rus' is not an ISO alpha-3 country code (three capital letters)"),
    ("map_frame", "target_country", "value", "RUX",
     "'RUX' is not a country in the package's countries data (did you mean 'RUS'?)"),
    ("map_frame", "target_country", "value", "UKR",
     "the target country is the launch country; name two different countries"),
    ("map_frame", "border", "value", "ua-ru-border",
     "'ua-ru-border' is not two ISO alpha-3 country codes joined by '|', such as 'UKR|RUS'"),
    ("map_frame", "border", "value", "UKR|RUX",
     "'RUX' is not a country in the package's countries data (did you mean 'RUS'?)"),
    ("map_frame", "border", "value", "UKR|KAZ",
     "Ukraine and Kazakhstan share no land border in the package's countries data (UKR's "
     "land neighbours: BLR, HUN, MDA, POL, ROU, RUS, SVK)"),
    ("map_frame", "view_east_km", "value", "-800", "'-800' is not a positive number"),
    ("map_frame", "label_population", "value", "many", "'many' is not a positive number"),
    ("map_origins", "Sumy", "place", "Sumi",
     "'Sumi' is not a city in the package's cities data (did you mean 'Sumy'?), nor a place "
     "with coordinates in places.csv (or 'border')"),
])
def test_a_bad_value_is_one_line(tmp_path, table, key, column, value, message):
    errors = errors_after(tmp_path, table, set_value(key, column, value))
    assert errors == [f"{table}.csv:{row_of(table, key)}:{column}: {message}"]


def test_an_unknown_setting_is_one_line(tmp_path):
    errors = errors_after(tmp_path, "map_frame", set_value("view_north_km", "setting", "zoom"))
    line = row_of("map_frame", "view_north_km")
    assert errors[0].startswith(f"map_frame.csv:{line}:setting: 'zoom' is not one of ")
    assert errors[1:] == []  # every setting is optional: the map fills in a default


def test_a_row_needs_evidence_or_a_reason(tmp_path):
    errors = errors_after(tmp_path, "map_frame", set_value("centre", "reason", ""))
    assert errors == [f"map_frame.csv:{row_of('map_frame', 'centre')}:evidence: has neither "
                      "evidence nor reason; give a verbatim span of the article, or say in "
                      "reason why the course chose this value"]


def test_a_missing_column_is_one_line(tmp_path):
    errors = errors_after(tmp_path, "map_labels", lambda rows: [r[:-1] for r in rows])
    assert errors == ["map_labels.csv:1:reason: column is missing"]


def test_a_label_off_the_earth_is_one_line(tmp_path):
    errors = errors_after(tmp_path, "map_labels", set_value("Black Sea", "lat", "95"))
    assert errors == [f"map_labels.csv:{row_of('map_labels', 'Black Sea')}:lat: 95 is not in "
                      "-90..90"]


# --- The library reads the frame ----------------------------------------------------------------

def test_an_article_with_nothing_to_map_gets_one_sentence():
    bare = SimpleNamespace(weapons=ART.weapons)
    with pytest.raises(mapframe.MapFrameError, match=r"no place with coordinates"):
        mapframe.map_frame(bare)
    message = views.range_view(bare)
    assert str(message).startswith("This article has no place with coordinates")


def test_the_range_comes_from_the_first_weapon_unless_given():
    view = views.range_view(ART)
    assert view.range_km == 306 and view.weapon == FRAME.weapon and view.origin.is_border
    assert views.range_view(ART, 100, "Sumy").weapon is None
    with pytest.raises(TypeError, match="takes the article first"):
        views.range_view(306, "border")


def test_figures_default_to_the_frames_places():
    assert figures.projection_chart(ART).summary == figures.projection_chart(
        ART, "Sumy", 306).summary
    assert figures.mercator_line_chart(ART).summary == figures.mercator_line_chart(
        "Washington, USA", "Kyiv").summary
    assert list(views.origin_table(ART)["measured from"]) == [
        "the whole border", "Sumy", "Kharkiv", "Chernihiv"]


def test_another_frame_moves_the_map_and_its_words(tmp_path):
    frame_rows = ART.map_frame.copy()
    values = {"centre": "Kyiv", "target_adjective": "Northern", "view_north_km": "600"}
    frame_rows["value"] = [values.get(s, v) for s, v in zip(frame_rows["setting"],
                                                            frame_rows["value"], strict=True)]
    origins = pd.DataFrame({"place": ["Sumy", "border"], "label": ["Sumy", "the line"],
                            "evidence": [None, None], "reason": ["r", "r"]})
    other = SimpleNamespace(**{**ART.tables, "map_frame": frame_rows, "map_origins": origins})
    frame = mapframe.map_frame(other)
    assert frame.centre_name == "Kyiv" and frame.view_km[3] == 600
    view = views.range_view(other, 200, "border")
    assert view.origin.label == "the line" and "Northern cities of 50,000+" in view.text
    figure = figures.range_map(view).figure
    assert figure.layout.xaxis.title.text.startswith("km east of Kyiv")
    panel = widgets.range_explorer(other)
    assert [value for _, value in panel.origin.options] == ["Sumy", "border"]
    assert panel.origin.value == "Sumy" and "a Ukrainian city" in panel.origin_note.value


def test_the_border_note_carries_the_articles_caveat():
    note = widgets.border_note(FRAME)
    assert note.startswith("Measured from every point of the international border. "
                           + FRAME.border_caveat + ". The course has no dated")
    bare = mapframe.MapFrame(**{**FRAME.__dict__, "border_caveat": ""})
    assert "border. The course has no dated" in widgets.border_note(bare)
