"""The course's accessible building blocks (newscase.present): sliders with a name and a value
with its unit, live regions, described figures, and colours checked against WCAG 2's contrast."""

import datetime as dt
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
import traitlets

from newscase import actors, escalation, reach, reading, timeline
from newscase.present import a11y, labelled_slider, palette, plotly_view
from newscase.present.a11y import LiveText, blend, contrast
from newscase.present.chart import FIGURE_CONFIG
from newscase.present.labelled_slider import ChoiceSlider, LabelledSlider
from newscase.present.plotly_view import FigureView

WHITE = "#ffffff"
DAYS = [dt.date(2024, 11, 16), dt.date(2024, 11, 17), dt.date(2024, 11, 18)]


# --- contrast ------------------------------------------------------------------------------------


def test_contrast_matches_wcags_own_figures():
    assert contrast("#000000", WHITE) == pytest.approx(21)
    assert contrast(WHITE, WHITE) == pytest.approx(1)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the 4.5:1 grey
    assert blend("#000000", 0.5) == "#808080" and blend("#0072B2", 0.0) == WHITE


def test_the_focus_ring_stands_out_from_the_page_and_from_dark_controls():
    assert contrast(a11y.FOCUS_COLOUR, WHITE) >= 3
    # the white gap keeps the ring visible against a dark or saturated control beside it
    for control in ("#000000", "#1a1a1a", "#2196f3", "#0072B2"):
        assert max(contrast(a11y.FOCUS_COLOUR, control), contrast(a11y.FOCUS_GAP, control)) >= 3
    assert "outline: 2px solid" in a11y.COURSE_CSS and f".{a11y.PANEL_CLASS} " in a11y.COURSE_CSS


def _lines_and_tint(style: str) -> tuple[list[str], str]:
    tint = re.search(r"background:#([0-9A-Fa-f]{6})([0-9A-Fa-f]{2})", style)
    background = blend("#" + tint.group(1), int(tint.group(2), 16) / 255) if tint else WHITE
    return re.findall(r"(?:border-\w+|outline):[^;]*?(#[0-9A-Fa-f]{6})", style), background


@pytest.mark.parametrize("category", palette.HIGHLIGHT_STYLES)
def test_every_highlight_line_stands_out_3_to_1(category):
    """Underlines and outlines carry the kind of mark (with their style): at least 3:1 against
    the mark's own tint and against the page (WCAG 1.4.11)."""
    lines, background = _lines_and_tint(palette.HIGHLIGHT_STYLES[category])
    for colour in lines:
        assert contrast(colour, background) >= 3, (category, colour, background)
        assert contrast(colour, WHITE) >= 3, (category, colour)


def test_every_highlight_kind_has_a_name_in_words():
    assert set(palette.HIGHLIGHT_NAMES) == set(palette.HIGHLIGHT_STYLES)


# --- sliders -------------------------------------------------------------------------------------


def test_a_labelled_slider_syncs_like_an_int_slider():
    slider = LabelledSlider(value=306, max=500, description="Range (km):", unit=" km",
                            continuous_update=False)
    seen = []
    slider.observe(lambda change: seen.append(change["new"]), names="value")
    slider.set_state({"value": 307})  # what the browser sends on a key press
    slider.value = 250
    assert seen == [307, 250]
    state = slider.get_state()
    assert state["value"] == 250 and state["unit"] == " km"
    assert state["description"] == "Range (km):" and state["continuous_update"] is False
    slider.disabled = True  # as a panel locks its sliders after Submit
    assert slider.get_state()["disabled"] is True


@pytest.mark.parametrize(("value", "kept"), [(-5, 0), (0, 0), (500, 500), (501, 500)])
def test_a_labelled_slider_keeps_its_value_within_its_ends(value, kept):
    slider = LabelledSlider(value=value, max=500)
    assert slider.value == kept
    slider.value = value
    assert slider.value == kept


def test_narrowing_a_slider_moves_its_value_inside():
    slider = LabelledSlider(value=900, max=1000)
    slider.max = 500
    assert slider.value == 500


def test_a_choice_slider_sends_positions_and_gives_back_its_values():
    slider = ChoiceSlider([("16 Nov 2024", DAYS[0]), ("17 Nov 2024", DAYS[1]),
                           ("18 Nov 2024", DAYS[2])], value=DAYS[1], description="Day:")
    assert slider.get_state()["value"] == 1 and (slider.min, slider.max) == (0, 2)
    assert slider.labels == ["16 Nov 2024", "17 Nov 2024", "18 Nov 2024"]
    assert slider.options[0] == ("16 Nov 2024", DAYS[0])
    seen = []
    slider.observe(lambda change: seen.append(change["new"]), names="value")
    slider.set_state({"value": 2})
    slider.value = DAYS[0]
    assert seen == [DAYS[2], DAYS[0]] and slider.get_state()["value"] == 0
    with pytest.raises(traitlets.TraitError):
        slider.value = dt.date(2030, 1, 1)
    with pytest.raises(ValueError):
        ChoiceSlider([])


def test_the_slider_front_end_is_a_named_native_range_input_with_its_unit_spoken():
    script = Path(labelled_slider.__file__).with_name("labelled_slider.js").read_text()
    assert 'type = "range"' in script and "label.htmlFor = id" in script
    assert '"aria-valuetext"' in script and 'model.get("unit")' in script
    assert '"aria-hidden", "true"' in script  # the shown value is no second thing to read
    assert 'input.disabled = model.get("disabled")' in script
    assert len(LabelledSlider._esm) < 4_000


# --- live regions and figures --------------------------------------------------------------------


def test_live_text_is_a_polite_region_that_only_changes_its_contents():
    live = LiveText("<i>Pick a date, then press Check.</i>")
    assert live.get_state()["value"] == "<i>Pick a date, then press Check.</i>"
    assert 'setAttribute("role", "status")' in live._esm
    assert 'setAttribute("aria-live", "polite")' in live._esm
    assert "el.innerHTML = " in live._esm  # the region itself stays; only what is in it changes
    assert len(live._esm) < 1_000


def test_a_figure_view_is_named_described_and_has_a_trimmed_mode_bar():
    chart_figure = go.Figure(go.Scatter(x=[1, 2], y=[2, 1])).update_layout(title="Two points")
    view = FigureView(chart_figure, summary="One point falls as the other rises.")
    state = view.get_state()
    assert state["summary"] == "One point falls as the other rises."
    assert state["summary_visible"] is True and state["label"] == ""
    assert state["_config"]["displaylogo"] is False
    assert state["_config"]["modeBarButtons"] == FIGURE_CONFIG["modeBarButtons"]
    script = Path(plotly_view.__file__).with_name("plotly_view.js").read_text()
    assert 'setAttribute("role", "figure")' in script
    assert '"aria-describedby", summary.id' in script and '"aria-hidden", "true"' in script


# --- the lessons' panels -------------------------------------------------------------------------


def test_the_range_slider_is_labelled_with_its_unit_and_its_summary_is_live(art):
    explorer = reach.range_explorer(art)
    assert isinstance(explorer.slider, LabelledSlider)
    assert explorer.slider.unit == " km" and explorer.slider.description == "Range (km):"
    assert isinstance(explorer.summary, LiveText)
    assert a11y.PANEL_CLASS in explorer._dom_classes
    assert explorer.figure.label.startswith("What 306 km (190 mi) reaches")
    explorer.slider.value = 200
    assert explorer.figure.label.startswith("What 200 km (124 mi) reaches")
    assert "200 km" in explorer.figure.summary and not explorer.figure.summary_visible


def test_each_forecast_question_is_heard_once_as_its_sliders_name(art):
    from newscase.escalation.forecasts import forecast_questions

    panel = escalation.forecast_panel(art)
    questions = forecast_questions(art)
    sliders = [c for c in panel.children if isinstance(c, LabelledSlider)]
    texts = [c for c in panel.children[:2 * len(sliders)] if not isinstance(c, LabelledSlider)]
    assert [(s.description, s.spoken_label) for s in sliders] == [
        (f"{q}:", text) for q, text in zip(questions["id"], questions["question"], strict=True)]
    # The same words shown above each slider are hidden from screen readers, which hear them
    # as the slider's name.
    assert all(t.value.startswith('<div aria-hidden="true">') for t in texts)
    assert len(texts) == len(sliders) == len(questions)


def test_the_day_slider_is_a_choice_slider_with_dates_read_aloud(art):
    slider, _key, caption, _body = timeline.timeline_slider(art).children
    assert isinstance(slider, ChoiceSlider) and slider.description == "Day:"
    assert slider.labels[slider.get_state()["value"]] == "17 Nov 2024"
    assert isinstance(caption, LiveText)


@pytest.mark.parametrize("build", [timeline.date_exercise, timeline.date_resolver,
                                   timeline.timeline_slider, actors.actor_explorer,
                                   reading.article_highlighter])
def test_course_panels_carry_the_focus_style_class_and_a_live_region(build, art):
    panel = build(art)
    assert a11y.PANEL_CLASS in panel._dom_classes
    assert any(isinstance(child, LiveText) for child in panel.children)


def test_the_date_exercise_feedback_is_announced(art):
    row, feedback = timeline.date_exercise(art).children
    picker, button = row.children
    assert isinstance(feedback, LiveText)
    picker.value = art.date
    button.click()
    assert "Correct" in feedback.value


def test_the_highlighter_caption_needs_no_mouse(art):
    _controls, _key, caption, body = reading.article_highlighter(art).children
    assert "Hover" not in caption.value and "screen reader" in caption.value
    assert "[actor: " in body.value
