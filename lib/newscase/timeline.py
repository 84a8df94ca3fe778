"""What happened when: calendar dates for the article's time words, and a tidy timeline of events.

Dates follow events.csv's ``date_precision`` vocabulary:

- ``day``: on that date;
- ``approximate``: on or about it (the timeline allows a day either side);
- ``range``: from one date to another;
- ``before``: on or before it, with no earliest date;
- ``after``: on or after it, with no latest date.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from newscase import text

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


def long_date(day: dt.date) -> str:
    """'Sunday 17 November 2024' (no zero padding, on every platform)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """'17 Nov 2024'."""
    return f"{day.day} {day:%b %Y}"


def describe_dates(precision: str, start: dt.date | None, end: dt.date | None) -> str:
    """Plain words for a date and its precision, e.g. 'on or before Sunday 17 November 2024'."""
    if precision == "before":
        return f"on or before {long_date(end)}, with no earliest date"
    if precision == "after":
        return f"on or after {long_date(start)}, with no end given"
    if precision == "range":
        return f"from {long_date(start)} to {long_date(end)}"
    if precision == "approximate":
        return f"on or about {long_date(start)}"
    return f"on {long_date(start)}"


@dataclass(frozen=True)
class Resolution:
    """A phrase's dates as seen from a reference date (the day the article was written).

    ``start`` and ``end`` bound the dates the phrase allows; None where it gives no bound. An
    ``approximate`` date has start == end: the phrase names that day only roughly.
    """

    phrase: str
    reference: dt.date
    start: dt.date | None
    end: dt.date | None
    precision: str
    reasoning: str

    @property
    def date(self) -> dt.date:
        """The one date events.csv would record: the bound for 'before', else the start."""
        return self.end if self.precision == "before" else self.start

    def describe(self) -> str:
        return describe_dates(self.precision, self.start, self.end)

    def __str__(self) -> str:
        return f"'{self.phrase}': {self.describe()}. {self.reasoning}"


@dataclass(frozen=True)
class Phrase:
    """A time phrase as the article words it, the kind of clue it is, and how to resolve it."""

    wording: str
    kind: str
    rule: Callable[[dt.date], tuple[dt.date | None, dt.date | None, str, str]]
    aliases: tuple[str, ...] = ()


def parse_stated(wording: str) -> dt.date:
    """A date written out as the article writes it: 'January 20, 2025'."""
    return dt.datetime.strptime(wording, "%B %d, %Y").date()


# The article: "President-elect Donald Trump is set to take office on January 20, 2025".
TAKES_OFFICE_WORDING = "January 20, 2025"
TAKES_OFFICE = parse_stated(TAKES_OFFICE_WORDING)


def on_sunday(ref: dt.date):
    sunday = ref - dt.timedelta(days=(ref.weekday() - 6) % 7)
    if sunday == ref:
        why = (f"A report's 'on Sunday' means the latest Sunday up to its own date; "
               f"{long_date(ref)} is itself a Sunday, so that very day.")
    else:
        why = (f"A report's 'on Sunday' means the latest Sunday up to its own date: "
               f"{(ref - sunday).days} days before {long_date(ref)}.")
    return sunday, sunday, "day", why


def in_the_coming_days(ref: dt.date):
    first = ref + dt.timedelta(days=1)
    return first, None, "after", (
        f"'Coming days' looks forward from {long_date(ref)}, so from the next day on; "
        "'days' suggests soon, but the article gives no end.")


def nightly_address(ref: dt.date):
    return ref, ref, "approximate", (
        "'Nightly' says he speaks every night, not which night: the night of the news or "
        f"the one before, so on or about {long_date(ref)}.")


def meanwhile(ref: dt.date):
    return ref, ref, "approximate", (
        f"'Meanwhile' sets it beside the main news without a date: on or about {long_date(ref)}.")


def done_by(reason: str) -> Callable:
    """A rule for a verb form that puts something in the past of the reference date."""
    def rule(ref: dt.date):
        return None, ref, "before", f"{reason} on or before {long_date(ref)}; no date is given."
    return rule


def not_yet(reason: str) -> Callable:
    """A rule for something that has not happened by the reference date."""
    def rule(ref: dt.date):
        return ref, None, "after", (
            f"{reason} by {long_date(ref)}, so if it comes, it comes on or after that day.")
    return rule


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month, ``months`` calendar months earlier (day 28 at most here)."""
    index = day.year * 12 + day.month - 1 - months
    return day.replace(year=index // 12, month=index % 12 + 1)


def two_months_before(_ref: dt.date):
    day = months_before(TAKES_OFFICE, 2)
    return day, day, "approximate", (
        f"Two calendar months before the stated {long_date(TAKES_OFFICE)} is {long_date(day)}; "
        "'just' and the round number make it approximate.")


def stated_inauguration(_ref: dt.date):
    return TAKES_OFFICE, TAKES_OFFICE, "day", (
        f"Stated in the article: Trump 'is set to take office on {TAKES_OFFICE_WORDING}'.")


def final_weeks(ref: dt.date):
    if ref >= TAKES_OFFICE:
        raise ValueError(
            f"The Biden administration's final weeks ended on {long_date(TAKES_OFFICE)}. "
            "Pick a reference date before then, for example the article's own date.")
    return ref, TAKES_OFFICE, "range", (
        f"The Biden administration ends when Trump takes office on {long_date(TAKES_OFFICE)}, "
        f"so 'its final weeks' run from {long_date(ref)} to then.")


# The article's time phrases, in reading order: dates and weekdays, counted spans, and the
# verb forms (present perfect, "has not", "has yet to") that place something before or after the
# article's day. A test checks each wording is verbatim and that no present perfect is missed.
PHRASES = (
    Phrase("has approved", "tense", done_by("'Has approved' (present perfect): done"),
           ("approved",)),
    Phrase("on Sunday", "named weekday", on_sunday, ("sunday", "confirmed on sunday")),
    Phrase("in the coming days", "counted from the article's day", in_the_coming_days,
           ("coming days", "the coming days")),
    Phrase("in his nightly address", "habit (every night)", nightly_address,
           ("nightly address", "nightly")),
    Phrase("follows reports", "order of events",
           done_by("The decision 'follows' the reports, so they came out"), ("follows",)),
    Phrase("have reportedly engaged", "tense",
           done_by("'Have reportedly engaged' (present perfect, and only reported):"),
           ("reportedly engaged", "have engaged")),
    Phrase("has alarmed", "tense", done_by("'Has alarmed' (present perfect): it happened"),
           ("alarmed",)),
    Phrase("has not issued an official response", "tense",
           not_yet("'Has not issued': no response"), ("has not issued",)),
    Phrase("has previously warned", "tense",
           done_by("'Previously' points back without saying how far:"),
           ("previously", "previously warned")),
    Phrase("Meanwhile", "order of events", meanwhile),
    Phrase("just two months before", "counted from a stated date", two_months_before,
           ("two months before", "two months before january 20, 2025",
            "just two months before january 20, 2025")),
    Phrase(TAKES_OFFICE_WORDING, "stated date", stated_inauguration,
           ("20 january 2025", "on january 20, 2025", "set to take office")),
    Phrase("has been critical", "tense",
           done_by("'Has been critical' (present perfect): a view held up to now, from some time"),
           ("been critical",)),
    Phrase("has pledged", "tense", done_by("'Has pledged' (present perfect): done"),
           ("pledged",)),
    Phrase("has yet to elaborate", "tense", not_yet("'Has yet to elaborate': nothing said"),
           ("yet to elaborate",)),
    Phrase("in its final weeks", "counted to a stated date", final_weeks,
           ("final weeks", "its final weeks")),
    Phrase("has come too late", "tense",
           done_by("'Has come too late' (present perfect): in these analysts' view, it came"),
           ("come too late",)),
)


def normalise(phrase: str) -> str:
    """Case, curly quotes, surrounding quotes or punctuation and spacing do not matter."""
    cleaned = phrase.replace("’", "'").replace("“", '"').replace("”", '"').casefold()
    return " ".join(cleaned.split()).strip(" \"'.,;:!?")


LOOKUP = {normalise(name): p for p in PHRASES for name in (p.wording, *p.aliases)}


def known_phrases() -> list[str]:
    return [p.wording for p in PHRASES]


def as_date(reference) -> dt.date:
    """A date from a date, datetime, pandas Timestamp or 'YYYY-MM-DD' string."""
    if isinstance(reference, dt.datetime):
        return reference.date()
    if isinstance(reference, dt.date):
        return reference
    try:
        return dt.date.fromisoformat(str(reference).strip())
    except ValueError:
        raise ValueError(
            "Pick a reference date: the day the article was written, such as 2024-11-17."
        ) from None


def resolve(phrase: str, reference) -> Resolution:
    """The date or dates a time phrase of the article means, seen from ``reference``.

    Raise ValueError, with a message that lists the known phrases, for a phrase it does not know.
    """
    ref = as_date(reference)
    found = LOOKUP.get(normalise(phrase or ""))
    if found is None:
        raise ValueError(unknown_phrase_message(phrase))
    start, end, precision, reasoning = found.rule(ref)
    return Resolution(found.wording, ref, start, end, precision, reasoning)


def unknown_phrase_message(phrase: str | None) -> str:
    known = ", ".join(f"'{p}'" for p in known_phrases())
    if not (phrase or "").strip():
        return f"Type or pick a time phrase from the article. The resolver knows: {known}."
    close = difflib.get_close_matches(normalise(phrase), list(LOOKUP), n=1, cutoff=0.75)
    hint = f" Did you mean '{LOOKUP[close[0]].wording}'?" if close else ""
    return (f"The resolver does not know '{phrase.strip()}'.{hint} "
            f"Copy one of these from the article: {known}.")


def phrase_table(reference) -> pd.DataFrame:
    """Every known phrase resolved from one reference date (columns: phrase, kind, dates, why).

    A phrase that means nothing from that date gets '—' and the resolver's explanation.
    """
    rows = []
    for phrase in PHRASES:
        try:
            found = resolve(phrase.wording, reference)
            rows.append((phrase.wording, phrase.kind, found.describe(), found.reasoning))
        except ValueError as error:
            rows.append((phrase.wording, phrase.kind, "—", str(error)))
    return pd.DataFrame(rows, columns=["phrase", "kind of clue", "dates", "reasoning"])


# --- the timeline ---------------------------------------------------------------------------

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


def plotly_text(value: str) -> str:
    """Escaped for plotly's HTML-like labels, which decode &amp; &lt; &gt; but not &quot;."""
    return html.escape(value, quote=False)


def axis_label(summary: str) -> str:
    """At most two short lines, escaped, for a plotly category axis."""
    lines = textwrap.wrap(summary, AXIS_LABEL_WIDTH, max_lines=2, placeholder="…")
    return "<br>".join(plotly_text(line) for line in lines)


def hover_text(row: dict) -> str:
    lines = [f"<b>{plotly_text(row['summary'])}</b>", plotly_text(row["when"]),
             f"status: {row['status']}; date {row['basis']}"]
    said = ("article", f"“{row['evidence']}”") if row["evidence"] else ("source", row["source"])
    for head, body in (said, ("why", row["reasoning"])):
        wrapped = textwrap.wrap(f"{head}: {body}", 70)
        lines += [plotly_text(line) for line in wrapped]
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
