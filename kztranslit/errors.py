"""Exceptions raised by kztranslit.

Every error derives from :class:`KztranslitError` and from the builtin that
describes it best, so ``except LookupError`` or ``except ValueError`` also work.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["DataError", "KztranslitError", "MissingExtra", "SchemeError", "UnknownScheme"]


class KztranslitError(Exception):
    """Base class of every error raised by kztranslit."""


class UnknownScheme(KztranslitError, LookupError):
    """A scheme id that no scheme file defines. The message lists the valid ids."""

    def __init__(self, scheme: object, valid: Iterable[str]) -> None:
        self.scheme = scheme
        self.valid = sorted(valid)
        super().__init__(f"unknown scheme {scheme!r}; valid schemes: {', '.join(self.valid)}")

    def __str__(self) -> str:  # LookupError would quote the message otherwise
        return str(self.args[0])


class SchemeError(KztranslitError, ValueError):
    """A scheme file that does not validate, or an option a scheme does not accept."""


class DataError(KztranslitError, ValueError):
    """A data file that is missing or does not validate."""


class MissingExtra(KztranslitError, ImportError):
    """An adapter imported without the optional packages it needs. The message names the extra:
    ``pip install 'kztranslit[spacy]'``."""

    def __init__(self, module: str, needs: str, extra: str) -> None:
        self.extra = extra
        super().__init__(f"{module} needs {needs}: pip install 'kztranslit[{extra}]'", name=module)
