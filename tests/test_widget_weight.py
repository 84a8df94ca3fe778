"""No widget the course builds sends more than a little over the kernel's websocket.

plotly 7's ``go.FigureWidget`` carries all of plotly.js in its ``_esm`` trait (about 5 MB per
figure, per viewer, per Run All); the course's live figures are ``FigureView``s, which load
plotly.js from the lab extension's static files instead (present/plotly_view.py). This walks
every widget alive after building each panel and measures each synced trait as it goes over
the wire (JSON, binary buffers by their length)."""

import json
import re
from pathlib import Path

import ipywidgets as w
import ipywidgets.widgets.widget as widget_module
import plotly.graph_objects as go
import pytest
from ipywidgets.widgets.widget_style import Style

from newscase import actors, escalation, reach, reading, timeline
from newscase.present import plotly_view
from newscase.present.chart import Chart
from newscase.present.plotly_view import FigureView
from newscase.present.widgets import make

MAX_TRAIT_BYTES = 200_000

PANELS = {
    "reach.range_explorer": reach.range_explorer,
    "escalation.argument_explorer": escalation.argument_explorer,
    "escalation.claim_explorer": escalation.claim_explorer,
    "escalation.ladder_mover": escalation.ladder_mover,
    "escalation.forecast_panel": escalation.forecast_panel,
    "actors.actor_explorer": actors.actor_explorer,
    "reading.article_highlighter": reading.article_highlighter,
    "timeline.date_resolver": timeline.date_resolver,
    "timeline.timeline_slider": timeline.timeline_slider,
    "timeline.date_exercise": timeline.date_exercise,
}


def _live_widgets() -> list[w.Widget]:
    return list(widget_module._instances.values())  # what Widget.widgets (deprecated) returns


def wire_bytes(value) -> int:
    """About how many bytes a synced trait value takes on the wire."""
    buffers = 0

    def encode(item):
        nonlocal buffers
        if isinstance(item, memoryview | bytes | bytearray):
            buffers += memoryview(item).nbytes
            return None
        return str(item)

    return len(json.dumps(value, default=encode).encode()) + buffers


def heaviest_traits(widgets) -> list[tuple[int, str, str]]:
    """(bytes, widget class, trait) for every synced trait, heaviest first."""
    sizes = [(wire_bytes(value), type(widget).__name__, name)
             for widget in widgets for name, value in widget.get_state().items()]
    return sorted(sizes, reverse=True)


def test_the_check_catches_plotlys_own_figure_widget():
    """The measure works: plotly 7's FigureWidget is over the limit, a FigureView is not."""
    figure = go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2]))
    assert heaviest_traits([go.FigureWidget(figure)])[0][0] > MAX_TRAIT_BYTES
    size, _, trait = heaviest_traits([FigureView(figure)])[0]
    assert size < 20_000, trait


@pytest.mark.parametrize("name", PANELS)
def test_no_course_widget_carries_a_heavy_trait(name, art):
    w.Widget.close_all()
    panel = PANELS[name](art)
    widgets = _live_widgets()
    assert panel in widgets
    heavy = [t for t in heaviest_traits(widgets) if t[0] > MAX_TRAIT_BYTES]
    assert not heavy, f"{name} syncs traits over {MAX_TRAIT_BYTES} bytes: {heavy}"
    assert not any(type(widget) is go.FigureWidget for widget in widgets), (
        f"{name} builds a go.FigureWidget, which sends plotly.js over the websocket: use "
        "newscase.present.plotly_view.FigureView")


def test_figure_views_answer_every_message_the_python_side_sends():
    """plotly_view.js handles each _py2js_* message of plotly's FigureWidget (a new message
    in a plotly upgrade fails here rather than being silently dropped in the browser)."""
    messages = {name for name in go.FigureWidget.class_trait_names(sync=True)
                if name.startswith("_py2js_")}
    script = Path(plotly_view.__file__).with_name("plotly_view.js").read_text(encoding="utf-8")
    handled = set(re.findall(r"\b(_py2js_\w+):", script))
    assert messages and messages <= handled, messages - handled


def test_figure_views_keep_the_figure_widget_api(art):
    explorer = reach.range_explorer(art)
    assert isinstance(explorer.figure, FigureView)
    assert isinstance(explorer.figure, go.FigureWidget)
    assert "plotly.js" not in explorer.figure._esm or len(explorer.figure._esm) < 20_000


# --- Fewer and smaller messages: shared Layouts and Styles, first values, lean comm_opens ------

ESCALATION = [name for name in PANELS if name.startswith("escalation.")]


def _sent(monkeypatch) -> list[tuple[str, list[str]]]:
    """(widget class, keys) of every update a widget sends the browser from now on."""
    sent = []
    send = w.Widget._send

    def spy(self, msg, buffers=None):
        if self.comm is not None:
            sent.append((type(self).__name__, sorted(msg.get("state", {}))))
        return send(self, msg, buffers)

    monkeypatch.setattr(w.Widget, "_send", spy)
    return sent


def _opened(widgets) -> int:
    """Bytes of every model's whole state, as its comm_open carries it."""
    return sum(wire_bytes(widget.get_state()) for widget in widgets)


@pytest.mark.parametrize("name", PANELS)
def test_building_a_panel_sends_no_update(name, art, monkeypatch):
    """Each control starts with its first value and each FigureView opens with its figure: a
    panel's models reach the browser in their comm_opens alone. (Every update is one more
    websocket message, with about 0.5 KB of headers.)"""
    w.Widget.close_all()
    sent = _sent(monkeypatch)
    PANELS[name](art)
    assert sent == [], f"{name} sends updates while it is built: {sent}"


def test_escalation_panels_share_layouts_and_styles(art):
    """Lesson 04's four panels: 62 controls, which had 62 Layout and 43 Style models of their
    own (about 140 KB of comm_opens); a Layout per distinct layout and a Style per style class.
    (45 controls since the accessible sliders, live regions and described figures.)"""
    w.Widget.close_all()
    for name in ESCALATION:
        PANELS[name](art)
    widgets = _live_widgets()
    controls = [x for x in widgets if isinstance(x, w.DOMWidget) and "layout" in x.keys]
    layouts = [x for x in widgets if isinstance(x, w.Layout)]
    styles = [x for x in widgets if isinstance(x, Style)]
    assert len(controls) >= 40
    assert len(layouts) <= 10 and len({x.model_id for x in layouts}) == len(layouts)
    assert len(styles) == len({type(x) for x in styles}) <= 8
    assert {x.layout.model_id for x in controls} == {x.model_id for x in layouts}


def test_escalation_panels_open_lean(art):
    """What the four panels' comm_opens carry, all models together: 180 KB before the models
    were shared and left out what the browser defaults to, about 64 KB after, 91 KB with the
    accessible sliders, live regions and described figures (each anywidget sends its script and
    style sheet: a forecast slider is 3.4 KB, an IntSlider was 1 KB)."""
    w.Widget.close_all()
    for name in ESCALATION:
        PANELS[name](art)
    assert _opened(_live_widgets()) < 100_000


def test_lean_models_leave_out_only_what_the_browser_defaults_to():
    html = make(w.HTML, "x", layout={"width": "30em"})
    state = html.get_state()
    assert state["value"] == "x" and state["_model_name"] == "HTMLModel"
    assert not {"tooltip", "tabbable", "_dom_classes", "description", "_view_name"} & set(state)
    assert html.layout.get_state() == {"_model_module": "@jupyter-widgets/base",
                                       "_model_module_version": "2.0.0",
                                       "_model_name": "LayoutModel", "width": "30em"}
    html.description = ""  # an update is sent whole, default or not
    assert html.get_state("description") == {"description": ""}
    other = make(w.HTML, "y", layout={"width": "30em"})
    assert other.layout is html.layout and other.style is html.style
    w.Widget.close_all()  # a closed shared Layout is not reused
    assert make(w.HTML, "z", layout={"width": "30em"}).layout.comm is not None


def test_figure_views_open_once_with_their_figure():
    figure = go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2]))
    view = FigureView(figure)
    state = view.get_state()
    assert state["_widget_data"][0]["y"] == [3, 1, 2] and state["_view_count"] is None
    assert "//" not in view._esm and "export default" in view._esm


def test_charts_carry_only_the_template_they_use(art):
    """plotly's default template styles every trace type (7 KB in every figure sent or saved);
    a Chart keeps what applies to it, so it draws the same."""
    nodes, edges = escalation.argument_graph(art.arguments, art.actors)
    figure = escalation.argument_map(nodes, edges).figure
    template = figure.layout.template.to_plotly_json()
    assert set(template["data"]) == {"scatter"}
    assert {"colorway", "font", "xaxis", "yaxis"} <= set(template["layout"])
    assert not {"scene", "polar", "ternary", "geo", "colorscale"} & set(template["layout"])
    assert wire_bytes(template) < 2_000
    heat = Chart(go.Figure(go.Heatmap(z=[[1, 2]])), "a heatmap").figure
    assert {"heatmap", "scatter"} == set(heat.layout.template.data.to_plotly_json())
    assert "colorscale" in heat.layout.template.layout.to_plotly_json()
