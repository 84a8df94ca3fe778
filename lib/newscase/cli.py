"""Command line: ``python -m newscase validate <folder>`` and ``python -m newscase warm-up``."""

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
    descriptor, _, tables, errors = validate_folder(folder)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print(f"{folder}: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(tables[n].rows)} {n}" for n in TABLES if n in tables)
    print(f"{descriptor['name']}: valid ({counts})")
    return 0


def warm_up() -> int:
    """Validate the course's article and compute the border map data, into newscase.data.cache."""
    from newscase.data import cache, load_article
    from newscase.reach.views import warm_up as warm_up_map

    article = load_article()
    warm_up_map(article)
    print(f"{article.id}: validated; border grid and city distances computed; "
          f"cache in {cache.cache_dir()}")
    return 0
