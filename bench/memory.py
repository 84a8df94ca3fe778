"""Memory per student, and a class pressing Run All at once: numbers for sizing a school's hub.

On a JupyterHub every student has a single-user server (here: `jupyter lab`, as the hub spawns
it) and a kernel per open lesson. This measures:
- the server's resident memory when idle, started as bench/lab.py starts it;
- each lesson's kernel after Run All (resident and unique memory, read inside the kernel by a
  cell appended to a copy of the lesson), with the warm cache a hub image gets from warm-up;
- a burst: K kernels running lesson 03 at the same moment (threads driving nbclient), and the
  wall time until the last is done, which is what the slowest student in a class waits.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

from bench.lab import build_served_tree, start_lab
from bench.notebooks import CELL_TIMEOUT_S, NOTEBOOKS, ROOT

PROBE = ("import json, psutil\n"
         "_m = psutil.Process().memory_full_info()\n"
         "print(json.dumps({'rss_mb': _m.rss / 2**20, 'uss_mb': _m.uss / 2**20}))")
BURST_LESSON = "03-range.ipynb"


def kernel_memory(path: Path) -> dict:
    """Run the lesson with a probe cell at the end; the kernel's own memory after Run All."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    NotebookClient(notebook, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return json.loads(notebook.cells[-1].outputs[0]["text"])


def server_memory() -> dict:
    """Resident and unique memory of an idle `jupyter lab`, as a hub spawns one per student."""
    with tempfile.TemporaryDirectory() as tmp:
        root, private = Path(tmp) / "served", Path(tmp) / "private"
        root.mkdir()
        private.mkdir()
        build_served_tree(ROOT / "notebooks", ROOT / "data", root)
        server = start_lab(root, private)
        try:
            time.sleep(2)  # let start-up settle
            info = psutil.Process(server.process.pid).memory_full_info()
            return {"rss_mb": info.rss / 2**20, "uss_mb": info.uss / 2**20}
        finally:
            server.stop()


def burst(students: int) -> dict:
    """Wall seconds until ``students`` simultaneous Run Alls of lesson 03 are all done."""
    path = next(p for p in NOTEBOOKS if p.name == BURST_LESSON)
    finished: list[float] = []
    start = time.perf_counter()

    def run() -> None:
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=CELL_TIMEOUT_S * 4, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        finished.append(time.perf_counter() - start)

    threads = [threading.Thread(target=run) for _ in range(students)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"students": students, "last_done_s": round(max(finished), 1),
            "median_done_s": round(statistics.median(finished), 1)}


def measure_memory(bursts: tuple[int, ...] = (1, 4, 8)) -> dict:
    kernels = {path.name: {k: round(v) for k, v in kernel_memory(path).items()}
               for path in NOTEBOOKS}
    server = {k: round(v) for k, v in server_memory().items()}
    biggest = max(k["rss_mb"] for k in kernels.values())
    per_student = server["rss_mb"] + biggest
    return {"server_idle": server, "kernels": kernels,
            "per_student_mb": per_student,
            "per_student_rule": "idle server RSS + the largest lesson kernel's RSS",
            "students_per_8gb": int(8 * 1024 * 0.9 // per_student),
            "goal_mb": 250, "met": per_student <= 250,
            "bursts": [burst(k) for k in bursts], "cores": psutil.cpu_count()}
