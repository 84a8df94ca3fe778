"""What every lesson's ipywidgets panels share.

Every ipywidgets control also creates a Layout model and most a Style model, each a comm_open
over the kernel's websocket that carries every one of its (mostly empty) traits: a Layout is
about 1.7 KB on the wire, a Style about 1 KB, more than many controls themselves. ``make``
builds a control with a shared Layout and Style instead, one per distinct set of traits in the
kernel (``shared``): the browser draws each control from the same model, so it looks and
behaves the same. Lesson 04's four panels went from 62 Layout and 43 Style models to 10 and 7,
and each model leaves out of its comm_open what the browser defaults to (``DefaultsLeftOut``).

Measured with bench/wire.py (--quick, kernel websocket bytes of one Run All, four runs each)
together with the rest of this change (first values in the constructors, FigureView opened once,
trimmed plotly templates, highlights styled from one <style> element): lesson 04 went from
485 KB to 269-281 KB, lesson 00 from 134 to 77-102, 01 from 146 to 111-118, 02 from 171 to
127-141, 03 from 238 to 212-219. Run to run, JupyterLab's own start-up requests (debugger
info, the widget manager's comm queries) add or drop about 20 KB.

A shared Layout or Style must never be changed in place (``control.layout.display = "none"``
would hide every control that shares it): a control that needs to change its own gets one of
its own, built with ``w.Layout()`` as usual.
"""

from __future__ import annotations

import functools
import gc
import json

import ipywidgets as w
from ipywidgets.widgets.widget_style import Style

_SHARED: dict[tuple, w.Widget] = {}


# What the browser's models (@jupyter-widgets/base and /controls 2.0) default these traits to,
# as every control's Python side does too: a control's comm_open leaves them out at these values.
BROWSER_DEFAULTS = {"_view_count": None, "tabbable": None, "tooltip": None, "_dom_classes": [],
                    "description": "", "description_allow_html": False}
# Which view the browser draws a model with: each model class's defaults name its own, as the
# Python class does (ipywidgets' embedding, drop_defaults=True, relies on it too). The model's
# own name, module and version always go: the browser needs them to create it.
VIEW_KEYS = ("_view_name", "_view_module", "_view_module_version")


class DefaultsLeftOut:
    """A widget whose whole state (what its comm_open carries) leaves out what the browser's
    model defaults to anyway: its view (``VIEW_KEYS``) if it is its class's own; for a Layout
    or a Style, every property that is None (unset; the browser's LayoutModel and Style models
    default every one to null, or to "", which sets no CSS either); for a control,
    ``BROWSER_DEFAULTS``. A Layout's comm_open goes from about 1.7 KB to 0.8 KB, a control's
    about 250 bytes shorter. Updates (one key) are sent whole."""

    def get_state(self, key=None, drop_defaults=False):
        state = super().get_state(key, drop_defaults)
        if key is None:
            state = {name: value for name, value in state.items()
                     if not self._browser_default(name, value)}
        return state

    def _browser_default(self, name: str, value) -> bool:
        if name in VIEW_KEYS:
            return value == self.trait_defaults(name)
        if isinstance(self, w.Layout | Style):
            return value is None
        # Compared as they go over the wire: a tuple is a JSON list, False is not 0.
        return name in BROWSER_DEFAULTS and json.dumps(value) == json.dumps(BROWSER_DEFAULTS[name])


@functools.cache
def defaults_left_out(cls: type[w.Widget]) -> type[w.Widget]:
    """``cls`` with ``DefaultsLeftOut``, under the same name."""
    return type(cls.__name__, (DefaultsLeftOut, cls), {"__module__": __name__})


def shared(cls: type[w.Widget], **traits) -> w.Widget:
    """The kernel's one instance of ``cls`` (a Layout or a Style class, with
    ``DefaultsLeftOut``) with these traits; a new one if it was closed (``Widget.close_all()``)."""
    key = (cls, tuple(sorted(traits.items())))
    found = _SHARED.get(key)
    if found is None or found.comm is None:
        found = _SHARED[key] = defaults_left_out(cls)(**traits)
    return found


def make(cls: type[w.DOMWidget], *args, layout: dict | None = None, style: dict | None = None,
         **kwargs) -> w.DOMWidget:
    """``cls(*args, **kwargs)`` (with ``DefaultsLeftOut``) with a shared Layout (``layout``: its
    traits, e.g. ``{"width": "30em"}``) and, if the class has a style, a shared Style
    (``style``: its traits)."""
    kwargs["layout"] = shared(w.Layout, **(layout or {}))
    style_trait = cls.class_traits().get("style")
    if style_trait is not None:
        kwargs["style"] = shared(style_trait.klass, **(style or {}))
    return defaults_left_out(cls)(*args, **kwargs)


def without_comments(script: str) -> str:
    """The script (an anywidget's ``_esm`` or ``_css``) without its comment lines, blank lines
    and indentation: every instance sends it over the websocket in its comm_open
    (plotly_view.js: 5.4 KB instead of 7.7). Only whole lines that start with ``//`` are
    comments here, so the course's scripts keep their comments on lines of their own and have no
    string that spans lines."""
    lines = (line.strip() for line in script.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


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
