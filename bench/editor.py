"""The authoring notebook's span picker, timed in headless Chromium: milliseconds from mouseup to
the selection shown (goal < 100 ms) and to the kernel's offsets back.

It serves a copy of instructors/author-your-article.ipynb pointing at a copy of the reference
article (its first places rows marked as drafted) in an offline JupyterLab (bench/lab.py), and
selects words with the mouse. tests/test_editor_browser.py drives the same page.
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench import lab as harness
from bench.lab import REPO, LabError
from newscase.authoring import review
from newscase.authoring.tablefile import TableFile

REFERENCE = REPO / "data" / "articles" / "atacms-2024-11-17"
NOTEBOOK = REPO / "instructors" / "author-your-article.ipynb"
SCREENSHOT_DIR = REPO / "test-artifacts" / "screenshots"
PHRASE = "bolstering Russian forces"  # found once in the article
OTHER_PHRASES = ["escalating tensions", "allowing Ukrainian forces", "policy reversal"]
DRAFTED = 2  # places rows marked as machine-drafted in the copy
TIMEOUT_MS = 30_000
SELECTION_GOAL_MS = 100


# --- the served tree: a drafted copy of the reference article and the notebook pointing at it ---


# A second picker on a text with an emoji (two UTF-16 units in the browser, one Python character)
# and curly quotes, appended to the served notebook by the test only.
EMOJI_TEXT = "Flags 🇺🇦 and a rocket 🚀 “launched” at dawn"
EMOJI_CELL = ("from newscase.authoring.editor import SpanPicker\n"
              f"SpanPicker({EMOJI_TEXT!r}, label='Emoji test text')")


def build_authoring_tree(root: Path, extra_cells: tuple[str, ...] = ()) -> tuple[Path, Path]:
    """root/<article id> (the reference folder, its first places rows drafted) and
    root/notebooks/author-your-article.ipynb whose FOLDER points there, with ``extra_cells``
    appended. Returns both."""
    folder = root / REFERENCE.name
    shutil.copytree(REFERENCE, folder)
    places = TableFile.load(folder, "places")
    places.save([review.mark_drafted(row) if i < DRAFTED else row
                 for i, row in enumerate(places.rows)])
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            cell["source"] = f'FOLDER = "../{REFERENCE.name}"'
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb["cells"] += [{"cell_type": "code", "metadata": {}, "source": source, "outputs": [],
                     "execution_count": None} for source in extra_cells]
    notebook = root / "notebooks" / NOTEBOOK.name
    notebook.parent.mkdir()
    notebook.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return folder, notebook


@contextmanager
def authoring_page(workdir: Path | None = None,
                   extra_cells: tuple[str, ...] = ()) -> Iterator[tuple[object, object, Path]]:
    """(page, log, article folder): the authoring notebook run in an offline JupyterLab."""
    with tempfile.TemporaryDirectory(prefix="newscase-editor-", dir=workdir) as tmp:
        root, private = Path(tmp) / "served", Path(tmp) / "jupyter"
        root.mkdir()
        private.mkdir()
        folder, notebook = build_authoring_tree(root, extra_cells)
        server = harness.start_lab(root, private)
        try:
            with harness.chromium() as browser, harness.offline_page(
                    browser, viewport={"width": 1400, "height": 2400}) as (page, log):
                harness.run_all_cells(page, server, notebook)
                page.locator(".newscase-span-picker-text").first.wait_for(timeout=TIMEOUT_MS)
                yield page, log, folder
        finally:
            server.stop()


# --- selecting with the mouse, timed in the page ------------------------------------------------

# The phrase's first and last character boxes inside the picker's text, in page coordinates.
JS_PHRASE_BOX = """([phrase, picker]) => {
    const region = document.querySelectorAll('.newscase-span-picker-text')[picker];
    region.scrollIntoView({block: 'start'});
    const node = region.firstChild;
    const at = node.data.indexOf(phrase);
    if (at < 0 || node.data.indexOf(phrase, at + 1) >= 0) throw new Error('phrase not unique');
    const box = (i) => {
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        return {x: r.left, y: r.top, w: r.width, h: r.height};
    };
    return {first: box(at), last: box(at + phrase.length - 1)};
}"""

# Arm a clock: the mouseup's time stamp, then every animation frame until the status line shows
# the phrase; the clock stops at the first task after that frame (once Chromium has painted it).
JS_ARM = """([phrase, index]) => {
    const status = document.querySelectorAll('.newscase-span-picker-status')[index];
    const T = window.__selectionTiming = {up: null, painted: null, synced: null};
    const picker = document.querySelectorAll('.newscase-span-picker')[index];
    document.addEventListener('mouseup', (event) => {
        T.up = event.timeStamp;
        const frame = () => requestAnimationFrame(() => {
            if (!status.textContent.includes(phrase)) return frame();
            const channel = new MessageChannel();
            channel.port1.onmessage = () => { T.painted = performance.now(); };
            channel.port2.postMessage(null);
        });
        frame();
        new MutationObserver((_, observer) => {
            T.synced = performance.now();
            observer.disconnect();
        }).observe(picker, {attributes: true, attributeFilter: ['data-python-end']});
    }, {capture: true, once: true});
}"""


def select_with_mouse(page, phrase: str, picker: int = 0) -> dict[str, float]:
    """Drag over ``phrase`` in the picker; return {'shown_ms': mouseup to the status line showing
    it, painted; 'synced_ms': mouseup to the kernel's offsets arriving back in the page}."""
    box = page.evaluate(JS_PHRASE_BOX, [phrase, picker])
    first, last = box["first"], box["last"]
    if abs(first["y"] - last["y"]) > first["h"] / 2:
        raise LabError(f"'{phrase}' wraps over two lines; choose a shorter phrase")
    y = first["y"] + first["h"] / 2
    page.evaluate(JS_ARM, [phrase, picker])
    page.mouse.move(first["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(last["x"] + last["w"] / 2, y, steps=6)
    page.mouse.move(last["x"] + last["w"] - 1, y)
    page.mouse.up()
    if not harness.wait_for(page, "() => window.__selectionTiming.painted !== null"
                            " && window.__selectionTiming.synced !== null", None, 20):
        raise LabError(f"the picker did not show and sync '{phrase}' within 20 s: "
                       + page.locator(".newscase-span-picker-status").nth(picker).inner_text())
    timing = page.evaluate("() => window.__selectionTiming")
    return {"shown_ms": timing["painted"] - timing["up"],
            "synced_ms": timing["synced"] - timing["up"]}


def measure_selection_latency(repeats: int = 5, workdir: Path | None = None) -> dict[str, float]:
    """For the benchmarks: median milliseconds from mouseup to the SpanPicker showing the
    selection ('shown_ms', goal < 100) and to the kernel's offsets arriving back ('synced_ms'),
    over ``repeats`` mouse selections in the authoring notebook in headless Chromium."""
    shown, synced = [], []
    with authoring_page(workdir) as (page, _, _):
        for i in range(repeats):
            timing = select_with_mouse(page, [PHRASE, *OTHER_PHRASES][i % (1 + len(OTHER_PHRASES))])
            shown.append(timing["shown_ms"])
            synced.append(timing["synced_ms"])
    return {"shown_ms": statistics.median(shown), "synced_ms": statistics.median(synced),
            "repeats": repeats}
