"""The benchmark's own moving parts (bench/run.py measures; this only checks it still can)."""

import os
import re
import subprocess
import sys

import pytest

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


def test_per_student_memory_adds_the_server_to_one_kernel_or_to_all():
    from bench import memory

    kernels = [142, 144, 131, 148, 144]
    got = memory.per_student(165.4, kernels)
    assert got["one_kernel_mb"] == 313  # 165.4 + 148, rounded
    assert got["all_kernels_mb"] == 874  # 165.4 + 709
    assert got["students_per_8gb"] == 23  # 90 % of 8192 MB = 7372.8 MB
    assert got["students_per_8gb_all_kernels"] == 8
    assert memory.students_per_node(239) == 30 and memory.students_per_node(250) == 29
    assert memory.students_per_node(250, node_gb=16, spare=0) == 65
    with pytest.raises(ValueError):
        memory.per_student(100, [])


def test_memory_tells_kernels_from_the_rest_of_the_server():
    from bench import memory

    assert memory.is_kernel(["/v/bin/python", "-m", "ipykernel_launcher", "-f", "/r/k-1.json"])
    assert memory.is_kernel(["/v/bin/python", "/v/lib/site-packages/ipykernel_launcher.py"])
    assert not memory.is_kernel(["/v/bin/python", "/v/bin/jupyterhub-singleuser", "--port=1"])
    assert not memory.is_kernel(["/v/bin/python", "-m", "jupyter", "lab"])
    sleep = "import time; time.sleep(60)"
    kernel = subprocess.Popen([sys.executable, "-c", sleep, "ipykernel_launcher"])
    other = subprocess.Popen([sys.executable, "-c", sleep, "not-a-kernel"])
    try:
        tree = memory.tree_memory(os.getpid())
    finally:
        for child in (kernel, other):
            child.kill()
            child.wait()
    assert kernel.pid in tree["kernels"] and other.pid not in tree["kernels"]
    assert tree["kernels"][kernel.pid]["rss_mb"] > 0
    assert tree["server"]["processes"] >= 2  # this process and the non-kernel child
    assert tree["server"]["rss_mb"] > tree["kernels"][kernel.pid]["rss_mb"]


def test_the_table_shows_both_memory_policies():
    from bench.run import table

    kernel = {"rss_mb": 148, "uss_mb": 131}
    text = table({"memory": {
        "server_kind": "jupyterhub-singleuser", "server_spawned": {"rss_mb": 90},
        "server_idle": {"rss_mb": 143},
        "server_after_lessons": {"00-x.ipynb": 160, "04-y.ipynb": 163},
        "kernels": {"04-y.ipynb": kernel}, "per_student_mb": 311, "goal_mb": 250,
        "students_per_8gb": 23, "met": False, "per_student_keep_open_mb": 875,
        "students_per_8gb_keep_open": 8, "hub_shared": {"rss_mb": 191}, "bursts": [],
        "cores": 2}})
    assert re.search(r"after lessons 00-04 in Chromium +163 MB", text)
    assert "311 MB" in text and "23 per 8 GB node" in text and "NO" in text
    assert "875 MB" in text and "8 per 8 GB node" in text
    assert "90 MB before any browser" in text
