"""The actors lesson's figures: stances, sourcing, and who reacts to whom."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from newscase.actors.logic import NO_COUNTRY
from newscase.present.chart import Chart, empty_chart, plural, segments
from newscase.present.palette import SEQUENCE

STANCE_TICKS = {-2: "−2 warns/threatens", -1: "−1 critical", 0: "0 divided",
                1: "+1 qualified", 2: "+2 endorses"}


def stance_chart(stances: pd.DataFrame) -> Chart:
    """Actors on the −2..+2 scale, coloured and shaped by country, evidence on hover (as text:
    the ``evidence`` column of ``stances``, and the sentences the actor explorer's card marks)
    (columns: name, country_name, stance, stance_source, stance_note, evidence)."""
    if stances.empty:
        return empty_chart("Stances toward the decision: none coded",
                           "No actor has a coded stance, so there is nothing to chart.")
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
        xs, ys = segments(where, chosen["source"], chosen["target"])
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
