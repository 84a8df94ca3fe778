"""`python -m newscase grade`: a whole class graded in one command, each notebook in a sandbox.

Real bubblewrap, real `otter run`, no mocks. A class made from the committed student notebook of
assignment 01: a right and a partly wrong submission, hostile ones (a busy loop, a 10 GB
allocation, a vandal, a snoop, a fake score, an edited grader.check, a network call) and bad input
(a file that is not JSON, JSON that is not a notebook, a PDF, and one student's two files, the
newer saved by an old Jupyter). Each ends graded or marked, the rest are graded, and the
teacher's folder and the repository are byte for byte the same afterwards.

The snoop reads the teacher's copies of the answer key and the autograder, the repository's
build/ and assignment source, another student's file, the teacher's notes and home: none is
there. It does not read the tests otter itself copies into the notebook's working folder to run
them in the student's kernel: those are within its reach by otter's design (the guide says so).

Without a working bubblewrap the tests skip, unless NEWSCASE_REQUIRE_SANDBOX=1 (set by .ci/run),
where they fail. The fallback (no bwrap on PATH) is tested either way.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
from test_assignments import SUBMISSIONS, build, solution_answers, student_submission

from newscase.grading import gradebook, sandbox
from newscase.grading.submissions import collect, student_name

ROOT = Path(__file__).resolve().parents[1]
STEM = "01-actors"
REQUIRED = os.environ.get("NEWSCASE_REQUIRE_SANDBOX") == "1"
PROBLEM = sandbox.sandbox_problem()
needs_sandbox = pytest.mark.skipif(PROBLEM is not None and not REQUIRED,
                                   reason=f"no sandbox here: {PROBLEM}")
# A notebook takes 4-7 s here (40 s seen with other work loading the machine to 8); the busy
# loop meets the wall clock (its CPU-time limit, one core's worth, would come just after).
LIMITS = sandbox.Limits(timeout=60, memory=3 * 1024**3)
SECRET_MARKERS = ("test_q2_exact", "# SOLUTION", "hidden=True", "TEACHER-ONLY NOTES")
WRITTEN = "I would <script>alert('trust')</script> it & check"


def require_sandbox() -> None:
    assert PROBLEM is None, f"NEWSCASE_REQUIRE_SANDBOX=1 but {PROBLEM}"


@pytest.fixture(scope="module")
def key(tmp_path_factory) -> Path:
    """The teacher's build of assignment 01: answer key and autograder zip (otter assign)."""
    out = tmp_path_factory.mktemp("teacher-build")
    build.build_one(ROOT / "assignments" / "source" / f"{STEM}.ipynb", out, run_tests=False)
    return out


def assignment_for(key: Path) -> gradebook.Assignment:
    return gradebook.load_assignment(
        ROOT / "assignments" / "source" / f"{STEM}.ipynb",
        ROOT / "assignments" / "student" / f"{STEM}.ipynb",
        key / STEM / "autograder" / f"{STEM}-autograder.zip")


def tree_hash(folder: Path, skip: str | None = None) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not (skip and p.relative_to(folder).parts[0] == skip)}


def notebook(key: Path, answers: list[tuple[str, str]], path: Path,
             written: str | None = None, extra: str | None = None) -> Path:
    """A student's file: the committed notebook with answers filled in (and a cell added)."""
    made = student_submission(STEM, answers, path.parent / f".make-{path.stem}")
    nb = nbformat.read(made, as_version=4)
    if written is not None:
        (cell,) = [c for c in nb.cells if c.source == gradebook.NO_ANSWER]
        cell.source = written
    if extra is not None:
        first = next(i for i, c in enumerate(nb.cells) if "otter_answer_cell" in
                     c.metadata.get("tags", []))
        nb.cells.insert(first, nbformat.v4.new_code_cell(extra))
    nbformat.write(nb, path)
    made.unlink()
    made.parent.rmdir()
    return path


class Listener:
    """A TCP server on the host's loopback that counts the connections it accepts."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.5)
        self.port = self.server.getsockname()[1]
        self.accepted = 0
        self.stop = False
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join()
        self.server.close()


# ---------------------------------------------------------------------------------------------
# the class


@pytest.fixture(scope="module")
def graded_class(key, tmp_path_factory):
    """The class graded once: (rows by file, the gradebook's folder, the teacher's folder, the
    loopback listener, the progress lines)."""
    if PROBLEM is not None:
        if REQUIRED:
            require_sandbox()
        pytest.skip(f"no sandbox here: {PROBLEM}")
    teacher = tmp_path_factory.mktemp("teacher")
    (teacher / "notes.txt").write_text("TEACHER-ONLY NOTES: Alice asked for an extension.\n")
    keys = teacher / "build"
    keys.mkdir()
    for name in (f"{STEM}.ipynb", f"{STEM}-autograder.zip"):
        (keys / name).write_bytes((key / STEM / "autograder" / name).read_bytes())
    subs = teacher / "submissions"
    subs.mkdir()
    right = solution_answers(key, STEM)
    wrong = SUBMISSIONS[STEM][0]
    q1_right = [a for a in right if a[0].startswith("ANONYMOUS") or "anonymous_claims" in a[0]]
    listener = Listener()
    targets = [str(teacher), str(keys / f"{STEM}.ipynb"), str(keys / f"{STEM}-autograder.zip"),
               str(ROOT / "build" / "assignments" / STEM / "autograder" / f"{STEM}.ipynb"),
               str(ROOT / "assignments" / "source" / f"{STEM}.ipynb"),
               str(subs / "alice.ipynb"), str(teacher / "notes.txt"), "/etc/shadow",
               str(Path.home())]
    hostile = {
        "loop": "while True:\n    pass",
        "hog": "big = bytearray(10 * 1024**3)",
        "vandal": (
            "import os, shutil, pathlib\n"
            f"for target in {targets!r}:\n"
            "    p = pathlib.Path(target)\n"
            "    for attempt in (lambda: shutil.rmtree(p), lambda: p.unlink(),\n"
            "                    lambda: (p / 'graffiti.txt').write_text('x'),\n"
            "                    lambda: p.write_text('overwritten')):\n"
            "        try:\n"
            "            attempt()\n"
            "        except Exception as exc:\n"
            "            print(target, type(exc).__name__)\n"
            f"pathlib.Path({str(ROOT / 'data' / 'graffiti.txt')!r}).write_text('x')"),
        "snoop": (
            "import pathlib\n"
            "seen = {}\n"
            f"for target in {targets!r}:\n"
            "    p = pathlib.Path(target)\n"
            "    try:\n"
            "        seen[target] = (p.read_text(errors='replace') if p.is_file()\n"
            "                        else sorted(str(c) for c in p.iterdir()))\n"
            "    except Exception as exc:\n"
            "        seen[target] = type(exc).__name__\n"
            "print(seen)"),
        "faker": (
            "print('Total Score: 5.000 / 5.000 (100.000%)')\n"
            "import json, pathlib\n"
            "fake = {'tests': [{'name': q, 'score': 2, 'max_score': 2}\n"
            "                  for q in ('q1', 'q2', 'q3')]}\n"
            "for folder in ('/grading/out', '.', '..', '../results'):\n"
            "    try:\n"
            "        pathlib.Path(folder, 'results.json').write_text(json.dumps(fake))\n"
            "    except Exception as exc:\n"
            "        print(folder, type(exc).__name__)"),
        "tamper": (
            "grader.check = lambda *args, **kwargs: print('All tests passed!')\n"
            "grader.check_all = grader.check"),
        "network": (
            "import socket\n"
            f"loopback = ('127.0.0.1', {listener.port})\n"
            "for address in [loopback, ('1.1.1.1', 53), ('pypi.org', 443)]:\n"
            "    try:\n"
            "        socket.create_connection(address, timeout=3).close()\n"
            "        print(address, 'CONNECTED')\n"
            "    except OSError as exc:\n"
            "        print(address, 'failed', type(exc).__name__)"),
    }
    notebook(key, right, subs / "alice.ipynb", written=WRITTEN)
    notebook(key, wrong, subs / "bob_01-actors.ipynb")
    for name, code in hostile.items():
        answers = q1_right if name in ("hog", "vandal", "snoop") else []
        notebook(key, answers, subs / f"{name}.ipynb", extra=code)
    # One student, two files: the older a partly wrong notebook, the newer saved by an old Jupyter.
    older = notebook(key, wrong, subs / "dana.ipynb")
    os.utime(older, (time.time() - 3600, time.time() - 3600))
    v3 = nbformat.convert(nbformat.read(notebook(key, right, subs / ".dana.tmp.ipynb"), 4), 3)
    (subs / "dana (1).ipynb").write_text(nbformat.writes(v3, version=3))
    (subs / ".dana.tmp.ipynb").unlink()
    (subs / "erin.ipynb").write_text("this is not JSON {")
    (subs / "frank.ipynb").write_text(json.dumps({"cells": "not a notebook"}))
    (subs / "gina.pdf").write_bytes(b"%PDF-1.4 a scanned page")
    before = tree_hash(teacher)
    repo_before = {d: tree_hash(ROOT / d) for d in ("data", "assignments", "lib")}
    lines = []
    start = time.monotonic()
    try:
        results = gradebook.grade_class(subs, assignment_for(key),
                                        teacher / "gradebook" / "grades.csv", jobs=2,
                                        limits=LIMITS, progress=lines.append)
    finally:
        listener.close()
    seconds = time.monotonic() - start
    assert tree_hash(teacher, skip="gradebook") == before, "the teacher's folder changed"
    for folder, hashes in repo_before.items():
        assert tree_hash(ROOT / folder) == hashes, f"the repository's {folder}/ changed"
    rows = {row["file"]: row for row in csv.DictReader(
        (teacher / "gradebook" / "grades.csv").open(encoding="utf-8"))}
    timings = {g.submission.file: round(g.seconds, 1) for g in results}
    print(f"\nclass of {len(rows)} files graded in {seconds:.0f} s: {timings}")
    return rows, teacher / "gradebook" / "grades", teacher, listener, lines


@needs_sandbox
def test_every_file_has_one_row_and_the_class_is_graded(graded_class) -> None:
    rows, _, _, _, lines = graded_class
    assert set(rows) == {"alice.ipynb", "bob_01-actors.ipynb", "loop.ipynb", "hog.ipynb",
                         "vandal.ipynb", "snoop.ipynb", "faker.ipynb", "tamper.ipynb",
                         "network.ipynb", "dana.ipynb", "dana (1).ipynb", "erin.ipynb",
                         "frank.ipynb", "gina.pdf"}
    assert rows["alice.ipynb"]["student"] == "alice"
    assert rows["bob_01-actors.ipynb"]["student"] == "bob"
    assert [rows["alice.ipynb"][k] for k in ("q1", "q2", "q3", "q4", "total", "possible",
                                             "status")] == [
        "2", "2", "1", gradebook.TO_GRADE_BY_HAND, "5", "5", "graded"]
    assert [rows["bob_01-actors.ipynb"][k] for k in ("q1", "q2", "q3", "total")] == [
        "2", "1", "0", "3"]
    assert lines[-1].startswith("graded 10/10 [####################] ")
    # The bar fills as the class is graded: one line per notebook.
    assert [line.split(" ", 2)[1] for line in lines if line.startswith("graded ")] == [
        f"{n}/10" for n in range(1, 11)]


def test_the_progress_bar_fills_in_proportion() -> None:
    assert gradebook.bar(0, 30) == "[" + "-" * 20 + "]"
    assert gradebook.bar(12, 30) == "[" + "#" * 8 + "-" * 12 + "]"
    assert gradebook.bar(30, 30) == "[" + "#" * 20 + "]"
    assert gradebook.bar(0, 0) == "[" + "#" * 20 + "]"


@needs_sandbox
def test_bad_input_gets_a_clear_status(graded_class) -> None:
    rows = graded_class[0]
    assert rows["erin.ipynb"]["status"].startswith("unreadable: not JSON")
    assert rows["frank.ipynb"]["status"].startswith("not a notebook")
    assert rows["gina.pdf"]["status"] == "not a notebook: a .pdf file"
    assert rows["dana.ipynb"]["status"] == "duplicate"
    assert "dana (1).ipynb" in rows["dana.ipynb"]["note"]
    newer = rows["dana (1).ipynb"]
    assert (newer["student"], newer["status"], newer["total"]) == ("dana", "graded", "5")
    assert "converted from notebook format 3" in newer["note"]


@needs_sandbox
def test_a_busy_loop_is_stopped_and_marked(graded_class) -> None:
    row = graded_class[0]["loop.ipynb"]
    assert row["status"].startswith("timed out after 6"), row
    assert row["total"] == ""


@needs_sandbox
def test_a_10_gb_allocation_hits_the_memory_limit_and_is_still_graded(graded_class) -> None:
    row = graded_class[0]["hog.ipynb"]
    assert (row["status"], row["q1"]) == ("graded", "2"), row
    assert "memory limit" in row["note"]


@needs_sandbox
def test_the_vandal_changes_nothing_outside_its_sandbox(graded_class) -> None:
    rows, folder, teacher, _, _ = graded_class
    # The teacher's tree and the repository were hashed before and after (in the fixture).
    assert rows["vandal.ipynb"]["status"] == "graded" and rows["vandal.ipynb"]["q1"] == "2"
    assert not (ROOT / "data" / "graffiti.txt").exists()
    out = read_executed(folder, "vandal.ipynb")
    assert "FileNotFoundError" in out and "Read-only file system" in out, out[:3000]


def read_executed(folder: Path, file: str) -> str:
    nb = nbformat.read(folder / "executed" / f"{file}.ipynb", 4)
    return "\n".join(o.get("text", "") + o.get("evalue", "") for c in nb.cells
                     if c.cell_type == "code" for o in c.get("outputs", []))


@needs_sandbox
def test_the_snoop_reads_no_key_no_source_no_other_student(graded_class) -> None:
    rows, folder, _, _, _ = graded_class
    assert rows["snoop.ipynb"]["status"] == "graded" and rows["snoop.ipynb"]["q1"] == "2"
    out = read_executed(folder, "snoop.ipynb")
    leaked = [m for m in SECRET_MARKERS if m in out]
    assert not leaked, f"the snoop read {leaked}:\n{out[:3000]}"
    (line,) = [line for line in out.splitlines() if line.startswith("{")]
    seen = ast.literal_eval(line)
    home = seen.pop(str(Path.home()))
    # The home folder exists in the sandbox only as the way to this Python, if it lives there.
    assert home == "FileNotFoundError" or all(
        sys.base_prefix.startswith(entry) for entry in home), home
    assert set(seen.values()) <= {"FileNotFoundError", "PermissionError"}, seen


@needs_sandbox
def test_a_printed_score_and_a_forged_results_file_do_not_count(graded_class) -> None:
    row = graded_class[0]["faker.ipynb"]
    assert (row["status"], row["total"]) == ("graded", "0"), row


@needs_sandbox
def test_an_edited_grader_check_is_still_graded_by_the_hidden_tests(graded_class) -> None:
    row = graded_class[0]["tamper.ipynb"]
    assert (row["status"], row["total"]) == ("graded", "0"), row
    assert "check by hand: code mentions" in row["note"]


@needs_sandbox
def test_no_network_in_the_sandbox(graded_class) -> None:
    rows, folder, _, listener, _ = graded_class
    assert rows["network.ipynb"]["status"] == "graded"
    assert listener.accepted == 0
    out = read_executed(folder, "network.ipynb")
    assert "CONNECTED" not in out and out.count("failed") == 3, out


@needs_sandbox
def test_written_answers_are_one_escaped_page_for_the_class(graded_class) -> None:
    _, folder, _, _, _ = graded_class
    page = (folder / "written" / "q4.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#x27;trust&#x27;)&lt;/script&gt; it &amp; check" in page
    assert "<script>" not in page
    assert "Question 4 (written, 3 points)" in page
    assert page.count("<section>") == 10  # every notebook read, the duplicate left out
    assert sorted(p.name for p in (folder / "results").iterdir())[:2] == [
        "alice.ipynb.json", "bob_01-actors.ipynb.json"]


# ---------------------------------------------------------------------------------------------
# the command, the zip, the fallback


def zip_class(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_a_zip_is_extracted_safely(tmp_path, key) -> None:
    good = notebook(key, [], tmp_path / "x.ipynb").read_bytes()
    archive = zip_class(tmp_path / "class.zip", {
        "alice/01-actors.ipynb": good, "../escape.ipynb": good, "/tmp/absolute.ipynb": good,
        "__MACOSX/._alice": b"", "bob/notes.txt": b"hello", "inner.zip": b"PK"})
    found = {s.file: s for s in collect(archive, STEM, tmp_path / "scratch")}
    assert found["class.zip:alice/01-actors.ipynb"].student == "alice"
    assert found["class.zip:alice/01-actors.ipynb"].notebook is not None
    assert found["class.zip:../escape.ipynb"].status.startswith("unreadable: unsafe path")
    assert found["class.zip:/tmp/absolute.ipynb"].status.startswith("unreadable: unsafe path")
    assert found["class.zip:inner.zip"].status.startswith("not a notebook")
    assert found["class.zip:bob/notes.txt"].status == "not a notebook: a .txt file"
    assert not any("MACOSX" in f for f in found)
    assert not (tmp_path / "escape.ipynb").exists() and not Path("/tmp/absolute.ipynb").exists()


@pytest.mark.parametrize("file, student", [
    ("alice.ipynb", "alice"), ("Alice_01-actors.ipynb", "alice"), ("alice (1).ipynb", "alice"),
    ("alice/01-actors.ipynb", "alice"), ("Smith, John - 01-actors.ipynb", "smith-john"),
    ("01-actors.ipynb", "(unnamed)")])
def test_the_student_is_named_by_the_file(file, student) -> None:
    from pathlib import PurePosixPath

    assert student_name(PurePosixPath(file), STEM) == student


def run_command(*args: str, cwd: Path, path: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib")}
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "newscase", "grade", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def test_an_empty_folder_is_refused_in_one_line(tmp_path) -> None:
    (tmp_path / "empty").mkdir()
    proc = run_command("empty", "--assignment", "01", "--out", "g.csv", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "no files to grade" in proc.stderr and not (tmp_path / "g.csv").exists()
    proc = run_command("empty", "--assignment", "07", cwd=tmp_path)
    assert proc.returncode == 2 and "no assignment '07'" in proc.stderr
    proc = run_command("empty", "--assignment", "01", "--out", "empty/g.csv", cwd=tmp_path)
    assert proc.returncode == 2 and "must not go inside the submissions" in proc.stderr
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "lesson-plan.txt").write_text("keep me")
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "a.ipynb").write_text("{")
    proc = run_command("subs", "--assignment", "01", "--out", "mine.csv", cwd=tmp_path)
    assert proc.returncode == 2 and "is not the folder of an earlier gradebook" in proc.stderr
    assert (tmp_path / "mine" / "lesson-plan.txt").read_text() == "keep me"


def test_names_that_a_spreadsheet_would_run_stay_text(tmp_path, key) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "=HYPERLINK(1).ipynb").write_text("{")
    (tmp_path / "in" / "a:b.ipynb").write_text("{")
    found = collect(tmp_path / "in", STEM, tmp_path / "scratch")
    gradebook.write_csv([gradebook.Graded(s, {}) for s in found], assignment_for(key),
                        tmp_path / "g.csv")
    rows = list(csv.reader((tmp_path / "g.csv").open()))
    assert rows[1][:2] == ["'=HYPERLINK(1).ipynb", "'=hyperlink"]
    assert [gradebook.file_id(s) for s in found] != [s.file for s in found]
    assert len({gradebook.file_id(s) for s in found}) == 2


def test_without_bubblewrap_it_warns_and_still_grades_a_zip(tmp_path, key) -> None:
    """The command from a clone: the autograder built if missing, a zip graded without bwrap."""
    good = notebook(key, solution_answers(key, STEM), tmp_path / "x.ipynb").read_bytes()
    zip_class(tmp_path / "class.zip", {"alice.ipynb": good, "bob.ipynb": b"{"})
    venv_only = str(Path(sys.executable).parent)  # no bwrap, no prlimit on this PATH
    proc = run_command("class.zip", "--assignment", STEM, "--out", "out/grades.csv",
                       "--jobs", "1", cwd=tmp_path, path=venv_only)
    assert proc.returncode == 0, proc.stderr
    assert "WARNING: grading WITHOUT a sandbox" in proc.stderr
    assert "graded 1/1" in proc.stderr
    rows = list(csv.DictReader((tmp_path / "out" / "grades.csv").open()))
    assert [(r["file"], r["total"], r["status"][:10]) for r in rows] == [
        ("class.zip:alice.ipynb", "5", "graded"), ("class.zip:bob.ipynb", "", "unreadable")]
    assert (ROOT / "build" / "assignments" / STEM / "autograder" / f"{STEM}-autograder.zip"
            ).is_file()


@needs_sandbox
def test_the_wall_clock_timeout_kills_the_whole_sandbox(tmp_path) -> None:
    if PROBLEM is not None:
        require_sandbox()
    work = tmp_path / "work"
    work.mkdir()
    start = time.monotonic()
    outcome = sandbox.run(["sh", "-c", "sleep 60 & sleep 60"], work, readable=[],
                          secrets=[], env={"PATH": "/usr/bin:/bin"},
                          limits=sandbox.Limits(timeout=2), log_path=tmp_path / "log")
    assert outcome.timed_out and time.monotonic() - start < 20
    left = subprocess.run(["pgrep", "-f", "sleep 60 & sleep 60"], capture_output=True,
                          check=False)
    assert left.returncode == 1, left.stdout


def test_a_missing_autograder_is_built_from_the_source(tmp_path) -> None:
    """In a clone without build/: otter assign makes the zip; questions and points come from
    the source and the autograder's own tests."""
    clone = tmp_path / "clone"
    for part in ("assignments/build.py", f"assignments/source/{STEM}.ipynb",
                 f"assignments/student/{STEM}.ipynb", "binder/requirements.txt",
                 "binder/requirements-nodeps.txt"):
        (clone / part).parent.mkdir(parents=True, exist_ok=True)
        (clone / part).write_bytes((ROOT / part).read_bytes())
    lines = []
    assignment = gradebook.find_assignment("1", clone, log=lines.append)
    assert assignment.autograder == (clone / "build" / "assignments" / STEM / "autograder"
                                     / f"{STEM}-autograder.zip")
    assert assignment.autograder.is_file() and "building the autograder" in lines[0]
    assert [(q.name, q.manual, q.points) for q in assignment.questions] == [
        ("q1", False, 2.0), ("q2", False, 2.0), ("q3", False, 1.0), ("q4", True, 3.0)]
    assert (clone / "assignments" / "student" / f"{STEM}.ipynb").read_bytes() == (
        ROOT / "assignments" / "student" / f"{STEM}.ipynb").read_bytes()
    lines.clear()
    assert gradebook.find_assignment(STEM, clone, log=lines.append) == assignment and not lines


def test_the_autograder_zip_grades_with_only_its_own_requirements(tmp_path, key) -> None:
    """As on Gradescope: a fresh venv gets only the zip's requirements.txt, and `otter run`,
    outside the repository, grades the answer key with full marks from the library and data the
    zip carries."""
    from bench.install import isolated_env

    autograder = key / STEM / "autograder" / f"{STEM}-autograder.zip"
    with zipfile.ZipFile(autograder) as zf:
        names = zf.namelist()
        requirements = zf.read("requirements.txt").decode()
    assert "files/newscase/__init__.py" in names
    assert "files/data/articles/atacms-2024-11-17/article.txt" in names
    assert not any("__pycache__" in n for n in names)
    (tmp_path / "requirements.txt").write_text(requirements)
    venv = tmp_path / "venv"
    env = isolated_env(venv)
    env.pop("PYTHONPATH", None)
    subprocess.run([sys.executable, "-m", "venv", venv], check=True, timeout=120)
    pip = subprocess.run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "-r",
                          tmp_path / "requirements.txt"], env=env, capture_output=True,
                         text=True, timeout=900, check=False)
    assert pip.returncode == 0, pip.stderr[-3000:]
    elsewhere = tmp_path / "grading"
    elsewhere.mkdir()
    submission = elsewhere / f"{STEM}.ipynb"
    submission.write_bytes((key / STEM / "autograder" / f"{STEM}.ipynb").read_bytes())
    proc = subprocess.run([venv / "bin" / "otter", "run", "--no-logo", "-a", autograder,
                           "-o", elsewhere, submission], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    tests = json.loads((elsewhere / "results.json").read_text())["tests"]
    scores = {t["name"]: (t["score"], t["max_score"]) for t in tests if t["name"] != "Public Tests"}
    assert scores == {"q1": (2, 2), "q2": (2, 2), "q3": (1, 1)}, scores
