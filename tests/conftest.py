import os
import tempfile
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
