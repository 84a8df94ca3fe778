"""Open every course notebook in a real JupyterLab, run it in headless Chromium, check what renders.

nbval checks the kernel side. This test checks what a student sees: widgets and plotly figures
really draw, the browser logs no errors, and the page fetches nothing from the internet. It
needs /usr/bin/chromium and the playwright package (never `playwright install`). Without them
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
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
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
# Chromium cannot capture a taller page in one screenshot.
MAX_SCREENSHOT_HEIGHT = 16_000

SERVER_START_TIMEOUT_S = 60
KERNEL_IDLE_TIMEOUT_S = 60
RUN_ALL_TIMEOUT_S = 240
RENDER_GRACE_S = 15

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}

# Error outputs (mime type application/vnd.jupyter.error) are rendered by JupyterLab's text
# renderer under this mime type; plain stderr streams (e.g. warnings) are not, see
# `.jp-OutputArea-output` of a stream which has data-mime-type "application/vnd.jupyter.stderr"
# but lives in a `.jp-OutputArea-child` *without* the error marker.
ERROR_OUTPUT_SELECTOR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'

# A notebook that mentions these must show at least one ipywidgets view. Matching the saved
# source is deliberately simple: import lines and `newscase.widgets` helpers both hit it.
USES_WIDGETS = re.compile(r"\bipywidgets\b|\bnewscase\.widgets\b|\bfrom newscase import widgets\b")

# Console errors that JupyterLab itself logs offline and that say nothing about the notebook.
# Keep this list minimal: every entry needs a reason.
BENIGN_CONSOLE_ERRORS: list[re.Pattern[str]] = []


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


# --- skip or fail when the browser is missing ---------------------------------------------------


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
    pytest.skip(f"browser test skipped: {reason} (set NEWSCASE_REQUIRE_BROWSER=1 to fail)")


# --- the JupyterLab server -----------------------------------------------------------------------


def build_served_tree(notebooks_dir: Path, data_dir: Path, root: Path) -> None:
    """Lay out root/notebooks (a copy) and root/data (a symlink), so the run never writes into
    the checkout. Saved outputs are stripped so every prompt starts as [ ]: and every output
    on screen comes from this run."""
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
        # Attach every cell to the DOM, so long notebooks render completely (the default
        # "contentVisibility" skips drawing off-screen cells).
        "notebook-extension/tracker": {"windowingMode": "none"},
        # Nobody edits here; autosave would only produce "file changed" dialogs.
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
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def stop(self) -> None:
        # The server has its own process group; kernels run in sessions of their own but shut
        # down with the server (and exit by themselves when their parent dies).
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass


def start_lab(root: Path, private: Path) -> LabServer:
    """Start `jupyter lab` on a free loopback port, serving root, with private Jupyter dirs."""
    token = secrets.token_hex(16)
    port = _free_port()
    dirs = {
        name: private / name.lower()
        for name in (
            "JUPYTER_CONFIG_DIR",
            "JUPYTER_DATA_DIR",
            "JUPYTER_RUNTIME_DIR",
            "JUPYTERLAB_SETTINGS_DIR",
            "JUPYTERLAB_WORKSPACES_DIR",
            "IPYTHONDIR",
        )
    }
    for path in dirs.values():
        path.mkdir(parents=True)
    _write_lab_settings(dirs["JUPYTERLAB_SETTINGS_DIR"])
    env = {**os.environ, **{k: str(v) for k, v in dirs.items()}, "JUPYTER_TOKEN": token}
    command = [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]  # fmt: skip
    log = private / "jupyter-lab.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, cwd=root, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    server = LabServer(f"http://127.0.0.1:{port}", token, process, log)
    try:
        _wait_until_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_ready(server: LabServer) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            server.api("GET", "/api/status")
            return
        except OSError:
            time.sleep(0.25)
    tail = server.log.read_text(errors="replace")[-3000:]
    pytest.fail(
        f"JupyterLab did not answer /api/status within {SERVER_START_TIMEOUT_S} s "
        f"(exit code {server.process.poll()}). Server log:\n{tail}",
        pytrace=False,
    )


@pytest.fixture(scope="module")
def lab(browser_available, tmp_path_factory) -> LabServer:
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
        return True  # data:, blob:, about: never touch the network
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

    def block_socket(ws) -> None:
        log.blocked.append(ws.url)
        ws.close()

    context.route(lambda url: not _stays_local(url), block)
    context.route_web_socket(lambda url: not _stays_local(url), block_socket)
    page = context.new_page()
    page.on("console", lambda msg: _record_console(log, msg))
    page.on("pageerror", lambda exc: log.console_errors.append(f"uncaught: {exc}"))
    yield page, log
    context.close()


def _record_console(log: PageLog, msg) -> None:
    if msg.type != "error":
        return
    text = f"{msg.text} (at {msg.location.get('url', '?')}:{msg.location.get('lineNumber', '?')})"
    if not any(pattern.search(msg.text) for pattern in BENIGN_CONSOLE_ERRORS):
        log.console_errors.append(text)


# --- driving JupyterLab ----------------------------------------------------------------------------

JS_PROMPTS = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
    .map(p => p.textContent.trim())"""

# Done when nothing is queued or running and either every non-empty code cell has run, or a
# cell raised (run-all stops there, so waiting on the rest would only hit the timeout).
JS_RUN_FINISHED = """([expected, errorSelector]) => {
    const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
        .map(p => p.textContent.trim());
    if (prompts.includes('[*]:')) return false;
    const ran = prompts.filter(t => /^\\[\\d+\\]:$/.test(t)).length;
    return ran >= expected || document.querySelector(errorSelector) !== null;
}"""

# A figure has drawn when plotly built its SVG and at least one trace (bars, markers, lines,
# pies, heatmaps all produce one of these).
JS_PLOTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => ({
    svg: plot.querySelector('.main-svg') !== null,
    traces: plot.querySelectorAll(
        'g.trace, g.point, path.js-line, .hm, .pielayer .slice, .choroplethlocation').length,
}))"""


def _code_cells_to_run(notebook: Path) -> list[str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    sources = ("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    # JupyterLab does not execute blank cells; their prompt stays [ ]:.
    return [source for source in sources if source.strip()]


def run_all_cells(page, lab: LabServer, notebook: Path) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(f"{lab.url}/lab/tree/notebooks/{notebook.name}?token={lab.token}&reset")
    try:
        page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(
            timeout=KERNEL_IDLE_TIMEOUT_S * 1000
        )
    except PlaywrightTimeout:
        pytest.fail(f"{notebook.name}: the kernel never became idle", pytrace=False)

    page.locator('.lm-MenuBar-item:has-text("Run")').click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()

    expected = len(_code_cells_to_run(notebook))
    try:
        page.wait_for_function(
            JS_RUN_FINISHED, arg=[expected, ERROR_OUTPUT_SELECTOR],
            timeout=RUN_ALL_TIMEOUT_S * 1000, polling=250,
        )  # fmt: skip
    except PlaywrightTimeout:
        prompts = page.evaluate(JS_PROMPTS)
        stuck = [i for i, p in enumerate(prompts, 1) if not re.fullmatch(r"\[\d+\]:", p)]
        pytest.fail(
            f"{notebook.name}: run-all did not finish within {RUN_ALL_TIMEOUT_S} s. "
            f"Code cells not done (1-based): {stuck}; prompts: {prompts}",
            pytrace=False,
        )


def settle(page) -> None:
    """Grow the viewport to the notebook's length, then give widgets and figures a moment."""
    overflow = page.evaluate(
        """() => { const s = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
                   return s ? s.scrollHeight - s.clientHeight : 0; }"""
    )
    if overflow > 0:
        height = min(VIEWPORT["height"] + overflow + 100, MAX_SCREENSHOT_HEIGHT)
        page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    try:
        page.wait_for_function(
            f"""() => !document.body.innerText.includes('Loading widget')
                      && ({JS_PLOTS})().every(p => p.svg && p.traces > 0)""",
            timeout=RENDER_GRACE_S * 1000,
        )
    except Exception:  # noqa: BLE001 - the checks below report what is still missing
        pass
    page.wait_for_timeout(500)


# --- checks ----------------------------------------------------------------------------------------


def find_problems(page, log: PageLog, notebook: Path) -> list[str]:
    problems = []
    if log.blocked:
        problems.append(
            "the page tried to reach the internet (blocked): " + ", ".join(sorted(set(log.blocked)))
        )
    errors = page.locator(ERROR_OUTPUT_SELECTOR).all_inner_texts()
    for text in errors:
        problems.append(f"error output in a cell:\n{_tail(text)}")
    body = page.evaluate("() => document.body.innerText")
    for marker in ("Error displaying widget", "Loading widget"):
        if marker in body:
            problems.append(f"the page shows {marker!r}")
    problems += [f"browser console error: {text}" for text in log.console_errors]
    for i, plot in enumerate(page.evaluate(JS_PLOTS), 1):
        if not (plot["svg"] and plot["traces"]):
            problems.append(f"plotly figure #{i} did not draw (svg: {plot['svg']}, traces: 0)")
    uses_widgets = any(USES_WIDGETS.search(src) for src in _code_cells_to_run(notebook))
    if uses_widgets and page.locator(".jp-Notebook .jupyter-widgets").count() == 0:
        problems.append("the notebook uses ipywidgets but no widget is on the page")
    return problems


def _tail(text: str, limit: int = 1500) -> str:
    return text if len(text) <= limit else "..." + text[-limit:]


# --- the test ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("notebook", _notebooks(), ids=lambda path: path.name)
def test_notebook_renders_in_browser(notebook: Path, lab: LabServer, page_and_log) -> None:
    page, log = page_and_log
    try:
        try:
            run_all_cells(page, lab, notebook)
            settle(page)
        finally:
            SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOT_DIR / f"{notebook.stem}.png", full_page=True)
        problems = find_problems(page, log, notebook)
    finally:
        lab.shutdown_kernels()  # one kernel at a time keeps a 2-core machine responsive
    assert not problems, f"{notebook.name} in JupyterLab:\n- " + "\n- ".join(problems)
