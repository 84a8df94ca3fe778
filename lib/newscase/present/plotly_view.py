"""Live plotly figures that do not send plotly.js over the kernel's websocket.

plotly 7's ``go.FigureWidget`` is an anywidget whose front end (its ``_esm`` trait) bundles all
of plotly.js: about 5 MB per figure, per viewer, per Run All, over the websocket
(plotly/plotly.py#5143). ``FigureView`` is the same Python class with another front end,
``plotly_view.js`` (about 8 KB): it takes plotly.js from the jupyterlab-plotly lab extension,
which the Jupyter server already serves as static files the browser caches, and applies the
same messages (restyle, relayout, update, animate, ...) to the plot in place. The figure JSON,
the Python API and the partial updates (``Plotly.animate`` with ``redraw: False``) are the
ones of ``go.FigureWidget``; only the browser's side is ours. It reports nothing back to Python
(no zoom, selections or computed defaults), which the course does not use.

Measured 2026-12-01 in headless Chromium (DevTools protocol, every kernel websocket frame, one
Run All): lesson 03 went from 5.37 MB to 263 KB, lesson 04 from 10.68 MB to 503 KB (the rest of
lesson 04 is ipywidgets' own Layout and Style models, DataFrame outputs and status messages, not
figures). The range slider's median, keydown to map repainted (bench/browser.py), stayed about
the same: 109 ms before, 102 ms after. Redrawing the whole range map instead (plotly's
mimetype renderer in an Output) costs 33 KB per move and about 91 ms of ``Plotly.newPlot``
alone, before the kernel's round trip.
"""

from __future__ import annotations

import pathlib

import plotly.graph_objects as go
import traitlets as t

from newscase.present.chart import FIGURE_CONFIG
from newscase.present.widgets import without_comments

ESM = pathlib.Path(__file__).with_name("plotly_view.js")


class FigureView(go.FigureWidget):
    """A ``go.FigureWidget`` whose browser side loads plotly.js from the lab extension's
    static files instead of receiving it over the websocket.
    For assistive tech the view is a ``role="figure"`` named by ``label`` (else the layout's
    title) and described by ``summary`` (``aria-describedby``), the sentence of what the figure
    shows, written under it in a polite live region (announced when Python changes it, after a
    learner's move); with ``summary_visible=False`` the sentence only describes the
    figure, for a panel that shows it in a live region of its own. The plot's SVG is hidden from
    assistive tech, and the mode bar keeps only what learners use (``FIGURE_CONFIG``).

    Its model goes to the browser in one message: plotly's constructor sets the figure
    (``_widget_data``, ``_widget_layout``) and ``_view_count`` after ipywidgets has opened the
    comm, each an update of its own, so the comm is opened only once the figure, its config and
    its description are set. And ``_view_count`` is None: ``plotly_view.js`` does not use it,
    and with a number every view drawn sends it back to the kernel, which echoes it (four
    messages per figure, and the kernel's busy and idle for each)."""

    _esm = without_comments(ESM.read_text(encoding="utf-8"))
    label = t.Unicode("").tag(sync=True)
    summary = t.Unicode("").tag(sync=True)
    summary_visible = t.Bool(True).tag(sync=True)

    def __init__(self, data=None, layout=None, frames=None, skip_invalid=False, *, label="",
                 summary="", summary_visible=True, **kwargs):
        self._open_later = True
        try:
            super().__init__(data, layout, frames, skip_invalid, **kwargs)
            self._config = {**FIGURE_CONFIG, **self._config}
            self.label, self.summary, self.summary_visible = label, summary, summary_visible
        finally:
            self._open_later = False
        self._view_count = None
        self.open()

    def open(self):
        if not getattr(self, "_open_later", False):
            super().open()

    @classmethod
    def of(cls, chart, **kwargs) -> FigureView:
        """The live view of a ``Chart``, described by its summary."""
        return cls(chart.figure, summary=chart.summary, **kwargs)

