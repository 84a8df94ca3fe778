"""Memory per student, and a class pressing Run All at once: numbers for sizing a school's hub.

    .venv/bin/python bench/run.py --only memory
    .venv/bin/python -m bench.memory [--no-hub] [--quick]      # prints the JSON

On a JupyterHub every student has a single-user server and a kernel per open lesson. This plays
one student in real headless Chromium (``bench.lab``: offline, ``windowingMode`` none so every
cell draws): log in, then take the lessons 00 → 04 in order; in each, open the notebook, Run
All, wait until every cell has run, no "Loading widget" is left and every plotly figure has its
SVG and a trace (``bench.lab.JS_RENDERED``), with the kernel idle, then ``SETTLE_S`` more. Then
it reads, with psutil, the resident (RSS) and unique (USS) memory of

- the **server**: the single-user server process plus its children that are not kernels (and
  their children); widget comm traffic, outputs and websocket buffers all land here;
- each **kernel**: every child of the server whose command line runs ``ipykernel`` (with its own
  children), matched to its lesson as the kernel that appeared while the lesson was open.

It does this under two policies, each with a fresh server and browser context:

- ``keep_open``: the student never shuts a kernel down (moving to the next lesson leaves the
  previous kernel running, as JupyterLab does); per student = everything the server's process
  tree holds after lesson 04: server + all five kernels;
- ``shut_down``: the guide's tip, *Kernel → Shut Down Kernel* before the next lesson (done
  through the page's ``serviceManager.sessions.shutdownAll()``); per student = the server after
  lesson 04 + the largest kernel (``per_student``).

Where: ``server_kind`` says which server played the hub's part.

- ``jupyterhub-singleuser``: the real single-user server, spawned by a real JupyterHub
  (``SimpleLocalProcessSpawner``, dummy authenticator, configurable-http-proxy) from the venv
  and proxy tests/test_hub.py caches under ``.cache/hub/`` (or ``$NEWSCASE_HUB_CACHE``); the
  browser logs in at /hub/login and goes through the proxy. The single-user venv's own
  ``newscase`` is shadowed by this checkout's ``lib/`` (``PYTHONPATH``), so the code measured
  is the checkout's. The hub and its proxy are shared by the class and reported apart
  (``hub_shared``), not per student.
- ``jupyter lab``: this venv's plain ``jupyter lab`` (``bench.lab.start_lab``), always measured
  too (as ``plain_lab`` beside the hub's figures); the headline when the hub cache is missing
  (run tests/test_hub.py once to build it; this does not build it) or with ``use_hub=False``.

Both read the warm data cache a hub image gets from ``newscase warm-up --shared`` (this user's
cache, warmed first, passed as ``NEWSCASE_SHARED_CACHE`` to the hub's students).

Keys of the result:

- ``server_kind``: the server the headline figures come from (the hub's single-user server
  when its cache is there); ``policies``: {``keep_open``, ``shut_down``}, each
  ``{"server_spawned", "server_idle", "server_peak_mb", "lessons": {name: {"server",
  "server_peak_mb", "kernel", "kernels_open", "kernels_rss_mb", "plots", "drawn"}},
  "server_after_all", "server_browser_gone",
  "kernels_left", "per_student": per_student(...), "blocked_requests"}``, where a server or
  kernel figure is ``{rss_mb, uss_mb}`` (a server's also ``processes``, how many it counts);
- ``server_spawned``: the server started, before any browser came; ``server_idle``: logged in,
  JupyterLab loaded, no lesson open (what the README's "idle" row reads); both ``shut_down``;
- ``server_peak_mb``: the largest server figure (RSS, passing children included) seen while
  waiting for it to settle (``settled_tree``): every server figure above is read once the
  server has no child but kernels, because JupyterLab runs node for a second or two each time
  a page loads (when node is on the machine, as here), and that child is not steady memory;
- ``kernels``: ``{name: {rss_mb, uss_mb}}``, each lesson's kernel after its Run All
  (``shut_down`` pass);
- ``server_after_lessons``: ``{name: rss_mb}``, the server after each lesson (``shut_down``);
- ``per_student_mb``: server after lesson 04 + largest kernel (the guide's tip; RSS), with
  ``per_student_rule``; ``students_per_8gb`` (``students_per_node``: 90 % of 8 GiB), ``goal_mb``,
  ``met``;
- ``per_student_keep_open_mb``, ``students_per_8gb_keep_open``: server after lesson 04 + every
  kernel still open then (``keep_open`` pass);
- hub only: ``hub_venv``; ``hub_shared``, the hub process and its proxy ({rss_mb, uss_mb}, after
  the ``shut_down`` pass; once per hub, not per student); ``plain_lab``: ``{"policies": ...}``,
  the same student on a plain ``jupyter lab`` for comparison;
- ``bursts``, ``cores``: K kernels running lesson 03 at the same moment (threads driving
  nbclient, no browser), and the wall time until the last is done: what the slowest student in
  a class waits; ``load_average``: the machine's 1-minute load average before and after (other
  work on the machine slows the bursts, hardly the memory figures).

RSS counts shared library pages in every process, so sums of RSS overstate a node's use a
little; USS (pages no other process maps) understates it. Sizing uses RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a file: python bench/memory.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import nbformat  # noqa: E402
import psutil  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

from bench import lab as harness  # noqa: E402
from bench.hub import HUB_CONFIG, stop_hub  # noqa: E402
from bench.install import isolated_env  # noqa: E402
from bench.notebooks import CELL_TIMEOUT_S, NOTEBOOKS, ROOT  # noqa: E402

BURST_LESSON = "03-range.ipynb"
GOAL_MB = 250
NODE_GB = 8
SPARE = 0.10  # of a node kept free
SETTLE_S = 3.0  # after everything drew, before reading memory
QUIET_TIMEOUT_S = 30  # longest wait for the server's passing children to end
DRAW_TIMEOUT_S = 120
HUB_CACHE = Path(os.environ.get("NEWSCASE_HUB_CACHE", ROOT / ".cache" / "hub"))
STUDENT = "student"
POLICIES = ("keep_open", "shut_down")

# Everything drawn (bench.lab's test) and the notebook's kernel idle.
JS_DONE = f"""() => {{
    const kernel = window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel;
    return ({harness.JS_RENDERED})() && kernel?.status === 'idle';
}}"""
JS_SHUT_DOWN = "async () => { await window.jupyterapp.serviceManager.sessions.shutdownAll(); }"


# --- arithmetic and process accounting (pure; tests/test_bench.py) --------------------------------


def is_kernel(cmdline: list[str]) -> bool:
    """A Jupyter kernel's command line: ``python -m ipykernel_launcher -f ...`` (or ipykernel)."""
    return any(part in ("ipykernel_launcher", "ipykernel") or part.endswith("ipykernel_launcher.py")
               for part in cmdline)


def students_per_node(per_student_mb: float, node_gb: float = NODE_GB,
                      spare: float = SPARE) -> int:
    """How many students fit on a node, keeping ``spare`` of its memory free."""
    return int(node_gb * 1024 * (1 - spare) // per_student_mb)


def per_student(server_mb: float, kernels_mb: list[float]) -> dict:
    """Memory per student after the lessons: the server plus the largest kernel (the guide's
    tip: one lesson open at a time), and the server plus every kernel (all kept open)."""
    if not kernels_mb:
        raise ValueError("no kernel measured")
    tip, kept = round(server_mb + max(kernels_mb)), round(server_mb + sum(kernels_mb))
    return {"one_kernel_mb": tip, "all_kernels_mb": kept,
            "students_per_8gb": students_per_node(tip),
            "students_per_8gb_all_kernels": students_per_node(kept)}


# --- reading a server's process tree -------------------------------------------------------------


def _mb(processes: list[psutil.Process]) -> dict:
    rss = uss = 0
    for process in processes:
        try:
            info = process.memory_full_info()
        except psutil.NoSuchProcess:
            continue
        rss, uss = rss + info.rss, uss + info.uss
    return {"rss_mb": round(rss / 2**20), "uss_mb": round(uss / 2**20)}


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:  # gone, a zombie, or not ours
        return []


def tree_memory(pid: int) -> dict:
    """{"server": {rss_mb, uss_mb, processes}, "kernels": {pid: {rss_mb, uss_mb}}} for the
    process ``pid`` and its descendants: each kernel child with its own children; the rest
    (``processes`` of them, ``pid`` included) is the server."""
    root = psutil.Process(pid)
    server, kernels = [root], {}
    for child in root.children():
        try:
            family = [child, *child.children(recursive=True)]
            if is_kernel(child.cmdline()):
                kernels[child.pid] = _mb(family)
            else:
                server += family
        except psutil.NoSuchProcess:
            continue
    return {"server": {**_mb(server), "processes": len(server)}, "kernels": kernels}


def settled_tree(pid: int, min_s: float = SETTLE_S, max_s: float = QUIET_TIMEOUT_S) -> dict:
    """``tree_memory`` once the server has no child but its kernels (JupyterLab runs node for a
    second or two when a page loads, where node is installed: ``jupyter_builder``'s build and
    version checks), after at least ``min_s``; after ``max_s``, whatever is there. Also
    ``peak``: the largest server figure (RSS, children included) seen while waiting."""
    start, peak = time.monotonic(), 0
    while True:
        tree = tree_memory(pid)
        peak = max(peak, tree["server"]["rss_mb"])
        waited = time.monotonic() - start
        if (waited >= min_s and tree["server"]["processes"] == 1) or waited >= max_s:
            return {**tree, "peak": peak}
        time.sleep(0.25)


# --- the servers ---------------------------------------------------------------------------------


@dataclass
class Target:
    """What the student's browser talks to: ``notebook_url`` for bench.lab, the single-user
    server's pid, and how to log in."""

    kind: str
    base: str
    pid: int
    login_url: str = ""

    def notebook_url(self, name: str) -> str:
        return f"{self.base}/lab/tree/notebooks/{name}?reset"

    def login(self, page) -> None:
        page.goto(self.login_url)
        page.fill("input[name=username]", STUDENT)
        page.fill("input[name=password]", "any")
        with page.expect_navigation():
            page.click("input[type=submit], button[type=submit]")
        page.goto(self.base + "/lab")  # the hub's OAuth handshake with the single-user server


def warm_cache() -> Path:
    """Warm this user's data cache as an image's ``warm-up --shared`` would; return it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib")}
    out = subprocess.run([sys.executable, "-m", "newscase", "warm-up"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600, check=True).stdout
    return Path(out.strip().splitlines()[-1].removeprefix("cache in ").strip())


@contextmanager
def plain_lab(work: Path) -> Iterator[Target]:
    root, private = work / "served", work / "jupyter"
    root.mkdir()
    private.mkdir()
    harness.build_served_tree(ROOT / "notebooks", ROOT / "data", root)
    server = harness.start_lab(root, private)
    try:
        yield _LabTarget(server)
    finally:
        server.stop()


class _LabTarget(Target):
    def __init__(self, server: harness.LabServer) -> None:
        super().__init__("jupyter lab", server.url, server.process.pid)  # login: the token
        self.server = server

    def notebook_url(self, name: str) -> str:
        return self.server.notebook_url(name)

    def login(self, page) -> None:
        page.goto(f"{self.server.url}/lab?token={self.server.token}&reset")


def hub_venv() -> Path | None:
    """The newest ready single-user venv tests/test_hub.py cached, or None."""
    ready = sorted(HUB_CACHE.glob("venv-*/ready"), key=lambda p: p.stat().st_mtime)
    return ready[-1].parent if ready else None


def hub_proxy() -> Path | None:
    found = sorted(HUB_CACHE.glob("chp-*/node_modules/.bin/configurable-http-proxy"))
    return found[-1] if found else None


@contextmanager
def hub(work: Path, venv: Path, chp: Path, shared_cache: Path) -> Iterator[Target]:
    """A JupyterHub from ``venv`` with one student's server spawned; yields that server."""
    home = work / "home" / STUDENT
    home.mkdir(parents=True)
    harness.build_served_tree(ROOT / "notebooks", ROOT / "data", home)
    private = work / "jupyter"
    names = ["JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
             "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "IPYTHONDIR"]
    dirs = {name: private / name.lower() for name in names}
    for path in dirs.values():
        path.mkdir(parents=True)
    harness._write_lab_settings(dirs["JUPYTERLAB_SETTINGS_DIR"])  # noqa: SLF001 (same harness)
    environment = {**{k: str(v) for k, v in dirs.items()}, "PYTHONPATH": str(ROOT / "lib"),
                   "NEWSCASE_CACHE_DIR": str(work / "student-cache"),
                   "NEWSCASE_SHARED_CACHE": str(shared_cache)}
    args = ["--allow-root"] if os.geteuid() == 0 else []
    args += ["--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             "--LabApp.expose_app_in_browser=True"]
    port, token = harness.free_port(), secrets.token_hex(16)
    (work / "jupyterhub_config.py").write_text(HUB_CONFIG.format(
        port=port, hub_port=harness.free_port(), api_port=harness.free_port(), chp=str(chp),
        work=work, singleuser=str(venv / "bin" / "jupyterhub-singleuser"), args=args,
        environment=environment, token=token))
    env = isolated_env(venv)
    log = work / "hub.log"
    with log.open("w") as out:
        process = subprocess.Popen([str(venv / "bin" / "jupyterhub"), "-f",
                                    str(work / "jupyterhub_config.py")], cwd=work, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"

    def api(method: str, path: str) -> object:
        request = urllib.request.Request(f"{url}/hub/api{path}", method=method,
                                         headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def fail(why: str) -> None:
        raise harness.LabError(f"{why}\n{log.read_text(errors='replace')[-3000:]}")

    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                fail("jupyterhub exited")
            try:
                api("GET", "/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    fail("jupyterhub did not answer")
                time.sleep(0.5)
        api("POST", f"/users/{STUDENT}")
        api("POST", f"/users/{STUDENT}/server")
        deadline = time.monotonic() + 180
        while not (api("GET", f"/users/{STUDENT}")["servers"].get("", {}) or {}).get("ready"):
            if time.monotonic() > deadline:
                fail("the student's server did not start")
            time.sleep(1)
        singleuser = [p for p in psutil.Process(process.pid).children(recursive=True)
                      if any("jupyterhub-singleuser" in part for part in _cmdline(p))]
        if len(singleuser) != 1:
            fail(f"expected one jupyterhub-singleuser process, found {len(singleuser)}")
        target = Target("jupyterhub-singleuser", f"{url}/user/{STUDENT}", singleuser[0].pid,
                        login_url=f"{url}/hub/login")
        target.hub_pids = [process.pid] + [
            p.pid for p in psutil.Process(process.pid).children(recursive=True)
            if p.pid != singleuser[0].pid and p not in singleuser[0].children(recursive=True)]
        yield target
    finally:
        stop_hub(process)


# --- one student ---------------------------------------------------------------------------------


def _wait_kernels(pid: int, count: int, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while len(tree_memory(pid)["kernels"]) > count and time.monotonic() < deadline:
        time.sleep(0.5)


def take_lessons(browser, target: Target, policy: str) -> dict:
    """One student, lessons 00 → 04 in order, under ``policy`` (see the module docstring)."""
    spawned = settled_tree(target.pid)
    with harness.offline_page(browser) as (page, log):
        target.login(page)
        idle = settled_tree(target.pid)
        print(f"  memory ({policy}, {target.kind}): logged in, no lesson: server "
              f"{idle['server']['rss_mb']} MB (peak {idle['peak']})", flush=True)
        lessons: dict[str, dict] = {}
        kernels: dict[str, dict] = {}
        for notebook in NOTEBOOKS:
            before = set(tree_memory(target.pid)["kernels"])
            harness.open_notebook(page, target, notebook)
            harness.run_all(page, notebook)
            drawn = harness.wait_for(page, JS_DONE, None, DRAW_TIMEOUT_S)
            errors = harness.error_outputs(page)
            if errors:
                raise harness.LabError(f"{notebook.name} raised: " + "; ".join(
                    f"cell {e['cell']}: {e.get('ename')}: {e.get('evalue')}" for e in errors))
            plots = len(page.evaluate(harness.JS_PLOTS))
            now = settled_tree(target.pid)
            new = [pid for pid in now["kernels"] if pid not in before]
            if len(new) != 1:
                raise harness.LabError(f"{notebook.name}: expected one new kernel, got {new}")
            kernels[notebook.name] = now["kernels"][new[0]]
            lessons[notebook.name] = {
                "server": now["server"], "server_peak_mb": now["peak"],
                "kernel": kernels[notebook.name], "kernels_open": len(now["kernels"]),
                "kernels_rss_mb": sum(k["rss_mb"] for k in now["kernels"].values()),
                "plots": plots, "drawn": drawn}
            print(f"  memory ({policy}): {notebook.name}: server "
                  f"{now['server']['rss_mb']} MB, kernel {kernels[notebook.name]['rss_mb']} MB, "
                  f"{len(now['kernels'])} kernel(s) open", flush=True)
            if policy == "shut_down":
                page.evaluate(JS_SHUT_DOWN)
                _wait_kernels(target.pid, 0)
        page.goto("about:blank")
        end = settled_tree(target.pid)
        blocked = sorted(set(log.blocked))[:5]
    last = lessons[NOTEBOOKS[-1].name]
    kernel_mbs = ([k["rss_mb"] for k in kernels.values()] if policy == "shut_down"
                  else [k["rss_mb"] for k in end["kernels"].values()])
    return {"server_spawned": spawned["server"], "server_idle": idle["server"],
            "server_peak_mb": max([spawned["peak"], idle["peak"], end["peak"]]
                                  + [row["server_peak_mb"] for row in lessons.values()]),
            "lessons": lessons,
            "server_after_all": last["server"], "server_browser_gone": end["server"],
            "kernels_left": len(end["kernels"]),
            "per_student": per_student(last["server"]["rss_mb"], kernel_mbs),
            "blocked_requests": blocked}


def burst(students: int) -> dict:
    """Wall seconds until ``students`` simultaneous Run Alls of lesson 03 are all done."""
    path = next(p for p in NOTEBOOKS if p.name == BURST_LESSON)
    finished: list[float] = []
    start = time.perf_counter()

    def run() -> None:
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=CELL_TIMEOUT_S * 4, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        finished.append(time.perf_counter() - start)

    threads = [threading.Thread(target=run) for _ in range(students)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"students": students, "last_done_s": round(max(finished), 1),
            "median_done_s": round(statistics.median(finished), 1)}


@contextmanager
def _server(kind: str, work: Path, shared_cache: Path) -> Iterator[Target]:
    if kind == "jupyterhub-singleuser":
        with hub(work, hub_venv(), hub_proxy(), shared_cache) as target:
            yield target
    else:
        with plain_lab(work) as target:
            yield target


def measure_memory(bursts: tuple[int, ...] = (1, 4, 8), use_hub: bool = True) -> dict:
    reason = harness.browser_missing_reason()
    if reason:
        raise harness.LabError(reason)
    load_before = os.getloadavg()[0]
    shared_cache = warm_cache()
    kinds = ["jupyter lab"]
    if use_hub and hub_venv() and hub_proxy():
        kinds.insert(0, "jupyterhub-singleuser")
    runs: dict[str, dict] = {}
    hub_shared = None
    with harness.chromium() as browser:
        for kind in kinds:
            runs[kind] = {}
            for policy in POLICIES:
                with tempfile.TemporaryDirectory(prefix="newscase-memory-") as tmp, \
                        _server(kind, Path(tmp), shared_cache) as target:
                    runs[kind][policy] = take_lessons(browser, target, policy)
                    if getattr(target, "hub_pids", None):
                        hub_shared = _mb([psutil.Process(p) for p in target.hub_pids
                                          if psutil.pid_exists(p)])
    kind = kinds[0]
    tip, kept = runs[kind]["shut_down"], runs[kind]["keep_open"]
    per_student_mb = tip["per_student"]["one_kernel_mb"]
    keep_mb = kept["per_student"]["all_kernels_mb"]
    result = {
        "server_kind": kind, "policies": runs[kind],
        "server_spawned": tip["server_spawned"], "server_idle": tip["server_idle"],
        "server_peak_mb": tip["server_peak_mb"],
        "kernels": {name: row["kernel"] for name, row in tip["lessons"].items()},
        "server_after_lessons": {name: row["server"]["rss_mb"]
                                 for name, row in tip["lessons"].items()},
        "per_student_mb": per_student_mb,
        "per_student_rule": "server after lessons 00-04 in a browser + the largest lesson "
                            "kernel (RSS), shutting each lesson's kernel down before the next",
        "students_per_8gb": students_per_node(per_student_mb),
        "per_student_keep_open_mb": keep_mb,
        "students_per_8gb_keep_open": students_per_node(keep_mb),
        "goal_mb": GOAL_MB, "met": per_student_mb <= GOAL_MB,
        "bursts": [burst(k) for k in bursts], "cores": psutil.cpu_count(),
        # Other work on the machine slows the bursts: the 1-minute load average.
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    if kind == "jupyterhub-singleuser":
        result.update(hub_venv=hub_venv().name, hub_shared=hub_shared,
                      plain_lab={"policies": runs["jupyter lab"]})
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-hub", action="store_true", help="plain jupyter lab, no hub")
    parser.add_argument("--quick", action="store_true", help="one small burst only")
    args = parser.parse_args(argv)
    result = measure_memory((1,) if args.quick else (1, 4, 8), use_hub=not args.no_hub)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
