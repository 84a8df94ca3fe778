"""Measure the course against its budgets; write bench/results.json and print a table.

    make bench                                  # everything, about 15 minutes
    .venv/bin/python bench/run.py --only callbacks,imports

It is a measurement, not a test: nothing fails when a budget is missed; the table and the JSON
say so. Each figure is a median over several runs in this one run, beside the floor or target it
is compared with, except the wire section's (bench/wire.py, about 5 minutes): one run of each
visit per lesson. With --only, the other sections of an existing results.json are kept.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import (  # noqa: E402
    app,
    authoring,
    browser,
    drafting,
    editor,
    grading,
    imports,
    install,
    memory,
    notebooks,
    wire,
)
from bench.kernel import run_in_kernel  # noqa: E402

RESULTS = Path(__file__).with_name("results.json")
CALLBACK_MEDIAN_MS, CALLBACK_WORST_MS = 20, 100
BROWSER_MEDIAN_MS = 150
PACKAGES = ["jupyterlab", "ipykernel", "nbclient", "pandas", "plotly", "ipywidgets", "anywidget",
            "frictionless", "otter-grader"]


def machine() -> dict:
    def first(path: str, prefix: str) -> str:
        try:
            lines = Path(path).read_text().splitlines()
        except OSError:
            return "unknown"
        return next((line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1]
                     for line in lines if line.startswith(prefix)), "unknown")

    return {"cpu": first("/proc/cpuinfo", "model name"), "cores": os.cpu_count(),
            "memory": first("/proc/meminfo", "MemTotal"),
            "os": first("/etc/os-release", "PRETTY_NAME").strip('"'),
            "python": platform.python_version(),
            "packages": {p: importlib.metadata.version(p) for p in PACKAGES}}


def measure_callbacks(changes: int) -> dict:
    per_widget = run_in_kernel("import json\nfrom bench.callbacks import measure_callbacks\n"
                               f"print(json.dumps(measure_callbacks({changes})))")
    worst = max(r["max_ms"] for r in per_widget.values())
    return {"target": f"median <= {CALLBACK_MEDIAN_MS} ms, worst <= {CALLBACK_WORST_MS} ms",
            "met": all(r["median_ms"] <= CALLBACK_MEDIAN_MS for r in per_widget.values())
            and worst <= CALLBACK_WORST_MS,
            "worst_ms": worst, "widgets": per_widget}


def measure_install(runs: int) -> dict:
    samples = [install.measure_install() for _ in range(runs)]
    last = samples[-1]
    return {"runs": runs, "total_s": statistics.median(s["seconds"]["total"] for s in samples),
            "install_s": statistics.median(s["seconds"]["install"] for s in samples),
            "totals_s": [s["seconds"]["total"] for s in samples],
            "venv_mb": last["venv_mb"], "distributions": last["distributions"],
            "largest": last["largest"], "python": last["python"], "pip": last["pip"],
            "what": "fresh venv; pip install --no-cache-dir -r binder/requirements.txt; "
                    "binder/postBuild (otter-grader --no-deps, the project, warm-up)"}


def measure_browser(presses: int) -> dict:
    result = browser.measure_range_slider(presses)
    return {"target": f"median <= {BROWSER_MEDIAN_MS} ms", **result,
            "met": result["median_ms"] <= BROWSER_MEDIAN_MS}


SECTIONS = {
    "imports": lambda quick: imports.measure_imports(3 if quick else 7),
    "notebooks": lambda quick: notebooks.measure_suite(1 if quick else 3),
    "notebook_sizes": lambda quick: notebooks.notebook_sizes(),
    "callbacks": lambda quick: measure_callbacks(15 if quick else 50),
    "browser": lambda quick: measure_browser(10 if quick else 40),
    "install": lambda quick: measure_install(1 if quick else 3),
    "authoring": lambda quick: authoring.measure_authoring(1 if quick else 3),
    "drafting": lambda quick: drafting.measure(),
    "memory": lambda quick: memory.measure_memory((1, 4) if quick else (1, 4, 8)),
    "editor": lambda quick: {**editor.measure_selection_latency(3 if quick else 15),
                             "goal_ms": editor.SELECTION_GOAL_MS},
    "wire": lambda quick: wire.measure(quick),
    "grading": lambda quick: grading.measure(quick),
    "app": lambda quick: app.measure(1 if quick else 3),
}


def table(results: dict) -> str:
    rows = [("figure", "measured", "compared with", "met")]
    if "imports" in results:
        r = results["imports"]
        rows += [("import newscase (after pandas, plotly, ipywidgets)",
                  f"{r['import_newscase_s']:.3f} s", "lazy: no heavy module", ""),
                 ("first load_article, cold validation cache",
                  f"{r['first_load_article_cold_s']:.2f} s", "", ""),
                 ("first load_article, data validated before",
                  f"{r['first_load_article_warm_s']:.2f} s", "", "")]
    if "notebooks" in results:
        r = results["notebooks"]
        for name, nb in r["notebooks"].items():
            rows.append((f"notebook {name}", f"{nb['median_s']:.2f} s "
                         f"(empty cache {nb['cold_cache_s']:.1f})",
                         f"floor {r['floor_s']:.2f} s, budget {r['budget_s']:.2f} s",
                         "yes" if nb["met"] else "NO"))
    if "callbacks" in results:
        for name, cb in results["callbacks"]["widgets"].items():
            met = cb["median_ms"] <= CALLBACK_MEDIAN_MS and cb["max_ms"] <= CALLBACK_WORST_MS
            rows.append((f"callback: {name}", f"{cb['median_ms']:.1f} ms (max {cb['max_ms']:.0f})",
                         f"<= {CALLBACK_MEDIAN_MS} ms (max {CALLBACK_WORST_MS})",
                         "yes" if met else "NO"))
    if "browser" in results:
        r = results["browser"]
        rows.append(("browser: range slider key press to map redrawn",
                     f"{r['median_ms']:.0f} ms (p90 {r['p90_ms']:.0f})",
                     f"<= {BROWSER_MEDIAN_MS} ms", "yes" if r["met"] else "NO"))
    if "install" in results:
        r = results["install"]
        rows.append(("cold install of the Binder config", f"{r['total_s']:.0f} s",
                     f"{r['venv_mb']:.0f} MB, {r['distributions']} distributions", ""))
    if "drafting" in results:
        rows += drafting.table_rows(results["drafting"])
    if "notebook_sizes" in results:
        r = results["notebook_sizes"]
        rows.append(("largest committed notebook", f"{max(r['files'].values()):.0f} KB",
                     f"<= {r['limit_kb']} KB", "yes" if r["met"] else "NO"))
    if "authoring" in results:
        r = results["authoring"]
        rows += [(f"newscase new, {r['words']}-word text", f"{r['new_s']:.2f} s",
                  f"<= {r['new_budget_s']:.0f} s", "yes" if r["new_met"] else "NO"),
                 ("newscase lessons (five notebooks)", f"{r['lessons_s']:.2f} s",
                  f"<= {r['lessons_budget_s']:.0f} s", "yes" if r["lessons_met"] else "NO")]
        rows += [(f"generated lesson {name}", f"{nb['median_s']:.2f} s",
                  f"budget {r['budget_s']:.2f} s", "yes" if nb["met"] else "NO")
                 for name, nb in r["generated"].items()]
    if "memory" in results:
        r = results["memory"]
        kind = r.get("server_kind", "jupyter lab")
        spawned = r.get("server_spawned")
        rows.append((f"single-user server ({kind}), logged in, idle (RSS)",
                     f"{r['server_idle']['rss_mb']} MB",
                     f"{spawned['rss_mb']} MB before any browser" if spawned else "", ""))
        if "server_after_lessons" in r:
            last = list(r["server_after_lessons"].values())[-1]
            peak = r.get("server_peak_mb")
            rows.append(("single-user server after lessons 00-04 in Chromium", f"{last} MB",
                         f"{peak} MB with a passing node child" if peak else "", ""))
        rows += [(f"kernel after Run All, {name}", f"{k['rss_mb']} MB (unique {k['uss_mb']})",
                  "", "") for name, k in r["kernels"].items()]
        rows.append(("memory per student (server + largest kernel)", f"{r['per_student_mb']} MB",
                     f"<= {r['goal_mb']} MB; {r['students_per_8gb']} per 8 GB node",
                     "yes" if r["met"] else "NO"))
        if "per_student_keep_open_mb" in r:
            rows.append(("memory per student, every lesson's kernel kept open",
                         f"{r['per_student_keep_open_mb']} MB",
                         f"{r['students_per_8gb_keep_open']} per 8 GB node", ""))
        if r.get("hub_shared"):
            rows.append(("JupyterHub and its proxy, shared by the class",
                         f"{r['hub_shared']['rss_mb']} MB", "", ""))
        load = f", load average {r['load_average'][0]}" if "load_average" in r else ""
        rows += [(f"{b['students']} students Run All lesson 03 at once",
                  f"last done after {b['last_done_s']} s", f"{r['cores']} cores{load}", "")
                 for b in r["bursts"]]
    if "editor" in results:
        r = results["editor"]
        rows.append(("browser: authoring span picker, mouseup to selection shown",
                     f"{r['shown_ms']:.0f} ms (kernel offsets back {r['synced_ms']:.0f})",
                     f"< {r['goal_ms']} ms", "yes" if r["shown_ms"] < r["goal_ms"] else "NO"))
    if "wire" in results:
        rows += wire.table_rows(results["wire"])
    if "grading" in results:
        rows += grading.table_rows(results["grading"])
    if "app" in results:
        rows += app.table_rows(results["app"])
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                     for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--quick", action="store_true", help="fewer repeats, for a smoke run")
    args = parser.parse_args()
    chosen = args.only.split(",") if args.only else list(SECTIONS)
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; "
                     f"choose from {', '.join(SECTIONS)}")
    results = json.loads(RESULTS.read_text()) if args.only and RESULTS.exists() else {}
    results["machine"] = machine()
    for name in chosen:
        print(f"measuring {name} ...", flush=True)
        results[name] = {**SECTIONS[name](args.quick), "quick": args.quick,
                         "measured_at": datetime.now(UTC).isoformat(timespec="seconds")}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
