"""The geographic data the range lesson ships with (the package's geodata/ folder, which the
repository shows as data/geo): the Ukraine–Russia border, the countries around it and the
cities near it. Sources and licences: geodata/PROVENANCE.md."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from newscase import geodesy

GEO_DIR = Path(__file__).resolve().parent / "geodata"
CITIES = GEO_DIR / "cities.csv"
BORDER_FILE = GEO_DIR / "ua-ru-border.geojson"
COUNTRIES = GEO_DIR / "countries.geojson"


def load_cities(path: str | Path | None = None) -> pd.DataFrame:
    """Cities from cities.csv (GeoNames, CC BY 4.0): RU/UA/BY cities of 50,000 people or more
    within about 800 km of the border, plus the places the article names."""
    return read_cities(str(path or CITIES)).copy()


@lru_cache(maxsize=4)
def read_cities(path: str = str(CITIES)) -> pd.DataFrame:
    """The cities, shared: copy before changing them."""
    return pd.read_csv(path, dtype={"geonames_id": "int64", "name": "string", "country": "string",
                                    "lat": "float64", "lon": "float64", "population": "int64"})


def load_border(path: str | Path | None = None) -> pd.DataFrame:
    """The Ukraine–Russia international land border (Natural Earth 1:50m, UN view) as one line,
    from the Belarus tripoint to the Sea of Azov: columns lat, lon."""
    feature = _read_json(str(path or BORDER_FILE))["features"][0]
    lon, lat = zip(*feature["geometry"]["coordinates"], strict=True)
    return pd.DataFrame({"lat": lat, "lon": lon})


def load_countries(path: str | Path | None = None) -> dict:
    """The countries around the region as a GeoJSON FeatureCollection (properties a3, name),
    clipped to the map frame; Crimea is inside Ukraine, following the UN General Assembly."""
    return json.loads(json.dumps(_read_json(str(path or COUNTRIES))))


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
    geodesy.check_point(lat, lon)
    for feature in (countries or _read_json(str(COUNTRIES)))["features"]:
        if in_feature(lat, lon, feature):
            return feature["properties"]["a3"]
    return None
