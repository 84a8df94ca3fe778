"""Plotly figures: a tidy DataFrame in, a figure out, always with a one-line text summary."""

from __future__ import annotations

import itertools
import json
import numbers
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from newscase.data.imports import import_jsonschema_without_iri_grammars
from newscase.present.html import escape, plain_text

# Every lesson shows a figure, and plotly's first show() imports jsonschema: do it the cheap way.
import_jsonschema_without_iri_grammars()


# The mode bar keeps what learners use: save the figure as a picture, and undo a zoom (plotly's
# full bar and its logo link added 11 Tab stops to every figure).
FIGURE_CONFIG = {"displaylogo": False, "modeBarButtons": [["toImage", "resetScale2d"]]}

# A static figure's summary goes under it as an HTML output whose script (JupyterLab and Voilà
# run scripts in the HTML output of this session, not in a saved one) ties it to the figure as
# FigureView ties a live one: the figure above, the last plotly figure before it on the page,
# becomes a figure named by its title and described by the summary, and its SVG, loose labels
# to a screen reader, is hidden from assistive tech. The summary shows the same either way.
SUMMARY_SCRIPT = """(summary, title) => {
  const tie = (figure) => {
    figure.setAttribute("role", "figure");
    figure.setAttribute("aria-label", title || "Figure");
    figure.setAttribute("aria-describedby", summary.id);
    const hide = () => figure.querySelectorAll("svg")
      .forEach((svg) => svg.setAttribute("aria-hidden", "true"));
    const drawn = (tries) => {
      if (typeof figure.on === "function" && figure.querySelector(".main-svg")) {
        hide();
        figure.on("plotly_afterplot", hide);
      } else if (tries < 600) setTimeout(() => drawn(tries + 1), 100);
    };
    drawn(0);
  };
  const find = (tries) => {
    if (!summary.isConnected) {
      if (tries < 600) setTimeout(() => find(tries + 1), 100);
      return;
    }
    const before = [...document.querySelectorAll(".jp-RenderedPlotly, .js-plotly-plot")]
      .filter((f) => f.compareDocumentPosition(summary) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (before.length) tie(before[before.length - 1]);
  };
  find(0);
}"""
SUMMARY_IDS = itertools.count(1)


def summary_output(summary: str, title: str) -> dict:
    """The mime bundle of a static figure's summary (see SUMMARY_SCRIPT): the text, and HTML
    with its own id (numbered per kernel, so a re-run writes the same)."""
    tag = f"nc-static-summary-{next(SUMMARY_IDS)}"
    arguments = json.dumps(title).replace("</", "<\\/")
    script = " ".join(line.strip() for line in SUMMARY_SCRIPT.splitlines())
    html = (f'<pre class="nc-figure-summary" id="{tag}" style="white-space:pre-wrap">'
            f"{escape(summary)}</pre><script>({script})(document.getElementById({json.dumps(tag)})"
            f" || document.currentScript.previousElementSibling, {arguments});</script>")
    return {"text/plain": summary, "text/html": html}


# The template's layout parts that style one kind of subplot, and the traces that draw one.
SUBPLOTS = {
    "polar": {"scatterpolar", "scatterpolargl", "barpolar"},
    "ternary": {"scatterternary"},
    "scene": {"scatter3d", "surface", "mesh3d", "cone", "streamtube", "volume", "isosurface"},
    "geo": {"scattergeo", "choropleth"},
}


# The template's colour scales, and the trace types that can only take a colour scale from it
# through a colour given as numbers, a colour axis or a colour scale of their own.
COLOUR_SCALES = ("colorscale", "coloraxis")
NO_SCALE_OF_THEIR_OWN = {"scatter", "scattergl", "bar"}


def colour_scaled(value) -> bool:
    """Whether a trace (its JSON) has colours given as numbers, or names a colour axis or
    scale: what would take the template's colour scales."""
    if isinstance(value, dict):
        return any(key in ("coloraxis", "colorscale", "showscale")
                   or (key.endswith("color") and numeric(item)) or colour_scaled(item)
                   for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(colour_scaled(item) for item in value)
    return False


def numeric(value) -> bool:
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        return False
    return any(isinstance(item, numbers.Number) and not isinstance(item, bool) for item in value)


def trim_template(figure: go.Figure) -> go.Figure:
    """Keep only the parts of the figure's template that can apply to it, in place: the
    defaults of its own trace types (and scatter's, for traces added later), no subplot kind it
    does not draw and no colour scale nothing takes. plotly's default template styles every
    trace type plotly has: 7 KB in every figure sent to the browser or saved, of which these
    parts are about 6 KB. The figure draws the same."""
    template = figure.layout.template.to_plotly_json()
    used = {trace.type or "scatter" for trace in figure.data} | {"scatter"}
    scaled = not used <= NO_SCALE_OF_THEIR_OWN or colour_scaled(
        [trace.to_plotly_json() for trace in figure.data])
    data = {kind: value for kind, value in template.get("data", {}).items() if kind in used}
    layout = {key: value for key, value in template.get("layout", {}).items()
              if (key not in SUBPLOTS or used & SUBPLOTS[key])
              and (key not in COLOUR_SCALES or scaled)}
    if data != template.get("data", {}) or layout != template.get("layout", {}):
        figure.layout.template = {"data": data, "layout": layout}
    return figure


@dataclass(frozen=True)
class Chart:
    """A figure and the sentence that says what it shows, for readers who cannot see it. Its
    figure's template is trimmed to what applies to it (``trim_template``). ``label`` names the
    figure for assistive tech where the layout's title does not (a title drawn as a trace)."""

    figure: go.Figure
    summary: str
    label: str = ""

    def __post_init__(self) -> None:
        trim_template(self.figure)

    def show(self) -> None:
        """The figure, and under it its summary, tied to it for screen readers."""
        from IPython.display import display

        self.figure.show(config=FIGURE_CONFIG)
        name = plain_text(self.label or self.figure.layout.title.text or "")
        display(summary_output(self.summary, name), raw=True)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def empty_chart(title: str, summary: str) -> Chart:
    """A figure with only a title, for data with nothing to draw."""
    return Chart(go.Figure().update_layout(title=title), summary)


def segments(where: pd.DataFrame, sources, targets) -> tuple[list, list]:
    """x and y of a line from each source to its target (``where``: x, y by node), split by
    None: one plotly trace draws them all."""
    xs, ys = [], []
    for source, target in zip(sources, targets, strict=True):
        xs += [where.loc[source, "x"], where.loc[target, "x"], None]
        ys += [where.loc[source, "y"], where.loc[target, "y"], None]
    return xs, ys
