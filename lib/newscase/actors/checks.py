"""The actors lesson's Try-it checks."""

from __future__ import annotations

from newscase.data import ATTRIBUTION_LABELS, Article, actor_names, find_actor
from newscase.present.feedback import Feedback


def check_attributions(answers: dict[str, str], article: Article) -> Feedback:
    """Each claim id mapped to an attribution type; says which are right, hints at the rest."""
    truth = dict(zip(article.claims["id"], article.claims["attribution"], strict=True))
    allowed = list(ATTRIBUTION_LABELS)
    unknown = [c for c in answers if c not in truth]
    if unknown:
        return Feedback(False, f"There is no claim {', '.join(unknown)}; use ids from art.claims.")
    invalid = [a for a in answers.values() if a not in allowed]
    if invalid:
        return Feedback(False, f"'{invalid[0]}' is not an attribution type. Use one of: "
                        + ", ".join(allowed) + ".")
    wrong = [c for c, a in answers.items() if truth[c] != a]
    if not answers:
        return Feedback(False, "Fill in the dictionary, one claim id to one attribution type.")
    if wrong:
        return Feedback(False, f"{len(answers) - len(wrong)} of {len(answers)} right. "
                        f"Look again at {', '.join(wrong)}: who is named, and who is not?")
    return Feedback(True, "All right. Notice how few claims rest on someone named.")


def check_third_party_actor(answer: str, article: Article) -> Feedback:
    """The actor whose stance reaches the reader only through others."""
    actors = article.actors
    wanted = str(answer).strip().lower()
    third = actors[actors["stance_source"] == "third-party"]
    forms = {f.lower() for _, r in third.iterrows() for f in [r["id"], r["name"], *r["aliases"]]}
    if wanted in forms:
        return Feedback(True, third.iloc[0]["stance_note"] + " Only U.S. officials and "
                        "unnamed sources speak for it: the administration is never quoted.")
    if not wanted:
        return Feedback(False, "Type an actor's name between the quotes.")
    return Feedback(False, "Not that one. Look for an actor whose position is clear but who "
                    "never speaks in the article, not even in reported speech.")


def check_translated_quotes(speakers: list[str], article: Article) -> Feedback:
    """Which quoted speakers' words are most likely translations (names, ids or aliases)."""
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
        return Feedback(True, "A Ukrainian president's address and a Russian legislator's "
                        "Telegram post were most likely not in English. The article never says "
                        "so: this is an inference, and other outlets may word these lines "
                        "differently.")
    return Feedback(False, "Not quite. For each quoted speaker, ask: in what language would "
                    "they most likely have said this, and to whom?")
