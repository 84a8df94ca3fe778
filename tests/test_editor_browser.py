"""The authoring notebook in a real JupyterLab and headless Chromium (bench/lab.py): select words
of the article with the mouse, add them as a row, confirm a drafted row, and read the CSVs.

It works on a copy of the reference article with two places rows marked as drafted, served with
a copy of instructors/author-your-article.ipynb whose FOLDER points at the copy. It also times
how long the SpanPicker takes to show a mouse selection (``measure_selection_latency``, which
the benchmarks can call). Skips without Chromium and playwright, like test_browser.py, unless
NEWSCASE_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

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


# --- the test -------------------------------------------------------------------------------------

# Every control in the editor, and the name a screen reader would read for it.
JS_NAMELESS_CONTROLS = """() => {
    const editor = document.querySelector('.newscase-editor');
    const controls = editor.querySelectorAll(
        'input, select, textarea, button, [role="textbox"], [tabindex="0"]');
    const name = (el) => (el.getAttribute('aria-label')
        || [...(el.labels || [])].map(l => l.textContent).join(' ')
        || (el.tagName === 'BUTTON' ? el.textContent : '')
        || el.getAttribute('title') || '').trim();
    return [...controls].filter(el => !name(el)).map(el => el.outerHTML.slice(0, 120));
}"""


@pytest.fixture(scope="module")
def browser_available() -> None:
    reason = harness.browser_missing_reason()
    if reason is None:
        return
    if os.environ.get("NEWSCASE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NEWSCASE_REQUIRE_BROWSER=1, but {reason}", pytrace=False)
    pytest.skip(f"{reason} (set NEWSCASE_REQUIRE_BROWSER=1 to fail instead)")


def test_select_with_the_mouse_add_a_row_and_confirm_a_draft(browser_available, tmp_path) -> None:
    from playwright.sync_api import expect

    try:
        with authoring_page(tmp_path, (EMOJI_CELL,)) as (page, log, folder):
            try:
                text = (folder / "article.txt").read_text(encoding="utf-8")
                editor = page.locator(".newscase-editor")
                expect(editor.get_by_text("valid", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
                assert page.evaluate(JS_NAMELESS_CONTROLS) == []

                timing = select_with_mouse(page, PHRASE)
                print(f"\nSpanPicker: mouseup to selection shown {timing['shown_ms']:.1f} ms, "
                      f"to the kernel's offsets back {timing['synced_ms']:.1f} ms")
                picker = page.locator(".newscase-span-picker").first
                start = text.index(PHRASE)
                expect(picker).to_have_attribute("data-python-start", str(start))
                expect(picker).to_have_attribute("data-python-end", str(start + len(PHRASE)))
                expect(picker.locator(".newscase-span-picker-status")).to_have_text(
                    f"Selected: “{PHRASE}” (found once in the article)")

                editor.get_by_label("Table", exact=True).select_option("places")
                editor.get_by_role("button", name="Add row").click()
                editor.get_by_label("name", exact=True).fill("Russian forces")
                editor.get_by_label("kind", exact=True).select_option("country")
                editor.get_by_label("note", exact=True).fill("Russia, named through its forces.")
                assert page.evaluate(JS_NAMELESS_CONTROLS) == []
                editor.get_by_role("button", name="Save row").click()
                expect(editor.get_by_text("Saved row bolstering-russian-forces to places.csv."))\
                    .to_be_visible(timeout=TIMEOUT_MS)

                rows = TableFile.load(folder, "places").rows
                added = rows[-1]
                assert added["evidence"] == PHRASE
                assert text[start:start + len(PHRASE)] == added["evidence"]
                assert text.count(added["evidence"]) == 1
                assert (added["id"], added["name"], added["kind"], added["review"]) == (
                    "bolstering-russian-forces", "Russian forces", "country", "")

                drafted = rows[0]["id"]
                assert review.state(rows[0]) == "draft"
                editor.get_by_role("button", name=f"Confirm {drafted}").click()
                expect(editor.get_by_text(f"Confirmed row {drafted}.")).to_be_visible(
                    timeout=TIMEOUT_MS)
                rows = TableFile.load(folder, "places").rows
                assert review.state(rows[0]) == "person"
                assert review.state(rows[1]) == "draft"
                expect(editor.get_by_text("valid", exact=True)).to_be_visible()

                # The keyboard: Shift and the arrow keys select from the start of the text,
                # and JupyterLab's own Shift+Down (select the next cell) stays out of it.
                region = page.locator(".newscase-span-picker-text").first
                region.focus()
                for _ in range(10):
                    page.keyboard.press("Shift+ArrowRight")
                expect(picker).to_have_attribute("data-python-end", "10", timeout=TIMEOUT_MS)
                expect(picker).to_have_attribute("data-python-start", "0")
                page.keyboard.press("Shift+ArrowDown")
                expect(picker).not_to_have_attribute("data-python-end", "10",
                                                     timeout=TIMEOUT_MS)
                assert page.locator(".jp-Notebook .jp-Cell.jp-mod-selected").count() <= 1
                status = picker.locator(".newscase-span-picker-status").inner_text()
                assert status.startswith(f"Selected: “{text[:10]}")

                # Offsets after emoji and curly quotes are Python string offsets.
                select_with_mouse(page, "launched” at", picker=1)
                emoji_picker = page.locator(".newscase-span-picker").nth(1)
                at = EMOJI_TEXT.index("launched” at")
                expect(emoji_picker).to_have_attribute("data-python-start", str(at))
                expect(emoji_picker).to_have_attribute("data-python-end", str(at + 12))
            finally:
                SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=SCREENSHOT_DIR / "author-your-article.png")
            problems = [f"blocked request to outside the machine: {url}" for url in log.blocked]
            problems += [f"browser console error: {text}" for text in log.console_errors]
            problems += [f"cell {e['cell']} raised {e.get('ename')}: {e.get('evalue')}"
                         for e in harness.error_outputs(page)]
    except LabError as error:
        pytest.fail(str(error), pytrace=False)
    assert problems == []
    assert timing["shown_ms"] < SELECTION_GOAL_MS
