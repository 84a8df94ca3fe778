"""Try-it exercises called by key: ``art.check("reach.border-distance", my_km)``.

The article's ``exercises`` table says what each key asks: its topic (the key's first part), the
kind of check, the choices it offers (``params``, a JSON object) and the explanation a learner
reads once right. The answer itself is worked out from the article's data by the topic's
checker, so a notebook cell holds only the learner's value: nothing in it gives the answer away.
Each topic's ``checks`` module lists its checkers in ``EXERCISES``: kind -> ``f(article,
answer, **params) -> Feedback``; the topic is imported only when one of its keys is checked.
"""

from __future__ import annotations

import importlib
import json

from newscase.present.feedback import Feedback
from newscase.present.suggest import did_you_mean

TOPICS = ("reading", "actors", "timeline", "reach", "escalation")


def check(article, key: str, answer) -> Feedback:
    """The learner's answer to the exercise ``key``, checked against the article's data."""
    row = exercise(article, key)
    checkers = importlib.import_module(f"newscase.{key.split('.')[0]}.checks").EXERCISES
    checker = checkers.get(row["kind"])
    if checker is None:  # the data names a kind this version of the library lacks
        raise LookupError(f"exercises.csv: exercise '{key}' has kind '{row['kind']}', which "
                          f"newscase.{key.split('.')[0]} does not know. Known kinds: "
                          f"{', '.join(sorted(checkers))}.")
    feedback = checker(article, answer, **exercise_params(row))
    explanation = text_of(row.get("explanation"))
    if feedback.correct and explanation:
        return Feedback(True, " ".join(filter(None, [feedback.message, explanation])))
    return feedback


def exercise(article, key: str) -> dict:
    """The exercises row for ``key``, or a LookupError a learner can act on."""
    exercises = article.tables.get("exercises")
    if exercises is None:
        raise LookupError(f"The article '{article.id}' has no exercises table, so there is no "
                          f"exercise '{key}' to check. Skip this Try it, or ask your teacher.")
    rows = exercises[exercises["key"] == key]
    if rows.empty:
        hint = did_you_mean(key, list(exercises["key"]))
        raise LookupError(f"No exercise '{key}' in this article.{hint} Check the key in the "
                          "cell: it must match a key in art.exercises.")
    return rows.iloc[0].to_dict()


def exercise_params(row: dict) -> dict:
    """The exercise's choices: its params cell, a JSON object (validated on load)."""
    params = text_of(row.get("params"))
    return json.loads(params) if params else {}


def text_of(cell) -> str:
    """A table cell as text: empty cells load as missing values."""
    return cell if isinstance(cell, str) else ""
