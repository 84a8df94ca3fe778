"""Claim types: fact, prediction, opinion, threat, warning or conditional, and where each
claim stands in the text."""

from __future__ import annotations

import pandas as pd

from newscase import text as spans
from newscase.data import ATTRIBUTION_LABELS
from newscase.present.suggest import did_you_mean

CLAIM_TYPES = {
    "fact": "Says something is or was so; it can be checked, at least in principle.",
    "prediction": "Says what will or may happen.",
    "opinion": "Judges: good or bad, right or wrong, necessary, too late.",
    "threat": "Says the speaker's own side will cause harm if the other side acts.",
    "warning": "Says an act will have bad consequences, to deter it, without the speaker "
               "promising to cause them.",
    "conditional": "Says what would follow if something happened, without threatening or "
                   "warning.",
}


def known_claim_type(claim_type: str, claim_id: str = "") -> str:
    if claim_type in CLAIM_TYPES:
        return claim_type
    which = f" (claim {claim_id})" if claim_id else ""
    suggestion = did_you_mean(str(claim_type), list(CLAIM_TYPES))
    raise ValueError(f"Unknown claim type '{claim_type}'{which}.{suggestion} The course knows: "
                     f"{', '.join(CLAIM_TYPES)}.")


def claim_spans(claims: pd.DataFrame, types: list[str] | None = None) -> pd.DataFrame:
    """A span per claim, in the category 'claim-<type>', for the chosen types (default all).

    Raise ValueError for a claim type the course does not know, in the data or in ``types``.
    """
    wanted = [known_claim_type(t) for t in (types if types is not None else CLAIM_TYPES)]
    rows = []
    for claim in claims.to_dict("records"):
        kind = known_claim_type(claim["claim_type"], claim["id"])
        if kind not in wanted or pd.isna(claim["evidence_start"]):
            continue
        who = ATTRIBUTION_LABELS.get(claim["attribution"], claim["attribution"])
        rows.append({"start": int(claim["evidence_start"]), "end": int(claim["evidence_end"]),
                     "category": f"claim-{kind}", "label": f"{claim['id']}: {kind} ({who})",
                     "text": claim["evidence"]})
    return spans.spans_frame(rows)


def claim_type_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per type, every known type listed (columns: claim_type, claims, meaning)."""
    for claim_id, kind in zip(claims["id"], claims["claim_type"], strict=True):
        known_claim_type(kind, claim_id)
    counts = claims["claim_type"].value_counts()
    return pd.DataFrame({"claim_type": list(CLAIM_TYPES),
                         "claims": [int(counts.get(t, 0)) for t in CLAIM_TYPES],
                         "meaning": list(CLAIM_TYPES.values())})
