"""In-browser latency of notebook 03's range slider, measured in headless Chromium.

    .venv/bin/python -m bench.browser [--presses 30] [--start-km 326] [--breakdown]
    .venv/bin/python bench/browser.py

``measure_range_slider`` starts an offline JupyterLab (``bench.lab``: loopback only, every other
request blocked), runs notebook 03, focuses the range explorer's slider handle and presses
ArrowRight and ArrowLeft in turn, so the range stays at 306-307 km (or ``start_km`` and one
more). For each press it measures, inside the page with ``performance.now()``, the time from the
keydown to the first frame painted after plotly has finished redrawing *that* explorer's map
for the new value.

Where the clock stops, and why. A key press travels: the native range input moves; its
widget (newscase.present.labelled_slider) sends the new value to the kernel
(``continuous_update=False`` sends on the input's ``change`` event, which a key press fires at
once); the observer builds the view and the FigureWidget sends
its edits; the widget's JavaScript hands them to plotly.js, which redraws the SVG. Plotly says
when a redraw is over: ``plotly_afterplot`` at the end of ``Plotly.update``/``react``/``newPlot``
(all layers in the DOM: traces, axes, legend, annotations; emitted again if the redraw triggers
another one, e.g. for a margin change) and ``plotly_transitioned`` when ``Plotly.animate`` has
drawn the traces of a frame. The *last* of these events in a press is when the map's DOM has
finished updating. A MutationObserver on the title would stop too early: plotly writes the
title before the rest of the figure, and may redraw again. The DOM being finished is not yet
pixels on the screen, so the clock stops at the first task after the next animation frame (a
``requestAnimationFrame`` callback that posts a ``MessageChannel`` message): by then Chromium
has run style, layout and paint for the new SVG, and whatever else the page did first (the
widget's bookkeeping after a redraw) is counted too. The time to the last plotly event is
reported beside it (``dom_done``).

Every press is checked: at its last plotly event the map's title (the title trace, or plotly's
``.gtitle``) must name the new km value, and the summary under the map must too. Between presses
the benchmark waits until the kernel is idle and nothing has moved for ``QUIET_MS``.

With ``breakdown=True`` each press also records websocket frames (what left for the kernel and
what came back, when) and the main thread's long tasks, to see where the time goes.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from importlib import metadata
from pathlib import Path

if __package__ in (None, ""):  # run as a file: python bench/browser.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import lab  # noqa: E402

NOTEBOOK = lab.NOTEBOOKS_DIR / "03-range.ipynb"
SLIDER_LABEL = "Range (km)"
PLOT_EVENTS = ["plotly_afterplot", "plotly_transitioned"]
QUIET_MS = 400  # no redraw, no websocket frame and an idle kernel for this long: quiescent
PRESS_TIMEOUT_S = 20
WARMUP_PRESSES = 3

# Only with breakdown=True, installed before JupyterLab loads: time-stamps websocket frames and
# long tasks while a press is armed.
JS_PROBE = """(() => {
    const B = window.__bench = window.__bench || {press: null};
    const decoder = new TextDecoder();
    const describe = (data) => {
        const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array();
        const text = typeof data === 'string' ? data : decoder.decode(bytes.subarray(0, 4000));
        const type = (text.match(/"msg_type":\\s*"(\\w+)"/) || [])[1] || '?';
        const state = text.match(/"state":\\s*\\{"(\\w+)"/);
        const status = text.match(/"execution_state":\\s*"(\\w+)"/);
        return type + (state ? ':' + state[1] : '') + (status ? ':' + status[1] : '');
    };
    const size = (data) => typeof data === 'string' ? data.length : (data.byteLength || 0);
    const record = (direction, data) => {
        if (B.press) B.press.ws.push([direction, performance.now(), describe(data), size(data)]);
    };
    class ProbedWebSocket extends window.WebSocket {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', (event) => record('in', event.data));
        }
        send(data) {
            record('out', data);
            return super.send(data);
        }
    }
    window.WebSocket = ProbedWebSocket;
    new PerformanceObserver((list) => {
        if (B.press) for (const entry of list.getEntries())
            B.press.longtasks.push([entry.startTime, entry.duration]);
    }).observe({type: 'longtask', buffered: false});
})()"""

# Finds the range explorer (the box holding the "Range (km)" slider and a plotly
# plot), hooks its plot and its summary, scrolls it into view. Returns the slider's value.
JS_INSTALL = """([label, plotEvents]) => {
    const B = window.__bench = window.__bench || {press: null};
    const sliders = [...document.querySelectorAll('.jp-Notebook .nc-slider')]
        .filter(s => (s.querySelector('label')?.textContent || '').includes(label));
    if (sliders.length !== 1)
        throw new Error(`expected one "${label}" slider, found ${sliders.length}`);
    const slider = sliders[0];
    let box = slider.parentElement;
    while (box && !box.querySelector('.js-plotly-plot')) box = box.parentElement;
    if (!box) throw new Error('no plotly plot next to the range slider');
    const gd = box.querySelector('.js-plotly-plot');
    const summary = [...box.querySelectorAll('.nc-live')]
        .find(el => /km \\(\\d[\\d,]* mi\\)/.test(el.textContent));
    if (!summary) throw new Error('no summary under the range explorer');
    // The map's title: newscase draws it as a text trace (meta "title"); a plain plotly
    // figure has it in .gtitle.
    const mapTitle = () => {
        const trace = [...gd.querySelectorAll('g.trace')]
            .find(g => g.__data__?.[0]?.trace?.meta === 'title');
        return (trace || gd.querySelector('.gtitle'))?.textContent || '';
    };
    const paintedAfter = (record) => requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { record.painted = performance.now(); };
        channel.port2.postMessage(null);
    });
    Object.assign(B, {slider, box, gd, summary, mapTitle,
                      handle: slider.querySelector('input[type=range]')});
    box.scrollIntoView({block: 'start'});
    document.addEventListener('keydown', () => {
        if (B.press && B.press.t0 === null) B.press.t0 = performance.now();
    }, true);
    for (const type of plotEvents) gd.on(type, () => {
        if (!B.press) return;
        const record = {type, t: performance.now(), title: mapTitle(), painted: null};
        B.press.events.push(record);
        paintedAfter(record);
    });
    new MutationObserver(() => {
        if (B.press) B.press.summaries.push({t: performance.now(), text: summary.textContent});
    }).observe(summary, {childList: true, subtree: true, characterData: true});
    return Number(slider.querySelector('input[type=range]').value);
}"""

JS_ARM = """() => {
    window.__bench.press = {t0: null, events: [], summaries: [], ws: [], longtasks: []};
    window.__bench.handle.focus();
}"""

# The press is over when the map and the summary show the new value, every plot event has
# been followed by a painted frame, the kernel is idle, and nothing has happened for quietMs.
JS_SETTLED = """([pattern, quietMs]) => {
    const p = window.__bench.press;
    if (!p || p.t0 === null || !p.events.length) return false;
    const shows = new RegExp(pattern);
    if (!shows.test(p.events[p.events.length - 1].title)) return false;
    if (!p.summaries.some(s => shows.test(s.text))) return false;
    if (p.events.some(e => e.painted === null)) return false;
    const kernel = window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel;
    if (kernel?.status !== 'idle') return false;
    const last = Math.max(p.t0, ...p.events.map(e => e.painted), ...p.ws.map(w => w[1]),
                          ...p.summaries.map(s => s.t));
    return performance.now() - last >= quietMs;
}"""

JS_TAKE = """() => { const p = window.__bench.press; window.__bench.press = null; return p; }"""

JS_READOUT = """() => Number(window.__bench.slider.querySelector('input[type=range]').value)"""

JS_PLOTLY_VERSION = """() => window.Plotly?.version || null"""


def km_pattern(km: int) -> str:
    """A regex for the km value as the map's title and the summary write it ("307 km")."""
    return rf"(^|\D){km:,} km"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    rank = q * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _stats(values: list[float]) -> dict:
    return {"median_ms": round(statistics.median(values), 1),
            "p90_ms": round(_percentile(values, 0.9), 1),
            "min_ms": round(min(values), 1), "max_ms": round(max(values), 1)}


def _sample(press: dict, km: int, breakdown: bool) -> dict:
    """One press's times, relative to its keydown; raises if the map or summary kept the old
    value."""
    shows = re.compile(km_pattern(km))
    t0, events = press["t0"], press["events"]
    last = events[-1]
    if not shows.search(last["title"]):
        raise lab.LabError(f"after the key press to {km} km the map's title reads "
                           f"{last['title']!r}")
    summary = next(s for s in press["summaries"] if shows.search(s["text"]))
    sample = {"km": km, "painted_ms": round(last["painted"] - t0, 1),
              "dom_done_ms": round(last["t"] - t0, 1), "summary_ms": round(summary["t"] - t0, 1),
              "plot_events": [e["type"].removeprefix("plotly_") for e in events]}
    if breakdown:
        sample["events"] = [[e["type"].removeprefix("plotly_"), round(e["t"] - t0, 1),
                             round(e["painted"] - t0, 1)] for e in events]
        sample["ws"] = [[direction, round(t - t0, 1), what, size]
                        for direction, t, what, size in press["ws"]]
        sample["longtasks"] = [[round(start - t0, 1), round(duration, 1)]
                               for start, duration in press["longtasks"] if start >= t0 - 50]
    return sample


def _press(page, key: str, km: int) -> dict:
    page.evaluate(JS_ARM)
    page.keyboard.press(key)
    if not lab.wait_for(page, JS_SETTLED, [km_pattern(km), QUIET_MS], PRESS_TIMEOUT_S,
                        polling=100):
        press = page.evaluate(JS_TAKE)
        raise lab.LabError(f"{key} to {km} km did not settle within {PRESS_TIMEOUT_S} s: "
                           f"{json.dumps(press)[:2000]}")
    return page.evaluate(JS_TAKE)


def measure_range_slider(presses: int = 30, *, start_km: int | None = None,
                         breakdown: bool = False, viewport: dict | None = None) -> dict:
    """Press the range slider's arrow keys ``presses`` times (after ``WARMUP_PRESSES``
    unrecorded ones), alternating between ``start_km`` (default: where the slider starts, 306)
    and one km more, and time each redraw of the map; see the module docstring.

    Returns ``median_ms``, ``p90_ms``, ``min_ms``, ``max_ms`` of keydown -> first frame painted
    after the map finished redrawing, ``samples`` (the count) and ``values_ms``; the same
    statistics for keydown -> last plotly event (``dom_done``) and keydown -> summary changed
    (``summary``); how the presses were redrawn (``plot_events``); the chromium, plotly.js,
    plotly, ipywidgets, anywidget and jupyterlab versions; and, with ``breakdown``, every
    press's marks in ``per_press``. Raises ``bench.lab.LabError`` if the browser is missing,
    the notebook fails, the page reaches outside the machine, or a press does not show its new
    value on the map and in the summary."""
    reason = lab.browser_missing_reason()
    if reason:
        raise lab.LabError(reason)
    samples = []
    with (lab.served_lab() as server, lab.chromium() as browser,
          lab.offline_page(browser, viewport) as (page, log)):
        if breakdown:
            page.add_init_script(JS_PROBE)
        lab.run_all_cells(page, server, NOTEBOOK)
        errors = lab.error_outputs(page)
        if errors:
            raise lab.LabError("notebook 03 raised: " + "; ".join(
                f"cell {e['cell']}: {e.get('ename')}: {e.get('evalue')}" for e in errors))
        if not lab.wait_for(page, lab.JS_RENDERED, None, lab.RENDER_GRACE_S):
            raise lab.LabError("notebook 03's widgets and plots did not render")
        value = page.evaluate(JS_INSTALL, [SLIDER_LABEL, PLOT_EVENTS])
        page.wait_for_timeout(1000)
        start = value if start_km is None else start_km
        while value != start:  # walk to the start, unrecorded
            key = "ArrowRight" if value < start else "ArrowLeft"
            value += 1 if key == "ArrowRight" else -1
            _press(page, key, value)
        for i in range(WARMUP_PRESSES + presses):
            key = "ArrowRight" if value <= start else "ArrowLeft"
            value += 1 if key == "ArrowRight" else -1
            press = _press(page, key, value)
            if page.evaluate(JS_READOUT) != value:
                raise lab.LabError(f"the slider reads {page.evaluate(JS_READOUT)}, not {value}")
            if i >= WARMUP_PRESSES:
                samples.append(_sample(press, value, breakdown))
        chromium_version = browser.version
        plotly_js = page.evaluate(JS_PLOTLY_VERSION)
        if log.blocked:
            raise lab.LabError(f"the page tried to reach outside the machine: {log.blocked}")
    painted = [s["painted_ms"] for s in samples]
    kinds = sorted({"+".join(s["plot_events"]) for s in samples})
    result = {
        "what": "notebook 03's range slider in headless Chromium: keydown on the slider handle "
                "-> first frame painted after the explorer's map finished redrawing with the "
                "new km value (last plotly_afterplot or plotly_transitioned)",
        **_stats(painted),
        "samples": len(samples),
        "values_ms": painted,
        "km": sorted({s["km"] for s in samples}),
        "dom_done": _stats([s["dom_done_ms"] for s in samples]),
        "summary": _stats([s["summary_ms"] for s in samples]),
        "plot_events": kinds,
        "chromium": chromium_version,
        "plotly_js": plotly_js,
        **{name: metadata.version(name)
           for name in ("plotly", "ipywidgets", "anywidget", "jupyterlab")},
        "viewport": viewport or lab.VIEWPORT,
    }
    if breakdown:
        result["per_press"] = samples
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--start-km", type=int, default=None,
                        help="alternate between this and one km more (default: the slider's "
                             "start); 326 makes Volgograd change sides on every press")
    parser.add_argument("--breakdown", action="store_true",
                        help="add websocket frames and long tasks to every press")
    args = parser.parse_args(argv)
    result = measure_range_slider(args.presses, start_km=args.start_km,
                                  breakdown=args.breakdown)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
