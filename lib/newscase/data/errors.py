"""The one-line error format shared by every check: ``file:row:field: message``.

Row counts the header as row 1, as Frictionless and spreadsheet programs do. A problem with a
whole file drops the row and field; a problem with a whole row drops the field.
"""

from __future__ import annotations

from pathlib import Path

ROW_OFFSET = 2  # data row i (from 0) is row i + 2: the header is row 1


class DataValidationError(ValueError):
    """Raised by ``load_article`` when the data has problems; ``.errors`` holds one line each."""

    def __init__(self, folder: Path, errors: list[str]):
        self.folder = folder
        self.errors = errors
        noun = "problem" if len(errors) == 1 else "problems"
        lines = "\n".join(f"  {e}" for e in errors)
        super().__init__(
            f"The data in {folder} has {len(errors)} {noun}:\n{lines}\n"
            "Fix each file at the row and field named (row 1 is the header), then load again."
        )


def show(value: object, limit: int = 60) -> str:
    """A value as it may appear inside a one-line message: line breaks escaped, long text cut."""
    text = str(value).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return text if len(text) <= limit else text[: limit - 1] + "…"

