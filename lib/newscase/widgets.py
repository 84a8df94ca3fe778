"""ipywidgets panels: thin shells over the pure functions in newscase.text and newscase.checks."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from newscase import actors, checks, text
from newscase.data import Article
from newscase.style import HIGHLIGHT_STYLES

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
    return "Highlighted: " + ", ".join(parts) + ". Hover over a mark to see what it is."


def legend_html() -> str:
    items = [f'<mark style="{HIGHLIGHT_STYLES[c]}">{html.escape(name)}</mark>'
             for c, name in LAYERS.items()]
    return "Key: " + " ".join(items)


def article_highlighter(article: Article) -> w.VBox:
    """Tick what to highlight; pick one actor or all of them."""
    boxes = {c: w.Checkbox(value=c != "quote", description=name, indent=False)
             for c, name in LAYERS.items()}
    names = [ALL_ACTORS, *sorted(article.actors["name"])]
    actor = w.Dropdown(options=names, value=ALL_ACTORS, description="Actor:")
    caption = w.HTML()
    body = w.HTML(layout=w.Layout(max_width="60em"))

    def redraw(_change=None):
        layers = {c for c, box in boxes.items() if box.value}
        spans = highlight_spans(article, layers, actor.value)
        caption.value = f"<i>{html.escape(highlight_caption(spans))}</i>"
        body.value = text.highlight(article.text, spans)

    for control in (*boxes.values(), actor):
        control.observe(redraw, names="value")
    redraw()
    return w.VBox([w.HBox([*boxes.values(), actor]), w.HTML(legend_html()), caption, body])


def actor_explorer(article: Article, start: str | None = None) -> w.VBox:
    """Search or pick an actor (``start`` is shown first); see their card. An empty search
    lists everyone."""
    everyone = sorted(article.actors["name"])
    search = w.Text(placeholder="search names, aliases, roles", description="Search:")
    menu = w.Dropdown(options=everyone, value=None, description="Actor:")
    status = w.HTML()
    card = w.HTML(layout=w.Layout(max_width="60em"))

    def on_search(_change=None):
        hits = actors.search_actors(article, search.value) if search.value.strip() else everyone
        menu.options = hits
        menu.value = None
        status.value = ("<i>No actor matches that search: try part of a name, like 'Trump', "
                        "or clear the box to see everyone.</i>" if not hits else
                        f"<i>{len(hits)} of {len(everyone)} actors listed. Pick one.</i>")
        show_card()

    def show_card(_change=None):
        card.value = (actors.actor_card(article, actors.find_actor(article, menu.value)["id"])
                      if menu.value else "")

    search.observe(on_search, names="value")
    menu.observe(show_card, names="value")
    on_search()
    if start:
        menu.value = actors.find_actor(article, start)["name"]
    return w.VBox([w.HBox([search, menu]), status, card])


def date_exercise(article: Article) -> w.VBox:
    """Pick a date, press Check, read the feedback."""
    picker = w.DatePicker(description="Your date:")
    button = w.Button(description="Check", button_style="primary")
    feedback = w.HTML("<i>Pick a date, then press Check.</i>")

    def on_check(_button):
        feedback.value = checks.check_article_date(picker.value, article)._repr_html_()

    button.on_click(on_check)
    return w.VBox([w.HBox([picker, button]), feedback])
