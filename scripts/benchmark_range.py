"""Time a range-slider update, in two layers. It is a measurement, not a test.

1. The engine: places_in_reach + reach_summary for a new range_km, over all places. A slider
   move changes only range_km, so with the per-origin distance cache warm it should be a filter.
   Measured for each kind of origin the notebook offers, with the cold cost (caches cleared) of
   the first call for that origin.
2. The widget, end to end, inside a real ipykernel (started with jupyter_client, so every
   update is serialised and sent as comm messages, as in JupyterLab): notebook 03's range
   explorer, from setting the slider's value until its observer has updated the FigureWidget
   and the summary. The browser's redraw comes after this and is not included.

    .venv/bin/python scripts/benchmark_range.py

Prints two tables and writes test-artifacts/benchmarks/range.json.
"""

from __future__ import annotations

import json
import platform
import random
import statistics
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd
from jupyter_client.manager import start_new_kernel

from newscase import geo

OUT = Path(__file__).resolve().parents[1] / "test-artifacts" / "benchmarks" / "range.json"
ORIGINS = {"border": "border", "Sumy": "Sumy", "Kharkiv": "Kharkiv", "Chernihiv": "Chernihiv",
           "Sumy + Kharkiv + Chernihiv": ["Sumy", "Kharkiv", "Chernihiv"]}
SLIDER_MOVES = 500
COLD_RUNS = 5
WIDGET_MOVES = 200
# Runs inside the kernel; prints one JSON line.
WIDGET_CODE = textwrap.dedent("""
    import json, random, statistics, time
    from newscase import load_article, widgets

    def seconds(action):
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    rng = random.Random(306)
    build = seconds(lambda: globals().update(
        explorer=widgets.range_explorer(load_article("atacms-2024-11-17"))))
    results = {"build_s": round(build, 3), "origins": {}}
    for origin in ["Sumy", "Kharkiv", "Chernihiv", "border"]:  # each one a change of origin
        switch = seconds(lambda: setattr(explorer.origin, "value", origin))
        moves = []
        for _ in range(MOVES):
            km = rng.randint(0, 500)
            while km == explorer.slider.value:
                km = rng.randint(0, 500)
            moves.append(seconds(lambda: setattr(explorer.slider, "value", km)))
        moves.sort()
        results["origins"][origin] = {
            "origin_switch_ms": round(1000 * switch, 2),
            "slider_median_ms": round(1000 * statistics.median(moves), 2),
            "slider_p95_ms": round(1000 * moves[int(0.95 * len(moves))], 2),
            "slider_max_ms": round(1000 * moves[-1], 2),
        }
    print(json.dumps(results))
""")


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


def widget_callback_in_kernel() -> dict:
    """Run WIDGET_CODE in a fresh python3 kernel and return what it measured."""
    manager, client = start_new_kernel(kernel_name="python3")
    printed = []

    def collect(message) -> None:
        if message["msg_type"] == "stream" and message["content"]["name"] == "stdout":
            printed.append(message["content"]["text"])
        elif message["msg_type"] == "error":
            printed.append("\n".join(message["content"]["traceback"]))

    try:
        reply = client.execute_interactive(WIDGET_CODE.replace("MOVES", str(WIDGET_MOVES)),
                                           timeout=600, output_hook=collect)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    if reply["content"]["status"] != "ok":
        raise RuntimeError("the widget benchmark failed in the kernel:\n" + "".join(printed))
    return json.loads("".join(printed).strip().splitlines()[-1])


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
    widget = widget_callback_in_kernel()
    report["widget_callback_in_kernel"] = {
        "what": "notebook 03's range explorer in a real ipykernel: slider value set -> "
                "FigureWidget and summary updated (browser redraw not included)",
        "slider_moves_per_origin": WIDGET_MOVES, **widget,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{len(places)} places, {SLIDER_MOVES} slider moves per origin")
    print(f"{'origin':<28}{'warm median':>12}{'warm p95':>10}{'cold first':>12}{'cold median':>13}")
    for label, r in results.items():
        print(f"{label:<28}{r['warm_median_ms']:>9.2f} ms{r['warm_p95_ms']:>7.2f} ms"
              f"{r['cold_first_s']:>10.3f} s{r['cold_median_s']:>11.3f} s")
    print(f"\nwidget callback in a kernel ({WIDGET_MOVES} slider moves per origin; explorer "
          f"built in {widget['build_s']:.2f} s)")
    print(f"{'origin':<28}{'median':>12}{'p95':>10}{'max':>10}{'origin switch':>15}")
    for label, r in widget["origins"].items():
        print(f"{label:<28}{r['slider_median_ms']:>9.2f} ms{r['slider_p95_ms']:>7.2f} ms"
              f"{r['slider_max_ms']:>7.2f} ms{r['origin_switch_ms']:>12.1f} ms")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
