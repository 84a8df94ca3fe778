"""Regenerate the assignments from their otter-grader sources (`make assignments`).

For each assignments/source/NN-name.ipynb, `otter assign` writes into build/assignments/NN-name/
(git-ignored):
  autograder/NN-name.ipynb              the solution notebook, with every test
  autograder/NN-name-autograder.zip     the autograder bundle for `otter run` (or Gradescope)
  student/NN-name.ipynb                 the student notebook: no solutions, no hidden tests
The student notebook is then copied to assignments/student/, which is committed. The autograder zip
also carries the course library, the article data and the pinned requirements (requirements.txt,
and the same pins in environment.yml), so it grades with only its own requirements: Gradescope,
or a fresh venv (tests/test_grade.py).

`otter assign` gives the cells it adds random ids and stamps the zip's name with the time; both are
made stable here, so regenerating an unchanged source reproduces the committed student notebook
byte for byte (tests/test_assignments.py checks this).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import zipfile
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


# What a submission imports, and its kernel, pinned as in the lock: with these the zip grades on
# its own (otter copies its files/ into the submission's folder: the course library and the
# article data).
BUNDLED_REQUIREMENTS = ("otter-grader", "pandas", "numpy", "frictionless", "geographiclib",
                        "plotly", "ipywidgets", "anywidget", "ipykernel")


def bundle_course(zip_path: Path) -> None:
    """Add the course library, the article data and the pinned requirements to the autograder
    zip, so that it runs with only its own requirements (Gradescope, or a fresh venv)."""
    pins = {}
    for lock in (ROOT / "binder" / "requirements.txt", ROOT / "binder" / "requirements-nodeps.txt"):
        for line in lock.read_text(encoding="utf-8").splitlines():
            name, _, version = line.partition("==")
            if version and name.strip() in BUNDLED_REQUIREMENTS:
                pins[name.strip()] = f"{name.strip()}=={version.split()[0]}"
    requirements = [pins[name] for name in BUNDLED_REQUIREMENTS]
    with zipfile.ZipFile(zip_path, "a", zipfile.ZIP_DEFLATED) as zf:
        environment = zf.read("environment.yml").decode()
        for folder, arcname in ((ROOT / "lib" / "newscase", "files/newscase"),
                                (ROOT / "data" / "articles", "files/data/articles")):
            for path in sorted(folder.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    zf.write(path, f"{arcname}/{path.relative_to(folder).as_posix()}")
        zf.writestr("requirements.txt", "\n".join(requirements) + "\n")
    # Gradescope builds its image from environment.yml: the same pins under its pip list.
    extra = "".join(f"      - {pin}\n" for pin in requirements if not pin.startswith("otter"))
    rewrite(zip_path, "environment.yml", environment.rstrip("\n") + "\n" + extra)


def rewrite(zip_path: Path, name: str, text: str) -> None:
    """Replace one member of a zip (zipfile cannot overwrite in place)."""
    tmp = zip_path.with_suffix(".tmp")
    with zipfile.ZipFile(zip_path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, text if item.filename == name else src.read(item))
    tmp.replace(zip_path)


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
    bundle_course(out / "autograder" / f"{source.stem}-autograder.zip")
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
