"""Lesson 00's figure: how often the article hedges."""

from __future__ import annotations

import pandas as pd
import plotly.express as px

from newscase.present.chart import Chart, empty_chart
from newscase.present.palette import SEQUENCE


def hedge_chart(counts: pd.DataFrame) -> Chart:
    """Bar chart of hedge-word counts (columns: hedge, count)."""
    if counts.empty or counts["count"].sum() == 0:
        return empty_chart("Hedge words in the article: none found",
                           "No hedge words were found, so there is nothing to chart.")
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
