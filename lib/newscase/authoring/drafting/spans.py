"""Sentences, words and evidence spans: the offsets every drafting rule works with.

Rules find things at character offsets in the article as it is (Windows line endings and all), and
``evidence`` turns an offset range into a verbatim span that occurs exactly once in the text,
growing it by neighbouring words within its line until it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"\S+")
#: A sentence ends at . ! or ? (and any closing quote) before a space and an upper-case letter or
#: an opening quote, or at a line break.
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\r?\n+")
#: Words before a full stop that does not end a sentence: 'Mr.', 'Gen.', 'U.S.' and other
#: single-letter initials.
ABBREVIATION = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Maj|Sen|Rep|Gov|"
                          r"Prof|St|Jr|Sr|No|Vol|vs|etc|approx|Inc|Ltd|Corp|Co)\.)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str, protected: list[tuple[int, int]] = ()) -> list[Sentence]:
    """The text's sentences, never split inside a protected range (a quotation)."""
    inside = [range(a, b) for a, b in protected]
    cuts = []
    for found in SENTENCE_END.finditer(text):
        end = found.end() if found.group().strip() else found.start()
        if "\n" not in found.group():
            if ABBREVIATION.search(text[max(0, found.start() - 6):found.start() + 1]):
                continue
            if any(found.start() in r for r in inside):
                continue
        cuts.append((end, found.end()))
    result, start = [], 0
    for end, restart in [*cuts, (len(text), len(text))]:
        result += _trimmed(text, start, end)
        start = restart
    return result


def _trimmed(text: str, start: int, end: int) -> list[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Sentence(start, end, text[start:end])] if end > start else []


def sentence_at(sents: list[Sentence], offset: int) -> Sentence | None:
    return next((s for s in sents if s.start <= offset < s.end), None)


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph) holding start..end, without its line break."""
    lo = max(text.rfind("\n", 0, start) + 1, 0)
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    if hi > lo and text[hi - 1] == "\r":
        hi -= 1
    return lo, hi


def evidence(text: str, start: int, end: int, max_words: int = 40) -> str | None:
    """A verbatim span covering start..end that occurs exactly once in the text, grown word by
    word (right first, then left) within its line; None if even the whole line repeats or the
    span would pass ``max_words``."""
    start, end = _strip(text, start, end)
    if start >= end:
        return None
    lo, hi = line_bounds(text, start, end)
    grow_right = True
    while True:
        span = text[start:end]
        if text.count(span) == 1:
            return span
        if len(span.split()) >= max_words:
            return None
        right = _next_word_end(text, end, hi)
        left = _previous_word_start(text, start, lo)
        if right is None and left is None:
            return None
        if (grow_right and right is not None) or left is None:
            end = right
        else:
            start = left
        grow_right = not grow_right


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _next_word_end(text: str, end: int, hi: int) -> int | None:
    found = WORD.search(text, end, hi)
    return found.end() if found else None


def _previous_word_start(text: str, start: int, lo: int) -> int | None:
    words = list(WORD.finditer(text, lo, start))
    return words[-1].start() if words else None


def word_matches(text: str, phrase: str, flags: int = 0):
    """Whole-word occurrences of a phrase (as the validator checks aliases)."""
    return re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, flags)


def slug(name: str) -> str:
    """A lower-case hyphenated id from a name: 'U.S. officials' -> 'us-officials'."""
    cleaned = re.sub(r"[’'.]", "", name.casefold())
    cleaned = re.sub(r"[^a-z0-9]+", "-", cleaned).strip("-")
    return cleaned or "item"


class Ids:
    """Unique slugs for one table: a repeated slug gets -2, -3…"""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, name: str, max_words: int = 6) -> str:
        base = "-".join(slug(name).split("-")[:max_words])
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
