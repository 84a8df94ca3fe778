"""The escalation ladder: where the course places each event, a learner's move, and how
each side reads the events."""

from __future__ import annotations

import pandas as pd

from newscase.data import Article, actor_names

SIDES = {"west": "Washington, Kyiv and allies", "russia": "Moscow"}
READINGS = {"escalation": "an escalation", "response": "a response",
            "risk": "a risk of escalation"}
# Which side an actor's country is on, as the article presents them: North Korean troops
# "bolstering Russian forces"; Poland praising the U.S. decision.
COUNTRY_SIDE = {"RUS": "russia", "PRK": "russia", "USA": "west", "UKR": "west", "POL": "west"}
NOT_STATED = "not stated in the article"


def mover(actor_ids: list[str], actors: pd.DataFrame) -> str:
    """The side whose move an event is, from its actors' countries: 'west', 'russia', or
    'both'/'unknown' when the actors disagree or have no side."""
    countries = actors.set_index("id")["country"]
    sides = {COUNTRY_SIDE.get(countries.get(a)) for a in actor_ids} - {None}
    if len(sides) == 1:
        return sides.pop()
    return "both" if sides else "unknown"


def ladder_frame(article: Article) -> pd.DataFrame:
    """The course's placement of each event on the ladder, with rung, mover and evidence."""
    ladder = article.ladder.rename(columns={"id": "rung_id", "name": "rung_name"})
    events = article.events.set_index("id")
    frame = article.ladder_placements.rename(columns={"rung": "rung_id"}).merge(
        ladder[["rung_id", "rung", "rung_name"]], on="rung_id")
    frame["summary"] = [events.loc[e, "summary"] for e in frame["event"]]
    frame["status"] = [events.loc[e, "status"] for e in frame["event"]]
    frame["mover"] = [mover(events.loc[e, "actors"], article.actors) for e in frame["event"]]
    columns = ["event", "summary", "status", "mover", "rung", "rung_id", "rung_name", "basis",
               "reasoning", "evidence"]
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


def side_views(article: Article) -> pd.DataFrame:
    """For each coded event: how each side reads it, whose reading it is, and on what basis;
    a side the article gives no reading for says so."""
    names = actor_names(article.actors)
    events = article.events.set_index("id")
    views = article.escalation_views
    rows = []
    for event_id in dict.fromkeys(views["event"]):
        row = {"event": event_id, "summary": events.loc[event_id, "summary"]}
        for side, label in SIDES.items():
            mine = views[(views["event"] == event_id) & (views["side"] == side)]
            row[label] = "; ".join(
                f"{READINGS[r]} ({', '.join(names.get(v, v) for v in voices)}, {basis})"
                for r, voices, basis in mine[["reading", "voices", "basis"]].itertuples(
                    index=False)) or NOT_STATED
        rows.append(row)
    return pd.DataFrame(rows, columns=["event", "summary", *SIDES.values()])


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
