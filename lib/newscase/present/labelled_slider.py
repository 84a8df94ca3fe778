"""Sliders that a screen reader can name and read, and the keyboard can move.

ipywidgets 8's sliders have no accessible name and put their number box in the Tab order with
no name of its own (axe: aria-input-field-name). These are small anywidgets around a native
``<label>`` and ``<input type="range">``: the browser gives them a name (the ``description``),
the arrow, Page Up / Page Down, Home and End keys, and ``aria-valuetext`` with the unit
("120 km", "3 Mar 2021 (5 of 9)"). The value shown beside the slider is plain text, hidden
from assistive tech, which hears it from the slider itself.

They behave like ipywidgets' ``IntSlider`` and ``SelectionSlider`` from Python: ``value``,
``min``, ``max``, ``step``, ``description``, ``continuous_update``, ``disabled``, ``layout``, and
``observe(callback, names="value")``. With ``continuous_update=False`` the value reaches Python
when a drag is released; each key press is a change of its own.
"""

from __future__ import annotations

import pathlib

import anywidget
import traitlets as t

from newscase.present.a11y import COURSE_CSS
from newscase.present.widgets import without_comments

ESM = without_comments(
    pathlib.Path(__file__).with_name("labelled_slider.js").read_text(encoding="utf-8"))
CSS = without_comments("""
.nc-slider { display: flex; align-items: center; gap: 8px; min-height: 28px; }
.nc-slider input[type=range] { flex: 1 1 auto; min-width: 8em; accent-color: #0072B2; }
.nc-slider-value { min-width: 5em; white-space: nowrap; }
""" + COURSE_CSS)


class LabelledSlider(anywidget.AnyWidget):
    """A whole-number slider with a label and a unit: ``LabelledSlider(value=120, max=500,
    description="Range (km):", unit=" km")`` reads "120 km" aloud and beside the slider."""

    _esm = ESM
    _css = CSS
    value = t.Int(0).tag(sync=True)
    min = t.Int(0).tag(sync=True)
    max = t.Int(100).tag(sync=True)
    step = t.Int(1).tag(sync=True)
    description = t.Unicode("").tag(sync=True)
    # Read after the description by screen readers, not shown: the rest of the control's name
    # where the page shows it elsewhere (a forecast's question, above its slider).
    spoken_label = t.Unicode("").tag(sync=True)
    unit = t.Unicode("").tag(sync=True)
    # Text for each step from min, shown and read instead of the number (ChoiceSlider's).
    labels = t.List(t.Unicode()).tag(sync=True)
    continuous_update = t.Bool(True).tag(sync=True)
    disabled = t.Bool(False).tag(sync=True)

    @t.validate("value")
    def _within_bounds(self, proposal):
        return min(max(proposal["value"], self.min), self.max)

    @t.observe("min", "max")
    def _keep_value_within(self, _change):
        self.value = min(max(self.value, self.min), self.max)


def _index_to_json(value, widget: ChoiceSlider) -> int:
    return widget._values.index(value)


def _index_from_json(index: int, widget: ChoiceSlider):
    return widget._values[index]


class ChoiceSlider(LabelledSlider):
    """A slider over a list of choices, like ``SelectionSlider``: ``options`` is a list of
    (label, value) pairs, ``value`` is one of the values (a date, say), and each label is what
    the slider shows and reads aloud. Over the wire ``value`` travels as its position."""

    value = t.Any().tag(sync=True, to_json=_index_to_json, from_json=_index_from_json)

    def __init__(self, options, value=None, **kwargs):
        pairs = [(str(label), item) for label, item in options]
        if not pairs:
            raise ValueError("a ChoiceSlider needs at least one option")
        self._values = [item for _, item in pairs]
        super().__init__(labels=[label for label, _ in pairs], min=0, max=len(pairs) - 1,
                         value=self._values[0] if value is None else value, **kwargs)

    @property
    def options(self) -> list[tuple[str, object]]:
        """The (label, value) pairs, as given."""
        return list(zip(self.labels, self._values, strict=True))

    @t.validate("value")
    def _within_bounds(self, proposal):
        if proposal["value"] not in self._values:
            raise t.TraitError(f"{proposal['value']!r} is not one of the slider's options")
        return proposal["value"]

    @t.observe("min", "max")
    def _keep_value_within(self, _change):
        pass
