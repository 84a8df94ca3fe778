"""The timeline lesson's Try-it checks, and the article-date check lesson 00 shares."""

from __future__ import annotations

import calendar
import datetime as dt

from newscase.data import Article
from newscase.data.time_rules import weekday_in
from newscase.present.feedback import Feedback, check_number, not_an_option, parse_date
from newscase.timeline.frames import chronological, events_on, timeline_frame
from newscase.timeline.resolver import long_date, months_before, resolve, resolver_for

NO_DATE = "Give a date as YYYY-MM-DD, for example 2024-11-10, or pick one in the date box."
OTHER_DAY = ("It fits the text about as well as the other {weekday} nearest {day}: the text "
             "alone narrows the date to two. Look at the dates of the outside reports the course "
             "cites (art.sources), then choose.")
NO_CLUE = "Look again at the article's time clues (art.time_phrases), then try another date."
UNKNOWN_DATE = "unknown"  # the descriptor's article.date_basis when no one could date it


def date_known(article: Article) -> bool:
    """False when the article's descriptor says its date is unknown (a fresh draft, say):
    its ``date`` is then only a placeholder, and nothing can be checked against it."""
    return article.metadata.get("date_basis") != UNKNOWN_DATE


def check_article_date(answer: str | dt.date | None, article: Article) -> Feedback:
    """Is this the article's date? Its clues are in its time phrases: a weekday ("on Sunday")
    and a span counted back from a stated date ("two months before" a day it names). Those
    narrow the date to the two such weekdays nearest the counted day; an outside source, cited
    in the date's reasoning, settles which."""
    if not date_known(article):
        return Feedback(False, "The course does not know this article's date yet, so there is "
                        "nothing to check: skip this exercise.")
    guess = parse_date(answer)
    if guess is None:
        return Feedback(False, NO_DATE)
    if guess == article.date:
        return Feedback(True, article.metadata.get("date_reasoning") or "That is the date the "
                        "course gives the article.")
    resolver = resolver_for(article)
    weekday_phrases = resolver.with_rule("weekday")
    weekday = weekday_in(weekday_phrases[0].wording) if weekday_phrases else None
    if weekday is not None and guess.weekday() != weekday:
        return Feedback(False, f"{guess:%d %B %Y} is a {guess:%A}. The article says "
                        f"'{weekday_phrases[0].wording}'. Which weekday is your date?")
    counted = resolver.with_rule("months-before")
    if weekday is None or not counted:
        return Feedback(False, NO_CLUE)
    anchor = resolver.stated_date(counted[0].anchor)
    day = months_before(anchor, counted[0].count)
    said = f"{guess:%d %B %Y} is {(anchor - guess).days} days before {long_date(anchor)}. "
    name = calendar.day_name[weekday]
    if guess in weekdays_nearest(day, weekday):
        return Feedback(False, said + OTHER_DAY.format(weekday=name, day=long_date(day)))
    return Feedback(False, said + f"The article says '{counted[0].wording}' {long_date(anchor)}: "
                    f"{counted[0].count} calendar months before it is {long_date(day)}. Look for "
                    f"the {name}s nearest that day.")


def weekdays_nearest(day: dt.date, weekday: int) -> tuple[dt.date, dt.date]:
    """The given weekday (0 = Monday) on or before ``day``, and the one after it."""
    before = day - dt.timedelta(days=(day.weekday() - weekday) % 7)
    return before, before + dt.timedelta(days=7)


DATE_BASIS_OPTIONS = {"stated": "stated", "inferred-from-text": "inferred",
                      "outside-source": "outside source"}


def check_event_order(answer, correct: list[str], why: str) -> Feedback:
    """Event ids, earliest first; ``correct`` comes from ``chronological``."""
    ids = ", ".join(sorted(correct))  # sorted, so a message never gives the answer away
    if not isinstance(answer, list | tuple):
        return Feedback(False, "Give a list in square brackets with each of "
                        f"{ids} once, earliest first.")
    cleaned = [str(item).strip().lower() for item in answer]
    strangers = [item for item in cleaned if item not in correct]
    if strangers:
        return Feedback(False, f"'{strangers[0]}' is not one of the events to order: {ids}.")
    if sorted(cleaned) != sorted(correct):
        return Feedback(False, f"Use each of {ids} exactly once, earliest first.")
    if cleaned == correct:
        return Feedback(True, why)
    right = next(i for i, (a, b) in enumerate(zip(cleaned, correct, strict=True)) if a != b)
    start = f"The first {right} in your list are in place, but not the rest." if right > 1 else (
        "The first is in place, but not the rest." if right else "The first is not the earliest.")
    return Feedback(False, f"{start} Look at each event's time words (a date, a weekday, "
                    "'has ...', 'in the coming days'), then try again.")


def check_phrase_date(answer, resolution) -> Feedback:
    """The date a time phrase means (a ``Resolution``): earliest for 'on or
    after', latest for 'on or before', first day for a range."""
    guess = parse_date(answer)
    if guess is None:
        return Feedback(False, "Give a date as YYYY-MM-DD, for example 2024-11-20.")
    if guess == resolution.date:
        return Feedback(True, f"'{resolution.phrase}' means {resolution.describe()}. "
                        f"{resolution.reasoning}")
    fits = ((resolution.start is None or resolution.start <= guess)
            and (resolution.end is None or guess <= resolution.end))
    wanted = {"after": "the earliest day", "before": "the latest day",
              "range": "its first day"}.get(resolution.precision)
    if fits and wanted:
        return Feedback(False, f"{guess:%d %B %Y} fits '{resolution.phrase}', but the question "
                        f"asks for {wanted} it can mean.")
    days = (guess - resolution.reference).days
    side = "after" if days > 0 else "before"
    where = (f"{abs(days)} days {side}" if days else "the same day as")
    return Feedback(False, f"{guess:%d %B %Y} is {where} the reference date, "
                    f"{resolution.reference:%A %d %B %Y}. Count from that day, then try again.")


def check_date_basis(answer, events, event_id: str) -> Feedback:
    """Is the event's date stated in the article, inferred from it, or from an outside source?"""
    row = events[events["id"] == event_id]
    if row.empty:
        raise ValueError(f"No event '{event_id}' in the events table.")
    basis = row["date_basis"].iloc[0]
    correct = DATE_BASIS_OPTIONS[basis]
    options = list(DATE_BASIS_OPTIONS.values())
    cleaned = str(answer).strip().lower()
    if cleaned in (correct, basis):
        return Feedback(True, row["date_reasoning"].iloc[0])
    if cleaned not in options:
        return not_an_option(answer, options)
    hint = {
        "inferred": "Does the article print a calendar date for it, or only a clue (a weekday, "
                    "'previously', a verb form) from which the date is worked out?",
        "stated": "Read the evidence again: the article gives this date in so many words.",
        "outside source": "The article itself does not date this event: look at its source.",
    }[correct]
    return Feedback(False, hint)


# --- the lesson's exercises, by kind (newscase.present.exercises)


def event_order_exercise(article: Article, answer, events: list[str]) -> Feedback:
    return check_event_order(answer, chronological(timeline_frame(article.events), events), "")


def phrase_date_exercise(article: Article, answer, phrase: str, reference: str) -> Feedback:
    return check_phrase_date(answer, resolve(phrase, reference, article=article))


def date_basis_exercise(article: Article, answer, event: str) -> Feedback:
    return check_date_basis(answer, article.events, event)


def events_on_day_exercise(article: Article, answer, day: str) -> Feedback:
    """How many of the article's events a day falls within."""
    return check_number(answer, len(events_on(timeline_frame(article.events), day)), "")


def article_date_exercise(article: Article, answer) -> Feedback:
    return check_article_date(answer, article)


EXERCISES = {
    "event-order": event_order_exercise,
    "phrase-date": phrase_date_exercise,
    "date-basis": date_basis_exercise,
    "events-on-day": events_on_day_exercise,
    "article-date": article_date_exercise,
}
