import numpy as np

from conftest import ARTICLE_DIR
from newscase.data import cache, load_article


def counting(value):
    calls = []

    def compute():
        calls.append(1)
        return np.asarray(value)

    return compute, calls


def test_keys_keep_parts_apart_and_change_with_any_input():
    assert cache.content_key("ab", "c") != cache.content_key("a", "bc")
    assert cache.content_key(b"x", "y") == cache.content_key("x", b"y")
    assert cache.content_key("x") != cache.content_key("x", "")


def test_an_array_is_computed_once_per_key(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSCASE_CACHE_DIR", str(tmp_path))
    compute, calls = counting([[1.5, np.inf], [0.0, -2.0]])
    first = cache.cached_array("grid", "k1", compute)
    again = cache.cached_array("grid", "k1", compute)
    assert len(calls) == 1 and np.array_equal(first, again)
    cache.cached_array("grid", "k2", compute)
    assert len(calls) == 2


def test_a_damaged_entry_is_recomputed_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSCASE_CACHE_DIR", str(tmp_path))
    compute, calls = counting([1.0, 2.0])
    cache.cached_array("grid", "k", compute)
    (tmp_path / "grid" / "k.npy").write_bytes(b"not an array")
    assert list(cache.cached_array("grid", "k", compute)) == [1.0, 2.0]
    assert list(cache.cached_array("grid", "k", compute)) == [1.0, 2.0]
    assert len(calls) == 2


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    monkeypatch.setenv("NEWSCASE_CACHE_DIR", str(blocker))
    compute, calls = counting([3.0])
    assert list(cache.cached_array("grid", "k", compute)) == [3.0]
    assert list(cache.cached_array("grid", "k", compute)) == [3.0]
    cache.save_marker("passed", "k")
    assert len(calls) == 2 and not cache.has_marker("passed", "k")


def test_markers(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSCASE_CACHE_DIR", str(tmp_path))
    assert not cache.has_marker("passed", "k")
    cache.save_marker("passed", "k")
    assert cache.has_marker("passed", "k") and not cache.has_marker("passed", "other")


def test_border_work_read_back_from_the_cache_is_identical(tmp_path, monkeypatch):
    from newscase.reach import border, geofiles, mapframe

    frame = mapframe.map_frame(load_article(ARTICLE_DIR))
    monkeypatch.setenv("NEWSCASE_CACHE_DIR", str(tmp_path))
    cities = geofiles.load_cities().head(40)
    lat, lon = cities["lat"].tolist(), cities["lon"].tolist()
    results = []
    for _ in range(2):  # computed and saved, then read back as a new kernel would
        mapframe._border_grid.cache_clear()
        border._border_distances_km.cache_clear()
        results.append((mapframe.border_grid(frame).km,
                        border.border_distances_km(lat, lon, frame.border)))
    assert len(list((tmp_path / "border-grid").iterdir())) == 1
    assert len(list((tmp_path / "border-distances").iterdir())) == 1
    (grid, distances), (grid_again, distances_again) = results
    assert np.array_equal(grid, grid_again) and np.array_equal(distances, distances_again)
    exact = [border.distance_to_border_km(a, b, frame.border)
             for a, b in zip(lat, lon, strict=True)]
    assert distances_again.tolist() == exact


def test_a_shared_cache_is_read_but_never_written(tmp_path, monkeypatch):
    """A hub image's warm-up (--shared) fills one cache that every student's kernel reads."""
    shared, mine = tmp_path / "shared", tmp_path / "mine"
    monkeypatch.setenv("NEWSCASE_CACHE_DIR", str(shared))
    cache.cached_array("kind", "key", lambda: np.arange(3))
    cache.save_marker("passed", "key")

    monkeypatch.setenv("NEWSCASE_CACHE_DIR", str(mine))
    monkeypatch.setenv("NEWSCASE_SHARED_CACHE", str(shared))
    calls = []
    found = cache.cached_array("kind", "key", lambda: calls.append(1) or np.zeros(3))
    assert list(found) == [0, 1, 2] and calls == []
    assert cache.has_marker("passed", "key")
    cache.cached_array("kind", "other", lambda: np.ones(2))  # a miss is written to my cache
    assert (mine / "kind" / "other.npy").is_file()
    assert not (shared / "kind" / "other.npy").exists()


def test_warm_up_shared_fills_the_environment_cache(tmp_path, monkeypatch):
    import subprocess
    import sys

    env = {"NEWSCASE_CACHE_DIR": str(tmp_path / "unused"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", (
        "import sys, newscase.cli as c, newscase.data.cache as k\n"
        f"k.environment_cache_dir = lambda: __import__('pathlib').Path({str(tmp_path)!r}) / 's'\n"
        "sys.exit(c.main(['warm-up', '--shared']))")],
        env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert any((tmp_path / "s").rglob("*.npy")) and not (tmp_path / "unused").exists()
