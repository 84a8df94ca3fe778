"""Command line: ``python -m newscase validate FOLDER``, ``python -m newscase descriptor FOLDER``
and ``python -m newscase warm-up``."""

from __future__ import annotations

import argparse
import sys

from newscase.data.article import TABLES, find_article_folder
from newscase.data.validation import validate_folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newscase", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check an article folder")
    validate.add_argument("folder", help="article folder or article id")
    describe = commands.add_parser(
        "descriptor", help="rewrite a folder's datapackage.json tables from the canonical "
        "schemas (the article block and tables of its own are kept)")
    describe.add_argument("folder", help="article folder or article id")
    commands.add_parser("warm-up", help="do once, for every later kernel, the slow work the "
                        "lessons share (Binder's postBuild runs it)")
    args = parser.parse_args(argv)
    if args.command == "warm-up":
        return warm_up()
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


def warm_up() -> int:
    """Validate every article folder in reach and compute its map data, into newscase.data.cache."""
    from newscase.data import cache, load_article
    from newscase.data.article import article_folders
    from newscase.reach.views import warm_up as warm_up_map

    for folder in article_folders():
        article = load_article(folder)
        warm_up_map(article)
        print(f"{article.id}: validated; border grid and city distances computed")
    print(f"cache in {cache.cache_dir()}")
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
