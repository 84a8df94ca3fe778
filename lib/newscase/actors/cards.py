"""HTML for the actors lesson: an actor's card, escaped throughout."""

from __future__ import annotations

import pandas as pd

from newscase import text
from newscase.actors.logic import (
    NO_COUNTRY,
    actor_claims,
    actor_quotes,
    country_names,
)
from newscase.data import ATTRIBUTION_LABELS, Article, find_actor
from newscase.present.html import escape as esc

STANCE_WORDS = {-2: "warns or threatens", -1: "critical", 0: "divided", 1: "qualified support",
                2: "endorses"}
STANCE_SOURCE_WORDS = {
    "quoted": "their own words, quoted",
    "reported": "the article reports what they said or did",
    "third-party": "only others speak for them",
    "inferred": "our inference from the text, not their words",
}



def actor_card(article: Article, actor_id: str) -> str:
    """HTML profile of one actor: role, stance and how it was coded, quotes, claims, and the
    article with their mentions and supporting sentences marked. All data text is escaped."""
    row = find_actor(article, actor_id)
    quotes, claims = actor_quotes(article, row["id"]), actor_claims(article, row["id"])
    country = country_names(article).get(row["country"], row["country"]) or NO_COUNTRY
    parts = [
        f"<h4>{esc(row['name'])}</h4>",
        f"<p><b>{esc(row['kind'])}</b> · {esc(country)} · {esc(row['role'])}</p>",
        f"<p>{stance_line(row)}</p>",
        section("Quotes", quotes, quote_item,
                "No quotes: the article never gives this actor's own words."),
        section("Claims attributed to them", claims, claim_item,
                "The article attributes no claims to this actor."),
        "<p><b>In the article</b> (their mentions, and the sentences that back this card):</p>",
        text.highlight(article.text, card_spans(article, row, quotes, claims)),
    ]
    return "\n".join(parts)


def stance_line(row: pd.Series) -> str:
    if pd.isna(row["stance"]):
        return f"Stance: <i>not coded</i>. {esc(row['stance_note'])}"
    value = int(row["stance"])
    source = STANCE_SOURCE_WORDS[row["stance_source"]]
    return (f"Stance: <b>{value:+d}</b> ({STANCE_WORDS[value]}). How we know: {source}. "
            f"{esc(row['stance_note'])}")


def section(title: str, rows: pd.DataFrame, item, empty: str) -> str:
    if rows.empty:
        return f"<p><b>{title}</b>: <i>{esc(empty)}</i></p>"
    items = "".join(f"<li>{item(r)}</li>" for _, r in rows.iterrows())
    return f"<p><b>{title}</b> ({len(rows)}):</p><ul>{items}</ul>"


def quote_item(quote: pd.Series) -> str:
    return (f"“{esc(quote['evidence'])}” <i>({esc(quote['kind'])}, via {esc(quote['channel'])};"
            f" translation {esc(quote['translated'])})</i>")


def claim_item(claim: pd.Series) -> str:
    hedges = ", ".join(claim["hedges"]) or "none"
    return (f"{esc(claim['evidence'])} <i>({esc(claim['claim_type'])}; "
            f"{esc(ATTRIBUTION_LABELS[claim['attribution']])}; hedges: {esc(hedges)})</i>")


def card_spans(article: Article, row: pd.Series, quotes: pd.DataFrame,
               claims: pd.DataFrame) -> pd.DataFrame:
    ranges = [(int(f["evidence_start"]), int(f["evidence_end"]))
              for frame in (row.to_frame().T, quotes, claims) for _, f in frame.iterrows()]
    backing = text.sentence_spans(article.text, ranges, "evidence", "backs this card")
    mentions = text.actor_mentions(article.text, article.actors)
    mentions = mentions[mentions["actor"] == row["id"]][text.SPAN_COLUMNS]
    return pd.concat([backing, mentions], ignore_index=True)
