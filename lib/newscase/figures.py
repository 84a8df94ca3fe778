"""Plotly figures: a tidy DataFrame in, a figure out, always with a one-line text summary."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from newscase.actors import NO_COUNTRY
from newscase.style import SEQUENCE


@dataclass(frozen=True)
class Chart:
    """A figure and the sentence that says what it shows, for readers who cannot see it."""

    figure: go.Figure
    summary: str

    def show(self) -> None:
        self.figure.show()
        print(self.summary)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


STANCE_TICKS = {-2: "−2 warns/threatens", -1: "−1 critical", 0: "0 divided",
                1: "+1 qualified", 2: "+2 endorses"}


def stance_chart(stances: pd.DataFrame) -> Chart:
    """Actors on the −2..+2 scale, coloured and shaped by country, evidence on hover
    (columns: name, country_name, stance, stance_source, stance_note, evidence)."""
    if stances.empty:
        figure = go.Figure().update_layout(title="Stances toward the decision: none coded")
        return Chart(figure, "No actor has a coded stance, so there is nothing to chart.")
    data = stances.assign(stance=stances["stance"].astype(int))
    figure = px.scatter(
        data, x="stance", y="name", color="country_name", symbol="country_name",
        hover_data={"stance_source": True, "stance_note": True, "evidence": True,
                    "country_name": False, "name": False},
        title="Where each actor stands on the deep-strike decision",
        labels={"stance": "Stance toward the decision", "name": "Actor",
                "country_name": "Country", "stance_source": "How we know",
                "stance_note": "Coding note", "evidence": "Evidence"},
        color_discrete_sequence=SEQUENCE,
    )
    figure.update_traces(marker={"size": 14, "line": {"width": 1, "color": "#000000"}})
    figure.update_xaxes(range=[-2.5, 2.5], tickvals=list(STANCE_TICKS),
                        ticktext=list(STANCE_TICKS.values()), zeroline=True)
    figure.update_yaxes(categoryorder="array", categoryarray=list(data["name"]))
    figure.update_layout(height=160 + 32 * len(data), margin={"l": 220, "r": 20, "t": 60})
    against, divided, support = ((data["stance"] < 0).sum(), (data["stance"] == 0).sum(),
                                 (data["stance"] > 0).sum())
    origins = data.loc[data["stance"] < 0, "country_name"].value_counts()
    summary = (f"{plural(len(data), 'actor')} have a coded stance: {support} for the decision, "
               f"{against} against it and {divided} divided. Against: "
               + ", ".join(f"{n} from {c}" if c != NO_COUNTRY else f"{n} with no country stated"
                           for c, n in origins.items()) + ".")
    return Chart(figure, summary)


def attribution_chart(attribution: pd.DataFrame) -> Chart:
    """Claims per kind of sourcing (columns: label, claims, sourcing)."""
    figure = px.bar(
        attribution, x="claims", y="label", color="sourcing", orientation="h",
        title="Whose authority does each claim rest on?",
        labels={"claims": "Number of claims", "label": "Attribution", "sourcing": "Sourcing"},
        color_discrete_sequence=SEQUENCE,
    )
    figure.update_yaxes(categoryorder="array", categoryarray=list(attribution["label"])[::-1])
    figure.update_layout(height=380, margin={"l": 180, "r": 20, "t": 60})
    total = int(attribution["claims"].sum())
    parts = [f"{n} ({n / total:.0%}) {kind}" for kind, n in
             attribution.groupby("sourcing", sort=False)["claims"].sum().items()]
    return Chart(figure, f"Of {total} claims: " + ", ".join(parts) + ".")


RELATION_STYLE = {"supports": ("#0072B2", "solid"), "attacks": ("#D55E00", "dash")}


def reaction_graph(nodes: pd.DataFrame, edges: pd.DataFrame) -> Chart:
    """Who aims arguments at whom (nodes: node, name, x, y; edges: source, target, relation,
    summary). Supports are solid blue, attacks dashed vermillion; self-loops are not drawn."""
    where = nodes.set_index("node")[["x", "y"]]
    figure = go.Figure()
    drawn = edges[edges["source"] != edges["target"]]
    for relation, (colour, dash) in RELATION_STYLE.items():
        chosen = drawn[drawn["relation"] == relation]
        xs, ys = [], []
        for source, target in zip(chosen["source"], chosen["target"], strict=True):
            xs += [where.loc[source, "x"], where.loc[target, "x"], None]
            ys += [where.loc[source, "y"], where.loc[target, "y"], None]
        figure.add_scatter(x=xs, y=ys, mode="lines", name=f"{relation} the target",
                           line={"color": colour, "dash": dash, "width": 2}, hoverinfo="skip")
    hover = [" | ".join(edges.loc[edges["source"] == n, "summary"]) or "the decision itself"
             for n in nodes["node"]]
    figure.add_scatter(x=nodes["x"], y=nodes["y"], mode="markers+text", text=nodes["name"],
                       textposition="top center", hovertext=hover, hoverinfo="text",
                       marker={"size": 16, "color": "#F0E442", "line": {"width": 1.5,
                                                                         "color": "#000000"}},
                       name="actor")
    figure.update_layout(title="Who reacts to whom", height=560, showlegend=True,
                         margin={"l": 40, "r": 40, "t": 60, "b": 40})
    figure.update_xaxes(title="(layout only: position carries no meaning)", range=[-1.5, 1.5],
                        showticklabels=False, showgrid=False, zeroline=False)
    figure.update_yaxes(title="", range=[-1.3, 1.3], showticklabels=False, showgrid=False,
                        zeroline=False, scaleanchor="x")
    counts = edges["relation"].value_counts()
    names = nodes.set_index("node")["name"]
    loops = sorted({names[n] for n in edges.loc[edges["source"] == edges["target"], "source"]})
    summary = (f"{plural(len(nodes) - 1, 'actor')} aim {plural(len(edges), 'argument')}: "
               f"{counts.get('supports', 0)} support their target, "
               f"{counts.get('attacks', 0)} attack it"
               + (f"; {', '.join(loops)} also argue among themselves." if loops else "."))
    return Chart(figure, summary)


def hedge_chart(counts: pd.DataFrame) -> Chart:
    """Bar chart of hedge-word counts (columns: hedge, count)."""
    if counts.empty or counts["count"].sum() == 0:
        figure = go.Figure().update_layout(title="Hedge words in the article: none found")
        return Chart(figure, "No hedge words were found, so there is nothing to chart.")
    figure = px.bar(
        counts, x="count", y="hedge", orientation="h",
        title="Hedge words in the article",
        labels={"count": "Times used in the article", "hedge": "Hedge word"},
        color_discrete_sequence=SEQUENCE,
    )
    figure.update_layout(yaxis={"categoryorder": "total ascending"}, height=420,
                         margin={"l": 140, "r": 20, "t": 60, "b": 50})
    figure.update_xaxes(dtick=1)
    most = counts["count"].max()
    leaders = sorted(counts.loc[counts["count"] == most, "hedge"])
    summary = (
        f"The article uses {len(counts)} different hedge words {counts['count'].sum()} times; "
        f"the most frequent ({most} times each): {', '.join(leaders)}."
        if len(leaders) > 1 else
        f"The article uses {len(counts)} different hedge words {counts['count'].sum()} times; "
        f"the most frequent is '{leaders[0]}' ({most} times)."
    )
    return Chart(figure, summary)


# --- timeline ---

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
    """Events on a date axis (tidy input: newscase.timeline.timeline_frame).

    Colour = status, symbol = date precision, a dotted line = no bound on that side, a dashed
    vertical line = the article's own (inferred) date.
    """
    if timeline.empty:
        figure = go.Figure().update_layout(title="Timeline of the article: no events")
        return Chart(figure, "There are no events, so there is nothing to put on a timeline.")
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
