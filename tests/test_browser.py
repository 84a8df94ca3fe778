"""Open every course notebook in a real JupyterLab, run it in headless Chromium, check what renders.

nbval checks the kernel side. This test checks what a student sees: widgets and plotly figures
really draw, the browser logs no errors, and the page fetches nothing from the internet.

It needs /usr/bin/chromium and the playwright package (never `playwright install`). Without them
it skips, unless NEWSCASE_REQUIRE_BROWSER=1, which turns the skip into a failure (for CI).
Screenshots land in test-artifacts/screenshots/<notebook>.png, also when a test fails.
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
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from time import monotonic, sleep
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = REPO / "notebooks"
DATA_DIR = REPO / "data"
SCREENSHOT_DIR = REPO / "test-artifacts" / "screenshots"
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

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}

# A notebook whose code imports ipywidgets or the course's widget helpers (which display
# ipywidgets) must show at least one widget. Matching the source is deliberately simple; it
# also catches `from newscase import checks, widgets` and parenthesised import lists.
USES_WIDGETS = re.compile(
    r"\bipywidgets\b|\bnewscase\.widgets\b"
    r"|\bfrom\s+newscase\s+import\s+(\([\w\s,]*|[\w \t,]*)\bwidgets\b"
)

# Console errors that JupyterLab itself logs offline and that say nothing about the notebook.
# Each entry needs an exact pattern and a reason. None were needed with JupyterLab 4.6.6.
BENIGN_CONSOLE_ERRORS: list[re.Pattern[str]] = []


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


# --- skip or fail when the browser is missing ----------------------------------------------------


def _browser_missing_reason() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "the playwright Python package is not installed"
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is not installed (Debian: apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser_available() -> None:
    reason = _browser_missing_reason()
    if reason is None:
        return
    if os.environ.get("NEWSCASE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NEWSCASE_REQUIRE_BROWSER=1, but {reason}", pytrace=False)
    pytest.skip(f"{reason} (set NEWSCASE_REQUIRE_BROWSER=1 to fail instead)")


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


def _free_port() -> int:
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

    def shutdown_kernels(self) -> None:
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def stop(self) -> None:
        # SIGTERM lets the server shut its kernels down; they also exit when their parent dies.
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass


def start_lab(root: Path, private: Path) -> LabServer:
    """Start the venv's `jupyter lab` on a free loopback port, serving root, with private
    config, data, runtime, settings, workspace and IPython dirs under private."""
    token = secrets.token_hex(16)
    port = _free_port()
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
    pytest.fail(
        f"JupyterLab did not answer /api/status within {SERVER_START_TIMEOUT_S} s "
        f"(exit code {server.process.poll()}). End of its log:\n"
        + server.log.read_text(errors="replace")[-3000:],
        pytrace=False,
    )


@pytest.fixture(scope="module")
def lab(browser_available, tmp_path_factory) -> Iterator[LabServer]:
    root = tmp_path_factory.mktemp("served")
    build_served_tree(NOTEBOOKS_DIR, DATA_DIR, root)
    server = start_lab(root, tmp_path_factory.mktemp("jupyter"))
    yield server
    server.stop()


# --- the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(browser_available):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _stays_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return True  # data:, blob: and about: never touch the network
    return parts.hostname in LOOPBACK_HOSTS


@dataclass
class PageLog:
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def page_and_log(browser):
    """A fresh page that cannot reach beyond loopback and records what it tried and logged."""
    context = browser.new_context(viewport=VIEWPORT)
    log = PageLog()

    def block(route) -> None:
        log.blocked.append(route.request.url)
        route.abort()

    def block_socket(socket_route) -> None:
        log.blocked.append(socket_route.url)
        socket_route.close()

    context.route(lambda url: not _stays_local(url), block)
    context.route_web_socket(lambda url: not _stays_local(url), block_socket)
    page = context.new_page()
    page.on("console", lambda message: _record_console_error(log, message))
    page.on("pageerror", lambda error: log.console_errors.append(f"uncaught {error}"))
    yield page, log
    context.close()


def _record_console_error(log: PageLog, message) -> None:
    if message.type != "error":
        return
    if any(pattern.search(message.text) for pattern in BENIGN_CONSOLE_ERRORS):
        return
    url, line = message.location.get("url"), message.location.get("lineNumber")
    log.console_errors.append(f"{message.text} (at {url}:{line})" if url else message.text)


def _wait_for(page, js: str, arg: object, timeout_s: float) -> bool:
    """Poll a JS predicate; False on timeout, so callers can fail with their own message."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(js, arg=arg, timeout=timeout_s * 1000, polling=250)
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


def _code_cells_to_run(notebook: Path) -> list[str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    sources = ("".join(cell["source"]) for cell in nb["cells"] if cell["cell_type"] == "code")
    return [source for source in sources if source.strip()]  # blank cells never get a number


def run_all_cells(page, lab: LabServer, notebook: Path) -> None:
    page.goto(f"{lab.url}/lab/tree/notebooks/{notebook.name}?token={lab.token}&reset")
    if not _wait_for(page, JS_KERNEL_READY, None, KERNEL_READY_TIMEOUT_S):
        pytest.fail(f"no idle kernel after {KERNEL_READY_TIMEOUT_S} s", pytrace=False)

    page.locator('.lm-MenuBar-item:has-text("Run")').click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()

    expected = len(_code_cells_to_run(notebook))
    if not _wait_for(page, JS_RUN_FINISHED, expected, RUN_ALL_TIMEOUT_S):
        prompts = page.evaluate(JS_PROMPTS)
        unfinished = [i for i, text in enumerate(prompts, 1) if not re.match(r"\[\d+\]", text)]
        pytest.fail(
            f"Run All did not finish within {RUN_ALL_TIMEOUT_S} s. Code cells without a number "
            f"(1-based): {unfinished}; prompts: {prompts}",
            pytrace=False,
        )


def settle(page) -> None:
    """Make the page as tall as the notebook (for the screenshot), then give widgets and
    figures a grace period to draw. Whatever is still missing is reported by find_problems."""
    # Run All leaves the notebook scrolled to its last cell; start the screenshot at the top.
    page.evaluate("() => document.querySelectorAll('.jp-WindowedPanel-outer, .jp-Notebook')"
                  ".forEach(el => { el.scrollTop = 0; })")
    hidden = page.evaluate(JS_HIDDEN_HEIGHT)
    if hidden > 0:
        height = min(VIEWPORT["height"] + hidden + 100, MAX_PAGE_HEIGHT)
        page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    _wait_for(page, JS_RENDERED, None, RENDER_GRACE_S)
    page.wait_for_timeout(500)  # one more beat for the final paint


def find_problems(page, log: PageLog, notebook: Path) -> list[str]:
    problems = []
    if log.blocked:
        urls = ", ".join(sorted(set(log.blocked)))
        problems.append(f"blocked requests to outside the machine: {urls}")
    for error in page.evaluate(JS_ERROR_OUTPUTS):
        problems.append(f"cell {error['cell']} (counting all cells) raised:\n{_traceback(error)}")
    body = page.evaluate("() => document.body.innerText")
    for marker in ("Error displaying widget", "Loading widget"):
        if marker in body:
            problems.append(f"the page shows {marker!r}")
    # ipywidgets 8 draws a view that failed to render as a broken-page icon, with no text.
    broken = page.locator(".jupyter-widgets-error-widget").count()
    if broken:
        problems.append(f"{broken} widget(s) show ipywidgets' 'Click to show javascript error'")
    problems += [f"browser console error: {text}" for text in log.console_errors]
    for i, plot in enumerate(page.evaluate(JS_PLOTS), 1):
        if not (plot["svg"] and plot["traces"]):
            problems.append(f"plotly figure {i} on the page did not draw: {plot}")
    uses_widgets = any(USES_WIDGETS.search(source) for source in _code_cells_to_run(notebook))
    if uses_widgets and page.locator(".jp-Notebook .jupyter-widgets").count() == 0:
        problems.append("the code uses ipywidgets, but no widget is on the page")
    return problems


def _traceback(error: dict) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error.get("traceback", [])))
    return text[-2000:] or f"{error.get('ename')}: {error.get('evalue')}"


# --- the test ------------------------------------------------------------------------------------


@pytest.mark.parametrize("notebook", _notebooks(), ids=lambda path: path.name)
def test_notebook_renders_in_browser(notebook: Path, lab: LabServer, page_and_log) -> None:
    page, log = page_and_log
    try:
        try:
            run_all_cells(page, lab, notebook)
            settle(page)
        finally:  # a screenshot also for runs that time out
            SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOT_DIR / f"{notebook.stem}.png", full_page=True)
        problems = find_problems(page, log, notebook)
    finally:
        lab.shutdown_kernels()  # one kernel at a time keeps a small machine responsive
    if problems:
        pytest.fail(f"{notebook.name} in JupyterLab:\n- " + "\n- ".join(problems), pytrace=False)
