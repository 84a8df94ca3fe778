"""Load an article folder as validated, source-linked DataFrames."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newscase.data.errors import DataValidationError
from newscase.data.validation import Table, validate_folder
from newscase.present.suggest import did_you_mean

TABLES = ("actors", "quotes", "claims", "events", "time_phrases", "places", "weapons",
          "map_frame", "map_origins", "map_labels", "arguments", "sources", "references",
          "ladder", "ladder_placements", "escalation_views", "sides", "forecast_questions",
          "wire_rewrite", "exercises")
ARTICLES_DIR = Path("data") / "articles"
# The checkout's data folder, for kernels started anywhere inside an editable install.
PACKAGE_DATA = Path(__file__).resolve().parents[3] / ARTICLES_DIR


@dataclass(frozen=True, repr=False)
class Article:
    """One article: its verbatim text, metadata and annotation tables."""

    id: str
    folder: Path
    text: str
    title: str
    date: dt.date | None  # None: the publication date is not known
    metadata: dict
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        suggestion = did_you_mean(name, list(tables), show=lambda table: f"art.{table}")
        raise AttributeError(
            f"An Article has no '{name}'.{suggestion} Tables: {', '.join(tables)}."
        )

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(df)} {name}" for name, df in self.tables.items())
        day = self.date.isoformat() if self.date else "date unknown"
        return f"Article('{self.id}', {day}, {len(self.text)} chars: {counts})"

    def check(self, key: str, answer):
        """Check a learner's answer to the Try-it exercise ``key`` (a row of art.exercises)."""
        from newscase.present.exercises import check  # the topic's checks load on first use

        return check(self, key, answer)

    def table(self, name: str, columns: list[str] | None = None, ids: list[str] | None = None):
        """The table ``name`` to show in a lesson: only ``columns`` and the rows with ``ids``
        (then indexed by id), if given. One sentence instead if the article lacks the table or
        those rows (a lesson re-run on another article)."""
        from newscase.present.missing import missing

        if name not in TABLES:
            getattr(self, name)  # raises with a "did you mean"
        frame = self.tables.get(name)
        what = name.replace("_", " ")
        if frame is not None and ids is not None:
            frame = frame[frame["id"].isin(ids)].set_index("id")
            what = f"{what} {', '.join(ids)}"
        if frame is None or frame.empty:
            return missing(what, so="there is no table to show")
        return frame if columns is None else frame[columns]

    def span(self, evidence: str) -> tuple[int, int]:
        """Character offsets of a verbatim span in the text."""
        start = self.text.find(evidence)
        if start < 0:
            raise ValueError(
                f"'{evidence[:60]}' is not in the article; copy the words exactly, "
                "including quote marks and apostrophes."
            )
        return start, start + len(evidence)


def article_roots() -> list[Path]:
    """Where article ids are looked up, nearest first: data/articles in the working folder and
    in each folder above it (a kernel in a clone's notebooks/ or assignments/student/), then in
    the working folder's subfolders (a home holding the clone nbgitpuller made), then the
    checkout of an editable install."""
    here = Path.cwd()
    roots = [folder / ARTICLES_DIR for folder in (here, *here.parents)]
    try:
        roots += sorted(here.glob(f"*/{ARTICLES_DIR.as_posix()}"))
    except OSError:  # an unreadable subfolder: look no further down
        pass
    return [*roots, PACKAGE_DATA]


def article_folders() -> list[Path]:
    """Every article folder the lookup can see, each once, by id."""
    found = {}
    for root in article_roots():
        if root.is_dir():
            for folder in sorted(root.iterdir()):
                if (folder / "datapackage.json").is_file():
                    found.setdefault(folder.name, folder)
    return list(found.values())


def find_article_folder(article: str | Path) -> Path:
    """Accept a folder path or an article id, looked up from the repo root or notebooks/."""
    candidate = Path(article)
    if candidate.is_dir():
        return candidate
    for root in article_roots():
        if (root / str(article)).is_dir():
            return root / str(article)
    known = sorted({folder.name for folder in article_folders()})
    suggestion = did_you_mean(str(article), known)
    raise FileNotFoundError(
        f"No article '{article}'.{suggestion} Available: {', '.join(known) or 'none found'}. "
        "Pass an article id or the path of an article folder."
    )


def load_article(article: str | Path) -> Article:
    """Load and validate an article; raise ``DataValidationError`` listing every problem."""
    folder = find_article_folder(article)
    descriptor, text, tables, errors = validate_folder(folder)
    if errors:
        raise DataValidationError(folder, errors)
    meta = descriptor["article"]
    frames = {name: to_frame(tables[name], text) for name in TABLES if name in tables}
    return Article(
        id=descriptor["name"],
        folder=folder,
        text=text,
        title=descriptor["title"],
        date=dt.date.fromisoformat(meta["date"]) if meta["date"] else None,
        metadata=meta,
        tables=frames,
    )


def to_frame(table: Table, text: str) -> pd.DataFrame:
    """Typed DataFrame: integers nullable, dates as Timestamps, '|' lists as Python lists."""
    frame = pd.DataFrame(table.rows, columns=table.header, dtype="string")
    for spec in table.fields:
        name, kind = spec["name"], spec["type"]
        column = frame[name].replace("", pd.NA)
        if kind == "integer":
            frame[name] = pd.to_numeric(column).astype("Int64")
        elif kind == "number":
            frame[name] = pd.to_numeric(column).astype("float64")
        elif kind == "date":
            frame[name] = pd.to_datetime(column)
        elif "separator" in spec:
            separator = spec["separator"]
            frame[name] = [v.split(separator) if v else [] for v in table_column(table, name)]
    if "evidence" in frame:
        starts = [text.find(e) if e else -1 for e in table_column(table, "evidence")]
        frame["evidence_start"] = pd.array([s if s >= 0 else None for s in starts], dtype="Int64")
        frame["evidence_end"] = frame["evidence_start"] + frame["evidence"].str.len()
    return frame


def table_column(table: Table, name: str) -> list[str]:
    return [row[name] for row in table.rows]
