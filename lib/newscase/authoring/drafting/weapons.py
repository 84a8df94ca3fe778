"""Weapons with a stated range: a range in miles and/or kilometres near a weapon noun, and the
name the text gives that weapon (the capitalised name or acronym before the noun)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscase.authoring.drafting.actors import FUNCTION_WORDS, WEAPON_NOUNS, Actor, Found
from newscase.authoring.drafting.spans import Sentence, sentence_at

KM_PER_MILE = 1.609344
NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
MILES = r"miles?|mi"
KM = r"kilomet(?:er|re)s?|km"
QUALIFIER = r"up to|as far as|as much as|a maximum of|at least|more than|over|about|around|" \
            r"some|nearly|roughly|approximately"
RANGE = re.compile(
    rf"(?:(?P<q>{QUALIFIER}) )?(?P<n1>{NUM})[ -]?(?P<u1>{MILES}|{KM})\b"
    rf"(?: \((?:(?:{QUALIFIER}) )?(?P<n2>{NUM})[ -]?(?P<u2>{MILES}|{KM})\))?"
    rf"(?:[ -]range)?")
RANGE_CUE = re.compile(r"\brange\b|\breach\b|\bstrike targets\b|\bcan fly\b|\bfly\b",
                       re.IGNORECASE)
WEAPON = re.compile(rf"\b(?:{WEAPON_NOUNS})\b", re.IGNORECASE)
NAMED_WEAPON = re.compile(rf"\b([A-Z][\w-]*(?:[ -][A-Z0-9][\w-]*)?)\s+({WEAPON_NOUNS})\b")
SUPPLIER = re.compile(r"(\S+)-(?:supplied|made|built|provided|produced)\b|"
                      r"\b(?:supplied|provided|made|built|produced) by (?:the )?(\S+(?: \S+)?)")


@dataclass
class Weapon:
    name: str
    term: str
    miles: str
    km: str
    qualifier: str
    supplier: Actor | None
    span: tuple[int, int]
    converted: str = ""


def _value(number: str) -> float:
    return float(number.replace(",", ""))


def _show(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def find_weapons(text: str, sents: list[Sentence], found: Found) -> list[Weapon]:
    weapons: list[Weapon] = []
    for match in RANGE.finditer(text):
        sent = sentence_at(sents, match.start())
        if sent is None or not (RANGE_CUE.search(sent.text) or match.group().endswith("range")):
            continue
        term_match = WEAPON.search(sent.text)
        if term_match is None:
            continue
        miles = km = None
        for n, u in (("n1", "u1"), ("n2", "u2")):
            if match.group(n):
                if re.fullmatch(MILES, match.group(u)):
                    miles = _value(match.group(n))
                else:
                    km = _value(match.group(n))
        converted = ""
        if miles is None:
            miles, converted = km / KM_PER_MILE, "miles"
        if km is None:
            km, converted = miles * KM_PER_MILE, "km"
        qualifier = match.group("q") or ""
        kind = ("maximum" if qualifier in ("up to", "as far as", "as much as", "a maximum of")
                else "minimum" if qualifier in ("at least", "more than", "over") else "typical")
        term = term_match.group()
        name, supplier_at = weapon_name(text, sent.start + term_match.start(), term)
        weapons.append(Weapon(name, term, _show(miles), _show(km), kind,
                              supplier(text, sents, found, supplier_at, sent),
                              (min(sent.start + term_match.start(), match.start()), match.end()),
                              converted))
    return weapons


def weapon_name(text: str, term_at: int, term: str) -> tuple[str, int]:
    """The capitalised name before the weapon noun here, or before the same noun earlier."""
    named = [m for m in NAMED_WEAPON.finditer(text, 0, term_at + len(term))
             if m.group(2).rstrip("s").lower() == term.rstrip("s").lower()
             and m.group(1).split()[0] not in FUNCTION_WORDS]
    if named:
        last = named[-1]
        return last.group(1), last.start()
    apposition = re.compile(rf"\b(?:{WEAPON_NOUNS}), (?:the |a |an )?([A-Z][\w-]+)")
    apposed = [m for m in apposition.finditer(text, 0, term_at)
               if m.group().split(",")[0].rstrip("s").lower() == term.rstrip("s").lower()
               or term.lower().rstrip("s") in m.group().lower()]
    if apposed:
        return apposed[-1].group(1), apposed[-1].start()
    return term[:1].upper() + term[1:], term_at


def supplier(text: str, sents, found: Found, at: int, sent: Sentence) -> Actor | None:
    """Who supplies it: '<X>-supplied', 'made by X' (in its sentence or the next); else the
    nearest country or military actor in the sentence that names the weapon."""
    home = sentence_at(sents, at) or sent
    index = sents.index(home)
    following = sents[index + 1].end if index + 1 < len(sents) else home.end
    for match in SUPPLIER.finditer(text, home.start, following):
        span = match.span(1) if match.group(1) else match.span(2)
        actors = found.at(*span)
        if actors:
            return actors[0]
    window = (home.start, home.end)
    near = [(m, a) for a in found.actors.values() for m in a.mentions
            if window[0] <= m[0] < window[1] and a.kind in ("country", "military", "government")]
    if near:
        return min(near, key=lambda ma: abs(ma[0][0] - at))[1]
    return None
