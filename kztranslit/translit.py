"""Cyrillic → Latin transliteration with any scheme, and a scheme's own reverse.

>>> transliterate("Қызылорда", "bgn_pcgn")
'Qyzylorda'
>>> transliterate("ЖАҢАӨЗЕН", "bgn_pcgn")
'ZHANGAÖZEN'
"""

from __future__ import annotations

from unicodedata import is_normalized, normalize

from .errors import SchemeNotReversible, UnknownScheme
from .normalize import _NEEDS_REPAIR, check_text, clean, fold_confusables, nfc, repair_legacy
from .schemes import Compiled, Direction, compiled, registry

__all__ = ["scheme_id", "transliterate"]


def scheme_id(scheme: object, direction: Direction = "to_latin") -> str:
    """The id of a scheme named by its id or an alias, in any case: the one way every entry
    point reads a scheme name.

    Raises ``TypeError`` for a non-string, :class:`~kztranslit.UnknownScheme` listing the
    valid ids, and for ``direction="to_cyrillic"`` and a one-way scheme
    :class:`~kztranslit.errors.SchemeNotReversible` (an ``UnknownScheme`` too).

    >>> scheme_id("BGN_PCGN"), scheme_id("latin"), scheme_id("ISO-9", "to_cyrillic")
    ('bgn_pcgn', 'latin2021', 'iso9')
    >>> scheme_id("ru_icao", "to_cyrillic")
    Traceback (most recent call last):
    ...
    kztranslit.errors.SchemeNotReversible: scheme 'ru_icao' cannot be read back to Cyrillic ...
    """
    if type(scheme) is not str:
        scheme = check_text(scheme, name="scheme")
    reg = registry()
    if (scheme, direction) in reg.by_key:
        return scheme
    folded = scheme.strip().lower()
    sid = reg.alias.get(folded, folded)
    if (sid, direction) in reg.by_key:
        return sid
    if direction == "to_cyrillic" and (sid, "to_latin") in reg.by_key:
        raise SchemeNotReversible(scheme, reg.ids(direction))
    raise UnknownScheme(scheme, reg.ids(direction))


def transliterate(text: str, scheme: str = "latin2021", **options: bool | str) -> str:
    """Kazakh or Russian Cyrillic in, Latin out, in ``scheme``; other scripts pass through.

    Input is repaired first (NFC, legacy font letters, Latin look-alikes inside
    Cyrillic words); output is NFC. Options are the scheme's own (see
    :func:`kztranslit.schemes`), e.g. ``interpunct=True`` for ``bgn_pcgn``.

    Raises ``TypeError`` for a non-string, :class:`~kztranslit.UnknownScheme`
    (a ``LookupError``) listing the valid ids for an unknown scheme.
    """
    # The hot path of clean() inlined: this runs once per name over millions of rows.
    if type(text) is not str:
        text = check_text(text)
    if text.isascii():
        if scheme not in _KNOWN:
            compiled(scheme_id(scheme), "to_latin", options)  # raises UnknownScheme / SchemeError
            _KNOWN.add(scheme)
        return text  # no Cyrillic letter: nothing to transliterate
    engine = None if options else _LATIN.get(scheme)
    if engine is None:
        engine = compiled(scheme_id(scheme), "to_latin", options)
        if not options:
            _LATIN[scheme] = engine
    if not is_normalized("NFC", text):
        text = normalize("NFC", text)
    if _NEEDS_REPAIR.search(text) is not None:
        text = fold_confusables(repair_legacy(text))
    out = engine.apply(text)
    return nfc(out) if engine.needs_nfc else out


_LATIN: dict[str, Compiled] = {}  # default-option engines by scheme id, for the hot path


_KNOWN: set[str] = set()


def reverse_with_scheme(text: str, scheme: str) -> str:
    """Latin → Kazakh Cyrillic by the reverse rules of one scheme (see ``to_cyrillic``)."""
    engine = compiled(scheme_id(scheme, "to_cyrillic"), "to_cyrillic", {})  # a bad scheme raises first
    s = clean(text)
    if not s:
        return s
    return nfc(engine.apply(s))
