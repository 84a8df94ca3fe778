"""Forecasts scored with the Brier score. Outcomes are read only by ``outcomes`` and the
scoring functions (and the reveal card), so nothing else can print them before a learner has
forecast."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from newscase.data import Article
from newscase.present.missing import needs
from newscase.present.suggest import did_you_mean

PERCENT_HINT = "Give probabilities from 0 to 1, like 0.7 for 70 %."


@needs("forecast_questions", what="forecast questions", so="there is nothing to forecast")
def forecast_questions(article: Article) -> pd.DataFrame:
    """The questions as a forecaster sees them on the article's date: no outcomes."""
    table = article.forecast_questions
    deadline = table["asked_on"] + pd.to_timedelta(table["window_days"], unit="D")
    return pd.DataFrame({"id": table["id"], "question": table["question"],
                         "asked_on": table["asked_on"].dt.date, "deadline": deadline.dt.date})


def clean_forecasts(forecasts: Mapping[str, object] | None,
                    question_ids: list[str]) -> dict[str, float]:
    """Probabilities per question id, checked; unanswered (None) questions are left out.

    Raise ValueError, saying what to fix, for an unknown id, a value that is not a number, or a
    number outside 0..1.
    """
    if forecasts is None:
        return {}
    if not isinstance(forecasts, Mapping):
        example = dict(zip(question_ids, (0.7, 0.1), strict=False))
        raise ValueError(f"Give your forecasts as a dictionary, like {example}.")
    cleaned = {}
    for given, value in forecasts.items():
        key = str(given).strip().lower()  # any case, surrounding spaces ignored
        if key not in question_ids:
            suggestion = did_you_mean(str(key), question_ids)
            raise ValueError(f"There is no question '{given}'.{suggestion} The questions are "
                             f"{', '.join(question_ids)}.")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"The forecast for {key} is {value!r}, not a number. "
                             + PERCENT_HINT)
        if math.isnan(value) or not 0 <= value <= 1:
            extra = (" It looks like a percentage: divide it by 100."
                     if 1 < value <= 100 else "")
            raise ValueError(f"The forecast for {key} is {value}, outside 0..1.{extra} "
                             + PERCENT_HINT)
        cleaned[key] = float(value)
    return cleaned


def brier_score(forecasts: Mapping[str, float], outcomes: Mapping[str, bool]) -> float:
    """Mean of (probability - outcome)² over the forecast questions: 0 is perfect, 0.25 is what
    saying 50 % to everything earns, 1 is confidently wrong every time.

    Raise ValueError when no forecast is given or a question has no outcome.
    """
    if not forecasts:
        raise ValueError("No forecasts given: set a probability for at least one question.")
    missing = [q for q in forecasts if q not in outcomes]
    if missing:
        raise ValueError(f"No outcome for {', '.join(missing)}: score only questions that have "
                         "one.")
    clean = clean_forecasts(forecasts, list(outcomes))
    return sum((p - float(outcomes[q])) ** 2 for q, p in clean.items()) / len(clean)


def baseline_forecasts(questions: pd.DataFrame, kind: str) -> dict[str, float]:
    """The forecasts of a simple baseline: 'coin' says 50 % to everything; 'nothing-changes'
    says the answer is whatever it would be if nothing changed after the question was asked."""
    if kind == "coin":
        return dict.fromkeys(questions["id"], 0.5)
    if kind == "nothing-changes":
        return {q: 1.0 if answer == "yes" else 0.0
                for q, answer in zip(questions["id"], questions["nothing_changes"], strict=True)}
    raise ValueError(f"Unknown baseline '{kind}'; use 'coin' or 'nothing-changes'.")


def outcomes(article: Article) -> pd.DataFrame:
    """What happened for each question, and the cited source that says so."""
    events, sources = article.events, article.sources
    # Plain dicts, not per-row .loc: the forecast panel's Submit runs this (6 ms -> 0.5 ms).
    summaries = dict(zip(events["id"], events["summary"], strict=True))
    dates = dict(zip(events["id"], events["date"], strict=True))
    cited = dict(zip(events["id"], events["source"], strict=True))
    source = {column: dict(zip(sources["id"], sources[column], strict=True))
              for column in ("publisher", "title", "date", "url")}
    rows = []
    for question, event, resolution, outcome in zip(
            article.forecast_questions["id"], article.forecast_questions["outcome_event"],
            article.forecast_questions["resolution"], article.forecast_questions["outcome"],
            strict=True):
        ref = cited[event]
        rows.append({
            "id": question, "happened": outcome == "yes", "event": event,
            "event_summary": summaries[event], "event_date": dates[event].date(),
            "resolution": resolution, "publisher": source["publisher"][ref],
            "title": source["title"][ref], "source_date": source["date"][ref].date(),
            "url": source["url"][ref],
        })
    return pd.DataFrame(rows)


def score_forecasts(forecasts: Mapping[str, object] | None, article: Article) -> pd.DataFrame:
    """Per answered question: the learner's probability, what happened and the Brier score of
    the learner and of both baselines. Raise ValueError when no forecast is given."""
    questions = article.forecast_questions
    mine = clean_forecasts(forecasts, list(questions["id"]))
    if not mine:
        raise ValueError("No forecasts given: set a probability for at least one question.")
    happened = dict(zip(questions["id"], questions["outcome"] == "yes", strict=True))
    baselines = {kind: baseline_forecasts(questions, kind) for kind in ("coin", "nothing-changes")}
    rows = []
    for q in questions["id"]:
        if q not in mine:
            continue
        rows.append({"id": q, "you": mine[q], "happened": happened[q],
                     "brier_you": brier_score({q: mine[q]}, happened),
                     "brier_coin": brier_score({q: baselines["coin"][q]}, happened),
                     "brier_nothing_changes": brier_score(
                         {q: baselines["nothing-changes"][q]}, happened)})
    return pd.DataFrame(rows)


def score_summary(scores: pd.DataFrame) -> dict[str, float]:
    """Mean Brier score of the learner and of each baseline over the answered questions."""
    return {"you": scores["brier_you"].mean(), "50 % on everything": scores["brier_coin"].mean(),
            "nothing changes": scores["brier_nothing_changes"].mean()}


def coherence_warnings(forecasts: Mapping[str, object] | None, article: Article) -> list[str]:
    """Pairs of questions about the same event where the shorter window got the higher
    probability: whatever happens within 1 day also happens within 7."""
    table = article.forecast_questions
    mine = clean_forecasts(forecasts, list(table["id"]))
    by_event: dict[str, list[dict]] = {}  # plain records: a groupby here cost 10 ms a call
    for row in table.to_dict("records"):
        if row["id"] in mine:
            by_event.setdefault(row["outcome_event"], []).append(row)
    warnings = []
    for group in by_event.values():
        group.sort(key=lambda row: row["window_days"])
        for short, long in zip(group, group[1:], strict=False):
            if mine[short["id"]] > mine[long["id"]] and short["window_days"] < long[
                    "window_days"]:
                first, then = days(short["window_days"]), days(long["window_days"])
                warnings.append(
                    f"You gave {short['id']} ({first}) {mine[short['id']]:.0%} but "
                    f"{long['id']} ({then}) only {mine[long['id']]:.0%}. Anything that "
                    f"happens within {first} also happens within {then}, so the longer window "
                    "deserves at least as much.")
    return warnings


def days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")
