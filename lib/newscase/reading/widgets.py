"""Lesson 00's panel: the article with actors, hedge words and quotes highlighted."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from newscase import text
from newscase.data import Article
from newscase.present.a11y import LiveText, course_panel
from newscase.present.html import marks
from newscase.present.widgets import make, settled

ALL_ACTORS = "All actors"
LAYERS = {"actor": "Actors", "hedge": "Hedge words", "quote": "Quotes"}


def highlight_spans(article: Article, layers: set[str], actor: str = ALL_ACTORS) -> pd.DataFrame:
    """The spans to mark for the chosen layers; ``actor`` narrows the actor layer to one name."""
    frames = []
    if "actor" in layers:
        mentions = text.actor_mentions(article.text, article.actors)
        if actor != ALL_ACTORS:
            mentions = mentions[mentions["label"] == actor]
        frames.append(mentions[text.SPAN_COLUMNS])
    if "hedge" in layers:
        frames.append(text.hedge_spans(article.text, text.hedge_words(article.claims)))
    if "quote" in layers:
        frames.append(text.quote_spans(article.text, article.quotes, article.actors))
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else text.spans_frame([])


def highlight_caption(spans: pd.DataFrame) -> str:
    if spans.empty:
        return "Nothing is highlighted. Tick a box above to mark actors, hedge words or quotes."
    counts = spans["category"].value_counts()
    parts = [f"{counts[c]} {LAYERS[c].lower()}" for c in LAYERS if c in counts]
    return ("Highlighted: " + ", ".join(parts) + ". The key above shows how each kind is marked; "
            "a screen reader reads each mark's kind before it, and pointing at a mark names it.")


def legend_html() -> str:
    return "Key: " + marks(LAYERS.items())


@settled
def article_highlighter(article: Article) -> w.VBox:
    """Tick what to highlight; pick one actor or all of them."""
    def marked(layers: set[str], who: str) -> tuple[str, str]:
        spans = highlight_spans(article, layers, who)
        return (f"<i>{html.escape(highlight_caption(spans))}</i>",
                text.highlight(article.text, spans, sheet=True))

    boxes = {c: make(w.Checkbox, value=c != "quote", description=name, indent=False)
             for c, name in LAYERS.items()}
    names = [ALL_ACTORS, *sorted(article.actors["name"])]
    actor = make(w.Dropdown, options=names, value=ALL_ACTORS, description="Actor:")
    first_caption, first_body = marked({c for c, box in boxes.items() if box.value}, ALL_ACTORS)
    caption = LiveText(first_caption)  # counts what is marked: announced as boxes are ticked
    body = make(w.HTML, first_body, layout={"max_width": "60em"})

    def redraw(_change=None):
        caption.value, body.value = marked({c for c, box in boxes.items() if box.value},
                                           actor.value)

    for control in (*boxes.values(), actor):
        control.observe(redraw, names="value")
    return course_panel([make(w.HBox, [*boxes.values(), actor]), make(w.HTML, legend_html()),
                         caption, body])
