"""What we commit in notebooks must open cleanly for a learner, offline, and follow GUIDE.md.

Every lesson (notebooks/*.ipynb) and assignment (assignments/**/*.ipynb) is checked for size,
schema validity and stray widget or plotly.js state. Lessons are also checked against GUIDE.md's
"Notebook skeleton". Assignments are not: otter-grader's source format opens with a raw
`# ASSIGNMENT CONFIG` cell and its student versions with an `# Initialize Otter` code cell.

Each rule is a small function returning problems as "cell N: ..." strings, so one run lists
every problem in a notebook; the self-tests at the bottom prove each rule can fail.
"""

import copy
import json
import re
import warnings
from pathlib import Path

import nbformat
import pytest
from nbformat.warnings import DuplicateCellId, MissingIDFieldWarning

ROOT = Path(__file__).resolve().parents[1]
MAX_NOTEBOOK_BYTES = 200 * 1024
MAX_SCRIPT_OUTPUT_BYTES = 100 * 1024
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Outputs through which a browser would run embedded JavaScript.
SCRIPT_MIME_TYPES = ("text/html", "application/javascript")
# Signs that plotly.js itself (4.8 MB in plotly 7) was saved into an output, as plotly's
# "notebook" renderer and init_notebook_mode() do. JupyterLab needs none of it: the
# jupyterlab-plotly extension renders application/vnd.plotly.v1+json figures offline.
# - the banner every plotly.js dist bundle opens with ("* plotly.js v4.1.1"); a full version
#   number straight after "plotly.js v" does not turn up in prose, tables or figure JSON;
# - the require.js wrapper plotly.py before 6 put around that bundle.
# A bundle stripped of both still trips the MAX_SCRIPT_OUTPUT_BYTES size rule.
PLOTLYJS_SIGNATURES = {
    "plotly.js banner": re.compile(r"plotly\.js v\d+\.\d+\.\d+"),
    "require.js define('plotly')": re.compile(r"""define\(\s*['"]plotly['"]"""),
}

# GUIDE.md "Notebook skeleton", as the `## ` headings that must appear in this order.
SKELETON_BEFORE = ("Overview", "Prerequisites", "Time to learn")
SKELETON_AFTER = ("Summary", "What's next")
IMPORTS_HEADING = "Imports"  # part 5: set-up, not a lesson section, so it needs no Try it
TRY_IT = "Try it"
TRY_IT_TAG = "try-it"
# App mode (newscase.present.app_mode): the Voilà template a lesson names, which leaves out
# every cell tagged try-it; and a call that checks a learner's answer (art.check, check_...).
APP_TEMPLATE = "newscase"
CHECK_CALL = re.compile(r"\bcheck\w*\(")

HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
BOLD_TRY_IT = re.compile(r"\s*(\*\*|__)\s*try it\b", re.IGNORECASE)


def _notebooks(pattern: str) -> list[Path]:
    """Committed notebooks matching pattern; hidden folders (.ipynb_checkpoints) are not course."""
    return sorted(
        path for path in ROOT.glob(pattern)
        if not any(part.startswith(".") for part in path.relative_to(ROOT).parts)
    )


LESSONS = _notebooks("notebooks/*.ipynb")
NOTEBOOKS = LESSONS + _notebooks("assignments/**/*.ipynb")


def _params(paths: list[Path], what: str) -> list:
    # An empty parameter list would make pytest skip quietly; one failing case says why instead.
    if not paths:
        return [pytest.param(None, id=f"no-{what}")]
    return [pytest.param(path, id=str(path.relative_to(ROOT))) for path in paths]


def _load(path: Path | None) -> tuple[str, dict]:
    if path is None:
        pytest.fail(
            "no notebooks found under notebooks/*.ipynb or assignments/**/*.ipynb: "
            "the course needs at least notebooks/00-start-here.ipynb",
            pytrace=False,
        )
    return str(path.relative_to(ROOT)), json.loads(path.read_text(encoding="utf-8"))


every_notebook = pytest.mark.parametrize("path", _params(NOTEBOOKS, "notebooks"))
every_lesson = pytest.mark.parametrize("path", _params(LESSONS, "lessons"))


# ---------------------------------------------------------------------------------------------
# reading notebooks


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _text(data: object) -> str:
    if isinstance(data, list):
        return "".join(data)
    return data if isinstance(data, str) else json.dumps(data)


def _outputs(nb: dict):
    """(cell index, mime type, text) for every rich output in the notebook."""
    for index, cell in enumerate(nb.get("cells", [])):
        for output in cell.get("outputs", []):
            for mime, data in output.get("data", {}).items():
                yield index, mime, _text(data)


def _headings(markdown: str) -> list[tuple[int, str]]:
    """ATX headings as (level, text), skipping fenced code blocks."""
    headings, fence = [], None
    for line in markdown.splitlines():
        opener = FENCE.match(line)
        if fence:
            if opener and opener[1][0] == fence[0] and len(opener[1]) >= len(fence):
                fence = None
            continue
        if opener:
            fence = opener[1]
            continue
        match = HEADING.fullmatch(line)
        if match:
            headings.append((len(match[1]), (match[2] or "").strip()))
    return headings


def _normalise(text: str) -> str:
    text = re.sub(r"[*_`]", "", text).replace("\u2019", "'")
    return " ".join(text.split()).casefold()


def _names(heading: str, name: str) -> bool:
    """`## What's next?` names "What's next"; so does `## Time to learn: 20 minutes`."""
    return re.match(rf"{re.escape(_normalise(name))}(?![\w'])", _normalise(heading)) is not None


# ---------------------------------------------------------------------------------------------
# rules: each returns a list of problems ("cell N: ...")


def size_problems(size: int) -> list[str]:
    if size < MAX_NOTEBOOK_BYTES:
        return []
    return [f"{size / 1024:.0f} KB on disk, limit {MAX_NOTEBOOK_BYTES // 1024} KB: clear outputs"]


def schema_problems(nb: dict) -> list[str]:
    problems, first_with_id = [], {}
    if nb.get("nbformat") == 4 and nb.get("nbformat_minor", 0) >= 5:
        # nbformat only warns about these today (and repairs them in memory); it says they will
        # become errors, and JupyterLab always writes unique ids.
        for index, cell in enumerate(nb.get("cells", [])):
            if "id" not in cell:
                problems.append(f"cell {index}: has no cell id (required since nbformat 4.5)")
            elif cell["id"] in first_with_id:
                problems.append(f"cell {index}: repeats cell {first_with_id[cell['id']]}'s id")
            else:
                first_with_id[cell["id"]] = index
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingIDFieldWarning)  # reported above, by cell
        warnings.simplefilter("ignore", DuplicateCellId)
        try:
            nbformat.validate(copy.deepcopy(nb))  # it repairs ids in place; keep ours as read
        except Exception as exc:  # nbformat raises more than ValidationError on odd files
            lines = str(exc).splitlines()
            where = next((line for line in lines if line.startswith("On instance")), "")
            cell = re.search(r"\['cells'\]\[(\d+)\]", where)
            prefix = f"cell {cell[1]}: " if cell else ""
            problems.append(f"{prefix}not valid nbformat: {lines[0]} {where}".rstrip())
    return problems


def widget_state_problems(nb: dict) -> list[str]:
    problems = []
    if "widgets" in nb.get("metadata", {}):
        problems.append(
            "notebook metadata has saved widget state ('widgets'): turn off Settings > "
            "Save Widget State Automatically and save again"
        )
    problems += [
        f"cell {index}: output holds saved widget state ({mime}): clear its output"
        for index, mime, _ in _outputs(nb)
        if mime == WIDGET_STATE
    ]
    return problems


def widget_view_problems(nb: dict) -> list[str]:
    return [
        f"cell {index}: committed widget output ({WIDGET_VIEW}) shows learners 'Error displaying "
        "widget: model not found': clear its output"
        for index, mime, _ in _outputs(nb)
        if mime == WIDGET_VIEW
    ]


def plotlyjs_problems(nb: dict) -> list[str]:
    problems = []
    for index, mime, text in _outputs(nb):
        if mime not in SCRIPT_MIME_TYPES:
            continue
        signs = [label for label, sign in PLOTLYJS_SIGNATURES.items() if sign.search(text)]
        if signs:
            problems.append(f"cell {index}: {mime} output embeds plotly.js (matched {signs})")
        elif len(text.encode()) > MAX_SCRIPT_OUTPUT_BYTES:
            problems.append(
                f"cell {index}: {mime} output is {len(text.encode()) // 1024} KB, limit "
                f"{MAX_SCRIPT_OUTPUT_BYTES // 1024} KB (an embedded script library?)"
            )
    return [f"{problem}: clear its output" for problem in problems]


def title_problems(nb: dict) -> list[str]:
    cells = nb.get("cells", [])
    if not cells or cells[0].get("cell_type") != "markdown":
        return ["cell 0: must be a markdown cell opening with the `# ` title"]
    problems = []
    if not re.match(r"# \S", _source(cells[0]).lstrip()):
        problems.append("cell 0: must open with a single `# ` title line")
    extra_titles = [
        f"cell {index}: second `# ` title {text!r} (GUIDE.md: one `#` title)"
        for index, cell in enumerate(cells)
        if cell.get("cell_type") == "markdown"
        for level, text in _headings(_source(cell))[(1 if index == 0 else 0) :]
        if level == 1
    ]
    return problems + extra_titles


def _sections(nb: dict) -> list[tuple[int, str]]:
    """Every `## ` heading as (cell index, text), in order."""
    return [
        (index, text)
        for index, cell in enumerate(nb.get("cells", []))
        if cell.get("cell_type") == "markdown"
        for level, text in _headings(_source(cell))
        if level == 2
    ]


def skeleton_problems(nb: dict) -> list[str]:
    """Overview, Prerequisites, Time to learn, lesson sections, Summary, What's next; in order."""
    sections = _sections(nb)
    seen = "; ".join(f"cell {index}: {text!r}" for index, text in sections) or "none"
    position, problems = -1, []
    for name in SKELETON_BEFORE + SKELETON_AFTER:
        found = [at for at, (_, text) in enumerate(sections) if _names(text, name)]
        if not found:
            problems.append(f"no `## {name}` heading")
        elif len(found) > 1:
            problems.append(f"`## {name}` appears {len(found)} times")
        elif found[0] < position:
            problems.append(f"cell {sections[found[0]][0]}: `## {name}` is out of order")
        else:
            position = found[0]
    if not problems and not _lesson_sections(nb):
        problems.append("no lesson section between `## Time to learn` and `## Summary`")
    if problems:
        problems.append(f"`## ` headings found: {seen}")
    return problems


def _lesson_sections(nb: dict) -> list[tuple[int, int, str]]:
    """(first cell, end cell, heading) of each `## ` section between Time to learn and Summary."""
    sections = _sections(nb)
    starts = [at for at, (_, text) in enumerate(sections) if _names(text, SKELETON_BEFORE[-1])]
    ends = [at for at, (_, text) in enumerate(sections) if _names(text, SKELETON_AFTER[0])]
    if not starts or not ends:
        return []
    bounds = sections[starts[0] + 1 : ends[0] + 1]
    return [
        (first, end, text)
        for (first, text), (end, _) in zip(bounds, bounds[1:], strict=False)
        if not _names(text, IMPORTS_HEADING)
    ]


def _try_it_level(cell: dict) -> int | None:
    """Heading level of the Try it that opens in this cell (3 for a bold or tagged one)."""
    tags = cell.get("metadata", {}).get("tags", [])
    if cell.get("cell_type") == "markdown":
        source = _source(cell)
        levels = [level for level, text in _headings(source) if level > 2 and _names(text, TRY_IT)]
        if levels:
            return levels[-1]
        if BOLD_TRY_IT.match(source):
            return 3
    return 3 if TRY_IT_TAG in tags else None


def try_it_problems(nb: dict) -> list[str]:
    """GUIDE.md: each section ends in a short Try it exercise with immediate feedback."""
    cells, problems = nb.get("cells", []), []
    for first, end, title in _lesson_sections(nb):
        marks = [(index, _try_it_level(cells[index])) for index in range(first, end)]
        marks = [(index, level) for index, level in marks if level]
        where = f"cell {first}: section `## {title}`"
        if _names(title, TRY_IT):
            problems.append(f"{where}: make it `### Try it`, inside the section it exercises")
            continue
        if not marks:
            problems.append(
                f"{where} has no Try it (add a `### Try it` heading, a markdown cell opening "
                f"'**Try it**', or a cell tagged '{TRY_IT_TAG}')"
            )
            continue
        start, level = marks[-1]
        later = [
            f"cell {index}: {text!r}"
            for index in range(start + 1, end)
            if cells[index].get("cell_type") == "markdown"
            for depth, text in _headings(_source(cells[index]))
            if depth <= level
        ]
        if later:
            problems.append(f"{where} does not end in its Try it (cell {start}): {later} follow")
        if not any(cells[index].get("cell_type") == "code" for index in range(start, end)):
            problems.append(f"{where}: its Try it (cell {start}) has no code cell to answer in")
    return problems


def app_mode_problems(nb: dict) -> list[str]:
    """Shown as an app, a lesson leaves out its Try-its: it names the course's Voilà template,
    and each Try-it, from its question to the cell that checks the answer, is tagged try-it, as
    is every cell that checks an answer."""
    problems = []
    if nb.get("metadata", {}).get("voila", {}).get("template") != APP_TEMPLATE:
        problems.append(f"metadata: set voila.template to '{APP_TEMPLATE}' (app mode's template)")
    opened = None
    for index, cell in enumerate(nb.get("cells", [])):
        source, kind = _source(cell), cell.get("cell_type")
        if kind == "markdown" and _try_it_level(cell):
            opened = index
        elif kind == "markdown" and _headings(source):
            opened = None
        checks = kind == "code" and CHECK_CALL.search(source)
        if (opened is not None or checks) and TRY_IT_TAG not in cell.get("metadata", {}).get(
                "tags", []):
            what = f"the Try it of cell {opened}" if opened is not None else "a Try-it"
            problems.append(f"cell {index}: part of {what}; tag it '{TRY_IT_TAG}' so that app "
                            "mode leaves it out")
        if checks:
            opened = None
    return problems


# ---------------------------------------------------------------------------------------------
# the checks, one notebook at a time


def _report(name: str, problems: list[str]) -> str:
    return f"{name}:\n  " + "\n  ".join(problems)


@every_notebook
def test_notebook_is_small(path: Path | None) -> None:
    name, nb = _load(path)
    problems = size_problems((ROOT / name).stat().st_size)
    assert not problems, _report(name, problems)


@every_notebook
def test_notebook_is_valid_nbformat(path: Path | None) -> None:
    name, nb = _load(path)
    problems = schema_problems(nb)
    assert not problems, _report(name, problems)


@every_notebook
def test_notebook_has_no_saved_widget_state(path: Path | None) -> None:
    name, nb = _load(path)
    problems = widget_state_problems(nb)
    assert not problems, _report(name, problems)


@every_notebook
def test_notebook_has_no_widget_outputs(path: Path | None) -> None:
    name, nb = _load(path)
    problems = widget_view_problems(nb)
    assert not problems, _report(name, problems)


@every_notebook
def test_notebook_has_no_embedded_plotlyjs(path: Path | None) -> None:
    name, nb = _load(path)
    problems = plotlyjs_problems(nb)
    assert not problems, _report(name, problems)


@every_lesson
def test_lesson_opens_with_one_title(path: Path | None) -> None:
    name, nb = _load(path)
    problems = title_problems(nb)
    assert not problems, _report(name, problems)


@every_lesson
def test_lesson_follows_the_guide_skeleton(path: Path | None) -> None:
    name, nb = _load(path)
    problems = skeleton_problems(nb)
    assert not problems, _report(name, problems)


@every_lesson
def test_lesson_sections_end_in_try_it(path: Path | None) -> None:
    name, nb = _load(path)
    problems = try_it_problems(nb)
    assert not problems, _report(name, problems)


@every_lesson
def test_lesson_try_its_stay_out_of_app_mode(path: Path | None) -> None:
    name, nb = _load(path)
    problems = app_mode_problems(nb)
    assert not problems, _report(name, problems)


# ---------------------------------------------------------------------------------------------
# self-tests: a skeleton lesson passes every rule, and each breakage is caught


def _md(text: str) -> dict:
    return nbformat.v4.new_markdown_cell(text)


def _code(text: str = "", outputs: list | None = None) -> dict:
    cell = nbformat.v4.new_code_cell(text)
    cell.outputs = [nbformat.v4.new_output("display_data", data=d) for d in outputs or []]
    return cell


def _skeleton(**changes: list) -> dict:
    cells = {
        "title": [_md("# Reading the article\n\nIntro.")],
        "front": [
            _md("## Overview\n\n1. Read closely"),
            _md("## Prerequisites\n\n| Concept | Importance |\n|---|---|\n| Python | Helpful |"),
            _md("## Time to learn\n\n20 minutes"),
            _md("## Imports"),
            _code("import newscase"),
        ],
        "section": [
            _md("## Who speaks?\n\n```python\n# not a heading\n```"),
            _code("article = newscase.load_article('atacms-2024-11-17')"),
            _tagged(_md("### Try it\n\nFind the hedge.")),
            _tagged(_code("answer = ...\nart.check('hedge', answer)")),
        ],
        "back": [_md("## Summary\n\nDone."), _md("## What\u2019s next?\n\nThe actors.")],
    } | changes
    nb = nbformat.v4.new_notebook(metadata={"voila": {"template": APP_TEMPLATE}})
    nb.cells = [cell for part in cells.values() for cell in part]
    return json.loads(nbformat.writes(nb))


def _tagged(cell: dict, tag: str = TRY_IT_TAG) -> dict:
    cell.metadata["tags"] = [tag]
    return cell


RULES = (
    schema_problems, widget_state_problems, widget_view_problems, plotlyjs_problems,
    title_problems, skeleton_problems, try_it_problems, app_mode_problems,
)


def test_rules_pass_a_skeleton_lesson() -> None:
    nb = _skeleton()
    assert {rule.__name__: rule(nb) for rule in RULES} == {rule.__name__: [] for rule in RULES}
    assert size_problems(len(json.dumps(nb))) == []


BUNDLE = "/**\n* plotly.js v4.1.1\n* Copyright 2012-2026, Plotly, Inc.\n*/ var Plotly = {};"
REQUIREJS = "define('plotly', function(require, exports, module) {});"
TRY_IT_THEN_MORE = [_md("## A"), _md("### Try it"), _code(), _md("### More reading")]


@pytest.mark.parametrize(
    ("rule", "nb"),
    [
        (widget_state_problems, {**_skeleton(), "metadata": {"widgets": {}}}),
        (widget_state_problems, _skeleton(back=[_code("w", [{WIDGET_STATE: {}}])])),
        (widget_view_problems, _skeleton(back=[_code("w", [{WIDGET_VIEW: {"model_id": "1"}}])])),
        (plotlyjs_problems, _skeleton(back=[_code("f", [{"text/html": f"<script>{BUNDLE}"}])])),
        (plotlyjs_problems, _skeleton(back=[_code("f", [{"text/html": "<b>" * 40_000}])])),
        (plotlyjs_problems, _skeleton(back=[_code("f", [{"application/javascript": REQUIREJS}])])),
        (title_problems, _skeleton(title=[_md("## Not a title")])),
        (title_problems, _skeleton(title=[_code("# a comment")])),
        (title_problems, _skeleton(back=[_md("# Second title")])),
        (skeleton_problems, _skeleton(front=[_md("## Overview"), _md("## Time to learn")])),
        (skeleton_problems, _skeleton(back=[_md("## What's next"), _md("## Summary")])),
        (skeleton_problems, _skeleton(section=[])),
        (try_it_problems, _skeleton(section=[_md("## Who speaks?"), _code("x = 1")])),
        (try_it_problems, _skeleton(section=TRY_IT_THEN_MORE)),
        (try_it_problems, _skeleton(section=[_md("## A"), _md("### Try it\n\nThink about it.")])),
        (app_mode_problems, {**_skeleton(), "metadata": {}}),
        (app_mode_problems, _skeleton(section=[_md("## A"), _md("### Try it"), _code("x")])),
        (app_mode_problems, _skeleton(section=[_md("## A"), _tagged(_md("### Try it")),
                                               _code("table"), _tagged(_code("check(x)"))])),
        (app_mode_problems, _skeleton(back=[_md("## Summary"), _code("art.check('k', 1)")])),
        (schema_problems, {**_skeleton(), "cells": [{**_md("# T"), "bogus": 1}]}),
        (schema_problems, {**_skeleton(), "cells": [_md("# T") | {"id": "a"}] * 2}),
        (schema_problems, {**_skeleton(), "cells": [{"cell_type": "markdown", "metadata": {},
                                                    "source": "# T"}]}),
    ],
)
def test_rule_catches_a_broken_lesson(rule, nb: dict) -> None:
    assert rule(nb), f"{rule.__name__} missed the problem"


def test_try_it_can_be_bold_or_tagged() -> None:
    bold = [_md("## A"), _md("**Try it:** find the hedge."), _code()]
    tagged = [_md("## A"), nbformat.v4.new_code_cell("x = ...", metadata={"tags": [TRY_IT_TAG]})]
    assert try_it_problems(_skeleton(section=bold)) == []
    assert try_it_problems(_skeleton(section=tagged)) == []


def test_oversized_notebook_is_caught() -> None:
    assert size_problems(MAX_NOTEBOOK_BYTES)


# --- Try-its never show their answer ----------------------------------------------------------
# A learner's cell holds only their own value: the exercise is checked by key (art.check), and
# its answer and explanation live in the library and the article's exercises table.

ANSWER_ARGUMENT = re.compile(r"\b(correct|correct_km|why|answer|expected)\s*=")
CHECK_CALL = re.compile(r"""\bart\.check\(\s*["']([\w.-]+)["']""")
EXERCISES_CSV = ROOT / "data" / "articles" / "atacms-2024-11-17" / "exercises.csv"


def _exercises() -> list[dict]:
    import csv

    with EXERCISES_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def answer_leaks(nb: dict, explanations: list[str]) -> list[str]:
    """Code that hands a check its answer, or an exercise's explanation printed in a cell."""
    problems = []
    for index, cell in enumerate(nb["cells"]):
        source = _source(cell)
        if cell["cell_type"] == "code" and ANSWER_ARGUMENT.search(source):
            problems.append(f"cell {index} passes an answer: {ANSWER_ARGUMENT.search(source)[0]}")
        problems += [f"cell {index} shows the explanation of a Try it: {text[:40]!r}"
                     for text in explanations if text and text in source]
    return problems


def test_the_leak_detector_finds_the_old_style_of_check():
    old = {"cells": [{"cell_type": "code", "source": "checks.check_number(n, correct=len(q), "
                      "why='Because.')"}]}
    shown = {"cells": [{"cell_type": "markdown", "source": "Hint: Because the wire says so."}]}
    assert answer_leaks(old, []) and answer_leaks(shown, ["Because the wire says so."])
    assert answer_leaks({"cells": [{"cell_type": "code", "source": 'art.check("a.b", n)'}]},
                        ["Because."]) == []


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_lesson_cell_shows_a_try_it_answer(path: Path) -> None:
    _, nb = _load(path)
    explanations = [row["explanation"] for row in _exercises()]
    assert answer_leaks(nb, explanations) == []


def test_every_exercise_key_in_the_lessons_exists_and_every_exercise_is_used():
    used = {key for path in LESSONS for cell in _load(path)[1]["cells"]
            for key in CHECK_CALL.findall(_source(cell))}
    keys = {row["key"] for row in _exercises()}
    assert len(used) >= 20
    assert used == keys


# ---------------------------------------------------------------------------------------------
# lessons written by `python -m newscase lessons` for each course article follow the same rules

ARTICLES = sorted(p.parent for p in (ROOT / "data" / "articles").glob("*/datapackage.json"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, list[Path]]:
    from newscase.authoring.lessons import write_lessons

    return {folder.name: write_lessons(folder, tmp_path_factory.mktemp(folder.name))
            for folder in ARTICLES}


@pytest.mark.parametrize("article", [p.name for p in ARTICLES])
def test_generated_lessons_follow_the_guide_and_hide_their_answers(generated, article):
    from newscase import load_article

    explanations = [e for e in load_article(ROOT / "data" / "articles" / article)
                    .exercises["explanation"].dropna() if e]
    for path in generated[article]:
        nb = json.loads(path.read_text(encoding="utf-8"))
        # A section whose data the article lacks says so in one sentence, with no Try it.
        skipped = [_source(c) for c, after in zip(nb["cells"], nb["cells"][1:], strict=False)
                   if _source(after).startswith("This article has no")]
        try_its = [p for p in try_it_problems(nb)
                   if not any(f"`{heading.splitlines()[0]}`" in p for heading in skipped)]
        problems = [*schema_problems(nb), *title_problems(nb), *skeleton_problems(nb),
                    *try_its, *answer_leaks(nb, explanations)]
        assert not problems, _report(f"{article}/{path.name}", problems)


# --- no instruction that needs a mouse (issue 15) ----------------------------------------------
# WCAG 2.2 AA: any fact shown only on hover is also reachable as text, and no instruction needs
# a mouse. The rule, precisely: in every markdown cell of a lesson (notebooks/*.ipynb) or a lesson
# template (lib/newscase/authoring/templates/*.ipynb), in every Try-it prompt of every course
# article's exercises.csv, and in the template's default prompts, split the text into blocks
# (paragraphs, headings, list items, table rows) and each block into sentences (at ".", "!" or
# "?" followed by white space; code spans count as words). A sentence that names
# a mouse action (hover, mouse, point at, click, drag) must also name, in the same sentence, a way
# without one: a table, text, a summary, a card, the keyboard, the arrow keys, a screen reader,
# or a function call in a code span such as `reach.city_distances(view)`.

TEMPLATES = sorted((ROOT / "lib" / "newscase" / "authoring" / "templates").glob("*.ipynb"))
MOUSE = re.compile(r"\b(hover\w*|mouse\w*|point(?:ing)? at|click\w*|drag\w*)\b", re.IGNORECASE)
WITHOUT_MOUSE = re.compile(
    r"\b(tables?|text|summary|card|keyboard|arrow keys|screen readers?)\b|`[^`]*\(",
    re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# A blank line, or a line break before a heading, list item, table row or quote.
BLOCK_END = re.compile(r"\n\s*\n|\n(?=\s*(?:#|\||[-*+] |\d+\. |>))")


def mouse_only(text: str) -> list[str]:
    """The sentences of ``text`` that ask for a mouse and name no other way."""
    return [sentence for block in BLOCK_END.split(text)
            for sentence in SENTENCE_END.split(" ".join(block.split()))
            if MOUSE.search(sentence) and not WITHOUT_MOUSE.search(sentence)]


def mouse_only_problems(nb: dict) -> list[str]:
    return [f"cell {index}: {sentence!r} needs a mouse: name a way by text or keyboard too, in "
            "the same sentence"
            for index, cell in enumerate(nb.get("cells", []))
            if cell.get("cell_type") == "markdown"
            for sentence in mouse_only(_source(cell))]


@pytest.mark.parametrize("path", LESSONS + TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_instruction_needs_a_mouse(path: Path) -> None:
    name, nb = _load(path)
    problems = mouse_only_problems(nb)
    assert not problems, _report(name, problems)


def test_no_try_it_prompt_needs_a_mouse() -> None:
    import csv

    from newscase.authoring.lessons import KINDS

    prompts = [(f"KINDS[{kind!r}]", prompt) for kind, (_, prompt) in KINDS.items()]
    for folder in ARTICLES:
        with (folder / "exercises.csv").open(encoding="utf-8", newline="") as f:
            prompts += [(f"{folder.name}/exercises.csv {row['key']}", row.get("prompt") or "")
                        for row in csv.DictReader(f)]
    problems = [f"{where}: {sentence!r}" for where, prompt in prompts
                for sentence in mouse_only(prompt)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("text", "flagged"), [
    ("Hover over a dot to read its distance from the border.", True),
    ("The map is drawn offline. Hover over them on the map. Replace `None`.", True),
    ("Point at a marker to read the evidence.", True),
    ("Click a cell and press **Shift + Enter**.", True),
    ("Move the mouse over the chart to see more.", True),
    ("Hover over a dot, or read the table below, to find its distance.", False),
    ("Hover over Moscow; or call `reach.distance_to_border_km(lat, lon)` with its place.", False),
    ("Point at a marker; with a keyboard, pick the actor in the explorer.", False),
    ("Hover over a dot. The table below gives the same distances.", True),  # two sentences
    ("The figure has no mouse-only facts left to find, read the table.", False),
    ("Move the slider to 20 Jan 2025.", False),
    ("| Table | Hover | Notes |\n| --- | --- | --- |\n| Running a cell | Click it |", True),
])
def test_the_mouse_rule_finds_hover_without_another_way(text: str, flagged: bool) -> None:
    assert bool(mouse_only(text)) is flagged
    nb = _skeleton(back=[_md(f"## Summary\n\n{text}"), _md("## What's next")])
    assert bool(mouse_only_problems(nb)) is flagged
