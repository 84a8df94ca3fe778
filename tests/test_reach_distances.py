"""The range maps' hover distances as tables and text (newscase.reach.distances): what a mouse
reads in a dot's hover label, a keyboard or a screen reader reads here (issue 15)."""

from types import SimpleNamespace

import pandas as pd
import pytest

from newscase import load_article, reach
from newscase.present.missing import Missing
from newscase.reach import distances, figures, widgets

ART = load_article("atacms-2024-11-17")


@pytest.fixture(scope="module")
def border_view():
    return reach.range_view(ART, 306, "border")


def test_city_distances_agree_with_the_border_distance_of_each_city(border_view):
    table = distances.city_distances(border_view)
    assert list(table.columns) == ["city", "distance_km", "in_reach"]
    for name in ("Kursk", "Voronezh", "Moscow"):
        lat, lon = reach.resolve_origin(name).points[0]
        km = reach.distance_to_border_km(lat, lon, "UKR|RUS")
        row = table[table["city"] == name].iloc[0]
        assert row["distance_km"] == pytest.approx(km, abs=0.06)
        assert row["in_reach"] == (km <= 306)
    moscow = table.set_index("city").loc["Moscow"]
    assert not moscow["in_reach"] and round(moscow["distance_km"]) == 456


def test_city_distances_are_sorted_and_flag_the_range(border_view):
    for which in ("named", "all"):
        table = distances.city_distances(border_view, which)
        assert table["distance_km"].is_monotonic_increasing
        assert (table["in_reach"] == (table["distance_km"] <= 306)).all()
    every = distances.city_distances(border_view, "all")
    named = distances.city_distances(border_view)
    assert len(every) == 167 == border_view.summary.total
    assert every["in_reach"].sum() == border_view.summary.in_reach == 42
    # "named" are the cities the map writes a name beside: the labels trace of range_map
    labels = figures.range_map(border_view).figure
    written = next(t for t in labels.data if t.meta == "labels").text
    assert sorted(named["city"]) == sorted(written)


def test_city_distances_hold_what_the_hover_labels_show(border_view):
    figure = figures.range_map(border_view).figure
    hovered = {}
    for trace in figure.data:
        if trace.meta in ("in", "out"):
            hovered |= {name: (round(float(km)), trace.meta == "in")
                        for name, km in zip(trace.hovertext, trace.customdata, strict=True)}
    table = distances.city_distances(border_view, "all")
    shown = {row.city: (round(row.distance_km), row.in_reach) for row in table.itertuples()}
    assert shown == hovered


def test_near_edge_keeps_the_cities_either_side_of_the_range(border_view):
    edge = distances.city_distances(border_view, "all", near_edge=2)
    assert list(edge["in_reach"]) == [True, True, False, False]
    every = distances.city_distances(border_view, "all")
    inside, beyond = every[every["in_reach"]], every[~every["in_reach"]]
    assert list(edge["city"]) == [*inside["city"].tail(2), *beyond["city"].head(2)]
    assert len(distances.city_distances(border_view, "all", near_edge=0)) == 0
    with pytest.raises(ValueError, match="0 or more"):
        distances.city_distances(border_view, near_edge=-1)


def test_city_distances_by_name_and_the_article_alone(border_view):
    picked = distances.city_distances(border_view, ["moscow", " Kursk "])
    assert list(picked["city"]) == ["Kursk", "Moscow"]
    with pytest.raises(ValueError, match="Did you mean 'Kursk'"):
        distances.city_distances(border_view, ["Kursc"])
    with pytest.raises(ValueError, match="'named', 'all'"):
        distances.city_distances(border_view, "big")
    # The article alone: its first map, the one the lesson template draws.
    pd.testing.assert_frame_equal(distances.city_distances(ART),
                                  distances.city_distances(reach.range_view(ART)))


def test_edge_text_names_the_cities_either_side_with_their_distances(border_view):
    text = distances.edge_text(border_view)
    assert text == ("Nearest the edge of the range: in reach, Yartsevo (304 km) and Kaluga "
                    "(295 km); just beyond, Shchëkino (309 km) and Balashov (311 km).")
    assert "in reach" not in distances.edge_text(reach.range_view(ART, 0, "border"))
    assert "just beyond" not in distances.edge_text(reach.range_view(ART, 5000, "border"))


def test_the_explorers_live_summary_names_the_edge(border_view):
    panel = widgets.range_explorer(ART)
    assert "Shchëkino (309 km)" in panel.summary.value
    panel.slider.value = 500
    assert "Shchëkino" not in panel.summary.value and "Nearest the edge" in panel.summary.value
    assert "Nearest the edge" in widgets.range_summary_html(border_view)


def test_origin_distances_hold_the_origins_maps_hover_labels():
    table = distances.origin_distances(ART)
    assert list(table.columns) == ["city", "km from the whole border", "km from Sumy",
                                   "km from Kharkiv", "km from Chernihiv", "in reach from"]
    assert table["km from the whole border"].is_monotonic_increasing
    figure = figures.origins_map(ART).figure
    dots = next(t for t in figure.data if t.meta == "cities")
    hovered = {name: [round(float(km)) for km in row]
               for name, row in zip(dots.hovertext, dots.customdata, strict=True)}
    for row in table.itertuples(index=False):
        assert [round(km) for km in row[1:5]] == hovered[row[0]]
    kursk = table.set_index("city").loc["Kursk"]
    assert kursk["in reach from"] == "the whole border, Sumy, Kharkiv"
    assert table.set_index("city").loc["Moscow", "in reach from"] == "none"
    # counted per origin, the table agrees with origin_table
    every = distances.origin_distances(ART, which="all")
    counts = reach.origin_table(ART).set_index("measured from")["cities in reach"]
    for label, count in counts.items():
        assert every["in reach from"].str.split(", ").apply(lambda o, lb=label: lb in o).sum() \
            == count


def test_an_article_with_nothing_to_map_gets_one_sentence():
    bare = SimpleNamespace(weapons=pd.DataFrame(columns=["name", "range_km"]))
    for result in (distances.city_distances(reach.range_view(bare, 300)),
                   distances.origin_distances(bare)):
        assert isinstance(result, Missing) and "This article has no" in str(result)
