"""What makes the course's panels usable with a keyboard and a screen reader: live regions that
announce feedback, a visible focus indicator, and the contrast arithmetic that checks colours.

- ``LiveText``: HTML like ``ipywidgets.HTML``, in an element that is a polite live region
  (``role="status"``, ``aria-live="polite"``) created once per view; only its contents change,
  so screen readers announce each new value (WCAG 4.1.3). ``ipywidgets.HTML`` cannot carry ARIA
  attributes on its own element, and a live region inside its value would be replaced on every
  update, which screen readers do not reliably announce.
  A ``LiveText`` also gives its panel's keys to the panel's controls: in JupyterLab the
  notebook otherwise takes them (ArrowDown on a dropdown moved focus to the next cell instead
  of choosing the next option); every course panel with a control has a ``LiveText``.
- ``course_panel(children)``: a panel marked with the class ``nc-panel``. The course stylesheet
  (``COURSE_CSS``, which every course anywidget loads into the page: ``LiveText``,
  ``LabelledSlider``) gives every control inside such a panel a 2 px focus outline of at least
  3:1 (WCAG 1.4.11 and 2.4.7), scoped to the course's panels so JupyterLab's chrome is
  untouched. A panel needs one course anywidget for the stylesheet to reach the page.
- ``contrast(a, b)``: the WCAG 2 contrast ratio of two sRGB colours.
"""

from __future__ import annotations

import anywidget
import ipywidgets as w
import traitlets as t

from newscase.present.widgets import make, shared, without_comments

# The focus ring: a dark outline with a white gap between it and the control, so it stands out
# at 3:1 or more against the light page and against a dark or coloured control (checked in
# tests/test_a11y_blocks.py).
FOCUS_COLOUR = "#1a1a1a"
FOCUS_GAP = "#ffffff"
PANEL_CLASS = "nc-panel"
PANEL_CLASSES = (PANEL_CLASS,)  # a box's _dom_classes, for a panel not built by course_panel
COURSE_CSS = f"""
.{PANEL_CLASS} :is(input, select, textarea, button, a[href], [tabindex]):focus-visible,
.{PANEL_CLASS} :is(input:not([type=range]), select, textarea):focus {{
  outline: 2px solid {FOCUS_COLOUR} !important;
  outline-offset: 2px !important;
  box-shadow: 0 0 0 2px {FOCUS_GAP} !important;
}}
.nc-visually-hidden {{
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}}
"""

LIVE_ESM = """
// Keys pressed on a control in the panel work the control, not JupyterLab's notebook: without
// this, ArrowDown on a dropdown moves focus to the next cell instead of choosing the next
// option. As labelled_slider.js does for its slider: no JupyterLab shortcut fires inside the
// panel (data-lm-suppress-shortcuts), and its keydown handler never sees the keys
// (stopPropagation); the browser still does what each key does to the control, and Tab still
// leaves the panel. The panel is marked once the view is in the page. It also remembers which
// of its controls had focus last, for rescue() below.
function ownKeys(el, tries = 0) {
  const panel = el.closest(".nc-panel");
  if (panel && !panel.ncKeys) {
    panel.ncKeys = true;
    panel.setAttribute("data-lm-suppress-shortcuts", "true");
    panel.addEventListener("keydown", (e) => e.stopPropagation());
    panel.addEventListener("focusin", (e) => { panel.ncLast = e.target; });
  } else if (!panel && !el.isConnected && tries < 1200) {
    requestAnimationFrame(() => ownKeys(el, tries + 1));
  }
}
function render({ model, el }) {
  ownKeys(el);
  el.classList.add("nc-live");
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  // A control that is disabled while it has focus (Submit, which locks the forecasts) drops
  // focus to the page's body, where a screen reader has nothing to read. When this region's
  // text changes after that, focus comes here instead: the keyboard user hears the outcome and
  // goes on from the panel. (Chromium moves focus off a disabled control only at its next
  // rendering, so the control may still be the active element here.)
  const rescue = () => {
    const last = el.closest(".nc-panel")?.ncLast;
    if (last?.disabled && [null, document.body, last].includes(document.activeElement)) {
      el.tabIndex = -1;
      el.focus();
    }
  };
  const update = () => {
    el.innerHTML = model.get("value");
    rescue();
    requestAnimationFrame(rescue);
  };
  model.on("change:value", update);
  update();
  return () => model.off("change:value", update);
}
export default { render };
"""


class LiveText(anywidget.AnyWidget):
    """``LiveText("<i>Pick a date, then press Check.</i>")``; set ``.value`` to new HTML (the
    course's own, escaped) and a screen reader reads it out once, politely. ``layout``: its
    traits, for a Layout shared like ``present.widgets.make``'s."""

    _esm = without_comments(LIVE_ESM)
    _css = without_comments(COURSE_CSS)
    value = t.Unicode("").tag(sync=True)

    def __init__(self, value: str = "", layout: dict | None = None, **kwargs):
        super().__init__(value=value, layout=shared(w.Layout, **(layout or {})), **kwargs)


def course_panel(children, cls: type[w.Box] = w.VBox, **kwargs) -> w.Box:
    """A ``cls`` box of ``children`` (built with ``make``), marked as a course panel: its
    controls get the course's focus indicator. The class goes in its first message."""
    return make(cls, list(children), _dom_classes=PANEL_CLASSES, **kwargs)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(colour: str, alpha: float, under: str = "#ffffff") -> str:
    """'#rrggbb' drawn at ``alpha`` over ``under``: what a translucent highlight looks like."""
    top = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    bottom = [int(under.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(a * alpha + b * (1 - alpha)):02x}"
                         for a, b in zip(top, bottom, strict=True))
