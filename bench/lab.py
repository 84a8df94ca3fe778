"""An offline JupyterLab and a headless Chromium that cannot leave the machine.

Shared by tests/test_browser.py (does every notebook render?) and bench/browser.py (how fast
does a widget answer?). Nothing here imports pytest: failures raise ``LabError`` with a
message meant for a person, and the test turns it into ``pytest.fail``.

The recipe:

- ``build_served_tree``: a copy of the notebooks with outputs stripped, and the data symlinked;
- ``start_lab``: the venv's ``jupyter lab`` on a free loopback port, with a token and private
  config, data, runtime, settings, workspace and IPython dirs; ``served_lab`` does both and
  cleans up;
- ``chromium``: /usr/bin/chromium driven by the pip ``playwright`` package (never
  ``playwright install``), with ``CHROMIUM_ARGS``;
- ``offline_page``: a page whose every non-loopback request and websocket is aborted and
  logged, and whose console errors are recorded, in a ``PageLog``;
- ``open_notebook`` / ``run_all`` / ``run_all_cells``: open a notebook, wait for an idle
  kernel, Run All from the menu, wait until every code cell has a number;
- ``wait_until_idle``, ``settle``, ``wait_for``: waiting for the page.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from time import monotonic, sleep

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = REPO / "notebooks"
SERVER_CONFIG = REPO / "binder" / "jupyter_server_config.json"
DATA_DIR = REPO / "data"
CHROMIUM = Path("/usr/bin/chromium")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 5200}
MAX_PAGE_HEIGHT = 16_000  # Chromium cannot capture a taller screenshot in one piece

SERVER_START_TIMEOUT_S = 60
KERNEL_READY_TIMEOUT_S = 60
RUN_ALL_TIMEOUT_S = 240
RENDER_GRACE_S = 15


class LabError(RuntimeError):
    """JupyterLab or the page did not get where it should, within its time."""


def browser_missing_reason() -> str | None:
    """Why no browser test can run here, or None when Chromium and playwright are there."""
    if importlib.util.find_spec("playwright") is None:
        return "the playwright Python package is not installed"
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is not installed (Debian: apt-get install chromium)"
    return None


# --- the JupyterLab server -----------------------------------------------------------------------


def build_served_tree(notebooks_dir: Path, data_dir: Path, root: Path) -> None:
    """Lay out root/notebooks (a copy) and root/data (a symlink), so a run never writes into the
    checkout. Saved outputs are stripped: every prompt starts as [ ]: and every output on screen
    comes from this run."""
    copy = root / "notebooks"
    shutil.copytree(notebooks_dir, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for path in copy.glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        nb.get("metadata", {}).pop("widgets", None)
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"] = []
                cell["execution_count"] = None
        path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    (root / "data").symlink_to(data_dir, target_is_directory=True)


def _write_lab_settings(settings_dir: Path) -> None:
    settings = {
        # No news feed, no update check, and no "fetch news?" toast over the screenshot.
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        # Attach and draw every cell: the default "contentVisibility" skips off-screen cells.
        "notebook-extension/tracker": {"windowingMode": "none"},
        # Nobody edits here; autosave would only add writes and "file changed" dialogs.
        "docmanager-extension/plugin": {"autosave": False},
    }
    for name, values in settings.items():
        path = settings_dir / "@jupyterlab" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    url: str
    token: str
    process: subprocess.Popen
    log: Path

    def api(self, method: str, path: str) -> object:
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def notebook_url(self, name: str) -> str:
        """Where JupyterLab opens notebooks/<name>, with a fresh workspace (``&reset``)."""
        return f"{self.url}/lab/tree/notebooks/{name}?token={self.token}&reset"

    def shutdown_kernels(self) -> None:
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def stop(self) -> None:
        stop_group(self.process)


def stop_group(process: subprocess.Popen) -> None:
    """Stop a server started in its own process group. SIGTERM lets it shut its kernels down;
    they also exit when their parent dies."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def start_lab(root: Path, private: Path) -> LabServer:
    """Start the venv's `jupyter lab` on a free loopback port, serving root, with private
    config, data, runtime, settings, workspace and IPython dirs under private."""
    token = secrets.token_hex(16)
    port = free_port()
    names = [
        "JUPYTER_CONFIG_DIR",
        "JUPYTER_DATA_DIR",
        "JUPYTER_RUNTIME_DIR",
        "JUPYTERLAB_SETTINGS_DIR",
        "JUPYTERLAB_WORKSPACES_DIR",
        "IPYTHONDIR",
    ]
    dirs = {name: private / name.lower() for name in names}
    for path in dirs.values():
        path.mkdir(parents=True)
    _write_lab_settings(dirs["JUPYTERLAB_SETTINGS_DIR"])
    # The server settings students get on Binder and the hub (gzip): what the wire bench counts.
    shutil.copyfile(SERVER_CONFIG, dirs["JUPYTER_CONFIG_DIR"] / "jupyter_server_config.json")
    env = {**os.environ, **{k: str(v) for k, v in dirs.items()}, "JUPYTER_TOKEN": token}
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        # Do not phone home for news or new versions.
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        # window.jupyterapp lets the test read the notebook model (as JupyterLab's Galata does).
        "--LabApp.expose_app_in_browser=True",
    ]  # fmt: skip
    log = private / "jupyter-lab.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop() can signal all of it
        )  # fmt: skip
    server = LabServer(f"http://127.0.0.1:{port}", token, process, log)
    try:
        _wait_until_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_ready(server: LabServer) -> None:
    deadline = monotonic() + SERVER_START_TIMEOUT_S
    while monotonic() < deadline and server.process.poll() is None:
        try:
            server.api("GET", "/api/status")
            return
        except OSError:
            sleep(0.25)
    raise LabError(
        f"JupyterLab did not answer /api/status within {SERVER_START_TIMEOUT_S} s "
        f"(exit code {server.process.poll()}). End of its log:\n"
        + server.log.read_text(errors="replace")[-3000:]
    )


# Every figure drawn, static (jupyterlab-plotly's renderer, tied by Chart.show's summary) or live
# (FigureView): those without a name, a description with text, or with SVG a screen reader
# would read as loose labels. Each as "<kind> <n>: <what is missing>".
JS_UNTIED_FIGURES = """() => {
    const figures = [
        ...[...document.querySelectorAll('.jp-RenderedPlotly')].map(f => ['static', f]),
        ...[...document.querySelectorAll('.nc-figure')].map(f => ['live', f])];
    return figures.flatMap(([kind, figure], index) => {
        const missing = [];
        if (figure.getAttribute('role') !== 'figure') missing.push('role figure');
        if (!figure.getAttribute('aria-label')) missing.push('name');
        const summary = document.getElementById(figure.getAttribute('aria-describedby'));
        if (!summary || !summary.textContent.trim()) missing.push('description');
        if ([...figure.querySelectorAll('svg')].some(svg => svg.getAttribute('aria-hidden')
            !== 'true')) missing.push('SVG hidden');
        return missing.length ? [`${kind} ${index + 1}: no ${missing.join(', no ')}`] : [];
    });
}"""


# --- a lesson as an app (Voilà) -----------------------------------------------------------------

# The lab template's page shows its cells once every cell has run.
JS_APP_SHOWN = """() => {
    const cells = document.getElementById('rendered_cells');
    return cells && cells.style.display !== 'none' && !document.getElementById('loading');
}"""
APP_SHOWN_TIMEOUT_S = 240  # the whole lesson run and drawn, on a loaded 2-core machine

# What an app page has drawn: widget views, static plotly figures, FigureViews.
JS_APP_DRAWN = """() => {
    const outputs = [...document.querySelectorAll('#rendered_cells .jp-OutputArea-output')];
    const views = [...document.querySelectorAll('.nc-figure')];
    return {
        widgets: outputs.filter(o => o.querySelector('.jupyter-widgets')).length,
        static_figures: [...document.querySelectorAll('.jp-RenderedPlotly')]
            .filter(figure => figure.querySelector('.main-svg')).length,
        figure_views: views.length,
        figure_views_drawn: views.filter(f => f.querySelector('.js-plotly-plot .main-svg')).length,
        code_editors: document.querySelectorAll('.jp-InputArea-editor, .CodeMirror, .cm-editor')
            .length,
        widget_errors: outputs.filter(o => /Error displaying widget|Loading widget/
            .test(o.textContent)).length,
    };
}"""
JS_APP_ALL_DRAWN = f"""sent => {{
    const drawn = ({JS_APP_DRAWN})();
    return drawn.widgets >= sent.widgets && drawn.static_figures >= sent.static_figures
        && drawn.figure_views_drawn === drawn.figure_views;
}}"""


def app_outputs(html: str) -> dict:
    """What the kernel sent, counted in the app page's HTML (Voilà writes each output there as
    JSON): widget views, static plotly figures, and errors."""
    return {"widgets": html.count('"application/vnd.jupyter.widget-view+json"'),
            "static_figures": html.count('"application/vnd.plotly.v1+json"'),
            "errors": html.count('"output_type": "error"')}


@contextmanager
def presenting(lesson: str, private: Path, lessons: Path | None = None) -> Iterator[str]:
    """``python -m newscase present LESSON --no-browser`` as a teacher runs it (``make
    present``), from the course's folder, with private Jupyter config, runtime and IPython dirs
    under ``private``; ``lessons``: a folder of lessons made for another article
    (``--lessons``). Yields the app's address, and stops Voilà on exit."""
    port = free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(private / "config"),
           "JUPYTER_RUNTIME_DIR": str(private / "runtime"), "IPYTHONDIR": str(private / "ipython")}
    log = private / "voila.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "newscase", "present", lesson, "--no-browser",
             f"--port={port}", *(["--lessons", str(lessons)] if lessons else [])],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)  # fmt: skip
    try:
        # The command says where the lesson is once Voilà listens.
        deadline = monotonic() + SERVER_START_TIMEOUT_S
        while not (shown := re.search(r"as an app at (http\S+)", log.read_text(errors="replace"))):
            if process.poll() is not None or monotonic() > deadline:
                raise LabError(f"python -m newscase present {lesson}: no app after "
                               f"{SERVER_START_TIMEOUT_S} s (exit code {process.poll()}):\n"
                               + log.read_text(errors="replace")[-3000:])
            sleep(0.25)
        yield shown[1]
    finally:
        stop_group(process)


def open_app(page, url: str, timeout_s: float = APP_SHOWN_TIMEOUT_S) -> str:
    """Load a lesson's app and wait until it shows, every cell run; the page's HTML as sent."""
    response = page.goto(url, timeout=timeout_s * 1000)
    if not wait_for(page, JS_APP_SHOWN, None, timeout_s, polling=500):
        raise LabError(f"{url}: the app did not show its cells within {timeout_s} s")
    return response.text()


@contextmanager
def served_lab(notebooks_dir: Path = NOTEBOOKS_DIR, data_dir: Path = DATA_DIR,
               workdir: Path | None = None) -> Iterator[LabServer]:
    """``build_served_tree`` and ``start_lab`` in fresh directories (under ``workdir``, or a
    temporary directory removed afterwards); the server stops on exit."""
    with tempfile.TemporaryDirectory(prefix="newscase-lab-", dir=workdir) as tmp:
        root, private = Path(tmp) / "served", Path(tmp) / "jupyter"
        root.mkdir()
        private.mkdir()
        build_served_tree(notebooks_dir, data_dir, root)
        server = start_lab(root, private)
        try:
            yield server
        finally:
            server.stop()


# --- the browser ---------------------------------------------------------------------------------


@contextmanager
def chromium(extra_args: Sequence[str] = ()):
    """A headless /usr/bin/chromium (a playwright ``Browser``) with ``CHROMIUM_ARGS`` and
    ``extra_args``, closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=[*CHROMIUM_ARGS, *extra_args])
        try:
            yield browser
        finally:
            browser.close()


# Every http(s) and ws(s) URL whose host is not loopback. data:, blob: and about: never touch the
# network. A URL with user info ("http://user@127.0.0.1/") counts as outside: blocking too much is
# safe. A pattern, not a Python predicate: Playwright matches a pattern in its driver and lets
# everything else through untouched, whereas a predicate sends every request, and every message
# of every websocket (the kernel's too), through this Python process and back, which added tens
# of milliseconds to each kernel round trip.
OUTSIDE = re.compile(r"^(?:https?|wss?)://(?!(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:[/?#]|$))",
                     re.IGNORECASE)


def stays_local(url: str) -> bool:
    """True for a URL the page may load: loopback, or no network at all."""
    return OUTSIDE.match(url) is None


@dataclass
class PageLog:
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def problems(self, since: tuple[int, int] = (0, 0)) -> list[str]:
        """What went wrong on the page, one line each: requests it tried beyond loopback and
        console errors, from ``since`` (``mark()`` taken before a step) on."""
        blocked, errors = since
        return ([f"blocked request to outside the machine: {url}"
                 for url in self.blocked[blocked:]]
                + [f"browser console error: {text}" for text in self.console_errors[errors:]])

    def mark(self) -> tuple[int, int]:
        return len(self.blocked), len(self.console_errors)


@contextmanager
def offline_page(browser, viewport: dict | None = None,
                 benign_console_errors: Sequence[re.Pattern[str]] = ()):
    """(page, PageLog): a fresh page in its own context that cannot reach beyond loopback and
    records what it tried (``log.blocked``) and the errors it logged (``log.console_errors``,
    except those matching ``benign_console_errors``). The context closes on exit."""
    context = browser.new_context(viewport=viewport or VIEWPORT)
    log = PageLog()

    def block(route) -> None:
        log.blocked.append(route.request.url)
        route.abort()

    def block_socket(socket_route) -> None:
        log.blocked.append(socket_route.url)
        socket_route.close()

    def record_console_error(message) -> None:
        if message.type != "error":
            return
        if any(pattern.search(message.text) for pattern in benign_console_errors):
            return
        url, line = message.location.get("url"), message.location.get("lineNumber")
        log.console_errors.append(f"{message.text} (at {url}:{line})" if url else message.text)

    try:
        context.route(OUTSIDE, block)
        context.route_web_socket(OUTSIDE, block_socket)
        page = context.new_page()
        page.on("console", record_console_error)
        page.on("pageerror", lambda error: log.console_errors.append(f"uncaught {error}"))
        yield page, log
    finally:
        context.close()


def wait_for(page, js: str, arg: object, timeout_s: float, polling: float | str = 250) -> bool:
    """Poll a JS predicate; False on timeout, so callers can fail with their own message."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(js, arg=arg, timeout=timeout_s * 1000, polling=polling)
    except PlaywrightTimeout:
        return False
    return True


# --- what the page shows -------------------------------------------------------------------------

# The execution indicator already says "idle" before the notebook has a kernel, and Run All then
# opens a "Select Kernel" dialog. So also wait for a connected, idle kernel.
JS_KERNEL_READY = """() => {
    const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
    const kernel = window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel;
    return indicator?.dataset.status === 'idle'
        && kernel?.connectionStatus === 'connected' && kernel.status === 'idle';
}"""

JS_PROMPTS = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
    .map(prompt => prompt.textContent.trim())"""

# Error outputs (nbformat output_type "error", mime type application/vnd.jupyter.error) come
# from the notebook model: in the DOM, JupyterLab 4.6 renders them exactly like a stderr
# stream (`.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]`), so a
# harmless warning would look the same.
JS_ERROR_OUTPUTS = """() => {
    const cells = window.jupyterapp?.shell.currentWidget?.content?.model?.cells;
    const errors = [];
    for (let i = 0; cells && i < cells.length; i++) {
        const outputs = cells.get(i).outputs;
        for (let j = 0; outputs && j < outputs.length; j++) {
            const output = outputs.get(j);
            if (output.type === 'error') errors.push({cell: i + 1, ...output.toJSON()});
        }
    }
    return errors;
}"""

# Finished when nothing is queued or running, and either every non-blank code cell has run or a
# cell raised (Run All stops there, so waiting for the rest would only run into the timeout).
JS_RUN_FINISHED = f"""(expected) => {{
    const prompts = ({JS_PROMPTS})();
    if (prompts.includes('[*]:')) return false;
    const ran = prompts.filter(text => /^\\[\\d+\\]:$/.test(text)).length;
    return ran >= expected || ({JS_ERROR_OUTPUTS})().length > 0;
}}"""

# A figure has drawn when plotly built its SVG and at least one trace: bars, markers and lines
# all produce a g.trace; the rest covers points, pies, heatmaps and choropleths.
JS_PLOTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => ({
    svg: plot.querySelector('.main-svg') !== null,
    traces: plot.querySelectorAll(
        'g.trace, g.point, path.js-line, .pielayer .slice, .hm, .choroplethlocation').length,
}))"""

JS_RENDERED = f"""() => !document.body.innerText.includes('Loading widget')
    && ({JS_PLOTS})().every(plot => plot.svg && plot.traces > 0)"""

# How far the last cell reaches below the visible notebook area. (The scroller's scrollHeight
# would overstate it: JupyterLab pads the notebook so one can scroll past the end.)
JS_HIDDEN_HEIGHT = """() => {
    const scroller = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
    const cells = document.querySelectorAll('.jp-NotebookPanel .jp-Cell');
    if (!scroller || cells.length === 0) return 0;
    const last = cells[cells.length - 1].getBoundingClientRect().bottom;
    return Math.ceil(last + scroller.scrollTop - scroller.getBoundingClientRect().bottom);
}"""


def code_cells_to_run(notebook: Path) -> list[str]:
    """The sources of the code cells Run All numbers (blank cells never get a number)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    sources = ("".join(cell["source"]) for cell in nb["cells"] if cell["cell_type"] == "code")
    return [source for source in sources if source.strip()]


def wait_until_idle(page, timeout_s: float = KERNEL_READY_TIMEOUT_S) -> bool:
    """Wait for the current notebook's kernel to be connected and idle; False on timeout."""
    return wait_for(page, JS_KERNEL_READY, None, timeout_s)


def open_notebook(page, lab: LabServer, notebook: Path) -> None:
    """Open notebooks/<notebook.name> and wait for a connected, idle kernel."""
    page.goto(lab.notebook_url(notebook.name))
    if not wait_until_idle(page, KERNEL_READY_TIMEOUT_S):
        raise LabError(f"no idle kernel after {KERNEL_READY_TIMEOUT_S} s")


def run_all(page, notebook: Path, timeout_s: float = RUN_ALL_TIMEOUT_S) -> None:
    """Run All from JupyterLab's Run menu, and wait until every code cell has a number (or a
    cell raised)."""
    page.locator('.lm-MenuBar-item:has-text("Run")').click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()

    expected = len(code_cells_to_run(notebook))
    if not wait_for(page, JS_RUN_FINISHED, expected, timeout_s):
        prompts = page.evaluate(JS_PROMPTS)
        unfinished = [i for i, text in enumerate(prompts, 1) if not re.match(r"\[\d+\]", text)]
        raise LabError(
            f"Run All did not finish within {timeout_s} s. Code cells without a number "
            f"(1-based): {unfinished}; prompts: {prompts}"
        )


def run_all_cells(page, lab: LabServer, notebook: Path) -> None:
    """``open_notebook`` then ``run_all``."""
    open_notebook(page, lab, notebook)
    run_all(page, notebook)


def error_outputs(page) -> list[dict]:
    """The error outputs in the open notebook's model: ``{cell, ename, evalue, traceback}``."""
    return page.evaluate(JS_ERROR_OUTPUTS)


def settle(page) -> None:
    """Make the page as tall as the notebook (for the screenshot), then give widgets and
    figures a grace period to draw. Whatever is still missing is for the caller to report."""
    # Run All leaves the notebook scrolled to its last cell; start the screenshot at the top.
    page.evaluate("() => document.querySelectorAll('.jp-WindowedPanel-outer, .jp-Notebook')"
                  ".forEach(el => { el.scrollTop = 0; })")
    hidden = page.evaluate(JS_HIDDEN_HEIGHT)
    if hidden > 0:
        viewport = page.viewport_size or VIEWPORT
        height = min(viewport["height"] + hidden + 100, MAX_PAGE_HEIGHT)
        page.set_viewport_size({"width": viewport["width"], "height": height})
    wait_for(page, JS_RENDERED, None, RENDER_GRACE_S)
    page.wait_for_timeout(500)  # one more beat for the final paint
