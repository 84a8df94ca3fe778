"""When: the calendar dates an article's time words mean, seen from a reference date.

Dates follow events.csv's ``date_precision`` vocabulary:

- ``day``: on that date;
- ``approximate``: on or about it (the timeline allows a day either side);
- ``range``: from one date to another;
- ``before``: on or before it, with no earliest date;
- ``after``: on or after it, with no latest date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from newscase.present.feedback import parse_date
from newscase.present.suggest import did_you_mean


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
    day = parse_date(reference)
    if day is None:
        raise ValueError(
            "Pick a reference date: the day the article was written, such as 2024-11-17."
        )
    return day


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
    hint = did_you_mean(normalise(phrase), list(LOOKUP), cutoff=0.75,
                        show=lambda key: f"'{LOOKUP[key].wording}'")
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
