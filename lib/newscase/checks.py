"""Immediate feedback for Try-it exercises: each check is a pure function returning Feedback."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from newscase.actors import ATTRIBUTION_LABELS, find_actor
from newscase.data import Article
from newscase.timeline import TAKES_OFFICE

ARTICLE_DATE_HINTS = {
    "no_date": "Give a date as YYYY-MM-DD, for example 2024-11-10, or pick one in the date box.",
    "not_sunday": "The officials confirmed the decision 'on Sunday'. Which weekday is your date?",
    "too_far": "The shift comes 'just two months before' 20 January 2025, about 61 days.",
}


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str

    def __str__(self) -> str:
        return f"{'Correct' if self.correct else 'Not yet'}: {self.message}"

    def _repr_html_(self) -> str:
        colour, mark = ("#009E73", "✓") if self.correct else ("#D55E00", "✗")
        return (
            f'<div style="border-left:4px solid {colour};padding:4px 8px">'
            f"<b>{mark} {'Correct' if self.correct else 'Not yet'}</b>: "
            f"{html.escape(self.message)}</div>"
        )

    def __repr__(self) -> str:
        return str(self)


def parse_date(answer: str | dt.date | None) -> dt.date | None:
    if isinstance(answer, dt.datetime):
        return answer.date()
    if isinstance(answer, dt.date):
        return answer
    try:
        return dt.date.fromisoformat(str(answer).strip())
    except ValueError:
        return None


def check_article_date(answer: str | dt.date | None, article: Article) -> Feedback:
    """Is this the Sunday about two months before 20 January 2025 that the article implies?"""
    guess = parse_date(answer)
    if guess is None:
        return Feedback(False, ARTICLE_DATE_HINTS["no_date"])
    if guess == article.date:
        return Feedback(True, article.metadata["date_reasoning"])
    if guess.weekday() != 6:
        return Feedback(False, f"{guess:%d %B %Y} is a {guess:%A}. "
                        + ARTICLE_DATE_HINTS["not_sunday"])
    days = (TAKES_OFFICE - guess).days
    return Feedback(False, f"{guess:%d %B %Y} is a Sunday {days} days before the inauguration. "
                    + ARTICLE_DATE_HINTS["too_far"])


def check_number(answer, correct: int, why: str) -> Feedback:
    """Whole-number check that tells a learner which way they are off."""
    if answer is None or isinstance(answer, bool):
        return Feedback(False, "Replace None with a whole number, then run the cell again.")
    try:
        value = int(answer)
    except (TypeError, ValueError):
        return Feedback(False, f"'{answer}' is not a whole number. Type digits, like 4.")
    if value == correct:
        return Feedback(True, why)
    direction = "too low" if value < correct else "too high"
    return Feedback(False, f"{value} is {direction}. Count again, then re-run the cell.")


def check_attributions(answers: dict[str, str], article: Article) -> Feedback:
    """Each claim id mapped to an attribution type; says which are right, hints at the rest."""
    truth = dict(zip(article.claims["id"], article.claims["attribution"], strict=True))
    allowed = list(ATTRIBUTION_LABELS)
    unknown = [c for c in answers if c not in truth]
    if unknown:
        return Feedback(False, f"There is no claim {', '.join(unknown)}; use ids from art.claims.")
    invalid = [a for a in answers.values() if a not in allowed]
    if invalid:
        return Feedback(False, f"'{invalid[0]}' is not an attribution type. Use one of: "
                        + ", ".join(allowed) + ".")
    wrong = [c for c, a in answers.items() if truth[c] != a]
    if not answers:
        return Feedback(False, "Fill in the dictionary, one claim id to one attribution type.")
    if wrong:
        return Feedback(False, f"{len(answers) - len(wrong)} of {len(answers)} right. "
                        f"Look again at {', '.join(wrong)}: who is named, and who is not?")
    return Feedback(True, "All right. Notice how few claims rest on someone named.")


def check_third_party_actor(answer: str, article: Article) -> Feedback:
    """The actor whose stance reaches the reader only through others."""
    actors = article.actors
    wanted = str(answer).strip().lower()
    third = actors[actors["stance_source"] == "third-party"]
    forms = {f.lower() for _, r in third.iterrows() for f in [r["id"], r["name"], *r["aliases"]]}
    if wanted in forms:
        return Feedback(True, third.iloc[0]["stance_note"] + " Only U.S. officials and "
                        "unnamed sources speak for it: the administration is never quoted.")
    if not wanted:
        return Feedback(False, "Type an actor's name between the quotes.")
    return Feedback(False, "Not that one. Look for an actor whose position is clear but who "
                    "never speaks in the article, not even in reported speech.")


def check_translated_quotes(speakers: list[str], article: Article) -> Feedback:
    """Which quoted speakers' words are most likely translations (names, ids or aliases)."""
    quotes = article.quotes
    try:
        given = {find_actor(article, s)["id"] for s in speakers}
    except LookupError as exc:
        return Feedback(False, str(exc))
    strangers = given - set(quotes["speaker"])
    if strangers:
        names = dict(zip(article.actors["id"], article.actors["name"], strict=True))
        return Feedback(False, f"{', '.join(sorted(names[s] for s in strangers))} is not quoted "
                        "in the article. "
                        "Explore the quotes in the actor explorer above.")
    if given == set(quotes.loc[quotes["translated"] == "likely", "speaker"]):
        return Feedback(True, "A Ukrainian president's address and a Russian legislator's "
                        "Telegram post were most likely not in English. The article never says "
                        "so: this is an inference, and other outlets may word these lines "
                        "differently.")
    return Feedback(False, "Not quite. For each quoted speaker, ask: in what language would "
                    "they most likely have said this, and to whom?")


def check_choice(answer: str, correct: str, why: str, options: list[str]) -> Feedback:
    """Multiple-choice check; a learner's typo gets a pointer to the options, not a 'wrong'."""
    cleaned = str(answer).strip().lower()
    if cleaned == correct.lower():
        return Feedback(True, why)
    if cleaned not in (o.lower() for o in options):
        return Feedback(False, f"'{answer}' is not one of the options: {', '.join(options)}.")
    return Feedback(False, "Look again at the sentence, then try another option.")


# --- timeline ---

DATE_BASIS_OPTIONS = {"stated": "stated", "inferred-from-text": "inferred",
                      "outside-source": "outside source"}


def check_event_order(answer, correct: list[str], why: str) -> Feedback:
    """Event ids, earliest first; ``correct`` comes from newscase.timeline.chronological."""
    ids = ", ".join(sorted(correct))  # sorted, so a message never gives the answer away
    if not isinstance(answer, list | tuple):
        return Feedback(False, "Give a list in square brackets, such as ['e01', 'e07'], with "
                        f"each of {ids} once, earliest first.")
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
    """The date a time phrase means (a newscase.timeline.Resolution): earliest for 'on or
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
        return Feedback(False, f"'{answer}' is not one of the options: {', '.join(options)}.")
    hint = {
        "inferred": "Does the article print a calendar date for it, or only a clue (a weekday, "
                    "'previously', a verb form) from which the date is worked out?",
        "stated": "Read the evidence again: the article gives this date in so many words.",
        "outside source": "The article itself does not date this event: look at its source.",
    }[correct]
    return Feedback(False, hint)
