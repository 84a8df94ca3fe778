"""The otter-grader assignments: generated, fresh, and graded as a teacher would grade them.

Each source in assignments/source/ is rebuilt with `otter assign` into a temporary folder (as
`make assignments` does into build/assignments/). Grading uses `otter run`, which runs the
autograder zip on one submission in this Python, with no Docker (`otter grade` needs Docker).
Notebook runs have timeouts: nbclient can hang on widget cells (STACK-FACTS.md).
"""

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "assignments" / "source").glob("*.ipynb"))
STUDENT = ROOT / "assignments" / "student"
OTTER = Path(sys.executable).with_name("otter")
CELL_TIMEOUT = 120  # seconds per cell when this file runs a notebook itself
RUN_TIMEOUT = 600  # seconds for a whole `otter run`, which has no cell timeout of its own
MAX_NOTEBOOK_BYTES = 200 * 1024

_spec = importlib.util.spec_from_file_location("assignments_build", ROOT / "assignments/build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

every_assignment = pytest.mark.parametrize("stem", [s.stem for s in SOURCES])

# A simulated student per assignment: (marker of the answer cell, the student's code), and the
# score otter must give. Each wrong answer is chosen to show one kind of grading: a public check
# that passes while the hidden test fails, an answer left as `...`, an off-by-one.
SUBMISSIONS = {
    "01-actors": (
        [
            # q1 right: 2 of 2
            ("anonymous_claims = ...",
             'ANONYMOUS = ["anonymous-official", "sources-familiar", "unattributed-reports"]\n'
             'anonymous_claims = claims[claims["attribution"].isin(ANONYMOUS)]\n'
             "anonymous_share = len(anonymous_claims) / len(claims)"),
            # q2 plausible but wrong (passes the public check, fails the hidden one): 1 of 2
            ("country_claims = ...", "country_claims = 1"),
            # q3 left as `...`: 0 of 1
        ],
        {"q1": 2.0, "q2": 1.0, "q3": 0.0},
    ),
    "02-timeline": (
        [
            # q1 right: 2 of 2
            ("candidate_sundays = ...",
             "candidate_sundays = [dt.date(2024, 11, 17), dt.date(2024, 11, 24)]\n"
             "article_date = dt.date(2024, 11, 17)"),
            # q2 wrong: the day of writing itself fails the public check: 0 of 1
            ("coming_start = ...", "coming_start = article_date"),
            # q3 off by one: passes the public check, fails the hidden one: 0.5 of 1
            ("days_before_inauguration = ...", "days_before_inauguration = 65"),
            # q4 right: 2 of 2
            ("outside_events = ...", 'outside_events = ["e18", "e14", "e15", "e16", "e17"]'),
        ],
        {"q1": 2.0, "q2": 0.0, "q3": 0.5, "q4": 2.0},
    ),
    "03-range": (
        [
            # q1 right: 1 of 1
            ("range_km_from_miles = ...", "range_km_from_miles = miles_to_km(190)"),
            # q2 misses some cities (passes the public check, fails the hidden one): 1 of 2
            ("big_russian_cities = ...", 'big_russian_cities = ["Rostov-on-Don", "Voronezh"]'),
            # q3 right distance, wrong conclusion (the hidden test catches it): 1 of 2
            ("moscow_km = ...", "moscow_km = 457.0\nmoscow_in_reach = True"),
        ],
        {"q1": 1.0, "q2": 1.0, "q3": 1.0},
    ),
    "04-escalation": (
        [
            # q1 right: 2 of 2
            ("stance_counts = ...",
             "nodes, edges = escalation.argument_graph(arguments, art.actors)\n"
             'stance_counts = {"for": 6, "against": 6}\n'
             'rebuttals = ["a09", "a12"]'),
            # q2 misses Trump's pledge (passes the public check, fails the hidden one): 1 of 2
            ("c19_hedges = ...", 'c19_hedges = ["fears remain", "could"]\n'
                                 'unhedged_predictions = ["c29"]'),
            # q3 the two sides swapped: the public check names the slip: 0 of 2
            ("west_widening = ...", 'west_widening = ["e05", "e06"]\n'
                                    'russia_widening = ["e01", "e04"]'),
            # q4 is written, graded by the teacher, so not in otter's scores
            # q5 distances not squared: `happened` still earns its public half point: 0.5 of 3
            ("forecaster_brier = ...",
             "out = escalation.outcomes(art)\n"
             'happened = dict(zip(out["id"], out["happened"], strict=True))\n'
             "forecaster_brier = sum(abs(p - happened[q]) for q, p in forecasts.items()) / 5\n"
             "coin_brier = 0.5\n"
             "beats_coin = forecaster_brier < coin_brier"),
        ],
        {"q1": 2.0, "q2": 1.0, "q3": 0.0, "q5": 0.5},
    ),
}


# ---------------------------------------------------------------------------------------------
# helpers


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Every assignment regenerated into a temporary build/assignments/."""
    out = tmp_path_factory.mktemp("assignments")
    for source in SOURCES:
        build.build_one(source, out, run_tests=False)
    return out


def autograder_zip(built: Path, stem: str) -> Path:
    return built / stem / "autograder" / f"{stem}-autograder.zip"


def otter_run(built: Path, stem: str, submission: Path, tmp_path: Path) -> dict:
    """Grade one submission locally with `otter run`; return {test name: result}."""
    out = tmp_path / "graded"
    out.mkdir()
    proc = subprocess.run(
        [OTTER, "run", "--no-logo", "-a", autograder_zip(built, stem), "-o", out, submission],
        cwd=tmp_path, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False,
    )
    results = out / "results.json"
    assert proc.returncode == 0 and results.exists(), (
        f"otter run crashed on {submission.name} (exit {proc.returncode}):\n"
        f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    return {test["name"]: test for test in json.loads(results.read_text())["tests"]}


def scores(results: dict) -> dict[str, float]:
    return {name: test["score"] for name, test in results.items() if name != "Public Tests"}


def max_scores(results: dict) -> dict[str, float]:
    return {name: test["max_score"] for name, test in results.items() if name != "Public Tests"}


def public_hints(stem: str) -> list[str]:
    """The assertion messages of the public tests in the committed student notebook."""
    nb = json.loads((STUDENT / f"{stem}.ipynb").read_text(encoding="utf-8"))
    tests = "\n".join(nb["metadata"]["otter"]["tests"].values())
    return re.findall(r"""assert .*?, (?:'|")(.+?)(?:'|")\n""", tests)


def first_hint(stem: str, question: str) -> str:
    nb = json.loads((STUDENT / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return re.findall(r"""assert .*?, (?:'|")(.+?)(?:'|")\n""",
                      nb["metadata"]["otter"]["tests"][question])[0]


def student_submission(stem: str, answers: list[tuple[str, str]], path: Path,
                       drop_checks: bool = False, edit_check: tuple[str, str] | None = None
                       ) -> Path:
    """The committed student notebook with some answer cells filled in, as a student would."""
    nb = nbformat.read(STUDENT / f"{stem}.ipynb", as_version=4)
    for marker, code in answers:
        cells = [c for c in nb.cells if c.cell_type == "code" and marker in c.source]
        assert len(cells) == 1, f"{stem}: no single answer cell containing {marker!r}"
        cells[0].source = code
    if drop_checks:
        nb.cells = [c for c in nb.cells if not c.source.startswith("grader.check(")]
    if edit_check:
        old, new = edit_check
        for cell in nb.cells:
            if cell.source == old:
                cell.source = new
    path.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path / f"{stem}.ipynb")
    return path / f"{stem}.ipynb"


def tagged_code(notebook: Path, tag: str) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    return [c.source for c in nb.cells
            if c.cell_type == "code" and tag in c.metadata.get("tags", [])]


def solution_answers(built: Path, stem: str) -> list[tuple[str, str]]:
    """(marker, solution code) for every autograded answer cell.

    Answer cells and solution cells are paired in order, not by cell id: a written question that
    is not the last one gives the answer key one more cell than the student notebook from there on.
    """
    answers = tagged_code(STUDENT / f"{stem}.ipynb", "otter_answer_cell")
    solutions = tagged_code(built / stem / "autograder" / f"{stem}.ipynb",
                            "otter_assign_solution_cell")
    assert len(answers) == len(solutions), f"{stem}: answer and solution cells do not pair up"
    return [
        (answer, solution)
        for answer, solution in zip(answers, solutions, strict=True)
        if re.search(r"^\w+ = \.\.\.$", answer, re.MULTILINE)
    ]


# ---------------------------------------------------------------------------------------------
# generated files


def test_there_are_assignments() -> None:
    stems = [s.stem for s in SOURCES]
    assert stems == ["01-actors", "02-timeline", "03-range", "04-escalation"], SOURCES


def test_student_folder_matches_the_sources() -> None:
    students = sorted(p.stem for p in STUDENT.glob("*.ipynb"))
    assert students == [s.stem for s in SOURCES], (
        "assignments/student/ must hold one notebook per source: run `make assignments`"
    )


@every_assignment
def test_committed_student_notebook_is_up_to_date(built: Path, stem: str) -> None:
    fresh = (built / stem / "student" / f"{stem}.ipynb").read_bytes()
    committed = (STUDENT / f"{stem}.ipynb").read_bytes()
    assert committed == fresh, (
        f"assignments/student/{stem}.ipynb is stale against assignments/source/{stem}.ipynb: "
        "run `make assignments`"
    )


@every_assignment
def test_student_notebook_has_no_solutions_or_hidden_tests(built: Path, stem: str) -> None:
    source = (ROOT / "assignments" / "source" / f"{stem}.ipynb").read_text(encoding="utf-8")
    student_text = (STUDENT / f"{stem}.ipynb").read_text(encoding="utf-8")
    student = json.loads(student_text)
    solution_lines = [
        line.split("# SOLUTION")[0].split("=", 1)[1].strip()
        for cell in json.loads(source)["cells"]
        for line in "".join(cell["source"]).splitlines()
        if line.rstrip().endswith("# SOLUTION") and "=" in line
    ]
    assert solution_lines, f"{stem}: found no `# SOLUTION` lines in the source"
    # A prompt may name the function to call ("Use `places_in_reach(cities, 306)`").
    prompts = "".join(
        "".join(cell["source"]) for cell in json.loads(source)["cells"]
        if cell["cell_type"] == "markdown"
    )
    leaked = [line for line in solution_lines if line in student_text and line not in prompts]
    assert not leaked, f"{stem}: solution code in the student notebook: {leaked}"
    assert "Model answer" not in student_text, f"{stem}: a written model answer leaked"
    tests = student["metadata"]["otter"]["tests"]
    assert tests and all("hidden=True" not in body for body in tests.values()), (
        f"{stem}: the student notebook carries hidden tests"
    )
    full = json.loads((built / stem / "autograder" / f"{stem}.ipynb").read_text())
    assert any("hidden=True" in body for body in full["metadata"]["otter"]["tests"].values()), (
        f"{stem}: the autograder has no hidden tests"
    )


@every_assignment
def test_generated_notebooks_are_small_without_widget_state(built: Path, stem: str) -> None:
    for path in [STUDENT / f"{stem}.ipynb", *(built / stem).rglob("*.ipynb")]:
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert path.stat().st_size < MAX_NOTEBOOK_BYTES, f"{path} is too large"
        assert "widgets" not in nb["metadata"], f"{path} stores widget state"


# ---------------------------------------------------------------------------------------------
# grading proof


@every_assignment
def test_solution_passes_every_public_and_hidden_test(built: Path, stem: str, tmp_path) -> None:
    results = otter_run(built, stem, built / stem / "autograder" / f"{stem}.ipynb", tmp_path)
    assert scores(results) == max_scores(results), results
    assert results["Public Tests"]["status"] == "passed", results["Public Tests"]["output"]


@every_assignment
def test_unedited_student_notebook_fails_with_hints(built: Path, stem: str, tmp_path) -> None:
    results = otter_run(built, stem, STUDENT / f"{stem}.ipynb", tmp_path)
    assert sum(scores(results).values()) == 0, scores(results)
    public = results["Public Tests"]["output"]
    hints = public_hints(stem)
    shown = [hint for hint in hints if hint in public]
    assert shown, f"{stem}: no hint message in the public test output:\n{public}"
    assert "Traceback" not in public, public


@every_assignment
def test_student_notebook_runs_from_its_folder_and_checks_give_hints(stem: str) -> None:
    """Opened from assignments/student/ (as on Binder), the data loads and checks hint."""
    nb = nbformat.read(STUDENT / f"{stem}.ipynb", as_version=4)
    log = STUDENT / ".OTTER_LOG"  # grader.check writes it; git ignores it
    had_log = log.exists()
    try:
        NotebookClient(
            nb, timeout=CELL_TIMEOUT, kernel_name="python3",
            resources={"metadata": {"path": str(STUDENT)}},
        ).execute()
    finally:
        if not had_log:
            log.unlink(missing_ok=True)
    checks = {
        re.fullmatch(r'grader\.check\("(\w+)"\)', cell.source)[1]: cell
        for cell in nb.cells
        if cell.cell_type == "code" and cell.source.startswith("grader.check(")
    }
    assert checks, f"{stem}: no grader.check cells"
    for question, cell in checks.items():
        text = json.dumps(cell.outputs)
        assert "Traceback" not in text and "error" not in {o.output_type for o in cell.outputs}
        assert first_hint(stem, question) in text.encode().decode("unicode_escape"), (
            f"{stem} {question}: the check did not show its hint:\n{text[:2000]}"
        )


TWO_SUNDAYS = "candidate_sundays = [dt.date(2024, 11, 17), dt.date(2024, 11, 24)]\n"


@pytest.mark.parametrize("answer, q1_score", [
    (TWO_SUNDAYS + "article_date = dt.date(2024, 11, 17)", 2.0),
    # The old key's reading, one Sunday 'closest' to two months before: the text allows two.
    ("candidate_sundays = [dt.date(2024, 11, 17)]\narticle_date = dt.date(2024, 11, 17)", 0.5),
    # Both Sundays read from the text, the later one chosen: only the wire's date rules it out.
    (TWO_SUNDAYS + "article_date = dt.date(2024, 11, 24)", 1.5),
], ids=["both-sundays-and-the-wire", "one-sunday", "the-sunday-the-wire-rules-out"])
def test_the_article_date_needs_both_sundays_and_the_wire(built: Path, tmp_path, answer,
                                                          q1_score) -> None:
    submission = student_submission("02-timeline", [("candidate_sundays = ...", answer)],
                                    tmp_path / "submission")
    assert scores(otter_run(built, "02-timeline", submission, tmp_path))["q1"] == q1_score


@pytest.mark.parametrize("stem", SUBMISSIONS)
def test_partly_wrong_submission_gets_the_expected_partial_score(
    built: Path, stem: str, tmp_path
) -> None:
    answers, expected = SUBMISSIONS[stem]
    submission = student_submission(stem, answers, tmp_path / "submission")
    results = otter_run(built, stem, submission, tmp_path)
    assert scores(results) == pytest.approx(expected), results
    assert 0 < sum(scores(results).values()) < sum(max_scores(results).values())


@every_assignment
def test_deleted_check_cells_do_not_stop_grading(built: Path, stem: str, tmp_path) -> None:
    answers = solution_answers(built, stem)
    submission = student_submission(stem, answers, tmp_path / "submission", drop_checks=True)
    results = otter_run(built, stem, submission, tmp_path)
    assert scores(results) == max_scores(results), results


@every_assignment
def test_edited_check_cell_gets_a_clear_message_and_is_still_graded(
    built: Path, stem: str, tmp_path
) -> None:
    answers = solution_answers(built, stem)
    edit = ('grader.check("q1")', 'grader.check("question 1")')
    submission = student_submission(stem, answers, tmp_path / "submission", edit_check=edit)
    # In the notebook: otter names the test it cannot find, and the rest of the checks still run.
    nb = nbformat.read(submission, as_version=4)
    NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name="python3", allow_errors=True,
        resources={"metadata": {"path": str(submission.parent)}},
    ).execute()
    errors = [o for cell in nb.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert [(e.ename, e.evalue) for e in errors] == [("ValueError", "Test question 1 not found")]
    # The teacher's grading ignores the student's check cells and grades every question.
    results = otter_run(built, stem, submission, tmp_path)
    assert scores(results) == max_scores(results), results


# ---------------------------------------------------------------------------------------------
# teacher guide


def test_teacher_guide_has_a_linked_page_per_lesson() -> None:
    guide = (ROOT / "instructors" / "README.md").read_text(encoding="utf-8")
    missing = [
        f"instructors/{lesson.stem}.md"
        for lesson in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
        if not (ROOT / "instructors" / f"{lesson.stem}.md").exists()
        or f"]({lesson.stem}.md)" not in guide
    ]
    assert not missing, f"no teacher guide page, or not linked from the guide: {missing}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## For teachers" in readme and "(instructors/README.md)" in readme


@every_assignment
def test_teacher_guide_page_points_to_the_assignment(stem: str) -> None:
    page = (ROOT / "instructors" / f"{stem}.md").read_text(encoding="utf-8")
    assert f"assignments/student/{stem}.ipynb" in page
    assert f"build/assignments/{stem}/autograder/{stem}.ipynb" in page, "answer key location"


# ---------------------------------------------------------------------------------------------
# another article: assignment 01 re-targeted by its first cell, as the teacher guide says

SECOND_ARTICLE, SECOND_COUNTRY = "practice-korea-2025-10-14", "KOR"


def retarget(submission: Path, article: str, country: str) -> None:
    nb = nbformat.read(submission, as_version=4)
    (cell,) = [c for c in nb.cells if c.cell_type == "code" and "ARTICLE = " in c.source]
    cell.source = re.sub(r'ARTICLE = "[^"]+"', f'ARTICLE = "{article}"', cell.source)
    cell.source = re.sub(r'COUNTRY = "[^"]+"', f'COUNTRY = "{country}"', cell.source)
    nbformat.write(nb, submission)


@pytest.mark.parametrize("q2, full_marks", [
    (None, True),  # the solution's own code, run on the second article's data
    ("first", False),  # the count that is right for the course's first article
])
def test_assignment_01_grades_a_second_article(built: Path, tmp_path, q2, full_marks) -> None:
    from newscase import load_article

    answers = solution_answers(built, "01-actors")
    if q2 == "first":
        first = load_article("atacms-2024-11-17")
        usa = set(first.actors.loc[first.actors["country"] == "USA", "id"])
        count = sum(bool(usa & set(ids)) for ids in first.claims["asserted_by"])
        answers = [(m, f"country_claims = {count}" if "country_claims = ..." in m else code)
                   for m, code in answers]
    submission = student_submission("01-actors", answers, tmp_path / "submission")
    retarget(submission, SECOND_ARTICLE, SECOND_COUNTRY)
    results = otter_run(built, "01-actors", submission, tmp_path)
    if full_marks:
        assert scores(results) == max_scores(results), results
    else:
        assert scores(results)["q2"] < max_scores(results)["q2"]
        assert scores(results)["q1"] == max_scores(results)["q1"]
