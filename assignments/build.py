"""Regenerate the assignments from their otter-grader sources (`make assignments`).

For each assignments/source/NN-name.ipynb, `otter assign` writes into build/assignments/NN-name/
(git-ignored):
  autograder/NN-name.ipynb              the solution notebook, with every test
  autograder/NN-name-autograder.zip     the autograder bundle for `otter run` (or Gradescope)
  student/NN-name.ipynb                 the student notebook: no solutions, no hidden tests
The student notebook is then copied to assignments/student/, which is committed.

`otter assign` gives the cells it adds random ids and stamps the zip's name with the time; both are
made stable here, so regenerating an unchanged source reproduces the committed student notebook
byte for byte (tests/test_assignments.py checks this).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "assignments" / "source"
STUDENT = ROOT / "assignments" / "student"
BUILD = ROOT / "build" / "assignments"


def otter_assign(source: Path, out: Path, run_tests: bool = True) -> None:
    """Run `otter assign` (the venv's own) on one source notebook into out/."""
    if out.exists():
        shutil.rmtree(out)
    otter = Path(sys.executable).with_name("otter")
    command = [str(otter), "assign", str(source.resolve()), str(out.resolve())]
    if not run_tests:
        command.append("--no-run-tests")
    # Run from the source folder so the solution check finds the data the way students do.
    proc = subprocess.run(command, cwd=source.parent, capture_output=True, text=True,
                          check=False, timeout=600)
    if proc.returncode != 0:
        sys.exit(f"otter assign failed for {source.name}:\n{proc.stdout}\n{proc.stderr}")


def stabilise(notebook: Path) -> None:
    """Number the cell ids in order, so the output does not change from run to run."""
    nb = nbformat.read(notebook, as_version=4)
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:02d}"
    nbformat.write(nb, notebook)


def build_one(source: Path, build: Path = BUILD, run_tests: bool = True) -> Path:
    """Generate one assignment; return the path of its student notebook in build/."""
    out = build / source.stem
    otter_assign(source, out, run_tests=run_tests)
    for zip_path in (out / "autograder").glob("*-autograder_*.zip"):
        zip_path.rename(out / "autograder" / f"{source.stem}-autograder.zip")
    for notebook in (out / "autograder" / source.name, out / "student" / source.name):
        stabilise(notebook)
    return out / "student" / source.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="source stems, such as 01-actors (default: all)")
    parser.add_argument("--no-run-tests", action="store_true",
                        help="skip otter's check that each solution passes its tests")
    args = parser.parse_args()
    sources = sorted(SOURCE.glob("*.ipynb"))
    if args.names:
        sources = [s for s in sources if s.stem in args.names]
    STUDENT.mkdir(exist_ok=True)
    for source in sources:
        student = build_one(source, run_tests=not args.no_run_tests)
        shutil.copyfile(student, STUDENT / source.name)
        print(f"{source.relative_to(ROOT)} -> {(STUDENT / source.name).relative_to(ROOT)}, "
              f"{BUILD.relative_to(ROOT)}/{source.stem}/autograder/")


if __name__ == "__main__":
    main()
