"""The escalation ladder: where the course places each event, a learner's move, and how
each side reads the events. The sides are the article's (``sides.csv``): the course's grouping
of the actors' countries."""

from __future__ import annotations

import pandas as pd

from newscase.data import Article, actor_names
from newscase.data.rules import MOVERS_NOT_SIDES
from newscase.present.missing import needs

READINGS = {"escalation": "an escalation", "response": "a response",
            "risk": "a risk of escalation"}
NOT_STATED = "not stated in the article"
BOTH_SIDES, NO_SIDE = MOVERS_NOT_SIDES
MOVER_LABELS = {BOTH_SIDES: "Moves by both sides", NO_SIDE: "Moves by actors with no side"}


def article_sides(article: Article) -> pd.DataFrame:
    """The article's sides of the conflict, in their table's order; a clear error without them."""
    if "sides" not in article.tables:
        raise LookupError("This article has no sides table, so the lesson cannot say whose move "
                          "an event is or how each side reads it. Add sides.csv to the article "
                          "folder (one row per side: id, label, mover_label, countries, reason, "
                          "evidence) with its resource in datapackage.json.")
    return article.sides


def mover(actor_ids: list[str], actors: pd.DataFrame, sides: pd.DataFrame) -> str:
    """The side whose move an event is, from its actors' countries: a side's id, or
    'both'/'unknown' when the actors are on several sides or none."""
    countries = actors.set_index("id")["country"]
    side_of = {country: side for side, listed in zip(sides["id"], sides["countries"], strict=True)
               for country in listed}
    found = {side_of.get(countries.get(a)) for a in actor_ids} - {None}
    if len(found) == 1:
        return found.pop()
    return BOTH_SIDES if found else NO_SIDE


def ladder_frame(article: Article) -> pd.DataFrame:
    """The course's placement of each event on the ladder, with rung, mover and evidence.

    ``mover`` is a side's id, 'both' or 'unknown'; ``mover_label`` names it for a legend and
    ``mover_order`` is its side's place in the article's sides (1, 2, …; blank for 'both' and
    'unknown'), so a chart of this frame needs no other table.
    """
    sides = article_sides(article)
    ladder = article.ladder.rename(columns={"id": "rung_id", "name": "rung_name"})
    events = article.events.set_index("id")
    frame = article.ladder_placements.rename(columns={"rung": "rung_id"}).merge(
        ladder[["rung_id", "rung", "rung_name"]], on="rung_id")
    frame["summary"] = [events.loc[e, "summary"] for e in frame["event"]]
    frame["status"] = [events.loc[e, "status"] for e in frame["event"]]
    frame["mover"] = [mover(events.loc[e, "actors"], article.actors, sides)
                      for e in frame["event"]]
    labels = {**dict(zip(sides["id"], sides["mover_label"], strict=True)), **MOVER_LABELS}
    frame["mover_label"] = frame["mover"].map(labels)
    order = {side: number for number, side in enumerate(sides["id"], start=1)}
    frame["mover_order"] = frame["mover"].map(order).astype("Int64")
    columns = ["event", "summary", "status", "mover", "mover_label", "mover_order", "rung",
               "rung_id", "rung_name", "basis", "reasoning", "evidence"]
    return frame[columns].sort_values(["rung", "event"], ignore_index=True)


def find_rung(ladder: pd.DataFrame, rung) -> pd.Series:
    """A rung by number, id or name (any case)."""
    wanted = str(rung).strip().lower()
    for _, row in ladder.iterrows():
        if wanted in (str(row["rung"]), row["id"], row["name"].lower()):
            return row
    choices = ", ".join(f"{r} ({n})" for r, n in zip(ladder["rung"], ladder["name"], strict=True))
    raise ValueError(f"No rung '{rung}'. Pick a number from 1 to {len(ladder)}: {choices}.")


def move_event(placements: pd.DataFrame, ladder: pd.DataFrame, event_id: str, rung,
               why: str) -> pd.DataFrame:
    """The placements with one event moved by a learner (columns learner_rung, learner_why).

    Raise ValueError with what to do for an event that is not on the ladder, an unknown rung,
    or a move without a reason.
    """
    events = list(placements["event"])
    if event_id not in events:
        raise ValueError(f"'{event_id}' is not on the ladder. Move one of: {', '.join(events)}.")
    target = find_rung(ladder, rung)
    reason = (why or "").strip()
    if len(reason.split()) < 3:
        raise ValueError("Say why in a sentence: which words of the article, or which part of "
                         "the rung's description, put the event there?")
    moved = placements.copy()
    moved["learner_rung"] = pd.array([pd.NA] * len(moved), dtype="Int64")
    moved["learner_why"] = ""
    at = moved["event"] == event_id
    moved.loc[at, "learner_rung"] = int(target["rung"])
    moved.loc[at, "learner_why"] = reason
    return moved


@needs("escalation_views", what="readings of escalation by side",
       so="there is no table of them")
def side_views(article: Article) -> pd.DataFrame:
    """For each coded event: how each side reads it, whose reading it is, and on what basis;
    a side the article gives no reading for says so."""
    table = article_sides(article)
    sides = dict(zip(table["id"], table["label"], strict=True))
    names = actor_names(article.actors)
    events = article.events.set_index("id")
    views = article.escalation_views
    rows = []
    for event_id in dict.fromkeys(views["event"]):
        row = {"event": event_id, "summary": events.loc[event_id, "summary"]}
        for side, label in sides.items():
            mine = views[(views["event"] == event_id) & (views["side"] == side)]
            row[label] = "; ".join(
                f"{READINGS[r]} ({', '.join(names.get(v, v) for v in voices)}, {basis})"
                for r, voices, basis in mine[["reading", "voices", "basis"]].itertuples(
                    index=False)) or NOT_STATED
        rows.append(row)
    return pd.DataFrame(rows, columns=["event", "summary", *sides.values()])


def escalation_claimants(article: Article, event_id: str,
                         reading: str = "escalation") -> list[str]:
    """Names of the voices that give an event this reading, in the article's own words only."""
    if reading not in READINGS:
        raise ValueError(f"Unknown reading '{reading}'; use one of {', '.join(READINGS)}.")
    names = actor_names(article.actors)
    views = article.escalation_views
    mine = views[(views["event"] == event_id) & (views["reading"] == reading)
                 & (views["basis"] == "stated")]
    return sorted({names[v] for voices in mine["voices"] for v in voices})
