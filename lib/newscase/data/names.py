"""Names for the article's ids, for every lesson that shows them: actors by id, name or alias,
and the codes of claims (with the second codes some claims accept)."""

from __future__ import annotations

import pandas as pd

from newscase.present.suggest import did_you_mean

# The claims table's attribution codes.
ATTRIBUTION_LABELS = {
    "named-on-record": "Named, on the record",
    "anonymous-official": "Anonymous officials",
    "sources-familiar": "'Sources familiar'",
    "unattributed-reports": "Unattributed reports",
    "organisation": "An organisation",
    "group": "An unnamed group",
    "reporter": "The reporter",
}


def actor_names(actors: pd.DataFrame) -> dict[str, str]:
    """Actor id to name, from an actors table."""
    return dict(zip(actors["id"], actors["name"], strict=True))


def find_actor(article, query: str) -> pd.Series:
    """The actor row for an id, a name or an alias (any case); a typo gets a suggestion."""
    wanted = str(query).strip().lower()
    actors = article.actors
    for _, row in actors.iterrows():
        forms = {row["id"], row["name"].lower(), *(a.lower() for a in row["aliases"])}
        if wanted in forms:
            return row
    suggestion = did_you_mean(str(query), list(actors["name"]), cutoff=0.5)
    raise LookupError(f"No actor called '{query}'.{suggestion} Try a name from art.actors.")


def accepted_codes(claims: pd.DataFrame, column: str) -> dict[str, set[str]]:
    """Claim id -> every code that fits: the main one and any listed in ``<column>_also``."""
    also = claims[f"{column}_also"] if f"{column}_also" in claims else [[]] * len(claims)
    return {claim_id: {main, *extra}
            for claim_id, main, extra in zip(claims["id"], claims[column], also, strict=True)}


def both_fit_notes(claims: pd.DataFrame, column: str, ids) -> str:
    """The notes of the given claims that accept a second code: why both answers fit."""
    if f"{column}_also" not in claims:
        return ""
    rows = claims[claims["id"].isin(list(ids)) & claims[f"{column}_also"].map(bool)]
    return " ".join(f"{row.id}: {row.note}" for row in rows.itertuples())
