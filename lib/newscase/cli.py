"""Command line: ``python -m newscase validate <folder>``."""

from __future__ import annotations

import argparse
import sys

from newscase.data import TABLES, find_article_folder
from newscase.validation import validate_folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newscase", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check an article folder")
    validate.add_argument("folder", help="article folder or article id")
    args = parser.parse_args(argv)
    try:
        folder = find_article_folder(args.folder)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    descriptor, _, tables, errors = validate_folder(folder)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print(f"{folder}: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(tables[n].rows)} {n}" for n in TABLES if n in tables)
    print(f"{descriptor['name']}: valid ({counts})")
    return 0
