"""Claims: one per clause of each sentence, plus one per attributed quote, with who makes them
(attribution cues), what they are for (claim-type cues) and the hedge words they carry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newscase.authoring.drafting.actors import SAY, Actor, Found
from newscase.authoring.drafting.quotes import Quote
from newscase.authoring.drafting.spans import Sentence

#: Where a sentence splits into clauses that make separate claims.
CLAUSE_BREAK = re.compile(r"; |, (?=(?:with|but|while|though|although|whereas|allowing|citing|"
                          r"where|including|as|after|and (?:has|have|is|are|was|were|will))\b)|"
                          r"^(?:However|Meanwhile|Despite [^,]+|While [^,]+), ")
HEDGES = re.compile(
    r"\b(?:likely|unlikely|could|may|might|reportedly|allegedly|apparently|possibly|perhaps|"
    r"probably|up to|about|around|approximately|roughly|nearly|almost|some|more than|at least|"
    r"as many as|appears?|appeared|seems?|seemed|suggests?|suggested|potential|poised|"
    r"expected|fears?|reports of|primarily|mainly|largely|in the coming (?:days|weeks)|soon|"
    r"believed to|estimated|unclear|uncertain)\b")
ANON_OFFICIAL = re.compile(r"\bofficials?\b|\baides?\b|\bdiplomats?\b|condition of anonymity|"
                           r"not to be (?:named|identified)", re.IGNORECASE)
ANONYMITY = re.compile(r"condition of anonymity|not to be (?:named|identified)|"
                       r"declined to be named", re.IGNORECASE)
SOURCES = re.compile(r"\b(?:sources?|people|persons?) (?:familiar|close|briefed)\b|"
                     r"\bsources?\b", re.IGNORECASE)
REPORTS = re.compile(r"\breports? (?:of|that|say|said|suggest)|\breportedly\b|"
                     r"\baccording to (?:media |local |news )?reports\b|\bit (?:is|was) reported\b",
                     re.IGNORECASE)
STANCE_VERBS = re.compile(rf"{SAY.pattern}|\b(?:issued|fears?|argue|see|sees|described)\b")
TYPE_CUES = (
    ("threat", re.compile(r"\bthreat(?:s|en|ened|ening)?\b", re.IGNORECASE)),
    ("warning", re.compile(r"\bwarn(?:s|ed|ing|ings)?\b", re.IGNORECASE)),
    ("conditional", re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)),
    ("prediction", re.compile(r"\b(?:will|would|expected|poised|likely|set to|going to|plans? to|"
                              r"may|might|could|pledged|vowed|promised|in the coming)\b")),
    ("opinion", re.compile(r"\b(?:praised|criticized|criticised|critical|argue[sd]?|believes?|"
                           r"thinks?|welcomed|should|must|uncertain|significant|necessary|"
                           r"too late|see it as|wary|divided)\b")),
)
ATTRIBUTION_BY_KIND = {"person": "named-on-record", "group": "group", "country": "organisation",
                       "government": "organisation", "legislature": "organisation",
                       "military": "organisation", "organisation": "organisation"}


@dataclass
class Claim:
    span: tuple[int, int]
    attribution: str = "reporter"
    also: list[str] = field(default_factory=list)
    by: list[Actor] = field(default_factory=list)
    claim_type: str = "fact"
    hedges: list[str] = field(default_factory=list)
    rule: str = ""


def clauses(text: str, sent: Sentence, quotes: list[Quote]) -> list[tuple[int, int]]:
    cuts = [sent.start]
    for match in CLAUSE_BREAK.finditer(sent.text):
        at = sent.start + match.start()
        if any(q.start <= at < q.end for q in quotes):
            continue
        cuts += [at, sent.start + match.end()]
    cuts.append(sent.end)
    spans = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=True):
        while end > start and text[end - 1] in ".!? ":
            end -= 1
        if len(text[start:end].split()) >= 3:
            spans.append((start, end))
    return spans


def claim_type(words: str) -> str:
    return next((kind for kind, cue in TYPE_CUES if cue.search(words)), "fact")


def hedges(words: str) -> list[str]:
    return list(dict.fromkeys(m.group() for m in HEDGES.finditer(words)))


def attribute(text: str, span: tuple[int, int], found: Found, quotes: list[Quote]) -> Claim:
    words = text[span[0]:span[1]]
    claim = Claim(span, claim_type=claim_type(words), hedges=hedges(words))
    outside = [(m, a) for a in found.actors.values() for m in a.mentions
               if span[0] <= m[0] < span[1] and not any(q.start <= m[0] < q.end for q in quotes)]
    verb = STANCE_VERBS.search(words)
    unnamed = ANONYMITY.search(words) is not None
    anonymous = [a for _, a in outside if a.rule == "anonymous" or
                 (a.kind == "group" and (unnamed or ANON_OFFICIAL.search(a.name)))]
    if verb and anonymous:
        first = "anonymous-official" if any(ANON_OFFICIAL.search(a.name) for a in anonymous) \
            else "sources-familiar"
        claim.attribution = first
        if first == "anonymous-official" and SOURCES.search(words):
            claim.also = ["sources-familiar"]
        claim.by = list(dict.fromkeys(anonymous))
        claim.rule = f"unnamed sources and the verb '{verb.group()}'"
        return claim
    if verb and outside:
        point = span[0] + verb.start()
        before = [(m, a) for m, a in outside if m[0] < point]
        people = [(m, a) for m, a in before if a.kind == "person"]
        if before:  # the subject: the first person before the verb, else the first actor
            actor = min(people or before, key=lambda ma: ma[0][0])[1]
        else:  # '..., said <name>': the nearest actor after the verb, people first
            after = [(m, a) for m, a in outside if a.kind == "person"] or outside
            actor = min(after, key=lambda ma: ma[0][0] - point)[1]
        claim.by = [actor]
        claim.attribution = ATTRIBUTION_BY_KIND.get(actor.kind, "organisation")
        claim.rule = f"'{actor.name}' next to the verb '{verb.group()}'"
        return claim
    reports = REPORTS.search(words)
    if reports:
        claim.attribution = "unattributed-reports"
        claim.rule = f"the cue '{reports.group()}' with no one named"
        return claim
    claim.rule = "no one is cited, so the reporter"
    return claim


def quote_claim(quote: Quote) -> Claim | None:
    if quote.speaker is None or quote.kind != "direct":
        return None
    claim = Claim(quote.inner, by=[quote.speaker], rule=f"a direct quote of '{quote.speaker.name}'")
    claim.attribution = ATTRIBUTION_BY_KIND.get(quote.speaker.kind, "organisation")
    return claim


def find_claims(text: str, sents: list[Sentence], found: Found, quotes: list[Quote]) -> list[Claim]:
    claims = []
    for quote in quotes:
        claim = quote_claim(quote)
        if claim is not None:
            words = text[claim.span[0]:claim.span[1]]
            claim.claim_type, claim.hedges = claim_type(words), hedges(words)
            claims.append(claim)
    for sent in sents:
        for span in clauses(text, sent, quotes):
            inside = [q for q in quotes if q.start >= span[0] and q.end <= span[1] + 1]
            rest = text[span[0]:span[1]]
            for q in inside:
                rest = rest.replace(text[q.start:q.end], " ")
            if inside and all(q.kind == "direct" for q in inside) and SAY.search(rest) \
                    and len(rest.split()) <= 10:
                continue  # only the attribution of a quote claimed above
            claims.append(attribute(text, span, found, quotes))
    return claims
