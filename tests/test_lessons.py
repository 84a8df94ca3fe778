"""Generated lessons (newscase.authoring.lessons) and drafted exercises (authoring.exercises).

The notebook tests execute each generated lesson top to bottom with nbclient, in a kernel that
inherits this process's environment (PYTHONPATH included), from the lesson's own folder.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from test_notebook_hygiene import app_mode_problems

from newscase.authoring import review
from newscase.authoring.exercises import draft_exercises
from newscase.authoring.lessons import TEMPLATES, write_lessons
from newscase.data import load_article
from newscase.data.contract import write_descriptor

ARTICLE_DIR = Path(__file__).resolve().parents[1] / "data" / "articles" / "atacms-2024-11-17"
CELL_TIMEOUT = 180  # seconds; nbclient has been seen to hang on widget cells
DROPPED = ("weapons", "forecast_questions", "arguments")
# Keys whose Try-it reads data the reduced copy lacks.
MISSING_KEYS = ("reach.", "escalation.both-sides", "escalation.brier", "reading.quote-count",
                "actors.translated-quotes")


def execute(path: Path, article: str | None = None) -> nbformat.NotebookNode:
    """Run a lesson top to bottom from its folder (``article``: set ARTICLE first, as papermill
    would); raises nbclient's CellExecutionError on the first failing cell."""
    notebook = nbformat.read(path, as_version=4)
    if article is not None:
        cell = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
        cell.source = f"ARTICLE = {json.dumps(article)}"
    NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def texts(notebook) -> list[str]:
    """Every cell's source and text output."""
    found = []
    for cell in notebook.cells:
        found.append(cell.source)
        for output in cell.get("outputs", []):
            found.append(output.get("text", "") + output.get("data", {}).get("text/plain", ""))
    return found


def texts_of_outputs(cell) -> list[str]:
    return [o.get("text", "") + o.get("data", {}).get("text/plain", "")
            for o in cell.get("outputs", [])]


def reduce(folder: Path) -> Path:
    """A copy of the reference article without weapons, forecast questions and arguments, and
    with no quotes."""
    for name in DROPPED:
        (folder / f"{name}.csv").unlink()
    quotes = folder / "quotes.csv"
    quotes.write_text(quotes.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] not in DROPPED]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    write_descriptor(folder)
    load_article(folder)  # still valid
    return folder


@pytest.fixture(scope="module")
def reduced(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reduced") / ARTICLE_DIR.name
    shutil.copytree(ARTICLE_DIR, folder)
    return reduce(folder)


@pytest.fixture(scope="module")
def full_lessons(tmp_path_factory) -> list[Path]:
    return write_lessons(ARTICLE_DIR, tmp_path_factory.mktemp("full"))


@pytest.fixture(scope="module")
def reduced_lessons(reduced, tmp_path_factory) -> list[Path]:
    return write_lessons(reduced, tmp_path_factory.mktemp("reduced-lessons"))


def test_write_lessons_writes_five_clean_notebooks_fast(tmp_path):
    start = time.perf_counter()
    paths = write_lessons(ARTICLE_DIR, tmp_path)
    assert time.perf_counter() - start < 2
    assert [p.name for p in paths] == [f"{name}.ipynb" for name in TEMPLATES]
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        assert notebook.metadata.kernelspec.name == "python3"
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code)
        assert code[0].metadata["tags"] == ["parameters"]
        assert (tmp_path / json.loads(code[0].source.split("=", 1)[1])).resolve() == \
            ARTICLE_DIR.resolve()
        assert "art = load_article(ARTICLE)" in code[1].source
        assert not any("widgets" in c.metadata for c in notebook.cells)
        # Shown as an app, each leaves its Try-its out (app mode).
        assert app_mode_problems(notebook) == [], path.name


def test_article_path_is_relative_so_both_move_together(tmp_path):
    shutil.copytree(ARTICLE_DIR, tmp_path / "course" / "articles" / ARTICLE_DIR.name)
    write_lessons(tmp_path / "course" / "articles" / ARTICLE_DIR.name,
                  tmp_path / "course" / "lessons")
    shutil.move(tmp_path / "course", tmp_path / "moved")
    notebook = nbformat.read(tmp_path / "moved" / "lessons" / "00-start-here.ipynb", 4)
    article = json.loads(notebook.cells[[c.cell_type for c in notebook.cells].index("code")]
                         .source.split("=", 1)[1])
    assert article == f"../articles/{ARTICLE_DIR.name}"
    assert load_article(tmp_path / "moved" / "lessons" / article).id == ARTICLE_DIR.name


def test_try_its_come_from_the_exercises_with_prompts_escaped(tmp_path):
    folder = tmp_path / ARTICLE_DIR.name
    shutil.copytree(ARTICLE_DIR, folder)
    path = folder / "exercises.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    prompt = "# <b>Count</b> the *quotes* for $5 [here](x)"
    next(r for r in rows if r["key"] == "reading.quote-count")["prompt"] = prompt
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    notebooks = [nbformat.read(p, 4) for p in write_lessons(folder, tmp_path / "out")]
    sources = [c.source for nb in notebooks for c in nb.cells]
    for row in rows:  # one Try-it per row, each checked by its key
        assert sum(f'art.check("{row["key"]}", my_answer)' in s for s in sources) == 1
    asked = next(s for s in sources if "Count" in s and "Try it" in s)
    assert "\\# &lt;b&gt;Count&lt;/b&gt; the \\*quotes\\* for \\$5 \\[here\\](x)" in asked
    assert "<b>" not in asked
    # A kind's default question when the row has none, with its params filled in.
    assert any("Claim c06 contains one of these hedge words: likely, up to and reportedly" in s
               for s in sources)


@pytest.mark.parametrize("index", range(len(TEMPLATES)), ids=TEMPLATES)
def test_lessons_for_the_reference_article_run(full_lessons, index):
    execute(full_lessons[index])


def test_lessons_for_the_reduced_copy_skip_what_it_lacks(reduced_lessons):
    notebooks = {p.stem: nbformat.read(p, 4) for p in reduced_lessons}
    sources = {name: [c.source for c in nb.cells] for name, nb in notebooks.items()}
    said = {name: [s for s in cells if s.startswith("This article has no")]
            for name, cells in sources.items()}
    assert said["01-actors"] == ["This article has no quotes, so this part is skipped."]
    assert "This article has no weapon with a stated range, so this section is skipped." in \
        said["03-range"]
    assert said["04-escalation"] == [
        "This article has no argument map, so this section is skipped.",
        "This article has no forecast questions, so this section is skipped."]
    assert all(s.count("\n") == 0 for lines in said.values() for s in lines)
    everything = "\n".join(s for cells in sources.values() for s in cells)
    for key in MISSING_KEYS:
        assert f'art.check("{key}' not in everything
    assert 'art.check("escalation.claim-types"' in everything  # the rest stay


@pytest.mark.parametrize("index", range(len(TEMPLATES)), ids=TEMPLATES)
def test_lessons_for_the_reduced_copy_run(reduced_lessons, index):
    execute(reduced_lessons[index])


@pytest.mark.parametrize("index", range(len(TEMPLATES)), ids=TEMPLATES)
def test_a_lesson_retargeted_to_the_reduced_copy_runs(full_lessons, reduced, index):
    notebook = execute(full_lessons[index], article=str(reduced))
    if TEMPLATES[index] in ("01-actors", "03-range", "04-escalation"):
        outputs = "\n".join(texts(notebook))
        assert "This article has no " in outputs


def test_checking_a_key_the_article_lacks_is_one_line(reduced):
    art = load_article(ARTICLE_DIR)
    unknown = str(art.check("reach.border-distanse", 457))
    assert "\n" not in unknown
    assert "No exercise 'reach.border-distanse'" in unknown and "reach.border-distance" in unknown
    lacking = str(load_article(reduced).check("reach.miles-to-km", 305.8))
    assert lacking == ("This article has no weapons, so there is nothing to check in exercise "
                       "'reach.miles-to-km': skip this Try it.")


def csv_rows(name: str) -> list[dict[str, str]]:
    with (ARTICLE_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def right_answer(kind: str, params: dict):
    """The answer, worked out here from the CSVs, not from the library's checkers."""
    claims = {row["id"]: row for row in csv_rows("claims")}
    if kind == "count":
        return len(csv_rows(params["table"]))
    if kind == "miles-to-km":
        weapon = next(w for w in csv_rows("weapons") if w["id"] == params["weapon"])
        return float(weapon["range_mi"]) * 1.609344
    if kind == "brier":
        return (params["probability"] - (1 if params["happened"] else 0)) ** 2
    if kind in ("claim-types", "attributions"):
        column = "claim_type" if kind == "claim-types" else "attribution"
        return {c: claims[c][column] for c in params["claims"]}
    if kind == "hedge-choice":
        hedges = claims[params["claim"]]["hedges"].split("|")
        return next(o for o in params["options"] if o in hedges)
    if kind == "date-basis":
        basis = next(e for e in csv_rows("events") if e["id"] == params["event"])["date_basis"]
        return {"stated": "stated", "inferred-from-text": "inferred",
                "outside-source": "outside source"}[basis]
    if kind == "article-date":
        descriptor = json.loads((ARTICLE_DIR / "datapackage.json").read_text(encoding="utf-8"))
        return descriptor["article"]["date"]
    return None


def test_drafted_exercises_are_accepted_with_the_right_answer(tmp_path):
    rows = draft_exercises(load_article(ARTICLE_DIR))
    assert all(review.state(row) == "draft" for row in rows)
    folder = tmp_path / ARTICLE_DIR.name
    shutil.copytree(ARTICLE_DIR, folder)
    with (folder / "exercises.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(csv_rows("exercises")[0]))
        writer.writeheader()
        writer.writerows(rows)
    art = load_article(folder)  # the drafted rows validate
    checked = set()
    for row in rows:
        params = json.loads(row["params"]) if row["params"] else {}
        answer = right_answer(row["kind"], params)
        if answer is None:
            continue
        feedback = art.check(row["key"], answer)
        assert feedback.correct, (row["key"], answer, feedback)
        if row["kind"] in ("count", "miles-to-km", "brier", "article-date"):  # not a choice
            shown = f"{answer:.1f}" if isinstance(answer, float) else str(answer)
            assert shown not in row["prompt"], row
        checked.add(row["kind"])
    assert len(checked) >= 6, checked
    assert not art.check(rows[0]["key"], 999).correct  # and a wrong one is not accepted


def test_the_templates_name_no_article():
    from test_library_knows_no_article import forbidden_words, hits

    templates = Path(__file__).resolve().parents[1] / "lib/newscase/authoring/templates"
    for name in TEMPLATES:
        assert hits((templates / f"{name}.ipynb").read_text(encoding="utf-8"),
                    forbidden_words()) == [], name


# --- the second article, annotated by hand: every lesson has its data ---------------------------

SECOND_DIR = ARTICLE_DIR.parent / "practice-korea-2025-10-14"


@pytest.fixture(scope="module")
def second_lessons(tmp_path_factory) -> list[Path]:
    return write_lessons(SECOND_DIR, tmp_path_factory.mktemp("second"))


def test_the_second_article_keeps_every_section_and_every_try_it(second_lessons):
    sources = [c.source for p in second_lessons for c in nbformat.read(p, 4).cells]
    skipped = [s for s in sources if s.startswith("This article has no")]
    # It rewrites no wire story: the only part its data cannot give.
    assert skipped == ["This article has no comparison with a wire story, so this section is "
                       "skipped."]
    asked = {key for s in sources for key in re.findall(r'art\.check\("([^"]+)"', s)}
    with open(SECOND_DIR / "exercises.csv", encoding="utf-8", newline="") as f:
        keys = {row["key"] for row in csv.DictReader(f)}
    assert asked == keys


@pytest.mark.parametrize("index", range(len(TEMPLATES)), ids=TEMPLATES)
def test_lessons_for_the_second_article_run(second_lessons, index):
    notebook = execute(second_lessons[index])
    outputs = "\n".join(t for c in notebook.cells for t in texts_of_outputs(c))
    assert "This article has no " not in outputs
