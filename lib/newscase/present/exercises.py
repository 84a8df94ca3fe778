"""Try-it exercises called by key: ``art.check("reach.border-distance", my_km)``.

The article's ``exercises`` table says what each key asks: its topic (the key's first part), the
kind of check, the choices it offers (``params``, a JSON object) and the explanation a learner
reads once right. The answer itself is worked out from the article's data by the topic's
checker, so a notebook cell holds only the learner's value: nothing in it gives the answer away.
Each topic's ``checks`` module lists its checkers in ``EXERCISES``: kind -> ``f(article,
answer, **params) -> Feedback``, and may list in ``NEEDS`` the tables a kind reads (kind ->
table names); the topic is imported only when one of its keys is checked. A key the article
has no row for, or an exercise whose data the article lacks (a lesson re-run on another
article), gets one sentence instead of an error.
"""

from __future__ import annotations

import importlib
import json

from newscase.present.feedback import Feedback
from newscase.present.missing import Missing, lacking, missing
from newscase.present.suggest import did_you_mean

TOPICS = ("reading", "actors", "timeline", "reach", "escalation")
# A param with one of these names refers to rows of that table.
PARAM_TABLES = {"weapon": "weapons", "event": "events", "events": "events", "claim": "claims",
                "claims": "claims"}


def check(article, key: str, answer) -> Feedback | Missing:
    """The learner's answer to the exercise ``key``, checked against the article's data; one
    sentence (a ``Missing``) if the article has no such exercise or lacks its data."""
    row = exercise(article, key)
    if isinstance(row, Missing):
        return row
    lacks = lacking(article, exercise_tables(row))
    if lacks:
        return missing(" or ".join(t.replace("_", " ") for t in lacks),
                       so=f"there is nothing to check in exercise '{key}': skip this Try it")
    checkers = topic_checks(key).EXERCISES
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


def exercise(article, key: str) -> dict | Missing:
    """The exercises row for ``key``, or one sentence a learner can act on."""
    exercises = article.tables.get("exercises")
    if exercises is None:
        return Missing(f"The article '{article.id}' has no exercises table, so there is no "
                       f"exercise '{key}' to check. Skip this Try it, or ask your teacher.")
    rows = exercises[exercises["key"] == key]
    if rows.empty:
        hint = did_you_mean(key, list(exercises["key"]))
        return Missing(f"No exercise '{key}' in this article.{hint} Check the key in the "
                       "cell against art.exercises, or skip this Try it.")
    return rows.iloc[0].to_dict()


def topic_checks(key: str):
    return importlib.import_module(f"newscase.{key.split('.')[0]}.checks")


def exercise_tables(row: dict) -> list[str]:
    """The tables an exercise reads: those its kind needs (``NEEDS`` in the topic's checks) and
    those its params refer to."""
    params = exercise_params(row)
    named = [params["table"]] if isinstance(params.get("table"), str) else []
    kind_needs = getattr(topic_checks(row["key"]), "NEEDS", {}).get(row["kind"], [])
    return [*kind_needs, *(PARAM_TABLES[k] for k in params if k in PARAM_TABLES), *named]


def exercise_params(row: dict) -> dict:
    """The exercise's choices: its params cell, a JSON object (validated on load)."""
    params = text_of(row.get("params"))
    return json.loads(params) if params else {}


def text_of(cell) -> str:
    """A table cell as text: empty cells load as missing values."""
    return cell if isinstance(cell, str) else ""
