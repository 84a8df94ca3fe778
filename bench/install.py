"""Cold install of the Binder config into a fresh venv: how long it takes and what fills it.

Replays what repo2docker (mybinder.org) does for a repository with a binder/ folder, on the
interpreter running this module (binder/runtime.txt asks Binder for the same minor version):

1. ``python -m venv`` in a temporary folder (repo2docker's image already has its environment;
   this step is timed apart and not part of the install);
2. ``pip install --no-cache-dir -r binder/requirements.txt``, run from a copy of the repository
   root, exactly as repo2docker's Python build pack runs it;
3. ``binder/postBuild``, run directly from that copy, with ``PIP_NO_CACHE_DIR=1`` so any pip it
   calls is cold too.

Nothing is reused between runs: no pip cache, a new venv, a new copy. Wheels still come from
whatever index pip is configured with on this machine, so the seconds include downloads from
there, not from mybinder.org's network.

``measure_install()`` returns a dict (see its docstring); ``requirements=`` and ``postbuild=``
take another lock or script, e.g. an older commit's, to compare. From the command line::

    python -m bench.install                                   # the Binder config as it is
    python -m bench.install --requirements /tmp/old.txt --postbuild /tmp/old-postBuild
    python -m bench.install --postbuild none                  # the lock alone

Sizes are apparent file sizes in MB of 10**6 bytes. A distribution's size is the sum of the files
its RECORD lists (site-packages, scripts, share/jupyter/...), bytecode pip compiled included.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNTIME_LOCK = "binder/requirements.txt"
POSTBUILD = "binder/postBuild"
MB = 10**6
# Local state that a Binder clone never has: git's own folder and what .gitignore lists.
NOT_IN_CLONE = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache",
    ".ipynb_checkpoints", ".hypothesis", "test-artifacts", "build", ".OTTER_LOG", ".cache",
)
# Variables that could leak this process's venv, or a Jupyter setup, into the new one.
LEAKY = {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "CONDA_PREFIX"}

# Run by the new venv's Python: every installed distribution with the bytes its RECORD lists.
_DIST_SIZES = r"""
import importlib.metadata as md, json, os, re, sys
found = {}
for dist in md.distributions():
    name = dist.metadata["Name"]
    key = re.sub(r"[-_.]+", "-", name).lower()
    if key in found:  # shadowed by an earlier path entry: not what imports see
        continue
    size = 0
    for file in dist.files or ():
        try:
            size += os.lstat(dist.locate_file(file)).st_size
        except OSError:
            pass
    found[key] = {"name": name, "version": dist.version, "bytes": size}
print(json.dumps({"python": sys.version.split()[0], "dists": list(found.values())}))
"""


class InstallError(RuntimeError):
    """A step of the install failed; the message carries the command and its output's tail."""


def _tail(text: str | bytes | None, lines: int = 30) -> str:
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    return "\n".join((text or "").rstrip().splitlines()[-lines:])


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(
    cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: float
) -> tuple[float, float]:
    """Run cmd to completion; return (wall, CPU) seconds, or raise InstallError.

    CPU is user + system time of cmd and every process it waited for (pip's own children too).
    """
    start, cpu_start = time.perf_counter(), _children_cpu()
    try:
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise InstallError(
            f"timed out after {timeout:.0f}s: {' '.join(cmd)}\n{_tail(exc.stdout)}\n"
            f"{_tail(exc.stderr)}"
        ) from None
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu_start
    if proc.returncode != 0:
        raise InstallError(
            f"exit {proc.returncode}: {' '.join(cmd)}\n{_tail(proc.stdout)}\n{_tail(proc.stderr)}"
        )
    return seconds, cpu


def isolated_env(venv: Path) -> dict[str, str]:
    """This process's environment for work in ``venv``, with nothing that could leak this
    process's venv or Jupyter setup into it (tests/test_binder.py uses it too)."""
    env = {k: v for k, v in os.environ.items() if k not in LEAKY and not k.startswith("JUPYTER")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _tree_bytes(path: Path) -> int:
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                pass
    return total


def _resolve(path: str | os.PathLike[str], repo: Path) -> Path:
    """A relative path means the file in the repository copy, as repo2docker sees it."""
    path = Path(path)
    return path if path.is_absolute() else repo / path


def measure_install(
    requirements: str | os.PathLike[str] = RUNTIME_LOCK,
    postbuild: str | os.PathLike[str] | None = POSTBUILD,
    *,
    root: Path = ROOT,
    top: int = 10,
    timeout: float = 1800,
) -> dict:
    """Cold-install ``requirements`` then run ``postbuild`` in a fresh venv; measure it.

    ``requirements`` and ``postbuild`` are paths relative to the repository root (the copy the
    install runs from) or absolute paths, e.g. an older lock saved elsewhere; ``postbuild=None``
    skips that step. The venv and the copy are deleted afterwards.

    Returns::

        {"requirements": str, "postbuild": str | None, "python": "3.11.7", "pip": "23.2.1",
         "seconds": {"venv": s, "requirements": s, "postbuild": s, "install": s, "total": s},
         "cpu_seconds": {...the same steps...},
         "venv_mb": float, "distributions": int,
         "largest": [{"name": str, "version": str, "mb": float}, ...]}   # the ``top`` largest

    ``install`` is requirements + postBuild (what repo2docker spends); ``total`` adds the venv.
    ``seconds`` is wall time; ``cpu_seconds`` (user + system, the step's processes) moves less
    when other work shares the machine, but leaves out time spent waiting for downloads.
    ``distributions`` counts every distribution in the venv, pip and the editable project too.
    """
    with tempfile.TemporaryDirectory(prefix="newscase-install-") as tmp:
        venv, repo = Path(tmp) / "venv", Path(tmp) / "repo"
        shutil.copytree(root, repo, ignore=NOT_IN_CLONE, symlinks=True)
        requirements_file = _resolve(requirements, repo)
        if not requirements_file.is_file():
            raise InstallError(f"no requirements file at {requirements_file}")
        env = {**isolated_env(venv), "PIP_NO_CACHE_DIR": "1"}  # cold: no wheel cache
        python = str(venv / "bin" / "python")

        steps = {"venv": _timed([sys.executable, "-m", "venv", str(venv)], cwd=repo, env=env,
                                timeout=300)}
        steps["requirements"] = _timed(
            [python, "-m", "pip", "install", "--no-cache-dir", "-r", str(requirements_file)],
            cwd=repo, env=env, timeout=timeout,
        )
        if postbuild is None:
            steps["postbuild"] = (0.0, 0.0)
        else:
            script = _resolve(postbuild, repo)
            if not os.access(script, os.X_OK):
                raise InstallError(f"{script} is not an executable file (repo2docker runs it)")
            steps["postbuild"] = _timed([str(script)], cwd=repo, env=env, timeout=timeout)
        seconds = {step: wall for step, (wall, _cpu) in steps.items()}
        cpu_seconds = {step: cpu for step, (_wall, cpu) in steps.items()}
        for totals in (seconds, cpu_seconds):
            totals["install"] = totals["requirements"] + totals["postbuild"]
            totals["total"] = totals["venv"] + totals["install"]

        listing = subprocess.run([python, "-c", _DIST_SIZES], cwd=repo, env=env,
                                 capture_output=True, text=True, timeout=300, check=True)
        info = json.loads(listing.stdout)
        venv_bytes = _tree_bytes(venv)

    dists = sorted(info["dists"], key=lambda d: d["bytes"], reverse=True)
    pip_version = next((d["version"] for d in dists if d["name"].lower() == "pip"), None)
    return {
        "requirements": str(requirements),
        "postbuild": None if postbuild is None else str(postbuild),
        "python": info["python"],
        "pip": pip_version,
        "seconds": {step: round(value, 1) for step, value in seconds.items()},
        "cpu_seconds": {step: round(value, 1) for step, value in cpu_seconds.items()},
        "venv_mb": round(venv_bytes / MB, 1),
        "distributions": len(dists),
        "largest": [
            {"name": d["name"], "version": d["version"], "mb": round(d["bytes"] / MB, 1)}
            for d in dists[:top]
        ],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requirements", default=RUNTIME_LOCK,
                        help=f"lock to install, relative to the repo root or absolute "
                             f"(default: {RUNTIME_LOCK})")
    parser.add_argument("--postbuild", default=POSTBUILD,
                        help=f"script to run after it, or 'none' (default: {POSTBUILD})")
    parser.add_argument("--top", type=int, default=10, help="how many largest distributions")
    args = parser.parse_args(argv)
    postbuild = None if re.fullmatch(r"(?i)none", args.postbuild) else args.postbuild
    try:
        result = measure_install(args.requirements, postbuild, top=args.top)
    except InstallError as exc:
        sys.exit(str(exc))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
