"""The publication date a text states in its opening lines (a dateline), if any.

Only the opening is searched: a date further down is usually an event's ("on 20 January"), not
the article's. A date found is a reading of the text, and the reasoning quotes the span.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

OPENING_CHARS = 400
MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
PATTERNS = [
    re.compile(rf"\b{YEAR}-(?P<month_number>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{DAY} {MONTH},? {YEAR}\b"),
    re.compile(rf"\b{MONTH} {DAY},? {YEAR}\b"),
]


@dataclass(frozen=True)
class StatedDate:
    date: dt.date
    span: str

    @property
    def reasoning(self) -> str:
        return (f"Stated in the text's opening lines: '{self.span}'. Read by python -m newscase "
                "new; check it is the publication date, not an event's.")


def stated_date(text: str) -> StatedDate | None:
    """The earliest calendar date written in the text's opening, or None."""
    opening = text[:OPENING_CHARS]
    found = []
    for pattern in PATTERNS:
        for match in pattern.finditer(opening):
            date = to_date(match)
            if date is not None:
                found.append((match.start(), StatedDate(date, match.group(0))))
    return min(found, key=lambda item: item[0])[1] if found else None


def to_date(match: re.Match) -> dt.date | None:
    parts = match.groupdict()
    month = (int(parts["month_number"]) if parts.get("month_number")
             else MONTHS.get(parts["month"].lower()))
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"])) if month else None
    except ValueError:  # 31 February and the like: not a date
        return None
