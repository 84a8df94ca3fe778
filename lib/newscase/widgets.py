"""ipywidgets panels: thin shells over the pure functions in newscase.text and newscase.checks."""

from __future__ import annotations

import functools
import gc
import html

import ipywidgets as w
import pandas as pd

from newscase import actors, checks, text, timeline
from newscase.data import Article
from newscase.style import HIGHLIGHT_STYLES

ALL_ACTORS = "All actors"


def settled(build):
    """After a panel is built, collect garbage and freeze what survives (``gc.freeze``), so a
    kernel's later full collections skip the article, the maps and the figures. Without this,
    about one control change in fifty waited for an 80 ms full collection (bench/callbacks.py)."""

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        panel = build(*args, **kwargs)
        gc.collect()
        gc.freeze()
        return panel

    return wrapper
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


@settled
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


@settled
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


@settled
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


@settled
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


@settled
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


# --- range (notebook 03) ---

import plotly.graph_objects as go  # noqa: E402

from newscase import figures, rangemap  # noqa: E402

RANGE_ORIGINS = [("the whole border", "border"), ("Sumy", "Sumy"), ("Kharkiv", "Kharkiv"),
                 ("Chernihiv", "Chernihiv")]
RANGE_MAX_KM = 500
RANGE_NOTE_STYLE = "border-left:4px solid #E69F00;padding:4px 8px;max-width:60em;line-height:1.4"
OCCUPIED_NOTE = (
    "Measured from every point of the international border. Russia occupies parts of Ukraine "
    "along this border, and Ukraine cannot launch from ground it does not hold; the course has "
    "no dated, sourced front line, so the map does not draw one. Read this band as an upper "
    "bound.")
CITY_NOTE = "Measured from one launch point in {city}, a Ukrainian city near the border."


def weapon_choices(weapons: pd.DataFrame) -> list[tuple[str, rangemap.Weapon]]:
    """Dropdown options, one per row of an article's weapons table: only sourced figures."""
    chosen = [rangemap.Weapon.from_row(row) for _, row in weapons.iterrows()]
    return [(weapon.label, weapon) for weapon in chosen]


def weapon_note_html(weapons: list[rangemap.Weapon]) -> str:
    first = weapons[0]
    count = (f"One weapon to choose: {first.name}, with the range {first.source} gives."
             if len(weapons) == 1 else f"{len(weapons)} weapons, each with its source.")
    return (f"<i>{html.escape(count)} Other systems join this list only as rows in the data "
            "package with a cited source.</i>")


def range_summary_html(view: rangemap.RangeView) -> str:
    """The live summary under the map, escaped."""
    return f'<div style="max-width:60em;line-height:1.4">{html.escape(view.text)}</div>'


def origin_note_html(view: rangemap.RangeView) -> str:
    note = OCCUPIED_NOTE if view.origin.is_border else CITY_NOTE.format(city=view.origin.label)
    return f'<div style="{RANGE_NOTE_STYLE}">{html.escape(note)}</div>'


class RangeExplorer(w.VBox):
    """Range slider, origin and weapon choosers over a map updated in place, and a summary.

    ``redraw()`` is the one callback every control triggers: it builds a
    ``rangemap.RangeView`` and pushes only what changed into the FigureWidget; a range change
    redraws only the title, the band and the cities in the browser
    (``figures.update_range_map``).
    """

    def __init__(self, article: Article, range_km: float | None = None):
        options = weapon_choices(article.weapons)
        if not options:
            super().__init__([w.HTML("<i>This article states no weapon range, so there is "
                                     "nothing to map. Load another article.</i>")])
            return
        self.weapon = w.Dropdown(options=options, value=options[0][1], description="Weapon:",
                                 layout=w.Layout(width="28em"))
        self.origin = w.Dropdown(options=RANGE_ORIGINS, value="border",
                                 description="Measured from:", style={"description_width": "auto"})
        start = self.weapon.value.range_km if range_km is None else range_km
        # Redraw on release, not on every step of a drag: each redraw is a kernel round trip
        # (a key press to the map repainted took about 0.1 s in headless Chromium, see
        # bench/browser.py), so a fast drag would queue up dozens of them.
        self.slider = w.IntSlider(value=_slider_km(start), min=0, max=RANGE_MAX_KM, step=1,
                                  description="Range (km):", continuous_update=False,
                                  layout=w.Layout(width="40em"),
                                  style={"description_width": "auto"})
        view = self.view()
        self.figure = go.FigureWidget(figures.range_map(view).figure)
        self.summary = w.HTML(range_summary_html(view))
        self.origin_note = w.HTML(origin_note_html(view))
        self.slider.observe(self.redraw, names="value")
        self.origin.observe(self.redraw, names="value")
        self.weapon.observe(self.choose_weapon, names="value")
        super().__init__([
            w.HBox([self.weapon, self.origin]),
            w.HTML(weapon_note_html([weapon for _, weapon in options])),
            self.slider, self.figure, self.summary, self.origin_note,
        ])

    def view(self) -> rangemap.RangeView:
        return rangemap.range_view(self.slider.value, self.origin.value, self.weapon.value)

    def redraw(self, _change=None) -> None:
        view = self.view()
        # Text first: the browser shows it at once, then redraws the map.
        self.summary.value = range_summary_html(view)
        self.origin_note.value = origin_note_html(view)
        figures.update_range_map(self.figure, view)

    def choose_weapon(self, _change=None) -> None:
        target = _slider_km(self.weapon.value.range_km)
        if self.slider.value == target:
            self.redraw()  # same range, but the summary names another weapon
        else:
            self.slider.value = target  # the slider's observer redraws


def _slider_km(km: float) -> int:
    return int(min(max(round(km), 0), RANGE_MAX_KM))


@settled
def range_explorer(article: Article, range_km: float | None = None) -> RangeExplorer:
    """Move the range, pick where to measure from and which weapon: the map and the summary
    follow. Starts at the article's own figure for its first weapon (ATACMS, 306 km)."""
    return RangeExplorer(article, range_km)


# --- debate (notebook 04) ---

from IPython.display import display  # noqa: E402

# Aliased: the range block above imports figures too.
from newscase import debate  # noqa: E402
from newscase import figures as charts  # noqa: E402

ANY = "Any"
CLAIM_LAYERS = {"hedge": "Hedge words", "attribution": "Attribution cues"}


def show_chart(out: w.Output, chart) -> None:
    """Show a figure and its text summary inside an Output (for a one-off figure)."""
    with out:
        out.clear_output(wait=True)
        display(chart.figure)
        display(w.HTML(summary_html(chart.summary)))


def summary_html(summary: str) -> str:
    return f"<i>{html.escape(summary)}</i>"


@settled
def argument_explorer(article: Article) -> w.VBox:
    """Filter the argument map by speaker or position; pick an argument to read its sentence."""
    nodes, edges = debate.argument_graph(article.arguments, article.actors)
    speakers = sorted({n for who in nodes["speakers"] for n in who}) + [debate.REPORTER]
    speaker = w.Dropdown(options=[ANY, *speakers], value=ANY, description="Speaker:")
    position = w.Dropdown(options=[ANY, "supports", "attacks", "root"], value=ANY,
                          description="Position:")
    chosen = w.Dropdown(description="Argument:", layout=w.Layout(width="34em"))
    caption, card = w.HTML(), w.HTML(layout=w.Layout(max_width="60em"))
    chart = charts.argument_map(nodes, edges)
    # Built once; a filter only changes the markers' opacity, so only that is sent.
    figure = go.FigureWidget(chart.figure)

    def refilter(_change=None):
        ids = debate.filter_nodes(nodes, None if speaker.value == ANY else speaker.value,
                                  None if position.value == ANY else position.value)
        labels = nodes.set_index("id")["speaker_label"]
        chosen.options = [(f"{i} · {labels[i]}", i) for i in ids]
        chosen.value = ids[0] if ids else None
        caption.value = (f"<i>{len(ids)} of {len(nodes)} arguments match; the others are "
                         "faded.</i>" if ids else
                         "<i>No argument matches both filters: set one back to Any.</i>")
        charts.fade_arguments(figure, ids)
        show_card()

    def show_card(_change=None):
        card.value = (debate.node_card(nodes, chosen.value, article.text)
                      if chosen.value else "")

    for control in (speaker, position):
        control.observe(refilter, names="value")
    chosen.observe(show_card, names="value")
    refilter()
    return w.VBox([w.HBox([speaker, position]), caption, figure,
                   w.HTML(summary_html(chart.summary)), chosen, card])


def claim_key_html() -> str:
    types = " ".join(f'<mark style="{HIGHLIGHT_STYLES["claim-" + t]}">{t}</mark>'
                     for t in debate.CLAIM_TYPES)
    cues = " ".join(f'<mark style="{HIGHLIGHT_STYLES[c]}">{name.lower()}</mark>'
                    for c, name in CLAIM_LAYERS.items())
    return f"Key: {types} · {cues}"


@settled
def claim_explorer(article: Article) -> w.VBox:
    """The article with each claim marked by type and its cue words marked; pick a claim to
    see how it was coded."""
    types = {t: w.Checkbox(value=True, description=t, indent=False,
                           layout=w.Layout(width="8.5em")) for t in debate.CLAIM_TYPES}
    layers = {c: w.Checkbox(value=True, description=name, indent=False)
              for c, name in CLAIM_LAYERS.items()}
    claims = article.claims
    chosen = w.Dropdown(options=[(f"{i} · {e[:50]}", i) for i, e in
                                 zip(claims["id"], claims["evidence"], strict=True)],
                        description="Claim:", layout=w.Layout(width="40em"))
    caption, body = w.HTML(), w.HTML(layout=w.Layout(max_width="60em"))
    card = w.HTML(layout=w.Layout(max_width="60em"))
    cues = debate.find_cues(article.text)

    def redraw(_change=None):
        picked = [t for t, box in types.items() if box.value]
        frames = [debate.claim_spans(claims, picked)]
        frames += [cues[cues["category"] == c][text.SPAN_COLUMNS]
                   for c, box in layers.items() if box.value]
        spans = pd.concat([f for f in frames if not f.empty] or [text.spans_frame([])],
                          ignore_index=True)
        counts = claims["claim_type"].value_counts()
        shown = ", ".join(f"{int(counts.get(t, 0))} {t}" for t in picked) or "no claim types"
        caption.value = f"<i>Marked: {html.escape(shown)}. Hover over a mark to see it.</i>"
        body.value = text.highlight(article.text, spans)

    def show_card(_change=None):
        card.value = debate.claim_card(article, chosen.value)

    for box in (*types.values(), *layers.values()):
        box.observe(redraw, names="value")
    chosen.observe(show_card, names="value")
    redraw()
    show_card()
    return w.VBox([w.HBox(list(types.values())), w.HBox(list(layers.values())),
                   w.HTML(claim_key_html()), caption, body, chosen, card])


@settled
def ladder_mover(article: Article) -> w.VBox:
    """Move one event to another rung and say why; the chart and the feedback update."""
    frame = debate.ladder_frame(article)
    ladder = article.ladder
    event = w.Dropdown(options=[(f"{e} · {s[:45]}", e) for e, s in
                                zip(frame["event"], frame["summary"], strict=True)],
                       description="Event:", layout=w.Layout(width="36em"))
    rung = w.Dropdown(options=[(f"{r} {n}", int(r)) for r, n in
                               zip(ladder["rung"], ladder["name"], strict=True)],
                      description="Rung:")
    why = w.Textarea(placeholder="Why this rung? Point to the article's words.",
                     layout=w.Layout(width="36em", height="4em"))
    button = w.Button(description="Move it", button_style="primary")
    feedback = w.HTML("<i>Pick an event and a rung, say why, then press Move it.</i>")
    chart = charts.ladder_chart(frame, ladder)
    # Built once; a move only redraws the arrow and the star.
    figure = go.FigureWidget(chart.figure)
    summary = w.HTML(summary_html(chart.summary))

    def move(_button=None):
        result = checks.check_ladder_move(event.value, rung.value, why.value, article, frame)
        feedback.value = result._repr_html_()
        if result.correct:
            moved = charts.ladder_positions(
                debate.move_event(frame, ladder, event.value, rung.value, why.value))
            mine = charts.learner_moves(moved)
            charts.mark_moves(figure, mine)
            summary.value = summary_html(charts.ladder_summary(moved, ladder, mine))

    button.on_click(move)
    return w.VBox([figure, summary, w.HBox([event, rung]), why, button, feedback])


@settled
def forecast_panel(article: Article) -> w.VBox:
    """A slider per question; Submit locks them and only then reveals what happened."""
    questions = debate.forecast_questions(article)
    sliders = {q: w.IntSlider(value=50, min=0, max=100, step=5, description=f"{q}:",
                              readout_format="d", continuous_update=False,
                              layout=w.Layout(width="30em"))
               for q in questions["id"]}
    rows = [w.VBox([w.HTML(f"<b>{html.escape(q)}</b> {html.escape(text_)}"),
                    w.HBox([sliders[q], w.Label("% chance of yes")])])
            for q, text_ in zip(questions["id"], questions["question"], strict=True)]
    button = w.Button(description="Submit my forecasts", button_style="primary",
                      layout=w.Layout(width="16em"))
    status = w.HTML("<i>Nothing is revealed until you press Submit. After that your "
                    "forecasts are locked.</i>")
    reveal = w.HTML(layout=w.Layout(max_width="64em"))
    out = w.Output()

    def submit(_button=None):
        forecasts = {q: slider.value / 100 for q, slider in sliders.items()}
        for control in (*sliders.values(), button):
            control.disabled = True
        status.value = "<i>Locked. Here is what happened:</i>"
        reveal.value = debate.reveal_html(forecasts, article)
        scores = debate.score_forecasts(forecasts, article)
        show_chart(out, charts.forecast_chart(debate.score_summary(scores)))

    button.on_click(submit)
    return w.VBox([*rows, button, status, reveal, out])
