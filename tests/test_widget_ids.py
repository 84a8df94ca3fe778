"""The course's anywidget scripts give each element they make a page-unique id, in a real
Chromium, the way anywidget loads them: each model imports its script afresh from a blob URL, so
state in the script's module (a counter) is not shared between two sliders.

The fault this guards against: ids made from the time in milliseconds and a module counter came
out the same for two sliders drawn in one millisecond (the forecast panel's five), so a
``<label for=...>`` named another slider and the slider a learner tabbed to had no name.
"""

from __future__ import annotations

import pytest

from newscase.present.labelled_slider import LabelledSlider
from newscase.present.plotly_view import FigureView

# Import the script twice, as two models would, and render from each with a minimal model (what
# anywidget's render() gets), in one millisecond: the clock is stopped, since on a fast machine
# the two renders may or may not fall in the same one.
JS_RENDER_TWICE = """async ([script, values]) => {
    const now = Date.now();
    Date.now = () => now;
    const load = () => import(URL.createObjectURL(new Blob([script], {type: 'text/javascript'})));
    const modules = [await load(), await load()];
    const model = (description) => {
        const state = {...values, description, label: description, summary: description};
        return {get: (key) => state[key], set: (key, value) => { state[key] = value; },
                on() {}, off() {}, save_changes() {}};
    };
    return modules.map((module, index) => {
        const el = document.createElement('div');
        document.body.append(el);
        module.default.render({model: model(`control ${index}`), el});
        return el;
    });
}"""


@pytest.fixture()
def page(browser):
    page = browser.new_page()
    page.set_content("<!doctype html><html lang=en><body></body></html>")
    yield page
    page.close()


def render_twice(page, script: str, values: dict) -> None:
    page.evaluate(JS_RENDER_TWICE, [script, values])


def test_two_sliders_drawn_at_once_each_have_their_own_label(page) -> None:
    render_twice(page, LabelledSlider._esm, {
        "value": 50, "min": 0, "max": 100, "step": 5, "unit": "%", "labels": [],
        "spoken_label": "", "disabled": False, "continuous_update": True})
    inputs = page.locator("input[type=range]")
    ids = inputs.evaluate_all("els => els.map(el => el.id)")
    assert len(ids) == 2 and len(set(ids)) == 2, ids
    # Each slider's name is its own label's text: what a screen reader (and playwright) says.
    names = inputs.evaluate_all("els => els.map(el => [...el.labels].map(l => l.textContent))")
    assert names == [["control 0"], ["control 1"]]
    assert page.get_by_role("slider", name="control 1", exact=True).count() == 1


def test_two_figures_drawn_at_once_are_each_described_by_their_own_summary(page) -> None:
    # No plotly.js on this page: the figures stay empty, but their names and summaries are set
    # before plotly.js is asked for.
    render_twice(page, FigureView._esm, {
        "summary_visible": True, "_widget_data": [], "_widget_layout": {}, "_config": {}})
    described = page.locator("[role=figure]").evaluate_all("""els => els.map(el => {
        const summary = document.getElementById(el.getAttribute('aria-describedby'));
        return summary && el.contains(summary) ? summary.textContent : null;
    })""")
    assert described == ["control 0", "control 1"]
