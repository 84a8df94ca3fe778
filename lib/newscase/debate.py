"""The escalation debate (notebook 04): the argument map and its layout, hedge and attribution
cues, claim types, the escalation ladder and each side's reading, and forecasts scored with the
Brier score.

Everything here is a pure function over the article's tables; figures, widgets and checks are thin
shells over it. Forecast outcomes are read only by ``outcomes`` and the scoring and reveal
functions, so nothing else can print them before a learner has forecast.
"""

from __future__ import annotations

import difflib
import html
import math
import re
from collections.abc import Mapping

import pandas as pd

from newscase import text as spans
from newscase.actors import ATTRIBUTION_LABELS
from newscase.data import Article

# --- The argument map ------------------------------------------------------------------------

REPORTER = "the reporter"
NODE_COLUMNS = ["id", "position", "summary", "speakers", "speaker_label", "evidence", "target",
                "stance", "depth", "side", "x", "y"]
EDGE_COLUMNS = ["source", "target", "relation"]
# Arguments for the decision go left of it, arguments against go right; a rebuttal sits one
# column further out on the side of the argument it answers.
SIDE_SIGN = {"for": -1, "against": 1}


def argument_graph(arguments: pd.DataFrame,
                   actors: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (one per argument, placed by ``tree_layout``) and edges (argument -> its target).

    Raise ValueError, naming the argument, for a target that is not an argument or a chain of
    targets that never reaches a root.
    """
    if arguments.empty:
        return pd.DataFrame(columns=NODE_COLUMNS), pd.DataFrame(columns=EDGE_COLUMNS)
    names = dict(zip(actors["id"], actors["name"], strict=True))
    ids = list(arguments["id"])
    parents = {}
    for arg_id, target in zip(ids, arguments["target"], strict=True):
        target = None if pd.isna(target) or target == "" else target
        if target is not None and target not in ids:
            raise ValueError(f"Argument '{arg_id}' answers '{target}', which is not an "
                             f"argument. Targets must be ids in the same table: {', '.join(ids)}.")
        parents[arg_id] = target
    layout = tree_layout(parents, dict(zip(ids, arguments["position"], strict=True)))
    nodes = arguments.assign(
        speakers=[[names.get(s, s) for s in who] for who in arguments["speakers"]],
        speaker_label=[", ".join(names.get(s, s) for s in who) or REPORTER
                       for who in arguments["speakers"]],
        target=[parents[i] for i in ids],
        stance=[net_stance(i, parents, dict(zip(ids, arguments["position"], strict=True)))
                for i in ids],
    ).merge(layout, on="id")
    edges = pd.DataFrame(
        [(arg_id, parents[arg_id], position)
         for arg_id, position in zip(ids, arguments["position"], strict=True) if parents[arg_id]],
        columns=EDGE_COLUMNS)
    return nodes[NODE_COLUMNS].reset_index(drop=True), edges


def tree_layout(parents: Mapping[str, str | None],
                positions: Mapping[str, str]) -> pd.DataFrame:
    """Deterministic outline layout of an argument tree (columns: id, depth, side, x, y).

    Every argument but the roots takes the side of the first-level argument above it
    ('supports' -> for, left; 'attacks' -> against, right) and sits ``depth`` columns out. Each
    side is listed top to bottom in depth-first order (children in input order), one row per
    argument, centred on y = 0, so a rebuttal sits just below what it answers. The roots sit
    one row above the taller side, around x = 0, so no line runs through their labels.
    """
    order = list(parents)
    children = {node: [c for c in order if parents[c] == node] for node in order}
    roots = [n for n in order if parents[n] is None]
    rows, placed = [], set()

    def walk(node: str, depth: int, side: str, listing: list) -> None:
        placed.add(node)
        listing.append((node, depth, side))
        for child in children[node]:
            walk(child, depth + 1, side, listing)

    columns = {"for": [], "against": []}
    for root in roots:
        placed.add(root)
        for child in children[root]:
            walk(child, 1, "for" if positions[child] == "supports" else "against",
                 columns["for" if positions[child] == "supports" else "against"])
    unplaced = [n for n in order if n not in placed]
    if unplaced:
        raise ValueError(f"Argument '{unplaced[0]}' never leads back to a root: its targets go "
                         "round in a circle. Give one argument the position 'root' and no "
                         "target.")
    top = max([(len(listing) - 1) / 2 for listing in columns.values() if listing], default=0)
    for index, root in enumerate(roots):
        rows.append({"id": root, "depth": 0, "side": "root",
                     "x": index - (len(roots) - 1) / 2, "y": top + 1})
    for side, listing in columns.items():
        for index, (node, depth, _) in enumerate(listing):
            rows.append({"id": node, "depth": depth, "side": side,
                         "x": float(SIDE_SIGN[side] * depth),
                         "y": (len(listing) - 1) / 2 - index})
    frame = pd.DataFrame(rows, columns=["id", "depth", "side", "x", "y"])
    return frame.set_index("id").loc[order].reset_index()


def net_stance(node: str, parents: Mapping[str, str | None],
               positions: Mapping[str, str]) -> str:
    """'for' or 'against' the root, counting each attack on the way up as a change of side:
    an attack on an argument for the decision argues against it. The root itself is 'root'."""
    if parents[node] is None:
        return "root"
    attacks, seen = 0, set()
    while parents[node] is not None and node not in seen:
        seen.add(node)
        attacks += positions[node] == "attacks"
        node = parents[node]
    return "against" if attacks % 2 else "for"


def speakers_on_both_sides(nodes: pd.DataFrame) -> list[str]:
    """Speakers (names, or 'the reporter') whose arguments are both for and against the
    decision, once attacks on attacks are counted through."""
    stances: dict[str, set[str]] = {}
    for speakers, stance in zip(nodes["speakers"], nodes["stance"], strict=True):
        for name in speakers or [REPORTER]:
            stances.setdefault(name, set()).add(stance)
    return sorted(name for name, seen in stances.items() if {"for", "against"} <= seen)


def filter_nodes(nodes: pd.DataFrame, speaker: str | None = None,
                 position: str | None = None) -> list[str]:
    """Ids of the arguments by one speaker (a name, or 'the reporter') and/or in one position
    ('supports', 'attacks' or 'root'); None means any."""
    chosen = nodes
    if speaker:
        chosen = chosen[[speaker in who or (speaker == REPORTER and not who)
                         for who in chosen["speakers"]]]
    if position:
        chosen = chosen[chosen["position"] == position]
    return list(chosen["id"])


def evidence_sentence(article_text: str, evidence: str) -> str:
    """HTML of the sentence holding a verbatim span, with the span marked; all text escaped."""
    start = article_text.find(evidence)
    if start < 0:
        raise ValueError(f"'{evidence[:60]}' is not in the article; copy the words exactly.")
    frame = spans.spans_frame([{"start": start, "end": start + len(evidence),
                                "category": "evidence", "label": "evidence", "text": evidence}])
    whole = spans.sentence_spans(article_text, [(start, start + len(evidence))], "evidence", "")
    first, last = int(whole["start"].min()), int(whole["end"].max())
    local = frame.assign(start=frame["start"] - first, end=frame["end"] - first)
    return spans.highlight(article_text[first:last], local)


def node_card(nodes: pd.DataFrame, node_id: str, article_text: str) -> str:
    """HTML card for one argument: who argues it, for or against what, and its sentence."""
    row = nodes.set_index("id").loc[node_id]
    summaries = nodes.set_index("id")["summary"]
    if row["position"] == "root":
        relation = "the decision the debate is about"
    else:
        relation = f"{row['position']} “{summaries[row['target']]}”"
    return (f"<b>{html.escape(node_id)}</b> · {html.escape(row['speaker_label'])} · "
            f"{html.escape(relation)}<br><i>{html.escape(row['summary'])}</i>"
            f"<p>In the article:</p>{evidence_sentence(article_text, row['evidence'])}")


# --- Hedge and attribution cues --------------------------------------------------------------

NUMBER_AHEAD = r"(?=\s+(?:[$€£]\s?)?\d)"
# (kind, pattern). Matched as whole words, ignoring case; the longest match wins where two
# overlap. These are cues for a reader to weigh, not proof of hedging.
HEDGE_CUES = [
    ("modal verb", r"could|might|may(?!\s+\d)"),  # "May 5" is a date
    ("probability", r"(?:un)?likely|probably|possibly|perhaps|potential(?:ly)?|presumably"),
    ("second-hand", r"reportedly|allegedly|apparently|seemingly|purportedly"),
    ("readiness", r"poised|expected to"),
    ("approximation", r"(?:up to|more than|less than|fewer than|at least|about|around|nearly|"
                      r"almost|roughly|approximately)" + NUMBER_AHEAD),
    ("vague quantity", r"some|primarily|mainly|largely|mostly"),
    ("vague time", r"in the coming (?:days|weeks|months)|soon"),
    ("uncertainty", r"fears? (?:remain|remains|persist|persists|grow|grows)|uncertain|unclear"),
    ("appearance", r"appears? to|seems? to|suggests?"),
]
ATTRIBUTION_CUES = [
    ("anonymous sourcing", r"(?:sources|people) (?:familiar with|close to)|"
                           r"on condition of anonymity"),
    ("reports", r"reports (?:of|that)|according to"),
    ("reporting verb", r"said|says|saying|told|stated|stating|confirmed|confirms|announced|"
                       r"announces|warned|warns|claimed|argued|argues|argue|described|"
                       r"describes|describing|added|noted|insisted|denied|accused|pledged|"
                       r"pledges|criticized|criticised|praised|praises|welcomed|welcomes|"
                       r"citing|cited|reported"),
]
CUE_COLUMNS = [*spans.SPAN_COLUMNS, "kind"]


def compile_cues(cues: list[tuple[str, str]]) -> list[tuple[str, re.Pattern]]:
    return [(kind, re.compile(rf"(?<![\w’'-])(?:{pattern})(?![\w’'-])", re.IGNORECASE))
            for kind, pattern in cues]


COMPILED = {"hedge": compile_cues(HEDGE_CUES), "attribution": compile_cues(ATTRIBUTION_CUES)}


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation. “…” pairs, and straight quotes taken in pairs; a closing
    ” with no opening one means the text started inside a quotation."""
    ranges, opened, straight = [], None, None
    for index, char in enumerate(text):
        if char == "“" and opened is None:
            opened = index
        elif char == "”":
            ranges.append((0 if opened is None else opened, index + 1))
            opened = None
        elif char == '"':
            if straight is None:
                straight = index
            else:
                ranges.append((straight, index + 1))
                straight = None
    if opened is not None:
        ranges.append((opened, len(text)))
    return ranges


def find_cues(article_text: str) -> pd.DataFrame:
    """Hedge and attribution cues in any text (columns: start, end, category, label, text,
    kind), in reading order.

    category is 'hedge' (could, likely, reportedly, fears remain, up to + a number, ...) or
    'attribution' (said, according to, sources familiar with, ...). Reporting verbs inside a
    quotation are the speaker's words, not the reporter's attribution, so they are skipped.
    """
    quotes = quoted_ranges(article_text)
    found = []
    for category, cues in COMPILED.items():
        for kind, pattern in cues:
            for match in pattern.finditer(article_text):
                inside = any(s < match.start() and match.end() <= e for s, e in quotes)
                if category == "attribution" and inside:
                    continue
                found.append((match.start(), match.end(), category, kind, match.group()))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken, rows = [], []
    for start, end, category, kind, word in found:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        rows.append({"start": start, "end": end, "category": category,
                     "label": f"{category} ({kind}): {word}", "text": word, "kind": kind})
    return spans.spans_frame(rows, extra=("kind",))


def sentence_cues(article_text: str) -> pd.DataFrame:
    """Each sentence with the hedge and attribution cues in it, for a table."""
    cues = find_cues(article_text)
    rows = []
    for start, end, sentence in spans.sentences(article_text).itertuples(index=False):
        inside = cues[(cues["start"] >= start) & (cues["end"] <= end)]
        rows.append({
            "sentence": sentence,
            "hedges": ", ".join(inside.loc[inside["category"] == "hedge", "text"]),
            "attribution": ", ".join(inside.loc[inside["category"] == "attribution", "text"]),
        })
    return pd.DataFrame(rows, columns=["sentence", "hedges", "attribution"])


# --- Claim types -----------------------------------------------------------------------------

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
    hint = difflib.get_close_matches(str(claim_type), list(CLAIM_TYPES), n=1)
    suggestion = f" Did you mean '{hint[0]}'?" if hint else ""
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


def claim_card(article: Article, claim_id: str) -> str:
    """HTML card: a claim's type and what it means, who asserts it, its coded hedges, the cues
    the finder sees in it, and its sentence."""
    claims = article.claims.set_index("id")
    if claim_id not in claims.index:
        raise LookupError(f"No claim '{claim_id}'. Claims run from {claims.index[0]} to "
                          f"{claims.index[-1]}.")
    claim = claims.loc[claim_id]
    kind = known_claim_type(claim["claim_type"], claim_id)
    names = dict(zip(article.actors["id"], article.actors["name"], strict=True))
    who = ", ".join(names.get(a, a) for a in claim["asserted_by"]) or REPORTER
    cues = find_cues(claim["evidence"])
    found = "; ".join(f"{c} ({k})" for c, k in zip(cues["text"], cues["kind"], strict=True))
    blank = pd.isna(claim["note"]) or not claim["note"]
    note = "" if blank else f"<br><i>Coding note: {html.escape(claim['note'])}</i>"
    return (f"<b>{html.escape(claim_id)}: {html.escape(kind)}</b>: "
            f"{html.escape(CLAIM_TYPES[kind])}<br>Asserted by {html.escape(who)} "
            f"({html.escape(ATTRIBUTION_LABELS.get(claim['attribution'], ''))}). "
            f"Hedges coded: {html.escape(', '.join(claim['hedges']) or 'none')}. "
            f"Cues the finder sees: {html.escape(found or 'none')}.{note}"
            f"<p>In the article:</p>{evidence_sentence(article.text, claim['evidence'])}")


# --- The escalation ladder and each side's reading -------------------------------------------

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
    names = dict(zip(article.actors["id"], article.actors["name"], strict=True))
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
    names = dict(zip(article.actors["id"], article.actors["name"], strict=True))
    views = article.escalation_views
    mine = views[(views["event"] == event_id) & (views["reading"] == reading)
                 & (views["basis"] == "stated")]
    return sorted({names[v] for voices in mine["voices"] for v in voices})


# --- Forecasts and the Brier score ------------------------------------------------------------

PERCENT_HINT = "Give probabilities from 0 to 1, like 0.7 for 70 %."


def forecast_questions(article: Article) -> pd.DataFrame:
    """The questions as a forecaster sees them on the article's date: no outcomes."""
    table = article.forecast_questions
    deadline = table["asked_on"] + pd.to_timedelta(table["window_days"], unit="D")
    return pd.DataFrame({"id": table["id"], "question": table["question"],
                         "asked_on": table["asked_on"].dt.date, "deadline": deadline.dt.date})


def clean_forecasts(forecasts: Mapping[str, object] | None,
                    question_ids: list[str]) -> dict[str, float]:
    """Probabilities per question id, checked; unanswered (None) questions are left out.

    Raise ValueError, saying what to fix, for an unknown id, a value that is not a number, or a
    number outside 0..1.
    """
    if forecasts is None:
        return {}
    if not isinstance(forecasts, Mapping):
        raise ValueError("Give your forecasts as a dictionary, like {'q1': 0.7, 'q2': 0.1}.")
    cleaned = {}
    for given, value in forecasts.items():
        key = str(given).strip().lower()  # 'Q1 ' is q1
        if key not in question_ids:
            hint = difflib.get_close_matches(str(key), question_ids, n=1)
            suggestion = f" Did you mean '{hint[0]}'?" if hint else ""
            raise ValueError(f"There is no question '{given}'.{suggestion} The questions are "
                             f"{', '.join(question_ids)}.")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"The forecast for {key} is {value!r}, not a number. "
                             + PERCENT_HINT)
        if math.isnan(value) or not 0 <= value <= 1:
            extra = (" It looks like a percentage: divide it by 100."
                     if 1 < value <= 100 else "")
            raise ValueError(f"The forecast for {key} is {value}, outside 0..1.{extra} "
                             + PERCENT_HINT)
        cleaned[key] = float(value)
    return cleaned


def brier_score(forecasts: Mapping[str, float], outcomes: Mapping[str, bool]) -> float:
    """Mean of (probability - outcome)² over the forecast questions: 0 is perfect, 0.25 is what
    saying 50 % to everything earns, 1 is confidently wrong every time.

    Raise ValueError when no forecast is given or a question has no outcome.
    """
    if not forecasts:
        raise ValueError("No forecasts given: set a probability for at least one question.")
    missing = [q for q in forecasts if q not in outcomes]
    if missing:
        raise ValueError(f"No outcome for {', '.join(missing)}: score only questions that have "
                         "one.")
    clean = clean_forecasts(forecasts, list(outcomes))
    return sum((p - float(outcomes[q])) ** 2 for q, p in clean.items()) / len(clean)


def baseline_forecasts(questions: pd.DataFrame, kind: str) -> dict[str, float]:
    """The forecasts of a simple baseline: 'coin' says 50 % to everything; 'nothing-changes'
    says the answer is whatever it would be if nothing changed after the question was asked."""
    if kind == "coin":
        return dict.fromkeys(questions["id"], 0.5)
    if kind == "nothing-changes":
        return {q: 1.0 if answer == "yes" else 0.0
                for q, answer in zip(questions["id"], questions["nothing_changes"], strict=True)}
    raise ValueError(f"Unknown baseline '{kind}'; use 'coin' or 'nothing-changes'.")


def outcomes(article: Article) -> pd.DataFrame:
    """What happened for each question, and the cited source that says so."""
    table = article.forecast_questions
    events = article.events.set_index("id")
    sources = article.sources.set_index("id")
    rows = []
    for question in table.to_dict("records"):
        event = events.loc[question["outcome_event"]]
        source = sources.loc[event["source"]]
        rows.append({
            "id": question["id"], "happened": question["outcome"] == "yes",
            "event": question["outcome_event"], "event_summary": event["summary"],
            "event_date": event["date"].date(), "resolution": question["resolution"],
            "publisher": source["publisher"], "title": source["title"],
            "source_date": source["date"].date(), "url": source["url"],
        })
    return pd.DataFrame(rows)


def score_forecasts(forecasts: Mapping[str, object] | None, article: Article) -> pd.DataFrame:
    """Per answered question: the learner's probability, what happened and the Brier score of
    the learner and of both baselines. Raise ValueError when no forecast is given."""
    questions = article.forecast_questions
    mine = clean_forecasts(forecasts, list(questions["id"]))
    if not mine:
        raise ValueError("No forecasts given: set a probability for at least one question.")
    happened = dict(zip(questions["id"], questions["outcome"] == "yes", strict=True))
    baselines = {kind: baseline_forecasts(questions, kind) for kind in ("coin", "nothing-changes")}
    rows = []
    for q in questions["id"]:
        if q not in mine:
            continue
        rows.append({"id": q, "you": mine[q], "happened": happened[q],
                     "brier_you": brier_score({q: mine[q]}, happened),
                     "brier_coin": brier_score({q: baselines["coin"][q]}, happened),
                     "brier_nothing_changes": brier_score(
                         {q: baselines["nothing-changes"][q]}, happened)})
    return pd.DataFrame(rows)


def score_summary(scores: pd.DataFrame) -> dict[str, float]:
    """Mean Brier score of the learner and of each baseline over the answered questions."""
    return {"you": scores["brier_you"].mean(), "50 % on everything": scores["brier_coin"].mean(),
            "nothing changes": scores["brier_nothing_changes"].mean()}


def coherence_warnings(forecasts: Mapping[str, object] | None, article: Article) -> list[str]:
    """Pairs of questions about the same event where the shorter window got the higher
    probability: whatever happens within 1 day also happens within 7."""
    table = article.forecast_questions
    mine = clean_forecasts(forecasts, list(table["id"]))
    by_event: dict[str, list[dict]] = {}  # plain records: a groupby here cost 10 ms a call
    for row in table.to_dict("records"):
        if row["id"] in mine:
            by_event.setdefault(row["outcome_event"], []).append(row)
    warnings = []
    for group in by_event.values():
        group.sort(key=lambda row: row["window_days"])
        for short, long in zip(group, group[1:], strict=False):
            if mine[short["id"]] > mine[long["id"]] and short["window_days"] < long[
                    "window_days"]:
                first, then = days(short["window_days"]), days(long["window_days"])
                warnings.append(
                    f"You gave {short['id']} ({first}) {mine[short['id']]:.0%} but "
                    f"{long['id']} ({then}) only {mine[long['id']]:.0%}. Anything that "
                    f"happens within {first} also happens within {then}, so the longer window "
                    "deserves at least as much.")
    return warnings


def days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")


def reveal_html(forecasts: Mapping[str, object] | None, article: Article) -> str:
    """What happened, with sources, and how the forecasts score, as escaped HTML; without
    forecasts, only a prompt, so this cannot give the outcomes away."""
    try:
        scores = score_forecasts(forecasts, article)
    except ValueError as error:
        return f"<i>{html.escape(str(error))} Nothing is revealed until you have forecast.</i>"
    facts = {fact["id"]: fact for fact in outcomes(article).to_dict("records")}
    questions = dict(zip(article.forecast_questions["id"], article.forecast_questions["question"],
                         strict=True))
    rows = []
    for score in scores.to_dict("records"):
        fact = facts[score["id"]]
        cite = (f"{html.escape(fact['publisher'])}, “{html.escape(fact['title'])}”, "
                f"{fact['source_date']:%d %b %Y}, <a href=\"{html.escape(fact['url'])}\" "
                f"target=\"_blank\">{html.escape(fact['url'])}</a>")
        rows.append(
            f"<tr><td><b>{score['id']}</b> {html.escape(questions[score['id']])}"
            f"</td><td>{score['you']:.0%}</td><td><b>{'yes' if score['happened'] else 'no'}</b>"
            f": {html.escape(fact['resolution'])}<br><small>{cite}</small></td>"
            f"<td>{score['brier_you']:.2f}</td></tr>")
    summary = score_summary(scores)
    totals = ", ".join(f"{name}: <b>{value:.3f}</b>" for name, value in summary.items())
    warnings = "".join(f"<li>{html.escape(w)}</li>" for w in coherence_warnings(forecasts,
                                                                                article))
    return (
        "<table><tr><th>Question</th><th>You</th><th>What happened (source)</th>"
        f"<th>Brier</th></tr>{''.join(rows)}</table>"
        f"<p>Mean Brier score over the {len(scores)} questions you answered (lower is better): "
        f"{totals}.</p>"
        + (f"<p>Check your reasoning:</p><ul>{warnings}</ul>" if warnings else "")
        + "<p><i>These questions were written after the fact, and the course kept only those "
          "whose outcome a public source states. 'Will Russia use a nuclear weapon within 30 "
          "days?' was dropped: no source the course could cite says, for that window, that "
          "nothing happened. Sourcing a non-event is hard, so question sets like this one "
          "lean towards things that did happen.</i></p>")


# --- Answers that quote the article ----------------------------------------------------------

# A word, or an abbreviation with its dots ("U.S."), so "U.S.-made" is not three words.
WORD = re.compile(r"(?:\w\.){2,}|[\w’'-]+")


def words_of(value: str) -> list[str]:
    """Lower-case words with straight apostrophes; quote marks around a word are dropped."""
    return [w.replace("’", "'").strip("'-").lower() for w in WORD.findall(value)]


def quoted_spans(answer: str, article_text: str, min_words: int = 5) -> list[str]:
    """Runs of at least ``min_words`` consecutive words of the article that the answer repeats
    (case, quote marks and punctuation ignored), as the article writes them, longest first."""
    said = " " + " ".join(words_of(answer)) + " "
    found = []
    for _start, _end, sentence in spans.sentences(article_text).itertuples(index=False):
        tokens = list(WORD.finditer(sentence))
        best = None
        for i in range(len(tokens)):
            for j in range(len(tokens), i + min_words - 1, -1):
                run = " ".join(words_of(" ".join(t.group() for t in tokens[i:j])))
                if f" {run} " in said:
                    if best is None or j - i > best[1] - best[0]:
                        best = (i, j)
                    break
        if best:
            found.append(sentence[tokens[best[0]].start():tokens[best[1] - 1].end()])
    return sorted(found, key=lambda s: (-len(s), s))
