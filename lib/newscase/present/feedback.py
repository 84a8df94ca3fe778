"""Immediate feedback for Try-it exercises: each check is a pure function returning Feedback.

The checks every lesson shares are here; each topic's own checks are in its ``checks`` module.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from dataclasses import dataclass


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


def parse_date(answer) -> dt.date | None:
    """A date from a date, datetime, pandas Timestamp or 'YYYY-MM-DD' string; None if it is
    none of these."""
    if isinstance(answer, dt.datetime):
        return answer.date()
    if isinstance(answer, dt.date):
        return answer
    try:
        return dt.date.fromisoformat(str(answer).strip())
    except ValueError:
        return None


def placeholder(value) -> bool:
    """Still the exercise's 'type ... here' text, not an answer."""
    return str(value).strip().lower().startswith("type ")


def read_number(answer, wanted: str = "a number", example: str = "4", whole: bool = False,
                meaning: str = "a usable number") -> tuple[float | None, Feedback | None]:
    """A learner's number, or the Feedback that says how to type one."""
    if answer is None or isinstance(answer, bool):
        return None, Feedback(False, f"Replace None with {wanted}, then run the cell again.")
    try:
        value = (int if whole else float)(str(answer).replace(",", "").strip())
    except ValueError:
        kind = "a whole number" if whole else "a number"
        return None, Feedback(False, f"'{answer}' is not {kind}. Type digits only, like "
                              f"{example}.")
    if not math.isfinite(value):
        return None, Feedback(False, f"{answer} is not {meaning}. Type {wanted}.")
    return value, None


def check_number(answer, correct: int, why: str) -> Feedback:
    """Whole-number check that tells a learner which way they are off."""
    value, problem = read_number(answer, "a whole number", whole=True)
    if problem:
        return problem
    if value == correct:
        return Feedback(True, why)
    direction = "too low" if value < correct else "too high"
    return Feedback(False, f"{value} is {direction}. Count again, then re-run the cell.")


def check_choice(answer: str, correct: str, why: str, options: list[str]) -> Feedback:
    """Multiple-choice check; a learner's typo gets a pointer to the options, not a 'wrong'."""
    cleaned = str(answer).strip().lower()
    if cleaned == correct.lower():
        return Feedback(True, why)
    if cleaned not in (o.lower() for o in options):
        return not_an_option(answer, options)
    return Feedback(False, "Look again at the sentence, then try another option.")


def codes_for_each(answer, keys: list[str], what: str) -> Feedback | None:
    """None if ``answer`` is a dict with exactly ``keys``; else what to fix. A Try-it that asks
    for one code per claim hands the learner a dict with those keys to fill in."""
    if isinstance(answer, dict) and set(answer) == set(keys):
        return None
    return Feedback(False, f"Give one {what} for each of {', '.join(keys)}, in the dictionary: "
                    "keep its keys as they are.")


def not_an_option(answer, options: list[str], hint: str = "") -> Feedback:
    return Feedback(False, f"'{answer}' is not one of the options: {', '.join(options)}." + hint)
