"""Time phrases, each with the general rule of ``newscase.timeline.resolver`` that dates it.

A phrase is kept only if the resolver can use it: with the article's date known, it must
resolve from that date; without it, it must carry what its rule needs (a written-out date for
stated-date, a weekday for weekday, a stated date to count from for months-before).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newscase.data.time_rules import STATED_DATE, WEEKDAYS, normalise, stated_date_in
from newscase.timeline.resolver import NUMBER_WORDS, Phrase, TimeResolver

IRREGULAR = (r"been|come|gone|done|made|said|taken|given|seen|become|begun|won|lost|sent|told|"
             r"held|left|kept|brought|bought|built|met|paid|put|run|set|shown|spent|struck|"
             r"fought|found|got|gotten|known|led|read|thought|written|hit|cut|let|grown|drawn|"
             r"flown|thrown|sold|stood|fallen|risen|driven|spoken|chosen|broken|stolen|"
             r"withdrawn|undertaken|sought|caught|taught|felt|heard|meant|dealt|sworn|shot|fled|"
             r"laid|sat|spread|hurt|quit|begun|forgotten|hidden")
ADVERBS = r"(?: (?:\w+ly|already|long|just|now|also|since|never|ever|so far|recently))*"
PERFECT = re.compile(rf"\b(?:has|have|had){ADVERBS} (?:been \w+|{IRREGULAR}|\w+ed)\b")
NOT_YET = re.compile(r"\b(?:has|have|had)(?: not|n’t|n't)(?: yet)?(?: \w+ly)? \w+"
                     r"|\b(?:has|have) yet to \w+")
_WEEKDAY = "|".join(WEEKDAYS)
DETECTORS = (
    ("weekday", re.compile(rf"\bon ({_WEEKDAY})\b")),
    ("today", re.compile(r"\btoday\b", re.IGNORECASE)),
    ("yesterday", re.compile(r"\byesterday\b", re.IGNORECASE)),
    ("tomorrow", re.compile(r"\btomorrow\b", re.IGNORECASE)),
    ("coming-days", re.compile(r"\b(?:in|over|within) (?:the )?coming days\b", re.IGNORECASE)),
    ("last-week", re.compile(r"\blast week\b", re.IGNORECASE)),
    ("next-week", re.compile(r"\bnext week\b", re.IGNORECASE)),
    ("not-yet", NOT_YET),
    ("done-by", PERFECT),
    ("done-by", re.compile(r"\b(?:follows|comes after|came after) \w+")),
    ("habit", re.compile(r"\b(?:(?:in|on|during) (?:his|her|its|their|a|the) )?"
                         r"(?:nightly|daily|weekly|monthly) \w+")),
    ("same-time", re.compile(r"\b(?:Meanwhile|meanwhile|At the same time|at the same time)\b")),
    ("stated-date", STATED_DATE),
)
MONTHS_BEFORE = re.compile(r"\b(?:(?:just|about|some|nearly|almost) )?(\w+) (?:calendar )?months? "
                           r"before\b")
UNTIL = re.compile(r"\b(?:until|till|up to) (?=" + STATED_DATE.pattern.removeprefix(r"\b") + ")")


@dataclass
class TimePhrase:
    start: int
    end: int
    rule: str
    anchor: TimePhrase | None = None
    count: int | None = None
    id: str = ""
    evidence: str = ""


def number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.index(word.lower()) if word.lower() in NUMBER_WORDS else None


def detect(text: str, sentence_of) -> list[TimePhrase]:
    """Every phrase the detectors find, leftmost-longest, none overlapping another."""
    found: list[TimePhrase] = []

    def free(start, end):
        return not any(p.start < end and start < p.end for p in found)

    for rule, pattern in DETECTORS:
        for match in pattern.finditer(text):
            if free(*match.span()):
                found.append(TimePhrase(*match.span(), rule))
    stated = [p for p in found if p.rule == "stated-date"]
    for match in MONTHS_BEFORE.finditer(text):
        count = number(match.group(1))
        sent = sentence_of(match.start())
        anchor = next((p for p in stated if sent and sent.start <= p.start < sent.end
                       and p.start > match.start()), None)
        if count and anchor and free(*match.span()):
            found.append(TimePhrase(*match.span(), "months-before", anchor=anchor, count=count))
    for match in UNTIL.finditer(text):
        anchor = next((p for p in stated if p.start == match.end()), None)
        if anchor and free(match.start(), match.end() - 1):
            found.append(TimePhrase(match.start(), match.end() + (anchor.end - anchor.start),
                                    "until-stated-date", anchor=anchor))
    return sorted(found, key=lambda p: p.start)


def usable(phrases: list[TimePhrase], article_date: dt.date | None) -> list[TimePhrase]:
    """The phrases the resolver accepts, with distinct wordings (as validation asks)."""
    seen, kept = set(), []
    # Stated dates first: the phrases anchored to them need them.
    for phrase in sorted(phrases, key=lambda p: p.rule != "stated-date"):
        key = normalise(phrase.evidence)
        if not phrase.evidence or key in seen:
            continue
        if phrase.anchor is not None and phrase.anchor not in kept:
            continue
        if phrase.rule == "stated-date" and stated_date_in(phrase.evidence) is None:
            continue
        if article_date is not None and resolution(phrase, kept, article_date) is None:
            continue
        seen.add(key)
        kept.append(phrase)
    return sorted(kept, key=lambda p: p.start)


def as_phrase(phrase: TimePhrase) -> Phrase:
    return Phrase(phrase.evidence, phrase.rule, (), phrase.id,
                  phrase.anchor.id if phrase.anchor else "", phrase.count)


def resolution(phrase: TimePhrase, others: list[TimePhrase], article_date: dt.date):
    resolver = TimeResolver(tuple(as_phrase(p) for p in [*others, phrase]))
    try:
        return resolver.resolve(phrase.evidence, article_date)
    except (ValueError, TypeError, KeyError):
        return None
