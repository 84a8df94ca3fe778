"""Quotations: straight "…" and curly “…” double quotes, and single curly ‘…’ ones when they
open after a space and close before one (so an apostrophe never opens a quote)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscase.authoring.drafting import gazetteer
from newscase.authoring.drafting.actors import SAY, Actor, Found
from newscase.authoring.drafting.spans import Sentence, sentence_at

CURLY = re.compile(r"“([^”\n]+)”")
STRAIGHT = re.compile(r"\"([^\"\n]+)\"")
SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(—–-]))‘([^’‘\n]+?(?:\s[^’‘\n]+?)+)’(?=[\s.,;:!?)—–-]|$)",
                    re.MULTILINE)
CHANNEL = re.compile(
    r"\b(?:in|during) (?:a|an|his|her|their|its|the) ((?:[a-z-]+ ){0,3}?(?:address|statement|"
    r"interview|speech|post|briefing|conference|message|video|op-ed|letter|broadcast|remarks|"
    r"comments|press release|podcast|column))\b"
    r"|\bon ((?:state )?(?:television|TV|radio)|[A-Z][\w.]+)"
    r"|\btold ([A-Z][\w.]+(?: [A-Z][\w.]+){0,3})")
NOT_A_CHANNEL = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                 "January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"}
TRANSLATED = re.compile(r"\b(?:translated|translation|interpreter|through an interpreter)\b",
                        re.IGNORECASE)
SPOKE_IN = re.compile(r"\b(?:said|spoke|speaking|wrote|writing|posted|told \w+) in ([A-Z][a-z]+)")
TRAILING = ",;: \t"


@dataclass
class Quote:
    start: int  # the opening mark
    end: int  # after the closing mark
    inner: tuple[int, int]  # the quoted words, without marks or a trailing comma
    kind: str = "partial"
    speaker: Actor | None = None
    channel: str = "not stated"
    translated: str = "unlikely"
    note: str = ""
    rule: str = ""


def find_quotes(text: str) -> list[Quote]:
    quotes = []
    for pattern, rule in ((CURLY, "curly double quotation marks"),
                          (STRAIGHT, "straight double quotation marks"),
                          (SINGLE, "single curly quotation marks")):
        for match in pattern.finditer(text):
            if any(q.start < match.end() and match.start() < q.end for q in quotes):
                continue
            start, end = match.span(1)
            while end > start and text[end - 1] in TRAILING:
                end -= 1
            while start < end and text[start].isspace():
                start += 1
            if end > start:
                quotes.append(Quote(match.start(), match.end(), (start, end), rule=rule))
    return sorted(quotes, key=lambda q: q.start)


def describe(text: str, quotes: list[Quote], sents: list[Sentence], found: Found) -> None:
    """Fill in each quote's kind, speaker, channel and translation guess."""
    for quote in quotes:
        sent = sentence_at(sents, quote.start)
        if sent is None:
            continue
        words = text[quote.inner[0]:quote.inner[1]]
        lead = text[sent.start:quote.start].rstrip()
        opens_clause = lead == "" or lead.endswith((",", ":"))
        quote.kind = ("direct" if words[:1].isupper() and opens_clause and len(words.split()) >= 3
                      else "partial")
        quote.speaker = speaker(text, quote, sent, sents, found)
        outside = text[sent.start:quote.start] + " " + text[quote.end:sent.end]
        quote.channel = channel(outside)
        quote.translated, quote.note = translation(outside)


def speaker(text: str, quote: Quote, sent: Sentence, sents: list[Sentence],
            found: Found) -> Actor | None:
    """The actor nearest a verb of saying in the quote's sentence, people first; else the
    nearest person in the sentence before or after."""
    mentions = [(m, a) for a in found.actors.values() for m in a.mentions
                if sent.start <= m[0] < sent.end and not quote.start <= m[0] < quote.end]
    verbs = [sent.start + v.start() for v in SAY.finditer(sent.text)
             if not quote.start <= sent.start + v.start() < quote.end]
    if mentions:
        point = verbs[0] if verbs else quote.start
        people = [(m, a) for m, a in mentions if a.kind == "person"]
        pool = people or mentions
        return min(pool, key=lambda ma: abs(ma[0][0] - point))[1]
    index = sents.index(sent)
    for other in (sents[index - 1] if index else None,
                  sents[index + 1] if index + 1 < len(sents) else None):
        if other is None:
            continue
        people = [a for a in found.actors.values() if a.kind == "person"
                  and any(other.start <= m[0] < other.end for m in a.mentions)]
        if people and SAY.search(other.text):
            return people[0]
    return None


def channel(outside: str) -> str:
    for match in CHANNEL.finditer(outside):
        value = next(g for g in match.groups() if g)
        if value.rstrip(".") not in NOT_A_CHANNEL:
            return value.rstrip(".,")
    return "not stated"


def is_language(word: str) -> bool:
    """'Arabic', 'Japanese', or a demonym used for a language; never English, a country or a
    city."""
    form = gazetteer.country_forms().get(word)
    if word == "English" or (form is not None and form.kind != "demonym"):
        return False
    return form is not None or re.search(r"(?:ic|ish|ese)$", word) is not None


def translation(outside: str) -> tuple[str, str]:
    cue = TRANSLATED.search(outside)
    spoke = SPOKE_IN.search(outside)
    if spoke and is_language(spoke.group(1)):
        cue = spoke
    if cue:
        return "likely", (f"Drafted: the text says '{cue.group()}', so the English words are "
                          "likely a translation; a person must check.")
    return "unlikely", ("Drafted: nothing in the text says these words were translated, so "
                        "'unlikely' is the default; a person must check which language the "
                        "speaker used.")
