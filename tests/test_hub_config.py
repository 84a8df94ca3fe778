"""The Zero to JupyterHub example (instructors/hub/config.yaml) asks for what the course was
measured to need: its memory guarantee covers a student's server and one lesson's kernel, its
limit a student who leaves every lesson's kernel open (bench/results.json, section memory,
measured through jupyterhub-singleuser), and its kernel culling reaches jupyter_server."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "instructors" / "hub" / "config.yaml"
RESULTS = ROOT / "bench" / "results.json"
UNITS = {"K": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}


def megabytes(quantity: str) -> float:
    """A Kubernetes memory quantity ('320M', '1G', '512Mi') in MB (10^6 bytes, as bench/ has)."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)", str(quantity))
    assert match, f"{quantity!r} is not a memory quantity the example should use"
    return float(match[1]) * UNITS[match[2]] / 1e6


def test_megabytes_reads_kubernetes_quantities():
    assert megabytes("320M") == 320 and megabytes("1G") == 1000
    assert round(megabytes("512Mi")) == 537


def test_memory_requests_cover_what_a_student_was_measured_to_use():
    memory = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["singleuser"]["memory"]
    measured = json.loads(RESULTS.read_text(encoding="utf-8"))["memory"]
    assert measured.get("server_kind", "").startswith("jupyterhub-singleuser"), (
        "the sizing should come from a run through the hub's single-user server")
    guarantee, limit = megabytes(memory["guarantee"]), megabytes(memory["limit"])
    assert guarantee >= measured["per_student_mb"], (
        f"guarantee {memory['guarantee']} is below the {measured['per_student_mb']} MB measured "
        "for a server and one lesson's kernel")
    assert limit >= measured["per_student_keep_open_mb"], (
        f"limit {memory['limit']} would kill a student who keeps every lesson open "
        f"({measured['per_student_keep_open_mb']} MB)")


def test_kernel_culling_is_a_file_jupyter_server_reads():
    files = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["singleuser"]["extraFiles"]
    culling = files["jupyter-server"]
    # jupyter_server loads <config dir>/jupyter_server_config.json; a .d folder it ignores.
    assert Path(culling["mountPath"]).name == "jupyter_server_config.json"
    assert Path(culling["mountPath"]).parent.as_posix() in {"/etc/jupyter",
                                                            "/usr/local/etc/jupyter"}
    kernels = culling["data"]["MappingKernelManager"]
    assert kernels["cull_idle_timeout"] > 0 and kernels["cull_interval"] > 0


def test_the_hub_sets_what_binder_sets_for_the_server():
    """The hub's server file carries the course's server settings (binder/
    jupyter_server_config.json, which Binder's postBuild merges in)."""
    data = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["singleuser"]["extraFiles"][
        "jupyter-server"]["data"]
    course = json.loads((ROOT / "binder" / "jupyter_server_config.json").read_text())
    assert data["ServerApp"] == course["ServerApp"]


def test_jupyter_server_applies_the_kernel_culling_and_compression(tmp_path):
    """The file as the chart renders it (its data as JSON), in a config folder: a real
    ServerApp's kernel manager takes the timeouts, and its web app gzips responses."""
    culling = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["singleuser"]["extraFiles"][
        "jupyter-server"]
    folder = tmp_path / "etc-jupyter"
    folder.mkdir()
    (folder / Path(culling["mountPath"]).name).write_text(json.dumps(culling["data"]))
    probe = ("from jupyter_server.serverapp import ServerApp\n"
             "app = ServerApp()\n"
             "app.initialize(argv=['--allow-root', '--port=0', '--no-browser'])\n"
             "km = app.kernel_manager\n"
             "print(km.cull_idle_timeout, km.cull_interval, km.cull_connected,\n"
             "      [t.__name__ for t in app.web_app.transforms])\n")
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(folder),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "user"), "JUPYTER_RUNTIME_DIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    kernels = culling["data"]["MappingKernelManager"]
    assert proc.stdout.split() == [str(kernels["cull_idle_timeout"]),
                                   str(kernels["cull_interval"]), str(kernels["cull_connected"]),
                                   "['GZipContentEncoding']"]
