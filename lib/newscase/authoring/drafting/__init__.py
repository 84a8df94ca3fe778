"""A rule-based first draft of an article's annotation: no model, no download.

``draft_tables(text, article_date)`` returns rows for actors, quotes, claims, events,
time_phrases, places and weapons (and a ``sources`` row for the gazetteer when a drafted place
cites it), each row with every canonical column as a string and marked as machine-drafted
(``newscase.authoring.review.mark_drafted``). Every evidence is a verbatim span found exactly once
in the text; a row whose span cannot be made unique is left out. Notes say which rule fired; the
drafter never codes a stance or a fact it cannot point at. A person confirms each row.
"""

from __future__ import annotations

import datetime as dt

from newscase.authoring.drafting.actors import Actor, find_actors
from newscase.authoring.drafting.claims import clauses, find_claims
from newscase.authoring.drafting.events import date_event
from newscase.authoring.drafting.places import GEONAMES, GEONAMES_SOURCE, find_places
from newscase.authoring.drafting.quotes import describe, find_quotes
from newscase.authoring.drafting.spans import Ids, evidence, sentence_at, sentences
from newscase.authoring.drafting.times import detect, usable
from newscase.authoring.drafting.weapons import find_weapons
from newscase.authoring.review import mark_drafted
from newscase.data.contract import canonical

#: Which of several phrases in one clause dates its event: the most precise.
PRECISION_RANK = {"day": 0, "range": 1, "approximate": 2, "before": 3, "after": 4}
TABLES = ("actors", "quotes", "claims", "events", "time_phrases", "places", "weapons")


def columns(table: str) -> list[str]:
    return [f["name"] for f in canonical()[table]["schema"]["fields"]]


def row(table: str, **values) -> dict[str, str]:
    """A row with every canonical column, in order, as strings."""
    cells = {name: values.get(name, "") for name in columns(table)}
    return mark_drafted({k: "" if v is None else str(v) for k, v in cells.items()})


def draft_tables(text: str, article_date: dt.date | None) -> dict[str, list[dict[str, str]]]:
    quotes = find_quotes(text)
    sents = sentences(text, [(q.start, q.end) for q in quotes])
    found = find_actors(text, sents, [q.inner for q in quotes])
    describe(text, quotes, sents, found)

    actor_ids = _actor_ids(text, found.actors.values())
    tables: dict[str, list[dict[str, str]]] = {name: [] for name in TABLES}
    for actor, actor_id in actor_ids.items():
        tables["actors"].append(row(
            "actors", id=actor_id, name=actor.name, aliases="|".join(actor.aliases(text)),
            kind=actor.kind, country=actor.country, role=actor.role,
            stance_note="Drafted: no stance coded; a person must read the text and code one, "
                        "or say why there is none.",
            evidence=actor.evidence))

    quote_ids = Ids()
    for quote in quotes:
        words = text[quote.inner[0]:quote.inner[1]]
        if quote.speaker not in actor_ids or text.count(words) != 1:
            continue
        tables["quotes"].append(row(
            "quotes", id=quote_ids.make(f"quote {len(tables['quotes']) + 1}"),
            speaker=actor_ids[quote.speaker], channel=quote.channel, kind=quote.kind,
            translated=quote.translated, translation_note=quote.note, evidence=words))

    claim_ids, used = Ids(), set()
    for claim in find_claims(text, sents, found, quotes):
        span = evidence(text, *claim.span)
        if span is None or span in used:
            continue
        used.add(span)
        by = [actor_ids[a] for a in claim.by if a in actor_ids]
        attribution = claim.attribution
        if not by and attribution not in ("reporter", "unattributed-reports"):
            attribution, by = "reporter", []
        tables["claims"].append(row(
            "claims", id=claim_ids.make(f"claim {len(tables['claims']) + 1}"),
            asserted_by="|".join(dict.fromkeys(by)), attribution=attribution,
            attribution_also="|".join(a for a in claim.also if a != attribution),
            claim_type=claim.claim_type, hedges="|".join(h for h in claim.hedges if h in span),
            evidence=span, note=f"Drafted: attribution from {claim.rule}; claim type and "
                                "hedges from cue words. A person must check."))

    places = find_places(text, sents, found)
    place_ids = Ids()
    place_rows = {}
    for place in places:
        span = next(filter(None, (evidence(text, *m) for m in place.mentions)), None)
        if span is None:
            continue
        place_id = place_ids.make(place.name)
        place_rows[place_id] = place
        has_point = place.lat is not None
        tables["places"].append(row(
            "places", id=place_id, name=place.name, kind=place.kind,
            lat=place.lat if has_point else "", lon=place.lon if has_point else "",
            coord_source=GEONAMES if has_point else "",
            geonames_id=place.geonames_id or "", note=place.note, evidence=span))
    if any(r["coord_source"] == GEONAMES for r in tables["places"]):
        tables["sources"] = [dict(GEONAMES_SOURCE)]

    _time_and_events(text, sents, quotes, found, actor_ids, place_rows, article_date, tables)

    weapon_ids = Ids()
    for weapon in find_weapons(text, sents, found):
        span = evidence(text, *weapon.span)
        if span is None or weapon.supplier not in actor_ids:
            continue
        tables["weapons"].append(row(
            "weapons", id=weapon_ids.make(weapon.name), name=weapon.name,
            article_term=weapon.term, range_mi=weapon.miles, range_km=weapon.km,
            range_qualifier=weapon.qualifier, supplier=actor_ids[weapon.supplier],
            evidence=span))
    return tables


def _actor_ids(text: str, actors) -> dict[Actor, str]:
    """Ids for the actors whose evidence can be made unique, in order of first mention."""
    ids, result = Ids(), {}
    for actor in sorted(actors, key=lambda a: min(a.mentions)):
        spans = [actor.evidence_span, *sorted(actor.mentions)]
        actor.evidence = next(filter(None, (evidence(text, *s) for s in spans)), None)
        if actor.evidence is not None:
            result[actor] = ids.make(actor.name.removesuffix(" (unnamed)"))
    return result


def _time_and_events(text, sents, quotes, found, actor_ids, place_rows, article_date,
                     tables) -> None:
    phrases = detect(text, lambda offset: sentence_at(sents, offset))
    for phrase in phrases:
        phrase.evidence = evidence(text, phrase.start, phrase.end, max_words=12) or ""
    ids = Ids()
    for phrase in phrases:
        phrase.id = ids.make(phrase.evidence)
    kept = usable(phrases, article_date)
    for phrase in kept:
        tables["time_phrases"].append(row(
            "time_phrases", id=phrase.id, evidence=phrase.evidence, rule=phrase.rule,
            anchor=phrase.anchor.id if phrase.anchor else "", count=phrase.count or ""))
    if article_date is None:
        return
    best: dict[tuple[int, int], tuple] = {}  # one event per clause: its most precise phrase
    for phrase in kept:
        sent = sentence_at(sents, phrase.start)
        spans = clauses(text, sent, quotes) if sent else []
        clause = next((s for s in spans if s[1] > phrase.start), (phrase.start, phrase.end))
        event = date_event(phrase, kept, text[clause[0]:clause[1]], article_date)
        if event is None:
            continue
        if clause not in best or PRECISION_RANK[event.precision] < \
                PRECISION_RANK[best[clause][0].precision]:
            best[clause] = (event, phrase)
    event_ids = Ids()
    for clause, (event, _phrase) in sorted(best.items()):
        span = evidence(text, *clause) or _phrase.evidence
        actors = [actor_ids[a] for a in found.at(*clause) if a in actor_ids]
        places = [pid for pid, p in place_rows.items()
                  if any(clause[0] <= m[0] < clause[1] for m in p.mentions)]
        words = text[clause[0]:clause[1]].split()
        summary = " ".join(words[:25]) + (" …" if len(words) > 25 else "")
        tables["events"].append(row(
            "events", id=event_ids.make(f"event {len(tables['events']) + 1}"),
            date=event.date.isoformat(),
            date_end=event.date_end.isoformat() if event.date_end else "",
            date_precision=event.precision, date_basis=event.basis,
            date_reasoning=event.reasoning, status=event.status,
            summary=f"Drafted from the text: {summary}", actors="|".join(dict.fromkeys(actors)),
            places="|".join(places), evidence=span))
