"""Spans in the article text: actor mentions, hedge words, quotes, and escaped HTML highlighting."""

from __future__ import annotations

import html
import re

import pandas as pd

from newscase.data.names import actor_names
from newscase.present.palette import HIGHLIGHT_NAMES, HIGHLIGHT_STYLES

SPAN_COLUMNS = ["start", "end", "category", "label", "text"]


def word_pattern(phrase: str) -> re.Pattern:
    """Match a phrase as whole words, so 'Iran' never matches inside 'Iranian'."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def spans_frame(rows: list[dict], extra: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=SPAN_COLUMNS + list(extra))
    return frame.sort_values(["start", "end"], ignore_index=True)


def actor_mentions(text: str, actors: pd.DataFrame) -> pd.DataFrame:
    """Every mention of an actor alias; where aliases overlap, the longest wins.

    'Iranian forces' is one mention of an actor iranian-forces, not also of one called iran.
    """
    candidates = [
        (m.start(), m.end(), actor_id, name)
        for actor_id, name, aliases in actors[["id", "name", "aliases"]].itertuples(index=False)
        for alias in aliases
        for m in word_pattern(alias).finditer(text)
    ]
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    rows = []
    for start, end, actor_id, name in candidates:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        rows.append({"start": start, "end": end, "category": "actor", "label": name,
                     "text": text[start:end], "actor": actor_id})
    return spans_frame(rows, extra=("actor",))


def hedge_words(claims: pd.DataFrame) -> list[str]:
    """The hedge words coded in the claims table, longest first."""
    words = {w for hedges in claims["hedges"] for w in hedges}
    return sorted(words, key=lambda w: (-len(w), w))


def hedge_spans(text: str, words: list[str]) -> pd.DataFrame:
    """Every occurrence of each hedge word in the text."""
    rows = [
        {"start": m.start(), "end": m.end(), "category": "hedge", "label": f"hedge: {word}",
         "text": m.group()}
        for word in words
        for m in word_pattern(word).finditer(text)
    ]
    return spans_frame(rows)


def hedge_counts(text: str, words: list[str]) -> pd.DataFrame:
    """How often each hedge word occurs: a tidy table for a chart."""
    spans = hedge_spans(text, words)
    counts = spans.groupby("text").size() if len(spans) else pd.Series(dtype="int64")
    frame = pd.DataFrame({"hedge": words, "count": [int(counts.get(w, 0)) for w in words]})
    return frame.sort_values(["count", "hedge"], ascending=[False, True], ignore_index=True)


def quote_spans(text: str, quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    names = actor_names(actors)
    rows = [
        {"start": start, "end": start + len(evidence), "category": "quote",
         "label": f"quote: {names.get(speaker, speaker)}", "text": evidence}
        for speaker, evidence in quotes[["speaker", "evidence"]].itertuples(index=False)
        if (start := text.find(evidence)) >= 0
    ]
    return spans_frame(rows)


# Text that screen readers read and the page does not show (inline: the highlighted HTML is also
# shown where no course stylesheet is loaded).
HIDDEN_STYLE = ("position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
                "white-space:nowrap")


def spoken_label(category: str, label: str) -> str:
    """What a mark is, in words: its kind, then its label unless the label already says it."""
    name = HIGHLIGHT_NAMES.get(category, category)
    if not label:
        return name
    said = label.lower()
    return label if name in said or said.startswith(category.split("-")[-1]) else (
        f"{name}: {label}")


def highlight(text: str, spans: pd.DataFrame, sheet: bool = False) -> str:
    """HTML of the text with spans marked; all text and labels are escaped.

    Overlapping spans are allowed: the text is cut at every span edge and line break, and each
    piece is marked with every span covering it, so marks never cross each other or a paragraph.
    Each span's kind and label go in its mark's ``title`` (shown on pointing) and, once, before
    its first piece as text only screen readers read ("[actor: Joe Biden]").

    Each mark carries its category's style (``HIGHLIGHT_STYLES``) in a style attribute; with
    ``sheet``, once per category in a ``<style>`` element first, the marks only their class
    (``nc-<category>``). They look the same; a whole article with a hundred marks is about 40 %
    shorter. For an ipywidgets HTML widget, whose value the browser sets as is (its value goes
    over the kernel's websocket at every change); not for a notebook output, which JupyterLab
    may sanitize.
    """
    breaks = [i for i, char in enumerate(text) if char == "\n"]
    edges = {0, len(text), *spans["start"], *spans["end"], *breaks, *(b + 1 for b in breaks)}
    edges = sorted(edges)
    # Plain tuples, not DataFrame filters: a filter per piece cost ~100 ms per redraw.
    marks = list(spans[["start", "end", "category", "label"]].itertuples(index=False, name=None))
    pieces = []
    for start, end in zip(edges, edges[1:], strict=False):
        if text[start:end] == "\n":
            pieces.append("</p><p>")
            continue
        piece = html.escape(text[start:end])
        for s, e, category, label in marks:
            if not (s <= start and e >= end):
                continue
            said = ""
            if s == start:
                hidden = ' class="nc-said"' if sheet else f' style="{HIDDEN_STYLE}"'
                said = f"<span{hidden}>[{html.escape(spoken_label(category, label))}] </span>"
            style = "" if sheet else f' style="{HIGHLIGHT_STYLES[category]}"'
            piece = (f'<mark class="nc-{html.escape(category)}" title="{html.escape(label)}"'
                     f"{style}>{said}{piece}</mark>")
        pieces.append(piece)
    body = f"<p>{''.join(pieces)}</p>"
    if not sheet:
        return body
    rules = "".join(f"mark.nc-{category}{{{HIGHLIGHT_STYLES[category]}}}"
                    for category in sorted({c for _, _, c, _ in marks}))
    if rules:
        rules += f"span.nc-said{{{HIDDEN_STYLE}}}"
    return f"<style>{rules}</style>{body}" if rules else body


# A sentence ends at . ! or ? (optionally inside a closing quote) before a capital or a line
# break, so "U.S.-made" and "U.S. aid" never end one.
SENTENCE_END = re.compile(r"(?<=[.!?])[”\"]?(?=\s+[A-Z“\"]|\s*$)|(?=\n)")


def sentences(text: str) -> pd.DataFrame:
    """The article's sentences with their offsets (columns: start, end, text)."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
    rows, start = [], 0
    for end in ends:
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            rows.append({"start": start + lead, "end": start + len(chunk.rstrip()),
                         "text": chunk.strip()})
        start = end
    return pd.DataFrame(rows, columns=["start", "end", "text"])


def sentence_spans(text: str, ranges: list[tuple[int, int]], category: str,
                   label: str) -> pd.DataFrame:
    """Spans covering every whole sentence that overlaps one of the (start, end) ranges."""
    table = sentences(text)
    overlaps = [any(s < end and start < e for start, end in ranges)
                for s, e in zip(table["start"], table["end"], strict=True)]
    rows = [{"start": s, "end": e, "category": category, "label": label, "text": t}
            for s, e, t in table[overlaps].itertuples(index=False)]
    return spans_frame(rows)
