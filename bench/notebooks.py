"""Notebook wall times against the floor of this stack, and committed notebook sizes.

The floor is a trivial notebook that imports what every lesson needs (pandas, plotly.express,
ipywidgets), executed the same way in the same run: no lesson can be faster than that. The
median runs use newscase.data.cache as `make lab` and Binder leave it (warmed up); one extra run per
notebook starts from an empty cache.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
STUDENT_NOTEBOOKS = sorted((ROOT / "assignments" / "student").glob("*.ipynb"))
CELL_TIMEOUT_S = 120  # interact-style widgets can hang nbclient (STACK-FACTS.md)
MAX_NOTEBOOK_KB = 200
FLOOR_CELLS = ["import pandas as pd\nimport plotly.express as px\nimport ipywidgets as widgets",
               "pd.DataFrame({'x': [1, 2]})"]


def floor_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(code) for code in FLOOR_CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


def execute(notebook: nbformat.NotebookNode, folder: Path) -> tuple[float, list[float]]:
    """Wall seconds to start a kernel and run every cell, and each code cell's own seconds."""
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    start = time.perf_counter()
    client.execute()
    wall = time.perf_counter() - start
    return wall, [cell_seconds(c) for c in notebook.cells if c.cell_type == "code"]


@contextmanager
def empty_cache():
    """Kernels started inside see an empty newscase.data.cache, as before `make lab`'s or Binder's
    warm-up: they validate the data and compute the border map themselves."""
    before = os.environ.get("NEWSCASE_CACHE_DIR")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["NEWSCASE_CACHE_DIR"] = folder
        try:
            yield
        finally:
            if before is None:
                del os.environ["NEWSCASE_CACHE_DIR"]
            else:
                os.environ["NEWSCASE_CACHE_DIR"] = before


def cell_seconds(cell) -> float:
    timing = cell.metadata.get("execution", {})
    began, ended = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not (began and ended):
        return 0.0
    return (datetime.fromisoformat(ended) - datetime.fromisoformat(began)).total_seconds()


def measure_suite(runs: int = 3) -> dict:
    """Median wall time per notebook over ``runs`` runs, the floor, and each one's budget."""
    floor = statistics.median(execute(floor_notebook(), ROOT)[0] for _ in range(runs))
    budget = 1.5 * floor + 1.0
    results = {"floor_s": round(floor, 2), "budget_s": round(budget, 2),
               "budget_rule": "1.5 x floor + 1 s", "runs": runs, "notebooks": {}}
    for path in NOTEBOOKS:
        walls, cells = [], []
        for _ in range(runs):
            wall, cell_times = execute(nbformat.read(path, as_version=4), path.parent)
            walls.append(wall)
            cells.append(cell_times)
        with empty_cache():
            cold, _ = execute(nbformat.read(path, as_version=4), path.parent)
        median = statistics.median(walls)
        per_cell = [statistics.median(times) for times in zip(*cells, strict=True)]
        slowest = sorted(enumerate(per_cell, 1), key=lambda pair: -pair[1])[:3]
        results["notebooks"][path.name] = {
            "median_s": round(median, 2), "times_floor": round(median / floor, 2),
            "met": median <= budget, "cold_cache_s": round(cold, 2),
            "slowest_code_cells": [{"cell": n, "s": round(s, 2)} for n, s in slowest],
        }
    return results


def notebook_sizes() -> dict:
    """Size in KB of every committed notebook a learner opens."""
    sizes = {str(p.relative_to(ROOT)): round(p.stat().st_size / 1024, 1)
             for p in [*NOTEBOOKS, *STUDENT_NOTEBOOKS]}
    return {"limit_kb": MAX_NOTEBOOK_KB, "files": sizes,
            "met": all(kb <= MAX_NOTEBOOK_KB for kb in sizes.values())}
