"""The library knows no article: its people, places, numbers and ids live in the article's data.

The forbidden words are read from the committed article's own tables (its people, its
governments and places, its weapon and range, its dates and row ids), plus the map's place names
the lessons use, so the test grows with the data. Comments and docstrings count too: an example
that names this article's places teaches a reader that the code is about them.
"""

import csv
import re
from pathlib import Path

import pytest

from conftest import ARTICLE_DIR, REPO

LIB = REPO / "lib" / "newscase"


def rows(name: str) -> list[dict]:
    with (ARTICLE_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def forbidden_words() -> set[str]:
    words = {ARTICLE_DIR.name}
    for actor in rows("actors.csv"):
        if actor["kind"] in ("person", "government", "legislature", "country"):
            words.add(actor["name"])
            words |= {a for a in actor["aliases"].split("|") if len(a) > 4}
        if actor["kind"] == "person":
            words.add(actor["name"].split()[-1])  # the surname alone
    words |= {place["name"] for place in rows("places.csv")}
    for weapon in rows("weapons.csv"):
        words |= {weapon["name"], weapon["range_km"], weapon["range_mi"]}
    words |= {event["date"] for event in rows("events.csv")}
    words |= {"January 20, 2025", "Zelensky", "Kharkiv", "Sumy", "Chernihiv", "Voronezh",
              "Belgorod", "Bryansk", "Crimea", "Ukrainian", "Russian"}
    return words


ROW_ID = re.compile(r"(?<![\w-])(?:[ceaqvpw]\d{2}|q\d)(?![\w-])")


def hits(source: str, words: set[str]) -> list[str]:
    found = [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", source)]
    return sorted(found) + sorted(set(ROW_ID.findall(source)))


def test_the_word_list_is_read_from_the_data():
    words = forbidden_words()
    assert {"Volodymyr Zelenskiy", "Zelenskiy", "Kremlin", "ATACMS", "306", "190", "Trump",
            "Kyiv", "Kursk region", "2025-01-20"} <= words


@pytest.mark.parametrize("source, expected", [
    ("MAP_CENTRE = 'Kharkiv'", ["Kharkiv"]),
    ("range_view(306, 'border')", ["306"]),
    ("claims.loc['c17']", ["c17"]),
    ("def range_view(range_km, origin):", []),
    ("margin = {'b': 1900}", []),
])
def test_hits(source, expected):
    assert hits(source, forbidden_words()) == expected


@pytest.mark.parametrize("path", sorted(LIB.rglob("*.py")), ids=lambda p: str(p.relative_to(LIB)))
def test_no_library_module_names_this_article(path: Path):
    assert hits(path.read_text(encoding="utf-8"), forbidden_words()) == []
