"""Inflected names: the keys of a word without a Russian case ending or a Kazakh suffix.

The endings are data (``data/text/endings.toml``). A Cyrillic word is tried without each
Kazakh suffix and each Russian ending that fits (Russian endings are replaced by the
nominative endings a stem with them may have); a word in a Kazakh Latin alphabet without each
Kazakh Latin suffix.

>>> [v[:2] for v in variants("Ақтауда", False)][:1]
[('aktau', 'да')]
>>> ("karaganda", "~е", False) in variants("Караганде", False)
True
"""

from __future__ import annotations

from functools import lru_cache

from ..keys import name_key
from .tokens import CYRILLIC
from .words import words

__all__ = ["reset", "variants"]


@lru_cache(maxsize=100_000)
def variants(word: str, kk_latin: bool, min_stem: int = 3) -> tuple[tuple[str, str, bool], ...]:
    """Keys of a word without its case ending: (key, the ending, whether it is locative).

    A Kazakh suffix is returned as written (``да``); a Russian ending with a ``~`` in
    front (``~е``): the rewrite keeps the first and drops the second.
    """
    w = words()
    low = word.lower()
    out: list[tuple[str, str, bool]] = []
    seen: set[str] = set()

    def add(base: str, ending: str, loc: bool) -> None:
        k = name_key(base)
        if len(k) >= min_stem and k not in seen:
            seen.add(k)
            out.append((k, ending, loc))

    if CYRILLIC.search(low):
        for suffix, loc in w.kk_suffixes:
            if low.endswith(suffix) and len(low) - len(suffix) >= min_stem:
                add(low[: -len(suffix)], word[-len(suffix) :], loc)
        for ending, nominatives in w.ru_endings:
            if low.endswith(ending) and len(low) - len(ending) >= min_stem:
                stem = low[: -len(ending)]
                for nom in nominatives:
                    add(stem + nom, "~" + word[-len(ending) :], False)
    elif kk_latin:
        for suffix, loc in w.kk_latin_suffixes:
            if low.endswith(suffix) and len(low) - len(suffix) >= min_stem:
                add(low[: -len(suffix)], word[-len(suffix) :], loc)
    return tuple(out)


def reset() -> None:
    """Forget the memoised variants."""
    variants.cache_clear()
