"""Bring-your-own-article speed: `newscase new` on a 600-word text, `newscase lessons`, and each
generated lesson run headless against the same floor and budget as the course's own notebooks.

`new` and `lessons` are timed as a teacher runs them: a fresh Python process each time (import
included), on 600 words of real text: the course's articles' paragraphs, in turn, until there are
600 words.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from bench.notebooks import execute, floor_notebook

ROOT = Path(__file__).resolve().parents[1]
NEW_BUDGET_S, LESSONS_BUDGET_S = 5.0, 2.0
WORDS = 600


def six_hundred_words() -> str:
    """The course's articles' paragraphs, in order, until the text is 600 words long."""
    paragraphs = [p for path in sorted((ROOT / "data" / "articles").glob("*/article.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    text = ""
    for paragraph in paragraphs:
        if len(text.split()) >= WORDS:
            break
        text += ("\n" if text else "") + paragraph
    return text


def timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newscase", *args], check=True, capture_output=True)
    return time.perf_counter() - start


def measure_authoring(runs: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        story = work / "story.txt"
        story.write_text(six_hundred_words(), encoding="utf-8")
        new_s = [timed("new", str(work / f"article-{i}"), "--text", str(story))
                 for i in range(runs)]
        lessons_s = [timed("lessons", str(work / "article-0"), "--out", str(work / f"out-{i}"))
                     for i in range(runs)]
        floor = statistics.median(execute(floor_notebook(), ROOT)[0] for _ in range(runs))
        budget = 1.5 * floor + 1.0
        generated = {}
        for path in sorted((work / "out-0").glob("*.ipynb")):
            walls = [execute(nbformat.read(path, as_version=4), path.parent)[0]
                     for _ in range(runs)]
            generated[path.name] = {"median_s": round(statistics.median(walls), 2),
                                    "met": statistics.median(walls) <= budget}
    new_median, lessons_median = statistics.median(new_s), statistics.median(lessons_s)
    return {"words": WORDS, "runs": runs,
            "new_s": round(new_median, 2), "new_runs_s": [round(s, 2) for s in new_s],
            "new_met": new_median <= NEW_BUDGET_S, "new_budget_s": NEW_BUDGET_S,
            "lessons_s": round(lessons_median, 2),
            "lessons_runs_s": [round(s, 2) for s in lessons_s],
            "lessons_met": lessons_median <= LESSONS_BUDGET_S,
            "lessons_budget_s": LESSONS_BUDGET_S,
            "floor_s": round(floor, 2), "budget_s": round(budget, 2), "generated": generated}
