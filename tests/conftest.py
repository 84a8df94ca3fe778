from pathlib import Path

import pytest

from newscase import load_article

REPO = Path(__file__).resolve().parents[1]
ARTICLE_DIR = REPO / "data" / "articles" / "atacms-2024-11-17"


@pytest.fixture(scope="session")
def art():
    return load_article(ARTICLE_DIR)
