"""Where the library's data files live, and a thread-safe once-only loader.

Installed from a wheel, the data directory is ``kztranslit/data`` inside the
package; in a source checkout it is the top-level ``data/`` beside the package.
Nothing here reads a file at import time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Generic, TypeVar

from .errors import DataError

__all__ = ["Lazy", "data_dir", "data_path"]

T = TypeVar("T")


@cache
def data_dir() -> Path:
    """The directory holding ``schemes/``, ``gazetteer/`` and the other data files."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "schemes").is_dir():
            return candidate
    raise DataError(f"kztranslit data directory not found next to {here}")


def data_path(*parts: str) -> Path:
    """A path inside the data directory."""
    return data_dir().joinpath(*parts)


class Lazy(Generic[T]):
    """A value built on first use, once, under a lock; ``reset()`` forgets it (for tests)."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                value = self._value
                if value is None:
                    value = self._build()
                    self._value = value
        return value

    @property
    def loaded(self) -> bool:
        return self._value is not None

    def reset(self) -> None:
        with self._lock:
            self._value = None
