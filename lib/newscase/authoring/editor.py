"""Review and edit an article's annotation in JupyterLab: ``Editor(folder)``.

A teacher selects words of the article in a ``SpanPicker`` (an anywidget), chooses a table and
adds a row whose evidence is the selection, so it is verbatim by construction. Drafted rows
(review mark 'draft ...') are listed to confirm, edit or delete. Every change writes the CSV
(atomically, and never over a file changed on disk since; see ``tablefile``) and re-validates
the folder. The logic lives in ``tablefile``; this module is only the panel around it.
"""

from __future__ import annotations

import bisect
import html
import json
from pathlib import Path

import anywidget
import ipywidgets as widgets
import traitlets

from newscase.authoring import review, tablefile
from newscase.authoring.tablefile import EditRefused, TableFile
from newscase.data.validation import validate_folder

STATIC = Path(__file__).with_name("static")
LONG_TEXT = {"note", "reasoning", "date_reasoning", "summary", "stance_note", "translation_note",
             "role"}
MAX_PROBLEMS_SHOWN = 30
LABEL_STYLE = {"description_width": "11em"}


def python_offset(text: str, units: int) -> int:
    """The Python string index of a JavaScript (UTF-16) offset into ``text``. A character
    outside the Basic Multilingual Plane (an emoji) is two units in JavaScript, one in Python;
    an offset inside such a pair moves past it."""
    return _Utf16Index(text).python(units)


class _Utf16Index:
    """Cumulative UTF-16 lengths of a text, for offsets in O(log n)."""

    def __init__(self, text: str) -> None:
        self.wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self.length = len(text)
        # units before character i = i + number of wide characters before i
        self.ends = [i + n + 2 for n, i in enumerate(self.wide)]  # units after each wide char

    def python(self, units: int) -> int:
        units = max(0, units)
        if not self.wide:
            return min(units, self.length)
        # wide characters that end at or before this offset each took one extra unit
        whole = bisect.bisect_right(self.ends, units)
        index = units - whole
        if whole < len(self.wide) and self.wide[whole] < index:  # inside a pair: move past it
            index = self.wide[whole] + 1
        return min(index, self.length)


class SpanPicker(anywidget.AnyWidget):
    """The article text; ``start``/``end`` are the selection's Python string offsets and
    ``selected`` the selected text (``text[start:end]``)."""

    _esm = STATIC / "span_picker.js"
    _css = STATIC / "span_picker.css"

    text = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("Article text").tag(sync=True)
    selection_utf16 = traitlets.List(traitlets.Int(), default_value=[0, 0]).tag(sync=True)
    start = traitlets.Int(0).tag(sync=True)
    end = traitlets.Int(0).tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(text=text, **kwargs)
        self._index = _Utf16Index(self.text)

    @traitlets.observe("text")
    def _new_text(self, change) -> None:
        self._index = _Utf16Index(change["new"])
        self.set_selection(0, 0)

    @traitlets.observe("selection_utf16")
    def _from_browser(self, change) -> None:
        units = list(change["new"]) + [0, 0]
        start, end = sorted((self._index.python(units[0]), self._index.python(units[1])))
        self.set_selection(start, end)

    def set_selection(self, start: int, end: int) -> None:
        start, end = sorted((max(0, min(start, len(self.text))), max(0, min(end, len(self.text)))))
        with self.hold_sync():
            self.start, self.end, self.selected = start, end, self.text[start:end]

    def clear(self) -> None:
        self.selection_utf16 = [0, 0]
        self.set_selection(0, 0)


def _line(message: str, kind: str = "info") -> str:
    return f'<div class="newscase-editor-{kind}">{html.escape(message)}</div>'


class Editor(widgets.VBox):
    """The authoring panel for one article folder."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        descriptor = self._descriptor()
        article = descriptor.get("article", {}).get("path", "article.txt")
        # Bytes decoded as they are: read_text would turn Windows line endings into '\n', and
        # offsets and evidence with a line break would no longer match the file.
        self.text = (self.folder / article).read_bytes().decode("utf-8")
        present = {r.get("name") for r in descriptor.get("resources", [])}
        self.tables = [name for name in tablefile.EDITABLE_TABLES if name in present]
        self.files = {name: TableFile.load(self.folder, name) for name in self.tables}
        self.editing: str | None = None  # id of the row the form edits; None: a new row
        self.form_evidence = ""
        self.form_fields: dict[str, widgets.Widget] = {}

        self.picker = SpanPicker(self.text, label=f"Article text of {self.folder.name}")
        self.table = widgets.Dropdown(options=self.tables, description="Table",
                                      style=LABEL_STYLE, tooltip="The table to add a row to")
        self.add_button = widgets.Button(description="Add row", icon="plus",
                                         tooltip="Add a row to the table, with the selected "
                                                 "words as its evidence")
        self.reload_button = widgets.Button(description="Reload from disk",
                                            tooltip="Read the CSV files again")
        self.message = widgets.HTML(layout={"min_height": "1.5em"})
        self.form = widgets.VBox(layout={"border": "1px solid #bbb", "padding": "0.5em",
                                         "display": "none"})
        self.drafted = widgets.VBox()
        self.problems = widgets.HTML()

        self.add_button.on_click(lambda _: self.open_form(None))
        self.reload_button.on_click(lambda _: self.reload())
        self.table.observe(lambda _: self.refresh_drafted(), "value")

        missing = [name for name in tablefile.EDITABLE_TABLES if name not in present]
        note = (f"This folder has no {', '.join(missing)} table (datapackage.json lists none)."
                if missing else "")
        super().__init__([
            widgets.HTML(f"<h3>Annotating {html.escape(self.folder.name)}</h3>"
                         + (_line(note) if note else "")),
            self.picker,
            widgets.HBox([self.table, self.add_button, self.reload_button]),
            self.message,
            self.form,
            widgets.HTML("<h4>Drafted rows to review</h4>"),
            self.drafted,
            widgets.HTML("<h4>Validation</h4>"),
            self.problems,
        ])
        self.add_class("newscase-editor")
        # Open on the first table with rows to review.
        waiting = [name for name in self.tables if self.files[name].drafted()]
        if waiting:
            self.table.value = waiting[0]
        self.refresh_drafted()
        self.revalidate()

    def _descriptor(self) -> dict:
        """The folder's datapackage.json; without a readable one, every editable table."""
        try:
            descriptor = json.loads((self.folder / "datapackage.json").read_text("utf-8"))
            if isinstance(descriptor, dict) and isinstance(descriptor.get("article"), dict) \
                    and isinstance(descriptor.get("resources"), list):
                return descriptor
        except (OSError, ValueError):
            pass
        return {"resources": [{"name": name} for name in tablefile.EDITABLE_TABLES]}

    # --- messages and validation -----------------------------------------------------------

    def say(self, message: str, kind: str = "info") -> None:
        self.message.value = _line(message, kind)

    def revalidate(self) -> None:
        *_, problems = validate_folder(self.folder)
        if not problems:
            self.problems.value = _line("valid", "valid")
            return
        shown = "".join(_line(p, "problem") for p in problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - MAX_PROBLEMS_SHOWN
        self.problems.value = shown + (_line(f"… and {more} more") if more > 0 else "")

    # --- the form ----------------------------------------------------------------------------

    def open_form(self, row_id: str | None) -> None:
        name = self.table.value
        if name is None:
            return self.say("This folder has none of the tables the editor writes.", "problem")
        current = self.files[name]
        if row_id is None:
            try:
                evidence, _, _ = tablefile.evidence_from_selection(
                    self.text, self.picker.start, self.picker.end)
            except EditRefused as refused:
                return self.say(str(refused), "problem")
            values = {"id": tablefile.suggested_id(evidence, current.rows), "evidence": evidence}
        else:
            try:
                values = current.row(row_id)
            except EditRefused as refused:
                return self.say(str(refused), "problem")
        self.editing = row_id
        self.form_table = name
        self.build_form(name, values)
        what = f"row {row_id}" if row_id else "a new row"
        self.say(f"Fill in {what} of {name}; then Save row.")

    def build_form(self, name: str, values: dict[str, str]) -> None:
        self.form_fields = {}
        what = f"edit {self.editing}" if self.editing else "new row"
        children = [widgets.HTML(f"<b>{html.escape(name)}: {html.escape(what)}</b>")]
        for spec in tablefile.fields(name):
            field = spec["name"]
            if field in ("evidence", review.COLUMN):
                continue
            widget = self._field_widget(spec, values.get(field, ""))
            self.form_fields[field] = widget
            children.append(widget)
        self.form_evidence = values.get("evidence", "")
        self.evidence_view = widgets.HTML(self._evidence_html())
        use_selection = widgets.Button(description="Use selection as evidence",
                                       tooltip="Replace the evidence by the selected words")
        save = widgets.Button(description="Save row", button_style="primary", icon="check")
        cancel = widgets.Button(description="Cancel")
        use_selection.on_click(lambda _: self.take_selection())
        save.on_click(lambda _: self.save_form())
        cancel.on_click(lambda _: self.close_form())
        children += [self.evidence_view, widgets.HBox([use_selection, save, cancel])]
        self.form.children = children
        self.form.layout.display = "flex"

    def _field_widget(self, spec: dict, value: str) -> widgets.Widget:
        name = spec["name"]
        common = {"description": name, "style": LABEL_STYLE, "layout": {"width": "95%"},
                  "tooltip": spec.get("description") or name}
        choices = spec.get("constraints", {}).get("enum")
        if choices:
            options = ["", *choices] + ([value] if value and value not in choices else [])
            return widgets.Dropdown(options=options, value=value, **common)
        if name in LONG_TEXT:
            return widgets.Textarea(value=value, rows=2, **common)
        return widgets.Text(value=value, **common)

    def _evidence_html(self) -> str:
        return ("<div><b>evidence</b> (the selected words, verbatim): "
                f"<q>{html.escape(self.form_evidence)}</q></div>")

    def take_selection(self) -> None:
        try:
            evidence, _, _ = tablefile.evidence_from_selection(
                self.text, self.picker.start, self.picker.end)
        except EditRefused as refused:
            return self.say(str(refused), "problem")
        self.form_evidence = evidence
        self.evidence_view.value = self._evidence_html()
        self.say("The evidence is now the selected words; Save row to keep it.")

    def form_values(self) -> dict[str, str]:
        values = {name: widget.value or "" for name, widget in self.form_fields.items()}
        return {**values, "evidence": self.form_evidence}

    def save_form(self) -> None:
        name = self.form_table
        current = self.files[name]
        try:
            if self.editing is None:
                rows = tablefile.add_row(name, self.text, current.rows, self.form_values())
            else:
                rows = tablefile.replace_row(name, self.text, current.rows, self.editing,
                                             self.form_values())
            current.save(rows)
        except (EditRefused, OSError) as refused:  # the form keeps the edit
            return self.say(str(refused), "problem")
        saved = rows[-1]["id"] if self.editing is None else self.form_values()["id"]
        self.close_form()
        self.picker.clear()
        self.after_change(f"Saved row {saved} to {current.file}.")

    def close_form(self) -> None:
        self.form.children = []
        self.form.layout.display = "none"
        self.form_fields = {}
        self.editing = None

    # --- drafted rows -------------------------------------------------------------------------

    def refresh_drafted(self) -> None:
        name = self.table.value
        if name is None:
            self.drafted.children = []
            return
        left = {t: len(self.files[t].drafted()) for t in self.tables}
        summary = ", ".join(f"{t} {n}" for t, n in left.items() if n) or "none"
        items = [widgets.HTML(_line(f"Drafted rows left: {summary}."))]
        for row in self.files[name].drafted():
            items.append(self._drafted_item(name, row))
        if len(items) == 1:
            items.append(widgets.HTML(_line(f"No drafted rows in {name}.")))
        self.drafted.children = items

    def _drafted_item(self, name: str, row: dict[str, str]) -> widgets.Widget:
        row_id = row.get("id", "")
        state = "edited since drafted" if review.state(row) == "edited" else "drafted"
        evidence = html.escape(row.get("evidence", ""))
        shown = widgets.HTML(f"<b>{html.escape(row_id)}</b> ({state}): <q>{evidence}</q>",
                             layout={"width": "60%"})
        buttons = []
        for label, action in (("Confirm", self.confirm), ("Edit", self.edit),
                              ("Delete", self.delete)):
            button = widgets.Button(description=f"{label} {row_id}",
                                    tooltip=f"{label} row {row_id} of {name}",
                                    layout={"width": "auto"})
            button.on_click(lambda _, act=action, rid=row_id: act(name, rid))
            buttons.append(button)
        return widgets.HBox([shown, *buttons])

    def confirm(self, name: str, row_id: str) -> None:
        self._change(name, lambda rows: tablefile.confirm_row(rows, row_id),
                     f"Confirmed row {row_id}.")

    def delete(self, name: str, row_id: str) -> None:
        self._change(name, lambda rows: tablefile.delete_row(rows, row_id),
                     f"Deleted row {row_id}.")

    def edit(self, name: str, row_id: str) -> None:
        self.table.value = name
        self.open_form(row_id)

    def _change(self, name: str, change, done: str) -> None:
        current = self.files[name]
        try:
            current.save(change(current.rows))
        except (EditRefused, OSError) as refused:
            return self.say(str(refused), "problem")
        self.after_change(done)

    def after_change(self, message: str) -> None:
        self.refresh_drafted()
        self.revalidate()
        self.say(message, "done")

    def reload(self) -> None:
        """Read every table again (the form, if open, keeps what was typed)."""
        self.files = {name: TableFile.load(self.folder, name) for name in self.tables}
        self.refresh_drafted()
        self.revalidate()
        self.say("Reloaded the tables from disk.")
