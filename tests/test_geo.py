"""newscase.geodesy and the places of newscase.reach against references they do not compute
themselves, and the data/geo files."""

import csv
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ARTICLE_DIR, REPO
from newscase import geodesy
from newscase.reach import border as reach_border
from newscase.reach import geofiles, places, projection

GEO = REPO / "data" / "geo"
KM = 1e-6  # 1 mm, in km


def rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


UKR_RUS = "UKR|RUS"


@pytest.fixture(scope="module")
def world():
    return geofiles.load_cities()


@pytest.fixture(scope="module")
def cities(world):
    """The cities lesson 03 counts (50,000+ people, Russia, Ukraine and Belarus, around the
    border), so the exact distances stay quick to compute."""
    near = (world["country"].isin(["RUS", "UKR", "BLR"]) & (world["population"] >= 50_000)
            & world["lon"].between(22, 50) & world["lat"].between(43, 58))
    return world[near].reset_index(drop=True)


def city(cities, geonames_id):
    found = cities.loc[cities["geonames_id"] == geonames_id]
    if found.empty:  # the article's places beyond the region (Washington)
        found = geofiles.read_cities().loc[lambda c: c["geonames_id"] == geonames_id]
    row = found.iloc[0]
    return float(row["lat"]), float(row["lon"])


SUMY, KHARKIV, BELGOROD, KURSK, MOSCOW = 692194, 706483, 578072, 538560, 524901


# Independent references --------------------------------------------------------------------------

def vincenty_km(lat1, lon1, lat2, lon2):
    """Vincenty's (1975) inverse formula on WGS84: a different algorithm from Karney's, written
    here from the paper, good to about 0.1 mm away from nearly antipodal points."""
    a, f = 6378137.0, 1 / 298.257223563
    b = a * (1 - f)
    big_l = math.radians(lon2 - lon1)
    u1, u2 = (math.atan((1 - f) * math.tan(math.radians(x))) for x in (lat1, lat2))
    lam = big_l
    for _ in range(200):
        sin_sigma = math.hypot(math.cos(u2) * math.sin(lam),
                               math.cos(u1) * math.sin(u2)
                               - math.sin(u1) * math.cos(u2) * math.cos(lam))
        if sin_sigma == 0:
            return 0.0
        cos_sigma = math.sin(u1) * math.sin(u2) + math.cos(u1) * math.cos(u2) * math.cos(lam)
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = math.cos(u1) * math.cos(u2) * math.sin(lam) / sin_sigma
        cos2_alpha = 1 - sin_alpha**2
        cos_2sm = cos_sigma - 2 * math.sin(u1) * math.sin(u2) / cos2_alpha if cos2_alpha else 0.0
        c = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha))
        previous = lam
        lam = big_l + (1 - c) * f * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm**2)))
        if abs(lam - previous) < 1e-13:
            break
    u_sq = cos2_alpha * (a * a - b * b) / (b * b)
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    delta = big_b * sin_sigma * (cos_2sm + big_b / 4 * (
        cos_sigma * (-1 + 2 * cos_2sm**2)
        - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma**2) * (-3 + 4 * cos_2sm**2)))
    return b * big_a * (sigma - delta) / 1000


def test_published_geographiclib_examples():
    # GeographicLib's documented examples (its Python and JavaScript docs).
    assert geodesy.distance_km(-41.32, 174.81, 40.96, -5.50) == pytest.approx(19959.679267, abs=KM)
    lat, lon = geodesy.destination(-32.06, 115.74, 225, 20000)
    assert (lat, lon) == (pytest.approx(32.11195529, abs=1e-8), pytest.approx(-63.95925278,
                                                                               abs=1e-8))


# Karney's GeodTest.dat (doi:10.5281/zenodo.32156): lat1, lon1, azi1, lat2, lon2, s12 in metres.
GEODTEST = [
    (35.60777, -139.44815, 111.098748429560326, -11.17491, -69.95921, 8935244.5604818305),
    (55.52454, 106.05087, 22.020059880982801, 77.03196, 197.18234, 4105086.1713924406),
    (-21.97856, 142.59065, -32.44456876433189, 41.84138, 98.56635, 8394328.894657671),
]


@pytest.mark.parametrize("lat1, lon1, azi1, lat2, lon2, s12", GEODTEST)
def test_karney_geodtest_lines(lat1, lon1, azi1, lat2, lon2, s12):
    assert geodesy.distance_km(lat1, lon1, lat2, lon2 - 360 * (lon2 > 180)) == pytest.approx(
        s12 / 1000, abs=KM)
    lat, lon = geodesy.destination(lat1, lon1, azi1, s12 / 1000)
    assert lat == pytest.approx(lat2, abs=1e-9)
    assert (lon - lon2 + 180) % 360 - 180 == pytest.approx(0, abs=1e-9)


def test_quarter_equator_and_quarter_meridian():
    # The equator is a geodesic: a quarter of it is a * pi / 2 exactly.
    assert geodesy.distance_km(0, 0, 0, 90) == pytest.approx(6378.137 * math.pi / 2, abs=KM)
    # The WGS84 meridian quadrant, a standard constant: 10,001,965.729 m.
    assert geodesy.distance_km(0, 0, 90, 0) == pytest.approx(10001.965729, abs=KM)


CITY_PAIRS = [(703448, 524901), (692194, 538560), (706483, 578072), (538560, 524901),
              (4140963, 703448), (710735, 524901)]


@pytest.mark.parametrize("a, b", CITY_PAIRS)
def test_city_pairs_agree_with_vincenty(cities, a, b):
    (lat1, lon1), (lat2, lon2) = city(cities, a), city(cities, b)
    assert geodesy.distance_km(lat1, lon1, lat2, lon2) == pytest.approx(
        vincenty_km(lat1, lon1, lat2, lon2), abs=KM)


latitudes = st.floats(-80, 80)
longitudes = st.floats(-180, 180)


@settings(max_examples=200, deadline=None)
@given(latitudes, longitudes, latitudes, st.floats(-150, 150))
def test_any_pair_agrees_with_vincenty(lat1, lon1, lat2, dlon):
    lon2 = (lon1 + dlon + 180) % 360 - 180
    assert geodesy.distance_km(lat1, lon1, lat2, lon2) == pytest.approx(
        vincenty_km(lat1, lon1, lat2, lon2), abs=KM)


# Properties -------------------------------------------------------------------------------------

@settings(deadline=None)
@given(latitudes, longitudes, latitudes, longitudes)
def test_distance_is_symmetric(lat1, lon1, lat2, lon2):
    assert geodesy.distance_km(lat1, lon1, lat2, lon2) == pytest.approx(
        geodesy.distance_km(lat2, lon2, lat1, lon1), abs=KM)


@settings(deadline=None)
@given(*[st.floats(-89, 89), longitudes] * 3)
def test_triangle_inequality(lat1, lon1, lat2, lon2, lat3, lon3):
    direct = geodesy.distance_km(lat1, lon1, lat3, lon3)
    assert direct <= geodesy.distance_km(lat1, lon1, lat2, lon2) + geodesy.distance_km(
        lat2, lon2, lat3, lon3) + KM


@settings(deadline=None)
@given(latitudes, longitudes, st.floats(0, 360), st.floats(0.001, 19000))
def test_destination_then_distance_round_trip(lat, lon, bearing, km):
    end = geodesy.destination(lat, lon, bearing, km)
    assert geodesy.distance_km(lat, lon, *end) == pytest.approx(km, abs=KM)


def test_range_ring_points_are_all_at_the_ring_distance():
    ring = geodesy.range_ring(50.91741, 34.79906, 306, n=72)
    assert len(ring) == 73
    assert ring.iloc[0].tolist() == ring.iloc[-1].tolist()
    for lat, lon in zip(ring["lat"], ring["lon"], strict=True):
        assert geodesy.distance_km(50.91741, 34.79906, lat, lon) == pytest.approx(306, abs=KM)


def test_range_ring_is_round_and_evenly_spaced_on_a_map_centred_on_it():
    n, km = 360, 306
    ring = geodesy.range_ring(50.91741, 34.79906, km, n=n)
    x, y = geodesy.azimuthal_equidistant(ring["lat"], ring["lon"], 50.91741, 34.79906)
    bearings = (90 - pd.Series(x).combine(pd.Series(y), lambda a, b: math.degrees(
        math.atan2(b, a)))) % 360
    assert bearings[:n].tolist() == pytest.approx(ring["bearing"][:n].tolist(), abs=1e-9)
    sag = km - math.hypot((x[0] + x[1]) / 2, (y[0] + y[1]) / 2)
    assert sag == pytest.approx(km * (1 - math.cos(math.pi / n)), abs=KM)
    assert sag < 0.013  # the 12 m the docstring states


# Units ----------------------------------------------------------------------------------------

def test_the_articles_190_miles_is_306_km_to_under_1_km():
    (weapon,) = rows(ARTICLE_DIR / "weapons.csv")
    km = geodesy.miles_to_km(int(weapon["range_mi"]))
    assert abs(km - int(weapon["range_km"])) < 1
    assert round(km) == 306
    assert geodesy.km_to_miles(km) == pytest.approx(190)
    assert geodesy.KM_PER_MILE == 1.609344


# Distance to the border ---------------------------------------------------------------------------

# STACK-FACTS.md, from another pipeline on the same 50m line. Tolerance 3 km: the integers there
# are rounded and were measured from city centres that can differ from GeoNames' by a km or two;
# we are within 2.4 km of every one (Lipetsk is the largest gap).
ANCHORS = {578072: 36, 501175: 68, 538560: 98, 571476: 110, 515012: 166, 472045: 187,
           491687: 277, 535121: 286, 553915: 296, 480562: 328, 524901: 457}


@pytest.mark.parametrize("geonames_id, km", ANCHORS.items())
def test_border_distance_matches_the_stack_facts_anchors(cities, geonames_id, km):
    km_to_border = reach_border.distance_to_border_km(*city(cities, geonames_id), UKR_RUS)
    assert km_to_border == pytest.approx(km, abs=3)


def brute_force_border_km(lat, lon, step_km=0.25):
    """Every edge densified to 250 m, minimum over the points: slow, simple, independent of the
    library's screen and root finder."""
    border = geofiles.load_border(UKR_RUS)
    best = math.inf
    for i in range(len(border) - 1):
        edge = geodesy.WGS84.InverseLine(border.lat[i], border.lon[i], border.lat[i + 1],
                                     border.lon[i + 1])
        steps = max(1, math.ceil(edge.s13 / 1000 / step_km))
        for k in range(steps + 1):
            point = edge.Position(edge.s13 * k / steps)
            best = min(best, geodesy.distance_km(lat, lon, point["lat2"], point["lon2"]))
    return best


@pytest.mark.parametrize("lat, lon", [(50.60343, 36.58091), (55.75204, 37.61781),
                                      (49.98177, 36.25475), (44.95719, 34.11079)])
def test_border_distance_matches_brute_force(lat, lon):
    ours = reach_border.distance_to_border_km(lat, lon, UKR_RUS)
    brute = brute_force_border_km(lat, lon)
    # Densifying can only overestimate, by at most about step² / (8 * distance): < 1 m here.
    assert ours <= brute + KM
    assert brute - ours < 0.001


def test_nearest_border_point_is_on_the_border_at_that_distance():
    km, lat, lon = reach_border.nearest_border_point(55.75204, 37.61781, UKR_RUS)
    assert geodesy.distance_km(55.75204, 37.61781, lat, lon) == pytest.approx(km, abs=KM)
    assert reach_border.distance_to_border_km(lat, lon, UKR_RUS) < 0.001


def test_a_point_on_the_border_is_at_distance_zero():
    border = geofiles.load_border(UKR_RUS)
    km_to_border = reach_border.distance_to_border_km(border.lat[40], border.lon[40], UKR_RUS)
    assert km_to_border == pytest.approx(0, abs=KM)


# Borders data ---------------------------------------------------------------------------------

def test_border_is_one_line_of_124_points_from_belarus_to_the_sea_of_azov():
    assert len(geofiles.border_pieces(UKR_RUS)) == 1
    border = geofiles.load_border(UKR_RUS)
    assert len(border) == 124
    assert (border.lat[0], border.lon[0]) == (52.1012, 31.7634)  # tripoint with Belarus
    assert (border.lat.iloc[-1], border.lon.iloc[-1]) == (47.0914, 38.2142)  # Azov coast
    assert border.lat.min() > 46.5  # no Kerch Strait, no sea boundary
    # The order of the codes does not matter.
    pd.testing.assert_frame_equal(geofiles.load_border("RUS|UKR"), border)


def polygon_vertices(feature):
    return {tuple(p) for polygon in feature["geometry"]["coordinates"] for ring in polygon
            for p in ring}


def test_border_is_shared_by_the_ukraine_and_russia_polygons():
    countries = {f["properties"]["a3"]: f for f in geofiles.load_countries()["features"]}
    shared = polygon_vertices(countries["UKR"]) & polygon_vertices(countries["RUS"])
    line = geofiles.load_border(UKR_RUS)
    border = set(zip(line["lon"], line["lat"], strict=True))
    assert border == shared


def line_km(border):
    lat, lon = border["lat"].to_numpy(), border["lon"].to_numpy()
    return sum(geodesy.distance_km(lat[i], lon[i], lat[i + 1], lon[i + 1])
               for i in range(len(lat) - 1) if not (math.isnan(lat[i]) or math.isnan(lat[i + 1])))


@pytest.mark.parametrize("border, pieces, km, box", [
    # The Korean Demilitarized Zone's line: about 240 km by the treaty's account, shorter at
    # 1:50m; from the Sea of Japan coast to the Han estuary, all between 37.5 and 38.7°N.
    ("PRK|KOR", 1, (180, 260), (37.5, 38.7, 126.0, 128.5)),
    # India–Pakistan as the UN-view data draws it, Kashmir's line of control included: from
    # the Karakoram to the Rann of Kutch.
    ("IND|PAK", 1, (2300, 3400), (23.5, 35.5, 68.0, 78.0)),
    ("UKR|RUS", 1, (1250, 1400), (46.5, 52.5, 31.5, 40.5)),
])
def test_borders_elsewhere_are_plausible(border, pieces, km, box):
    line = geofiles.load_border(border)
    assert len(geofiles.border_pieces(border)) == pieces
    assert km[0] <= line_km(line) <= km[1]
    lat_min, lat_max, lon_min, lon_max = box
    assert line["lat"].dropna().between(lat_min, lat_max).all()
    assert line["lon"].dropna().between(lon_min, lon_max).all()
    first, second = border.split("|")
    for lat, lon in zip(line["lat"].dropna(), line["lon"].dropna(), strict=True):
        # Every point of the border is on both countries' outlines: a hair inside one or other.
        assert reach_border.distance_to_border_km(lat, lon, border) < 0.001


def test_a_border_in_several_lines_measures_to_the_nearest():
    pieces = geofiles.border_pieces("USA|CAN")
    assert len(pieces) >= 2  # Alaska, and the border east of the Pacific broken by lakes
    seattle, anchorage = (47.60621, -122.33207), (61.21806, -149.90028)
    assert reach_border.distance_to_border_km(*seattle, "USA|CAN") < 200
    assert reach_border.distance_to_border_km(*anchorage, "USA|CAN") < 700


@pytest.mark.parametrize("value, message", [
    ("FRA|DEU", None),
    ("UKR|KAZ", "Ukraine and Kazakhstan share no land border in the package's countries data"),
    ("KOR|JPN", "South Korea and Japan share no land border"),
    ("UKR|XYZ", "'XYZ' is not a country in the package's countries data"),
    ("ua-ru-border", "is not two ISO alpha-3 country codes joined by '|', such as 'UKR|RUS'"),
    ("UKR|UKR", "names one country twice"),
])
def test_a_border_that_is_not_one_says_why(value, message):
    problem = geofiles.border_problem(value)
    assert problem is None if message is None else message in problem
    if message:
        with pytest.raises(geofiles.BorderError, match="^border: "):
            reach_border.distance_to_border_km(50, 30, value)


@pytest.mark.parametrize("place, lat, lon, a3", [
    ("Simferopol", 44.95719, 34.11079, "UKR"), ("Sevastopol", 44.60795, 33.52134, "UKR"),
    ("Kerch", 45.36, 36.47, "UKR"), ("Kyiv", 50.45466, 30.5238, "UKR"),
    ("Moscow", 55.75204, 37.61781, "RUS"), ("Belgorod", 50.60343, 36.58091, "RUS"),
    ("Minsk", 53.90019, 27.56653, "BLR"), ("Black Sea", 43.0, 34.0, None),
    ("Seoul", 37.566, 126.9784, "KOR"), ("Pyongyang", 39.03385, 125.75432, "PRK"),
    ("Lahore", 31.558, 74.35071, "PAK"), ("Amritsar", 31.62234, 74.87534, "IND")])
def test_crimea_is_inside_ukraine_and_not_russia(place, lat, lon, a3):
    assert geofiles.country_at(lat, lon) == a3, place


def test_the_world_file_is_the_packages_own_and_small():
    assert (GEO / "world-50m.topojson").stat().st_size < 800_000
    names = geofiles.country_names()
    assert len(names) == 242 and names["UKR"] == "Ukraine" and names["KOR"] == "South Korea"
    total = sum(p.stat().st_size for p in GEO.iterdir())
    assert total < 10_000_000


# cities.csv -------------------------------------------------------------------------------------

ARTICLE_IDS = {int(r["geonames_id"]) for r in rows(GEO / "geonames-points.csv")}


def test_cities_columns_and_ids(world):
    assert list(world.columns) == ["geonames_id", "name", "country", "lat", "lon", "population"]
    assert world["geonames_id"].is_unique
    assert 20_000 <= len(world) <= 40_000
    assert (GEO / "cities.csv").stat().st_size < 2_000_000


def test_cities_cover_the_world_from_15000_people(world):
    assert world["population"].min() >= 15_000
    assert world["country"].nunique() > 200
    assert world["country"].str.fullmatch(r"[A-Z]{3}").all()
    for name, a3 in [("Seoul", "KOR"), ("Pyongyang", "PRK"), ("Lahore", "PAK"),
                     ("São Paulo", "BRA"), ("Lagos", "NGA"), ("Sydney", "AUS")]:
        assert a3 in set(world.loc[world["name"] == name, "country"]), name


def test_cities_near_the_border_are_as_before(cities):
    assert set(cities["country"]) == {"RUS", "UKR", "BLR"}
    assert 250 <= len(cities) <= 400


def test_cities_hold_the_articles_places_with_the_same_coordinates():
    points = {r["geonames_id"]: r for r in rows(GEO / "geonames-points.csv")}
    listed = {r["geonames_id"]: r for r in rows(GEO / "cities.csv")}
    for geonames_id, point in points.items():
        assert (listed[geonames_id]["lat"], listed[geonames_id]["lon"]) == (point["lat"],
                                                                            point["lon"])


def test_cities_include_the_origin_choices_and_the_articles_places(world):
    names = set(world["name"])
    assert {"Kyiv", "Moscow", "Washington", "Kursk", "Sumy", "Kharkiv", "Chernihiv"} <= names


def test_cities_hold_no_known_city_districts(world):
    assert not {"Saltivka", "Obolon", "Yasenevo", "Pravyi Bereh", "Brooklyn", "Pudong"} & set(
        world["name"])
    assert {"Mariupol", "Kawasaki", "Omdurman", "Mosul"} <= set(world["name"])


def test_a_name_several_cities_share(world):
    assert places.find_city("Moscow")["country"] == "RUS"  # 10 million against 25,000
    assert places.find_city("Donetsk, RUS")["geonames_id"] == 565348
    with pytest.raises(ValueError, match="Add the country, such as 'Washington, USA'"):
        places.find_city("Washington")


# places_in_reach and reach_summary ------------------------------------------------------------

def test_reach_from_one_city(cities):
    reach = places.places_in_reach(cities, 306, origin="Sumy")
    sumy = city(cities, SUMY)
    assert reach["distance_km"].is_monotonic_increasing
    assert reach.loc[0, "name"] == "Sumy" and reach.loc[0, "distance_km"] == 0
    for row in reach.sample(20, random_state=1).itertuples():
        assert row.distance_km == pytest.approx(
            geodesy.distance_km(*sumy, row.lat, row.lon), abs=KM)
    assert (reach["in_reach"] == (reach["distance_km"] <= 306)).all()
    assert len(reach) == len(cities)


def test_reach_from_a_pair_and_from_a_list_is_the_nearest_launch_point(cities):
    kharkiv = city(cities, KHARKIV)
    by_pair = places.places_in_reach(cities, 300, origin=kharkiv)
    by_name = places.places_in_reach(cities, 300, origin="kharkiv")
    pd.testing.assert_frame_equal(by_pair, by_name)
    both = places.places_in_reach(cities, 300, origin=["Sumy", kharkiv]).set_index("geonames_id")
    sumy = places.places_in_reach(cities, 300, origin="Sumy").set_index("geonames_id")
    kh = by_pair.set_index("geonames_id")
    expected = pd.concat([sumy["distance_km"], kh["distance_km"]], axis=1).min(axis=1)
    pd.testing.assert_series_equal(both["distance_km"], expected.loc[both.index],
                                   check_names=False)


def test_reach_from_the_border(cities):
    reach = places.places_in_reach(cities, 306, origin="border", border=UKR_RUS)
    for row in reach.head(30).itertuples():
        assert row.distance_km == reach_border.distance_to_border_km(row.lat, row.lon, UKR_RUS)
    in_reach = set(reach.loc[reach["in_reach"], "name"])
    assert {"Belgorod", "Kursk", "Voronezh", "Bryansk", "Lipetsk", "Kaluga"} <= in_reach
    assert not {"Moscow", "Tula"} & in_reach


def test_reach_does_not_change_its_input(cities):
    before = cities.copy()
    places.places_in_reach(cities, 100, origin="border", border=UKR_RUS)
    pd.testing.assert_frame_equal(cities, before)


def test_a_slider_move_is_only_a_filter(cities, monkeypatch):
    places.places_in_reach(cities, 306, origin="border", border=UKR_RUS)
    places.places_in_reach(cities, 306, origin=["Sumy", "Chernihiv"])

    class NoGeodesics:
        def __getattr__(self, name):
            raise AssertionError("a slider move recomputed a geodesic")

    monkeypatch.setattr(geodesy, "WGS84", NoGeodesics())
    reach = places.places_in_reach(cities, 500, origin="border", border=UKR_RUS)
    assert reach["in_reach"].sum() > 0
    assert places.places_in_reach(cities, 100, origin=["Sumy", "Chernihiv"])["in_reach"].any()


def test_reach_summary(cities):
    reach = places.places_in_reach(cities, 306, origin="border", border=UKR_RUS)
    summary = places.reach_summary(reach, 306)
    assert summary.in_reach == reach["in_reach"].sum() and summary.total == len(cities)
    assert summary.largest["population"].is_monotonic_decreasing
    assert (summary.largest["distance_km"] <= 306).all() and len(summary.largest) == 5
    nearest = summary.nearest_out_of_reach
    beyond = reach[(reach["distance_km"] > 306) & (reach["population"] >= 500_000)]
    assert nearest["name"] == beyond.iloc[0]["name"] and nearest["distance_km"] > 306
    text = str(summary)
    assert f"{summary.in_reach} of {len(cities)} places" in text and nearest["name"] in text
    assert "306 km (190 mi)" in text


def test_reach_summary_edges(cities):
    reach = places.places_in_reach(cities, 20_000, border=UKR_RUS)
    everything = places.reach_summary(reach, 20_000)
    assert everything.in_reach == len(cities) and everything.nearest_out_of_reach is None
    nothing = places.reach_summary(places.places_in_reach(cities, 0, origin=(60.0, 60.0)), 0)
    assert nothing.in_reach == 0 and nothing.largest.empty
    assert "0 of" in str(nothing)


# Learner-facing errors ------------------------------------------------------------------------

def test_unknown_origin_city_suggests_a_name(cities):
    with pytest.raises(ValueError, match="Did you mean 'Sumy'"):
        places.places_in_reach(cities, 306, origin="Sumi")
    with pytest.raises(ValueError, match="Did you mean 'border'"):
        places.places_in_reach(cities, 306, origin="boarder")


def test_ambiguous_origin_city_lists_both(cities):
    with pytest.raises(ValueError, match="names 2 places.*UKR.*RUS|names 2 places.*RUS.*UKR"):
        places.places_in_reach(cities, 306, origin="Donetsk")


def test_bad_range_and_bad_places_say_what_to_do(cities):
    with pytest.raises(ValueError, match="miles_to_km"):
        places.places_in_reach(cities, -5)
    with pytest.raises(ValueError, match="miles_to_km"):
        places.places_in_reach(cities, "306")
    with pytest.raises(KeyError, match="Did you mean 'latitude'"):
        places.places_in_reach(cities.rename(columns={"lat": "latitude"}), 306)
    with pytest.raises(TypeError, match="origin must be"):
        places.places_in_reach(cities, 306, origin=42)


def test_swapped_coordinates_are_named():
    with pytest.raises(ValueError, match="Latitude comes first"):
        geodesy.distance_km(30.5, 50.4, 120.0, 55.7)


# The projection lesson ------------------------------------------------------------------------

def test_flat_map_overstates_east_west_distances_by_about_1_over_cos_lat():
    true = geodesy.distance_km(51, 30, 51, 40)
    flat = projection.naive_flat_map_km(51, 30, 51, 40)
    assert flat / true == pytest.approx(1 / math.cos(math.radians(51)), rel=0.01)
    # Along a meridian degrees really are about 111 km: the flat map is nearly right.
    assert projection.naive_flat_map_km(48, 36, 52, 36) == pytest.approx(
        geodesy.distance_km(48, 36, 52, 36), rel=0.005)


def test_mercator_ruler_stretches_by_1_over_cos_lat():
    ruler = projection.naive_mercator_ruler_km(51, 30, 51, 40)
    assert ruler / geodesy.distance_km(51, 30, 51, 40) == pytest.approx(
        1 / math.cos(math.radians(51)), rel=0.01)
    assert geodesy.web_mercator_km(0, 180)[0] == pytest.approx(math.pi * 6378.137)


def test_mercator_straight_line_is_longer_and_strays_from_the_geodesic():
    kyiv, moscow = (50.45466, 30.5238), (55.75204, 37.61781)
    path = projection.naive_mercator_path(*kyiv, *moscow)
    assert path.iloc[0].tolist() == pytest.approx(list(kyiv))
    assert path.iloc[-1].tolist() == pytest.approx(list(moscow))
    assert projection.naive_mercator_path_km(*kyiv, *moscow) > geodesy.distance_km(*kyiv, *moscow)
    assert 1 < projection.path_gap_km(*kyiv, *moscow) < 20
    assert projection.path_gap_km(48, 36, 52, 36) < 0.01  # along a meridian the two coincide


def test_compare_distance_methods_marks_the_geodesic_as_right():
    table = projection.compare_distance_methods(50.91741, 34.79906, 55.75204, 37.61781)
    assert list(table.columns) == ["method", "km", "error_km", "error_pct"]
    assert "correct" in table.loc[0, "method"] and table.loc[0, "error_km"] == 0
    assert (table.loc[1:, "error_km"].abs() > 0).all()


@settings(deadline=None)
@given(st.floats(-80, 80), longitudes, st.floats(-80, 80), longitudes)
def test_azimuthal_equidistant_keeps_distance_from_the_centre(lat0, lon0, lat, lon):
    x, y = geodesy.azimuthal_equidistant(lat, lon, lat0, lon0)
    assert math.hypot(x, y) == pytest.approx(geodesy.distance_km(lat0, lon0, lat, lon), abs=KM)


def test_azimuthal_equidistant_orientation_and_arrays():
    assert geodesy.azimuthal_equidistant(50, 36, 50, 36) == (0.0, 0.0)
    x, y = geodesy.azimuthal_equidistant([51, 50], [36, 37], 50, 36)
    assert y[0] > 100 and abs(x[0]) < KM  # due north
    assert x[1] > 60 and abs(y[1]) < 1  # nearly due east
