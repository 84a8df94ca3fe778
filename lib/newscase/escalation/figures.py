"""The escalation lesson's figures: the argument map, the escalation ladder and the forecast
scores."""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd
import plotly.graph_objects as go

from newscase.escalation.ladder import MOVER_LABELS
from newscase.present.chart import Chart, empty_chart, plural, segments
from newscase.present.html import plotly_text, wrapped
from newscase.present.palette import OKABE_ITO, SEQUENCE

POSITION_STYLE = {  # colour, marker symbol, edge dash: position is never shown by colour alone
    "root": ("#000000", "diamond", "solid"),
    "supports": ("#0072B2", "circle", "solid"),
    "attacks": ("#D55E00", "square", "dash"),
}
POSITION_NAMES = {"root": "the decision", "supports": "supports its target",
                  "attacks": "attacks its target"}
MAP_LABEL_WIDTH = 36
FADED = 0.2


def argument_map(nodes: pd.DataFrame, edges: pd.DataFrame,
                 highlight: list[str] | None = None) -> Chart:
    """The debate as an argument map (tidy input: ``argument_graph``).

    Arguments for the decision sit left of it and arguments against it right; a rebuttal sits
    one column further out, under what it answers. Nodes and edges are coloured and shaped by
    position. Arguments not in ``highlight`` (when given) are faded.
    """
    if nodes.empty:
        return empty_chart("Argument map: no arguments",
                           "There are no arguments, so there is nothing to map.")
    where = nodes.set_index("id")[["x", "y"]]
    figure = go.Figure()
    for position in ("supports", "attacks"):
        colour, _, dash = POSITION_STYLE[position]
        chosen = edges[edges["relation"] == position]
        xs, ys = segments(where, chosen["source"], chosen["target"])
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


# Sides take colours in their order in the article's sides table: blue and vermillion first,
# the Okabe–Ito pair most easily told apart. Black marks moves by both sides or by none.
SIDE_COLOURS = [OKABE_ITO[name] for name in ("blue", "vermillion", "bluish green", "orange",
                                             "reddish purple", "sky blue", "yellow")]
NO_SIDE_COLOUR = "#000000"
STATUS_SYMBOL = {"occurred": "circle", "reported": "diamond", "expected": "circle-open",
                 "scheduled": "square-open"}


def ladder_chart(placements: pd.DataFrame, ladder: pd.DataFrame) -> Chart:
    """Events on the escalation ladder (tidy input: ``ladder_frame``, optionally with
    learner_rung / learner_why from ``move_event``). Colour = whose move, symbol =
    status; a learner's move is an open star joined to the course's placement."""
    sides = ladder_sides(placements)
    frame = ladder_positions(placements)
    figure = go.Figure()
    for rung in ladder["rung"]:
        if rung % 2:
            figure.add_hrect(y0=rung - 0.5, y1=rung + 0.5, fillcolor="#f2f2f2", line_width=0,
                             layer="below")
    colours = mover_colours(placements)
    labels = dict(zip(frame["mover"], frame["mover_label"], strict=True))
    for side in sides:
        rows = frame[frame["mover"] == side]
        colour, name = colours[side], labels[side]
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
                        ticktext=[labels[s] for s in sides],
                        range=[-0.6, len(sides) - 0.4], showgrid=False, zeroline=False)
    figure.update_yaxes(title="Rung of the ladder (higher = more escalated)",
                        tickvals=list(ladder["rung"]),
                        ticktext=[f"{r} {plotly_text(n)}" for r, n in
                                  zip(ladder["rung"], ladder["name"], strict=True)],
                        range=[0.5, len(ladder) + 0.7], showgrid=False, automargin=True)
    return Chart(figure, ladder_summary(frame, ladder, moved))


def ladder_sides(placements: pd.DataFrame) -> list[str]:
    """The movers present, left to right: the sides by the lowest rung they reach, so the first
    steps up the ladder sit at the left (ties in the sides' order); then 'both' and 'unknown'.
    Plain Python over the columns: a ladder move redraws with this (a groupby cost 8 ms)."""
    lowest, order = {}, {}
    for mover, rung, place in zip(placements["mover"], placements["rung"],
                                  placements["mover_order"], strict=True):
        lowest[mover] = min(lowest.get(mover, rung), rung)
        if not pd.isna(place):
            order[mover] = min(order.get(mover, place), place)
    sides = sorted(order, key=lambda mover: (lowest[mover], order[mover]))
    return [*sides, *(m for m in MOVER_LABELS if m in lowest)]


def mover_colours(placements: pd.DataFrame) -> dict[str, str]:
    """A colour per mover present: a side's by its place in the article's sides."""
    return {mover: NO_SIDE_COLOUR if pd.isna(order) else
            SIDE_COLOURS[(int(order) - 1) % len(SIDE_COLOURS)]
            for mover, order in zip(placements["mover"], placements["mover_order"], strict=True)}


def ladder_positions(placements: pd.DataFrame) -> pd.DataFrame:
    """The placements with ``x``: one column per side, events on one rung spread across it in
    the order they come."""
    column = {side: index for index, side in enumerate(ladder_sides(placements))}
    cells = list(zip(placements["mover"], placements["rung"], strict=True))
    sizes, seen, xs = Counter(cells), Counter(), []
    for cell in cells:
        k, n = seen[cell], sizes[cell]
        seen[cell] += 1
        xs.append(column[cell[0]] + 0.45 * (k - (n - 1) / 2) / max(n, 1) * 2)
    return placements.assign(x=xs)


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
    # One constructor call from plain dicts: Submit draws this, and each update_* call
    # re-validates the figure (20 ms against 8).
    figure = go.Figure(
        data=[{"type": "bar", "x": list(summary.values()), "y": [plotly_text(n) for n in names],
               "orientation": "h",
               "marker": {"color": [SEQUENCE[i % len(SEQUENCE)] for i in range(len(names))]},
               "texttemplate": "%{x:.3f}", "hovertemplate": "%{y}: %{x:.3f}<extra></extra>"}],
        layout={"title": {"text": "Your Brier score beside two simple baselines "
                                  "(lower is better)"},
                "height": 260, "showlegend": False, "margin": {"l": 20, "r": 20, "t": 60},
                "xaxis": {"title": {"text": "Mean Brier score (0 = perfect, 1 = always sure "
                                            "and wrong)"}, "range": [0, 1]},
                "yaxis": {"title": {"text": "Forecaster"}, "autorange": "reversed"}})
    low = min(summary.values())
    best = [name for name, value in summary.items() if math.isclose(value, low)]
    parts = ", ".join(f"{name} {value:.3f}" for name, value in summary.items())
    tie = " (tied)" if len(best) > 1 else ""
    return Chart(figure, f"Mean Brier scores: {parts}. Best: {' and '.join(best)}{tie}.")
