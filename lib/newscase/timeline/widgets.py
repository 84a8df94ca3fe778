"""The timeline lesson's panels: the date resolver, the day slider, and the article-date
exercise (lessons 00 and 02)."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from newscase import text
from newscase.data import Article
from newscase.present.a11y import LiveText, course_panel
from newscase.present.html import marks
from newscase.present.labelled_slider import ChoiceSlider
from newscase.present.missing import missing
from newscase.present.widgets import make, settled, shared
from newscase.timeline.checks import check_article_date, date_known
from newscase.timeline.frames import (
    day_caption,
    day_spans,
    days_around,
    events_on,
    timeline_frame,
)
from newscase.timeline.resolver import TimeResolver, long_date, resolver_for, short_date

NOTE_STYLE = "border-left:4px solid #E69F00;padding:4px 8px"


def resolver_html(resolver: TimeResolver, phrase: str | None, reference) -> str:
    """The resolver's answer as escaped HTML, or its explanation of what to change."""
    try:
        found = resolver.resolve(phrase, reference)
    except ValueError as error:
        return f'<div style="{NOTE_STYLE}">{html.escape(str(error))}</div>'
    return (f"<b>“{html.escape(found.phrase)}”</b>, seen from "
            f"{html.escape(long_date(found.reference))}: "
            f"<b>{html.escape(found.describe())}</b>."
            f"<br><i>{html.escape(found.reasoning)}</i>")


def first_phrase(resolver: TimeResolver) -> str:
    """The phrase the resolver opens on: the article's first weekday, else its first phrase."""
    weekdays = resolver.with_rule("weekday")
    return weekdays[0].wording if weekdays else resolver.known_phrases()[0]


NO_PHRASES_NOTE = ("This article has no table of its own time phrases (time_phrases.csv), so the "
                   "resolver knows only general ones: weekdays, 'today', 'next week' and the like.")


@settled
def date_resolver(article: Article) -> w.VBox:
    """Pick or type a time phrase from the article and a reference date; read what it means."""
    resolver = resolver_for(article)
    phrase = make(w.Combobox, options=resolver.known_phrases(), value=first_phrase(resolver),
                  placeholder="a phrase from the article", description="Phrase:",
                  ensure_option=False, continuous_update=False)
    reference = make(w.DatePicker, value=article.date, description="Seen from:")
    result = LiveText(resolver_html(resolver, phrase.value, reference.value),
                      layout={"max_width": "60em"})

    def redraw(_change=None):
        result.value = resolver_html(resolver, phrase.value, reference.value)

    for control in (phrase, reference):
        control.observe(redraw, names="value")
    controls = make(w.HBox, [phrase, reference])
    if resolver.phrases:
        return course_panel([controls, result])
    note = make(w.HTML, f'<div style="{NOTE_STYLE}">{html.escape(NO_PHRASES_NOTE)}</div>')
    return course_panel([note, controls, result])


def timeline_key_html() -> str:
    return "Key: " + marks([("when", "dated on or close to the day"),
                            ("when-open", "open-ended date that may include it")])


def day_html(article: Article, frame: pd.DataFrame, day) -> tuple[str, str]:
    """(caption, highlighted article) for one day of the timeline slider."""
    on_day = events_on(frame, day)
    spans = day_spans(article.text, on_day)
    caption = f"<i>{html.escape(day_caption(on_day, day))}</i>"
    return caption, text.highlight(article.text, spans, sheet=True)


@settled
def timeline_slider(article: Article) -> w.VBox:
    """Move through the days around the story; the sentences about that day light up."""
    frame = timeline_frame(article.events)
    if frame.empty:
        return w.VBox([w.HTML("<i>This article has no dated events, so there is no timeline "
                              "to move through. Load another article.</i>")])
    days = days_around(frame)
    slider = ChoiceSlider(
        options=[(short_date(day), day) for day in days],
        value=article.date if article.date in days else days[0],
        description="Day:", layout=shared(w.Layout, width="44em"),
    )
    first_caption, first_body = day_html(article, frame, slider.value)
    # The caption counts the day's events: announced as the slider moves.
    caption = LiveText(first_caption)
    body = make(w.HTML, first_body, layout={"max_width": "60em"})

    def redraw(_change=None):
        caption.value, body.value = day_html(article, frame, slider.value)

    slider.observe(redraw, names="value")
    return course_panel([slider, make(w.HTML, timeline_key_html()), caption, body])


@settled
def date_exercise(article: Article) -> w.VBox:
    """Pick a date, press Check, read the feedback; one sentence if the date is unknown."""
    if not date_known(article):
        return missing("known date", so="there is no date to work out")
    picker = make(w.DatePicker, description="Your date:")
    button = make(w.Button, description="Check", button_style="primary")
    feedback = LiveText("<i>Pick a date, then press Check.</i>")

    def on_check(_button):
        feedback.value = check_article_date(picker.value, article)._repr_html_()

    button.on_click(on_check)
    return course_panel([make(w.HBox, [picker, button]), feedback])
