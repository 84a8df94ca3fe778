"""The escalation lesson's Try-it checks."""

from __future__ import annotations

import pandas as pd

from newscase.data import Article, accepted_codes, both_fit_notes, find_actor
from newscase.escalation.answers import quoted_spans
from newscase.escalation.arguments import REPORTER, argument_graph, speakers_on_both_sides
from newscase.escalation.claims import CLAIM_TYPES, known_claim_type
from newscase.escalation.forecasts import brier_score
from newscase.escalation.ladder import escalation_claimants, ladder_frame, move_event
from newscase.present.feedback import Feedback, codes_for_each, placeholder, read_number


def check_both_sides(answer, nodes) -> Feedback:
    """Which speakers argue both for and against the decision (nodes: ``argument_graph``)."""
    correct = speakers_on_both_sides(nodes)
    names = sorted({n for who in nodes["speakers"] for n in who} | {REPORTER})
    given = [answer] if isinstance(answer, str) else list(answer or [])
    cleaned = [str(a).strip().lower() for a in given if str(a).strip() and not placeholder(a)]
    if not cleaned:
        return Feedback(False, "Type one or more speakers between the quotes, such as "
                        f"['{names[0]}'].")
    picked = set()
    for item in cleaned:
        matches = [n for n in names if item in n.lower()]
        if not matches:
            return Feedback(False, f"No speaker in the map is called '{item}'. Speakers: "
                            f"{', '.join(names)}.")
        picked.update(matches)
    if picked == set(correct):
        return Feedback(True, f"{' and '.join(correct)} argue both for and against.")
    if picked < set(correct):
        return Feedback(False, "Right so far, but there is more than one. Look for every "
                        "argument that attacks another argument, then at who made the one it "
                        "attacks.")
    return Feedback(False, "Not quite. A speaker is on both sides if one of their arguments is "
                    "for the decision and another against it; an attack on an argument for "
                    "the decision counts as against.")


def check_claim_types(answers: dict[str, str], article: Article) -> Feedback:
    """Claim types for a few claims; a wrong one gets the definition of the type it is."""
    truth = accepted_codes(article.claims, "claim_type")
    wrong = []
    for claim_id, given in answers.items():
        if claim_id not in truth:
            return Feedback(False, f"There is no claim '{claim_id}'.")
        if placeholder(given):
            return Feedback(False, f"Replace '{given}' for {claim_id} with one of: "
                            f"{', '.join(CLAIM_TYPES)}.")
        try:
            kind = known_claim_type(str(given).strip().lower())
        except ValueError as error:
            return Feedback(False, f"{claim_id}: {error}")
        if kind not in truth[claim_id]:
            wrong.append(claim_id)
    if not wrong:
        why = both_fit_notes(article.claims, "claim_type", answers)
        return Feedback(True, why or "A threat names the harm the speaker's own side would "
                        "cause; a warning says an act will have bad consequences without promising "
                        "to cause them; a prediction only says what may happen. Each hedge "
                        "('could') weakens a claim without changing its type.")
    first = wrong[0]
    return Feedback(False, f"Look again at {', '.join(wrong)}. Read {first}'s words in the "
                    "explorer and ask: does the speaker say what will happen, judge it, or "
                    "promise or warn of harm, and whose?")


def check_escalation_claimants(answer, article: Article, event_id: str) -> Feedback:
    """Who, in the article's own words, calls an event an escalation."""
    correct = set(escalation_claimants(article, event_id))
    given = [answer] if isinstance(answer, str) else list(answer or [])
    given = [g for g in given if str(g).strip() and not placeholder(g)]
    if not given:
        return Feedback(False, "Type one or more actor names between the quotes, as in "
                        "art.actors.")
    try:
        picked = {find_actor(article, g)["name"] for g in given}
    except LookupError as error:
        return Feedback(False, str(error))
    if picked == correct:
        views = article.escalation_views
        chosen = views[(views["event"] == event_id) & (views["reading"] == "escalation")
                       & (views["basis"] == "stated")]
        return Feedback(True, " ".join(chosen["reasoning"]))
    if picked < correct:
        return Feedback(False, "Right so far, but someone else uses the word too, perhaps on "
                        "the other side. Read each side's column again.")
    return Feedback(False, "Not quite. Count only voices that call the decision itself an "
                    "escalation, in their own reported words; a fear that it could provoke "
                    "one is a different reading.")


def check_ladder_move(event_id: str, rung, why: str, article: Article,
                      frame: pd.DataFrame | None = None) -> Feedback:
    """A learner's placement of an event on the ladder: any rung, with a reason, is accepted;
    the feedback sets it beside the course's interpretation. ``frame`` is
    ``ladder_frame(article)``, if the caller has it already."""
    frame = ladder_frame(article) if frame is None else frame
    try:
        moved = move_event(frame, article.ladder, event_id, rung, why)
    except ValueError as error:
        return Feedback(False, str(error))
    row = moved[moved["event"] == event_id].iloc[0]
    names = dict(zip(article.ladder["rung"], article.ladder["name"], strict=True))
    mine = int(row["learner_rung"])
    course = (f"The course put {event_id} on rung {row['rung']} ({row['rung_name']}): "
              f"{row['reasoning']}")
    if mine == row["rung"]:
        return Feedback(True, f"You agree with the course. {course}")
    return Feedback(True, f"Recorded: rung {mine} ({names[mine]}), because “{row['learner_why']}”. "
                    f"{course} Both are interpretations; what makes one better is the evidence "
                    "you can point to.")


BRIER_TOLERANCE = 0.005  # answers rounded to two decimals count


def check_brier(answer, probability: float, happened: bool) -> Feedback:
    """The Brier score of one forecast, worked out by hand."""
    value, problem = read_number(answer, example="0.36")
    if problem:
        return problem
    outcome = 1.0 if happened else 0.0
    correct = brier_score({"q": probability}, {"q": happened})
    if abs(value - correct) <= BRIER_TOLERANCE:
        return Feedback(True, f"({probability} − {outcome:.0f})² = {correct:.2f}.")
    if abs(value - abs(probability - outcome)) <= BRIER_TOLERANCE:
        return Feedback(False, "That is the distance from the outcome. Now square it.")
    if abs(value - (1 - correct)) <= BRIER_TOLERANCE:
        return Feedback(False, "Lower is better for the Brier score: it is the squared "
                        "distance itself, not 1 minus it.")
    return Feedback(False, "Not yet. The outcome is 1 if it happened and 0 if not; subtract it "
                    "from the probability, then square.")


def check_discussion_answer(answer: str, article: Article) -> Feedback:
    """Does an answer quote the article (five or more words in a row) to back its point?"""
    if not str(answer or "").strip() or "type your answer" in str(answer).lower():
        return Feedback(False, "Write your answer between the quotes first.")
    quoted = quoted_spans(str(answer), article.text)
    if quoted:
        return Feedback(True, f"Your answer rests on the article's words: “{quoted[0]}”. "
                        "Bring it to class, and listen for answers that quote other sentences.")
    return Feedback(False, "Your answer does not quote the article yet. Copy at least five "
                    "words in a row from the sentence your point rests on, so others can check "
                    "it.")


# --- the lesson's exercises, by kind (newscase.present.exercises)


def both_sides_exercise(article: Article, answer) -> Feedback:
    nodes, _ = argument_graph(article.arguments, article.actors)
    return check_both_sides(answer, nodes)


def claim_types_exercise(article: Article, answer, claims: list[str]) -> Feedback:
    """A claim type for each of the exercise's claims."""
    return codes_for_each(answer, claims, "claim type") or check_claim_types(answer, article)


NEEDS = {"both-sides": ["arguments"], "escalation-claimants": ["escalation_views"]}
EXERCISES = {
    "both-sides": both_sides_exercise,
    "claim-types": claim_types_exercise,
    "escalation-claimants": lambda article, answer, event: check_escalation_claimants(
        answer, article, event),
    "brier": lambda article, answer, probability, happened: check_brier(
        answer, probability, happened),
    "discussion": lambda article, answer: check_discussion_answer(answer, article),
}
