"""One sentence instead of a stack trace when an article lacks the data a lesson shows.

A lesson generated for one article may be re-run on another (papermill re-targets it by its
``ARTICLE`` parameter). Where the new article has no quotes, no events or no forecast questions,
the lesson's entry points return a ``Missing``: it shows as one sentence, in a notebook, when
printed and when a cell calls ``.show()`` on it as on a ``Chart``.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Missing:
    """What the article lacks, as one sentence."""

    message: str

    def show(self) -> None:  # stands in for Chart.show()
        print(self.message)

    @property
    def summary(self) -> str:  # and for Chart.summary
        return self.message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        return f'<p style="border-left:4px solid #E69F00;padding:4px 8px"><i>' \
               f"{html.escape(self.message)}</i></p>"


def missing(what: str, next_step: str) -> Missing:
    """``missing("forecast questions", "this section is skipped")``: 'This article has no
    forecast questions, so this section is skipped.'"""
    return Missing(f"This article has no {what}, so {next_step}.")


def lacking(article, tables) -> list[str]:
    """The tables among ``tables`` that the article lacks or has empty."""
    present = getattr(article, "tables", {})
    return [name for name in tables if name not in present or present[name].empty]


def needs(*tables: str, what: str, next_step: str = "there is nothing to show here"):
    """Decorate an entry point ``f(article, ...)``: if the article lacks any of ``tables``
    (absent or empty), return ``missing(what, next_step)`` instead of calling it."""

    def decorate(entry: Callable) -> Callable:
        @functools.wraps(entry)
        def wrapper(article, *args, **kwargs):
            if lacking(article, tables):
                return missing(what, next_step)
            return entry(article, *args, **kwargs)

        return wrapper

    return decorate
