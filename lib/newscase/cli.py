"""Command line for the course's data.

  python -m newscase new PATH --text FILE [--date YYYY-MM-DD]   a new article folder, drafted
  python -m newscase draft PATH                                  refresh its drafted rows
  python -m newscase lessons PATH --out DIR [--force]            lessons 00-04 for it
  python -m newscase validate FOLDER                             check a folder
  python -m newscase descriptor FOLDER                           rewrite its table descriptions
  python -m newscase warm-up                                     precompute what lessons share
  python -m newscase grade SUBMISSIONS --assignment NN [--out grades.csv]   grade a class
  python -m newscase present NN [--lessons DIR]                  show a lesson as an app
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from newscase.data.article import TABLES, find_article_folder
from newscase.data.validation import validate_folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newscase", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check an article folder")
    validate.add_argument("folder", help="article folder or article id")
    describe = commands.add_parser(
        "descriptor", help="rewrite a folder's datapackage.json tables from the canonical "
        "schemas (the article block and tables of its own are kept)")
    describe.add_argument("folder", help="article folder or article id")
    warm = commands.add_parser("warm-up", help="do once, for every later kernel, the slow work "
                               "the lessons share (Binder's postBuild runs it)")
    warm.add_argument("--shared", action="store_true",
                      help="write into this environment's shared cache, which every user's "
                      "kernels read (run it when building a hub or Binder image)")
    new = commands.add_parser("new", help="make an article folder from a text file, with a "
                              "machine-drafted annotation to review")
    new.add_argument("path", help="the new folder; its name is the article's id")
    new.add_argument("--text", required=True, help="the article as a UTF-8 text file")
    new.add_argument("--date", type=iso_date, help="publication date, YYYY-MM-DD (default: "
                     "the date the text states in its first lines, if any)")
    draft = commands.add_parser("draft", help="refresh an article folder's machine-drafted "
                                "rows; rows a person confirmed or edited are kept")
    draft.add_argument("path", help="article folder")
    lessons = commands.add_parser("lessons", help="write lesson notebooks 00-04 for an article")
    lessons.add_argument("path", help="article folder or article id")
    lessons.add_argument("--out", required=True, help="folder for the notebooks")
    lessons.add_argument("--force", action="store_true",
                         help="replace lesson notebooks already in --out")
    grade = commands.add_parser(
        "grade", help="grade every notebook in a folder (or a .zip of the class) with the "
        "assignment's autograder, each in a sandbox, into a gradebook CSV")
    grade.add_argument("submissions", help="folder of the students' .ipynb files, or a .zip")
    grade.add_argument("--assignment", required=True, help="its number (01) or name (01-actors)")
    grade.add_argument("--out", help="the gradebook CSV (default: grades-NN-name.csv here); "
                       "the folder of the same name beside it gets each file's otter results, "
                       "logs, and the written answers")
    grade.add_argument("--jobs", type=int, help="notebooks graded at once (default: the cores)")
    grade.add_argument("--timeout", type=float, default=300,
                       help="seconds one notebook may take, wall clock (default: 300)")
    grade.add_argument("--memory", type=int, default=4096,
                       help="address space per process in the sandbox, MB (default: 4096)")
    present = commands.add_parser(
        "present", help="show a lesson as an app for the class (Voilà): prose, figures and "
        "widgets in large type, without code or Try-its")
    present.add_argument("lesson", help="its number (03) or name (03-range)")
    present.add_argument("--lessons", default="notebooks", type=Path,
                         help="the folder of lesson notebooks (default: notebooks)")
    present.add_argument("--port", type=int, help="Voilà's port (default: Voilà's, 8866)")
    present.add_argument("--no-browser", action="store_true",
                         help="do not open a browser; open the address Voilà prints")
    args = parser.parse_args(argv)
    if args.command == "present":
        return present_lesson(args)
    if args.command == "grade":
        return grade_class(args)
    if args.command == "warm-up":
        return warm_up(args.shared)
    if args.command in ("new", "draft", "lessons"):
        return author(args)
    try:
        folder = find_article_folder(args.folder)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.command == "descriptor":
        return describe_folder(folder)
    descriptor, _, tables, errors = validate_folder(folder)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print(f"{folder}: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(tables[n].rows)} {n}" for n in TABLES if n in tables)
    print(f"{descriptor['name']}: valid ({counts})")
    return 0


def warm_up(shared: bool = False) -> int:
    """Validate every article folder in reach and compute its map data, into newscase.data.cache
    (with ``shared``, into the environment's shared cache that every user reads)."""
    import os

    from newscase.data import cache, load_article

    if shared:
        os.environ["NEWSCASE_CACHE_DIR"] = str(cache.environment_cache_dir())
    from newscase.data.article import article_folders
    from newscase.present.app_mode import install_template
    from newscase.reach.views import warm_up as warm_up_map

    for folder in article_folders():
        article = load_article(folder)
        warm_up_map(article)
        print(f"{article.id}: validated; border grid and city distances computed")
    print(f"cache in {cache.cache_dir()}")
    print(f"app mode's Voilà template in {install_template()}")
    return 0


def present_lesson(args) -> int:
    from newscase.present.app_mode import PresentError, present

    try:
        return present(args.lesson, args.lessons, args.port, open_browser=not args.no_browser)
    except PresentError as exc:
        print(exc, file=sys.stderr)
        return 2


def grade_class(args) -> int:
    from newscase.grading.gradebook import GradingError, find_assignment, grade_class
    from newscase.grading.sandbox import Limits

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    try:
        from newscase.grading.gradebook import repository_root

        assignment = find_assignment(args.assignment, repository_root(), log=say)
        out = Path(args.out or f"grades-{assignment.name}.csv")
        limits = Limits(timeout=args.timeout, memory=args.memory * 1024**2)
        graded = grade_class(Path(args.submissions), assignment, out, jobs=args.jobs,
                             limits=limits, progress=say)
    except GradingError as exc:
        say(str(exc))
        return 2
    counts: dict[str, int] = {}
    for g in graded:
        key = g.submission.status.split(":")[0].split(" after")[0]
        counts[key] = counts.get(key, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    print(f"{out}: {len(graded)} file(s): {summary}; results, logs and written answers in "
          f"{out.with_suffix('')}/")
    return 0


def describe_folder(folder) -> int:
    from newscase.data.contract import write_descriptor

    try:
        written = write_descriptor(folder)
    except (OSError, ValueError, KeyError) as exc:  # unreadable or malformed descriptor
        print(f"{folder}/datapackage.json: cannot be rewritten ({exc}); fix it by hand, or "
              "run 'python -m newscase validate' to see what is wrong", file=sys.stderr)
        return 1
    print(f"{folder.name}: datapackage.json describes {', '.join(written)} as the package's "
          "canonical schemas say")
    return 0


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date; write YYYY-MM-DD") from None


def author(args) -> int:
    """new, draft and lessons: every input problem is one line on stderr, exit code 2."""
    from newscase.authoring.folder import AuthoringError, new_article, redraft

    try:
        if args.command == "lessons":
            return write_lessons(args)
        if args.command == "new":
            report = new_article(Path(args.path), Path(args.text), args.date)
        else:
            report = redraft(Path(args.path))
    except AuthoringError as exc:
        print(exc, file=sys.stderr)
        return 2
    print("\n".join(report.lines()))
    print(f"Next: review the rows marked 'draft' (instructors/author-your-article.ipynb), then "
          f"python -m newscase lessons {args.path} --out DIR")
    return 0


def write_lessons(args) -> int:
    from newscase.authoring.folder import AuthoringError
    from newscase.authoring.lessons import write_lessons as write

    try:
        folder = find_article_folder(args.path)
    except FileNotFoundError as exc:
        raise AuthoringError(str(exc)) from None
    _, _, _, errors = validate_folder(folder)
    if errors:
        raise AuthoringError(f"{folder}: {len(errors)} problem(s), the first: {errors[0]}; run "
                             f"python -m newscase validate {args.path} to see them all")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise AuthoringError(f"{out}: is a file; give a folder for the notebooks")
    clashes = sorted(p.name for p in out.glob("0[0-4]-*.ipynb")) if out.is_dir() else []
    if clashes and not args.force:
        raise AuthoringError(f"{out}: already holds {', '.join(clashes)}; nothing was "
                             "written. Choose another folder, or add --force to replace them")
    out.mkdir(parents=True, exist_ok=True)
    written = write(folder, out)
    print(f"{len(written)} lessons for {folder.name} in {out}: "
          + ", ".join(p.name for p in written))
    return 0
