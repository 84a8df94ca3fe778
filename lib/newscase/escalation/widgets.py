"""The escalation lesson's panels: the argument explorer, the claim explorer, the ladder
mover and the forecast panel.

Each control is built with its first value (not given one right after), from a shared Layout and
Style (``present.widgets.make``): every model goes over the kernel's websocket once, whole, in
its comm_open, and no update follows it during Run All."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
from IPython.display import display

from newscase import text
from newscase.data import Article
from newscase.escalation import figures
from newscase.escalation.arguments import REPORTER, argument_graph, filter_nodes
from newscase.escalation.cards import claim_card, node_card, reveal_html
from newscase.escalation.checks import check_ladder_move
from newscase.escalation.claims import CLAIM_TYPES, claim_spans
from newscase.escalation.cues import find_cues
from newscase.escalation.forecasts import forecast_questions, score_forecasts, score_summary
from newscase.escalation.ladder import ladder_frame, move_event
from newscase.present.a11y import LiveText, course_panel
from newscase.present.chart import FIGURE_CONFIG
from newscase.present.html import italic, marks
from newscase.present.labelled_slider import LabelledSlider
from newscase.present.missing import needs
from newscase.present.plotly_view import FigureView
from newscase.present.widgets import make, settled, shared

ANY = "Any"
CLAIM_LAYERS = {"hedge": "Hedge words", "attribution": "Attribution cues"}


def show_chart(out: w.Output, chart) -> None:
    """Show a figure and its text summary inside an Output (for a one-off figure)."""
    with out:
        out.clear_output(wait=True)
        chart.figure.show(config=FIGURE_CONFIG)
        display(make(w.HTML, italic(chart.summary)))


@needs("arguments", what="argument map", so="there is no map to explore")
@settled
def argument_explorer(article: Article) -> w.VBox:
    """Filter the argument map by speaker or position; pick an argument to read its sentence."""
    nodes, edges = argument_graph(article.arguments, article.actors)
    speakers = sorted({n for who in nodes["speakers"] for n in who}) + [REPORTER]
    labels = nodes.set_index("id")["speaker_label"]

    def matching(who: str, where: str) -> list[str]:
        return filter_nodes(nodes, None if who == ANY else who, None if where == ANY else where)

    def choices(ids: list[str]) -> list[tuple[str, str]]:
        return [(f"{i} · {labels[i]}", i) for i in ids]

    def caption_html(ids: list[str]) -> str:
        return (f"<i>{len(ids)} of {len(nodes)} arguments match; the others are faded.</i>"
                if ids else "<i>No argument matches both filters: set one back to Any.</i>")

    def card_html(chosen_id: str | None) -> str:
        return node_card(nodes, chosen_id, article.text) if chosen_id else ""

    ids = matching(ANY, ANY)
    speaker = make(w.Dropdown, options=[ANY, *speakers], value=ANY, description="Speaker:")
    position = make(w.Dropdown, options=[ANY, "supports", "attacks", "root"], value=ANY,
                    description="Position:")
    chosen = make(w.Dropdown, options=choices(ids), value=ids[0] if ids else None,
                  description="Argument:", layout={"width": "34em"})
    caption = LiveText(caption_html(ids))  # announced as the filters change
    card = make(w.HTML, card_html(chosen.value), layout={"max_width": "60em"})
    chart = figures.argument_map(nodes, edges)
    figures.fade_arguments(chart.figure, ids)
    # Built once; a filter only changes the markers' opacity, so only that is sent. The
    # summary is the figure's description, shown under it.
    figure = FigureView.of(chart)

    def refilter(_change=None):
        ids = matching(speaker.value, position.value)
        chosen.options = choices(ids)
        chosen.value = ids[0] if ids else None
        caption.value = caption_html(ids)
        figures.fade_arguments(figure, ids)
        show_card()

    def show_card(_change=None):
        card.value = card_html(chosen.value)

    for control in (speaker, position):
        control.observe(refilter, names="value")
    chosen.observe(show_card, names="value")
    return course_panel([make(w.HBox, [speaker, position]), caption, figure, chosen, card])


def claim_key_html() -> str:
    types = marks((f"claim-{t}", t) for t in CLAIM_TYPES)
    cues = marks((c, name.lower()) for c, name in CLAIM_LAYERS.items())
    return f"Key: {types} · {cues}"


@settled
def claim_explorer(article: Article) -> w.VBox:
    """The article with each claim marked by type and its cue words marked; pick a claim to
    see how it was coded."""
    claims = article.claims
    cues = find_cues(article.text)
    counts = claims["claim_type"].value_counts()

    def caption_html(picked: list[str]) -> str:
        shown = ", ".join(f"{int(counts.get(t, 0))} {t}" for t in picked) or "no claim types"
        return (f"<i>Marked: {html.escape(shown)}. Each mark names its type (point at it, or "
                "hear it before the words); pick a claim below to see how it was coded.</i>")

    def body_html(picked: list[str], picked_layers: list[str]) -> str:
        frames = [claim_spans(claims, picked)]
        frames += [cues[cues["category"] == c][text.SPAN_COLUMNS] for c in picked_layers]
        spans = pd.concat([f for f in frames if not f.empty] or [text.spans_frame([])],
                          ignore_index=True)
        return text.highlight(article.text, spans, sheet=True)

    types = {t: make(w.Checkbox, value=True, description=t, indent=False,
                     layout={"width": "8.5em"}) for t in CLAIM_TYPES}
    layers = {c: make(w.Checkbox, value=True, description=name, indent=False)
              for c, name in CLAIM_LAYERS.items()}
    chosen = make(w.Dropdown, options=[(f"{i} · {e[:50]}", i) for i, e in
                                       zip(claims["id"], claims["evidence"], strict=True)],
                  description="Claim:", layout={"width": "40em"})
    caption = LiveText(caption_html(list(types)))  # announced as boxes are ticked
    body = make(w.HTML, body_html(list(types), list(layers)), layout={"max_width": "60em"})
    card = make(w.HTML, claim_card(article, chosen.value), layout={"max_width": "60em"})

    def redraw(_change=None):
        picked = [t for t, box in types.items() if box.value]
        caption.value = caption_html(picked)
        body.value = body_html(picked, [c for c, box in layers.items() if box.value])

    def show_card(_change=None):
        card.value = claim_card(article, chosen.value)

    for box in (*types.values(), *layers.values()):
        box.observe(redraw, names="value")
    chosen.observe(show_card, names="value")
    return course_panel([make(w.HBox, list(types.values())), make(w.HBox, list(layers.values())),
                         make(w.HTML, claim_key_html()), caption, body, chosen, card])


@needs("ladder", "ladder_placements", what="escalation ladder with events placed on it",
       so="there is no ladder to move events on")
@settled
def ladder_mover(article: Article) -> w.VBox:
    """Move one event to another rung and say why; the chart and the feedback update."""
    frame = ladder_frame(article)
    ladder = article.ladder
    event = make(w.Dropdown, options=[(f"{e} · {s[:45]}", e) for e, s in
                                      zip(frame["event"], frame["summary"], strict=True)],
                 description="Event:", layout={"width": "36em"})
    rung = make(w.Dropdown, options=[(f"{r} {n}", int(r)) for r, n in
                                     zip(ladder["rung"], ladder["name"], strict=True)],
                description="Rung:")
    why = make(w.Textarea, description="Why?",
               placeholder="Why this rung? Point to the article's words.",
               layout={"width": "36em", "height": "4em"})
    button = make(w.Button, description="Move it", button_style="primary")
    feedback = LiveText("<i>Pick an event and a rung, say why, then press Move it.</i>")
    chart = figures.ladder_chart(frame, ladder)
    # Built once; a move only redraws the arrow and the star, and rewrites the summary under
    # it, which is the figure's description and is announced.
    figure = FigureView.of(chart)

    def move(_button=None):
        result = check_ladder_move(event.value, rung.value, why.value, article, frame)
        feedback.value = result._repr_html_()
        if result.correct:
            moved = figures.ladder_positions(
                move_event(frame, ladder, event.value, rung.value, why.value))
            mine = figures.learner_moves(moved)
            figures.mark_moves(figure, mine)
            figure.summary = figures.ladder_summary(moved, ladder, mine)

    button.on_click(move)
    return course_panel([figure, make(w.HBox, [event, rung]), why, button, feedback])


@needs("forecast_questions", what="forecast questions", so="there is nothing to forecast")
@settled
def forecast_panel(article: Article) -> w.VBox:
    """A slider per question; Submit locks them and only then reveals what happened.

    Each question is its text, then its slider, which reads "50% chance of yes" aloud and
    beside it, and is named by the question for screen readers, who therefore skip the text
    above it (aria-hidden) rather than hear the question twice; the rows' widgets go straight
    in the panel (a box per row would draw the same)."""
    questions = forecast_questions(article)
    asked = dict(zip(questions["id"], questions["question"], strict=True))
    sliders = {q: LabelledSlider(value=50, min=0, max=100, step=5, description=f"{q}:",
                                 spoken_label=asked[q], unit="% chance of yes",
                                 continuous_update=False, layout=shared(w.Layout, width="30em"))
               for q in asked}
    rows = [widget for q, text_ in asked.items()
            for widget in (make(w.HTML, f'<div aria-hidden="true"><b>{html.escape(q)}</b> '
                                        f"{html.escape(text_)}</div>"),
                           sliders[q])]
    button = make(w.Button, description="Submit my forecasts", button_style="primary",
                  layout={"width": "16em"})
    status = LiveText("<i>Nothing is revealed until you press Submit. After that your "
                      "forecasts are locked.</i>")
    reveal = make(w.HTML, layout={"max_width": "64em"})
    out = make(w.Output)

    def submit(_button=None):
        forecasts = {q: slider.value / 100 for q, slider in sliders.items()}
        for control in (*sliders.values(), button):
            control.disabled = True
        status.value = "<i>Locked. Here is what happened:</i>"
        reveal.value = reveal_html(forecasts, article)
        scores = score_forecasts(forecasts, article)
        show_chart(out, figures.forecast_chart(score_summary(scores)))

    button.on_click(submit)
    return course_panel([*rows, button, status, reveal, out])
