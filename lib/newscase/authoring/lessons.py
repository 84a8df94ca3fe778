"""Write the lesson notebooks 00–04 for any article, from the generic templates.

The templates (``templates/*.ipynb``) are lessons whose prose knows no article: everything about
the article comes from library calls on ``art``. Their cells carry tags that say what to do:

- ``parameters``: the cell that sets ``ARTICLE`` (papermill's convention); it is set to the
  article's folder, relative to the output folder when possible, so the two can move together.
- ``needs:<table>``: the cell shows that table's data. If the article lacks the table or it has
  no rows, the cell is left out, and the first left-out cell of a run becomes one sentence that
  says what the article lacks.
- ``tryit:<kind>``: a Try-it placeholder (a markdown and a code cell) for the exercise kind
  ``<kind>`` of the lesson's topic (``checks.EXERCISES``). It becomes one Try-it per row of that
  kind in the article's exercises table (its ``prompt``, or a default question for the kind), and
  is left out when there is none. The cells it becomes are tagged ``try-it``, which app mode
  leaves out (``newscase.present.app_mode``), as it does the templates' other Try-its and cells
  tagged ``not-in-app``.
"""

from __future__ import annotations

import html
import json
import os
import re
from importlib.resources import files
from pathlib import Path

from newscase.data import load_article
from newscase.data.files import atomic_write
from newscase.present.app_mode import TRY_IT
from newscase.present.exercises import exercise_tables
from newscase.present.missing import lacking, missing
from newscase.timeline.checks import date_known

TEMPLATES = ("00-start-here", "01-actors", "02-timeline", "03-range", "04-escalation")
NEEDS, TRYIT, PARAMETERS = "needs:", "tryit:", "parameters"
# What a lesson says an article lacks, by table (other tables: their name in words).
LACKS = {
    "date": "known date",
    "events": "dated events", "time_phrases": "time phrases of its own",
    "weapons": "weapon with a stated range", "wire_rewrite": "comparison with a wire story",
    "escalation_views": "readings of escalation by side", "arguments": "argument map",
    "ladder": "escalation ladder", "ladder_placements": "events placed on a ladder",
    "forecast_questions": "forecast questions",
    "map_origins": "second place to measure a range from",
}
ANSWER = "type your answer here"
# Per exercise kind: the Try-it's title and its question when the row has no prompt. The
# question may use the row's params by name; it never states the answer.
KINDS = {
    "count": ("count them", "How many {table} does the course record in this article? Read the "
              "article, or the highlighter below, and count. Replace `None` with your number."),
    "hedge-choice": ("the hedge in a claim", "Claim {claim} contains one of these hedge words: "
                     "{options}. Which one? Replace `None` with it, in quotes."),
    "article-date": ("date the article", "On what date was the article written? Use its time "
                     "clues and, if the text cannot decide, the sources the course cites "
                     "(`art.sources`). Replace `None` with a date in quotes, as \"YYYY-MM-DD\"."),
    "translated-quotes": ("which quotes are translations?", "Which quoted speakers' words most "
                          "likely reached the reporter through a translation? Replace `None` "
                          "with a list of names in square brackets."),
    "attributions": ("classify claims by their source", "Give each claim in the dictionary its "
                     "attribution type: one of {attribution_types}."),
    "silent-actor": ("the actor who never speaks", "One actor's stance is clear from what it "
                     "did, yet it never speaks in the article, not even in reported speech. Who "
                     "is it? Type its name between the quotes."),
    "lost-sources": ("which claims lost their source?", "Find the claims that the wire story "
                     "gives to someone but the article states in its own voice. Replace `None` "
                     "with a list of their claim ids."),
    "event-order": ("put events in order", "Put these events in order, earliest first: "
                    "{events}. Replace `None` with a list of their ids in square brackets."),
    "phrase-date": ("seen from another day", "Suppose the text was read on {reference}. Seen "
                    "from that day, what date does \"{phrase}\" mean? If the phrase has no end, "
                    "give its earliest day; if no start, its latest day; if it spans days, its "
                    "first day. Replace `None` with a date in quotes, as \"YYYY-MM-DD\"."),
    "date-basis": ("stated or inferred?", "Is the date of event {event} stated in the article, "
                   "inferred from its clues, or taken from an outside source? Replace `None` "
                   "with \"stated\", \"inferred\" or \"outside source\"."),
    "events-on-day": ("events on one day", "How many of the article's events may fall on "
                      "{day}? Use the slider or the cell above. Replace `None` with your number."),
    "miles-to-km": ("convert the miles yourself", "Convert the range of `{weapon}` from miles "
                    "to km (1 mile is 1.609344 km). Replace `None` with your number."),
    "in-reach": ("in reach?", "Which of {options} lie within the range of `{weapon}`, measured "
                 "from {origin}? Replace `None` with a list of names, or `[]` if none is."),
    "border-distance": ("how far from the border?", "How far is {place} from the nearest point "
                        "of the border, in km? Replace `None` with a whole number."),
    "reach-difference": ("one origin against another", "At the range of `{weapon}`, how many "
                         "more cities lie in reach measured from {wide} than from {narrow}? "
                         "Replace `None` with your number."),
    "mercator-circle": ("a scale bar away from the equator", "Someone draws a circle with the "
                        "range of `{weapon}` around {place} on a Web-Mercator map, using the "
                        "scale bar printed for the equator. How far does the circle really "
                        "reach on the ground, in km? Replace `None` with your number."),
    "both-sides": ("who argues on both sides?", "Find every speaker with at least one argument "
                   "for the decision and another against it; the reporter counts as a speaker. "
                   "Replace `None` with a list of names."),
    "claim-types": ("threat, warning or prediction?", "Give each claim in the dictionary its "
                    "type: one of {claim_types}."),
    "escalation-claimants": ("who calls it an escalation?", "Which actors does the article "
                             "report calling event {event} an escalation, in their own words or "
                             "in the reporter's account of them? Replace `None` with a list of "
                             "names."),
    "brier": ("a Brier score by hand", "A forecaster gave {probability} to a question whose "
              "answer turned out to be {happened}. What is their Brier score on that question? "
              "Replace `None` with your number."),
    "discussion": ("back your answer with the article's words", "Write your answer to the "
                   "question above between the quotes, quoting at least five words in a row "
                   "from the article."),
}
# Kinds whose answer is a dict, one code per claim; the cell hands the learner its keys.
PER_CLAIM = {"attributions": "type a type here", "claim-types": "type a claim type"}
# Answers checked as text start as text: None would be read as the word "None".
FIRST_ANSWER = {"silent-actor": '""', "discussion": f'"{ANSWER}"'}


def write_lessons(folder: Path, out: Path) -> list[Path]:
    """Write the five lessons for the article in ``folder`` into ``out``; return their paths."""
    folder, out = Path(folder), Path(out)
    article = load_article(folder)
    exercises = exercise_rows(article)
    written = []
    for name in TEMPLATES:
        template = json.loads((files("newscase.authoring") / "templates" / f"{name}.ipynb")
                              .read_text(encoding="utf-8"))
        topic = template["metadata"]["newscase"]["topic"]
        rows = [row for row in exercises if row["key"].split(".")[0] == topic
                and not lacks_for(article, exercise_needs(row))]
        notebook = lesson(template, article, rows, article_parameter(folder, out), name[:2])
        path = out / f"{name}.ipynb"
        atomic_write(path, (json.dumps(notebook, indent=1, ensure_ascii=False) + "\n").encode())
        written.append(path)
    return written


def exercise_needs(row: dict) -> list[str]:
    """What an exercise reads: its tables, and the article's date for an article-date kind."""
    return exercise_tables(row) + (["date"] if row["kind"] == "article-date" else [])


def article_parameter(folder: Path, out: Path) -> str:
    """The folder relative to ``out`` when they share a parent folder (then both can move
    together), else absolute."""
    folder, out = folder.resolve(), out.resolve()
    try:
        shared = Path(os.path.commonpath([folder, out]))
    except ValueError:  # another drive, on Windows
        return str(folder)
    if shared == Path(shared.anchor):
        return str(folder)
    return Path(os.path.relpath(folder, out)).as_posix()


def exercise_rows(article) -> list[dict[str, str]]:
    frame = article.tables.get("exercises")
    if frame is None:
        return []
    return [{k: v if isinstance(v, str) else "" for k, v in row.items()}
            for row in frame.to_dict("records")]


def lesson(template: dict, article, rows: list[dict], parameter: str, prefix: str) -> dict:
    """The template's cells for this article: parameter set, cells for missing data replaced
    by one sentence per run, Try-its expanded; no outputs."""
    source = template["cells"]
    lacks = [lacks_for(article, [t[len(NEEDS):] for t in tags_of(c) if t.startswith(NEEDS)])
             for c in source]
    cells, in_run = [], False
    for index, cell in enumerate(source):
        kind = next((t[len(TRYIT):] for t in tags_of(cell) if t.startswith(TRYIT)), None)
        if lacks[index]:
            if not in_run:
                cells.append(markdown_cell(skip_sentence(source, lacks, index)))
            in_run = True
            continue
        if kind is not None:
            if cell["cell_type"] == "markdown":  # the pair expands once, at its markdown cell
                expanded = [c for row in rows if row["kind"] == kind for c in tryit(cell, row)]
                cells += expanded
                in_run = in_run and not expanded
            continue
        in_run = False
        cells.append(plain(cell, parameter))
    for index, cell in enumerate(cells):
        cell["id"] = f"lesson-{prefix}-{index:03d}"
    metadata = {k: v for k, v in template["metadata"].items() if k != "newscase"}
    return {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def lacks_for(article, needed: list[str]) -> list[str]:
    """What the article lacks of ``needed``: table names, and 'date' (``needs:date``) when its
    date is unknown."""
    unknown = ["date"] if "date" in needed and not date_known(article) else []
    return unknown + lacking(article, [name for name in needed if name != "date"])


def tags_of(cell: dict) -> list[str]:
    return cell["metadata"].get("tags", [])


def skip_sentence(cells: list[dict], lacks: list[list[str]], first: int) -> str:
    """'This article has no X, so this section is skipped.', or 'this part' when cells of the
    section remain after the skipped run."""
    run = []
    for lacked in lacks[first:]:
        if not lacked:
            break
        run += [name for name in lacked if name not in run]
    what = " or ".join(LACKS.get(name, name.replace("_", " ")) for name in run)
    after = list(zip(cells[first:], lacks[first:], strict=True))
    before = list(zip(cells[first - 1::-1], lacks[first - 1::-1], strict=True)) if first else []
    whole = all(section_skipped(run) for run in (after, before))
    return missing(what, so=f"this {'section' if whole else 'part'} is skipped").message


def section_skipped(cells: list[tuple[dict, list[str]]]) -> bool:
    """Whether every cell up to the next section heading is skipped or a Try-it."""
    for cell, lacked in cells:
        if cell["cell_type"] == "markdown" and "".join(cell["source"]).startswith("## "):
            return True
        if not lacked and not any(t.startswith(TRYIT) for t in tags_of(cell)):
            return False
    return True


def plain(cell: dict, parameter: str) -> dict:
    """A template cell as the lesson has it: no outputs, ``ARTICLE`` set in ``parameters``."""
    source = "".join(cell["source"])
    tags = cell["metadata"].get("tags", [])
    if PARAMETERS in tags:
        source = f"ARTICLE = {json.dumps(parameter)}"
    metadata = {"tags": tags} if tags else {}
    if cell["cell_type"] == "markdown":
        return {"cell_type": "markdown", "metadata": metadata, "source": source}
    return code_cell(source, metadata)


def code_cell(source: str, metadata: dict | None = None) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": metadata or {},
            "outputs": [], "source": source}


def markdown_cell(source: str, metadata: dict | None = None) -> dict:
    return {"cell_type": "markdown", "metadata": metadata or {}, "source": source}


def tryit(template_cell: dict, row: dict) -> list[dict]:
    """One Try-it for one exercises row: its question, then the learner's cell."""
    title, default = KINDS.get(row["kind"], ("answer in the cell below", "Answer in the cell "
                                             "below, then run it."))
    params = json.loads(row["params"]) if row["params"] else {}
    prompt = markdown_text(row["prompt"]) if row["prompt"].strip() else default_prompt(
        default, params)
    heading = "".join(template_cell["source"]).format(title=title, prompt=prompt)
    cells = [markdown_cell(heading, try_it())]
    claims = params.get("claims")
    if row["kind"] in PER_CLAIM and isinstance(claims, list):
        cells.append(code_cell(f"art.table(\"claims\", [\"asserted_by\", \"evidence\"], "
                               f"ids={json.dumps(claims)})", try_it()))
        blank = PER_CLAIM[row["kind"]]
        answer = "{\n" + "".join(f"    {json.dumps(c)}: {json.dumps(blank)},\n"
                                 for c in claims) + "}"
    else:
        answer = FIRST_ANSWER.get(row["kind"], "None")
    cells.append(code_cell(f"my_answer = {answer}\n\nart.check({json.dumps(row['key'])}, "
                           "my_answer)", try_it()))
    return cells


def try_it() -> dict:
    return {"tags": [TRY_IT]}


def default_prompt(template: str, params: dict) -> str:
    """The kind's question with the row's params filled in (escaped: they are data)."""
    values = {key: markdown_text(words(value)) for key, value in params.items()}
    if "events" in params and isinstance(params["events"], list):
        values["events"] = markdown_text(words(shown_order(params["events"])))
    if "probability" in params:
        values["probability"] = f"{float(params['probability']):.0%}".replace("%", " %")
        values["happened"] = "yes" if params.get("happened") else "no"
    if params.get("origin") == "border":
        values["origin"] = "the border"
    values.setdefault("attribution_types", code_list(attribution_types()))
    values.setdefault("claim_types", code_list(claim_types()))
    try:
        return template.format(**values)
    except (KeyError, IndexError):  # the row's params do not fit the kind's question
        return "Answer in the cell below, then run it."


def shown_order(ids: list[str]) -> list[str]:
    """Event ids in an order to sort, never the order the row lists them in (often the
    answer): by id, or reversed if that is the same."""
    ordered = sorted(ids)
    return ordered[::-1] if ordered == list(ids) else ordered


def words(value) -> str:
    """A param as prose: lists as 'a, b and c'."""
    if isinstance(value, list):
        items = [str(v) for v in value]
        return " and ".join(filter(None, [", ".join(items[:-1]), items[-1]])) if items else ""
    return str(value)


def code_list(items: list[str]) -> str:
    return ", ".join(f"`{item}`" for item in items)


def attribution_types() -> list[str]:
    from newscase.data.names import ATTRIBUTION_LABELS

    return list(ATTRIBUTION_LABELS)


def claim_types() -> list[str]:
    from newscase.escalation.claims import CLAIM_TYPES

    return list(CLAIM_TYPES)


MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}|~$])")
LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def markdown_text(value: str) -> str:
    """Text from data as literal Markdown: HTML escaped, Markdown's marks and MathJax's '$'
    backslash-escaped, on one line (so nothing can start a heading or a list)."""
    one_line = " ".join(str(value).split())
    escaped = MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(one_line, quote=False))
    return LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)[:-1]}\\{m.group(2)[-1]}",
                          escaped)
