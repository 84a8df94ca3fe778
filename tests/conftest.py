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
