"""Results worth keeping between kernels, in a folder keyed by the exact inputs.

Every lesson starts a new kernel on the same unchanged data, so work that depends only on that
data (Frictionless's verdict, the distance of every map node to the border) need only be done
once. Each entry's name is a hash of everything its value depends on, including the source of
the code that computes it, so a change to any of them simply misses the cache. Nothing here is
needed for correctness: if the folder cannot be read or written, the work is redone.
NEWSCASE_CACHE_DIR moves the folder (default: $XDG_CACHE_HOME/newscase or ~/.cache/newscase).
"""

from __future__ import annotations

import hashlib
import os
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


def content_key(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)  # lengths keep parts apart
    return digest.hexdigest()


def entry(kind: str, key: str, suffix: str = "") -> Path:
    return cache_dir() / kind / f"{key}{suffix}"


def has_marker(kind: str, key: str) -> bool:
    return entry(kind, key).is_file()


def save_marker(kind: str, key: str) -> None:
    _write(entry(kind, key), b"")


def cached_array(kind: str, key: str, compute: Callable[[], np.ndarray]) -> np.ndarray:
    """``compute()``'s array, or the one saved under this key by an earlier kernel."""
    path = entry(kind, key, ".npy")
    try:
        return np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        pass
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
