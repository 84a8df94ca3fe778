"""Lesson 00's Try-it exercises, by kind (newscase.present.exercises)."""

from __future__ import annotations

from newscase.data import Article
from newscase.present.feedback import Feedback, check_choice, check_number
from newscase.timeline.checks import article_date_exercise


def count_exercise(article: Article, answer, table: str) -> Feedback:
    """How many rows one of the article's tables has (its quotes, say)."""
    return check_number(answer, len(article.tables[table]), "")


def hedge_choice_exercise(article: Article, answer, claim: str, options: list[str]) -> Feedback:
    """Which of ``options`` is the hedge the course codes in ``claim``."""
    hedges = article.claims.set_index("id").loc[claim, "hedges"]
    correct = next(h for h in hedges if h in options)
    return check_choice(answer, correct, "", options)


EXERCISES = {
    "count": count_exercise,
    "hedge-choice": hedge_choice_exercise,
    "article-date": article_date_exercise,
}
