"""Plotly figures: a tidy DataFrame in, a figure out, always with a one-line text summary."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from newscase.style import SEQUENCE


@dataclass(frozen=True)
class Chart:
    """A figure and the sentence that says what it shows, for readers who cannot see it."""

    figure: go.Figure
    summary: str

    def show(self) -> None:
        self.figure.show()
        print(self.summary)


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
