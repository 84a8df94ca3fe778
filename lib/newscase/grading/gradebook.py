"""Grade a class in one go: every submission through `otter run` in its own sandbox, in
parallel, into one gradebook CSV, the otter results of each file, and one page per written
question with the whole class's answers.

Everything the sandbox writes is the student's to forge (otter runs its tests in the student's
own kernel), so the gradebook takes only scores from it, checks them against the points of the
autograder's own tests, and flags code that reaches for the grader.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat

from newscase.grading import sandbox
from newscase.grading.submissions import Submission, collect

TO_GRADE_BY_HAND = "to grade by hand"
PARTS = {"results", "logs", "executed", "written"}  # the folders beside the CSV
MAX_RESULTS_BYTES = 5 * 1024**2
BEGIN, END = "<!-- BEGIN QUESTION -->", "<!-- END QUESTION -->"
NO_ANSWER = "_Type your answer here, replacing this text._"
# Words that have no business in an answer cell: code that reaches for the grader or its results.
GRADER_WORDS = re.compile(r"otter|autograder|grader\b|grader\.|results\.(json|pkl)|/grading\b|"
                          r"tests/q|\.OTTER|Checker|GradingResults")
# Two waits of otter's that cost each notebook about 1.5 s of idle wall clock, a core's share
# of the class's time (bench/grading.py): the kernel's graceful shutdown (about a second, after
# its last cell has already written the results to a closed file), and at exit the thread of
# otter's log server, which looks for its stop flag once a second. The kernel is stopped at once
# instead (nbclient's "immediate"), and the process ends as soon as its files are written; the
# sandbox's process tree dies with it as before.
RUNNER = """\
import os
import sys
from newscase.data.imports import import_jsonschema_without_iri_grammars
import_jsonschema_without_iri_grammars()
import nbformat
from nbconvert.preprocessors import ExecutePreprocessor
from otter.run import main
ExecutePreprocessor.shutdown_kernel.default_value = "immediate"
results = main("/grading/{name}", autograder="/grading/autograder.zip",
               output_dir="/grading/out", no_logo=True)
if results.notebook is not None:
    nbformat.write(results.notebook, "/grading/out/executed.ipynb")
sys.stdout.flush()
sys.stderr.flush()
os._exit(0)
"""


# jsonschema, imported by otter in the grader and again in the kernel (the notebook's first cell),
# builds about 35 Earley parsers when it finds rfc3987-syntax, for an IRI check no notebook uses:
# about 3 s of CPU a process here, most of a notebook's grading. The grader's process and the
# kernel (an IPython startup file in the sandbox's fresh home) import jsonschema first the way
# the lessons' kernels do (newscase.data.imports).
KERNEL_STARTUP = """\
from newscase.data.imports import import_jsonschema_without_iri_grammars
import_jsonschema_without_iri_grammars()
del import_jsonschema_without_iri_grammars
"""


class GradingError(Exception):
    """A problem with the command's input, said in one line."""


@dataclass(frozen=True)
class Question:
    name: str
    manual: bool
    points: float | None  # from the source (written questions) or the autograder's tests


@dataclass(frozen=True)
class Assignment:
    name: str  # 01-actors
    source: Path
    student: Path  # the committed student notebook: the prompts of the written questions
    autograder: Path
    questions: tuple[Question, ...]

    @property
    def manual(self) -> list[Question]:
        return [q for q in self.questions if q.manual]


# ---------------------------------------------------------------------------------------------
# the assignment


def repository_root() -> Path:
    """The course clone: the working folder or one above it, else the library's own checkout."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents, Path(__file__).resolve().parents[3]):
        if (folder / "assignments" / "build.py").is_file():
            return folder
    raise GradingError("no course repository here (assignments/build.py): run the command in "
                       "a clone of newscase")


def find_assignment(number: str, root: Path, log: Callable[[str], None] = print) -> Assignment:
    sources = sorted((root / "assignments" / "source").glob("*.ipynb"))
    matches = [s for s in sources if s.stem == number or s.stem.split("-")[0] == number.zfill(2)]
    if len(matches) != 1:
        known = ", ".join(s.stem for s in sources)
        raise GradingError(f"no assignment '{number}': pass one of {known} (or its number)")
    source = matches[0]
    autograder = root / "build" / "assignments" / source.stem / "autograder" / (
        f"{source.stem}-autograder.zip")
    if not autograder.is_file() or autograder.stat().st_mtime < newest_input(root, source):
        log(f"building the autograder for {source.stem} with otter assign "
            "(assignments/build.py, about 30 s)")
        build_autograder(root, source)
    return load_assignment(source, root / "assignments" / "student" / source.name, autograder)


def newest_input(root: Path, source: Path) -> float:
    """When the autograder's inputs last changed: its source, and the library and article data
    the zip carries."""
    inputs = [source, *(root / "lib" / "newscase").rglob("*.py"),
              *(root / "data" / "articles").rglob("*")]
    return max(p.stat().st_mtime for p in inputs if p.is_file())


def build_autograder(root: Path, source: Path) -> None:
    """`make assignments` for one source, into build/ (the committed student copy is left alone)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("assignments_build",
                                                  root / "assignments" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    build.build_one(source, root / "build" / "assignments")


def load_assignment(source: Path, student: Path, autograder: Path) -> Assignment:
    points = test_points(autograder)
    questions = []
    for cell in nbformat.read(source, as_version=4).cells:
        if cell.cell_type == "raw" and cell.source.startswith("# BEGIN QUESTION"):
            config = dict(re.findall(r"^(\w+):\s*(.+?)\s*$", cell.source, re.MULTILINE))
            manual = config.get("manual", "false").lower() == "true"
            own = float(config["points"]) if "points" in config else None
            questions.append(Question(config["name"], manual,
                                      own if manual else points.get(config["name"], own)))
    return Assignment(source.stem, source, student, autograder, tuple(questions))


def test_points(autograder: Path) -> dict[str, float]:
    """Each question's points, from the autograder's own test files (not from what a run says)."""
    points = {}
    with zipfile.ZipFile(autograder) as zf:
        for name in zf.namelist():
            if re.fullmatch(r"tests/\w+\.py", name):
                text = zf.read(name).decode()
                whole = re.search(r"^points = ([\d.]+)$", text, re.MULTILINE)
                cases = re.findall(r"@test_case\(points=([\d.]+)", text)
                points[Path(name).stem] = (float(whole[1]) if whole
                                           else sum(float(c) for c in cases))
    return points


# ---------------------------------------------------------------------------------------------
# grading


@dataclass
class Graded:
    submission: Submission
    scores: dict[str, float]
    seconds: float = 0.0


def grade_class(submissions_path: Path, assignment: Assignment, out: Path, *,
                jobs: int | None = None, limits: sandbox.Limits | None = None,
                progress: Callable[[str], None] | None = None) -> list[Graded]:
    """Grade every file in submissions_path (a folder or a .zip); write out (the CSV) and the
    folder beside it (out without .csv): results/ (otter's results.json of each file), logs/
    (what otter printed), executed/ (the notebook as otter ran it) and written/ (a page per
    written question)."""
    submissions_path = submissions_path.resolve()
    out = out.resolve()
    folder = out.with_suffix("")
    if not submissions_path.exists():
        raise GradingError(f"{submissions_path}: no such folder or zip")
    if out.suffix.lower() != ".csv":
        raise GradingError(f"{out}: give the gradebook a name ending in .csv")
    for path in (out, folder):
        if path == submissions_path or submissions_path in path.parents:
            raise GradingError(f"{path}: the gradebook must not go inside the submissions")
    if folder.exists() and (not folder.is_dir() or {p.name for p in folder.iterdir()} - PARTS):
        raise GradingError(f"{folder}: exists and is not the folder of an earlier gradebook "
                           "(it would be replaced): choose another --out")
    progress = progress or (lambda line: print(line, file=sys.stderr))
    limits = limits or sandbox.Limits()
    problem = sandbox.sandbox_problem()
    if problem:
        progress(f"WARNING: grading WITHOUT a sandbox ({problem}): each student's code runs as "
                 "you, with your files in reach; only the time and memory limits apply")
    jobs = jobs or len(os.sched_getaffinity(0))
    with (tempfile.TemporaryDirectory(prefix="newscase-grade-") as scratch_name,
          tempfile.TemporaryDirectory(prefix="newscase-grade-cache-") as cache_name):
        scratch = Path(scratch_name)
        found = collect(submissions_path, assignment.name, scratch / "handed-in")
        if not found:
            raise GradingError(f"{submissions_path}: no files to grade (put the students' "
                               ".ipynb files, or a .zip of them, in it)")
        compile_library()
        warm_cache(Path(cache_name))
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
        try:
            return grade_into(found, [submissions_path], assignment, out, folder, staging,
                              scratch, Path(cache_name), jobs, limits, problem is None,
                              progress)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def grade_into(found: list[Submission], submitted: list[Path], assignment: Assignment,
               out: Path, folder: Path, staging: Path, scratch: Path, cache: Path, jobs: int,
               limits: sandbox.Limits, use_sandbox: bool, progress: Callable[[str], None]
               ) -> list[Graded]:
    for sub in PARTS:
        (staging / sub).mkdir()
    root = repository_root_of(assignment)
    secrets = [*submitted, out.parent, folder, staging, scratch, Path.home(), root / "build",
               root / "assignments", assignment.autograder.parent]
    todo = [s for s in found if s.notebook is not None]
    graded = [Graded(s, {}) for s in found if s.notebook is None]
    total, done = len(todo), 0
    progress(f"grading {total} notebook(s) of {assignment.name}, {jobs} at a time"
             + (f" ({len(found) - total} other file(s) listed only)" if len(found) > total
                else ""))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(grade_one, s, assignment, limits, use_sandbox, scratch, cache,
                               staging, secrets) for s in todo]
        for future in as_completed(futures):
            result = future.result()
            graded.append(result)
            done += 1
            progress(f"graded {done}/{total} {bar(done, total)} {result.submission.file}: "
                     f"{result.submission.status}")
    graded.sort(key=lambda g: (g.submission.student, g.submission.file))
    write_written(graded, assignment, staging / "written")
    write_csv(graded, assignment, staging / out.name)
    if folder.exists():
        shutil.rmtree(folder)
    os.replace(staging / out.name, out)  # the CSV: whole, or the old one
    os.replace(staging, folder)
    return graded


def bar(done: int, total: int, width: int = 20) -> str:
    """A text progress bar, "[#####---------------]": one line per notebook, so it reads the
    same in a terminal, a log file or a notebook cell."""
    filled = round(width * done / total) if total else width
    return f"[{'#' * filled}{'-' * (width - filled)}]"


def compile_library() -> None:
    """Write the course library's bytecode, as Python does whenever the teacher imports it: the
    sandboxes mount the library read-only and write no bytecode, so a module without it is
    compiled again by both Pythons of every notebook (otter's and the kernel), up to about 0.1 s
    each in a fresh clone. Nothing when bytecode is turned off or the folder is not writable."""
    import compileall

    import newscase

    if not sys.flags.dont_write_bytecode:
        compileall.compile_dir(Path(newscase.__file__).resolve().parent, quiet=2)


def warm_cache(cache: Path) -> None:
    """Validate the course data once (`newscase warm-up`) into a cache every sandbox reads:
    each kernel then skips that work (about 0.5 s a notebook). Derived from the public data
    only; if it fails, each kernel simply does the work itself."""
    subprocess.run([sys.executable, "-m", "newscase", "warm-up"], cwd=cache,
                   env={**os.environ, "NEWSCASE_CACHE_DIR": str(cache)},
                   capture_output=True, timeout=300, check=False)
    for folder, _, files in os.walk(cache):  # readable by the sandbox's nobody
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)


def repository_root_of(assignment: Assignment) -> Path:
    return assignment.source.resolve().parents[2]


def file_id(submission: Submission) -> str:
    """The file's name in results/, logs/ and executed/: readable, and one per file (a short hash
    is added when the name had to be changed)."""
    safe = re.sub(r"[^\w.-]+", "_", submission.file.replace("/", "__"))[-120:]
    if safe == submission.file:
        return safe
    return f"{safe}-{hashlib.sha256(submission.file.encode()).hexdigest()[:8]}"


def grade_one(submission: Submission, assignment: Assignment, limits: sandbox.Limits,
              use_sandbox: bool, scratch: Path, cache: Path, staging: Path, secrets: list[Path]
              ) -> Graded:
    import newscase

    work = Path(tempfile.mkdtemp(prefix="work-", dir=scratch))
    (work / "home").mkdir()
    (work / "out").mkdir()
    name = f"{assignment.name}.ipynb"
    nbformat.write(submission.notebook, work / name)
    shutil.copyfile(assignment.autograder, work / "autograder.zip")
    startup = work / "home" / ".ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-newscase-grading.py").write_text(KERNEL_STARTUP)
    library = Path(newscase.__file__).resolve().parents[1]
    root = repository_root_of(assignment)
    readable = [*sandbox.python_paths(), library, root / "data", cache]
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
           "HOME": "/grading/home", "TMPDIR": "/tmp", "LANG": "C.UTF-8",
           "IPYTHONDIR": "/grading/home/.ipython",
           "PYTHONPATH": str(library), "PYTHONDONTWRITEBYTECODE": "1",
           "MPLBACKEND": "Agg",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "JUPYTER_PLATFORM_DIRS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
           "NEWSCASE_SHARED_CACHE": str(cache)}
    log_path = staging / "logs" / f"{file_id(submission)}.txt"
    command = [sys.executable, "-c", RUNNER.format(name=name)]
    try:
        outcome = sandbox.run(command, work, readable=readable, secrets=secrets, env=env,
                              limits=limits, log_path=log_path, sandbox=use_sandbox)
        scores = read_results(submission, assignment, work, outcome, staging)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    flag_grader_code(submission, assignment)
    return Graded(submission, scores, outcome.seconds)


def read_results(submission: Submission, assignment: Assignment, work: Path,
                 outcome: sandbox.Outcome, staging: Path) -> dict[str, float]:
    if outcome.timed_out:
        submission.status = f"timed out after {outcome.seconds:.0f} s"
        return {}
    results = work / "out" / "results.json"
    if outcome.returncode != 0 or not own_file(results, work):
        submission.status = f"error: {failure(outcome)}"
        return {}
    if results.stat().st_size > MAX_RESULTS_BYTES:
        submission.status = "error: otter's results are too large to read"
        return {}
    try:
        tests = {t["name"]: t for t in json.loads(results.read_text())["tests"]}
    except (ValueError, KeyError, TypeError) as exc:
        submission.status = f"error: otter's results are unreadable ({exc})"
        return {}
    shutil.copyfile(results, staging / "results" / f"{file_id(submission)}.json")
    scores = {}
    for q in assignment.questions:
        if q.manual:
            continue
        test = tests.get(q.name)
        if not isinstance(test, dict):
            submission.notes.append(f"{q.name}: no result from otter")
            continue
        score, most = test.get("score"), test.get("max_score")
        if (not isinstance(score, int | float) or q.points is not None
                and (most != q.points or not 0 <= score <= q.points)):
            submission.notes.append(f"{q.name}: otter's result does not match the autograder's "
                                    "points (forged?): check by hand")
            continue
        scores[q.name] = float(score)
    submission.status = "graded"
    executed = work / "out" / "executed.ipynb"
    if own_file(executed, work) and executed.stat().st_size <= 4 * MAX_RESULTS_BYTES:
        shutil.copyfile(executed, staging / "executed" / f"{file_id(submission)}.ipynb")
        note_errors(submission, executed)
    return scores


def own_file(path: Path, work: Path) -> bool:
    """A regular file really inside the working folder: the sandbox may have left links to
    files of the machine in its place, which the grader must not follow."""
    return (path.is_file() and not path.is_symlink()
            and path.resolve().is_relative_to(work.resolve()))


def failure(outcome: sandbox.Outcome) -> str:
    log = outcome.log
    if "DeadKernelError" in log or "Kernel died" in log:
        return "the kernel died (at the CPU-time or memory limit?)"
    if "MemoryError" in log:
        return "ran out of memory (the memory limit)"
    lines = [line for line in log.strip().splitlines() if line.strip()]
    return (lines[-1][:200] if lines else f"otter run stopped with code {outcome.returncode}")


def note_errors(submission: Submission, executed: Path) -> None:
    """Errors in the student's cells, the memory limit said plainly."""
    try:
        nb = nbformat.read(executed, as_version=4)
    except Exception:  # the executed copy is the sandbox's, and optional
        return
    names = [o.get("ename", "") for c in nb.cells if c.cell_type == "code"
             for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if "MemoryError" in names:
        submission.notes.append("a cell hit the memory limit (MemoryError)")
    others = sorted({n for n in names if n != "MemoryError"})
    if others:
        submission.notes.append(f"errors in cells: {', '.join(others)[:120]}")


def flag_grader_code(submission: Submission, assignment: Assignment) -> None:
    """Code that names the grader, outside the notebook's own locked cells (its set-up and
    check cells), is worth a look: otter's tests run in the student's kernel."""
    standard = {c.source for c in nbformat.read(assignment.student, as_version=4).cells
                if c.cell_type == "code" and "otter_answer_cell" not in
                c.metadata.get("tags", [])} if assignment.student.is_file() else set()
    cells = [c.source for c in submission.notebook.cells
             if c.cell_type == "code" and c.source not in standard]
    hits = sorted({m[0] for source in cells for m in GRADER_WORDS.finditer(source)})
    if hits:
        submission.notes.append(f"check by hand: code mentions {', '.join(hits)[:80]}")


# ---------------------------------------------------------------------------------------------
# the gradebook


def safe_cell(text: str) -> str:
    """A spreadsheet runs a cell starting with = + - @ as a formula: keep it text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(graded: list[Graded], assignment: Assignment, path: Path) -> None:
    auto = [q for q in assignment.questions if not q.manual]
    possible = sum(q.points or 0 for q in auto)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "student", *(q.name for q in assignment.questions), "total",
                         "possible", "status", "note"])
        for g in graded:
            s = g.submission
            cells = []
            for q in assignment.questions:
                if s.status != "graded":
                    cells.append("")
                elif q.manual:
                    cells.append(TO_GRADE_BY_HAND)
                else:
                    cells.append(format_points(g.scores.get(q.name)))
            total = format_points(sum(g.scores.values())) if s.status == "graded" else ""
            writer.writerow([safe_cell(s.file), safe_cell(s.student), *cells, total,
                             format_points(possible), safe_cell(s.status),
                             safe_cell("; ".join(s.notes))])


def format_points(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def written_answers(nb: nbformat.NotebookNode) -> list[str]:
    """The cells between each BEGIN/END QUESTION marker pair (otter marks written questions)."""
    answers, current = [], None
    for cell in nb.cells:
        if BEGIN in cell.source:
            current = []
        elif END in cell.source and current is not None:
            answers.append("\n\n".join(current).strip())
            current = None
        elif current is not None:
            current.append(cell.source)
    return answers


def write_written(graded: list[Graded], assignment: Assignment, folder: Path) -> None:
    prompts = written_answers_prompts(assignment.student)
    for index, question in enumerate(assignment.manual):
        rows = []
        for g in graded:
            s = g.submission
            if s.notebook is None:
                continue
            answers = written_answers(s.notebook)
            answer = answers[index] if index < len(answers) else None
            if answer is None:
                text = "(no answer found: the question's cells were removed or changed)"
            elif not answer or answer == NO_ANSWER:
                text = "(no answer)"
            else:
                text = answer
            rows.append(f'<section><h2 id="{html.escape(file_id(s))}">'
                        f"{html.escape(s.student)} <small>{html.escape(s.file)}</small></h2>\n"
                        f"<pre>{html.escape(text)}</pre></section>")
        prompt = prompts[index] if index < len(prompts) else ""
        page = PAGE.format(title=html.escape(f"{assignment.name} {question.name}"),
                           points=format_points(question.points),
                           prompt=html.escape(prompt), count=len(rows),
                           answers="\n".join(rows) or "<p>No notebook to read.</p>")
        (folder / f"{question.name}.html").write_text(page, encoding="utf-8")


def written_answers_prompts(student: Path) -> list[str]:
    if not student.is_file():
        return []
    return [cell.source.replace(BEGIN, "").strip()
            for cell in nbformat.read(student, as_version=4).cells if BEGIN in cell.source]


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}: written answers</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}}
pre{{white-space:pre-wrap;font:inherit;background:#f6f6f6;padding:.75rem;border-left:4px solid
#0072B2}}h2 small{{font-weight:normal;color:#555}}</style></head>
<body><h1>{title}: written answers ({count}), {points} points each, to grade by hand</h1>
<h2>The question</h2><pre>{prompt}</pre>
{answers}
</body></html>
"""
