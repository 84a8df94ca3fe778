"""What `import newscase` and the first load cost beyond the libraries every lesson imports."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

# Runs in a fresh interpreter each time: the imports every lesson pays anyway, then ours.
PROBE = """
import json, time
t0 = time.perf_counter()
import pandas, plotly.express, ipywidgets
t1 = time.perf_counter()
import newscase
t2 = time.perf_counter()
newscase.load_article("atacms-2024-11-17")
t3 = time.perf_counter()
from newscase import widgets
t4 = time.perf_counter()
print(json.dumps({"dependencies_s": t1 - t0, "import_newscase_s": t2 - t1,
                  "first_load_article_s": t3 - t2, "import_newscase_widgets_s": t4 - t3}))
"""


def measure_imports(runs: int = 7) -> dict:
    """Medians over ``runs`` fresh interpreters, in seconds."""
    samples = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                              check=True, timeout=300)
        samples.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return {key: round(statistics.median(s[key] for s in samples), 3) for key in samples[0]}
