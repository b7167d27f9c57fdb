"""Where the library's data files live, and a thread-safe once-only loader.

Installed from a wheel, the data directory is ``kztranslit/data`` inside the
package; in a source checkout it is the top-level ``data/`` beside the package.
Nothing here reads a file at import time.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Generic, TypeVar

from .errors import DataError

__all__ = ["Lazy", "collector_paused", "data_dir", "data_path", "read_tsv"]

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


def _shown(path: Path) -> str:
    """A data file's name as errors show it: relative to the data directory when inside it."""
    try:
        return path.resolve().relative_to(data_dir()).as_posix()
    except (ValueError, DataError):
        return str(path)


def read_tsv(path: Path, parse: Callable[[dict[str, str]], T]) -> Iterator[T]:
    r"""The rows of a data file, each through ``parse``; every problem a :class:`DataError` at
    ``file:line``.

    A data file is UTF-8, tab-separated, without quoting, its first line the header; blank
    lines are skipped. A row with another number of fields than the header, bytes that are
    not UTF-8, or a ``ValueError``, ``KeyError`` or ``TypeError`` (a ``DataError`` too) that
    ``parse`` raises for a row become a ``DataError`` naming the file and the line: the one
    way the library reads its tables, so that a bad row always says where it is.

    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "towns.tsv"
    >>> _ = bad.write_text("name\tpopulation\nAral\t30000\nAstana\tmany\n", encoding="utf-8")
    >>> list(read_tsv(bad, lambda row: int(row["population"])))
    Traceback (most recent call last):
    ...
    kztranslit.errors.DataError: .../towns.tsv:3: ValueError: invalid literal for int() with base 10: 'many'
    """
    from .normalize import bad_text

    shown = _shown(path)
    try:
        f = path.open(encoding="utf-8", errors="surrogateescape", newline="")
    except OSError as e:
        raise DataError(f"cannot read: {e.strerror}", path=shown) from None
    with f:
        header = f.readline().rstrip("\r\n").split("\t")
        for n, line in enumerate(f, start=2):
            line = line.rstrip("\r\n")
            if not line:
                continue
            why = None if line.isascii() else bad_text(line)
            if why is not None:
                raise DataError(why, path=shown, line=n)
            cells = line.split("\t")
            if len(cells) != len(header):
                raise DataError(f"{len(cells)} fields, the header has {len(header)}", path=shown, line=n)
            try:
                item = parse(dict(zip(header, cells, strict=True)))
            except DataError as e:
                raise DataError(str(e), path=shown, line=n) from e
            except (ValueError, KeyError, TypeError) as e:
                raise DataError(f"{type(e).__name__}: {e}", path=shown, line=n) from e
            yield item


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while many objects are made, and restore it after.

    Loading the gazetteer or reading a text allocates tens of thousands of small objects;
    every so many of them the collector scans the young ones, and now and then every object
    the process holds (a fifth of the gazetteer's load time, a third of the time on a
    megabyte of news). What is made here forms no reference cycle that must be freed at
    once; any garbage left waits for the collector's next run. If the collector was
    disabled, it stays disabled.
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Lazy(Generic[T]):
    """A value built on first use, once, under a lock (and with the cycle collector paused:
    :func:`collector_paused`); ``reset()`` forgets it (for tests)."""

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
                    with collector_paused():
                        value = self._build()
                    self._value = value
        return value

    @property
    def loaded(self) -> bool:
        return self._value is not None

    def reset(self) -> None:
        with self._lock:
            self._value = None
