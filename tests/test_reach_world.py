"""The range lesson anywhere: a map frame outside Europe read from an article's data alone, the
defaults when map_frame.csv says little or nothing, and one sentence instead of an error for an
article with nothing to map (newscase.reach, newscase.present.missing)."""

import base64
import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from conftest import ARTICLE_DIR
from newscase import load_article, reach
from newscase.present.missing import Missing, missing
from newscase.reach import geofiles, mapframe, views, widgets

ART = load_article(ARTICLE_DIR)


def korea(**settings) -> SimpleNamespace:
    """An article set in Korea: two places with coordinates and a 300 km weapon; map_frame.csv
    holds ``settings`` only."""
    places = pd.DataFrame({"id": ["seoul", "pyongyang"], "name": ["Seoul", "Pyongyang"],
                           "kind": ["city", "city"], "lat": [37.566, 39.03385],
                           "lon": [126.9784, 125.75432]})
    weapons = pd.DataFrame({"id": ["kn-23"], "name": ["KN-23"], "range_km": [300.0],
                            "source": [None]})
    frame = pd.DataFrame({"setting": list(settings), "value": list(settings.values()),
                          "evidence": [None] * len(settings), "reason": ["r"] * len(settings)})
    return SimpleNamespace(places=places, weapons=weapons, map_frame=frame)


KOREA = korea(launch_country="PRK", target_country="KOR", border="PRK|KOR")


# --- A frame outside Europe ----------------------------------------------------------------

def test_a_korean_frame_comes_from_the_data_alone():
    frame = mapframe.map_frame(KOREA)
    assert frame.border == "PRK|KOR" and frame.border_name == "North Korea–South Korea border"
    assert frame.centre_name == "Seoul"  # the article's first place with coordinates
    x0, x1, y0, y1 = frame.view_km
    # The whole 300 km band around the border fits: the border runs about 150 km each side of
    # Seoul's meridian and 100 km north of it.
    assert x0 <= -300 and x1 >= 400 and y0 <= -300 and y1 >= 400
    assert [name for name, _, _ in frame.landmarks] == ["Seoul", "Pyongyang"]
    assert frame.origins == (("the whole border", "border"),)
    assert frame.city_noun == "cities of 15,000+ people in South Korea"


def test_a_korean_range_view_lists_the_target_countrys_cities_in_reach():
    view = reach.range_view(KOREA)
    assert view.range_km == 300 and view.origin.is_border
    assert set(view.reach["country"]) == {"KOR"}
    in_reach = set(view.reach.loc[view.reach["in_reach"], "name"])
    assert {"Seoul", "Incheon", "Daejeon"} <= in_reach and "Busan" not in in_reach
    assert view.text.startswith("From the whole border, 300 km (186 mi), the maximum the "
                                "article gives for KN-23, reaches")
    # About 20-25 cities are named on the map by default.
    assert 18 <= int(view.reach["label"].sum()) <= 25


def test_a_korean_figure_holds_only_the_countries_near_the_frame():
    chart = reach.range_map(reach.range_view(KOREA))
    countries = {trace.meta for trace in chart.figure.data if str(trace.meta).startswith(
        "countries")}
    assert countries == {"countries: other", "countries: south korea", "countries: north korea"}
    assert set(mapframe.country_shapes(mapframe.map_frame(KOREA))) <= {
        "PRK", "KOR", "CHN", "JPN", "RUS"}
    assert len(chart.figure.to_json()) < 40_000  # the ATACMS map is about 33 KB


def test_without_a_target_country_every_countrys_cities_count():
    frame = mapframe.map_frame(korea(border="PRK|KOR"))
    counted = mapframe.target_cities(frame)
    assert {"KOR", "PRK"} <= set(counted["country"])
    assert frame.city_noun == "cities of 15,000+ people"


def test_without_a_border_the_places_are_the_origins():
    article = korea()
    frame = mapframe.map_frame(article)
    assert frame.border is None and frame.origins == (("Seoul", "seoul"),
                                                      ("Pyongyang", "pyongyang"))
    view = reach.range_view(article)
    assert view.origin.label == "Seoul" and not view.origin.is_border
    assert "Pyongyang" in set(view.reach.loc[view.reach["in_reach"], "name"])
    assert reach.range_map(view).figure.data  # drawn, with no border line
    assert "from Seoul" in reach.origins_map(article).summary
    assert list(reach.origin_table(article)["measured from"]) == ["Seoul", "Pyongyang"]
    with pytest.raises(mapframe.MapFrameError, match="no border"):
        reach.range_view(article, 100, "border")


def test_the_explorers_slider_reaches_past_a_long_range_weapon():
    article = korea(border="PRK|KOR")
    article.weapons = pd.DataFrame({"name": ["Long"], "range_km": [1000.0], "source": [None]})
    panel = reach.range_explorer(article)
    assert panel.slider.max == 1200 and panel.slider.value == 1000


def test_the_atacms_frame_is_unchanged_by_the_world_data():
    frame = mapframe.map_frame(ART)
    assert frame.view_km == (-700, 800, -700, 800) and frame.label_population == 340_000
    cities = mapframe.target_cities(frame)
    assert len(cities) == 167 and set(cities["country"]) == {"RUS"}
    assert set(mapframe.country_shapes(frame)) == {
        "BGR", "BLR", "EST", "GEO", "KAZ", "LTU", "LVA", "MDA", "ROU", "RUS", "UKR"}
    assert geofiles.load_border(frame.border).shape == (124, 2)


def test_the_atacms_map_figure_is_no_bigger_than_before():
    view = reach.range_view(ART, 306, "border")
    figure = json.loads(reach.range_map(view).figure.to_json())
    points = [len(base64.b64decode(trace["x"]["bdata"])) // 4 for trace in figure["data"]
              if str(trace.get("meta", "")).startswith("countries")]
    # The same points as the 35-country file clipped to the region drew, before the world data.
    assert points == [555, 374, 382]


# --- Defaults for the other settings --------------------------------------------------------

def test_an_article_without_map_tables_gets_a_map_around_its_places():
    bare = SimpleNamespace(**{k: v for k, v in ART.tables.items() if not k.startswith("map_")})
    frame = mapframe.map_frame(bare)
    assert frame.centre_name == "Kursk region"
    # Washington is too far to be a launch point for a 306 km weapon; it is one end of the
    # Mercator comparison, with the place farthest from it.
    assert [place for _, place in frame.origins] == ["kursk-region", "kyiv", "moscow"]
    assert {frame.mercator_start, frame.mercator_end} == {"kursk-region", "washington"}
    view = reach.range_view(bare)
    assert view.origin.label == "Kursk region" and view.summary.in_reach > 0


# --- One sentence when there is nothing to show ---------------------------------------------

def without(*tables: str) -> SimpleNamespace:
    """The ATACMS article with ``tables`` emptied and no map tables."""
    return SimpleNamespace(**{k: (v.iloc[0:0] if k in tables else v)
                              for k, v in ART.tables.items() if not k.startswith("map_")})


ENTRY_POINTS = {
    "warm_up": reach.warm_up,
    "range_view": reach.range_view,
    "range_map": lambda a: reach.range_map(reach.range_view(a)),
    "range_explorer": lambda a: reach.range_explorer(a).missing,
    "origins_map": reach.origins_map,
    "origin_table": reach.origin_table,
    "projection_chart": reach.projection_chart,
    "mercator_line_chart": reach.mercator_line_chart,
    "first_weapon": reach.first_weapon,
}


@pytest.mark.parametrize("name", ENTRY_POINTS)
@pytest.mark.parametrize(("tables", "words"), [
    (("weapons", "places"), "This article has no place with coordinates"),
    (("places",), "This article has no place with coordinates"),
])
def test_an_entry_point_given_nothing_to_map_says_so_in_one_sentence(name, tables, words):
    result = ENTRY_POINTS[name](without(*tables))
    if name == "first_weapon" and tables == ("places",):
        assert isinstance(result, views.Weapon)
        return
    if name == "first_weapon":
        words = "This article has no weapon with a stated range"
    assert isinstance(result, Missing)
    assert str(result).startswith(words) and str(result).count(". ") <= 1
    assert "<i>" in result._repr_html_()


@pytest.mark.parametrize("name", ["range_view", "range_map", "range_explorer", "origins_map",
                                  "origin_table", "projection_chart", "first_weapon"])
def test_an_entry_point_given_no_weapon_says_so(name):
    result = ENTRY_POINTS[name](without("weapons"))
    assert str(result).startswith("This article has no weapon with a stated range")


def test_without_a_weapon_a_range_still_maps():
    article = without("weapons")
    assert reach.warm_up(article) is None
    view = reach.range_view(article, 200)
    assert view.range_km == 200 and view.weapon is None
    assert reach.origin_table(article, 200)["cities in reach"].gt(0).all()


def test_a_missing_sentence_escapes_its_text_and_stands_in_for_a_chart(capsys):
    message = missing("weapon called <b>X</b>", "Add one & go on.")
    assert str(message) == ("This article has no weapon called <b>X</b>, so this section has "
                            "nothing to show. Add one & go on.")
    assert "&lt;b&gt;X&lt;/b&gt;" in message._repr_html_() and "&amp;" in message._repr_html_()
    message.show()
    assert capsys.readouterr().out.strip() == str(message)
    assert not message and message.summary == str(message)


def test_the_explorer_with_nothing_to_map_shows_the_sentence():
    panel = widgets.range_explorer(without("weapons", "places"))
    assert "This article has no place with coordinates" in panel.children[0].value


# --- Validation of place settings against places.csv ----------------------------------------

@pytest.mark.parametrize(("setting", "value", "message"), [
    ("centre", "moscow", None),  # a places.csv id with coordinates
    ("centre", "Kursk region", None),  # ... or its name
    ("centre", "Donetsk, RUS", None),  # a city, with its country where the name is shared
    ("centre", "russia", "'russia' is a place in places.csv without coordinates; give it lat "
                         "and lon there, or name a city"),
    ("border", "PRK|KOR", None),
    ("border", "KOR|JPN", "South Korea and Japan share no land border in the package's "
                          "countries data (KOR's land neighbours: PRK)"),
])
def test_place_and_border_settings_are_checked_in_one_line(tmp_path, setting, value, message):
    from test_reach_data import errors_after, row_of, set_value

    errors = errors_after(tmp_path, "map_frame", set_value(setting, "value", value))
    expected = [] if message is None else [
        f"map_frame.csv:{row_of('map_frame', setting)}:value: {message}"]
    assert errors == expected


@pytest.mark.parametrize(("lat", "lon", "near"), [
    (28.65195, 77.23149, {"AFG", "CHN", "IND", "NPL", "PAK"}),  # Delhi: Mexico is antipodal
    (64.73424, 177.5103, {"RUS", "USA"}),  # Anadyr: the map crosses the 180th meridian
])
def test_countries_on_the_far_side_of_the_globe_stay_off_the_map(lat, lon, near):
    article = SimpleNamespace(
        places=pd.DataFrame({"id": ["p"], "name": ["P"], "lat": [lat], "lon": [lon]}),
        weapons=pd.DataFrame({"name": ["W"], "range_km": [500.0]}))
    frame = mapframe.map_frame(article)
    shapes = mapframe.country_shapes(frame)
    assert set(shapes) == near
    x0, x1, y0, y1 = frame.view_km
    for _, x, y in shapes.values():
        assert np.nanmin(x) >= x0 - 101 and np.nanmax(x) <= x1 + 101
        assert np.nanmin(y) >= y0 - 101 and np.nanmax(y) <= y1 + 101
