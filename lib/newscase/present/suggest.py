""""Did you mean ...?": the one way the course suggests a name for a learner's typo."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence


def quoted(value: str) -> str:
    return f"'{value}'"


def close_matches(value: str, options: Sequence[str], n: int = 1,
                  cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` options that look like ``value``, closest first (difflib's ratio)."""
    return difflib.get_close_matches(str(value), list(options), n=n, cutoff=cutoff)


def suggestion(matches: Sequence[str], show: Callable[[str], str] = quoted,
               inline: bool = False) -> str:
    """``" Did you mean 'a' or 'b'?"``, to append to a sentence; ``inline`` gives the
    lower-case form inside a one-line data error, ``" (did you mean 'a'?)"``; ``""`` for no
    matches."""
    if not matches:
        return ""
    names = " or ".join(show(match) for match in matches)
    return f" (did you mean {names}?)" if inline else f" Did you mean {names}?"


def did_you_mean(value: str, options: Sequence[str], n: int = 1, cutoff: float = 0.6,
                 show: Callable[[str], str] = quoted, inline: bool = False) -> str:
    """``suggestion`` for the options closest to ``value``."""
    return suggestion(close_matches(value, options, n, cutoff), show, inline)
