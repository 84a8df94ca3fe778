"""Bring your own article: `python -m newscase new`, `draft` and `lessons`, as a teacher runs them,
on texts written here (never the course's own), including bad input."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from newscase import load_article
from newscase.authoring import review

NAIROBI = """NAIROBI, Thursday 6 March 2025 (Practice Wire) - This text is invented for a test.

Kenya's defence ministry said on Thursday it would buy a coastal missile system with a range of up \
to 180 miles (290 kilometres), in a deal officials expect to sign in the coming days.

"The system protects our ports and nothing more," Defence Secretary Amina Odhiambo told reporters \
in Nairobi. She said the first batteries could arrive next month near Mombasa.

Two officials, speaking on condition of anonymity, said the deal was likely worth about $400 \
million. A spokesperson for Tanzania's foreign ministry said the purchase was "a matter for \
Kenya" and added that Dodoma would reportedly watch the talks closely.

Analyst Peter Mwangi, a researcher at a Nairobi institute, warned last week that a regional arms \
race could follow. "Every purchase invites another," he said.
"""

NO_WEAPON = """LIMA, 2 June 2025 - A practice text, invented for a test.

Peru's environment minister said on Monday that the river clean-up would likely finish next year.
"We are ahead of schedule," Minister Rosa Quispe said in Lima. Officials familiar with the plan \
said the budget could grow by about 10 percent. Critics said last week the plan came too late.
"""

PLAIN = """The council met yesterday. It agreed to repair the bridge soon, a spokesman said.
Work may start in the coming weeks and could last about a month."""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newscase", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def text_file(tmp_path: Path, content: str | bytes, name: str = "story.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def rows(folder: Path, table: str) -> list[dict[str, str]]:
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def execute(notebook: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    return nb


@pytest.fixture(scope="module")
def nairobi(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("byo")
    result = run("new", str(base / "kenya-missiles"), "--text",
                 str(text_file(base, NAIROBI)))
    assert result.returncode == 0, result.stderr
    return base / "kenya-missiles"


# --- new -----------------------------------------------------------------------------------------

def test_new_makes_a_folder_that_validates_and_loads(nairobi):
    assert (nairobi / "article.txt").read_bytes() == NAIROBI.encode("utf-8")
    descriptor = json.loads((nairobi / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["name"] == "kenya-missiles"
    assert descriptor["article"]["sha256"] == hashlib.sha256(NAIROBI.encode()).hexdigest()
    # The dateline states the date, and the descriptor says where it came from.
    assert descriptor["article"]["date"] == "2025-03-06"
    assert "6 March 2025" in descriptor["article"]["date_reasoning"]
    assert run("validate", str(nairobi)).returncode == 0
    art = load_article(nairobi)
    assert art.date.isoformat() == "2025-03-06"


def test_every_drafted_row_is_marked_and_verbatim(nairobi):
    text = (nairobi / "article.txt").read_text(encoding="utf-8")
    drafted = 0
    for table in ("actors", "quotes", "claims", "events", "time_phrases", "places", "weapons"):
        for row in rows(nairobi, table):
            assert review.state(row) == "draft", (table, row)
            if row.get("evidence"):
                assert text.count(row["evidence"]) == 1, (table, row["evidence"])
            drafted += 1
    assert drafted > 10


def test_the_draft_finds_the_quotes_the_weapon_and_the_anonymous_source(nairobi):
    quotes = {row["evidence"] for row in rows(nairobi, "quotes")}
    assert any("protects our ports" in q for q in quotes)
    assert any("Every purchase invites another" in q for q in quotes)
    (weapon,) = rows(nairobi, "weapons")
    assert (float(weapon["range_mi"]), float(weapon["range_km"])) == (180, 290)
    assert weapon["range_qualifier"] == "maximum"
    attributions = {row["attribution"] for row in rows(nairobi, "claims")}
    assert "anonymous-official" in attributions


def test_new_refuses_an_existing_folder_and_changes_nothing(nairobi, tmp_path):
    before = snapshot(nairobi)
    result = run("new", str(nairobi), "--text", str(text_file(tmp_path, PLAIN)))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "already exists" in result.stderr
    assert snapshot(nairobi) == before


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"  \n\n ", "the file is empty"),
    ("Caf\xe9 owners said on Monday".encode("latin-1"), "not UTF-8 text (byte 0xe9)"),
    (b"\x00\x01binary", "not a plain-text file"),
])
def test_bad_text_gets_one_line_and_no_folder(tmp_path, content, message):
    result = run("new", str(tmp_path / "story"), "--text", str(text_file(tmp_path, content)))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert not (tmp_path / "story").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]  # no staging folder left


def test_a_missing_text_file_and_a_bad_date_are_one_line(tmp_path):
    missing = run("new", str(tmp_path / "a"), "--text", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    bad_date = run("new", str(tmp_path / "a"), "--text", str(text_file(tmp_path, PLAIN)),
                   "--date", "17/11/2024")
    assert bad_date.returncode == 2 and "write YYYY-MM-DD" in bad_date.stderr
    assert not (tmp_path / "a").exists()


def test_a_folder_name_that_cannot_be_an_id_is_refused_with_a_suggestion(tmp_path):
    result = run("new", str(tmp_path / "My Article"), "--text", str(text_file(tmp_path, PLAIN)))
    assert result.returncode == 2
    assert "try '" in result.stderr and "my-article'" in result.stderr


def test_a_path_with_spaces_works(tmp_path):
    parent = tmp_path / "Teacher's files" / "week 12"
    parent.mkdir(parents=True)
    result = run("new", str(parent / "council"), "--text", str(text_file(parent, PLAIN,
                                                                         "the story.txt")))
    assert result.returncode == 0, result.stderr
    assert run("validate", str(parent / "council")).returncode == 0


def test_a_text_with_no_quotes_no_places_and_no_date_is_drafted(tmp_path):
    result = run("new", str(tmp_path / "council"), "--text", str(text_file(tmp_path, PLAIN)))
    assert result.returncode == 0, result.stderr
    art = load_article(tmp_path / "council")
    assert art.date is None and len(art.quotes) == 0 and len(art.places) == 0
    assert len(art.claims) >= 1
    assert "date" in art.metadata["date_reasoning"].lower()


def test_windows_line_endings_are_kept_byte_for_byte(tmp_path):
    raw = NO_WEAPON.replace("\n", "\r\n").encode("utf-8")
    result = run("new", str(tmp_path / "peru"), "--text", str(text_file(tmp_path, raw)))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "peru" / "article.txt").read_bytes() == raw
    art = load_article(tmp_path / "peru")
    assert any("ahead of schedule" in q for q in art.quotes["evidence"])


def test_a_20000_word_text_is_drafted(tmp_path):
    paragraphs = [f"Officials in district {i} said on Monday that road {i} would likely reopen "
                  f"in {i % 11 + 2} weeks. \"We need {i} more workers,\" engineer Ana Silva{i} "
                  f"said." for i in range(801)]
    story = "\n\n".join(paragraphs)
    assert len(story.split()) >= 20_000
    result = run("new", str(tmp_path / "roads"), "--text", str(text_file(tmp_path, story)),
                 "--date", "2025-05-05")
    assert result.returncode == 0, result.stderr
    assert run("validate", str(tmp_path / "roads")).returncode == 0


# --- draft ---------------------------------------------------------------------------------------

def test_draft_keeps_every_row_a_person_confirmed_or_edited(tmp_path):
    folder = tmp_path / "kenya"
    assert run("new", str(folder), "--text", str(text_file(tmp_path, NAIROBI))).returncode == 0
    claims = rows(folder, "claims")
    confirmed = dict(claims[0], review="")  # a person cleared the mark
    edited = dict(claims[1], note="Checked by a teacher: the claim is the ministry's.")
    person_made = {**claims[2], "id": "my-claim", "review": "",
                   "note": "Added by hand."}
    mine = [confirmed, edited, person_made, *claims[3:]]
    with open(folder / "claims.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(claims[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(mine)
    assert review.state(edited) == "edited"

    result = run("draft", str(folder))
    assert result.returncode == 0, result.stderr
    after = {row["id"]: row for row in rows(folder, "claims")}
    assert after[confirmed["id"]] == confirmed
    assert after[edited["id"]] == edited
    assert after["my-claim"] == person_made
    # The machine's own rows came back, still marked as drafts, and nothing is duplicated.
    evidence = [row["evidence"] for row in after.values()]
    assert len(evidence) == len(set(evidence))
    assert sum(review.state(r) == "draft" for r in after.values()) >= len(claims) - 3
    assert run("validate", str(folder)).returncode == 0


def test_draft_refuses_a_folder_it_cannot_read_and_touches_nothing(tmp_path):
    folder = tmp_path / "kenya"
    assert run("new", str(folder), "--text", str(text_file(tmp_path, NAIROBI))).returncode == 0
    (folder / "datapackage.json").write_text("{ not json", encoding="utf-8")
    before = snapshot(folder)
    result = run("draft", str(folder))
    assert result.returncode == 2 and "cannot redraft" in result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(folder) == before


# --- lessons -------------------------------------------------------------------------------------

LESSONS = ["00-start-here.ipynb", "01-actors.ipynb", "02-timeline.ipynb", "03-range.ipynb",
           "04-escalation.ipynb"]


def test_lessons_refuses_an_invalid_folder_and_an_occupied_out_dir(nairobi, tmp_path):
    out = tmp_path / "lessons"
    assert run("lessons", str(nairobi), "--out", str(out)).returncode == 0
    again = run("lessons", str(nairobi), "--out", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    assert run("lessons", str(nairobi), "--out", str(out), "--force").returncode == 0
    broken = tmp_path / "broken"
    (broken).mkdir()
    (broken / "datapackage.json").write_text("[]", encoding="utf-8")
    result = run("lessons", str(broken), "--out", str(tmp_path / "x"))
    assert result.returncode == 2 and "newscase validate" in result.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("story, name", [(NAIROBI, "outside-europe"), (NO_WEAPON, "no-weapon"),
                                         (PLAIN, "no-date")])
def test_generated_lessons_run_top_to_bottom(tmp_path, story, name):
    folder = tmp_path / name
    assert run("new", str(folder), "--text", str(text_file(tmp_path, story))).returncode == 0
    out = tmp_path / "lessons"
    result = run("lessons", str(folder), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.glob("*.ipynb")) == LESSONS
    for lesson in LESSONS:
        nb = execute(out / lesson)
        first_code = next(c for c in nb.cells if c.cell_type == "code")
        assert "parameters" in first_code.metadata.get("tags", [])
        assert "ARTICLE" in first_code.source
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                  if o.get("output_type") == "error"]
        assert not errors, (lesson, errors[:1])
