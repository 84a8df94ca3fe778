"""When: the calendar dates a report's time words mean, seen from a reference date.

The rules are general and live here: weekdays, 'today', 'yesterday', 'tomorrow', 'last week',
'next week', 'in the coming days', and tense cues (a present perfect was done by then; 'has not'
and 'has yet to' are not done yet). An article's own phrases are data, its ``time_phrases`` table:
each row names one of these rules (see ``newscase.data.time_rules``), with the aliases a learner
may type, the stated date it counts from, and reasoning in the article's words. The article's
phrases come first; the general phrases work with any article, or with none.

Dates follow events.csv's ``date_precision`` vocabulary:

- ``day``: on that date;
- ``approximate``: on or about it (the timeline allows a day either side);
- ``range``: from one date to another;
- ``before``: on or before it, with no earliest date;
- ``after``: on or after it, with no latest date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from newscase.data.time_rules import (
    TIME_RULES,
    WEEKDAYS,
    normalise,
    stated_date_in,
    weekday_in,
)
from newscase.present.feedback import parse_date
from newscase.present.suggest import did_you_mean

TABLE = "time_phrases"


def long_date(day: dt.date) -> str:
    """'Tuesday 5 March 2024' (no zero padding, on every platform)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """'5 Mar 2024'."""
    return f"{day.day} {day:%b %Y}"


def describe_dates(precision: str, start: dt.date | None, end: dt.date | None) -> str:
    """Plain words for a date and its precision, e.g. 'on or before Tuesday 5 March 2024'."""
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
    """A time phrase as a report words it and the general rule that dates it.

    ``id``, ``anchor``, ``count``, ``kind`` and ``reasoning`` come from the article's table: the
    stated-date phrase a count starts from, how many months, the kind of clue and a reasoning
    template, each blank to use the rule's own.
    """

    wording: str
    rule: str
    aliases: tuple[str, ...] = ()
    id: str = ""
    anchor: str = ""
    count: int | None = None
    kind: str = ""
    reasoning: str = ""

    @property
    def kind_of_clue(self) -> str:
        return self.kind or TIME_RULES[self.rule].kind


# --- The general rules ------------------------------------------------------------------------


class Dated(NamedTuple):
    """What a rule works out: the bounds, their precision, its own reasoning template and the
    fields only it can fill in."""

    start: dt.date | None
    end: dt.date | None
    precision: str
    template: str
    fields: dict = {}


DAY = dt.timedelta(days=1)
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve")
PRESENT_PERFECT = re.compile(r"\b(?:has|have)\b", re.IGNORECASE)


def weekday(phrase: Phrase, ref: dt.date, _anchor) -> Dated:
    number = weekday_in(phrase.wording)
    day = ref - dt.timedelta(days=(ref.weekday() - number) % 7)
    gap = (ref - day).days
    fields = {"weekday": WEEKDAYS[number], "gap": f"{gap} day{'s' * (gap != 1)}"}
    if gap == 0:
        return Dated(day, day, "day", "A report's '{wording}' means the latest {weekday} up to "
                     "its own date; {reference} is itself a {weekday}, so that very day.", fields)
    return Dated(day, day, "day", "A report's '{wording}' means the latest {weekday} up to its "
                 "own date: {gap} before {reference}.", fields)


def today(_phrase, ref: dt.date, _anchor) -> Dated:
    return Dated(ref, ref, "day", "'{Wording}' in a report is the day it was written: {start}.")


def yesterday(_phrase, ref: dt.date, _anchor) -> Dated:
    return Dated(ref - DAY, ref - DAY, "day", "'{Wording}' is the day before {reference}: {start}.")


def tomorrow(_phrase, ref: dt.date, _anchor) -> Dated:
    return Dated(ref + DAY, ref + DAY, "day", "'{Wording}' is the day after {reference}: {start}.")


def coming_days(_phrase, ref: dt.date, _anchor) -> Dated:
    return Dated(ref + DAY, None, "after", "'Coming days' looks forward from {reference}, so from "
                 "the next day on; 'days' suggests soon, but the article gives no end.")


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def last_week(_phrase, ref: dt.date, _anchor) -> Dated:
    start = monday_of(ref) - 7 * DAY
    return Dated(start, start + 6 * DAY, "range", "'{Wording}' is the Monday-to-Sunday week "
                 "before the one {reference} falls in: from {start} to {end}.")


def next_week(_phrase, ref: dt.date, _anchor) -> Dated:
    start = monday_of(ref) + 7 * DAY
    return Dated(start, start + 6 * DAY, "range", "'{Wording}' is the Monday-to-Sunday week "
                 "after the one {reference} falls in: from {start} to {end}.")


def done_by(phrase: Phrase, ref: dt.date, _anchor) -> Dated:
    """A verb form (a present perfect, 'follows') that puts something before the reference."""
    cue = ("(present perfect): done" if PRESENT_PERFECT.search(phrase.wording)
           else "puts it before the report:")
    return Dated(None, ref, "before", f"'{{Wording}}' {cue} on or before {{reference}}; "
                 "no date is given.")


def not_yet(_phrase, ref: dt.date, _anchor) -> Dated:
    return Dated(ref, None, "after", "'{Wording}': not done by {reference}, so if it comes, it "
                 "comes on or after that day.")


def habit(_phrase, ref: dt.date, _anchor) -> Dated:
    return Dated(ref, ref, "approximate", "'{Wording}' says it happens regularly, not on which "
                 "day: on or about {reference}.")


def same_time(_phrase, ref: dt.date, _anchor) -> Dated:
    return Dated(ref, ref, "approximate", "'{Wording}' sets it beside the main news without a "
                 "date: on or about {reference}.")


def stated(phrase: Phrase, _ref, _anchor) -> Dated:
    day = stated_date_in(phrase.wording)
    return Dated(day, day, "day", "Stated in the article: '{wording}'.")


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month, ``months`` calendar months earlier (or that month's last
    day, if it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = index // 12, index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def counted_back(phrase: Phrase, _ref, anchor: dt.date) -> Dated:
    day = months_before(anchor, phrase.count)
    return Dated(day, day, "approximate", "Counting {count} calendar months back from the stated "
                 "{anchor} gives {start}; a round number of months is approximate.")


def until_stated(phrase: Phrase, ref: dt.date, anchor: dt.date) -> Dated:
    if ref >= anchor:
        raise ValueError(
            f"'{phrase.wording}' runs up to {long_date(anchor)}, so seen from {long_date(ref)} "
            "it is over. Pick a reference date before then, for example the article's own date.")
    return Dated(ref, anchor, "range", "'{Wording}' runs from {reference} up to the stated "
                 "{anchor}.")


RULES: dict[str, Callable[[Phrase, dt.date, dt.date | None], Dated]] = {
    "weekday": weekday,
    "today": today,
    "yesterday": yesterday,
    "tomorrow": tomorrow,
    "coming-days": coming_days,
    "last-week": last_week,
    "next-week": next_week,
    "done-by": done_by,
    "not-yet": not_yet,
    "habit": habit,
    "same-time": same_time,
    "stated-date": stated,
    "months-before": counted_back,
    "until-stated-date": until_stated,
}

#: The phrases every article's resolver knows, whatever its table holds.
GENERAL_PHRASES = (
    Phrase("today", "today"),
    Phrase("yesterday", "yesterday"),
    Phrase("tomorrow", "tomorrow"),
    Phrase("in the coming days", "coming-days", ("coming days", "the coming days",
                                                 "in coming days")),
    Phrase("last week", "last-week"),
    Phrase("next week", "next-week"),
    *(Phrase(f"on {name}", "weekday", (name,)) for name in WEEKDAYS),
)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def number_word(count: int | None) -> str:
    """'two' for 2; digits from 13 on."""
    return NUMBER_WORDS[count] if count in range(len(NUMBER_WORDS)) else str(count)


def quoted_list(phrases) -> str:
    return ", ".join(f"'{p}'" for p in phrases)


# --- The resolver -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeResolver:
    """The general phrases plus an article's own (``phrases``), which come first."""

    phrases: tuple[Phrase, ...] = ()
    lookup: dict[str, Phrase] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        names = {normalise(name): p for p in GENERAL_PHRASES for name in (p.wording, *p.aliases)}
        names |= {normalise(name): p for p in self.phrases for name in (p.wording, *p.aliases)}
        object.__setattr__(self, "lookup", names)

    @classmethod
    def from_table(cls, table: pd.DataFrame) -> TimeResolver:
        """The resolver for an article's ``time_phrases`` table, as ``load_article`` reads it."""
        return cls(tuple(phrase_from_row(row) for row in table.to_dict("records")))

    def known_phrases(self) -> list[str]:
        """The article's phrases in reading order; the general ones if it has none."""
        return [p.wording for p in self.phrases or GENERAL_PHRASES]

    def with_rule(self, rule: str) -> list[Phrase]:
        """The article's phrases that a given general rule dates, in reading order."""
        return [p for p in self.phrases if p.rule == rule]

    def stated_date(self, phrase_id: str) -> dt.date:
        """The date a stated-date phrase of the article writes out, found by its id."""
        ids = {p.id: p for p in self.phrases}
        if phrase_id not in ids:
            if not ids:
                raise ValueError("This article has no time-phrase table (time_phrases.csv), so "
                                 "it states no date the resolver can use.")
            hint = did_you_mean(phrase_id, list(ids))
            raise ValueError(f"No time phrase '{phrase_id}' in the article's table.{hint}")
        day = stated_date_in(ids[phrase_id].wording)
        if ids[phrase_id].rule != "stated-date" or day is None:
            raise ValueError(f"The time phrase '{phrase_id}' is not a stated date.")
        return day

    def resolve(self, phrase: str | None, reference) -> Resolution:
        """The date or dates a time phrase means, seen from ``reference``.

        Raise ValueError, with a message that lists the known phrases, for a phrase it does
        not know.
        """
        ref = as_date(reference)
        found = self.lookup.get(normalise(phrase or ""))
        if found is None:
            raise ValueError(self.unknown_phrase_message(phrase))
        anchor = self.stated_date(found.anchor) if found.anchor else None
        dated = RULES[found.rule](found, ref, anchor)
        fields = {
            "wording": found.wording, "Wording": capitalised(found.wording),
            "reference": long_date(ref),
            "start": long_date(dated.start) if dated.start else "",
            "end": long_date(dated.end) if dated.end else "",
            "anchor": long_date(anchor) if anchor else "",
            "count": number_word(found.count),
            **dated.fields,
        }
        reasoning = (found.reasoning or dated.template).format_map(fields)
        return Resolution(found.wording, ref, dated.start, dated.end, dated.precision, reasoning)

    def unknown_phrase_message(self, phrase: str | None) -> str:
        known = quoted_list(self.known_phrases())
        if self.phrases:
            ask = "Type or pick a time phrase from the article."
            offer = (f"Copy one of these from the article: {known}. It also knows "
                     f"{quoted_list(p.wording for p in GENERAL_PHRASES)}.")
        else:
            ask = "Type or pick a time phrase."
            offer = f"Without the article's own phrases it knows: {known}."
        if not (phrase or "").strip():
            return f"{ask} The resolver knows: {known}."
        hint = did_you_mean(normalise(phrase), list(self.lookup), cutoff=0.75,
                            show=lambda key: f"'{self.lookup[key].wording}'")
        return f"The resolver does not know '{phrase.strip()}'.{hint} {offer}"

    def phrase_table(self, reference) -> pd.DataFrame:
        """Every known phrase resolved from one reference date (columns: phrase, kind, dates,
        why). A phrase that means nothing from that date gets '—' and the resolver's
        explanation."""
        rows = []
        for phrase in self.phrases or GENERAL_PHRASES:
            try:
                found = self.resolve(phrase.wording, reference)
                rows.append((phrase.wording, phrase.kind_of_clue, found.describe(),
                             found.reasoning))
            except ValueError as error:
                rows.append((phrase.wording, phrase.kind_of_clue, "—", str(error)))
        return pd.DataFrame(rows, columns=["phrase", "kind of clue", "dates", "reasoning"])


def phrase_from_row(row: dict) -> Phrase:
    def text(name: str) -> str:
        value = row.get(name)
        return "" if value is None or value is pd.NA or pd.isna(value) else str(value)

    count = row.get("count")
    return Phrase(wording=row["evidence"], rule=row["rule"],
                  aliases=tuple(row.get("aliases") or ()), id=text("id"), anchor=text("anchor"),
                  count=None if count is None or pd.isna(count) else int(count),
                  kind=text("kind"), reasoning=text("reasoning"))


GENERAL = TimeResolver()


def resolver_for(article=None) -> TimeResolver:
    """The resolver for an article: its ``time_phrases`` table first, then the general phrases.

    With no article, or an article without the table, it knows the general phrases only.
    """
    table = getattr(article, "tables", {}).get(TABLE) if article is not None else None
    return GENERAL if table is None else TimeResolver.from_table(table)


def as_date(reference) -> dt.date:
    """A date from a date, datetime, pandas Timestamp or 'YYYY-MM-DD' string."""
    day = parse_date(reference)
    if day is None:
        raise ValueError(
            "Pick a reference date: the day the article was written, as YYYY-MM-DD."
        )
    return day


def resolve(phrase: str | None, reference, article=None) -> Resolution:
    """The date or dates a time phrase means, seen from ``reference``: one of the article's
    phrases (pass ``article``) or a general one ('on Monday', 'next week', 'in the coming
    days'…)."""
    return resolver_for(article).resolve(phrase, reference)


def known_phrases(article=None) -> list[str]:
    """The article's time phrases in reading order; the general ones without an article."""
    return resolver_for(article).known_phrases()


def phrase_table(reference, article=None) -> pd.DataFrame:
    """Every time phrase of the article (or every general phrase) resolved from ``reference``."""
    return resolver_for(article).phrase_table(reference)


def stated_date(article, phrase_id: str) -> dt.date:
    """The date the article's stated-date phrase ``phrase_id`` writes out."""
    return resolver_for(article).stated_date(phrase_id)
