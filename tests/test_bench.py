"""The benchmark's own moving parts (bench/run.py measures; this only checks it still can)."""

import re
import subprocess
import sys

from bench import callbacks
from conftest import REPO
from newscase import actors, escalation, reach, reading, timeline

# The widget panels: what each lesson topic exports from its widgets module.
PANELS = {name for topic in (actors, escalation, reach, reading, timeline)
          for name, module in topic.EXPORTS.items() if module.endswith(".widgets")}


def test_every_widget_the_lessons_use_is_measured():
    used = {name for path in (REPO / "notebooks").glob("*.ipynb")
            for name in re.findall(r"\.(\w+)\(", path.read_text(encoding="utf-8"))} & PANELS
    measured = set(re.findall(r"\.(\w+)\(", (REPO / "bench/callbacks.py").read_text())) & PANELS
    assert used and used <= measured, f"not measured in bench/callbacks.py: {used - measured}"


def test_callbacks_run_and_report_each_control():
    results = callbacks.measure_callbacks(changes=2)
    for name in ("range slider, from the whole border (all places)", "actor picker",
                 "argument-map filter (speaker)", "ladder mover (Move it)"):
        assert results[name]["changes"] == 2 and results[name]["median_ms"] > 0


def test_run_rejects_an_unknown_section():
    proc = subprocess.run([sys.executable, "bench/run.py", "--only", "speed"], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2 and "unknown section(s) speed" in proc.stderr
