"""The README's promises: two entry points, a Binder link to notebook 00, every lesson listed."""

import json
import os
import re
import secrets
import signal
import subprocess
import time
import urllib.request

from bench.lab import free_port
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_two_commands_are_make_targets():
    assert "`make lab`" in README and "`make test`" in README
    for target in ("lab", "test"):
        dry_run = subprocess.run(["make", "-n", target], cwd=REPO, capture_output=True, text=True)
        assert dry_run.returncode == 0, dry_run.stderr


def test_make_lab_opens_the_first_notebook():
    dry_run = subprocess.run(["make", "-n", "lab"], cwd=REPO, capture_output=True, text=True)
    assert "jupyter lab" in dry_run.stdout and "notebooks/00-start-here.ipynb" in dry_run.stdout


def test_binder_links_open_an_existing_notebook_in_jupyterlab_or_as_an_app():
    links = re.findall(r"https://mybinder\.org/v2/gh/[^\s)>]+", README)
    assert len(links) >= 3  # the badge, the plain launch URL, a lesson as an app
    for link in links:
        path = re.search(r"urlpath=(?:lab/tree|voila/render)/(\S+)$", link)
        assert path, link
        assert (REPO / path.group(1)).is_file(), link
    assert any("urlpath=voila/render/notebooks/" in link for link in links)


def test_make_present_shows_the_lesson_it_is_given():
    dry_run = subprocess.run(["make", "-n", "present", "LESSON=03"], cwd=REPO,
                             capture_output=True, text=True)
    assert 'python -m newscase present "03"' in dry_run.stdout


def test_every_notebook_is_listed_in_the_readme():
    for notebook in sorted((REPO / "notebooks").glob("*.ipynb")):
        assert f"`{notebook.name}`" in README, notebook.name


def test_make_lab_serves_the_repo_and_opens_notebook_00(tmp_path):
    """Runs the README's own command on a spare port and asks the server for notebook 00."""
    port, token = free_port(), secrets.token_hex(16)
    args = f"--port={port} --no-browser --ServerApp.token={token}"
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "JUPYTER_CONFIG_DIR": str(tmp_path)}
    lab = subprocess.Popen(["make", "lab", f"LAB_ARGS={args}"], cwd=REPO, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/api/contents/notebooks/00-start-here.ipynb?token={token}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as reply:
                    assert json.load(reply)["type"] == "notebook"
                    break
            except OSError:
                assert lab.poll() is None and time.monotonic() < deadline, "make lab did not serve"
                time.sleep(0.5)
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        output = lab.communicate(timeout=30)[0]
    assert f":{port}/lab/tree/notebooks/00-start-here.ipynb" in output

