"""The authoring editor's pure logic (newscase.authoring.tablefile): rows added from a selection,
drafted rows confirmed, edited and deleted, CSV round trips, and saves that refuse rather than
overwrite a file changed on disk. The widget itself is tested in Chromium (test_editor_browser)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newscase.authoring import review, tablefile
from newscase.authoring.editor import SpanPicker, python_offset
from newscase.authoring.tablefile import EditRefused, TableFile
from newscase.data.validation import validate_folder

PHRASE = "bolstering Russian forces"  # found once in the reference article
REFERENCE = Path(__file__).resolve().parents[1] / "data" / "articles" / "atacms-2024-11-17"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "atacms-2024-11-17"
    shutil.copytree(REFERENCE, copy)
    return copy


@pytest.fixture
def text(folder: Path) -> str:
    return (folder / "article.txt").read_text(encoding="utf-8")


def place_values(evidence: str, **extra: str) -> dict[str, str]:
    return {"id": "kharkiv-test", "name": "Kharkiv", "kind": "city", "evidence": evidence,
            **extra}


def test_every_table_round_trips_byte_for_byte(folder: Path) -> None:
    for table in tablefile.EDITABLE_TABLES:
        loaded = TableFile.load(folder, table)
        assert loaded.rows, table
        assert tablefile.csv_bytes(loaded.header, loaded.rows) == loaded.path.read_bytes()


def test_a_selection_becomes_verbatim_evidence_without_surrounding_spaces(text: str) -> None:
    phrase = PHRASE
    start = text.index(phrase)
    evidence, s, e = tablefile.evidence_from_selection(text, start - 1, start + len(phrase))
    assert text[start - 1] == " "
    assert (evidence, s, e) == (phrase, start, start + len(phrase))
    assert text[s:e] == evidence


def test_a_selection_found_twice_is_refused_with_a_hint(text: str) -> None:
    start = text.index("Russia")
    assert text.count("Russia") > 1
    with pytest.raises(EditRefused, match=r"occurs \d+ times in the article; select more words"):
        tablefile.evidence_from_selection(text, start, start + len("Russia"))


@pytest.mark.parametrize(("start", "end"), [(5, 5), (3, 2), (-1, 4), (0, 10**9)])
def test_an_empty_or_impossible_selection_is_refused(text: str, start: int, end: int) -> None:
    with pytest.raises(EditRefused):
        tablefile.evidence_from_selection(text, start, end)


def test_evidence_not_in_the_text_cannot_make_a_row(folder: Path, text: str) -> None:
    places = TableFile.load(folder, "places")
    for made_up in ("Kharkiv is burning", "escalating  tensions", ""):  # two spaces: not verbatim
        with pytest.raises(EditRefused):
            tablefile.add_row("places", text, places.rows, place_values(made_up))


def test_add_writes_a_person_row_and_the_folder_stays_valid(folder: Path, text: str) -> None:
    places = TableFile.load(folder, "places")
    at = text.index(PHRASE)
    evidence, _, _ = tablefile.evidence_from_selection(text, at, at + len(PHRASE))
    rows = tablefile.add_row("places", text, places.rows,
                             {"id": "north-korea", "name": "North Korea", "kind": "country",
                              "note": "Named through its troops.", "evidence": evidence})
    places.save(rows)
    again = TableFile.load(folder, "places")
    assert again.rows[-1]["evidence"] == PHRASE
    assert again.rows[-1]["review"] == ""
    assert list(again.rows[-1]) == tablefile.columns("places")
    assert again.rows[:-1] == TableFile.load(REFERENCE, "places").rows
    raw = (folder / "places.csv").read_bytes()
    assert b"\r" not in raw and raw.endswith(b"\n")
    *_, problems = validate_folder(folder)
    assert problems == []


def test_a_duplicate_id_is_refused(folder: Path, text: str) -> None:
    places = TableFile.load(folder, "places")
    with pytest.raises(EditRefused, match="already exists"):
        tablefile.add_row("places", text, places.rows,
                          {**place_values(PHRASE), "id": "russia"})


def drafted_folder(folder: Path) -> TableFile:
    """The reference folder with its places rows machine-drafted."""
    places = TableFile.load(folder, "places")
    places.save([review.mark_drafted(row) for row in places.rows])
    return TableFile.load(folder, "places")


def test_confirm_clears_only_that_rows_mark(folder: Path) -> None:
    places = drafted_folder(folder)
    assert len(places.drafted()) == len(places.rows)
    first = places.rows[0]["id"]
    places.save(tablefile.confirm_row(places.rows, first))
    again = TableFile.load(folder, "places")
    assert review.state(again.row(first)) == "person"
    assert [review.state(row) for row in again.rows[1:]] == ["draft"] * (len(again.rows) - 1)


def test_edit_replaces_the_row_in_place_and_clears_the_mark(folder: Path, text: str) -> None:
    places = drafted_folder(folder)
    second = places.rows[1]
    values = {**second, "note": "Checked by a teacher."}
    places.save(tablefile.replace_row("places", text, places.rows, second["id"], values))
    again = TableFile.load(folder, "places")
    assert again.rows[1] == {**second, "note": "Checked by a teacher.", "review": ""}
    assert len(again.rows) == len(places.rows)


def test_delete_removes_the_row(folder: Path) -> None:
    places = drafted_folder(folder)
    gone = places.rows[2]["id"]
    places.save(tablefile.delete_row(places.rows, gone))
    assert gone not in [row["id"] for row in TableFile.load(folder, "places").rows]
    with pytest.raises(EditRefused, match="no row"):
        tablefile.delete_row(TableFile.load(folder, "places").rows, gone)


def test_a_file_changed_on_disk_is_not_overwritten_and_nothing_is_lost(folder: Path,
                                                                       text: str) -> None:
    places = TableFile.load(folder, "places")
    pending = tablefile.add_row("places", text, places.rows, place_values(PHRASE))
    spreadsheet = places.path.read_bytes().replace(b"A country", b"A state")
    places.path.write_bytes(spreadsheet)  # a teacher saves from a spreadsheet meanwhile
    with pytest.raises(EditRefused) as refused:
        places.save(pending)
    assert str(refused.value) == ("places.csv changed on disk since you opened it; reload to see "
                                  "those changes; your edit was not saved")
    assert places.path.read_bytes() == spreadsheet  # the spreadsheet's change is kept
    assert pending[-1]["id"] == "kharkiv-test"  # the edit is still in hand
    assert len(places.rows) == len(pending) - 1  # and the table did not pretend it was saved
    reloaded = TableFile.load(folder, "places")
    reloaded.save(tablefile.add_row("places", text, reloaded.rows, pending[-1]))
    final = TableFile.load(folder, "places").rows
    assert final[-1]["id"] == "kharkiv-test" and "A state" in final[0]["note"]


def test_a_file_deleted_or_created_meanwhile_also_counts_as_changed(folder: Path) -> None:
    places = TableFile.load(folder, "places")
    places.path.unlink()
    with pytest.raises(EditRefused, match="changed on disk"):
        places.save(places.rows)
    absent = TableFile.load(folder, "places")
    assert absent.loaded_hash is None and absent.rows == []
    absent.path.write_text("id\n", encoding="utf-8")
    with pytest.raises(EditRefused, match="changed on disk"):
        absent.save([])


def test_a_failing_write_leaves_the_old_file(folder: Path, text: str, monkeypatch) -> None:
    places = TableFile.load(folder, "places")
    before = places.path.read_bytes()

    # the disk fills up during the write
    monkeypatch.setattr("os.fdopen", lambda *a, **k: _FailingFile())
    rows = tablefile.add_row("places", text, places.rows, place_values(PHRASE))
    with pytest.raises(OSError):
        places.save(rows)
    monkeypatch.undo()
    assert places.path.read_bytes() == before
    assert [p.name for p in folder.iterdir() if p.name.startswith(".places")] == []
    assert len(places.rows) == len(rows) - 1
    places.save(rows)  # and the same edit saves once the disk is back
    assert TableFile.load(folder, "places").rows[-1]["id"] == "kharkiv-test"


class _FailingFile:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def write(self, data):
        raise OSError(28, "No space left on device")


def test_suggested_ids_are_free_and_follow_the_pattern() -> None:
    rows = [{"id": "north-korean-troops"}]
    assert tablefile.suggested_id("North Korean troops", rows) == "north-korean-troops-2"
    assert tablefile.suggested_id("“Strikes”", []) == "strikes"
    assert tablefile.suggested_id("—", []) == "row"


# --- offsets: JavaScript counts UTF-16 units, Python counts code points ------------------------


def test_python_offsets_from_utf16_offsets() -> None:
    text = "a😀 “b”\nc"
    utf16 = text.encode("utf-16-le")
    for index in range(len(text) + 1):
        units = len(text[:index].encode("utf-16-le")) // 2
        assert python_offset(text, units) == index
    assert len(utf16) // 2 == len(text) + 1  # one emoji: two units


def test_the_picker_keeps_offsets_and_text_consistent() -> None:
    picker = SpanPicker(text="Hi 😀 there", label="Article")
    picker.set_selection(5, 10)
    assert (picker.start, picker.end, picker.selected) == (5, 10, "there")
    picker.set_selection(0, 0)
    assert picker.selected == ""


# --- the Editor panel, driven from Python (the browser test drives it with the mouse) ----------


@pytest.fixture
def editor(folder: Path):
    from newscase.authoring.editor import Editor

    drafted_folder(folder)
    return Editor(folder)


def select(editor, phrase: str) -> None:
    start = editor.text.index(phrase)
    editor.picker.set_selection(start, start + len(phrase))


def fill_place(editor) -> None:
    editor.form_fields["name"].value = "Russian forces"
    editor.form_fields["kind"].value = "country"
    editor.form_fields["note"].value = "Russia, named through its forces."


def test_the_editor_opens_on_drafted_rows_and_adds_a_selected_span(editor, folder: Path) -> None:
    assert editor.table.value == "places"
    assert "Drafted rows left: places 6." in editor.drafted.children[0].value
    select(editor, "Russia")
    editor.open_form(None)
    assert "select more words" in editor.message.value
    assert editor.form_fields == {}
    select(editor, PHRASE)
    editor.open_form(None)
    assert editor.form_fields["id"].value == "bolstering-russian-forces"
    fill_place(editor)
    editor.save_form()
    assert "Saved row bolstering-russian-forces to places.csv." in editor.message.value
    assert TableFile.load(folder, "places").rows[-1]["evidence"] == PHRASE
    assert editor.problems.value.endswith(">valid</div>")
    assert editor.picker.selected == ""


def test_the_editor_keeps_the_form_when_the_file_changed_on_disk(editor, folder: Path) -> None:
    select(editor, PHRASE)
    editor.open_form(None)
    fill_place(editor)
    spreadsheet = (folder / "places.csv").read_bytes().replace(b"A country", b"A state")
    (folder / "places.csv").write_bytes(spreadsheet)
    editor.save_form()
    assert "places.csv changed on disk since you opened it; reload" in editor.message.value
    assert (folder / "places.csv").read_bytes() == spreadsheet
    assert editor.form_fields["name"].value == "Russian forces"  # the edit is still in the form
    editor.reload()
    editor.save_form()
    rows = TableFile.load(folder, "places").rows
    assert rows[-1]["name"] == "Russian forces" and "A state" in rows[0]["note"]


def test_the_editor_confirms_edits_and_deletes_drafted_rows(editor, folder: Path) -> None:
    first, second, third = (row["id"] for row in TableFile.load(folder, "places").rows[:3])
    editor.confirm("places", first)
    editor.edit("places", second)
    editor.form_fields["note"].value = "Checked."
    editor.save_form()
    editor.delete("places", third)
    rows = {row["id"]: row for row in TableFile.load(folder, "places").rows}
    assert review.state(rows[first]) == "person"
    assert rows[second]["note"] == "Checked." and review.state(rows[second]) == "person"
    assert third not in rows
    assert "Drafted rows left: places 3." in editor.drafted.children[0].value


def test_the_editor_shows_problems_escaped(editor, folder: Path) -> None:
    path = folder / "places.csv"
    path.write_bytes(path.read_bytes().replace(b",country,", b",<b>land</b>,", 1))
    editor.reload()
    assert "&lt;b&gt;land&lt;/b&gt;" in editor.problems.value
    assert "<b>land" not in editor.problems.value


def test_the_editor_keeps_windows_line_endings_of_the_article(folder: Path) -> None:
    from newscase.authoring.editor import Editor

    raw = (folder / "article.txt").read_bytes().replace(b"\n", b"\r\n")
    (folder / "article.txt").write_bytes(raw)
    editor = Editor(folder)
    assert editor.text == raw.decode("utf-8")  # offsets count the '\r' as the file does
    assert "article.txt: its sha256" in editor.problems.value


NOTEBOOK = REFERENCE.parents[2] / "instructors" / "author-your-article.ipynb"


def notebook_code(folder: str) -> str:
    import json

    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    assert code[0].startswith("FOLDER = ")
    return "\n".join([f"FOLDER = {folder!r}", *code[1:]])


def test_the_notebook_says_in_one_line_how_to_make_a_missing_folder(tmp_path, capsys) -> None:
    exec(notebook_code(str(tmp_path / "my-article")), {})
    out = capsys.readouterr().out.strip()
    assert out.count("\n") == 0
    assert "python -m newscase new" in out and "my-article" in out


def test_the_notebook_opens_the_editor_on_a_folder(folder: Path, monkeypatch) -> None:
    from newscase.authoring.editor import Editor

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *objs, **kw: shown.extend(objs))
    exec(notebook_code(str(folder)), {})
    assert len(shown) == 1 and isinstance(shown[0], Editor)


def test_a_file_the_editor_cannot_write_back_whole_is_never_rewritten(folder: Path,
                                                                       text: str) -> None:
    path = folder / "places.csv"
    odd = path.read_bytes().replace(b",review\n", b",review,my_column\n", 1)
    path.write_bytes(odd)
    places = TableFile.load(folder, "places")
    with pytest.raises(EditRefused, match="was not saved: its header is not id,name"):
        places.save(tablefile.add_row("places", text, places.rows, place_values(PHRASE)))
    assert path.read_bytes() == odd
