"""Context words around a name, shared by the place and the person finders.

Each predicate reads one kind of word list of ``data/text/`` (through :func:`words`): a
settlement word before or after a name, a region word, a feature word, a memorial phrase.
"""

from __future__ import annotations

from .tokens import Tokens
from .words import words

__all__ = [
    "feature_after",
    "lone_place_context",
    "memorial_after",
    "memorial_before",
    "region_of_before",
    "region_word_key",
    "settlement_after",
    "settlement_before",
]


def region_word_key(key: str) -> bool:
    """A region word (``Region``, ``oblast``, ``облысы``, ``области``…), by its name key."""
    w = words()
    return key in w.region_words or key.startswith(w.region_stems)


def settlement_after(key: str) -> bool:
    """A settlement word written after a name (``town``, ``қаласы``, ``ауылында``), by its name key."""
    w = words()
    return key in w.settlement_after or key.startswith(w.settlement_after_stems)


def feature_after(word: str, key: str) -> bool:
    """A feature or street word written after a name (``Sea``, ``rivers``, ``көшесі``, ``өзені``)."""
    w = words()
    return word.lower() in w.feature_after or key.startswith(w.feature_after_stems)


def memorial_after(key: str) -> bool:
    """A Kazakh memorial or "works of" word after a name (``атындағы``, ``шығармалары``)."""
    return key.startswith(words().memorial_after_stems)


def settlement_before(last: str, text: str, start: int) -> bool:
    """``the city of``, ``г.``, ``в посёлке`` … just before ``start`` (``last`` is the word before it)."""
    w = words()
    if last in w.settlement_triggers:
        return w.settlement_before.search(text[max(0, start - 40) : start]) is not None
    return False


def region_of_before(last: str, text: str, start: int) -> bool:
    """``the region of``, ``provinces of the`` … just before ``start``."""
    return last in ("of", "the") and words().region_of.search(text[max(0, start - 40) : start]) is not None


def memorial_before(last: str, text: str, start: int) -> bool:
    """``the monument to``, ``named after``, ``памятник``, ``стихи`` … just before ``start``."""
    w = words()
    if last in w.memorial_triggers:
        return w.memorial_before.search(text[max(0, start - 40) : start]) is not None
    return False


def lone_place_context(tk: Tokens, i: int, j: int, start: int) -> bool:
    """The words around words ``i..j`` say "place": a settlement, region or feature word, a preposition."""
    w = words()
    last = tk.words[i - 1].lower() if i > 0 else ""
    if settlement_before(last, tk.text, start) or region_of_before(last, tk.text, start):
        return True
    b = tk.word_before(i)
    if b is not None and b in w.strong_prepositions:
        return True
    a = tk.word_after(j)
    if a is not None:
        k = tk.keys[a]
        if settlement_after(k) or region_word_key(k) or feature_after(tk.words[a], k):
            return True
    return False
