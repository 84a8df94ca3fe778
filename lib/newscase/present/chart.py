"""Plotly figures: a tidy DataFrame in, a figure out, always with a one-line text summary."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from newscase.data.imports import import_jsonschema_without_iri_grammars

# Every lesson shows a figure, and plotly's first show() imports jsonschema: do it the cheap way.
import_jsonschema_without_iri_grammars()


# The mode bar keeps what learners use: save the figure as a picture, and undo a zoom (plotly's
# full bar and its logo link added 11 Tab stops to every figure).
FIGURE_CONFIG = {"displaylogo": False, "modeBarButtons": [["toImage", "resetScale2d"]]}


@dataclass(frozen=True)
class Chart:
    """A figure and the sentence that says what it shows, for readers who cannot see it."""

    figure: go.Figure
    summary: str

    def show(self) -> None:
        self.figure.show(config=FIGURE_CONFIG)
        print(self.summary)


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
