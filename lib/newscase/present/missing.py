"""One sentence instead of a stack trace when an article lacks the data a lesson shows.

A lesson generated for one article may be re-run on another (papermill re-targets it by its
``ARTICLE`` parameter). Where the new article has no quotes, no weapon or no forecast questions,
the lesson's entry points return a ``Missing``: it shows as one sentence in a notebook, when
printed, and when a cell calls ``.show()`` on it as on a ``Chart``. It is falsy, so code can test
``if result:``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from newscase.present.html import escape


@dataclass(frozen=True)
class Missing:
    """What the article lacks, as one sentence."""

    message: str

    @property
    def sentence(self) -> str:
        return self.message

    summary = text = sentence  # stands in for Chart.summary and a view's text

    def show(self) -> None:  # stands in for Chart.show()
        print(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return self.message

    def __bool__(self) -> bool:
        return False

    def _repr_html_(self) -> str:
        return f'<p class="newscase-missing"><i>{escape(self.message)}</i></p>'


def missing(what: str, next_step: str = "", so: str = "this section has nothing to show"
            ) -> Missing:
    """'This article has no <what>, so <so>. <next_step>': ``what`` the article lacks ("weapon
    with a stated range"), ``so`` what follows for the lesson, and ``next_step`` a sentence on
    what to add, if anything."""
    step = f" {next_step.strip()}" if next_step.strip() else ""
    return Missing(f"This article has no {what}, so {so}.{step}")


def lacking(article, tables) -> list[str]:
    """The tables among ``tables`` that the article lacks or has empty."""
    present = getattr(article, "tables", {})
    return [name for name in tables if name not in present or present[name].empty]


def needs(*tables: str, what: str, so: str = "there is nothing to show here"):
    """Decorate an entry point ``f(article, ...)``: if the article lacks any of ``tables``
    (absent or empty), return ``missing(what, so=so)`` instead of calling it."""

    def decorate(entry: Callable) -> Callable:
        @functools.wraps(entry)
        def wrapper(article, *args, **kwargs):
            if lacking(article, tables):
                return missing(what, so=so)
            return entry(article, *args, **kwargs)

        return wrapper

    return decorate
