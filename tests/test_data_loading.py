import pandas as pd
import pytest

from conftest import ARTICLE_DIR, REPO
from newscase import load_article
from newscase.data import find_article_folder


@pytest.mark.parametrize("cwd", [REPO, REPO / "notebooks", REPO / "lib"])
def test_article_id_resolves_from_the_repo_root_or_notebooks(cwd, monkeypatch):
    monkeypatch.chdir(cwd)
    assert find_article_folder("atacms-2024-11-17").resolve() == ARTICLE_DIR


def test_article_id_resolves_from_anywhere_for_an_editable_install(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_article("atacms-2024-11-17").id == "atacms-2024-11-17"


def test_unknown_article_suggests_the_closest_id():
    with pytest.raises(FileNotFoundError, match="Did you mean 'atacms-2024-11-17'"):
        find_article_folder("atacms-2024-11-18")


def test_article_exposes_text_metadata_and_tables(art):
    assert art.id == "atacms-2024-11-17"
    assert art.date.isoformat() == "2024-11-17"
    assert art.text.startswith("In a significant policy reversal")
    assert "working title" in art.title
    for name in ("actors", "quotes", "claims", "events", "places", "weapons", "arguments"):
        assert isinstance(getattr(art, name), pd.DataFrame) and len(getattr(art, name))


def test_offsets_point_at_the_evidence_in_every_table(art):
    for name, frame in art.tables.items():
        if "evidence" not in frame:
            continue
        for evidence, start, end in frame[["evidence", "evidence_start", "evidence_end"]].dropna(
                ).itertuples(index=False):
            assert art.text[start:end] == evidence, name


def test_columns_are_typed_for_analysis(art):
    assert str(art.actors["stance"].dtype) == "Int64"
    assert art.actors["stance"].isna().sum() > 0  # blank where the article gives no stance
    assert pd.api.types.is_datetime64_any_dtype(art.events["date"])
    assert art.weapons.loc[0, "range_km"] == 306.0
    assert art.claims.loc[0, "asserted_by"] == ["us-officials", "sources-familiar"]


def test_a_misspelt_table_name_suggests_the_right_one(art):
    with pytest.raises(AttributeError, match=r"Did you mean art\.actors\?"):
        art.actor  # noqa: B018


def test_span_of_text_not_in_the_article_says_what_to_do(art):
    with pytest.raises(ValueError, match="copy the words exactly"):
        art.span("Ukraine's use of U.S.-made weapons")  # straight apostrophe: the text has ’
    assert art.span("Kremlin") == (art.text.index("Kremlin"), art.text.index("Kremlin") + 7)
