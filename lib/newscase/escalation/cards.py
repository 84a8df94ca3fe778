"""HTML for the escalation lesson: an argument's card, a claim's card, and the forecast reveal;
all data text escaped."""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from newscase import text as spans
from newscase.data import ATTRIBUTION_LABELS, Article, actor_names
from newscase.escalation.arguments import REPORTER
from newscase.escalation.claims import CLAIM_TYPES, known_claim_type
from newscase.escalation.cues import find_cues
from newscase.escalation.forecasts import (
    coherence_warnings,
    outcomes,
    score_forecasts,
    score_summary,
)


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


def claim_card(article: Article, claim_id: str) -> str:
    """HTML card: a claim's type and what it means, who asserts it, its coded hedges, the cues
    the finder sees in it, and its sentence."""
    claims = article.claims.set_index("id")
    if claim_id not in claims.index:
        raise LookupError(f"No claim '{claim_id}'. Claims run from {claims.index[0]} to "
                          f"{claims.index[-1]}.")
    claim = claims.loc[claim_id]
    kind = known_claim_type(claim["claim_type"], claim_id)
    names = actor_names(article.actors)
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
    # The article's own note on the questions it dropped, if it has one.
    note = article.metadata.get("forecast_questions_note")
    dropped = f" {html.escape(note)}" if note else ""
    return (
        "<table><tr><th>Question</th><th>You</th><th>What happened (source)</th>"
        f"<th>Brier</th></tr>{''.join(rows)}</table>"
        f"<p>Mean Brier score over the {len(scores)} questions you answered (lower is better): "
        f"{totals}.</p>"
        + (f"<p>Check your reasoning:</p><ul>{warnings}</ul>" if warnings else "")
        + "<p><i>These questions were written after the fact, and the course kept only those "
          f"whose outcome a public source states.{dropped} Sourcing a non-event is hard, so "
          "question sets like this one lean towards things that did happen.</i></p>")
