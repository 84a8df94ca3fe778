"""The range lesson's panel: a range slider, origin and weapon choosers over the map, updated
in place, and the live summary under it."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from newscase.data import Article
from newscase.present.a11y import PANEL_CLASSES, LiveText
from newscase.present.labelled_slider import LabelledSlider
from newscase.present.missing import Missing
from newscase.present.plotly_view import FigureView
from newscase.present.widgets import DefaultsLeftOut, make, settled, shared
from newscase.reach import figures
from newscase.reach.distances import edge_text
from newscase.reach.mapframe import MapFrame
from newscase.reach.views import RangeView, Weapon, frame_or_missing, range_view

RANGE_MAX_KM = 500
RANGE_NOTE_STYLE = "border-left:4px solid #E69F00;padding:4px 8px;max-width:60em;line-height:1.4"
BORDER_NOTE = ("Measured from every point of the international border. {caveat}The course has "
               "no dated, sourced front line, so the map does not draw one: read the band as "
               "measured from the border, not as all that could, or could not, be reached.")
CITY_NOTE = "Measured from one launch point in {city}, a {adjective} city near the border."
PLACE_NOTE = "Measured from one launch point in {city}."


def border_note(frame: MapFrame) -> str:
    """The caveat under a band measured from the border; the article's map_frame.csv may add
    why the real reach differs from the band (its border_caveat)."""
    return BORDER_NOTE.format(caveat=f"{frame.border_caveat}. " if frame.border_caveat else "")


def origin_choices(frame: MapFrame) -> list[tuple[str, str]]:
    """The origin chooser's options: map_origins.csv's labels and places, in its order (else
    the border, else the map's centre)."""
    if frame.origins:
        return list(frame.origins)
    return [(frame.border_label, "border")] if frame.border else [(frame.centre_name,
                                                                   frame.centre_name)]


def weapon_choices(weapons: pd.DataFrame) -> list[tuple[str, Weapon]]:
    """Dropdown options, one per row of an article's weapons table: only sourced figures."""
    chosen = [Weapon.from_row(row) for _, row in weapons.iterrows()
              if not pd.isna(row.get("range_km"))]
    return [(weapon.label, weapon) for weapon in chosen]


def weapon_note_html(weapons: list[Weapon]) -> str:
    first = weapons[0]
    count = (f"One weapon to choose: {first.name}, with the range {first.source} gives."
             if len(weapons) == 1 else f"{len(weapons)} weapons, each with its source.")
    return (f"<i>{html.escape(count)} Other systems join this list only as rows in the data "
            "package with a cited source.</i>")


def range_summary_html(view: RangeView) -> str:
    """The live summary under the map, escaped: the view's text, then the cities either side
    of the range's edge with their distances (the map gives those only on hover)."""
    text = " ".join(part for part in (view.text, edge_text(view)) if part)
    return f'<div style="max-width:60em;line-height:1.4">{html.escape(text)}</div>'


def origin_note_html(view: RangeView) -> str:
    frame = view.frame
    if view.origin.is_border:
        note = border_note(frame)
    elif frame.launch_adjective and frame.border:
        note = CITY_NOTE.format(city=view.origin.label, adjective=frame.launch_adjective)
    else:
        note = PLACE_NOTE.format(city=view.origin.label)
    return f'<div style="{RANGE_NOTE_STYLE}">{html.escape(note)}</div>'


class RangeExplorer(DefaultsLeftOut, w.VBox):
    """Range slider, origin and weapon choosers over a map updated in place, and a summary.

    ``redraw()`` is the one callback every control triggers: it builds a
    ``RangeView`` and pushes only what changed into the FigureWidget; a range change
    redraws only the title, the band and the cities in the browser
    (``figures.update_range_map``).
    """

    def __init__(self, article: Article, range_km: float | None = None):
        weapons = getattr(article, "weapons", None)
        options = weapon_choices(weapons) if isinstance(weapons, pd.DataFrame) else []
        frame = frame_or_missing(article, weapon=True)
        self.missing = frame if isinstance(frame, Missing) else None
        if self.missing is not None:
            super().__init__([make(w.HTML, self.missing._repr_html_())],
                             layout=shared(w.Layout))
            return
        self.frame = frame
        origins = origin_choices(self.frame)
        self.weapon = make(w.Dropdown, options=options, value=options[0][1],
                           description="Weapon:", layout={"width": "28em"})
        self.origin = make(w.Dropdown, options=origins, value=origins[0][1],
                           description="Measured from:", style={"description_width": "auto"})
        start = self.weapon.value.range_km if range_km is None else range_km
        # Redraw on release, not on every step of a drag: each redraw is a kernel round trip
        # (a key press to the map repainted took about 0.1 s in headless Chromium, see
        # bench/browser.py), so a fast drag would queue up dozens of them.
        self.range_max = slider_max_km([weapon for _, weapon in options])
        # A native labelled range input: read aloud with its unit ("120 km"), moved by arrows,
        # Page Up/Down, Home and End (ipywidgets' IntSlider has no accessible name).
        self.slider = LabelledSlider(value=_slider_km(start, self.range_max), min=0,
                                     max=self.range_max, step=1, unit=" km",
                                     description="Range (km):", continuous_update=False,
                                     layout=shared(w.Layout, width="40em"))
        view = self.view()
        # The figure is named by its title and described by the summary, which is shown once,
        # under it, in a live region that announces every change.
        self.figure = FigureView(figures.range_map(view).figure, label=figures.range_title(view),
                                 summary=view.text, summary_visible=False)
        self.summary = LiveText(range_summary_html(view))
        self.origin_note = make(w.HTML, origin_note_html(view))
        self.slider.observe(self.redraw, names="value")
        self.origin.observe(self.redraw, names="value")
        self.weapon.observe(self.choose_weapon, names="value")
        super().__init__([
            make(w.HBox, [self.weapon, self.origin]),
            make(w.HTML, weapon_note_html([weapon for _, weapon in options])),
            self.slider, self.figure, self.summary, self.origin_note,
        ], layout=shared(w.Layout), _dom_classes=PANEL_CLASSES)

    def view(self) -> RangeView:
        return range_view(self.frame, self.slider.value, self.origin.value, self.weapon.value)

    def redraw(self, _change=None) -> None:
        view = self.view()
        # Text first: the browser shows it at once, then redraws the map.
        self.summary.value = range_summary_html(view)
        self.origin_note.value = origin_note_html(view)
        with self.figure.hold_sync():  # the figure's name and description: one message
            self.figure.label, self.figure.summary = figures.range_title(view), view.text
        figures.update_range_map(self.figure, view)

    def choose_weapon(self, _change=None) -> None:
        target = _slider_km(self.weapon.value.range_km, self.range_max)
        if self.slider.value == target:
            self.redraw()  # same range, but the summary names another weapon
        else:
            self.slider.value = target  # the slider's observer redraws


def slider_max_km(weapons: list[Weapon]) -> int:
    """The range slider's end: RANGE_MAX_KM, or more for a weapon that reaches further (its
    range and a fifth more, in whole hundreds of km)."""
    longest = max((weapon.range_km for weapon in weapons), default=0)
    return max(RANGE_MAX_KM, int(-(-longest * 1.2 // 100) * 100))


def _slider_km(km: float, most: int = RANGE_MAX_KM) -> int:
    return int(min(max(round(km), 0), most))


@settled
def range_explorer(article: Article, range_km: float | None = None) -> RangeExplorer:
    """Move the range, pick where to measure from and which weapon: the map and the summary
    follow. Starts at the article's own figure for its first weapon, measured from the first
    origin its map_origins.csv offers."""
    return RangeExplorer(article, range_km)
