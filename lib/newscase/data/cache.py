"""Results worth keeping between kernels, in a folder keyed by the exact inputs.

Every lesson starts a new kernel on the same unchanged data, so work that depends only on that
data (Frictionless's verdict, the distance of every map node to the border) need only be done
once. Each entry's name is a hash of everything its value depends on, including the source of
the code that computes it, so a change to any of them simply misses the cache. Nothing here is
needed for correctness: if the folder cannot be read or written, the work is redone.
NEWSCASE_CACHE_DIR moves the folder (default: $XDG_CACHE_HOME/newscase or ~/.cache/newscase).

On a hub or Binder every student is a different user, so one user's cache helps no one else.
Entries are also read (never written) from shared folders: NEWSCASE_SHARED_CACHE (folders
separated by ':') and the environment's own share/newscase/cache, which
``python -m newscase warm-up --shared`` fills when the image is built.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from newscase.data.files import atomic_write


def cache_dir() -> Path:
    configured = os.environ.get("NEWSCASE_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newscase"


def shared_dirs() -> list[Path]:
    """Read-only caches filled once for every user, searched after the user's own."""
    configured = [Path(p) for p in os.environ.get("NEWSCASE_SHARED_CACHE", "").split(":") if p]
    return [*configured, environment_cache_dir()]


def environment_cache_dir() -> Path:
    """The shared cache inside this Python environment (sys.prefix), as warm-up --shared
    writes it."""
    return Path(sys.prefix) / "share" / "newscase" / "cache"


def content_key(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)  # lengths keep parts apart
    return digest.hexdigest()


def entry(kind: str, key: str, suffix: str = "") -> Path:
    """Where this user writes the entry."""
    return cache_dir() / kind / f"{key}{suffix}"


def candidates(kind: str, key: str, suffix: str = "") -> list[Path]:
    """Where the entry may already be: the user's cache, then the shared ones."""
    return [folder / kind / f"{key}{suffix}" for folder in [cache_dir(), *shared_dirs()]]


def has_marker(kind: str, key: str) -> bool:
    return any(path.is_file() for path in candidates(kind, key))


def save_marker(kind: str, key: str) -> None:
    _write(entry(kind, key), b"")


def cached_array(kind: str, key: str, compute: Callable[[], np.ndarray]) -> np.ndarray:
    """``compute()``'s array, or the one saved under this key by an earlier kernel."""
    for found in candidates(kind, key, ".npy"):
        try:
            return np.load(found, allow_pickle=False)
        except (OSError, ValueError):
            pass
    path = entry(kind, key, ".npy")
    value = np.asarray(compute())
    with tempfile.SpooledTemporaryFile() as buffer:
        np.save(buffer, value, allow_pickle=False)
        buffer.seek(0)
        _write(path, buffer.read())
    return value


def _write(path: Path, data: bytes) -> None:
    """Write whole or not at all; a cache that cannot be written only costs time."""
    try:
        atomic_write(path, data)
    except OSError:
        pass
