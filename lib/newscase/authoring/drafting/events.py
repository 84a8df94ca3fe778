"""Events: one per time phrase that resolves against the article's date, dated as the resolver
dates it, with the clause around the phrase as its evidence and summary."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newscase.authoring.drafting.times import TimePhrase, resolution

FUTURE_RULES = ("coming-days", "tomorrow", "next-week", "not-yet", "until-stated-date")
SCHEDULED = re.compile(r"\b(?:set to|scheduled|due to|slated)\b")
REPORTED = re.compile(r"\breport(?:s|ed|edly)?\b", re.IGNORECASE)


@dataclass
class Event:
    phrase: TimePhrase
    date: dt.date
    date_end: dt.date | None
    precision: str
    basis: str
    reasoning: str
    status: str


def status(rule: str, clause: str, date: dt.date, article_date: dt.date) -> str:
    if SCHEDULED.search(clause):
        return "scheduled"
    if rule in FUTURE_RULES or (rule == "stated-date" and date > article_date):
        return "expected"
    if REPORTED.search(clause):
        return "reported"
    return "occurred"


def date_event(phrase: TimePhrase, phrases: list[TimePhrase], clause: str,
               article_date: dt.date) -> Event | None:
    found = resolution(phrase, [p for p in phrases if p is not phrase], article_date)
    if found is None or found.date is None:
        return None
    end = found.end if found.precision == "range" else None
    basis = "stated" if phrase.rule == "stated-date" else "inferred-from-text"
    reasoning = (f"Drafted: the time phrase '{phrase.evidence}' (rule {phrase.rule}) read from "
                 f"the article's date: {found.reasoning}")
    return Event(phrase, found.date, end, found.precision, basis, reasoning,
                 status(phrase.rule, clause, found.date, article_date))
