"""How long a class waits for a lesson shown as an app.

    .venv/bin/python -m bench.app [--lessons 03,04] [--runs 3]
    .venv/bin/python bench/run.py --only app

Each visit is a first one, in a fresh headless Chromium context (empty HTTP cache; offline by
``bench.wire``'s proxy trick, which keeps the cache working):

- **on the teacher's machine**: ``python -m newscase present NN`` (``bench.lab.presenting``,
  the command ``make present`` runs), ``runs`` visits, medians;
- **from a server, as a Binder link does**: JupyterLab's Voilà server extension
  (``/voila/render/notebooks/NN-....ipynb``) with the browser throttled to
  ``bench.wire.THROTTLE`` (10 Mbit/s, 40 ms), once.

For each: **shown**, seconds from asking for the page to the page showing its cells (Voilà runs
the whole lesson in a new kernel before it shows anything); **drawn**, until every widget and
figure the kernel sent is drawn (``bench.lab``'s ``JS_APP_ALL_DRAWN``); the static HTTP bytes and
the kernel websocket's. Neither server compresses its responses, so plotly.js travels as its
4.8 MB. It is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path
from time import monotonic

from bench import lab as harness
from bench import wire

DRAWN_GOAL_S = 15.0  # what a class will sit through while the teacher opens a lesson


def visit(browser, url: str, throttled: bool = False) -> dict:
    context = browser.new_context(viewport=harness.VIEWPORT)
    try:
        page = context.new_page()
        cdp, log = wire.attach(context, page)
        if throttled:
            cdp.send("Network.emulateNetworkConditions", wire.THROTTLE)
        log.phase = "visit"
        started = monotonic()
        html = harness.open_app(page, url)
        shown_s = monotonic() - started
        sent = harness.app_outputs(html)
        if sent["errors"] or not harness.wait_for(page, harness.JS_APP_ALL_DRAWN, sent, 120):
            drawn = page.evaluate(harness.JS_APP_DRAWN)
            raise harness.LabError(f"{url}: {sent['errors']} error output(s), or not every "
                                   f"widget and figure drawn: sent {sent}, drawn {drawn}")
        drawn_s = monotonic() - started
        wire.check_local(log, url)
        http, ws = log.http("visit"), log.websocket("visit")
    finally:
        context.close()
    return {"shown_s": round(shown_s, 2), "drawn_s": round(drawn_s, 2),
            "static_kb": round(http["static_bytes"] / 1000, 1),
            "websocket_kb": round(ws["total_bytes"] / 1000, 1), **sent}


def measure_lesson(browser, server, notebook: Path, runs: int) -> dict:
    lesson = notebook.stem.split("-")[0]
    with tempfile.TemporaryDirectory(prefix="newscase-app-", ignore_cleanup_errors=True) \
            as private, harness.presenting(lesson, Path(private)) as url:
        samples = [visit(browser, url) for _ in range(runs)]
    median = {key: statistics.median(s[key] for s in samples)
              for key in ("shown_s", "drawn_s", "static_kb", "websocket_kb")}
    binder = visit(browser, f"{server.url}/voila/render/notebooks/{notebook.name}"
                            f"?token={server.token}", throttled=True)
    return {**median, "drawn_runs_s": [s["drawn_s"] for s in samples],
            "widgets": samples[-1]["widgets"], "static_figures": samples[-1]["static_figures"],
            "met": median["drawn_s"] <= DRAWN_GOAL_S, "server_throttled": binder}


def measure(runs: int = 3, only: list[str] | None = None) -> dict:
    reason = harness.browser_missing_reason()
    if reason:
        raise harness.LabError(reason)
    chosen = [nb for nb in wire.lessons() if not only or any(nb.name.startswith(o) for o in only)]
    started, load_before = monotonic(), os.getloadavg()[0]
    per_lesson = {}
    with harness.served_lab() as server, harness.chromium(wire.OFFLINE_ARGS) as browser:
        for notebook in chosen:
            print(f"  app: {notebook.name} ...", flush=True)
            per_lesson[notebook.name] = measure_lesson(browser, server, notebook, runs)
    return {"what": "per lesson shown as an app (Voila), a first visit in a fresh headless "
                    "Chromium context: request to cells shown, and to every widget and figure "
                    "drawn; static HTTP and kernel websocket bytes. Locally with python -m "
                    "newscase present (median of runs), and through JupyterLab's Voila server "
                    "extension (a Binder link) under bench.wire.THROTTLE, once",
            "runs": runs, "goal_s": DRAWN_GOAL_S, "lessons": per_lesson,
            "met": all(r["met"] for r in per_lesson.values()),
            "section_s": round(monotonic() - started, 1),
            "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)]}


def table_rows(results: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    for name, r in results["lessons"].items():
        remote = r["server_throttled"]
        rows.append((f"app {name.split('-')[0]}: make present, shown / all drawn",
                     f"{r['shown_s']:.1f} / {r['drawn_s']:.1f} s ({r['static_kb']:,.0f} KB "
                     f"static, {r['websocket_kb']:,.0f} KB websocket)",
                     f"drawn <= {results['goal_s']:.0f} s", "yes" if r["met"] else "NO"))
        rows.append((f"app {name.split('-')[0]}: Binder-style link at 10 Mbit/s, shown / drawn",
                     f"{remote['shown_s']:.1f} / {remote['drawn_s']:.1f} s "
                     f"({remote['static_kb']:,.0f} KB static)", "empty cache", ""))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    wire.lessons_option(parser)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    result = measure(args.runs, args.lessons)
    wire.report(result, table_rows(result))


if __name__ == "__main__":
    main()
