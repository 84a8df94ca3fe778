"""The authoring notebook in a real JupyterLab and headless Chromium (bench/lab.py): select words
of the article with the mouse, add them as a row, confirm a drafted row, and read the CSVs.

It works on a copy of the reference article with two places rows marked as drafted, served with
a copy of instructors/author-your-article.ipynb whose FOLDER points at the copy. It also times
how long the SpanPicker takes to show a mouse selection (``bench.editor``'s
``measure_selection_latency``, which `make bench` calls). Skips without Chromium and
playwright, like test_browser.py, unless NEWSCASE_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import pytest

from bench import lab as harness
from bench.editor import (
    EMOJI_CELL,
    EMOJI_TEXT,
    PHRASE,
    SCREENSHOT_DIR,
    SELECTION_GOAL_MS,
    TIMEOUT_MS,
    authoring_page,
    select_with_mouse,
)
from newscase.authoring import review
from newscase.authoring.tablefile import TableFile

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
            problems = log.problems()
            problems += [f"cell {e['cell']} raised {e.get('ename')}: {e.get('evalue')}"
                         for e in harness.error_outputs(page)]
    except harness.LabError as error:
        pytest.fail(str(error), pytrace=False)
    assert problems == []
    assert timing["shown_ms"] < SELECTION_GOAL_MS
