"""Immediate feedback for Try-it exercises: each check is a pure function returning Feedback."""

from __future__ import annotations

import datetime as dt
import difflib
import html
import math
from dataclasses import dataclass

import pandas as pd

from newscase import debate, geo
from newscase.actors import ATTRIBUTION_LABELS, find_actor
from newscase.data import Article
from newscase.rangemap import RangeView
from newscase.timeline import TAKES_OFFICE, as_date, months_before

ARTICLE_DATE_HINTS = {
    "no_date": "Give a date as YYYY-MM-DD, for example 2024-11-10, or pick one in the date box.",
    "not_sunday": "The officials confirmed the decision 'on Sunday'. Which weekday is your date?",
    "too_far": "The shift comes 'just two months before' 20 January 2025: two calendar months "
               "before is 20 November 2024. Look for the Sundays nearest that day.",
    "other_sunday": "It fits the text about as well as the other Sunday nearest two calendar "
                    "months before: the text alone narrows the date to two Sundays. Look at "
                    "the date of the outside wire report this article follows "
                    "(art.sources), then choose.",
}


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str

    def __str__(self) -> str:
        return f"{'Correct' if self.correct else 'Not yet'}: {self.message}"

    def _repr_html_(self) -> str:
        colour, mark = ("#009E73", "✓") if self.correct else ("#D55E00", "✗")
        return (
            f'<div style="border-left:4px solid {colour};padding:4px 8px">'
            f"<b>{mark} {'Correct' if self.correct else 'Not yet'}</b>: "
            f"{html.escape(self.message)}</div>"
        )

    def __repr__(self) -> str:
        return str(self)


def parse_date(answer: str | dt.date | None) -> dt.date | None:
    try:
        return as_date(answer)
    except ValueError:
        return None


def check_article_date(answer: str | dt.date | None, article: Article) -> Feedback:
    """Is this the article's date? The text narrows it to the two Sundays nearest two months
    before 20 January 2025; the outside wire settles which."""
    guess = parse_date(answer)
    if guess is None:
        return Feedback(False, ARTICLE_DATE_HINTS["no_date"])
    if guess == article.date:
        return Feedback(True, article.metadata["date_reasoning"])
    if guess.weekday() != 6:
        return Feedback(False, f"{guess:%d %B %Y} is a {guess:%A}. "
                        + ARTICLE_DATE_HINTS["not_sunday"])
    days = (TAKES_OFFICE - guess).days
    said = f"{guess:%d %B %Y} is a Sunday {days} days before the inauguration. "
    if guess in sundays_nearest(months_before(TAKES_OFFICE, 2)):
        return Feedback(False, said + ARTICLE_DATE_HINTS["other_sunday"])
    return Feedback(False, said + ARTICLE_DATE_HINTS["too_far"])


def sundays_nearest(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Sunday on or before ``day`` and the Sunday after it."""
    before = day - dt.timedelta(days=(day.weekday() + 1) % 7)
    return before, before + dt.timedelta(days=7)


def read_number(answer, wanted: str = "a number", example: str = "4", whole: bool = False,
                meaning: str = "a usable number") -> tuple[float | None, Feedback | None]:
    """A learner's number, or the Feedback that says how to type one."""
    if answer is None or isinstance(answer, bool):
        return None, Feedback(False, f"Replace None with {wanted}, then run the cell again.")
    try:
        value = (int if whole else float)(str(answer).replace(",", "").strip())
    except ValueError:
        kind = "a whole number" if whole else "a number"
        return None, Feedback(False, f"'{answer}' is not {kind}. Type digits only, like "
                              f"{example}.")
    if not math.isfinite(value):
        return None, Feedback(False, f"{answer} is not {meaning}. Type {wanted}.")
    return value, None


def check_number(answer, correct: int, why: str) -> Feedback:
    """Whole-number check that tells a learner which way they are off."""
    value, problem = read_number(answer, "a whole number", whole=True)
    if problem:
        return problem
    if value == correct:
        return Feedback(True, why)
    direction = "too low" if value < correct else "too high"
    return Feedback(False, f"{value} is {direction}. Count again, then re-run the cell.")


def accepted_codes(claims: pd.DataFrame, column: str) -> dict[str, set[str]]:
    """Claim id -> every code that fits: the main one and any listed in ``<column>_also``."""
    also = claims[f"{column}_also"] if f"{column}_also" in claims else [[]] * len(claims)
    return {claim_id: {main, *extra}
            for claim_id, main, extra in zip(claims["id"], claims[column], also, strict=True)}


def both_fit_notes(claims: pd.DataFrame, column: str, ids) -> str:
    """The notes of the given claims that accept a second code: why both answers fit."""
    rows = claims[claims["id"].isin(list(ids)) & claims[f"{column}_also"].map(bool)]
    return " ".join(f"{row.id}: {row.note}" for row in rows.itertuples())


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
    why = both_fit_notes(article.claims, "attribution", answers)
    return Feedback(True, "All right. Notice how few claims rest on someone named."
                    + (f" {why}" if why else ""))


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
    quotes = article.quotes
    try:
        given = {find_actor(article, s)["id"] for s in speakers}
    except LookupError as exc:
        return Feedback(False, str(exc))
    strangers = given - set(quotes["speaker"])
    if strangers:
        names = dict(zip(article.actors["id"], article.actors["name"], strict=True))
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


def check_lost_sources(answer, article: Article) -> Feedback:
    """Which claims lost their source in the rewrite: the wire attributes them, the article
    states them in its own voice (wire_rewrite rows with change 'source-dropped')."""
    rewrite = article.wire_rewrite
    lost = rewrite[rewrite["change"] == "source-dropped"]
    truth = list(lost["claim"])
    given = [answer] if isinstance(answer, str) else list(answer or [])
    cleaned = [str(g).strip().lower() for g in given if str(g).strip() and not placeholder(g)]
    if not cleaned:
        return Feedback(False, "List claim ids from the table, such as ['c01'].")
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


def check_choice(answer: str, correct: str, why: str, options: list[str]) -> Feedback:
    """Multiple-choice check; a learner's typo gets a pointer to the options, not a 'wrong'."""
    cleaned = str(answer).strip().lower()
    if cleaned == correct.lower():
        return Feedback(True, why)
    if cleaned not in (o.lower() for o in options):
        return Feedback(False, f"'{answer}' is not one of the options: {', '.join(options)}.")
    return Feedback(False, "Look again at the sentence, then try another option.")


# --- timeline ---

DATE_BASIS_OPTIONS = {"stated": "stated", "inferred-from-text": "inferred",
                      "outside-source": "outside source"}


def check_event_order(answer, correct: list[str], why: str) -> Feedback:
    """Event ids, earliest first; ``correct`` comes from newscase.timeline.chronological."""
    ids = ", ".join(sorted(correct))  # sorted, so a message never gives the answer away
    if not isinstance(answer, list | tuple):
        return Feedback(False, "Give a list in square brackets, such as ['e01', 'e07'], with "
                        f"each of {ids} once, earliest first.")
    cleaned = [str(item).strip().lower() for item in answer]
    strangers = [item for item in cleaned if item not in correct]
    if strangers:
        return Feedback(False, f"'{strangers[0]}' is not one of the events to order: {ids}.")
    if sorted(cleaned) != sorted(correct):
        return Feedback(False, f"Use each of {ids} exactly once, earliest first.")
    if cleaned == correct:
        return Feedback(True, why)
    right = next(i for i, (a, b) in enumerate(zip(cleaned, correct, strict=True)) if a != b)
    start = f"The first {right} in your list are in place, but not the rest." if right > 1 else (
        "The first is in place, but not the rest." if right else "The first is not the earliest.")
    return Feedback(False, f"{start} Look at each event's time words (a date, a weekday, "
                    "'has ...', 'in the coming days'), then try again.")


def check_phrase_date(answer, resolution) -> Feedback:
    """The date a time phrase means (a newscase.timeline.Resolution): earliest for 'on or
    after', latest for 'on or before', first day for a range."""
    guess = parse_date(answer)
    if guess is None:
        return Feedback(False, "Give a date as YYYY-MM-DD, for example 2024-11-20.")
    if guess == resolution.date:
        return Feedback(True, f"'{resolution.phrase}' means {resolution.describe()}. "
                        f"{resolution.reasoning}")
    fits = ((resolution.start is None or resolution.start <= guess)
            and (resolution.end is None or guess <= resolution.end))
    wanted = {"after": "the earliest day", "before": "the latest day",
              "range": "its first day"}.get(resolution.precision)
    if fits and wanted:
        return Feedback(False, f"{guess:%d %B %Y} fits '{resolution.phrase}', but the question "
                        f"asks for {wanted} it can mean.")
    days = (guess - resolution.reference).days
    side = "after" if days > 0 else "before"
    where = (f"{abs(days)} days {side}" if days else "the same day as")
    return Feedback(False, f"{guess:%d %B %Y} is {where} the reference date, "
                    f"{resolution.reference:%A %d %B %Y}. Count from that day, then try again.")


def check_date_basis(answer, events, event_id: str) -> Feedback:
    """Is the event's date stated in the article, inferred from it, or from an outside source?"""
    row = events[events["id"] == event_id]
    if row.empty:
        raise ValueError(f"No event '{event_id}' in the events table.")
    basis = row["date_basis"].iloc[0]
    correct = DATE_BASIS_OPTIONS[basis]
    options = list(DATE_BASIS_OPTIONS.values())
    cleaned = str(answer).strip().lower()
    if cleaned in (correct, basis):
        return Feedback(True, row["date_reasoning"].iloc[0])
    if cleaned not in options:
        return Feedback(False, f"'{answer}' is not one of the options: {', '.join(options)}.")
    hint = {
        "inferred": "Does the article print a calendar date for it, or only a clue (a weekday, "
                    "'previously', a verb form) from which the date is worked out?",
        "stated": "Read the evidence again: the article gives this date in so many words.",
        "outside source": "The article itself does not date this event: look at its source.",
    }[correct]
    return Feedback(False, hint)


# --- debate (notebook 04) ---



def placeholder(value) -> bool:
    """Still the exercise's 'type ... here' text, not an answer."""
    return str(value).strip().lower().startswith("type ")


def check_both_sides(answer, nodes) -> Feedback:
    """Which speakers argue both for and against the decision (nodes: debate.argument_graph)."""
    correct = debate.speakers_on_both_sides(nodes)
    names = sorted({n for who in nodes["speakers"] for n in who} | {debate.REPORTER})
    given = [answer] if isinstance(answer, str) else list(answer or [])
    cleaned = [str(a).strip().lower() for a in given if str(a).strip() and not placeholder(a)]
    if not cleaned:
        return Feedback(False, "Type one or more speakers between the quotes, such as "
                        "['Radoslaw Sikorski'].")
    picked = set()
    for item in cleaned:
        matches = [n for n in names if item in n.lower()]
        if not matches:
            return Feedback(False, f"No speaker in the map is called '{item}'. Speakers: "
                            f"{', '.join(names)}.")
        picked.update(matches)
    if picked == set(correct):
        return Feedback(True, "The analysts split: some call the decision a necessary step, "
                        "others say it has come too late. The reporter, too, argues both ways: "
                        "deep strikes 'may shift the dynamics', 'however' the war's trajectory "
                        "'remains uncertain'. Balance can hide inside one voice.")
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
                            f"{', '.join(debate.CLAIM_TYPES)}.")
        try:
            kind = debate.known_claim_type(str(given).strip().lower())
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
    correct = set(debate.escalation_claimants(article, event_id))
    given = [answer] if isinstance(answer, str) else list(answer or [])
    given = [g for g in given if str(g).strip() and not placeholder(g)]
    if not given:
        return Feedback(False, "Type one or more actors between the quotes, such as "
                        "['The Kremlin'].")
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
        return Feedback(False, "Right so far, but someone else uses the word too, and not only "
                        "in Moscow. Read the 'Washington, Kyiv and allies' column again.")
    return Feedback(False, "Not quite. Count only voices that call the decision itself an "
                    "escalation, in their own reported words; a fear that it could provoke "
                    "one is a different reading.")


def check_ladder_move(event_id: str, rung, why: str, article: Article,
                      frame: pd.DataFrame | None = None) -> Feedback:
    """A learner's placement of an event on the ladder: any rung, with a reason, is accepted;
    the feedback sets it beside the course's interpretation. ``frame`` is
    ``debate.ladder_frame(article)``, if the caller has it already."""
    frame = debate.ladder_frame(article) if frame is None else frame
    try:
        moved = debate.move_event(frame, article.ladder, event_id, rung, why)
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
    correct = debate.brier_score({"q": probability}, {"q": happened})
    if abs(value - correct) <= BRIER_TOLERANCE:
        return Feedback(True, f"({probability} − {outcome:.0f})² = {correct:.2f}. Squaring "
                        "punishes confident mistakes most: 90 % on something that does not "
                        "happen costs 0.81, 60 % only 0.36.")
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
    quoted = debate.quoted_spans(str(answer), article.text)
    if quoted:
        return Feedback(True, f"Your answer rests on the article's words: “{quoted[0]}”. "
                        "Bring it to class, and listen for answers that quote other sentences.")
    return Feedback(False, "Your answer does not quote the article yet. Copy at least five "
                    "words in a row from the sentence your point rests on, so others can check "
                    "it.")


# --- range (notebook 03) ---




def check_km(answer, correct_km: float, why: str, tolerance_km: float = 5) -> Feedback:
    """A distance in km, right within ``tolerance_km``; says which way a miss is off, and
    spots an answer in miles."""
    value, problem = read_number(answer, "a number of km", "123.4", meaning="a distance")
    if problem:
        return problem
    if abs(value - correct_km) <= tolerance_km:
        return Feedback(True, why)
    if abs(value - geo.km_to_miles(correct_km)) <= tolerance_km:
        return Feedback(False, f"{value:g} looks like miles. The question asks for km: "
                        "1 mile is 1.609344 km.")
    direction = "too low" if value < correct_km else "too high"
    return Feedback(False, f"{value:g} km is {direction}. Check how you measured, then re-run "
                    "the cell.")


def check_miles_to_km(answer, miles: float = 190, stated_km: float = 306) -> Feedback:
    """The article's miles in km: 190 mi is 305.8 km, which the article rounds to 306."""
    value, problem = read_number(answer, "a number of km", "123.4", meaning="a distance")
    if problem:
        return problem
    exact = geo.miles_to_km(miles)
    if abs(value - exact) <= 0.5:
        return Feedback(True, f"{miles:g} mi × 1.609344 = {exact:.1f} km, which the article "
                        f"rounds to {stated_km:g}; back the other way, {stated_km:g} km is "
                        f"{geo.km_to_miles(stated_km):.1f} mi. The two figures agree.")
    if abs(value - miles / geo.KM_PER_MILE) <= 1:
        return Feedback(False, "You divided. A mile is longer than a km, so the same distance "
                        "is a bigger number in km: multiply by 1.609344.")
    if abs(value - miles) <= 1:
        return Feedback(False, f"{value:g} is still the number of miles. Multiply it by "
                        "1.609344, the km in one mile.")
    if abs(value - miles * 1.6) <= 1:
        return Feedback(False, f"Close: {value:g} uses 1.6 km per mile, a rounded factor. The "
                        "exact one, since 1959, is 1.609344.")
    direction = "too low" if value < exact else "too high"
    return Feedback(False, f"{value:g} km is {direction}. One mile is 1.609344 km: multiply "
                    f"{miles:g} by it.")


def check_border_distance(answer, place: str = "Moscow", tolerance_km: float = 10) -> Feedback:
    """How far a city in cities.csv is from the nearest point of the Ukraine–Russia border.
    The border line is good to about ±5 km, so answers within ``tolerance_km`` count."""
    lat, lon = geo.resolve_origin(place).points[0]
    km = geo.distance_to_border_km(lat, lon)
    value, _ = read_number(answer, "a number of km", "123.4", meaning="a distance")
    if value is not None and abs(value - 306) < 0.5 < abs(km - 306):
        return Feedback(False, "306 km is the weapon's range, not the distance. Hover over "
                        f"{place} on the map, or use geo.distance_to_border_km.")
    why = (f"{place} is about {km:,.0f} km from the nearest point of the border: "
           f"{km - 306:+,.0f} km compared with the article's 306. The border line itself is only "
           "good to about ±5 km.")
    return check_km(answer, km, why, tolerance_km)


def check_in_reach(answer, view: RangeView, options: list[str]) -> Feedback:
    """Which of ``options`` (city names) are within ``view.range_km`` of ``view.origin``?
    The answer is a list of names, [] for none, or one comma-separated string."""
    if answer is None:
        return Feedback(False, "Replace None with a list of names in square brackets, such as "
                        "['Kursk'], or [] if none is in reach.")
    if isinstance(answer, str):
        given = [part for part in answer.split(",") if part.strip()]
    elif isinstance(answer, list | tuple | set):
        given = list(answer)
    else:
        return Feedback(False, "Give a list of names in square brackets, such as ['Kursk'].")
    lookup = {option.lower(): option for option in options}
    chosen = set()
    for name in given:
        cleaned = str(name).strip().lower()
        if cleaned not in lookup:
            hint = difflib.get_close_matches(cleaned, list(lookup), n=1)
            suggestion = f" Did you mean '{lookup[hint[0]]}'?" if hint else ""
            return Feedback(False, f"'{name}' is not one of the options: {', '.join(options)}."
                            + suggestion)
        chosen.add(lookup[cleaned])
    reach = view.reach.drop_duplicates("name").set_index("name")
    truth = {option for option in options if reach.loc[option, "in_reach"]}
    if chosen == truth:
        facts = "; ".join(f"{option} {reach.loc[option, 'distance_km']:,.0f} km"
                          for option in options)
        return Feedback(True, f"Within {view.range_km:,.0f} km of {view.origin.label}: "
                        f"{', '.join(o for o in options if o in truth) or 'none of them'}. "
                        f"Distances: {facts}.")
    wrong = sorted(chosen ^ truth, key=options.index)
    right = len(options) - len(wrong)
    which = "it" if len(wrong) == 1 else "each"
    return Feedback(False, f"{right} of {len(options)} right. Look again at {', '.join(wrong)}: "
                    f"hover over {which} on the map, and compare the distance with "
                    f"{view.range_km:,.0f} km.")
