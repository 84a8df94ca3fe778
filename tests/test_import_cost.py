"""What `import newscase` and the first `load_article` pull in, checked in fresh interpreters.

Import time itself is measured by bench/run.py; these tests pin down the causes: heavy
modules load only when a function needs them, and jsonschema is imported without the
rfc3987_syntax grammars that cost about 2 s per kernel, and only once per data version
(see newscase.data.schema).
"""

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARTICLE_DIR

HEAVY = ["frictionless", "jsonschema", "plotly", "ipywidgets", "geographiclib", "IPython"]


def run_fresh(code: str, cache: Path) -> dict:
    """Run code in a new interpreter with its own validation cache; it prints one JSON value
    as its last line."""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False,
                          env={**os.environ, "NEWSCASE_CACHE_DIR": str(cache)})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_import_newscase_loads_no_heavy_module(tmp_path):
    loaded = run_fresh(
        "import json, sys, newscase\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))", tmp_path)
    assert loaded == []


def test_load_article_skips_the_iri_grammars_and_leaves_them_importable(tmp_path):
    found = run_fresh(
        "import importlib.util, json, sys\n"
        "from newscase import load_article\n"
        "art = load_article('atacms-2024-11-17')\n"
        "before = 'rfc3987_syntax' in sys.modules\n"
        "installed = importlib.util.find_spec('rfc3987_syntax') is not None\n"
        "after = installed and __import__('rfc3987_syntax') is not None\n"
        "print(json.dumps({'claims': len(art.claims), 'before': before,\n"
        "                  'installed': installed, 'after': after}))", tmp_path / "empty")
    assert found["claims"] > 0
    assert found["before"] is False
    if found["installed"]:
        assert found["after"] is True  # the sys.modules block was lifted again


@pytest.mark.parametrize("jsonschema_first", [False, True])
def test_frictionless_still_reports_schema_errors_in_a_fresh_interpreter(
        tmp_path, jsonschema_first):
    folder = tmp_path / ARTICLE_DIR.name  # a descriptor's name must match its folder
    shutil.copytree(ARTICLE_DIR, folder)
    actors = folder / "actors.csv"
    with actors.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("kind")] = "spaceship"
    with actors.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    found = run_fresh(
        ("import jsonschema\n" if jsonschema_first else "")
        + "import json\n"
        "from newscase import load_article, DataValidationError\n"
        "try:\n"
        f"    load_article({str(folder)!r})\n"
        "    print(json.dumps([]))\n"
        "except DataValidationError as error:\n"
        "    print(json.dumps(error.errors))\n", tmp_path / "cache")
    assert any(line.startswith("actors.csv:2:kind: 'spaceship' is not one of") for line in found)


LOADS_AND_SAYS_IF_FRICTIONLESS_RAN = (
    "import json, sys\n"
    "from newscase import load_article\n"
    "load_article({folder!r})\n"
    "print(json.dumps('frictionless' in sys.modules))\n")


def test_frictionless_runs_once_per_version_of_the_data(tmp_path):
    folder = tmp_path / ARTICLE_DIR.name  # a descriptor's name must match its folder
    shutil.copytree(ARTICLE_DIR, folder)
    code = LOADS_AND_SAYS_IF_FRICTIONLESS_RAN.format(folder=str(folder))
    cache = tmp_path / "cache"
    assert run_fresh(code, cache) is True
    assert len(list((cache / "frictionless-passed").iterdir())) == 1
    assert run_fresh(code, cache) is False  # the same bytes passed before
    quotes = folder / "quotes.csv"
    quotes.write_bytes(quotes.read_bytes().replace(b"likely", b"unlikely", 1))
    assert run_fresh(code, cache) is True  # an edited file is validated again


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    code = LOADS_AND_SAYS_IF_FRICTIONLESS_RAN.format(folder=str(ARTICLE_DIR))
    assert run_fresh(code, blocker) is True
    assert run_fresh(code, blocker) is True


def test_a_failed_validation_leaves_no_marker(tmp_path):
    folder = tmp_path / ARTICLE_DIR.name  # a descriptor's name must match its folder
    shutil.copytree(ARTICLE_DIR, folder)
    (folder / "weapons.csv").write_text(
        (folder / "weapons.csv").read_text(encoding="utf-8").replace("306", "3o6", 1),
        encoding="utf-8")
    cache = tmp_path / "cache"
    code = ("from newscase import load_article, DataValidationError\n"
            "try:\n"
            f"    load_article({str(folder)!r})\n"
            "except DataValidationError as error:\n"
            "    print(len(error.errors))\n")
    assert run_fresh(code, cache) >= 1
    assert not (cache / "frictionless-passed").exists()


def test_showing_a_figure_skips_the_iri_grammars(tmp_path):
    found = run_fresh(
        "import json, sys\n"
        "from newscase.present import chart\n"
        "import plotly.io._renderers  # what the first fig.show() imports\n"
        "print(json.dumps(['nbformat' in sys.modules, 'rfc3987_syntax' in sys.modules]))",
        tmp_path)
    assert found == [True, False]


TOPICS = ("actors", "timeline", "reach", "escalation")


@pytest.mark.parametrize("package", [*TOPICS, "reading"])
def test_a_lesson_kernel_imports_only_its_own_topic(tmp_path, package):
    """Every name a lesson can call from its topic, used once, loads no other lesson's topic
    (lesson 00, ``reading``, borrows the date exercise from ``timeline``)."""
    loaded = run_fresh(
        "import json, sys\n"
        f"import newscase.{package} as topic\n"
        "for name in topic.__all__:\n"
        "    getattr(topic, name)\n"
        "print(json.dumps(sorted({m.split('.')[1] for m in sys.modules\n"
        "                         if m.startswith('newscase.')})))", tmp_path)
    allowed = {package, "timeline"} if package == "reading" else {package}
    assert set(loaded) & set(TOPICS) <= allowed, loaded
    assert package in loaded


def test_a_typo_in_a_topics_name_gets_a_suggestion(tmp_path):
    found = run_fresh(
        "import json\n"
        "from newscase import reach\n"
        "try:\n"
        "    reach.range_veiw\n"
        "except AttributeError as error:\n"
        "    print(json.dumps(str(error)))", tmp_path)
    assert "Did you mean newscase.reach.range_view?" in found
