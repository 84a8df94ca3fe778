"""The timeline lesson's figure: the article's events on a date axis."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from newscase.present.chart import Chart, empty_chart
from newscase.present.palette import SEQUENCE

TIMELINE_STATUSES = ("occurred", "reported", "expected", "scheduled")
# Blue, orange, bluish green and reddish purple: the four Okabe–Ito hues that differ most.
TIMELINE_COLOURS = dict(zip(TIMELINE_STATUSES, [SEQUENCE[i] for i in (0, 1, 2, 5)], strict=True))
# Shape says how precise the date is, so nothing depends on colour alone.
TIMELINE_SYMBOLS = {
    "day": "circle",
    "approximate": "circle-open",
    "range": "line-ns-open",
    "before": "triangle-left",
    "after": "triangle-right",
}
OPEN_LINE = "rgba(0,0,0,0.45)"


def timeline_chart(timeline: pd.DataFrame, article_date) -> Chart:
    """Events on a date axis (tidy input: ``timeline_frame``).

    Colour = status, symbol = date precision, a dotted line = no bound on that side, a dashed
    vertical line = the article's own (inferred) date.
    """
    if timeline.empty:
        return empty_chart("Timeline of the article: no events",
                           "There are no events, so there is nothing to put on a timeline.")
    article_day = pd.Timestamp(article_date)
    known = pd.concat([timeline["date"], timeline["date_end"], pd.Series([article_day])])
    # Three weeks of room on the left, so the dotted "on or before" lines can be seen.
    x_range = [known.min() - pd.Timedelta(days=21), known.max() + pd.Timedelta(days=10)]
    figure = go.Figure()
    for status in TIMELINE_STATUSES:
        for precision, symbol in TIMELINE_SYMBOLS.items():
            rows = timeline[(timeline["status"] == status) & (timeline["precision"] == precision)]
            if not rows.empty:
                figure.add_trace(timeline_trace(rows, status, symbol))
    figure.add_trace(open_ended_trace(timeline, x_range))
    figure.add_shape(type="line", x0=article_day, x1=article_day, y0=0, y1=1, yref="paper",
                     layer="below", line={"color": "black", "dash": "dash", "width": 1.5})
    figure.add_annotation(x=article_day, y=1, yref="paper", text="article published (inferred)",
                          showarrow=False, xanchor="left", yanchor="bottom", xshift=4)
    figure.update_layout(
        title="What happened when: the article's events",
        height=220 + 40 * len(timeline),
        margin={"l": 20, "r": 20, "t": 80, "b": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0,
                "title": {"text": "Colour = status, shape = how exact the date is:"}},
        hovermode="closest",
        plot_bgcolor="white",
    )
    figure.update_xaxes(title="Date (resolved from the article's words)", type="date",
                        range=x_range, showgrid=True, gridcolor="#e5e5e5", tickformat="%d %b %Y")
    figure.update_yaxes(title="Event", categoryorder="array",
                        categoryarray=list(timeline["axis_label"]), autorange="reversed",
                        showgrid=True, gridcolor="#f0f0f0", automargin=True)
    return Chart(figure, timeline_summary(timeline, article_day))


def timeline_trace(rows: pd.DataFrame, status: str, symbol: str) -> go.Scatter:
    precision = rows["precision"].iloc[0]
    name = f"{status}, {rows['precision_label'].iloc[0]}"
    marker = {"symbol": symbol, "size": 13, "color": TIMELINE_COLOURS[status],
              "line": {"width": 2, "color": TIMELINE_COLOURS[status]}}
    if precision == "range":  # a bar from the first to the last day, hover on both ends
        xs = [x for r in rows.itertuples() for x in (r.date, r.date_end, None)]
        ys = [y for r in rows.itertuples() for y in (r.axis_label, r.axis_label, None)]
        hover = [h for r in rows.itertuples() for h in (r.hover, r.hover, None)]
        return go.Scatter(x=xs, y=ys, customdata=hover, name=name, mode="lines+markers",
                          marker=marker, line={"color": TIMELINE_COLOURS[status], "width": 4},
                          hovertemplate="%{customdata}<extra></extra>")
    return go.Scatter(x=list(rows["date"]), y=list(rows["axis_label"]),
                      customdata=list(rows["hover"]), name=name, mode="markers", marker=marker,
                      hovertemplate="%{customdata}<extra></extra>")


def open_ended_trace(timeline: pd.DataFrame, x_range: list) -> go.Scatter:
    """Dotted lines from each open-ended date to the edge of the chart."""
    xs, ys = [], []
    for row in timeline.itertuples():
        if row.precision == "before":
            xs += [x_range[0], row.date, None]
        elif row.precision == "after":
            xs += [row.date, x_range[1], None]
        else:
            continue
        ys += [row.axis_label, row.axis_label, None]
    return go.Scatter(x=xs, y=ys, mode="lines", name="dotted: no earlier / later limit given",
                      line={"color": OPEN_LINE, "dash": "dot", "width": 2}, hoverinfo="skip")


def timeline_summary(timeline: pd.DataFrame, article_day: pd.Timestamp) -> str:
    counts = timeline["status"].value_counts()
    by_status = ", ".join(f"{counts[s]} {s}" for s in TIMELINE_STATUSES if s in counts)
    dates = pd.concat([timeline["date"], timeline["date_end"]]).dropna()
    open_count = int(timeline["precision"].isin(["before", "after"]).sum())
    return (
        f"{len(timeline)} events ({by_status}), dated from {dates.min():%d %b %Y} to "
        f"{dates.max():%d %b %Y}; {open_count} have open-ended dates ('on or before' or "
        f"'on or after'). The dashed line is the article's inferred date, {article_day:%d %b %Y}."
    )
