"""Build tests/fixtures/repo2docker-base-py3.11.txt: the Python packages of the conda environment
that repo2docker (what mybinder.org builds with) starts every Python 3.11 image from, as PyPI pins.

tests/test_binder.py installs them into a fresh venv, then does what repo2docker does on top
(`pip install -r binder/requirements.txt`, then binder/postBuild) and runs `pip check`: a replica
of a Binder build without Docker or conda. The base keeps packages our lock does not name
(jupyterhub, jupyter-resource-usage, jupyter-offlinenotebook, notebook, ...); when one of them
requires something our lock moves past (repo2docker 2026.4's `notebook` 7.4.7 requires
`jupyterlab<4.5`), only this replica sees it.

Source: the wheel jupyter-repo2docker==2026.4.0 from PyPI (sha256 pinned below), file
repo2docker/buildpacks/conda/environment.py-3.11-linux-64.lock, conda-lock's explicit list of
conda-forge package URLs. Kept: Python packages (a build string with a `py` tag), under their PyPI
names. Left out: native libraries (openssl, zeromq, nodejs, python itself) and the metapackages
that only gather others (bleach-with-css, jsonschema-with-format-nongpl, jupyterhub-singleuser,
typing-extensions, cached-property), whose members the list pins anyway. Run by hand from the
repository root, after a repo2docker release that mybinder.org adopts:

    python3 scripts/repo2docker_base.py
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "jupyter-repo2docker==2026.4.0"
WHEEL_SHA256 = "f2f4a9a201817b3eb63d42276fb0a39ff70a08d037f14e28b643d886d85dd68d"
LOCK = "repo2docker/buildpacks/conda/environment.py-3.11-linux-64.lock"
OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "repo2docker-base-py3.11.txt"

# conda-forge name -> PyPI name, where they differ.
PYPI_NAME = {
    "brotli-python": "brotli",
    "jupyterhub-base": "jupyterhub",
    "nbconvert-core": "nbconvert",
    "python-fastjsonschema": "fastjsonschema",
}
# A conda package URL's file name: name-version-build.conda (or .tar.bz2).
CONDA_FILE = re.compile(
    r"/(?P<name>[^/]+)-(?P<version>[^-/]+)-(?P<build>[^-/]+)\.(conda|tar\.bz2)#"
)
# Python packages carry a py tag in their build string: pyhd8ed1ab_0, py311h9ecbd09_1, pyh29332c3_1.
PYTHON_BUILD = re.compile(r"(^|_)py[h0-9]")


def base_pins(lock_text: str) -> list[str]:
    """`name==version` for every Python package in a conda-lock explicit file, sorted."""
    pins = []
    for line in lock_text.splitlines():
        match = CONDA_FILE.search(line)
        if match and PYTHON_BUILD.search(match["build"]):
            pins.append(f"{PYPI_NAME.get(match['name'], match['name'])}=={match['version']}")
    return sorted(pins, key=str.lower)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--dest", tmp, PACKAGE], check=True)
        (wheel,) = Path(tmp).glob("*.whl")
        if hashlib.sha256(wheel.read_bytes()).hexdigest() != WHEEL_SHA256:
            raise SystemExit(f"{wheel.name} does not match the pinned sha256")
        with zipfile.ZipFile(wheel) as archive:
            lock_text = archive.read(LOCK).decode()
    frozen = next(line for line in lock_text.splitlines() if line.startswith("# Frozen on"))
    header = [
        "# Python packages of repo2docker's Python 3.11 base environment, as PyPI pins.",
        f"# From {PACKAGE} (PyPI, wheel sha256 {WHEEL_SHA256[:16]}...), {LOCK}",
        f"# ({frozen.removeprefix('# ')}). Made by scripts/repo2docker_base.py; do not edit.",
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(header + base_pins(lock_text)) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
