"""Re-run notebooks and save the outputs a learner should see, as nbval's reference.

Usage: python scripts/execute_notebooks.py [notebooks/NN-name.ipynb ...]   (default: all)

Widget state and widget views are stripped: their model ids are random, a plotly FigureWidget's
state embeds plotly.js (about 5 MB), and a saved view only shows "model not found" to a learner.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CELL_TIMEOUT_S = 120  # an @interact cell has been seen to hang nbclient forever


def strip_widgets(notebook: nbformat.NotebookNode) -> None:
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        cell.outputs = [o for o in cell.outputs if WIDGET_VIEW not in o.get("data", {})]


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    strip_widgets(notebook)
    nbformat.write(notebook, path)
    print(f"{path.name}: {path.stat().st_size / 1024:.0f} KB")


def main(paths: list[str]) -> None:
    for path in [Path(p).resolve() for p in paths] or sorted(NOTEBOOKS.glob("*.ipynb")):
        execute(path)


if __name__ == "__main__":
    main(sys.argv[1:])
