"""The geographic data the range lesson ships with (the package's geodata/ folder, which the
repository shows as data/geo): land borders (one GeoJSON line per ``*-border.geojson`` file),
the countries around them and the cities near them. Sources and licences:
geodata/PROVENANCE.md. Which border and countries a lesson uses is the article's choice
(its map_frame.csv, read by ``newscase.reach.mapframe.map_frame``)."""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from newscase.present.suggest import did_you_mean

GEO_DIR = Path(__file__).resolve().parent / "geodata"
CITIES = GEO_DIR / "cities.csv"
COUNTRIES = GEO_DIR / "countries.geojson"
BORDER_SUFFIX = "-border"
#: cities.csv holds the cities of at least this many people near the borders
#: (geodata/PROVENANCE.md), plus the places articles name.
CITIES_MIN_POPULATION = 50_000


def load_cities(path: str | Path | None = None) -> pd.DataFrame:
    """Cities from cities.csv (GeoNames, CC BY 4.0): the cities of 50,000 people or more
    within about 800 km of the packaged border, plus the places the article names."""
    return read_cities(str(path or CITIES)).copy()


@lru_cache(maxsize=4)
def read_cities(path: str = str(CITIES)) -> pd.DataFrame:
    """The cities, shared: copy before changing them."""
    return pd.read_csv(path, dtype={"geonames_id": "int64", "name": "string", "country": "string",
                                    "lat": "float64", "lon": "float64", "population": "int64"})


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """The names in cities.csv, read without pandas (for validating an article's data)."""
    with CITIES.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["name"] for row in csv.DictReader(handle))


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """``{ISO alpha-3: name}`` for the countries in countries.geojson."""
    return {f["properties"]["a3"]: f["properties"]["name"]
            for f in _read_json(str(COUNTRIES))["features"]}


@lru_cache(maxsize=1)
def border_names() -> tuple[str, ...]:
    """The packaged borders, by name: the stems of geodata/*-border.geojson."""
    return tuple(sorted(p.stem for p in GEO_DIR.glob(f"*{BORDER_SUFFIX}.geojson")))


@lru_cache(maxsize=16)
def border_file(border: str | Path | None = None) -> Path:
    """The file of a packaged border, by name (see ``border_names``), or a path to a GeoJSON
    line. With no name, the package's only border; when it ships several, say which."""
    if isinstance(border, Path):
        return border
    names = border_names()
    if border is None:
        if len(names) == 1:
            return GEO_DIR / f"{names[0]}.geojson"
        raise ValueError(f"The package ships {len(names)} borders ({', '.join(names)}): pass "
                         "border=... with the one the article's map_frame.csv names.")
    if border not in names:
        hint = did_you_mean(str(border), names)
        raise ValueError(f"No border called {border!r} in the package's geodata.{hint} "
                         f"Borders: {', '.join(names) or 'none'}.")
    return GEO_DIR / f"{border}.geojson"


def load_border(border: str | Path | None = None) -> pd.DataFrame:
    """A packaged land border (Natural Earth 1:50m, UN view) as one line: columns lat, lon.
    ``border`` is a name from ``border_names()`` (default: the package's only border) or a path."""
    feature = _read_json(str(border_file(border)))["features"][0]
    lon, lat = zip(*feature["geometry"]["coordinates"], strict=True)
    return pd.DataFrame({"lat": lat, "lon": lon})


def load_countries(path: str | Path | None = None) -> dict:
    """The countries around the region as a GeoJSON FeatureCollection (properties a3, name),
    clipped to the map frame, drawn as the UN General Assembly recognises them (see
    geodata/PROVENANCE.md)."""
    return json.loads(json.dumps(_read_json(str(path or COUNTRIES))))


@lru_cache(maxsize=8)
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
    from newscase import geodesy

    geodesy.check_point(lat, lon)
    for feature in (countries or _read_json(str(COUNTRIES)))["features"]:
        if in_feature(lat, lon, feature):
            return feature["properties"]["a3"]
    return None
