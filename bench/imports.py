"""What `import newscase` and the first load cost beyond the libraries every lesson imports."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile

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
import newscase.actors.widgets, newscase.escalation.widgets, newscase.reach.widgets
import newscase.reading.widgets, newscase.timeline.widgets
t4 = time.perf_counter()
print(json.dumps({"dependencies_s": t1 - t0, "import_newscase_s": t2 - t1,
                  "first_load_article_s": t3 - t2, "import_newscase_widgets_s": t4 - t3}))
"""


def probe(cache: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          check=True, timeout=300, env={**os.environ, "NEWSCASE_CACHE_DIR": cache})
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure_imports(runs: int = 7) -> dict:
    """Medians over ``runs`` fresh interpreters, in seconds. "cold": no validation marker yet,
    as in the first lesson a learner opens; "warm": the same data was validated before."""
    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(probe(cache))
            warm.append(probe(cache))

    def median(samples: list[dict], key: str) -> float:
        return round(statistics.median(s[key] for s in samples), 3)

    return {"dependencies_s": median(cold + warm, "dependencies_s"),
            "import_newscase_s": median(cold + warm, "import_newscase_s"),
            "import_newscase_widgets_s": median(cold + warm, "import_newscase_widgets_s"),
            "first_load_article_cold_s": median(cold, "first_load_article_s"),
            "first_load_article_warm_s": median(warm, "first_load_article_s"), "runs": runs}
