"""App mode: each lesson shown as a Voilà app for the classroom projector.

The browser tests run the command a teacher runs (``python -m newscase present NN``, which
``make present`` calls) and the route a Binder link takes (JupyterLab's Voilà server extension,
``/voila/render/notebooks/NN-....ipynb``), each a real Voilà on loopback, in a real headless
Chromium that cannot reach beyond the machine. For every lesson: the page shows no code, no
Try-it and no prose about running cells; every widget and figure the kernel sent is drawn;
nothing is fetched from outside and the console has no error; the type is large; axe-core finds
no WCAG 2.2 AA violation in the course's output. Lesson 03's range slider moves the map, the
High contrast switch works from the keyboard and stays chosen, and a lesson generated for another
article (``python -m newscase lessons``) runs as an app the same way.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import failing_cleanly, running_lab
from newscase.authoring.lessons import write_lessons
from newscase.present import app_mode
from newscase.present.app_mode import LEFT_OUT, NOT_IN_APP, TRY_IT, PresentError

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("0[0-4]-*.ipynb"))
DRAW_MS = 120_000

JS_FONT_PX = "selector => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize)"
JS_COLOUR = """selector => getComputedStyle(document.querySelector(selector)).color"""


# --- finding a lesson, installing the template ---------------------------------------------------


@pytest.mark.parametrize("asked", ["03", "3", "03-range", "03-range.ipynb", " 03 "])
def test_a_lesson_is_found_by_its_number_or_name(asked: str) -> None:
    assert app_mode.find_lesson(asked, NOTEBOOKS) == NOTEBOOKS / "03-range.ipynb"


@pytest.mark.parametrize(("asked", "says"), [
    ("9", "no lesson '9' in"), ("range", "no lesson 'range' in"), ("", "say which lesson")])
def test_an_unknown_lesson_names_the_ones_there(asked: str, says: str) -> None:
    with pytest.raises(PresentError) as error:
        app_mode.find_lesson(asked, NOTEBOOKS)
    message = str(error.value)
    assert says in message
    assert all(lesson.stem in message for lesson in LESSONS)
    assert "make present LESSON=03" in message


def test_a_folder_without_lessons_says_to_give_one(tmp_path: Path) -> None:
    with pytest.raises(PresentError, match="no lesson notebooks.*--lessons"):
        app_mode.find_lesson("03", tmp_path)


def test_the_command_fails_in_one_line_for_an_unknown_lesson() -> None:
    result = subprocess.run([sys.executable, "-m", "newscase", "present", "7", "--no-browser"],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "choose one of: 00-start-here" in result.stderr


def test_install_replaces_an_older_template_whole(tmp_path: Path) -> None:
    stale = tmp_path / app_mode.TEMPLATE_NAME / "static" / "gone.css"
    stale.parent.mkdir(parents=True)
    stale.write_text("/* from an older course */")
    target = app_mode.install_template(tmp_path)
    assert target == tmp_path / "newscase"
    assert not stale.exists()
    shipped = {p.relative_to(app_mode.TEMPLATE_SOURCE) for p in
               app_mode.TEMPLATE_SOURCE.rglob("*") if p.is_file()}
    assert {p.relative_to(target) for p in target.rglob("*") if p.is_file()} == shipped
    assert [p.name for p in tmp_path.iterdir()] == ["newscase"]  # no staging folder left
    # Readable by everyone: a hub image installs it as root for students who are not.
    assert all(p.stat().st_mode & 0o005 == 0o005 for p in [target, *target.rglob("*")]
               if p.is_dir())
    assert all(p.stat().st_mode & 0o004 for p in target.rglob("*") if p.is_file())


def test_the_template_leaves_out_the_tags_the_lessons_use() -> None:
    conf = json.loads((app_mode.TEMPLATE_SOURCE / "conf.json").read_text(encoding="utf-8"))
    (remover,) = conf["preprocessors"].values()
    assert remover["type"] == "nbconvert.preprocessors.TagRemovePreprocessor"
    assert remover["enabled"] is True
    assert sorted(remover["remove_cell_tags"]) == sorted(LEFT_OUT) == [NOT_IN_APP, TRY_IT]


# --- the lessons as apps, in a real Voilà and a real Chromium ------------------------------------


def check_app(page, log, html: str, lesson: Path) -> dict:
    """What every lesson's app must be; returns what it drew."""
    from playwright.sync_api import expect

    from bench import lab as harness

    sent = harness.app_outputs(html)
    assert sent["errors"] == 0, f"{lesson.name}: a cell raised in the app"
    # Voilà stops at a cell that raises: the lesson's last heading shows it ran to the end.
    expect(page.get_by_role("heading", name="What's next")).to_be_visible()
    harness.wait_for(page, harness.JS_APP_ALL_DRAWN, sent, DRAW_MS / 1000)
    drawn = page.evaluate(harness.JS_APP_DRAWN)
    assert (drawn["widgets"], drawn["static_figures"], drawn["figure_views_drawn"]) == (
        sent["widgets"], sent["static_figures"], drawn["figure_views"]), \
        f"{lesson.name}: the kernel sent {sent}; the page drew {drawn}"
    assert drawn["code_editors"] == 0 and drawn["widget_errors"] == 0, drawn
    assert page.evaluate(harness.JS_UNTIED_FIGURES) == [], f"{lesson.name}: figures not tied"
    # No Try-it, no check feedback, no prose about running cells, no code.
    text = page.locator("#rendered_cells").inner_text()
    assert not page.get_by_role("heading", name=re.compile(r"^Try it")).count()
    assert not page.get_by_role("heading", name="Imports", exact=True).count()
    for leftover in ("Not yet:", "art.check(", "Run this cell first", "Replace None"):
        assert leftover not in text, f"{lesson.name}: the app shows {leftover!r}"
    # Large type for the back of the room.
    assert page.evaluate(JS_FONT_PX, "#rendered_cells .jp-RenderedMarkdown p") >= 20
    assert log.problems() == [], f"{lesson.name}: {log.problems()}"
    return drawn


def assert_no_axe_violations(page, axe_source: str, what: str) -> None:
    from bench import axe

    results = axe.run_axe(page, axe_source, scope=f"{axe.COURSE_SCOPE}, .nc-app-bar")
    inside, _ = axe.split_by_scope(results["violations"])
    assert results["scopeElements"] > 0
    assert not inside, f"{what}: axe-core finds:\n{axe.describe(inside)}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_each_lesson_runs_as_an_app(lesson: Path, browser, axe_source: str, tmp_path: Path) -> None:
    from bench import lab as harness

    number = lesson.stem.split("-")[0]
    with failing_cleanly(), harness.presenting(number, tmp_path) as url, \
            harness.offline_page(browser) as (page, log):
        html = harness.open_app(page, url)
        check_app(page, log, html, lesson)
        assert_no_axe_violations(page, axe_source, f"{lesson.name} as an app")
        if number == "03":
            move_the_range_slider(page)
            # The lessons' own links open the others as apps: Voilà serves the whole folder.
            linked = page.locator("#rendered_cells a[href$='00-start-here.ipynb']").first
            assert linked.evaluate("a => a.href") == url.replace("03-range", "00-start-here")
        assert log.problems() == [], f"{lesson.name}: {log.problems()}"


def move_the_range_slider(page) -> None:
    """Lesson 03's explorer: End on the range slider takes it to its maximum, and the map's
    description and its drawn data follow."""
    from playwright.sync_api import expect

    slider = page.get_by_role("slider", name=re.compile(r"^Range"))
    figure = page.locator(".nc-figure").first
    described = figure.evaluate("f => document.getElementById("
                                "f.getAttribute('aria-describedby')).textContent")
    drawn = figure.evaluate("f => JSON.stringify(f.querySelector('.js-plotly-plot').data)")
    slider.focus()
    page.keyboard.press("End")
    expect(slider).to_have_attribute("aria-valuetext", re.compile(r"km"))
    page.wait_for_function(
        """([f, before]) => document.getElementById(f.getAttribute('aria-describedby'))
            .textContent !== before""", arg=[figure.element_handle(), described],
        timeout=DRAW_MS)
    page.wait_for_function(
        """([f, before]) => JSON.stringify(f.querySelector('.js-plotly-plot').data) !== before""",
        arg=[figure.element_handle(), drawn], timeout=DRAW_MS)
    expect(slider).to_be_focused()


def test_high_contrast_by_keyboard_and_kept_for_the_next_lesson(browser, axe_source: str,
                                                               tmp_path: Path) -> None:
    """Tab to High contrast and press Space: black text, the switch says it is on, axe is
    content; the next app opened in this browser starts in high contrast."""
    from playwright.sync_api import expect

    from bench import lab as harness

    with failing_cleanly(), harness.presenting("00", tmp_path) as url, \
            harness.offline_page(browser) as (page, log):
        harness.open_app(page, url)
        switch = page.get_by_role("button", name="High contrast", exact=True)
        expect(switch).to_have_attribute("aria-pressed", "false")
        prose = "#rendered_cells .jp-RenderedMarkdown p"
        assert page.evaluate(JS_COLOUR, prose) != "rgb(0, 0, 0)"
        page.keyboard.press("Tab")  # the switch is the page's first control
        expect(switch).to_be_focused()
        page.keyboard.press("Space")
        expect(switch).to_have_attribute("aria-pressed", "true")
        assert page.evaluate(JS_COLOUR, prose) == "rgb(0, 0, 0)"
        assert_no_axe_violations(page, axe_source, "lesson 00 in high contrast")
        page.reload()
        assert harness.wait_for(page, harness.JS_APP_SHOWN, None, harness.APP_SHOWN_TIMEOUT_S)
        expect(switch).to_have_attribute("aria-pressed", "true")
        assert page.evaluate(JS_COLOUR, prose) == "rgb(0, 0, 0)"
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(switch).to_have_attribute("aria-pressed", "false")
        assert log.problems() == [], log.problems()


def test_lessons_made_for_another_article_run_as_apps_too(browser, tmp_path: Path) -> None:
    """``python -m newscase lessons`` then ``present 04 --lessons``: the generated lesson names
    the template and tags its Try-its, so its app leaves them out as the course's does."""
    from bench import lab as harness

    lessons = write_lessons(REPO / "data" / "articles" / "practice-korea-2025-10-14",
                            tmp_path / "lessons")
    lesson = next(path for path in lessons if path.name.startswith("04-"))
    with failing_cleanly(), harness.presenting("04", tmp_path, lessons=lesson.parent) as url, \
            harness.offline_page(browser) as (page, log):
        check_app(page, log, harness.open_app(page, url), lesson)


def test_the_binder_link_renders_a_lesson_with_the_course_template(
        browser, tmp_path_factory) -> None:
    """``urlpath=voila/render/notebooks/03-range.ipynb``: JupyterLab's Voilà server extension
    picks the course's template from the notebook's metadata, with no option given."""
    from bench import lab as harness

    root = tmp_path_factory.mktemp("served")
    harness.build_served_tree(NOTEBOOKS, REPO / "data", root)
    lesson = NOTEBOOKS / "03-range.ipynb"
    with running_lab(root, tmp_path_factory) as lab, harness.offline_page(browser) as (page,
                                                                                       log):
        html = harness.open_app(page, f"{lab.url}/voila/render/notebooks/{lesson.name}"
                                      f"?token={lab.token}")
        check_app(page, log, html, lesson)
        assert page.get_by_role("button", name="High contrast").count() == 1
