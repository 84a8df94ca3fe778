"""The vocabulary of an article's time-phrase table (``time_phrases.csv``).

Each row names one of the general rules below; ``newscase.timeline.resolver`` implements them,
and validation checks a row against what its rule needs. A row's ``reasoning`` is a template: the
fields in braces (``{reference}``, ``{start}``…) are filled in with long dates when the phrase is
resolved, so one sentence serves every reference date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import string
from dataclasses import dataclass

WEEKDAYS = tuple(calendar.day_name)  # Monday first, as datetime.weekday() counts
MONTHS = tuple(calendar.month_name)[1:]
_MONTH = "|".join(MONTHS)
#: A date written out in words: 'March 3, 2021' or '3 March 2021'.
STATED_DATE = re.compile(rf"\b(?:(?P<month>{_MONTH}) (?P<day>\d{{1,2}}), (?P<year>\d{{4}})"
                         rf"|(?P<day2>\d{{1,2}}) (?P<month2>{_MONTH}) (?P<year2>\d{{4}}))\b")
WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
#: Fields every rule's reasoning may use: the wording, capitalised or not, and the reference day.
COMMON_FIELDS = ("wording", "Wording", "reference")


@dataclass(frozen=True)
class TimeRule:
    """What a general rule needs from its row and offers its reasoning template."""

    kind: str  # the kind of clue, shown in the phrase table unless the row names its own
    fields: tuple[str, ...]  # template fields beyond COMMON_FIELDS
    anchor: bool = False  # counts from or to the stated-date phrase whose id is in ``anchor``
    count: bool = False  # needs a whole number of months in ``count``


FROM_THE_DAY = "counted from the article's day"
TIME_RULES = {
    "weekday": TimeRule("named weekday", ("start", "end", "weekday", "gap")),
    "today": TimeRule(FROM_THE_DAY, ("start", "end")),
    "yesterday": TimeRule(FROM_THE_DAY, ("start", "end")),
    "tomorrow": TimeRule(FROM_THE_DAY, ("start", "end")),
    "coming-days": TimeRule(FROM_THE_DAY, ("start",)),
    "last-week": TimeRule(FROM_THE_DAY, ("start", "end")),
    "next-week": TimeRule(FROM_THE_DAY, ("start", "end")),
    "done-by": TimeRule("tense", ("end",)),
    "not-yet": TimeRule("tense", ("start",)),
    "habit": TimeRule("habit", ("start", "end")),
    "same-time": TimeRule("order of events", ("start", "end")),
    "stated-date": TimeRule("stated date", ("start", "end")),
    "months-before": TimeRule("counted from a stated date", ("start", "end", "anchor", "count"),
                              anchor=True, count=True),
    "until-stated-date": TimeRule("counted to a stated date", ("start", "end", "anchor"),
                                  anchor=True),
}
ANCHORED = tuple(name for name, rule in TIME_RULES.items() if rule.anchor)
COUNTED = tuple(name for name, rule in TIME_RULES.items() if rule.count)


def stated_date_in(wording: str) -> dt.date | None:
    """The date written out in the wording ('January 20, 1961' or '20 January 1961'), or None."""
    found = STATED_DATE.search(wording)
    if found is None:
        return None
    month = found["month"] or found["month2"]
    try:
        return dt.date(int(found["year"] or found["year2"]), MONTHS.index(month) + 1,
                       int(found["day"] or found["day2"]))
    except ValueError:
        return None  # 'February 30, 2024'


def weekday_in(wording: str) -> int | None:
    """The weekday the wording names (0 = Monday), or None."""
    found = WEEKDAY.search(wording)
    return None if found is None else WEEKDAYS.index(found[1].capitalize())


def template_fields(template: str) -> list[str]:
    """The field names in a reasoning template; ValueError for an unmatched brace."""
    return [name for _text, name, _spec, _conv in string.Formatter().parse(template)
            if name is not None]


def allowed_fields(rule: str) -> tuple[str, ...]:
    return COMMON_FIELDS + TIME_RULES[rule].fields


def normalise(phrase: str) -> str:
    """Case, curly quotes, surrounding quotes or punctuation and spacing do not matter."""
    cleaned = phrase.replace("’", "'").replace("“", '"').replace("”", '"').casefold()
    return " ".join(cleaned.split()).strip(" \"'.,;:!?")
