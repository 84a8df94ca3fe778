"""The course installs like a real package: a wheel built from the repository, installed (not
editable) into a fresh venv, works from a folder outside the repository, with the data the
library needs (the border, countries and cities) read from the installed package.

The fresh venv gets only what these calls import, at the versions the dev venv has from the
lock, with --no-deps (pip's cache makes that a few seconds).
"""

import importlib.metadata
import json
import shutil
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bench.install import NOT_IN_CLONE, isolated_env

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "data" / "articles" / "atacms-2024-11-17"
# What load_article, newscase.geodesy and newscase.reach's logic import.
NEEDED = ("pandas", "numpy", "geographiclib", "frictionless")

PROBE = f"""
import json
import newscase
from newscase import geodesy, load_article
from newscase.data import contract
from newscase.reach import distance_to_border_km, geofiles, load_cities
art = load_article({str(ARTICLE)!r})
moscow = load_cities().query("name == 'Moscow'").iloc[0]
print(json.dumps({{
    "package": newscase.__file__, "geodata": str(geofiles.GEO_DIR),
    "schemas": str(contract.SCHEMAS), "canonical": sorted(contract.canonical()),
    "claims": len(art.claims), "article": art.id,
    "kyiv_moscow_km": geodesy.distance_km(50.45466, 30.5238, 55.75204, 37.61781),
    "moscow_border_km": distance_to_border_km(moscow["lat"], moscow["lon"], "UKR|RUS"),
}}))
"""


def run(cmd: list, cwd: Path, env: dict, timeout: int) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(part) for part in cmd], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert proc.returncode == 0, f"{cmd}:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc


def pins(names) -> list[str]:
    """``name==version`` for ``names`` and everything they require, as installed here."""
    found, todo = {}, list(names)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in found:
            continue
        dist = importlib.metadata.distribution(name)
        found[name] = dist.version
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return [f"{name}=={version}" for name, version in sorted(found.items())]


def test_a_wheel_installed_in_a_fresh_venv_works_outside_the_repository(tmp_path):
    repo, dist, venv, elsewhere = (tmp_path / name for name in ("repo", "dist", "venv", "else"))
    shutil.copytree(ROOT, repo, ignore=NOT_IN_CLONE, symlinks=True)
    env = isolated_env(venv)
    env["NEWSCASE_CACHE_DIR"] = str(tmp_path / "cache")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", dist, repo],
        cwd=tmp_path, env=env, timeout=300)
    (wheel,) = dist.glob("newscase-*.whl")
    run([sys.executable, "-m", "venv", venv], cwd=tmp_path, env=env, timeout=120)
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps",
         *pins(NEEDED), wheel], cwd=tmp_path, env=env, timeout=600)
    shutil.rmtree(repo)  # nothing may still point into the copy it was built from
    elsewhere.mkdir()
    output = run([venv / "bin" / "python", "-c", PROBE], cwd=elsewhere, env=env, timeout=300)
    found = json.loads(output.stdout.strip().splitlines()[-1])
    assert found["package"].startswith(str(venv)), found
    assert found["geodata"].startswith(str(venv)), found
    assert found["schemas"].startswith(str(venv)), found
    assert {"actors", "claims", "events", "sources"} <= set(found["canonical"])
    assert found["article"] == "atacms-2024-11-17" and found["claims"] > 0
    assert abs(found["kyiv_moscow_km"] - 756.4) < 0.1
    assert abs(found["moscow_border_km"] - 457) < 3
