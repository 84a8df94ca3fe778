"""ipywidgets panels: thin shells over the pure functions in newscase.text and newscase.checks."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from newscase import actors, checks, text, timeline
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


# --- timeline ---

NOTE_STYLE = "border-left:4px solid #E69F00;padding:4px 8px"


def resolver_html(phrase: str | None, reference) -> str:
    """The resolver's answer as escaped HTML, or its explanation of what to change."""
    try:
        found = timeline.resolve(phrase, reference)
    except ValueError as error:
        return f'<div style="{NOTE_STYLE}">{html.escape(str(error))}</div>'
    return (f"<b>“{html.escape(found.phrase)}”</b>, seen from "
            f"{html.escape(timeline.long_date(found.reference))}: "
            f"<b>{html.escape(found.describe())}</b>."
            f"<br><i>{html.escape(found.reasoning)}</i>")


def date_resolver(article: Article) -> w.VBox:
    """Pick or type a time phrase from the article and a reference date; read what it means."""
    phrase = w.Combobox(options=timeline.known_phrases(), value="on Sunday",
                        placeholder="a phrase from the article", description="Phrase:",
                        ensure_option=False, continuous_update=False)
    reference = w.DatePicker(value=article.date, description="Seen from:")
    result = w.HTML(layout=w.Layout(max_width="60em"))

    def redraw(_change=None):
        result.value = resolver_html(phrase.value, reference.value)

    for control in (phrase, reference):
        control.observe(redraw, names="value")
    redraw()
    return w.VBox([w.HBox([phrase, reference]), result])


def timeline_key_html() -> str:
    close = f'<mark style="{HIGHLIGHT_STYLES["when"]}">dated on or close to the day</mark>'
    open_ = (f'<mark style="{HIGHLIGHT_STYLES["when-open"]}">open-ended date that may include '
             "it</mark>")
    return f"Key: {close} {open_}"


def day_html(article: Article, frame: pd.DataFrame, day) -> tuple[str, str]:
    """(caption, highlighted article) for one day of the timeline slider."""
    on_day = timeline.events_on(frame, day)
    spans = timeline.day_spans(article.text, on_day)
    caption = f"<i>{html.escape(timeline.day_caption(on_day, day))}</i>"
    return caption, text.highlight(article.text, spans)


def timeline_slider(article: Article) -> w.VBox:
    """Move through the days around the story; the sentences about that day light up."""
    frame = timeline.timeline_frame(article.events)
    if frame.empty:
        return w.VBox([w.HTML("<i>This article has no dated events, so there is no timeline "
                              "to move through. Load another article.</i>")])
    days = timeline.days_around(frame)
    slider = w.SelectionSlider(
        options=[(timeline.short_date(day), day) for day in days],
        value=article.date if article.date in days else days[0],
        description="Day:", layout=w.Layout(width="44em"),
    )
    caption, body = w.HTML(), w.HTML(layout=w.Layout(max_width="60em"))

    def redraw(_change=None):
        caption.value, body.value = day_html(article, frame, slider.value)

    slider.observe(redraw, names="value")
    redraw()
    return w.VBox([slider, w.HTML(timeline_key_html()), caption, body])
