"""Which rows a machine drafted, and which a person wrote, confirmed or edited.

A drafted row carries ``review = "draft <fingerprint>"``: eight hex digits of a hash of the row's
other fields as the drafter wrote them. A person confirms a row by clearing the mark. A row still
marked but whose fields no longer match the fingerprint was edited by hand (in a spreadsheet, say)
and belongs to a person as much as a confirmed one: ``newscase draft`` never overwrites either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

COLUMN = "review"
PREFIX = "draft "


def fingerprint(row: Mapping[str, object]) -> str:
    """Eight hex digits that change when any field but the review mark changes."""
    fields = {k: "" if v is None else str(v) for k, v in row.items() if k != COLUMN}
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(payload).hexdigest()[:8]


def mark_drafted(row: Mapping[str, object]) -> dict[str, str]:
    """The row with its review mark set to 'draft <fingerprint>'."""
    marked = {k: "" if v is None else str(v) for k, v in row.items() if k != COLUMN}
    marked[COLUMN] = PREFIX + fingerprint(marked)
    return marked


def state(row: Mapping[str, object]) -> str:
    """'person' (no mark: written or confirmed by a person), 'draft' (as the machine wrote it)
    or 'edited' (marked, but changed by hand since)."""
    mark = str(row.get(COLUMN) or "")
    if not mark.startswith(PREFIX):
        return "person"
    return "draft" if mark[len(PREFIX):] == fingerprint(row) else "edited"


def is_machine_row(row: Mapping[str, object]) -> bool:
    """True when a redraft may replace or delete this row."""
    return state(row) == "draft"
