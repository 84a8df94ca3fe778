"""What each lesson costs on the wire, measured with Chromium's DevTools protocol (CDP).

    .venv/bin/python -m bench.wire [--lessons 03-range,04-escalation] [--quick]
    .venv/bin/python bench/run.py --only wire

For each lesson notebook, in a fresh browser context (its own, empty HTTP cache) of one headless
Chromium against one offline JupyterLab (``bench.lab``):

1. **first visit, unthrottled**: open the notebook (static HTTP bytes on an empty cache), then
   Run All: bytes over the kernel websocket, received and sent, and the time from Run All to
   every figure drawn;
2. **second visit, same context, throttled** (after the first kernel is shut down, so Run All
   starts a fresh kernel as before): open the notebook again (static HTTP bytes with the cache
   warm), then Run All under ``Network.emulateNetworkConditions`` (``THROTTLE``: 10 Mbit/s down
   and up, 40 ms latency), timed the same way;
3. (not with ``quick``) **first visit, throttled**: a fresh context again, empty cache, throttled
   from the start: how long the page takes to load and Run All to draw, for a student's very
   first lesson on a school network.

Byte accounting (``WireLog``, fed the CDP events):

- websocket: ``Network.webSocketFrameReceived`` / ``webSocketFrameSent`` on the kernel's
  socket (``/api/kernels/<id>/channels``; the server's event-bus socket is counted apart, as
  ``other_sockets_bytes``). CDP gives each
  message's ``payloadData``: text (opcode 1) as is, counted as UTF-8 bytes; binary (opcode 2,
  what JupyterLab 4's ``v1.kernel.websocket.jupyter.org`` protocol sends) base64-encoded,
  counted as the decoded length. These are payload bytes, not frame headers, and (if the
  server negotiated permessage-deflate, which jupyter_server does not by default) uncompressed.
- HTTP: every request's ``Network.loadingFinished`` ``encodedDataLength`` (bytes received over
  the network, headers included). A response is *cached* when Chromium says it came from its
  memory cache (``requestServedFromCache``) or its HTTP cache (``responseReceived``
  ``fromDiskCache``), or was revalidated with a 304. *Static* means documents, scripts, style
  sheets, fonts and images, not XHR/fetch calls to the server's REST API. Each request counts in
  the phase (load or Run All) in which it was sent.

"Every figure drawn" is ``bench.lab``'s test: every code cell has run, no "Loading widget" is
left, and every ``.js-plotly-plot`` has its SVG and a trace (``JS_PLOTS``). An in-page check
every ``CHECK_MS`` records when that last became true; the run is over once it has stayed true,
with the kernel idle and no websocket message, for ``QUIET_S``. A throttled run must draw as
many figures as the unthrottled one.

Offline without ``context.route``: playwright disables the HTTP cache of any context with a
route, which would hide exactly what the second visit measures. So this browser gets a proxy
that does not exist (``OFFLINE_ARGS``; Chromium never proxies loopback), and every URL the page
asks for is checked with ``bench.lab.stays_local``: anything else is an error.

What the throttle covers, checked directly (``probe_websocket``, after the first lesson's
unthrottled and throttled Run All): the page sends the kernel an execute request whose output is
2.5 MB, then one whose code is 2.5 MB, and times each reply. Throttled, both take longer than
2.5 MB at 10 Mbit/s (2 s); unthrottled, a fraction of it: Chromium's emulated conditions slow
the kernel websocket, both ways, as well as HTTP.

The time goal is checked against the slower of the throttled runs (warm and, without ``quick``,
empty cache). The unthrottled run is a first visit (empty cache, lazily loaded widget code),
so it can be slower than the warm throttled one on a lesson with little traffic.

It is a measurement, not a test: missed goals are reported, not raised.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from time import monotonic

if __package__ in (None, ""):  # run as a file: python bench/wire.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import lab as harness  # noqa: E402

WS_GOAL_KB = 300  # websocket traffic per lesson's Run All, received + sent
THROTTLED_GOAL_S = 5.0  # Run All to every figure drawn, under THROTTLE
MBIT = 1_000_000 / 8  # bytes per second in one Mbit/s
THROTTLE = {"offline": False, "latency": 40, "downloadThroughput": 10 * MBIT,
            "uploadThroughput": 10 * MBIT}
# A proxy on a closed port: every non-loopback request fails (Chromium bypasses loopback).
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9"]
CHECK_MS = 50
QUIET_S = 1.5
RUN_TIMEOUT_S = 180
KERNEL_SOCKET = re.compile(r"/api/kernels/[^/?#]+/channels")
NOT_STATIC = {"XHR", "Fetch", "WebSocket", "EventSource", "Ping", "Preflight", "CSPViolationReport"}

# Installed after the notebook has opened, before Run All: records when the page last became
# "every cell run and every figure drawn".
JS_MONITOR = f"""(expected) => {{
    const M = window.__wire = {{t0: null, done: null, ready: false, plots: 0, error: null}};
    const rendered = {harness.JS_RENDERED};
    const finished = {harness.JS_RUN_FINISHED};
    M.timer = setInterval(() => {{
        try {{
            const plots = ({harness.JS_PLOTS})().length;
            const kernel = window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel;
            const ready = M.t0 !== null && finished(expected.cells) && rendered()
                && plots >= expected.plots && kernel?.status === 'idle';
            if (ready && !M.ready) M.done = performance.now();
            M.ready = ready;
            M.plots = plots;
        }} catch (e) {{ M.error = String(e); }}
    }}, {CHECK_MS});
}}"""

# A direct check of what the throttle covers: 2.5 MB down the kernel websocket (a stream output
# of an execute request the page sends itself, outside any cell), then 2.5 MB up (the code of an
# execute request). Resolves to [seconds down, seconds up].
JS_WS_PROBE = """async (n) => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const timed = async (code) => {
        const t = performance.now();
        await kernel.requestExecute({code, silent: false, store_history: false}).done;
        return (performance.now() - t) / 1000;
    };
    const down = await timed(`import sys; sys.stdout.write('x' * ${n}); sys.stdout.flush()`);
    const up = await timed(`_wire_probe = '${'x'.repeat(n)}'; del _wire_probe`);
    return [down, up];
}"""
PROBE_BYTES = 2_500_000

JS_START = "() => { window.__wire.t0 = performance.now(); }"
JS_STATE = "() => { const M = window.__wire; return {t0: M.t0, done: M.done, ready: M.ready, " \
           "plots: M.plots, error: M.error, now: performance.now()}; }"


# --- the accounting (pure: fed CDP events, no browser) -------------------------------------------


def ws_payload_bytes(response: dict) -> int:
    """Bytes in one websocket message as CDP reports it: text (opcode 1) as UTF-8, binary
    (opcode 2) base64-decoded; anything else (close, ping) as given."""
    data = response.get("payloadData", "")
    if response.get("opcode") == 2:
        padding = len(data) - len(data.rstrip("="))
        return len(data) * 3 // 4 - padding
    return len(data.encode("utf-8"))


@dataclass
class Request:
    url: str
    phase: str
    type: str = "Other"
    status: int | None = None
    cached: bool = False
    bytes: int = 0
    finished: bool = False
    failed: bool = False


@dataclass
class WireLog:
    """CDP Network events, counted per phase (``phase`` is where events go as they arrive)."""

    phase: str = "start"
    requests: dict[str, Request] = field(default_factory=dict)
    sockets: dict[str, str] = field(default_factory=dict)  # requestId -> URL
    other_ws: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    ws: dict[str, dict] = field(default_factory=lambda: defaultdict(
        lambda: {"in": 0, "out": 0, "in_messages": 0, "out_messages": 0,
                 "first_in": None, "last_in": None}))
    outside: list[str] = field(default_factory=list)
    last_ws: float = 0.0  # monotonic() of the last websocket message, for quiescence

    def on(self, method: str, params: dict) -> None:
        handler = getattr(self, "_" + method.removeprefix("Network."), None)
        if handler:
            handler(params)

    def _note_url(self, url: str) -> None:
        if not harness.stays_local(url):
            self.outside.append(url)

    def _requestWillBeSent(self, p: dict) -> None:  # noqa: N802 (CDP's names)
        self._note_url(p["request"]["url"])
        # A redirect reuses the requestId: the earlier hop's bytes stay counted in it.
        old = self.requests.get(p["requestId"])
        request = Request(p["request"]["url"], self.phase, p.get("type", "Other"))
        if old is not None:
            request.bytes = old.bytes
        self.requests[p["requestId"]] = request

    def _requestServedFromCache(self, p: dict) -> None:  # noqa: N802
        if p["requestId"] in self.requests:
            self.requests[p["requestId"]].cached = True

    def _responseReceived(self, p: dict) -> None:  # noqa: N802
        request = self.requests.get(p["requestId"])
        if request is None:
            return
        response = p["response"]
        request.type = p.get("type", request.type)
        request.status = response.get("status")
        if response.get("fromDiskCache") or response.get("fromPrefetchCache") \
                or request.status == 304:
            request.cached = True

    def _loadingFinished(self, p: dict) -> None:  # noqa: N802
        request = self.requests.get(p["requestId"])
        if request is not None:
            request.bytes += int(p.get("encodedDataLength", 0))
            request.finished = True

    def _loadingFailed(self, p: dict) -> None:  # noqa: N802
        request = self.requests.get(p["requestId"])
        if request is not None:
            request.failed = True

    def _webSocketCreated(self, p: dict) -> None:  # noqa: N802
        self._note_url(p["url"])
        self.sockets[p["requestId"]] = p["url"]

    def _frame(self, direction: str, p: dict) -> None:
        self.last_ws = monotonic()
        if not KERNEL_SOCKET.search(self.sockets.get(p["requestId"], "")):
            # JupyterLab's other sockets (the server's event bus): counted apart.
            self.other_ws[self.phase] += ws_payload_bytes(p["response"])
            return
        counts = self.ws[self.phase]
        counts[direction] += ws_payload_bytes(p["response"])
        counts[direction + "_messages"] += 1
        if direction == "in":
            t = p.get("timestamp")
            if counts["first_in"] is None:
                counts["first_in"] = t
            counts["last_in"] = t

    def _webSocketFrameReceived(self, p: dict) -> None:  # noqa: N802
        self._frame("in", p)

    def _webSocketFrameSent(self, p: dict) -> None:  # noqa: N802
        self._frame("out", p)

    def http(self, phase: str) -> dict:
        """HTTP requests sent during ``phase``: counts and bytes, all and static only."""
        chosen = [r for r in self.requests.values() if r.phase == phase]
        static = [r for r in chosen if r.type not in NOT_STATIC]
        return {"requests": len(chosen), "bytes": sum(r.bytes for r in chosen),
                "static_requests": len(static), "static_bytes": sum(r.bytes for r in static),
                "static_cached": sum(r.cached for r in static),
                "static_from_network": sum(not r.cached for r in static),
                "failed": sum(r.failed for r in chosen),
                "failed_urls": sorted({r.url.split("?")[0].split("/", 3)[-1]
                                       for r in chosen if r.failed})[:5],
                "largest_static": [[r.url.split("?")[0].rsplit("/", 1)[-1], r.bytes]
                                   for r in sorted(static, key=lambda r: -r.bytes)[:3]]}

    def websocket(self, phase: str) -> dict:
        """Websocket payload bytes in ``phase``, and the average receive rate between its first
        and last received message (Mbit/s; None with fewer than two)."""
        c = self.ws[phase]
        span = (c["last_in"] - c["first_in"]) if c["first_in"] is not None else 0
        return {"in_bytes": c["in"], "out_bytes": c["out"], "total_bytes": c["in"] + c["out"],
                "other_sockets_bytes": self.other_ws[phase],
                "in_messages": c["in_messages"], "out_messages": c["out_messages"],
                "in_span_s": round(span, 3),
                "in_rate_mbit_s": round(c["in"] * 8 / span / 1e6, 1) if span > 0 else None}


# --- the browser ---------------------------------------------------------------------------------


def attach(context, page) -> tuple[object, WireLog]:
    log = WireLog()
    cdp = context.new_cdp_session(page)
    for name in ("requestWillBeSent", "requestServedFromCache", "responseReceived",
                 "loadingFinished", "loadingFailed", "webSocketCreated",
                 "webSocketFrameReceived", "webSocketFrameSent"):
        method = "Network." + name
        cdp.on(method, lambda params, method=method: log.on(method, params))
    cdp.send("Network.enable")
    return cdp, log


def _open(page, server, notebook: Path) -> float:
    """Open the notebook; seconds until its kernel is connected and idle."""
    t = monotonic()
    harness.open_notebook(page, server, notebook)
    return round(monotonic() - t, 2)


def _run_all(page, log: WireLog, notebook: Path, expected: dict) -> dict:
    """Run All and wait until every figure has drawn and the page has been quiet for QUIET_S;
    the time from Run All to the last moment everything became drawn."""
    page.evaluate(JS_MONITOR, expected)
    page.evaluate(JS_START)
    harness.run_all(page, notebook, timeout_s=RUN_TIMEOUT_S)
    deadline = monotonic() + RUN_TIMEOUT_S
    while True:
        state = page.evaluate(JS_STATE)
        if state["error"]:
            raise harness.LabError(f"the wire monitor failed: {state['error']}")
        if state["ready"] and (state["now"] - state["done"]) / 1000 >= QUIET_S \
                and monotonic() - log.last_ws >= QUIET_S:
            break
        if monotonic() > deadline:
            raise harness.LabError(f"{notebook.name}: figures not all drawn within "
                                   f"{RUN_TIMEOUT_S} s after Run All ({state})")
        page.wait_for_timeout(200)
    errors = harness.error_outputs(page)
    if errors:
        raise harness.LabError(f"{notebook.name} raised: " + "; ".join(
            f"cell {e['cell']}: {e.get('ename')}: {e.get('evalue')}" for e in errors))
    page.evaluate("() => clearInterval(window.__wire.timer)")
    return {"drawn_s": round((state["done"] - state["t0"]) / 1000, 2), "plots": state["plots"]}


def check_local(log: WireLog, name: str) -> None:
    if log.outside:
        raise harness.LabError(f"{name}: the page tried to reach outside the machine: "
                               f"{sorted(set(log.outside))[:5]}")


def probe_websocket(page, log: WireLog) -> dict:
    """Seconds to move PROBE_BYTES down and up the kernel websocket (see JS_WS_PROBE)."""
    phase, log.phase = log.phase, "probe"
    try:
        down, up = page.evaluate(JS_WS_PROBE, PROBE_BYTES)
    finally:
        log.phase = phase
    return {"bytes": PROBE_BYTES, "down_s": round(down, 2), "up_s": round(up, 2),
            "floor_s": round(PROBE_BYTES / THROTTLE["downloadThroughput"], 2)}


def _leave(page, server) -> None:
    page.goto("about:blank")
    server.shutdown_kernels()


def measure_lesson(browser, server, notebook: Path, *, first_throttled: bool = True,
                   probe: bool = False) -> dict:
    """The three visits of the module docstring for one lesson; with ``probe``, also
    ``probe_websocket`` after each of the first two Run Alls."""
    expected = {"cells": len(harness.code_cells_to_run(notebook)), "plots": 0}
    context = browser.new_context(viewport=harness.VIEWPORT)
    try:
        page = context.new_page()
        cdp, log = attach(context, page)
        log.phase = "load_cold"
        load_cold_s = _open(page, server, notebook)
        log.phase = "run"
        run = _run_all(page, log, notebook, expected)
        expected["plots"] = run["plots"]
        probes = {"unthrottled": probe_websocket(page, log)} if probe else {}
        log.phase = "between"
        _leave(page, server)
        cdp.send("Network.emulateNetworkConditions", THROTTLE)
        log.phase = "load_warm"
        load_warm_s = _open(page, server, notebook)
        log.phase = "run_throttled"
        throttled = _run_all(page, log, notebook, expected)
        if probe:
            probes["throttled"] = probe_websocket(page, log)
        log.phase = "end"
        _leave(page, server)
        check_local(log, notebook.name)
    finally:
        context.close()
    result = {
        "plots": run["plots"],
        "run_all": {"drawn_s": run["drawn_s"], "websocket": log.websocket("run"),
                    "http": log.http("run")},
        "run_all_throttled": {"drawn_s": throttled["drawn_s"],
                              "websocket": log.websocket("run_throttled"),
                              "http": log.http("run_throttled")},
        "first_visit": {"open_s": load_cold_s, "http": log.http("load_cold")},
        "second_visit": {"open_s_throttled": load_warm_s, "http": log.http("load_warm")},
    }
    if probes:
        result["websocket_probe"] = probes
    if first_throttled:
        context = browser.new_context(viewport=harness.VIEWPORT)
        try:
            page = context.new_page()
            cdp, log = attach(context, page)
            cdp.send("Network.emulateNetworkConditions", THROTTLE)
            log.phase = "load_cold"
            open_s = _open(page, server, notebook)
            log.phase = "run"
            run = _run_all(page, log, notebook, expected)
            _leave(page, server)
            check_local(log, notebook.name)
        finally:
            context.close()
        result["first_visit_throttled"] = {"open_s": open_s, "drawn_s": run["drawn_s"],
                                           "http": log.http("load_cold"),
                                           "run_http": log.http("run")}
    ws_kb = result["run_all"]["websocket"]["total_bytes"] / 1000
    worst_throttled = max([result["run_all_throttled"]["drawn_s"]]
                          + ([result["first_visit_throttled"]["drawn_s"]] if first_throttled
                             else []))
    result.update(ws_kb=round(ws_kb, 1), ws_met=ws_kb <= WS_GOAL_KB,
                  throttled_drawn_s=worst_throttled,
                  throttled_met=worst_throttled <= THROTTLED_GOAL_S,
                  websocket_throttled=websocket_throttled(result))
    return result


def websocket_throttled(result: dict) -> dict:
    """Did the emulated conditions slow the websocket too? At 10 Mbit/s, receiving N bytes
    takes at least N / THROTTLE's rate; a throttled Run All that drew sooner, or received faster
    on average, was not throttled on its websocket. (Only meaningful when N is large.)"""
    ws = result["run_all_throttled"]["websocket"]
    floor_s = ws["in_bytes"] / THROTTLE["downloadThroughput"]
    return {"in_floor_s": round(floor_s, 2), "drawn_s": result["run_all_throttled"]["drawn_s"],
            "unthrottled_drawn_s": result["run_all"]["drawn_s"],
            "in_rate_mbit_s": ws["in_rate_mbit_s"],
            "consistent": result["run_all_throttled"]["drawn_s"] >= floor_s
            and (ws["in_rate_mbit_s"] is None or ws["in_rate_mbit_s"] <= 10 * 1.05)}


def lessons() -> list[Path]:
    return sorted(harness.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def measure(quick: bool = False, only: list[str] | None = None) -> dict:
    """Every lesson (or those whose name starts with one of ``only``); see the module
    docstring. Raises ``bench.lab.LabError`` if the browser is missing or a lesson fails."""
    reason = harness.browser_missing_reason()
    if reason:
        raise harness.LabError(reason)
    chosen = [nb for nb in lessons() if not only or any(nb.name.startswith(o) for o in only)]
    started, load_before = monotonic(), os.getloadavg()[0]
    per_lesson = {}
    with harness.served_lab() as server, harness.chromium(OFFLINE_ARGS) as browser:
        chromium_version = browser.version
        for i, notebook in enumerate(chosen):
            print(f"  wire: {notebook.name} ...", flush=True)
            per_lesson[notebook.name] = measure_lesson(browser, server, notebook,
                                                       first_throttled=not quick, probe=i == 0)
    probe = next((r["websocket_probe"] for r in per_lesson.values() if "websocket_probe" in r),
                 None)
    return {
        "what": "per lesson, in a fresh headless Chromium context against an offline "
                "JupyterLab: kernel websocket payload bytes during Run All; static HTTP bytes "
                "on a first (empty cache) and second (same context) visit; Run All to every "
                "figure drawn, unthrottled and under Network.emulateNetworkConditions",
        "throttle": {"down_mbit_s": 10, "up_mbit_s": 10, "latency_ms": THROTTLE["latency"]},
        "ws_goal_kb": WS_GOAL_KB, "throttled_goal_s": THROTTLED_GOAL_S,
        "lessons": per_lesson,
        "ws_met": all(r["ws_met"] for r in per_lesson.values()),
        "throttled_met": all(r["throttled_met"] for r in per_lesson.values()),
        "ws_total_kb_median": round(statistics.median(r["ws_kb"] for r in per_lesson.values()), 1)
        if per_lesson else None,
        "websocket_probe": probe,
        "chromium": chromium_version,
        "section_s": round(monotonic() - started, 1),
        # Other work on the machine slows the browser and the kernel: the 1-minute load average.
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def table_rows(results: dict) -> list[tuple[str, str, str, str]]:
    """Rows for bench/run.py's table."""
    yes = {True: "yes", False: "NO"}
    rows = []
    for name, r in results["lessons"].items():
        lesson = name.split("-")[0]
        ws = r["run_all"]["websocket"]
        rows.append((f"wire {lesson}: kernel websocket during Run All",
                     f"{r['ws_kb']:,.0f} KB (in {ws['in_bytes'] / 1000:,.0f}, "
                     f"out {ws['out_bytes'] / 1000:,.0f})",
                     f"<= {results['ws_goal_kb']} KB", yes[r["ws_met"]]))
        first = r["first_visit"]["http"]
        second = r["second_visit"]["http"]
        rows.append((f"wire {lesson}: static HTTP, first / second visit",
                     f"{first['static_bytes'] / 1000:,.0f} / {second['static_bytes'] / 1000:,.0f}"
                     f" KB", f"{second['static_cached']} of {second['static_requests']} "
                     f"cached on the second", ""))
        throttled = f"{r['run_all_throttled']['drawn_s']:.1f} s"
        if "first_visit_throttled" in r:
            throttled += f" (empty cache {r['first_visit_throttled']['drawn_s']:.1f})"
        rows.append((f"wire {lesson}: Run All to figures drawn, unthrottled / 10 Mbit/s",
                     f"{r['run_all']['drawn_s']:.1f} s / {throttled}",
                     f"<= {results['throttled_goal_s']:.0f} s throttled",
                     yes[r["throttled_met"]]))
    lessons = list(results["lessons"].values())
    if lessons and all("first_visit_throttled" in r for r in lessons):
        cold = statistics.median(r["first_visit_throttled"]["open_s"] for r in lessons)
        warm = statistics.median(r["second_visit"]["open_s_throttled"] for r in lessons)
        rows.append(("wire: opening a lesson at 10 Mbit/s, empty / warm cache (median)",
                     f"{cold:.1f} / {warm:.1f} s", "until the kernel is idle", ""))
    probe = results.get("websocket_probe")
    if probe:
        free, slow = probe["unthrottled"], probe["throttled"]
        rows.append((f"wire: {free['bytes'] / 1e6:.1f} MB down / up the kernel websocket",
                     f"{free['down_s']:.1f} / {free['up_s']:.1f} s, throttled "
                     f"{slow['down_s']:.1f} / {slow['up_s']:.1f} s",
                     f">= {slow['floor_s']:.1f} s if the throttle covers websockets",
                     yes[min(slow["down_s"], slow["up_s"]) >= slow["floor_s"]]))
    return rows


def lessons_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lessons", type=lambda text: text.split(","),
                        help="comma-separated name prefixes, e.g. 03,04")


def report(result: dict, rows: list[tuple[str, str, str, str]]) -> None:
    """A bench module run on its own: its whole result, then its rows of the table."""
    print(json.dumps(result, indent=2))
    for row in rows:
        print("  ".join(row))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    lessons_option(parser)
    parser.add_argument("--quick", action="store_true", help="skip the throttled first visit")
    args = parser.parse_args(argv)
    result = measure(args.quick, args.lessons)
    report(result, table_rows(result))


if __name__ == "__main__":
    main()
