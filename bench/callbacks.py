"""Widget callback latency, measured inside a real ipykernel.

``measure_callbacks`` runs *in the kernel* (bench.kernel starts one, as JupyterLab would): each
widget is built as the notebooks build it, then one control is changed many times. A change runs
the observers synchronously, and they serialise every model update and output as comm messages
before returning, so the time from setting the value until it returns is the kernel's share of a
learner's wait. The browser's redraw comes after and is measured by bench/browser.py.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
import time
from collections.abc import Callable, Iterable

import ipywidgets as w

from newscase import actors as actor_lesson
from newscase import escalation, load_article, reach, reading, timeline
from newscase.present.labelled_slider import ChoiceSlider


def find(box: w.Widget, kind: type, description: str | None = None) -> w.Widget:
    """The first control of ``kind`` (with that description) anywhere inside ``box``."""
    stack = [box]
    while stack:
        widget = stack.pop(0)
        if isinstance(widget, kind) and description in (None, widget.description):
            return widget
        stack.extend(getattr(widget, "children", ()))
    raise LookupError(f"no {kind.__name__} {description!r} in this panel")


def time_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return 1000 * (time.perf_counter() - start)


def cycle_values(control: w.ValueWidget, values: Iterable, changes: int) -> list[float]:
    """Set ``control.value`` to each value in turn (skipping no-op changes); time each."""
    times = []
    for value in itertools.islice(itertools.cycle(values), changes * 2):
        if value == control.value:
            continue
        times.append(time_ms(lambda value=value: setattr(control, "value", value)))
        if len(times) == changes:
            break
    return times


def option_values(dropdown) -> list:
    return [option[1] if isinstance(option, tuple) else option for option in dropdown.options]


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"median_ms": round(statistics.median(ordered), 2),
            "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))], 2),
            "max_ms": round(ordered[-1], 2), "changes": len(ordered)}


def range_cases(art, changes: int) -> dict[str, list[float]]:
    explorer = reach.range_explorer(art)
    kms = [306, 120, 450, 10, 280, 500, 75, 333, 0, 199]
    cases = {}
    for origin, label in [("border", "range slider, from the whole border (all places)"),
                          ("Kharkiv", "range slider, from Kharkiv (all places)")]:
        explorer.origin.value = origin
        cases[label] = cycle_values(explorer.slider, kms, changes)
    cases["range origin chooser"] = cycle_values(
        explorer.origin, option_values(explorer.origin), changes)
    return cases


def lesson_cases(art, changes: int) -> dict[str, list[float]]:
    actors = actor_lesson.actor_explorer(art)
    arguments = escalation.argument_explorer(art)
    highlighter = reading.article_highlighter(art)
    claims = escalation.claim_explorer(art)
    slider = find(timeline.timeline_slider(art), ChoiceSlider)
    resolver = timeline.date_resolver(art)
    return {
        "actor picker": cycle_values(find(actors, w.Dropdown, "Actor:"),
                                     sorted(art.actors["name"]), changes),
        "actor search box": cycle_values(find(actors, w.Text, "Search:"),
                                         ["Tr", "Trump", "", "Kre", "officials", "zz"], changes),
        "argument-map filter (speaker)": cycle_values(
            find(arguments, w.Dropdown, "Speaker:"),
            option_values(find(arguments, w.Dropdown, "Speaker:")), changes),
        "argument-map filter (position)": cycle_values(
            find(arguments, w.Dropdown, "Position:"),
            option_values(find(arguments, w.Dropdown, "Position:")), changes),
        "article highlighter (actor)": cycle_values(
            find(highlighter, w.Dropdown, "Actor:"),
            option_values(find(highlighter, w.Dropdown, "Actor:"))[:12], changes),
        "claim explorer (type box)": cycle_values(
            find(claims, w.Checkbox), [False, True], changes),
        "claim explorer (claim picker)": cycle_values(
            find(claims, w.Dropdown, "Claim:"),
            option_values(find(claims, w.Dropdown, "Claim:")), changes),
        "timeline day slider": cycle_values(slider, [v for _, v in slider.options], changes),
        "date resolver (phrase)": cycle_values(
            find(resolver, w.Combobox), ["on Sunday", "in the coming days", "last week",
                                          "two months before"], changes),
        "date resolver (seen from)": cycle_values(
            find(resolver, w.DatePicker),
            [art.date + dt.timedelta(days=d) for d in (0, 3, -5, 40)], changes),
    }


def button_cases(art, changes: int) -> dict[str, list[float]]:
    """Press-to-act widgets: a Check, a ladder move, a forecast submission (once per panel)."""
    exercise = timeline.date_exercise(art)
    find(exercise, w.DatePicker).value = art.date
    check = find(exercise, w.Button)
    ladder = escalation.ladder_mover(art)
    find(ladder, w.Textarea).value = "The article calls it a significant policy reversal."
    move = find(ladder, w.Button)
    rung = find(ladder, w.Dropdown, "Rung:")
    rungs = itertools.cycle(option_values(rung))
    ladder_times = []
    for _ in range(changes):
        rung.value = next(rungs)
        ladder_times.append(time_ms(move.click))
    panels = [escalation.forecast_panel(art) for _ in range(min(changes, 10))]
    return {
        "date check button": [time_ms(check.click) for _ in range(changes)],
        "ladder mover (Move it)": ladder_times,
        "forecast panel (Submit)": [time_ms(find(p, w.Button).click) for p in panels],
    }


def measure_callbacks(changes: int = 40) -> dict:
    """Every widget panel of the lessons: per control, the median/p90/max callback time in ms."""
    art = load_article("atacms-2024-11-17")
    cases = {**range_cases(art, changes), **lesson_cases(art, changes),
             **button_cases(art, changes)}
    return {label: summary(times) for label, times in cases.items()}
