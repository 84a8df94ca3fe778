"""The actors lesson's Try-it checks."""

from __future__ import annotations

import pandas as pd

from newscase.data import (
    ATTRIBUTION_LABELS,
    Article,
    accepted_codes,
    actor_names,
    both_fit_notes,
    find_actor,
)
from newscase.present.feedback import Feedback, codes_for_each, placeholder


def check_attributions(answers: dict[str, str], article: Article) -> Feedback:
    """Each claim id mapped to an attribution type; says which are right, hints at the rest."""
    truth = accepted_codes(article.claims, "attribution")
    allowed = list(ATTRIBUTION_LABELS)
    unknown = [c for c in answers if c not in truth]
    if unknown:
        return Feedback(False, f"There is no claim {', '.join(unknown)}; use ids from art.claims.")
    invalid = [a for a in answers.values() if a not in allowed]
    if invalid:
        return Feedback(False, f"'{invalid[0]}' is not an attribution type. Use one of: "
                        + ", ".join(allowed) + ".")
    wrong = [c for c, a in answers.items() if a not in truth[c]]
    if not answers:
        return Feedback(False, "Fill in the dictionary, one claim id to one attribution type.")
    if wrong:
        return Feedback(False, f"{len(answers) - len(wrong)} of {len(answers)} right. "
                        f"Look again at {', '.join(wrong)}: who is named, and who is not?")
    return Feedback(True, " ".join(filter(None, [
        "All right.", both_fit_notes(article.claims, "attribution", answers)])))


def silent_actors(article: Article) -> pd.DataFrame:
    """Actors whose stance the article reports but who never speak: no claim or quote is
    theirs, not even in reported speech. Inferred stances do not count."""
    actors, claims = article.actors, article.claims
    speakers = {a for ids in claims["asserted_by"] for a in ids} | set(article.quotes["speaker"])
    coded = actors["stance"].notna() & (actors["stance_source"] != "inferred")
    return actors[coded & ~actors["id"].isin(speakers)]


def check_silent_actor(answer: str, article: Article) -> Feedback:
    """The actor whose stance is clear although it never speaks in the article."""
    wanted = str(answer).strip().lower()
    notes = {form.lower(): row["stance_note"] for _, row in silent_actors(article).iterrows()
             for form in [row["id"], row["name"], *row["aliases"]]}
    if wanted in notes:
        return Feedback(True, notes[wanted])
    if not wanted:
        return Feedback(False, "Type an actor's name between the quotes.")
    return Feedback(False, "Not that one. Look for an actor whose position is clear but who "
                    "never speaks in the article, not even in reported speech.")


def check_translated_quotes(speakers: list[str], article: Article) -> Feedback:
    """Which quoted speakers' words are most likely translations (names, ids or aliases)."""
    if speakers is None or isinstance(speakers, str):
        return Feedback(False, "Give a list of names in square brackets, such as "
                        "['a name'], or [] if you think none.")
    quotes = article.quotes
    try:
        given = {find_actor(article, s)["id"] for s in speakers}
    except LookupError as exc:
        return Feedback(False, str(exc))
    strangers = given - set(quotes["speaker"])
    if strangers:
        names = actor_names(article.actors)
        return Feedback(False, f"{', '.join(sorted(names[s] for s in strangers))} is not quoted "
                        "in the article. "
                        "Explore the quotes in the actor explorer above.")
    if given == set(quotes.loc[quotes["translated"] == "likely", "speaker"]):
        return Feedback(True, "These are the quoted speakers whose words most likely reached the "
                        "reporter through a translation.")
    return Feedback(False, "Not quite. For each quoted speaker, ask: in what language would "
                    "they most likely have said this, and to whom?")


def check_lost_sources(answer, article: Article) -> Feedback:
    """Which claims lost their source in the rewrite: the wire attributes them, the article
    states them in its own voice (wire_rewrite rows with change 'source-dropped')."""
    rewrite = article.wire_rewrite
    lost = rewrite[rewrite["change"] == "source-dropped"]
    truth = list(lost["claim"])
    given = [answer] if isinstance(answer, str) else list(answer or [])
    cleaned = [str(g).strip().lower() for g in given if str(g).strip() and not placeholder(g)]
    if not cleaned:
        return Feedback(False, "List claim ids from the table's first column, in square "
                        "brackets.")
    strangers = [c for c in cleaned if c not in set(rewrite["claim"])]
    if strangers:
        return Feedback(False, f"'{strangers[0]}' is not in the table. Use the claim ids in its "
                        "first column.")
    if set(cleaned) == set(truth):
        losses = " ".join(f"{row.claim}: {row.note}" for row in lost.itertuples())
        return Feedback(True, f"The wire gives these to its sources; the article states them "
                        f"in its own voice. {losses}")
    kept = sorted(set(cleaned) - set(truth))
    if kept:
        changes = dict(zip(rewrite["claim"], rewrite["change"], strict=True))
        return Feedback(False, f"{', '.join(kept)} still has a source in the article "
                        f"({', '.join(changes[c] for c in kept)}). Look for claims the wire "
                        "gives to someone and the article gives to no one.")
    return Feedback(False, "Right so far, but there are more. Compare the two attribution "
                    "columns row by row: where does the article's column say 'The reporter'?")


# --- the lesson's exercises, by kind (newscase.present.exercises)


def attributions_exercise(article: Article, answer, claims: list[str]) -> Feedback:
    """An attribution code for each of the exercise's claims."""
    return (codes_for_each(answer, claims, "attribution type")
            or check_attributions(answer, article))


NEEDS = {"translated-quotes": ["quotes"], "silent-actor": ["actors"],
         "lost-sources": ["wire_rewrite"]}
EXERCISES = {
    "translated-quotes": lambda article, answer: check_translated_quotes(answer, article),
    "attributions": attributions_exercise,
    "silent-actor": lambda article, answer: check_silent_actor(answer, article),
    "lost-sources": lambda article, answer: check_lost_sources(answer, article),
}
