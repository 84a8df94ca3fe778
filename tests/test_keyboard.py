"""Every widget panel of the five lessons, taken with the keyboard alone, in a real JupyterLab.

Issue 15 asks for "a keyboard-only test per widget panel: reach each control by Tab, change it
with the arrow keys or typing, and assert the figure or feedback updated and focus stayed put".
Each test here runs on the real lesson notebook after Run All, in headless Chromium
(bench/lab.py). It puts focus on the panel's first control once, to start, and from then on
uses only the keyboard: Tab and Shift+Tab to go from control to control, the arrow keys, Home,
End, typing, Space and Enter to change them. After each key it checks

- that focus is on the control it should be on, found by its role and accessible name (what a
  screen reader says); JupyterLab takes some keys for its own shortcuts and moves focus to a
  cell, and that is caught here;
- that the change had its effect: the live caption or feedback (``role=status``), the
  highlighted text, the card, the figure's data or its description, the slider's spoken value;
- that focus is still on the control once the kernel has answered.

The two panels tests/test_browser.py already takes by keyboard (lesson 03's range slider,
lesson 02's day slider) are not repeated. Lesson 00's and 02's "Date the article" are the same
panel (``take_date_exercise``), taken in both lessons.

One JupyterLab server and one browser page serve the module, and each notebook is run once for
all of its panels (``Lessons.open``): the tests of one notebook follow each other in this file.
The expected captions and cards are worked out with the course's own functions, on the article
the lessons load.

Like tests/test_browser.py it skips without Chromium and playwright, unless
NEWSCASE_REQUIRE_BROWSER=1 (CI). A screenshot of each panel's notebook lands in
test-artifacts/screenshots/keyboard-<test>.png, also when a test fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bench import lab as harness
from bench.lab import DATA_DIR, NOTEBOOKS_DIR, REPO, LabServer, build_served_tree
from conftest import failing_cleanly, running_lab

SCREENSHOT_DIR = REPO / "test-artifacts" / "screenshots"
ANSWER_MS = 30_000  # a kernel round trip and a redraw; generous for a busy machine
# Focus moves at once, but finding a control by its accessible name means computing the names
# of the whole notebook page, which is slow on a loaded machine. Waiting costs time only on
# failure.
FOCUS_MS = 15_000

# What has focus, as a person would say it: the element's role-ish tag and accessible name.
JS_FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing (the page body)';
    const name = el.getAttribute('aria-label') || el.labels?.[0]?.textContent
        || el.getAttribute('data-title') || el.textContent || '';
    const cell = el.closest('.jp-Cell') && !el.closest('.jp-OutputArea')
        ? ' (a notebook cell)' : '';
    return `${el.tagName.toLowerCase()}${el.type ? '[' + el.type + ']' : ''} `
        + `"${name.trim().slice(0, 80)}"${cell}`;
}"""

# How many of the plotly figure's markers are faded (opacity below 1), from the data plotly.js
# drew with: what the argument map's filters change.
JS_FADED = """figure => figure.querySelector('.js-plotly-plot').data
    .flatMap(trace => Array.isArray(trace.marker?.opacity) ? trace.marker.opacity : [])
    .filter(opacity => opacity < 1).length"""

# The text of the element that describes a figure (aria-describedby).
JS_DESCRIPTION = """figure => document.getElementById(figure.getAttribute('aria-describedby'))
    ?.textContent ?? null"""


# --- one server, one page, one Run All per notebook ----------------------------------------------


class Lessons:
    """The module's page, on which one lesson notebook at a time is open after Run All."""

    def __init__(self, lab: LabServer, page, log) -> None:
        self.lab, self.page, self.log = lab, page, log
        self.current: str | None = None

    def open(self, name: str):
        """The page, with notebooks/<name> open after Run All; run once for all its tests."""
        if self.current != name:
            self.current = None
            self.lab.shutdown_kernels()  # one kernel at a time keeps a small machine responsive
            with failing_cleanly():
                harness.run_all_cells(self.page, self.lab, NOTEBOOKS_DIR / name)
            errors = harness.error_outputs(self.page)
            if errors:
                pytest.fail(f"{name}: Run All raised in cell {errors[0]['cell']}: "
                            f"{errors[0].get('ename')}: {errors[0].get('evalue')}", pytrace=False)
            self.current = name
        return self.page


@pytest.fixture(scope="module")
def lab(browser_available, tmp_path_factory) -> Iterator[LabServer]:
    root = tmp_path_factory.mktemp("served")
    build_served_tree(NOTEBOOKS_DIR, DATA_DIR, root)
    with running_lab(root, tmp_path_factory) as server:
        yield server


@pytest.fixture(scope="module")
def lessons(lab) -> Iterator[Lessons]:
    with harness.chromium() as browser, harness.offline_page(browser) as (page, log):
        yield Lessons(lab, page, log)


@pytest.fixture
def lesson(lessons, request) -> Iterator[Lessons]:
    """The shared page; afterwards a screenshot, and a failure for anything fetched from
    outside the machine or logged as an error during the test."""
    before = lessons.log.mark()
    try:
        yield lessons
    finally:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "-", request.node.name.removeprefix("test_"))
        lessons.page.screenshot(path=SCREENSHOT_DIR / f"keyboard-{name}.png")
    problems = lessons.log.problems(since=before)
    if problems:
        pytest.fail("\n- ".join(["during the test:", *problems]), pytrace=False)


# --- keys and what they must do ------------------------------------------------------------------


def focused(page) -> str:
    return page.evaluate(JS_FOCUS)


def expect_focus(page, control, what: str) -> None:
    """``control`` has focus; else fail saying where focus is."""
    from playwright.sync_api import expect

    try:
        expect(control).to_be_focused(timeout=FOCUS_MS)
    except AssertionError:
        pytest.fail(f"{what}: focus should be on {control}, but it is on {focused(page)}",
                    pytrace=False)


def tab(page, control, key: str = "Tab", most: int = 1) -> None:
    """Press ``key`` (Tab or Shift+Tab) until ``control`` has focus, at most ``most`` times (a
    date field takes a Tab per part: month, day, year and its calendar button)."""
    for _ in range(most - 1):
        page.keyboard.press(key)
        if control.evaluate("el => el === document.activeElement"):
            return
    page.keyboard.press(key)
    expect_focus(page, control, f"after {key}")


def press(page, key: str, control, *effects) -> None:
    """Press ``key`` on ``control`` (which has focus), wait for each of ``effects`` (a callable
    that waits and asserts), then check focus is still on ``control``."""
    expect_focus(page, control, f"before {key}")
    page.keyboard.press(key)
    # JupyterLab takes a key it has a shortcut for at once (ArrowDown: to the next cell): say
    # so, rather than wait for an effect that will not come.
    if not control.evaluate("el => el === document.activeElement"):
        pytest.fail(f"{key} moved focus off {control} to {focused(page)}", pytrace=False)
    for effect in effects:
        effect()
    expect_focus(page, control, f"after {key} had its effect")


def text_is(locator, expected):
    from playwright.sync_api import expect

    return lambda: expect(locator).to_have_text(expected, timeout=ANSWER_MS)


def text_has(locator, expected):
    from playwright.sync_api import expect

    return lambda: expect(locator).to_contain_text(expected, timeout=ANSWER_MS)


def value_is(control, expected):
    from playwright.sync_api import expect

    return lambda: expect(control).to_have_value(expected, timeout=ANSWER_MS)


def count_is(locator, expected: int):
    from playwright.sync_api import expect

    return lambda: expect(locator).to_have_count(expected, timeout=ANSWER_MS)


def panel_with(page, *names: str):
    """The course panel (``.nc-panel``) that holds a control named each of ``names``."""
    panels = page.locator(".jp-Notebook .nc-panel")
    for name in names:
        panels = panels.filter(has=page.get_by_label(name, exact=True))
    return panels.first


def take_date_exercise(lesson, notebook: str) -> None:
    """The "Date the article" panel (lessons 00 and 02): type the date, Tab to Check, Enter;
    the live feedback says whether it is right and focus stays on Check; Shift+Tab back to the
    year, ArrowDown a year earlier, Tab to Check, Space; the feedback says not yet."""
    page = lesson.open(notebook)
    panel = panel_with(page, "Your date:")
    picker = panel.get_by_role("textbox", name="Your date:")
    check = panel.get_by_role("button", name="Check")
    feedback = panel.locator("[role=status][aria-live=polite]")
    from playwright.sync_api import expect

    expect(feedback).to_have_text("Pick a date, then press Check.")
    picker.focus()
    page.keyboard.type("11172024")  # month, day, year: headless Chromium's en-US date field
    expect(picker).to_have_value("2024-11-17")
    expect_focus(page, picker, "after typing the date")
    tab(page, check, most=3)  # from the year past the calendar button
    press(page, "Enter", check, text_has(feedback, "✓ Correct"))
    page.keyboard.press("Shift+Tab")  # the field's calendar button
    tab(page, picker, key="Shift+Tab")  # and its year
    press(page, "ArrowDown", picker, value_is(picker, "2023-11-17"))
    tab(page, check, most=3)
    press(page, "Space", check, text_has(feedback, "✗ Not yet: 17 November 2023"))


# --- 00 · Start here -----------------------------------------------------------------------------


def test_article_highlighter_by_keyboard(lesson, art) -> None:
    """Lesson 00's highlighter: Space ticks and unticks each kind of highlight, the arrow keys,
    End and Home pick the actor; the live caption and the marks follow; Shift+Tab goes back."""
    from newscase.reading.widgets import ALL_ACTORS, highlight_caption, highlight_spans

    page = lesson.open("00-start-here.ipynb")
    panel = panel_with(page, "Actor:", "Hedge words")
    caption = panel.locator("[role=status][aria-live=polite]")
    body = panel.locator(".widget-html").last
    actors, hedges, quotes = (panel.get_by_role("checkbox", name=n, exact=True)
                              for n in ("Actors", "Hedge words", "Quotes"))
    menu = panel.get_by_role("combobox", name="Actor:")
    names = [ALL_ACTORS, *sorted(art.actors["name"])]

    def says(layers: set[str], who: str = ALL_ACTORS):
        return text_is(caption, highlight_caption(highlight_spans(art, layers, who)))

    def marked(who: str, count: int):
        # each mark's kind, read before it: "[actor: Ukraine] "
        return count_is(body.locator(".nc-said", has_text=f"[actor: {who}]"), count)

    spans = highlight_spans(art, {"actor"})
    ukraine = int((spans["label"] == "Ukraine").sum())
    assert ukraine > 0
    actors.focus()
    press(page, "Space", actors, says({"hedge"}), marked("Ukraine", 0))
    press(page, "Space", actors, says({"actor", "hedge"}), marked("Ukraine", ukraine))
    tab(page, hedges)
    press(page, "Space", hedges, says({"actor"}))
    tab(page, quotes)
    press(page, "Space", quotes, says({"actor", "quote"}))
    tab(page, menu)
    press(page, "ArrowDown", menu, value_is(menu, names[1]), says({"actor", "quote"}, names[1]),
          marked(names[1], int((spans["label"] == names[1]).sum())), marked("Ukraine", 0))
    press(page, "End", menu, value_is(menu, names[-1]), says({"actor", "quote"}, names[-1]))
    press(page, "Home", menu, value_is(menu, ALL_ACTORS), says({"actor", "quote"}),
          marked("Ukraine", ukraine))
    tab(page, quotes, key="Shift+Tab")


def test_date_exercise_in_lesson_00_by_keyboard(lesson) -> None:
    take_date_exercise(lesson, "00-start-here.ipynb")


# --- 01 · The actors -----------------------------------------------------------------------------


def test_actor_explorer_by_keyboard(lesson, art) -> None:
    """Lesson 01's actor explorer: typing in Search narrows the Actor list and the live status
    counts the matches, Tab to Actor, ArrowDown picks the match and its card shows; Shift+Tab
    back to Search, Backspace clears it and everyone is listed again."""
    from newscase.actors.logic import search_actors

    page = lesson.open("01-actors.ipynb")
    panel = panel_with(page, "Search:", "Actor:")
    search = panel.get_by_role("textbox", name="Search:")
    menu = panel.get_by_role("combobox", name="Actor:")
    status = panel.locator("[role=status][aria-live=polite]")
    card = panel.locator(".widget-html").last
    everyone = len(art.actors)
    hits = search_actors(art, "kre")
    assert hits, "the test's search 'kre' should find an actor (the Kremlin)"

    from playwright.sync_api import expect

    expect(card.get_by_role("heading")).to_have_text("Volodymyr Zelenskiy")
    search.focus()
    press(page, "k", search, value_is(search, "k"))
    for typed in ("kr", "kre"):
        press(page, typed[-1], search, value_is(search, typed))
    text_is(status, f"{len(hits)} of {everyone} actors listed. Pick one.")()
    expect(menu.locator("option")).to_have_count(len(hits))
    expect(card).to_have_text("")
    tab(page, menu)
    press(page, "ArrowDown", menu, value_is(menu, hits[0]),
          text_is(card.get_by_role("heading"), hits[0]))
    tab(page, search, key="Shift+Tab")
    for _ in range(3):
        page.keyboard.press("Backspace")
    value_is(search, "")()
    text_is(status, f"{everyone} of {everyone} actors listed. Pick one.")()
    expect(card).to_have_text("")
    expect_focus(page, search, "after clearing the search")


# --- 02 · The timeline ---------------------------------------------------------------------------


def test_date_resolver_by_keyboard(lesson, art) -> None:
    """Lesson 02's date resolver: type a phrase and press Enter, the live answer resolves it;
    Tab to "Seen from:", ArrowUp a month later and, one Tab on, ArrowDown a day earlier; the
    answer follows each and focus stays on the field."""
    page = lesson.open("02-timeline.ipynb")
    panel = panel_with(page, "Phrase:", "Seen from:")
    phrase = panel.get_by_role("combobox", name="Phrase:")
    seen_from = panel.get_by_role("textbox", name="Seen from:")
    answer = panel.locator("[role=status][aria-live=polite]")
    from playwright.sync_api import expect

    assert art.date.isoformat() == "2024-11-17"
    expect(answer).to_contain_text("seen from Sunday 17 November 2024")
    phrase.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("today")
    expect(phrase).to_have_value("today")
    press(page, "Enter", phrase,
          text_has(answer, "“today”, seen from Sunday 17 November 2024: on Sunday 17 November"))
    tab(page, seen_from)
    press(page, "ArrowUp", seen_from, value_is(seen_from, "2024-12-17"),
          text_has(answer, "“today”, seen from Tuesday 17 December 2024"))
    tab(page, seen_from)  # the day, within the same field
    press(page, "ArrowDown", seen_from, value_is(seen_from, "2024-12-16"),
          text_has(answer, "“today”, seen from Monday 16 December 2024"))


def test_date_exercise_in_lesson_02_by_keyboard(lesson) -> None:
    take_date_exercise(lesson, "02-timeline.ipynb")


# --- 03 · The range ------------------------------------------------------------------------------


def test_range_explorer_choosers_by_keyboard(lesson) -> None:
    """Lesson 03's range explorer, its choosers (its slider is taken in tests/test_browser.py):
    from Weapon, Tab to "Measured from:", ArrowDown picks the next origin; the live summary and
    the map's name follow; Tab goes on to the range slider."""
    page = lesson.open("03-range.ipynb")
    panel = panel_with(page, "Weapon:", "Measured from:")
    weapon = panel.get_by_role("combobox", name="Weapon:")
    origin = panel.get_by_role("combobox", name="Measured from:")
    summary = panel.locator("[role=status][aria-live=polite]")
    figure = panel.locator("[role=figure]")
    from playwright.sync_api import expect

    expect(summary).to_contain_text("From the whole border, 306 km")
    second = origin.locator("option").nth(1).text_content()
    weapon.focus()
    tab(page, origin)
    press(page, "ArrowDown", origin, value_is(origin, second),
          text_has(summary, f"From {second}, 306 km"),
          lambda: expect(figure).to_have_accessible_name(
              re.compile(rf"^What 306 km .* measured from {second}"), timeout=ANSWER_MS))
    tab(page, panel.get_by_role("slider", name="Range (km):"))


# --- 04 · The escalation debate ------------------------------------------------------------------


def test_argument_explorer_by_keyboard(lesson, art) -> None:
    """Lesson 04's argument explorer: ArrowDown and ArrowUp on Speaker and Position filter the
    map (its faded markers) and the live caption counts the matches; Tab passes the figure's two
    mode bar buttons to Argument, whose ArrowDown shows another argument's card."""
    from newscase.escalation.arguments import REPORTER, argument_graph, filter_nodes

    page = lesson.open("04-escalation.ipynb")
    panel = panel_with(page, "Speaker:", "Position:")
    speaker = panel.get_by_role("combobox", name="Speaker:")
    position = panel.get_by_role("combobox", name="Position:")
    chosen = panel.get_by_role("combobox", name="Argument:")
    caption = panel.locator("[role=status][aria-live=polite]")
    figure = panel.locator("[role=figure]")
    card = panel.locator(".widget-html").last
    from playwright.sync_api import expect

    nodes, _ = argument_graph(art.arguments, art.actors)
    speakers = sorted({n for who in nodes["speakers"] for n in who}) + [REPORTER]
    supports = filter_nodes(nodes, None, "supports")
    only = filter_nodes(nodes, speakers[0], None)
    total = len(nodes)

    def matches(ids: list[str]):
        return text_is(caption, f"{len(ids)} of {total} arguments match; the others are faded.")

    def faded(count: int):
        def check() -> None:
            page.wait_for_function(f"figure => ({JS_FADED})(figure) === {count}",
                                   arg=figure.element_handle(), timeout=ANSWER_MS)
        return check

    expect(figure).to_have_accessible_description(re.compile(r"^\d+ arguments: "))
    speaker.focus()
    press(page, "ArrowDown", speaker, value_is(speaker, speakers[0]), matches(only),
          faded(total - len(only)))
    press(page, "ArrowUp", speaker, value_is(speaker, "Any"), matches(list(nodes["id"])),
          faded(0))
    tab(page, position)
    press(page, "ArrowDown", position, value_is(position, "supports"), matches(supports),
          faded(total - len(supports)), text_has(card, supports[0]))
    tab(page, panel.get_by_role("button", name="Download plot as a PNG"))
    tab(page, panel.get_by_role("button", name="Reset axes"))
    tab(page, chosen)
    press(page, "ArrowDown", chosen, value_is(chosen, re.compile(rf"^{supports[1]} · ")),
          text_has(card, f"{supports[1]} · "))


def test_claim_explorer_by_keyboard(lesson, art) -> None:
    """Lesson 04's claim explorer: Space on "fact" hides the fact claims from the text and the
    live caption; Tab through every box to "Attribution cues", Space hides the cues; Tab to
    Claim, ArrowDown shows the next claim's card."""
    from newscase.escalation.claims import CLAIM_TYPES

    page = lesson.open("04-escalation.ipynb")
    panel = panel_with(page, "fact", "Attribution cues")
    caption = panel.locator("[role=status][aria-live=polite]")
    body = panel.locator(".widget-html").nth(1)
    card = panel.locator(".widget-html").last
    chosen = panel.get_by_role("combobox", name="Claim:")
    counts = art.claims["claim_type"].value_counts()
    ids = list(art.claims["id"])
    boxes = [*CLAIM_TYPES, "Hedge words", "Attribution cues"]
    from playwright.sync_api import expect

    expect(body.locator("mark", has_text=": fact (")).not_to_have_count(0)
    expect(body.locator("mark", has_text="[attribution (")).not_to_have_count(0)
    first = panel.get_by_role("checkbox", name=boxes[0], exact=True)
    first.focus()
    rest = ", ".join(f"{int(counts.get(t, 0))} {t}" for t in CLAIM_TYPES if t != "fact")
    press(page, "Space", first, text_has(caption, f"Marked: {rest}."),
          count_is(body.locator("mark", has_text=": fact ("), 0))
    for name in boxes[1:]:
        tab(page, panel.get_by_role("checkbox", name=name, exact=True))
    cues = panel.get_by_role("checkbox", name="Attribution cues", exact=True)
    press(page, "Space", cues, count_is(body.locator("mark", has_text="[attribution ("), 0),
          lambda: expect(cues).not_to_be_checked())
    tab(page, chosen)
    expect(card).to_contain_text(ids[0])
    press(page, "ArrowDown", chosen, value_is(chosen, re.compile(rf"^{ids[1]} · ")),
          text_has(card, ids[1]))


def test_ladder_mover_by_keyboard(lesson, art) -> None:
    """Lesson 04's ladder mover: ArrowDown picks the second event, Tab to Rung and ArrowDown
    twice picks rung 3, Tab to the box named "Why?" and type a reason, Tab to "Move it" and
    Enter; the live feedback records the move, the figure's description ends with it, and focus
    stays on "Move it"."""
    from newscase.escalation.ladder import ladder_frame

    page = lesson.open("04-escalation.ipynb")
    panel = panel_with(page, "Event:", "Rung:")
    event = panel.get_by_role("combobox", name="Event:")
    rung = panel.get_by_role("combobox", name="Rung:")
    why = panel.get_by_role("textbox", name="Why?", exact=True)
    move = panel.get_by_role("button", name="Move it")
    feedback = panel.locator("[role=status][aria-live=polite]").last
    figure = panel.locator("[role=figure]")
    frame = ladder_frame(art)
    moved, course_rung = frame["event"].iloc[1], int(frame["rung"].iloc[1])
    new_rung = 3
    assert course_rung != new_rung
    reason = "Klishas threatens on Telegram: words that promise force."
    from playwright.sync_api import expect

    before = figure.evaluate(JS_DESCRIPTION)
    assert before and "You moved" not in before
    expect(why).to_have_accessible_name("Why?")
    event.focus()
    press(page, "ArrowDown", event, value_is(event, re.compile(rf"^{moved} · ")))
    tab(page, rung)
    press(page, "ArrowDown", rung, value_is(rung, re.compile(r"^2 ")))
    press(page, "ArrowDown", rung, value_is(rung, re.compile(rf"^{new_rung} ")))
    tab(page, why)
    page.keyboard.type(reason)
    expect(why).to_have_value(reason)
    expect_focus(page, why, "after typing the reason")
    tab(page, move)
    press(page, "Enter", move,
          text_has(feedback, f"Recorded: rung {new_rung} (War within limits), because “{reason}”"),
          lambda: page.wait_for_function(
              f"figure => ({JS_DESCRIPTION})(figure)?.endsWith("
              f"'You moved {moved} from rung {course_rung} to {new_rung}.')",
              arg=figure.element_handle(), timeout=ANSWER_MS))
    assert figure.evaluate(JS_DESCRIPTION).startswith(before)


def test_forecast_panel_by_keyboard(lesson, art) -> None:
    """Lesson 04's forecasts: ArrowRight twice on q1's slider reads "60% chance of yes"; Tab
    through q2 to q5 (each named by its question) to Submit and press Enter: the live status
    says Locked, the reveal shows q1 at 60%, every slider and Submit are disabled, and focus,
    which cannot stay on a disabled button, is on the status that announced the lock."""
    from newscase.escalation.forecasts import forecast_questions

    page = lesson.open("04-escalation.ipynb")
    questions = forecast_questions(art)
    panel = page.locator(".jp-Notebook .nc-panel").filter(
        has=page.get_by_role("button", name="Submit my forecasts")).first
    # Each slider is named "<id>: <question>" in full. (When two sliders drawn in the same
    # millisecond shared an id, a slider's label named another: test_widget_ids.py.)
    sliders = [panel.get_by_role("slider", name=f"{q}: {text}", exact=True)
               for q, text in zip(questions["id"], questions["question"], strict=True)]
    submit = panel.get_by_role("button", name="Submit my forecasts")
    status = panel.locator("[role=status][aria-live=polite]")
    from playwright.sync_api import expect

    expect(sliders[0]).to_have_attribute("aria-valuetext", "50% chance of yes")
    sliders[0].focus()
    for value in (55, 60):
        press(page, "ArrowRight", sliders[0], lambda v=value: expect(sliders[0]).to_have_attribute(
            "aria-valuetext", f"{v}% chance of yes"))
    for slider in sliders[1:]:
        tab(page, slider)
    tab(page, submit)
    page.keyboard.press("Enter")
    text_is(status, "Locked. Here is what happened:")()
    q1 = panel.get_by_role("row").filter(has_text=questions["question"].iloc[0])
    expect(q1.get_by_role("cell", name="60%", exact=True)).to_have_count(1, timeout=ANSWER_MS)
    for slider in sliders:
        expect(slider).to_be_disabled()
    expect(submit).to_be_disabled()
    expect_focus(page, status, "after Submit locked the panel")
    expect(panel.locator(".js-plotly-plot")).to_have_count(1, timeout=ANSWER_MS)
