"""Names for the article's ids, for every lesson that shows them: actors by id, name or alias,
and the attribution codes of claims."""

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
