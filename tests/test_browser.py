"""Open every course notebook in a real JupyterLab, run it in headless Chromium, check what renders.

nbval checks the kernel side. This test checks what a student sees: widgets and plotly figures
really draw, the browser logs no errors, and the page fetches nothing from the internet.

It needs /usr/bin/chromium and the playwright package (never `playwright install`). Without them
it skips, unless NEWSCASE_REQUIRE_BROWSER=1, which turns the skip into a failure (for CI).
Screenshots land in test-artifacts/screenshots/<notebook>.png, also when a test fails.
The JupyterLab and Chromium machinery is bench/lab.py, shared with the benchmarks in bench/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import lab as harness
from bench.lab import (
    DATA_DIR,
    NOTEBOOKS_DIR,
    REPO,
    LabServer,
    PageLog,
    build_served_tree,
    code_cells_to_run,
    settle,
)
from conftest import failing_cleanly, running_lab
from newscase.authoring.lessons import TEMPLATES, write_lessons

SCREENSHOT_DIR = REPO / "test-artifacts" / "screenshots"

# A notebook whose code imports ipywidgets or a lesson topic of the course (each offers widget
# panels, which display ipywidgets) must show at least one widget. Matching the source is
# deliberately simple; it also catches `from newscase import load_article, reach` and
# parenthesised import lists.
TOPICS = r"(actors|timeline|reach|escalation|reading)"
USES_WIDGETS = re.compile(
    rf"\bipywidgets\b|\bnewscase\.{TOPICS}\b"
    rf"|\bfrom\s+newscase\s+import\s+(\([\w\s,]*|[\w \t,]*)\b{TOPICS}\b"
)

# Console errors that JupyterLab itself logs offline and that say nothing about the notebook.
# Each entry needs an exact pattern and a reason. None were needed with JupyterLab 4.6.6.
BENIGN_CONSOLE_ERRORS: list[re.Pattern[str]] = []


# The second article's lessons, as `python -m newscase lessons` writes them, run beside the
# course's own: served as notebooks/<article>-<lesson>.ipynb.
SECOND_ARTICLE = "practice-korea-2025-10-14"
GENERATED = [f"{SECOND_ARTICLE}-{name}.ipynb" for name in TEMPLATES]


def _notebooks() -> list[str]:
    return [p.name for p in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))] + GENERATED


def add_generated_lessons(root: Path) -> None:
    out = root / "generated"
    for path in write_lessons(root / "data" / "articles" / SECOND_ARTICLE, out):
        path.rename(root / "notebooks" / f"{SECOND_ARTICLE}-{path.name}")


# --- the JupyterLab server and the browser (bench/lab.py) ----------------------------------------


@pytest.fixture(scope="module")
def served(browser_available, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("served")
    build_served_tree(NOTEBOOKS_DIR, DATA_DIR, root)
    add_generated_lessons(root)
    return root


@pytest.fixture(scope="module")
def lab(served, tmp_path_factory) -> Iterator[LabServer]:
    with running_lab(served, tmp_path_factory) as server:
        yield server


@pytest.fixture
def page_and_log(browser):
    """A fresh page that cannot reach beyond loopback and records what it tried and logged."""
    with harness.offline_page(browser, benign_console_errors=BENIGN_CONSOLE_ERRORS) as page_log:
        yield page_log


def run_all_cells(page, lab: LabServer, notebook: Path) -> None:
    with failing_cleanly():
        harness.run_all_cells(page, lab, notebook)


def find_problems(page, log: PageLog, notebook: Path) -> list[str]:
    problems = []
    if log.blocked:
        urls = ", ".join(sorted(set(log.blocked)))
        problems.append(f"blocked requests to outside the machine: {urls}")
    for error in harness.error_outputs(page):
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
    for i, plot in enumerate(page.evaluate(harness.JS_PLOTS), 1):
        if not (plot["svg"] and plot["traces"]):
            problems.append(f"plotly figure {i} on the page did not draw: {plot}")
    uses_widgets = any(USES_WIDGETS.search(source) for source in code_cells_to_run(notebook))
    if uses_widgets and page.locator(".jp-Notebook .jupyter-widgets").count() == 0:
        problems.append("the code uses ipywidgets, but no widget is on the page")
    return problems


def _traceback(error: dict) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error.get("traceback", [])))
    return text[-2000:] or f"{error.get('ename')}: {error.get('evalue')}"


# --- the test ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", _notebooks())
def test_notebook_renders_in_browser(name: str, served: Path, lab: LabServer,
                                     page_and_log) -> None:
    notebook = served / "notebooks" / name
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


@pytest.mark.parametrize(("url", "local"), [
    ("http://127.0.0.1:8888/lab/tree/notebooks/03-range.ipynb", True),
    ("ws://127.0.0.1:8888/api/kernels/k/channels?session_id=s", True),
    ("http://localhost/static", True), ("http://[::1]:8888/", True), ("http://127.0.0.1", True),
    ("data:image/png;base64,AAAA", True), ("blob:http://127.0.0.1:8888/x", True),
    ("about:blank", True),
    ("https://cdn.plot.ly/un/world_110m.json", False), ("wss://example.org/socket", False),
    ("http://127.0.0.1.example.org/", False), ("http://localhost.example.org/", False),
    ("HTTPS://EXAMPLE.ORG/", False),
])
def test_only_loopback_and_local_schemes_get_through(url: str, local: bool) -> None:
    # The page's network filter is a pattern (bench.lab.OUTSIDE), matched inside Playwright.
    assert harness.stays_local(url) is local


RANGE_NOTEBOOK = NOTEBOOKS_DIR / "03-range.ipynb"
INTERACTION_TIMEOUT_MS = 30_000  # a kernel round trip and a redraw; generous for a busy machine


def test_range_slider_redraws_the_map_offline(lab: LabServer, page_and_log) -> None:
    """Notebook 03's range explorer works from the keyboard alone: Tab from the origin chooser
    reaches the range slider (named, its value read with its unit), the arrow keys and End move
    it, the map's title, its accessible name and the live summary follow, and focus stays on
    the slider; nothing is fetched from outside."""
    from playwright.sync_api import expect

    page, log = page_and_log
    try:
        try:
            run_all_cells(page, lab, RANGE_NOTEBOOK)
            explorer = page.locator(".jp-Notebook .nc-panel").filter(
                has=page.locator(".nc-slider", has_text="Range (km)")).filter(
                has=page.locator(".js-plotly-plot")).last
            title = explorer.locator(".js-plotly-plot text").filter(
                has_text=re.compile(r"^What [\d,]+ km \(")).first
            summary = explorer.locator("[role=status][aria-live=polite]").filter(
                has_text=re.compile(r"^From .* km \([\d,]+ mi\)")).first
            slider = explorer.get_by_role("slider", name="Range (km):")
            figure = explorer.locator("[role=figure]")
            expect(title).to_have_text(
                "What 306 km (190 mi) reaches, measured from the whole border",
                timeout=INTERACTION_TIMEOUT_MS)
            expect(summary).to_contain_text("306 km (190 mi)")
            expect(slider).to_have_attribute("aria-valuetext", "306 km")
            # the figure is named by its title and described by the summary's text
            expect(figure).to_have_accessible_name(re.compile(r"^What 306 km \(190 mi\)"))
            expect(figure).to_have_accessible_description(re.compile(r"^From the whole border"))
            # the plot's loose SVG labels are hidden from assistive tech: the name and the
            # description above stand for them
            expect(figure.locator("svg:not([aria-hidden=true])")).to_have_count(0)
            explorer.get_by_role("combobox", name="Measured from:").focus()
            page.keyboard.press("Tab")
            expect(slider).to_be_focused()
            for key, km, miles in (("ArrowRight", 307, 191), ("ArrowLeft", 306, 190),
                                   ("End", 500, 311)):
                page.keyboard.press(key)
                expect(title).to_have_text(
                    f"What {km} km ({miles} mi) reaches, measured from the whole border",
                    timeout=INTERACTION_TIMEOUT_MS)
                expect(summary).to_contain_text(f"From the whole border, {km} km ({miles} mi)",
                                                timeout=INTERACTION_TIMEOUT_MS)
                expect(slider).to_have_attribute("aria-valuetext", f"{km} km")
                expect(explorer.locator(".nc-slider-value")).to_have_text(f"{km} km")
                expect(figure).to_have_accessible_name(re.compile(rf"^What {km} km "))
                expect(slider).to_be_focused()
            # the focus ring: the course stylesheet's 2px dark outline
            outline = slider.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + "
                                      "getComputedStyle(el).outlineColor")
            assert outline == "solid rgb(26, 26, 26)", outline
            # trimmed mode bar: two buttons, no plotly logo link
            expect(explorer.locator(".modebar-btn")).to_have_count(2)
            expect(explorer.locator(".modebar a")).to_have_count(0)
        finally:
            SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOT_DIR / "03-range-slider.png")
        problems = log.problems()
    finally:
        lab.shutdown_kernels()
    if problems:
        pytest.fail("notebook 03's range slider:\n- " + "\n- ".join(problems), pytrace=False)


TIMELINE_NOTEBOOK = NOTEBOOKS_DIR / "02-timeline.ipynb"


def test_day_slider_moves_by_keyboard_and_its_caption_is_announced(lab: LabServer,
                                                                   page_and_log) -> None:
    """Notebook 02's day slider is a named slider whose value is read as a date; an arrow key
    moves it a day, the live caption under it follows, and focus stays on the slider."""
    from playwright.sync_api import expect

    page, log = page_and_log
    try:
        run_all_cells(page, lab, TIMELINE_NOTEBOOK)
        panel = page.locator(".jp-Notebook .nc-panel").filter(
            has=page.locator(".nc-slider", has_text="Day:")).first
        slider = panel.get_by_role("slider", name="Day:")
        caption = panel.locator("[role=status][aria-live=polite]").first
        expect(slider).to_have_attribute("aria-valuetext",
                                         re.compile(r"^17 Nov 2024 \(\d+ of \d+\)$"),
                                         timeout=INTERACTION_TIMEOUT_MS)
        expect(caption).to_contain_text("speak of 17 Nov 2024")
        slider.focus()
        page.keyboard.press("ArrowRight")
        expect(slider).to_have_attribute("aria-valuetext", re.compile(r"^18 Nov 2024 "))
        expect(caption).to_contain_text("18 Nov 2024", timeout=INTERACTION_TIMEOUT_MS)
        expect(slider).to_be_focused()
        problems = log.problems()
    finally:
        lab.shutdown_kernels()
    if problems:
        pytest.fail("notebook 02's day slider:\n- " + "\n- ".join(problems), pytrace=False)
