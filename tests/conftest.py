import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newscase import load_article

# Validation markers (newscase.data.schema.PassedMarker) go to a throwaway folder, not ~/.cache;
# notebook kernels started by nbval inherit it.
os.environ.setdefault("NEWSCASE_CACHE_DIR", tempfile.mkdtemp(prefix="newscase-test-cache-"))

REPO = Path(__file__).resolve().parents[1]
ARTICLE_DIR = REPO / "data" / "articles" / "atacms-2024-11-17"


@pytest.fixture(scope="session")
def art():
    return load_article(ARTICLE_DIR)


@pytest.fixture(scope="module")
def browser_available() -> None:
    """Chromium and playwright are there (bench/lab.py); otherwise skip, or fail when
    NEWSCASE_REQUIRE_BROWSER=1 (CI), where a skipped browser test would hide a broken one."""
    from bench import lab as harness

    reason = harness.browser_missing_reason()
    if reason is None:
        return
    if os.environ.get("NEWSCASE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NEWSCASE_REQUIRE_BROWSER=1, but {reason}", pytrace=False)
    pytest.skip(f"{reason} (set NEWSCASE_REQUIRE_BROWSER=1 to fail instead)")


@contextmanager
def failing_cleanly() -> Iterator[None]:
    """The browser harness (bench/lab.py) raises LabError with a message for a person: fail the
    test with it, no traceback."""
    from bench.lab import LabError

    try:
        yield
    except LabError as error:
        pytest.fail(str(error), pytrace=False)


@contextmanager
def running_lab(root: Path, tmp_path_factory) -> Iterator:
    """An offline JupyterLab serving ``root`` (bench.lab.start_lab), stopped on exit."""
    from bench import lab as harness

    with failing_cleanly():
        server = harness.start_lab(root, tmp_path_factory.mktemp("jupyter"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser(browser_available):
    """One headless Chromium for a module's browser tests."""
    from bench import lab as harness

    with harness.chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def axe_source(browser_available) -> str:
    """axe-core's script (bench/axe.py: fetched with npm, checked against its pinned hash)."""
    from bench import axe

    reason = axe.npm_missing_reason()
    required = os.environ.get("NEWSCASE_REQUIRE_BROWSER") == "1"
    if reason:
        if required:
            pytest.fail(f"NEWSCASE_REQUIRE_BROWSER=1, but {reason}", pytrace=False)
        pytest.skip(f"{reason} (set NEWSCASE_REQUIRE_BROWSER=1 to fail instead)")
    try:
        return axe.axe_source()
    except subprocess.CalledProcessError as error:
        why = f"npm could not fetch axe-core@{axe.AXE_VERSION}: {error.stderr.decode()[-1500:]}"
        if required:
            pytest.fail(why, pytrace=False)
        pytest.skip(why)
    except SystemExit as error:  # the tarball does not match the pinned hash: never a skip
        pytest.fail(f"axe-core@{axe.AXE_VERSION}: {error}", pytrace=False)
