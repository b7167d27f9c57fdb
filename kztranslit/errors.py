"""Exceptions raised by kztranslit.

Every error derives from :class:`KztranslitError` and from the builtin that
describes it best, so ``except LookupError`` or ``except ValueError`` also work.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable

__all__ = [
    "DataError", "InvalidDate", "KztranslitError", "MissingExtra", "PlaceNotFound", "SchemeError",
    "SchemeNotReversible", "UnknownScheme", "quote",
]  # fmt: skip

QUOTE_LIMIT = 60
"""How many characters of an input a message echoes; a longer input is shortened."""

_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = QUOTE_LIMIT


def quote(value: object, *, limit: int = QUOTE_LIMIT) -> str:
    """An input as a message echoes it: ``repr``, shortened when long, with its length.

    Every message that shows a user's input goes through this, so that a 1 MB line gives a
    one-line message, not 1 MB on stderr.

    >>> quote("Almaty")
    "'Almaty'"
    >>> quote("Ж" * 100_000)
    "'ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ…' (100,000 characters)"
    >>> quote(list(range(1000)))
    '[0, 1, 2, 3, 4, 5, ...]'
    """
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        head = repr(value[: limit * 2 // 3])
        return f"{head[:-1]}…{head[-1]} ({len(value):,} characters)"
    if limit == QUOTE_LIMIT:
        return _REPR.repr(value)
    short = reprlib.Repr()
    short.maxstring = short.maxother = limit
    return short.repr(value)


class KztranslitError(Exception):
    """Base class of every error raised by kztranslit."""


class UnknownScheme(KztranslitError, LookupError):
    """A scheme id that no scheme file defines. The message lists the valid ids."""

    def __init__(self, scheme: object, valid: Iterable[str]) -> None:
        self.scheme = scheme
        self.valid = sorted(valid)
        super().__init__(f"unknown scheme {quote(scheme)}; valid schemes: {', '.join(self.valid)}")

    def __str__(self) -> str:  # LookupError would quote the message otherwise
        return str(self.args[0])


class SchemeNotReversible(UnknownScheme):
    """A scheme that writes Latin but has no rules to read it back to Cyrillic.

    An :class:`UnknownScheme` for the direction asked (``except UnknownScheme`` still
    catches it); the message says so and lists the schemes that can be read back.
    """

    def __init__(self, scheme: object, valid: Iterable[str]) -> None:
        super().__init__(scheme, valid)
        self.args = (
            f"scheme {quote(scheme)} cannot be read back to Cyrillic (it is one way); "
            f"schemes that can: {', '.join(self.valid)}",
        )


class PlaceNotFound(KztranslitError, LookupError):
    """No place matches a query (raised by ``lookup``). The message names the query, shortened."""

    def __init__(self, query: object, *, what: str | None = None) -> None:
        self.query = query
        asked = quote(query) if what is None else f"{what} {quote(query)}"
        super().__init__(f"no place in Kazakhstan matches {asked}")

    def __str__(self) -> str:  # LookupError would quote the message otherwise
        return str(self.args[0])


class InvalidDate(KztranslitError, ValueError):
    """A date that is not a ``date``, a year or an ISO date string (``name_at(place, "soon")``)."""


class SchemeError(KztranslitError, ValueError):
    """A scheme file that does not validate, or an option a scheme does not accept."""


class DataError(KztranslitError, ValueError):
    """A data file that is missing or does not validate; the message names the file and line."""

    def __init__(self, message: str, *, path: object = None, line: int | None = None) -> None:
        self.path = None if path is None else str(path)
        self.line = line
        where = "" if path is None else f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class MissingExtra(KztranslitError, ImportError):
    """An adapter imported without the optional packages it needs. The message names the extra:
    ``pip install '.[spacy]'``."""

    def __init__(self, module: str, needs: str, extra: str) -> None:
        self.extra = extra
        super().__init__(f"{module} needs {needs}: pip install '.[{extra}]'", name=module)
