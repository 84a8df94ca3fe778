"""Entry points that say what an article lacks: ``@needs("forecast_questions", what=...)``.

A lesson generated for one article may be re-run on another (papermill re-targets it by its
``ARTICLE`` parameter). An entry point decorated with ``needs`` returns the one-sentence
``present.missing.Missing`` when the article lacks one of its tables or has it empty, instead of
raising from deep inside pandas.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from newscase.present.missing import missing


def lacking(article, tables: Iterable[str]) -> list[str]:
    """The tables among ``tables`` that the article lacks or has empty."""
    present = getattr(article, "tables", {})
    return [name for name in tables if name not in present or present[name].empty]


def needs(*tables: str, what: str, next_step: str = ""):
    """Decorate an entry point ``f(article, ...)``: if the article lacks any of ``tables``,
    return ``missing(what, next_step)`` instead of calling it."""

    def decorate(entry: Callable) -> Callable:
        @functools.wraps(entry)
        def wrapper(article, *args, **kwargs):
            if lacking(article, tables):
                return missing(what, next_step)
            return entry(article, *args, **kwargs)

        return wrapper

    return decorate
