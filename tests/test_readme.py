"""The README's promises: two entry points, a Binder link to notebook 00, every lesson listed."""

import re
import subprocess

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


def test_binder_links_open_an_existing_notebook_in_jupyterlab():
    links = re.findall(r"https://mybinder\.org/v2/gh/[^\s)>]+", README)
    assert len(links) >= 2  # the badge and the plain launch URL
    for link in links:
        path = re.search(r"urlpath=lab/tree/(\S+)$", link)
        assert path, link
        assert (REPO / path.group(1)).is_file(), link


def test_every_notebook_is_listed_in_the_readme():
    for notebook in sorted((REPO / "notebooks").glob("*.ipynb")):
        assert f"`{notebook.name}`" in README, notebook.name
