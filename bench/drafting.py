"""How good the rule-based draft is: precision and recall per table against the hand annotation.

For each article folder in data/articles/ whose tables hold no machine-drafted rows (a hand
annotation), ``draft_tables(article.txt, article.date)`` is compared with the folder's CSVs.
Matching, one to one (greedily, best match first):

- quotes, time_phrases: a drafted row matches a hand row when their evidence spans overlap in the
  text;
- actors: each actor's mentions are the whole-word occurrences of its aliases (and evidence) in
  the text; a drafted actor matches the hand actor whose mentions it overlaps most (exact spans
  count extra), so 'Russian forces' matches the forces, not the country whose demonym it holds;
- hedges: each (claim, hedge) pair is the hedge's occurrence inside the claim's evidence; a drafted
  pair matches a hand pair when the occurrences overlap;
- claims (attribution): a hand claim is recalled when the drafted claim overlapping it most has an
  attribution the hand row accepts (attribution or attribution_also); a drafted claim is precise
  when the hand claim it overlaps most accepts its attribution (no overlap: not precise);
- places: same name (case-insensitive) or overlapping evidence; weapons: same name or overlapping
  evidence, and the same range in km (within 1 km).

Precision = matched drafted rows / drafted rows; recall = matched hand rows / hand rows. The
overall precision is pooled over the tables. Goals (issue 13): quotes recall 100 %; actors, time
phrases and hedges recall >= 80 %; overall precision >= 70 %.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import statistics
import time
from pathlib import Path

from newscase.authoring.drafting import draft_tables

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
TABLES = ("quotes", "actors", "time_phrases", "hedges", "claims", "places", "weapons")
GOALS = {"quotes": 1.0, "actors": 0.8, "time_phrases": 0.8, "hedges": 0.8}
PRECISION_GOAL = 0.7


def read(folder: Path, name: str) -> list[dict]:
    path = folder / f"{name}.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def hand_annotated(folder: Path) -> bool:
    if not (folder / "article.txt").is_file() or not (folder / "datapackage.json").is_file():
        return False
    return not any(r.get("review", "").startswith("draft")
                   for name in ("actors", "quotes", "claims", "time_phrases")
                   for r in read(folder, name))


def span(text: str, evidence: str) -> tuple[int, int] | None:
    at = text.find(evidence) if evidence else -1
    return None if at < 0 else (at, at + len(evidence))


def overlap(a, b) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def greedy(drafted: list, hand: list, score) -> int:
    """Matched pairs, one to one, best score first (a score of 0 is no match)."""
    pairs = sorted(((score(d, h), i, j) for i, d in enumerate(drafted)
                    for j, h in enumerate(hand)), reverse=True)
    used_d, used_h, matched = set(), set(), 0
    for value, i, j in pairs:
        if value > 0 and i not in used_d and j not in used_h:
            used_d.add(i)
            used_h.add(j)
            matched += 1
    return matched


def figures(matched_d: int, drafted: int, matched_h: int, hand: int) -> dict:
    return {"drafted": drafted, "hand": hand, "matched": matched_h,
            "precision": round(matched_d / drafted, 3) if drafted else None,
            "recall": round(matched_h / hand, 3) if hand else None,
            "_matched_drafted": matched_d}


def by_evidence(text, drafted, hand) -> dict:
    score = lambda d, h: overlap(span(text, d["evidence"]), span(text, h["evidence"]))  # noqa: E731
    matched = greedy(drafted, hand, score)
    return figures(matched, len(drafted), matched, len(hand))


def mentions(text: str, row: dict) -> set[tuple[int, int]]:
    found = set()
    for alias in filter(None, [*row["aliases"].split("|"), row["name"]]):
        found |= {m.span() for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text)}
    where = span(text, row["evidence"])
    return found or ({where} if where else set())


def actors(text, drafted, hand) -> dict:
    drafted_m = [mentions(text, r) for r in drafted]
    hand_m = [mentions(text, r) for r in hand]

    def score(d, h):
        hits = sum(1 for a in h if any(overlap(a, b) for b in d))
        return hits + 0.5 * len(d & h)

    matched = greedy(drafted_m, hand_m, score)
    return figures(matched, len(drafted), matched, len(hand))


def hedge_pairs(text: str, claims: list[dict]) -> list[tuple[int, int]]:
    pairs = []
    for claim in claims:
        where = span(text, claim["evidence"])
        for hedge in filter(None, claim["hedges"].split("|")):
            at = claim["evidence"].casefold().find(hedge.casefold())
            if where and at >= 0:
                pairs.append((where[0] + at, where[0] + at + len(hedge)))
    return pairs


def hedges(text, drafted, hand) -> dict:
    d, h = hedge_pairs(text, drafted), hedge_pairs(text, hand)
    matched = greedy(d, h, overlap)
    return figures(matched, len(d), matched, len(h))


def accepts(hand_row: dict, attribution: str) -> bool:
    return attribution in {hand_row["attribution"], *hand_row["attribution_also"].split("|")}


def claims(text, drafted, hand) -> dict:
    def best(row, others):
        here = span(text, row["evidence"])
        scored = [(overlap(here, span(text, o["evidence"])), i) for i, o in enumerate(others)]
        value, index = max(scored, default=(0, -1))
        return others[index] if value > 0 else None

    recalled = sum(1 for h in hand if (d := best(h, drafted)) and accepts(h, d["attribution"]))
    precise = sum(1 for d in drafted if (h := best(d, hand)) and accepts(h, d["attribution"]))
    return figures(precise, len(drafted), recalled, len(hand))


def places(text, drafted, hand) -> dict:
    def score(d, h):
        same = d["name"].casefold() == h["name"].casefold()
        return 1 if same or overlap(span(text, d["evidence"]), span(text, h["evidence"])) else 0

    matched = greedy(drafted, hand, score)
    return figures(matched, len(drafted), matched, len(hand))


def weapons(text, drafted, hand) -> dict:
    def score(d, h):
        named = d["name"].casefold() == h["name"].casefold() or overlap(
            span(text, d["evidence"]), span(text, h["evidence"]))
        return 1 if named and abs(float(d["range_km"]) - float(h["range_km"])) <= 1 else 0

    matched = greedy(drafted, hand, score)
    return figures(matched, len(drafted), matched, len(hand))


COMPARE = {"quotes": ("quotes", by_evidence), "actors": ("actors", actors),
           "time_phrases": ("time_phrases", by_evidence), "hedges": ("claims", hedges),
           "claims": ("claims", claims), "places": ("places", places),
           "weapons": ("weapons", weapons)}


def measure_article(folder: Path) -> dict:
    text = (folder / "article.txt").read_text(encoding="utf-8")
    meta = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["article"]
    date = dt.date.fromisoformat(meta["date"]) if meta.get("date") else None
    seconds = []
    for _ in range(3):
        start = time.perf_counter()
        tables = draft_tables(text, date)
        seconds.append(time.perf_counter() - start)
    result = {name: compare(text, tables[table], read(folder, table))
              for name, (table, compare) in COMPARE.items()}
    result["draft_s"] = round(statistics.median(seconds), 3)
    result["words"] = len(text.split())
    return result


def measure() -> dict:
    articles = {f.name: measure_article(f) for f in sorted(ARTICLES.iterdir())
                if f.is_dir() and hand_annotated(f)}
    pooled = {}
    for name in TABLES:
        rows = [a[name] for a in articles.values()]
        pooled[name] = figures(sum(r["_matched_drafted"] for r in rows),
                               sum(r["drafted"] for r in rows),
                               sum(r["matched"] for r in rows), sum(r["hand"] for r in rows))
    drafted = sum(p["drafted"] for p in pooled.values())
    precision = sum(p["_matched_drafted"] for p in pooled.values()) / drafted if drafted else 0
    for row in [*pooled.values(), *(r for a in articles.values() for r in a.values()
                                   if isinstance(r, dict))]:
        row.pop("_matched_drafted", None)
    met = all((pooled[n]["recall"] or 0) >= goal for n, goal in GOALS.items()) and \
        precision >= PRECISION_GOAL
    return {"target": "recall: quotes 100 %, actors, time phrases, hedges >= 80 %; "
                      f"precision >= {PRECISION_GOAL:.0%} overall",
            "met": met, "overall_precision": round(precision, 3), "tables": pooled,
            "articles": articles}


def table_rows(result: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    for name, r in result["tables"].items():
        goal = GOALS.get(name)
        recall = "—" if r["recall"] is None else f"{r['recall']:.0%}"
        precision = "—" if r["precision"] is None else f"{r['precision']:.0%}"
        rows.append((f"draft {name}: recall / precision", f"{recall} / {precision}",
                     f"recall >= {goal:.0%}" if goal else f"{r['hand']} hand, {r['drafted']} "
                     "drafted", ("yes" if (r["recall"] or 0) >= goal else "NO") if goal else ""))
    rows.append(("draft: overall precision", f"{result['overall_precision']:.0%}",
                 f">= {PRECISION_GOAL:.0%}",
                 "yes" if result["overall_precision"] >= PRECISION_GOAL else "NO"))
    return rows


if __name__ == "__main__":
    outcome = measure()
    for line in table_rows(outcome):
        print("  ".join(line))
    print(json.dumps({k: v.get("draft_s") for k, v in outcome["articles"].items()}))
