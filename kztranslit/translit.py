"""Cyrillic → Latin transliteration with any scheme, and a scheme's own reverse.

>>> transliterate("Қызылорда", "bgn_pcgn")
'Qyzylorda'
>>> transliterate("ЖАҢАӨЗЕН", "bgn_pcgn")
'ZHANGAÖZEN'
"""

from __future__ import annotations

from .normalize import clean, nfc
from .schemes import compiled

__all__ = ["transliterate"]


def transliterate(text: str, scheme: str = "latin2021", **options: bool | str) -> str:
    """Kazakh or Russian Cyrillic in, Latin out, in ``scheme``; other scripts pass through.

    Input is repaired first (NFC, legacy font letters, Latin look-alikes inside
    Cyrillic words); output is NFC. Options are the scheme's own (see
    :func:`kztranslit.schemes`), e.g. ``interpunct=True`` for ``bgn_pcgn``.

    Raises ``TypeError`` for a non-string, :class:`~kztranslit.UnknownScheme`
    (a ``LookupError``) listing the valid ids for an unknown scheme.
    """
    s = clean(text)
    if not s:
        return s
    return nfc(compiled(scheme, "to_latin", options).apply(s))


def reverse_with_scheme(text: str, scheme: str) -> str:
    """Latin → Kazakh Cyrillic by the reverse rules of one scheme (see ``to_cyrillic``)."""
    s = clean(text)
    if not s:
        return s
    return nfc(compiled(scheme, "to_cyrillic", {}).apply(s))
