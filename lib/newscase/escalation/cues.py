"""Hedge and attribution cues: the words that weaken a claim or say whose it is."""

from __future__ import annotations

import re

import pandas as pd

from newscase import text as spans

NUMBER_AHEAD = r"(?=\s+(?:[$€£]\s?)?\d)"
# (kind, pattern). Matched as whole words, ignoring case; the longest match wins where two
# overlap. These are cues for a reader to weigh, not proof of hedging.
HEDGE_CUES = [
    ("modal verb", r"could|might|may(?!\s+\d)"),  # "May 5" is a date
    ("probability", r"(?:un)?likely|probably|possibly|perhaps|potential(?:ly)?|presumably"),
    ("second-hand", r"reportedly|allegedly|apparently|seemingly|purportedly"),
    ("readiness", r"poised|expected to"),
    ("approximation", r"(?:up to|more than|less than|fewer than|at least|about|around|nearly|"
                      r"almost|roughly|approximately)" + NUMBER_AHEAD),
    ("vague quantity", r"some|primarily|mainly|largely|mostly"),
    ("vague time", r"in the coming (?:days|weeks|months)|soon"),
    ("uncertainty", r"fears? (?:remain|remains|persist|persists|grow|grows)|uncertain|unclear"),
    ("appearance", r"appears? to|seems? to|suggests?"),
]
ATTRIBUTION_CUES = [
    ("anonymous sourcing", r"(?:sources|people) (?:familiar with|close to)|"
                           r"on condition of anonymity"),
    ("reports", r"reports (?:of|that)|according to"),
    ("reporting verb", r"said|says|saying|told|stated|stating|confirmed|confirms|announced|"
                       r"announces|warned|warns|claimed|argued|argues|argue|described|"
                       r"describes|describing|added|noted|insisted|denied|accused|pledged|"
                       r"pledges|criticized|criticised|praised|praises|welcomed|welcomes|"
                       r"citing|cited|reported"),
]
CUE_COLUMNS = [*spans.SPAN_COLUMNS, "kind"]


def compile_cues(cues: list[tuple[str, str]]) -> list[tuple[str, re.Pattern]]:
    return [(kind, re.compile(rf"(?<![\w’'-])(?:{pattern})(?![\w’'-])", re.IGNORECASE))
            for kind, pattern in cues]


COMPILED = {"hedge": compile_cues(HEDGE_CUES), "attribution": compile_cues(ATTRIBUTION_CUES)}


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation. “…” pairs, and straight quotes taken in pairs; a closing
    ” with no opening one means the text started inside a quotation."""
    ranges, opened, straight = [], None, None
    for index, char in enumerate(text):
        if char == "“" and opened is None:
            opened = index
        elif char == "”":
            ranges.append((0 if opened is None else opened, index + 1))
            opened = None
        elif char == '"':
            if straight is None:
                straight = index
            else:
                ranges.append((straight, index + 1))
                straight = None
    if opened is not None:
        ranges.append((opened, len(text)))
    return ranges


def find_cues(article_text: str) -> pd.DataFrame:
    """Hedge and attribution cues in any text (columns: start, end, category, label, text,
    kind), in reading order.

    category is 'hedge' (could, likely, reportedly, fears remain, up to + a number, ...) or
    'attribution' (said, according to, sources familiar with, ...). Reporting verbs inside a
    quotation are the speaker's words, not the reporter's attribution, so they are skipped.
    """
    quotes = quoted_ranges(article_text)
    found = []
    for category, cues in COMPILED.items():
        for kind, pattern in cues:
            for match in pattern.finditer(article_text):
                inside = any(s < match.start() and match.end() <= e for s, e in quotes)
                if category == "attribution" and inside:
                    continue
                found.append((match.start(), match.end(), category, kind, match.group()))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken, rows = [], []
    for start, end, category, kind, word in found:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        rows.append({"start": start, "end": end, "category": category,
                     "label": f"{category} ({kind}): {word}", "text": word, "kind": kind})
    return spans.spans_frame(rows, extra=("kind",))


def sentence_cues(article_text: str) -> pd.DataFrame:
    """Each sentence with the hedge and attribution cues in it, for a table."""
    cues = find_cues(article_text)
    rows = []
    for start, end, sentence in spans.sentences(article_text).itertuples(index=False):
        inside = cues[(cues["start"] >= start) & (cues["end"] <= end)]
        rows.append({
            "sentence": sentence,
            "hedges": ", ".join(inside.loc[inside["category"] == "hedge", "text"]),
            "attribution": ", ".join(inside.loc[inside["category"] == "attribution", "text"]),
        })
    return pd.DataFrame(rows, columns=["sentence", "hedges", "attribution"])
