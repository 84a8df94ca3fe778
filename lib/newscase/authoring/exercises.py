"""Draft Try-it exercises from an article's own data, for the generic lesson kinds.

``draft_exercises(article)`` returns rows of exercises.csv (every column a string, each marked
as machine-drafted) for each kind whose data the article has: a quote to count, a hedged claim,
claims to classify, dated events to order, a time phrase, a weapon's range, and so on. The
params name only what to ask about; the topic's checker works the answer out from the data, and
the prompt never states it. A teacher reviews the rows like any other drafted row.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from newscase.authoring.review import mark_drafted
from newscase.data import Article

# Hedge words to offer beside a claim's own, as the wrong options of a choice.
DISTRACTOR_HEDGES = ("likely", "reportedly", "up to", "could", "may", "about", "possibly")
# The Brier score worked by hand needs no data: the lesson's own example.
BRIER_EXAMPLE = {"probability": 0.7, "happened": False}
# Rules whose dates move with the reader's day teach the reference date best; other rules next.
MOVING_RULES = ("coming-days", "weekday", "tomorrow", "yesterday", "next-week", "last-week")


def draft_exercises(article: Article) -> list[dict[str, str]]:
    """exercises.csv rows for the kinds the article's data supports, each ``mark_drafted``."""
    drafts = [quote_count(article), hedge_choice(article), article_date(article, "reading"),
              attributions(article), silent_actor(article), event_order(article),
              phrase_date(article), date_basis(article), events_on_day(article),
              article_date(article, "timeline"), miles_to_km(article), *reach_rows(article),
              both_sides(article), claim_types(article),
              escalation_claimants(article), brier(), discussion()]
    return [mark_drafted(row) for row in drafts if row is not None]


def row(key: str, kind: str, params: dict | None, prompt: str) -> dict[str, str]:
    return {"key": key, "kind": kind, "params": json.dumps(params) if params else "",
            "explanation": "", "prompt": prompt, "review": ""}


def table(article: Article, name: str) -> pd.DataFrame:
    return article.tables.get(name, pd.DataFrame())


def quote_count(article: Article):
    if table(article, "quotes").empty:
        return None
    return row("reading.quote-count", "count", {"table": "quotes"},
               "Count the passages in quotation marks that the article gives to a speaker, "
               "whole sentences or just a few words. Replace None with your number.")


def hedge_choice(article: Article):
    """A claim with exactly one coded hedge, offered among two hedges it does not use."""
    for claim in article.claims.to_dict("records"):
        hedges = claim["hedges"]
        if len(hedges) != 1 or hedges[0] not in article.text:
            continue
        others = [h for h in DISTRACTOR_HEDGES if h != hedges[0]
                  and h not in claim["evidence"].lower()][:2]
        options = sorted([hedges[0], *others])
        return row("reading.hedge-choice", "hedge-choice",
                   {"claim": claim["id"], "options": options},
                   f"Claim {claim['id']} is hedged: one word or phrase in it softens what it "
                   f"claims. Which is it: {', '.join(options)}? Find the claim in art.claims or "
                   "in the highlighter, and type the hedge in quotes.")
    return None


def date_is_known(article: Article) -> bool:
    from newscase.timeline.checks import date_known

    return date_known(article)


def article_date(article: Article, topic: str):
    if not date_is_known(article):
        return None
    return row(f"{topic}.article-date", "article-date", None,
               "On what date was the article written? Use its time clues, and the sources the "
               "course cites if the text cannot decide. Type the date in quotes, as YYYY-MM-DD.")


def distinct_by(claims: pd.DataFrame, column: str, count: int = 3) -> list[str]:
    """Up to ``count`` claim ids with different codes in ``column`` and no second code."""
    chosen, codes = [], set()
    also = f"{column}_also"
    for claim in claims.to_dict("records"):
        code = claim[column]
        if isinstance(code, str) and code not in codes and not claim.get(also):
            chosen.append(claim["id"])
            codes.add(code)
        if len(chosen) == count:
            break
    return chosen


def attributions(article: Article):
    claims = distinct_by(article.claims, "attribution")
    if len(claims) < 2:
        return None
    return row("actors.attributions", "attributions", {"claims": claims},
               f"Read claims {', '.join(claims)} and give each its attribution type: who is it "
               "that the article says makes the claim, and are they named?")


def silent_actor(article: Article):
    from newscase.actors.checks import silent_actors

    if article.actors.empty or "quotes" not in article.tables or silent_actors(article).empty:
        return None
    return row("actors.silent-actor", "silent-actor", None,
               "One actor's stance is clear from what it did, yet it never speaks in the article, "
               "not even in reported speech. Who is it? Type its name between the quotes.")


def timeline_events(article: Article) -> pd.DataFrame:
    from newscase.timeline.frames import timeline_frame

    return timeline_frame(article.events)


def event_order(article: Article):
    """Three events dated to a day (or about one), on three different days."""
    events = timeline_events(article)
    exact = events[events["precision"].isin(["day", "approximate"])]
    exact = exact.drop_duplicates("date")
    if len(exact) < 3:
        return None
    picks = list(exact["id"].iloc[[0, len(exact) // 2, -1]])
    shown = sorted(picks)[::-1] if sorted(picks) == picks else sorted(picks)
    return row("timeline.event-order", "event-order", {"events": shown},
               f"Put events {', '.join(shown)} in order, earliest first. Read each in art.events "
               "or on the timeline, then give a list of their ids.")


def phrase_date(article: Article):
    """A phrase of the article whose date moves when it is read a day later."""
    from newscase.timeline.resolver import resolver_for

    if not date_is_known(article):
        return None
    resolver = resolver_for(article)
    later = article.date + dt.timedelta(days=1)
    ranked = sorted(resolver.phrases, key=lambda p: (
        MOVING_RULES.index(p.rule) if p.rule in MOVING_RULES else len(MOVING_RULES)))
    for phrase in ranked:
        try:
            then, now = resolver.resolve(phrase.wording, later), resolver.resolve(
                phrase.wording, article.date)
        except ValueError:
            continue
        if then.date is not None and then.date != now.date:
            return row("timeline.phrase-date", "phrase-date",
                       {"phrase": phrase.wording, "reference": later.isoformat()},
                       f"Suppose a paper printed this text unchanged on {later:%A %d %B %Y}. "
                       f"For its readers, what date does '{phrase.wording}' mean? If the phrase "
                       "has no end, give its earliest day; if no start, its latest. Type the "
                       "date in quotes, as YYYY-MM-DD.")
    return None


def date_basis(article: Article):
    events = timeline_events(article)
    if events.empty:
        return None
    event = events.iloc[0]["id"]
    return row("timeline.date-basis", "date-basis", {"event": event},
               f"Is the date of event {event} stated in the article, inferred from a clue, or "
               "from an outside source? Type stated, inferred or outside source.")


def events_on_day(article: Article):
    if not date_is_known(article) or timeline_events(article).empty:
        return None
    day = article.date.isoformat()
    return row("timeline.events-on-day", "events-on-day", {"day": day},
               f"Move the slider to {article.date:%d %B %Y}, the article's date. How many events "
               "may fall on that day? Replace None with your number.")


def miles_to_km(article: Article):
    weapons = table(article, "weapons")
    if weapons.empty:
        return None
    stated = weapons.dropna(subset=["range_mi", "range_km"])
    if stated.empty:
        return None
    weapon = stated.iloc[0]
    return row("reach.miles-to-km", "miles-to-km", {"weapon": weapon["id"]},
               f"The article gives the range of {weapon['name']} in miles. Work it out in km "
               "(1 mile is 1.609344 km), and replace None with your number.")


def reach_rows(article: Article) -> list[dict[str, str] | None]:
    """In reach from the map's first origin (two places in reach, the nearest beyond) and, when
    that origin is the border, how far that nearest place beyond is from it: from the map of
    the article's first weapon, if it has one."""
    from newscase.present.missing import Missing
    from newscase.reach.mapframe import MapFrameError
    from newscase.reach.views import range_view

    weapons = table(article, "weapons")
    if weapons.empty:
        return []
    try:
        view = range_view(article)
    except MapFrameError:  # the map's data does not hold together: no map to ask about
        return []
    if isinstance(view, Missing):
        return []
    beyond = view.summary.nearest_out_of_reach
    inside = list(view.summary.largest["name"][:2])
    if beyond is None or not inside:
        return []
    origin = "border" if view.origin.is_border else view.origin.label
    measured_from = "the border" if view.origin.is_border else view.origin.label
    weapon, name = weapons.iloc[0]["id"], beyond["name"]
    options = sorted([*inside, name])
    rows = [row("reach.in-reach", "in-reach", {"weapon": weapon, "origin": origin,
                                               "options": options},
                f"Which of {', '.join(options)} lie within the range of "
                f"{weapons.iloc[0]['name']}, measured from {measured_from}? Give a list of "
                "names, or [] if none is in reach.")]
    if view.origin.is_border:
        rows.append(row("reach.border-distance", "border-distance",
                        {"weapon": weapon, "place": name},
                        f"How far is {name} from the nearest point of the border, in km? "
                        "Replace None with a whole number."))
    return rows


def both_sides(article: Article):
    from newscase.escalation.arguments import argument_graph, speakers_on_both_sides

    if table(article, "arguments").empty:
        return None
    nodes, _ = argument_graph(article.arguments, article.actors)
    if not speakers_on_both_sides(nodes):
        return None
    return row("escalation.both-sides", "both-sides", None,
               "Find every speaker with at least one argument for the decision and another "
               "against it; the reporter counts as a speaker. Give a list of names.")


def claim_types(article: Article):
    claims = distinct_by(article.claims, "claim_type")
    if len(claims) < 2:
        return None
    return row("escalation.claim-types", "claim-types", {"claims": claims},
               f"Read claims {', '.join(claims)} and give each its type: what are its words for?")


def escalation_claimants(article: Article):
    from newscase.escalation.ladder import escalation_claimants as claimants

    views = table(article, "escalation_views")
    for event in dict.fromkeys(views.get("event", [])):
        if claimants(article, event):
            return row("escalation.claimants", "escalation-claimants", {"event": event},
                       f"Which actors does the article report calling event {event} an "
                       "escalation, in their own words or in the reporter's account of them? "
                       "List them all.")
    return None


def brier():
    return row("escalation.brier", "brier", BRIER_EXAMPLE,
               "A forecaster gave 70 % to a question whose answer turned out to be no. What is "
               "their Brier score on that question? Replace None with your number.")


def discussion():
    return row("escalation.discussion", "discussion", None,
               "Write your answer to one of the discussion questions, and quote at least five "
               "words in a row from the article to back it.")
