"""Where names are looked up: countries (names, capitals, demonyms), seats of government, and the
cities in the range lesson's GeoNames data (``newscase.reach.geofiles.load_cities``).

countries.csv is built by scripts/build_countries.py from world-countries (ODbL-1.0); seats.csv is
the course's own short list of seats of government that news uses for a government ('the
White House'). Sources and licences: PROVENANCE.md beside this file.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
COUNTRIES = HERE / "countries.csv"
SEATS = HERE / "seats.csv"


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    iso2: str
    capitals: tuple[str, ...]
    demonyms: tuple[str, ...]
    alt_names: tuple[str, ...]


@dataclass(frozen=True)
class Form:
    """A surface form of a country in text: its name, a capital, a demonym, an abbreviation."""

    iso3: str
    kind: str  # 'name' | 'alt' | 'capital' | 'demonym' | 'people' | 'abbreviation'


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split("|") if v)


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    with COUNTRIES.open(encoding="utf-8", newline="") as handle:
        return {r["iso3"]: Country(r["iso3"], r["name"], r["iso2"], _split(r["capitals"]),
                                   _split(r["demonyms"]), _split(r["alt_names"]))
                for r in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def seats() -> dict[str, tuple[str, str]]:
    """Seat of government -> (ISO alpha-3, note)."""
    with SEATS.open(encoding="utf-8", newline="") as handle:
        return {r["name"]: (r["iso3"], r["note"]) for r in csv.DictReader(handle)}


def capital_forms(capital: str) -> list[str]:
    """A capital written with 'D.C.' after it is also written without."""
    bare = re.sub(r",? D\.?C\.?$", "", capital)
    return list(dict.fromkeys([capital, bare]))


@lru_cache(maxsize=1)
def country_forms() -> dict[str, Form]:
    """Every surface form -> the country it names. The first country to claim a form keeps it,
    names before capitals before demonyms, so a country's own name always wins."""
    forms: dict[str, Form] = {}
    every = countries().values()
    for c in every:
        forms.setdefault(c.name, Form(c.iso3, "name"))
    for c in every:
        for alt in c.alt_names:
            if len(alt) > 2 or alt.isupper():
                forms.setdefault(alt, Form(c.iso3, "alt"))
    for c in every:
        for capital in c.capitals:
            for form in capital_forms(capital):
                forms.setdefault(form, Form(c.iso3, "capital"))
    for c in every:
        for demonym in c.demonyms:
            forms.setdefault(demonym, Form(c.iso3, "demonym"))
            if not demonym.endswith(("s", "sh", "ch", "ese")):
                forms.setdefault(demonym + "s", Form(c.iso3, "people"))
    return forms


@lru_cache(maxsize=1)
def country_pattern() -> re.Pattern:
    names = sorted(country_forms(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])")


DOTTED = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,3})(?![\w])")


def abbreviation_country(dotted: str) -> str | None:
    """'U.S.' or 'U.K.': the country whose two-letter code or short name the letters spell."""
    letters = dotted.replace(".", "")
    for c in countries().values():
        if letters == c.iso2 or letters in c.alt_names:
            return c.iso3
    return None


@lru_cache(maxsize=1)
def cities_by_name() -> dict[str, tuple[dict, int]]:
    """City name -> (the most populous city of that name, how many cities share it)."""
    from newscase.reach.geofiles import load_cities

    best: dict[str, tuple[dict, int]] = {}
    for row in load_cities().to_dict("records"):
        name = str(row["name"])
        known = best.get(name)
        if known is None:
            best[name] = (row, 1)
        else:
            top = row if row["population"] > known[0]["population"] else known[0]
            best[name] = (top, known[1] + 1)
    return best
