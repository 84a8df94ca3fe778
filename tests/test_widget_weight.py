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

from newscase import actors, escalation, reach, reading, timeline
from newscase.present import plotly_view
from newscase.present.plotly_view import FigureView

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
