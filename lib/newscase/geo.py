"""Geodesic distances for the range lesson, on the WGS84 ellipsoid.

Every distance here is a *geodesic*: the shortest path over the WGS84 ellipsoid, computed with
Karney's algorithms (geographiclib). Latitude comes first, in degrees; distances are in km.

Accuracy:
- ``distance_km``, ``destination``, ``geodesic_path`` and ``range_ring`` vertices: exact to
  round-off (geographiclib: about 15 nanometres).
- ``range_ring``: the vertices are exact; the straight edges a map draws between them cut inside
  the true circle, by ``km * (1 - cos(180° / n))`` on a map centred on the ring
  (``azimuthal_equidistant``): 12 m for 306 km at ``n=360``.
- ``distance_to_border_km``: the geodesic minimum to the border line, each edge taken as a
  geodesic, found to better than 1 m. The line itself is Natural Earth 1:50m: a 10 m-resolution
  border lies a median 1.6 km from it, 95 % within 4.7 km, 8.5 km at worst (see
  data/geo/PROVENANCE.md), so read results as ±5 km.
- ``azimuthal_equidistant``: distance and bearing from the centre are exact; sideways distances
  are stretched by about s²/6R²: 0.1 % at 500 km from the centre, 1 % at 1,500 km.
- The ``naive_*`` functions are wrong on purpose, for the projection lesson. Never use them to
  measure anything.

Distances from an origin to a place are cached, so moving a range slider (a new ``range_km``
for the same places and origin) only filters: see ``places_in_reach``.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from geographiclib.geodesic import Geodesic

from newscase import cache

WGS84 = Geodesic.WGS84
KM_PER_MILE = 1.609344  # the international mile, exact by definition since 1959
MEAN_RADIUS_KM = 6371.0088  # IUGG mean Earth radius, (2a + b) / 3 of WGS84
WEB_MERCATOR_RADIUS_KM = 6378.137  # EPSG:3857 treats the Earth as a sphere of WGS84's a
MAJOR_CITY_POPULATION = 500_000
GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"
BORDER = "border"
_BORDER_TOLERANCE_M = 0.01


# Units -----------------------------------------------------------------------------------------

def miles_to_km(miles):
    """Statute (international) miles to km: 190 mi is 305.8 km, which the article rounds to 306."""
    return miles * KM_PER_MILE


def km_to_miles(km):
    """km to statute (international) miles."""
    return km / KM_PER_MILE


# Geodesics --------------------------------------------------------------------------------------

def check_point(lat: float, lon: float) -> None:
    """Raise a ValueError that says what to fix if (lat, lon) is not a point on Earth."""
    for name, value, limit in (("lat", lat, 90), ("lon", lon, 180)):
        if not isinstance(value, int | float | np.number) or isinstance(value, bool):
            raise TypeError(f"{name} must be a number of degrees, got {value!r}.")
        if math.isnan(value):
            raise ValueError(f"{name} is missing (NaN): every point needs a lat and a lon.")
        if not math.isfinite(value) or abs(value) > limit:
            hint = " Did you give (lon, lat)? Latitude comes first." if name == "lat" else ""
            raise ValueError(f"{name} must be between -{limit} and {limit}, got {value}.{hint}")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance on the WGS84 ellipsoid, in km."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    return WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"] / 1000


def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` along the geodesic that leaves (lat, lon) at ``bearing`` degrees
    (clockwise from north)."""
    check_point(lat, lon)
    end = WGS84.Direct(lat, lon, bearing, km * 1000, Geodesic.LATITUDE | Geodesic.LONGITUDE)
    return end["lat2"], end["lon2"]


def geodesic_path(lat1: float, lon1: float, lat2: float, lon2: float,
                  n: int = 100) -> pd.DataFrame:
    """``n + 1`` points along the shortest path, with ``km`` travelled: the line to draw."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    line = WGS84.InverseLine(lat1, lon1, lat2, lon2)
    points = [line.Position(line.s13 * i / n) for i in range(n + 1)]
    return pd.DataFrame({"lat": [p["lat2"] for p in points], "lon": [p["lon2"] for p in points],
                         "km": [p["s12"] / 1000 for p in points]})


def range_ring(lat: float, lon: float, km: float, n: int = 360) -> pd.DataFrame:
    """The geodesic circle of radius ``km`` around (lat, lon) as a closed polygon of ``n``
    vertices (the first is repeated at the end), one per bearing, clockwise from north."""
    check_point(lat, lon)
    if not 0 < km < 20_000:
        raise ValueError(f"km must be between 0 and 20,000 (half way round the Earth), got {km}.")
    bearings = [360 * i / n for i in range(n)] + [0.0]
    points = [destination(lat, lon, bearing, km) for bearing in bearings]
    return pd.DataFrame({"bearing": bearings, "lat": [p[0] for p in points],
                         "lon": [p[1] for p in points]})


# Committed data ---------------------------------------------------------------------------------

def load_cities(path: str | Path | None = None) -> pd.DataFrame:
    """Cities from data/geo/cities.csv (GeoNames, CC BY 4.0): RU/UA/BY cities of 50,000 people or
    more within about 800 km of the border, plus the places the article names."""
    return _read_cities(str(path or GEO_DIR / "cities.csv")).copy()


@lru_cache(maxsize=4)
def _read_cities(path: str) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"geonames_id": "int64", "name": "string", "country": "string",
                                    "lat": "float64", "lon": "float64", "population": "int64"})


def load_border(path: str | Path | None = None) -> pd.DataFrame:
    """The Ukraine–Russia international land border (Natural Earth 1:50m, UN view) as one line,
    from the Belarus tripoint to the Sea of Azov: columns lat, lon."""
    feature = _read_json(str(path or GEO_DIR / "ua-ru-border.geojson"))["features"][0]
    lon, lat = zip(*feature["geometry"]["coordinates"], strict=True)
    return pd.DataFrame({"lat": lat, "lon": lon})


def load_countries(path: str | Path | None = None) -> dict:
    """The countries around the region as a GeoJSON FeatureCollection (properties a3, name),
    clipped to the map frame; Crimea is inside Ukraine, following the UN General Assembly."""
    return json.loads(json.dumps(_read_json(str(path or GEO_DIR / "countries.geojson"))))


@lru_cache(maxsize=4)
def _read_json(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def in_feature(lat: float, lon: float, feature: dict) -> bool:
    """Even-odd ray casting over every ring of a GeoJSON (Multi)Polygon feature. Edges are
    straight in lon/lat, as GeoJSON (RFC 7946) draws them."""
    hits = 0
    for polygon in feature["geometry"]["coordinates"]:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    hits += 1
    return hits % 2 == 1


def country_at(lat: float, lon: float, countries: dict | None = None) -> str | None:
    """The ISO alpha-3 code of the country whose polygon holds (lat, lon), or None (sea, or off
    the map)."""
    check_point(lat, lon)
    for feature in (countries or _read_json(str(GEO_DIR / "countries.geojson")))["features"]:
        if in_feature(lat, lon, feature):
            return feature["properties"]["a3"]
    return None


# Distance to the border -------------------------------------------------------------------------

def _unit_vectors(lat, lon) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=-1)


@dataclass(frozen=True, eq=False)
class _Line:
    """A polyline ready for nearest-point queries: vertices, unit vectors, edge normals."""

    lat: np.ndarray
    lon: np.ndarray
    xyz: np.ndarray
    normals: np.ndarray

    @classmethod
    def from_frame(cls, line: pd.DataFrame) -> _Line:
        xyz = _unit_vectors(line["lat"].to_numpy(), line["lon"].to_numpy())
        normals = np.cross(xyz[:-1], xyz[1:])
        normals /= np.linalg.norm(normals, axis=1, keepdims=True)
        return cls(line["lat"].to_numpy(), line["lon"].to_numpy(), xyz, normals)

    def spherical_km(self, lat: float, lon: float) -> np.ndarray:
        """Great-circle distance on the mean sphere to each edge: a cheap, vectorised screen."""
        p = _unit_vectors(lat, lon)
        a, b, n = self.xyz[:-1], self.xyz[1:], self.normals
        foot_inside = (np.einsum("ij,ij->i", np.cross(a, p), n) >= 0) & (
            np.einsum("ij,ij->i", np.cross(p, b), n) >= 0)
        across = np.abs(np.arcsin(np.clip(n @ p, -1, 1)))
        to_ends = np.minimum(_angle(a, p), _angle(b, p))
        return np.where(foot_inside, across, to_ends) * MEAN_RADIUS_KM


def _angle(vectors: np.ndarray, p: np.ndarray) -> np.ndarray:
    return np.arctan2(np.linalg.norm(np.cross(vectors, p), axis=1), vectors @ p)


def _nearest_on_edge(lat: float, lon: float, edge) -> tuple[float, float, float]:
    """(metres, lat, lon) of the nearest point on one geodesic edge.

    Along a geodesic, d(distance)/ds = cos(edge azimuth - azimuth of arrival from the point)
    (the first variation of arc length), which rises through zero at the nearest point; an
    Illinois false-position search finds that zero.
    """
    def at(s: float) -> tuple[float, float, float, float]:
        point = edge.Position(s, Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH)
        back = WGS84.Inverse(lat, lon, point["lat2"], point["lon2"],
                             Geodesic.DISTANCE | Geodesic.AZIMUTH)
        slope = math.cos(math.radians(point["azi2"] - back["azi2"]))
        return back["s12"], slope, point["lat2"], point["lon2"]

    lo, hi = 0.0, edge.s13
    start, end = at(lo), at(hi)
    if start[1] >= 0 or start[0] < _BORDER_TOLERANCE_M:
        return start[0], start[2], start[3]
    if end[1] <= 0:
        return end[0], end[2], end[3]
    best = min(start, end)
    slope_lo, slope_hi, side, previous = start[1], end[1], 0, math.inf
    for _ in range(100):
        s = lo - slope_lo * (hi - lo) / (slope_hi - slope_lo)
        here = at(s)
        best = min(best, here)
        if abs(s - previous) < _BORDER_TOLERANCE_M or hi - lo < _BORDER_TOLERANCE_M:
            break
        previous = s
        if here[1] < 0:
            lo, slope_lo = s, here[1]
            slope_hi = slope_hi / 2 if side == -1 else slope_hi
            side = -1
        else:
            hi, slope_hi = s, here[1]
            slope_lo = slope_lo / 2 if side == 1 else slope_lo
            side = 1
    return best[0], best[2], best[3]


@lru_cache(maxsize=1)
def _border() -> _Line:
    return _Line.from_frame(load_border())


@lru_cache(maxsize=2**14)
def nearest_border_point(lat: float, lon: float) -> tuple[float, float, float]:
    """(km, lat, lon): the geodesic distance from (lat, lon) to the Ukraine–Russia land border,
    and the border point where it is reached."""
    check_point(lat, lon)
    line = _border()
    screen = line.spherical_km(lat, lon)
    # The sphere is within 0.6 % of the ellipsoid, so no edge beyond this can be the nearest.
    candidates = np.flatnonzero(screen <= screen.min() * 1.02 + 1)
    best = (math.inf, math.nan, math.nan)
    for i in candidates:
        edge = WGS84.InverseLine(line.lat[i], line.lon[i], line.lat[i + 1], line.lon[i + 1])
        best = min(best, _nearest_on_edge(lat, lon, edge))
    return best[0] / 1000, best[1], best[2]


def distance_to_border_km(lat: float, lon: float) -> float:
    """Geodesic distance in km from (lat, lon) to the Ukraine–Russia international land border
    (the 1:50m line: read it as ±5 km). Moscow is about 457 km from it, Voronezh about 187."""
    return nearest_border_point(lat, lon)[0]


def border_distances_km(lat: Sequence[float], lon: Sequence[float]) -> np.ndarray:
    """``distance_to_border_km`` for many points at once. The exact search costs about 6 ms a
    point, so the result is kept between kernels too (newscase.cache), keyed by the points,
    the border file and this module's code."""
    return _border_distances_km(tuple(map(float, lat)), tuple(map(float, lon)))


@lru_cache(maxsize=64)
def _border_distances_km(lat: tuple[float, ...], lon: tuple[float, ...]) -> np.ndarray:
    key = cache.content_key(np.asarray([lat, lon]).tobytes(), border_code_key())
    km = cache.cached_array(
        "border-distances", key,
        lambda: np.fromiter(map(distance_to_border_km, lat, lon), float, len(lat)))
    km.setflags(write=False)  # shared by every caller with the same points
    return km


@lru_cache(maxsize=1)
def border_code_key() -> str:
    """What every distance to the border depends on: the border file and this module."""
    return cache.content_key((GEO_DIR / "ua-ru-border.geojson").read_bytes(),
                             Path(__file__).read_bytes())


# Places in reach --------------------------------------------------------------------------------

@lru_cache(maxsize=2**16)
def _cached_distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"] / 1000


@dataclass(frozen=True)
class Origin:
    """Where distances are measured from: the whole border, or one or more launch points."""

    label: str
    points: tuple[tuple[float, float], ...] = ()

    @property
    def is_border(self) -> bool:
        return not self.points

    def distance_km(self, lat: float, lon: float) -> float:
        if self.is_border:
            return nearest_border_point(lat, lon)[0]
        return min(_cached_distance_km(p_lat, p_lon, lat, lon) for p_lat, p_lon in self.points)


def resolve_origin(origin) -> Origin:
    """Turn what a learner passes into an ``Origin``: ``"border"``; a city name from
    cities.csv such as ``"Sumy"``; a ``(lat, lon)`` pair; or a list of names and pairs."""
    if isinstance(origin, Origin):
        return origin
    if isinstance(origin, str) and origin.strip().lower() == BORDER:
        return Origin("the border")
    if isinstance(origin, str) or _is_pair(origin):
        label, point = _origin_point(origin)
        return Origin(label, (point,))
    if isinstance(origin, Sequence) and origin:
        named = [_origin_point(item) for item in origin]
        label = ", ".join(name for name, _ in named) if len(named) <= 3 else (
            f"{len(named)} launch points")
        return Origin(label, tuple(point for _, point in named))
    raise TypeError(f"origin must be 'border', a city name such as 'Sumy', a (lat, lon) pair or "
                    f"a list of them, got {origin!r}.")


def _is_pair(value) -> bool:
    return (isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2
            and all(isinstance(v, int | float | np.number) for v in value))


def _origin_point(item) -> tuple[str, tuple[float, float]]:
    if _is_pair(item):
        lat, lon = float(item[0]), float(item[1])
        check_point(lat, lon)
        return f"({lat:.2f}, {lon:.2f})", (lat, lon)
    if not isinstance(item, str):
        raise TypeError(f"A launch point is a city name or a (lat, lon) pair, got {item!r}.")
    cities = _read_cities(str(GEO_DIR / "cities.csv"))
    match = cities[cities["name"].str.lower() == item.strip().lower()]
    if match.empty:
        names = sorted(set(cities["name"])) + [BORDER]
        hint = difflib.get_close_matches(item.strip(), names, n=3)
        suggestion = f" Did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""
        raise ValueError(f"No city called {item!r} in data/geo/cities.csv.{suggestion} "
                         "Pass a name from load_cities()['name'], 'border', or a (lat, lon) pair.")
    if len(match) > 1:
        options = "; ".join(f"{r.name}, {r.country} ({r.lat:.3f}, {r.lon:.3f})"
                            for r in match.itertuples())
        raise ValueError(f"{item!r} names {len(match)} places: {options}. Pass the one you mean "
                         "as a (lat, lon) pair.")
    row = match.iloc[0]
    return str(row["name"]), (float(row["lat"]), float(row["lon"]))


def check_range_km(range_km) -> None:
    """Raise a ValueError that says what to fix unless ``range_km`` is a number of km, 0 or
    more."""
    if isinstance(range_km, bool) or not isinstance(range_km, int | float | np.number) or not (
            range_km >= 0):
        raise ValueError(f"range_km must be a number of km, 0 or more, got {range_km!r}. "
                         "For a range in miles, pass miles_to_km(miles).")


def places_in_reach(places: pd.DataFrame, range_km: float, origin="border") -> pd.DataFrame:
    """``places`` (columns lat, lon, and any others) with ``distance_km`` from the origin and
    ``in_reach`` (distance_km <= range_km), nearest first, with a fresh index.

    origin: ``"border"`` (the nearest point of the Ukraine–Russia land border), a city name
    from cities.csv such as ``"Sumy"``, a ``(lat, lon)`` pair, or a list of names and pairs
    (the nearest of them counts). Distances are cached per origin and place, so calling this
    again with only a new ``range_km`` is cheap.
    """
    check_range_km(range_km)
    source = resolve_origin(origin)
    lat, lon = _coordinates(places)
    distances = (border_distances_km(lat, lon) if source.is_border else
                 np.fromiter(map(source.distance_km, lat, lon), float, len(lat)))
    order = np.argsort(distances, kind="stable")
    result = places.iloc[order].reset_index(drop=True)
    result["distance_km"] = distances[order]
    result["in_reach"] = result["distance_km"] <= range_km
    return result


def _coordinates(places: pd.DataFrame) -> tuple[list[float], list[float]]:
    if not isinstance(places, pd.DataFrame):
        raise TypeError("places must be a DataFrame with lat and lon columns, such as "
                        "load_cities().")
    for column in ("lat", "lon"):
        if column not in places:
            names = [str(c) for c in places.columns]
            hint = [n for n in names if n.lower().startswith(column)] or (
                difflib.get_close_matches(column, names, n=1))
            suggestion = f" Did you mean {hint[0]!r}?" if hint else ""
            raise KeyError(f"places needs a {column!r} column in degrees.{suggestion} "
                           "Rename it with places.rename(columns={...}).")
    lat = places["lat"].astype("float64").tolist()
    lon = places["lon"].astype("float64").tolist()
    for la, lo in zip(lat, lon, strict=True):
        check_point(la, lo)
    return lat, lon


@dataclass(frozen=True, eq=False)
class ReachSummary:
    """What a range covers, for the live text under the map."""

    range_km: float
    in_reach: int
    total: int
    largest: pd.DataFrame  # the biggest places in reach, biggest first
    nearest_out_of_reach: pd.Series | None  # the nearest major city beyond the range

    def __str__(self) -> str:
        text = (f"At {self.range_km:,.0f} km ({km_to_miles(self.range_km):,.0f} mi), "
                f"{self.in_reach} of {self.total} places are in reach.")
        if len(self.largest):
            text += " Largest: " + ", ".join(self.largest["name"]) + "."
        if self.nearest_out_of_reach is not None:
            city = self.nearest_out_of_reach
            text += (f" Nearest major city out of reach: {city['name']}, "
                     f"{city['distance_km']:,.0f} km away "
                     f"({city['distance_km'] - self.range_km:,.0f} km beyond).")
        return text


def reach_summary(reach: pd.DataFrame, range_km: float, top: int = 5,
                  major_population: int = MAJOR_CITY_POPULATION) -> ReachSummary:
    """Summarise ``places_in_reach(...)``: how many places are within ``range_km``, the ``top``
    largest of them, and the nearest city of ``major_population`` or more just beyond."""
    missing = [c for c in ("name", "population", "distance_km") if c not in reach]
    if missing:
        raise KeyError(f"reach_summary needs columns {missing}: pass what places_in_reach "
                       "returns for places with name and population, such as load_cities().")
    within = reach["distance_km"] <= range_km
    columns = [c for c in ("name", "country", "population", "distance_km") if c in reach]
    largest = reach.loc[within, columns].nlargest(top, "population").reset_index(drop=True)
    beyond = reach[~within & (reach["population"] >= major_population)]
    nearest = beyond.loc[beyond["distance_km"].idxmin(), columns] if len(beyond) else None
    return ReachSummary(float(range_km), int(within.sum()), len(reach), largest, nearest)


# The projection lesson --------------------------------------------------------------------------

def azimuthal_equidistant(lat, lon, center_lat: float, center_lon: float):
    """Project onto a flat map centred on (center_lat, center_lon) where distance and bearing
    from the centre are true: returns (x_km east, y_km north). Takes numbers or arrays."""
    check_point(center_lat, center_lon)
    lats, lons = np.atleast_1d(np.asarray(lat, float)), np.atleast_1d(np.asarray(lon, float))
    x, y = np.empty(lats.shape), np.empty(lats.shape)
    for i, (la, lo) in enumerate(zip(lats, lons, strict=True)):
        result = WGS84.Inverse(center_lat, center_lon, la, lo, Geodesic.DISTANCE | Geodesic.AZIMUTH)
        km, azimuth = result["s12"] / 1000, math.radians(result["azi1"])
        x[i], y[i] = km * math.sin(azimuth), km * math.cos(azimuth)
    if np.ndim(lat) == 0:
        return float(x[0]), float(y[0])
    return x, y


def web_mercator_km(lat, lon):
    """Web-Mercator (EPSG:3857) map coordinates in km at the equator's scale: the plane that
    web maps are drawn on. Takes numbers or arrays."""
    phi, lam = np.radians(lat), np.radians(lon)
    return (WEB_MERCATOR_RADIUS_KM * lam,
            WEB_MERCATOR_RADIUS_KM * np.log(np.tan(np.pi / 4 + phi / 2)))


def naive_mercator_path(lat1: float, lon1: float, lat2: float, lon2: float,
                        n: int = 100) -> pd.DataFrame:
    """WRONG ON PURPOSE: the straight line a ruler draws on a Web-Mercator map, as lat/lon
    points. On the ground it is a rhumb line (constant compass bearing), not the shortest path."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    x1, y1 = web_mercator_km(lat1, lon1)
    x2, y2 = web_mercator_km(lat2, lon2)
    t = np.linspace(0, 1, n + 1)
    x, y = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
    lat = np.degrees(2 * np.arctan(np.exp(y / WEB_MERCATOR_RADIUS_KM)) - np.pi / 2)
    return pd.DataFrame({"lat": lat, "lon": np.degrees(x / WEB_MERCATOR_RADIUS_KM)})


def naive_mercator_path_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """WRONG ON PURPOSE: how far you travel on the ground along the Mercator straight line
    (summed in 256 geodesic steps): never shorter than the geodesic."""
    path = naive_mercator_path(lat1, lon1, lat2, lon2, n=256)
    lat, lon = path["lat"].tolist(), path["lon"].tolist()
    return sum(WGS84.Inverse(a, b, c, d, Geodesic.DISTANCE)["s12"] for a, b, c, d in zip(
        lat, lon, lat[1:], lon[1:], strict=False)) / 1000


def naive_mercator_ruler_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """WRONG ON PURPOSE: the straight-line length on a Web-Mercator map read with the equator's
    scale bar. Mercator stretches by 1/cos(latitude): about 1.6× at 51°N."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    x1, y1 = web_mercator_km(lat1, lon1)
    x2, y2 = web_mercator_km(lat2, lon2)
    return float(math.hypot(x2 - x1, y2 - y1))


def naive_flat_map_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """WRONG ON PURPOSE: Pythagoras on a lat/lon grid, every degree taken as 111.2 km. It ignores
    that degrees of longitude shrink towards the poles (to 70 km at 51°N)."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    km_per_degree = math.pi * MEAN_RADIUS_KM / 180
    return math.hypot(lat2 - lat1, lon2 - lon1) * km_per_degree


def compare_distance_methods(lat1: float, lon1: float, lat2: float, lon2: float) -> pd.DataFrame:
    """One row per way of measuring from point 1 to point 2, with its error against the
    geodesic in km and %. Only the first row is right."""
    true_km = distance_km(lat1, lon1, lat2, lon2)
    methods = {
        "geodesic on the WGS84 ellipsoid (correct)": true_km,
        "straight line on a Web-Mercator map, travelled on the ground":
            naive_mercator_path_km(lat1, lon1, lat2, lon2),
        "straight line on a Web-Mercator map, read with the equator's scale":
            naive_mercator_ruler_km(lat1, lon1, lat2, lon2),
        "flat map: Pythagoras on degrees": naive_flat_map_km(lat1, lon1, lat2, lon2),
    }
    table = pd.DataFrame({"method": list(methods), "km": list(methods.values())})
    table["error_km"] = table["km"] - true_km
    table["error_pct"] = 100 * table["error_km"] / true_km
    return table


def path_gap_km(lat1: float, lon1: float, lat2: float, lon2: float, n: int = 100) -> float:
    """How far the Mercator straight line strays from the geodesic, in km: the largest distance
    from any of its ``n + 1`` points to the geodesic."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    geodesic = WGS84.InverseLine(lat1, lon1, lat2, lon2)
    wrong = naive_mercator_path(lat1, lon1, lat2, lon2, n)
    return max(_nearest_on_edge(lat, lon, geodesic)[0] for lat, lon in zip(
        wrong["lat"], wrong["lon"], strict=True)) / 1000
