"""Which places a range reaches, measured from the border, a city or any launch points.

Distances from an origin to a place are cached, so moving a range slider (a new ``range_km``
for the same places and origin) only filters: see ``places_in_reach``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from newscase import geodesy
from newscase.geodesy import check_point, km_to_miles
from newscase.present.suggest import close_matches, did_you_mean, suggestion
from newscase.reach.border import border_distances_km, nearest_border_point
from newscase.reach.geofiles import big_city_names, read_cities

MAJOR_CITY_POPULATION = 500_000
BORDER = "border"
#: A name several cities share means the largest when it is this many times any other's size.
DOMINANT_RATIO = 20


@lru_cache(maxsize=2**16)
def _cached_distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return geodesy.WGS84.Inverse(lat1, lon1, lat2, lon2, geodesy.Geodesic.DISTANCE)["s12"] / 1000


@dataclass(frozen=True)
class Origin:
    """Where distances are measured from: the whole border (``border`` names a packaged
    border; None is the package's only one), or one or more launch points."""

    label: str
    points: tuple[tuple[float, float], ...] = ()
    border: str | None = None

    @property
    def is_border(self) -> bool:
        return not self.points

    def distance_km(self, lat: float, lon: float) -> float:
        if self.is_border:
            return nearest_border_point(lat, lon, self.border)[0]
        return min(_cached_distance_km(p_lat, p_lon, lat, lon) for p_lat, p_lon in self.points)


def resolve_origin(origin, border: str | None = None) -> Origin:
    """Turn what a learner passes into an ``Origin``: ``"border"`` (the packaged border named
    ``border``); a city name from cities.csv; a ``(lat, lon)`` pair; or a list of names and
    pairs."""
    if isinstance(origin, Origin):
        return origin
    if isinstance(origin, str) and origin.strip().lower() == BORDER:
        return Origin("the border", border=border)
    if isinstance(origin, str) or _is_pair(origin):
        label, point = _origin_point(origin)
        return Origin(label, (point,))
    if isinstance(origin, Sequence) and origin:
        named = [_origin_point(item) for item in origin]
        label = ", ".join(name for name, _ in named) if len(named) <= 3 else (
            f"{len(named)} launch points")
        return Origin(label, tuple(point for _, point in named))
    raise TypeError(f"origin must be 'border', a city name from load_cities()['name'], a "
                    f"(lat, lon) pair or a list of them, got {origin!r}.")


def city_point(name: str) -> tuple[float, float]:
    """(lat, lon) of a city in cities.csv."""
    return resolve_origin(name).points[0]


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
    row = find_city(item)
    return str(row["name"]), (float(row["lat"]), float(row["lon"]))


@lru_cache(maxsize=1)
def _name_index() -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, name in enumerate(read_cities()["name"].str.lower().tolist()):
        index.setdefault(name, []).append(i)
    return index


def _rows_named(lowered: str) -> list[int]:
    return _name_index().get(lowered, [])


def find_city(name: str) -> pd.Series:
    """The row of cities.csv a name means: 'Lahore', or 'Hyderabad, PAK' with the country's
    ISO alpha-3 code when several cities share the name. A bare name shared by several cities
    means the largest when it has ``DOMINANT_RATIO`` times the people of any other (Paris,
    France, not Paris, Texas); otherwise it is ambiguous, and the error lists them."""
    cities = read_cities()
    text = name.strip()
    rows = _rows_named(text.lower())
    wanted, _, country = text.rpartition(",")
    if not rows and wanted:
        rows = [i for i in _rows_named(wanted.strip().lower())
                if cities.at[i, "country"] == country.strip().upper()]
    match = cities.loc[rows]
    if match.empty:
        hint = (did_you_mean(text, [*big_city_names(), BORDER], n=3, show=repr)
                or did_you_mean(text, sorted(set(cities["name"])), n=3, show=repr))
        raise ValueError(f"No city called {name!r} in data/geo/cities.csv.{hint} "
                         "Pass a name from load_cities()['name'], 'border', or a (lat, lon) pair.")
    match = match.sort_values("population", ascending=False)
    sizes = match["population"].tolist()
    if len(match) > 1 and sizes[0] < DOMINANT_RATIO * sizes[1]:
        options = "; ".join(f"{r.name}, {r.country} ({r.lat:.3f}, {r.lon:.3f})"
                            for r in match.itertuples())
        raise ValueError(f"{name!r} names {len(match)} places: {options}. Add the country, "
                         f"such as '{match.iloc[0]['name']}, {match.iloc[0]['country']}', or "
                         "pass the one you mean as a (lat, lon) pair.")
    return match.iloc[0]


def check_range_km(range_km) -> None:
    """Raise a ValueError that says what to fix unless ``range_km`` is a number of km, 0 or
    more."""
    if isinstance(range_km, bool) or not isinstance(range_km, int | float | np.number) or not (
            range_km >= 0):
        raise ValueError(f"range_km must be a number of km, 0 or more, got {range_km!r}. "
                         "For a range in miles, pass miles_to_km(miles).")


def places_in_reach(places: pd.DataFrame, range_km: float, origin="border",
                    border: str | None = None) -> pd.DataFrame:
    """``places`` (columns lat, lon, and any others) with ``distance_km`` from the origin and
    ``in_reach`` (distance_km <= range_km), nearest first, with a fresh index.

    origin: ``"border"`` (the nearest point of the land border ``border`` names, such as
    ``"UKR|RUS"``: two ISO alpha-3 codes), a city name from cities.csv, a ``(lat, lon)``
    pair, or a list of names and pairs (the nearest of them counts). Distances are cached per
    origin and place, so calling this again with only a new ``range_km`` is cheap.
    """
    check_range_km(range_km)
    source = resolve_origin(origin, border)
    lat, lon = _coordinates(places)
    distances = (border_distances_km(lat, lon, source.border) if source.is_border else
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
            hint = [n for n in names if n.lower().startswith(column)] or close_matches(
                column, names)
            raise KeyError(f"places needs a {column!r} column in degrees."
                           f"{suggestion(hint[:1], show=repr)} "
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
