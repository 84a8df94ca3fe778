"""Time a range-slider update: places_in_reach + reach_summary for a new range_km, over all places.

A slider move changes only range_km, so with the per-origin distance cache warm it should be a
filter. This script measures it for each kind of origin the notebook offers, and the cold cost
(caches cleared) of the first call for that origin. It is a measurement, not a test.

    .venv/bin/python scripts/benchmark_range.py

Prints a table and writes test-artifacts/benchmarks/range.json.
"""

from __future__ import annotations

import json
import platform
import random
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

from newscase import geo

OUT = Path(__file__).resolve().parents[1] / "test-artifacts" / "benchmarks" / "range.json"
ORIGINS = {"border": "border", "Sumy": "Sumy", "Kharkiv": "Kharkiv", "Chernihiv": "Chernihiv",
           "Sumy + Kharkiv + Chernihiv": ["Sumy", "Kharkiv", "Chernihiv"]}
SLIDER_MOVES = 500
COLD_RUNS = 5


def slider_update(places: pd.DataFrame, range_km: float, origin) -> None:
    reach = geo.places_in_reach(places, range_km, origin)
    str(geo.reach_summary(reach, range_km))


def clear_caches() -> None:
    geo.nearest_border_point.cache_clear()
    geo._cached_distance_km.cache_clear()


def seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    places = geo.load_cities()
    rng = random.Random(306)
    results = {}
    for label, origin in ORIGINS.items():
        cold = []
        for _ in range(COLD_RUNS):
            clear_caches()
            cold.append(seconds(lambda origin=origin: slider_update(places, 306, origin)))
        ranges = [rng.uniform(0, 1000) for _ in range(SLIDER_MOVES)]
        warm = [seconds(lambda r=r, origin=origin: slider_update(places, r, origin))
                for r in ranges]
        results[label] = {
            "cold_first_s": round(cold[0], 4),
            "cold_median_s": round(statistics.median(cold), 4),
            "warm_median_ms": round(1000 * statistics.median(warm), 3),
            "warm_p95_ms": round(1000 * float(np.percentile(warm, 95)), 3),
            "warm_max_ms": round(1000 * max(warm), 3),
        }
    report = {
        "what": "places_in_reach + reach_summary for a new range_km over all places in "
                "data/geo/cities.csv; warm = distance cache filled, cold = caches cleared",
        "places": len(places), "slider_moves": SLIDER_MOVES, "cold_runs": COLD_RUNS,
        "python": platform.python_version(), "pandas": pd.__version__,
        "machine": f"{platform.machine()}, {platform.system()}", "origins": results,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{len(places)} places, {SLIDER_MOVES} slider moves per origin")
    print(f"{'origin':<28}{'warm median':>12}{'warm p95':>10}{'cold first':>12}{'cold median':>13}")
    for label, r in results.items():
        print(f"{label:<28}{r['warm_median_ms']:>9.2f} ms{r['warm_p95_ms']:>7.2f} ms"
              f"{r['cold_first_s']:>10.3f} s{r['cold_median_s']:>11.3f} s")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
