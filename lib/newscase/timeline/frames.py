"""What happened when: the article's events as a tidy timeline, each with the window of days
it can fall on, and the days around the story.

Dates follow events.csv's ``date_precision`` vocabulary (see ``newscase.timeline.resolver``).
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd

from newscase import text
from newscase.present.html import plotly_text, wrapped
from newscase.timeline.resolver import as_date, describe_dates, short_date

OPEN_PRECISIONS = ("before", "after")
PRECISION_LABELS = {
    "day": "on the day",
    "approximate": "on or about",
    "range": "from … to",
    "before": "on or before",
    "after": "on or after",
}
# "On or about" is a judgement; one day either side covers "that night or the one before".
APPROXIMATE_DAYS = 1
# Where each precision sorts among events that share a date: "on or before" first.
PRECISION_ORDER = {"before": 0, "approximate": 1, "day": 1, "range": 1, "after": 2}
AXIS_LABEL_WIDTH = 44
BASIS_LABELS = {
    "stated": "stated",
    "inferred-from-text": "inferred from the text",
    "outside-source": "from an outside source",
}

TIMELINE_COLUMNS = [
    "id", "axis_label", "summary", "status", "precision", "precision_label", "basis",
    "date", "date_end", "earliest", "latest", "when", "evidence", "evidence_start", "evidence_end",
    "source", "reasoning", "hover",
]


def window(precision: str, date: pd.Timestamp, date_end: pd.Timestamp):
    """(earliest, latest) day an event can fall on; NaT where the article sets no bound."""
    slack = pd.Timedelta(days=APPROXIMATE_DAYS)
    return {
        "day": (date, date),
        "approximate": (date - slack, date + slack),
        "range": (date, date_end),
        "before": (pd.NaT, date),
        "after": (date, pd.NaT),
    }[precision]


def axis_label(summary: str) -> str:
    """At most two short lines, escaped, for a plotly category axis."""
    return wrapped(summary, AXIS_LABEL_WIDTH)


def hover_text(row: dict) -> str:
    lines = [f"<b>{plotly_text(row['summary'])}</b>", plotly_text(row["when"]),
             f"status: {row['status']}; date {row['basis']}"]
    said = ("article", f"“{row['evidence']}”") if row["evidence"] else ("source", row["source"])
    for head, body in (said, ("why", row["reasoning"])):
        lines += [plotly_text(line) for line in textwrap.wrap(f"{head}: {body}", 70)]
    return "<br>".join(lines)


def timeline_frame(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event *of the article* in time order, with its window, plain-words date and
    plotting text. Outside-source events (what happened next, for notebook 04's forecasts) are
    left out: they are not in the article, and showing them here would spoil the reveal."""
    rows = []
    for event in events[events["date_basis"] != "outside-source"].to_dict("records"):
        precision = event["date_precision"]
        date, date_end = event["date"], event["date_end"]
        earliest, latest = window(precision, date, date_end)
        end_day = date_end.date() if precision == "range" else date.date()
        rows.append({
            "id": event["id"],
            "axis_label": axis_label(event["summary"]),
            "summary": event["summary"],
            "status": event["status"],
            "precision": precision,
            "precision_label": PRECISION_LABELS[precision],
            "basis": BASIS_LABELS[event["date_basis"]],
            "date": date,
            "date_end": date_end,
            "earliest": earliest,
            "latest": latest,
            "when": describe_dates(precision, date.date(), end_day),
            "evidence": event["evidence"] if pd.notna(event["evidence"]) else "",
            "evidence_start": event["evidence_start"],
            "evidence_end": event["evidence_end"],
            "source": event.get("source") if pd.notna(event.get("source")) else "",
            "reasoning": event["date_reasoning"],
        })
    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS[:-1])
    frame["hover"] = [hover_text(row) for row in frame.to_dict("records")]
    # Two summaries that shorten alike would share one row of the chart: tell them apart.
    twins = frame["axis_label"].duplicated(keep=False)
    frame.loc[twins, "axis_label"] += " (" + frame.loc[twins, "id"] + ")"
    order = frame["precision"].map(PRECISION_ORDER)
    frame = frame.assign(_order=order).sort_values(["date", "_order", "id"])
    return frame.drop(columns="_order").reset_index(drop=True)


def chronological(timeline: pd.DataFrame, ids: list[str]) -> list[str]:
    """The given event ids in timeline order, earliest first."""
    return [i for i in timeline["id"] if i in set(ids)]


def days_around(timeline: pd.DataFrame, margin_days: int = 3) -> list[dt.date]:
    """Every day from a few days before the first dated event to a few days after the last."""
    dates = pd.concat([timeline["date"], timeline["date_end"]]).dropna()
    margin = pd.Timedelta(days=margin_days)
    days = pd.date_range(dates.min() - margin, dates.max() + margin, freq="D")
    return [day.date() for day in days]


def events_on(timeline: pd.DataFrame, day) -> pd.DataFrame:
    """Events whose window contains ``day``; column ``open`` marks open-ended dates."""
    stamp = pd.Timestamp(as_date(day))
    after_start = timeline["earliest"].isna() | (timeline["earliest"] <= stamp)
    before_end = timeline["latest"].isna() | (timeline["latest"] >= stamp)
    found = timeline[after_start & before_end].copy()
    found["open"] = found["precision"].isin(OPEN_PRECISIONS)
    return found.reset_index(drop=True)


def day_spans(article_text: str, on_day: pd.DataFrame) -> pd.DataFrame:
    """Whole sentences that speak of the day: 'when' if dated close to it, else 'when-open'."""
    frames = [
        text.sentence_spans(article_text, [(int(row["evidence_start"]), int(row["evidence_end"]))],
                            "when-open" if row["open"] else "when",
                            f"{row['summary']} ({row['when']})")
        for row in on_day.to_dict("records") if pd.notna(row["evidence_start"])
    ]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else text.spans_frame([])


def day_caption(on_day: pd.DataFrame, day) -> str:
    """One line on how many events speak of the day, and how firmly."""
    when = short_date(as_date(day))
    if on_day.empty:
        return (f"No event in the article is dated to {when}. Move the slider towards the "
                "article's date, where most events cluster.")
    closed, open_ = int((~on_day["open"]).sum()), int(on_day["open"].sum())
    verb = "speaks" if len(on_day) == 1 else "speak"
    noun = "event" if len(on_day) == 1 else "events"
    parts = []
    if closed:
        parts.append(f"{closed} dated on or close to that day (solid underline)")
    if open_:
        dates = "an open-ended date" if open_ == 1 else "open-ended dates"
        parts.append(f"{open_} with {dates} that may include it (dashed underline)")
    return f"{len(on_day)} {noun} {verb} of {when}: {' and '.join(parts)}."


def happened_and_reported(timeline: pd.DataFrame, article_date: dt.date) -> pd.DataFrame:
    """When each event happened, as the article lets us date it, beside when it was reported."""
    return pd.DataFrame({
        "event": timeline["summary"],
        "happened": timeline["when"],
        "reported": short_date(article_date),
    })
