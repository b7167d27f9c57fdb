"""Context words around a name, shared by the place and the person finders.

Each predicate reads one kind of word list of ``data/text/`` (through :func:`words`): a
settlement word before or after a name, a region word, a feature word, a memorial phrase.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .tokens import Tokens
from .words import words

__all__ = [
    "DISTRICT_KINDS",
    "district_after",
    "district_before",
    "feature_after",
    "lone_place_context",
    "memorial_after",
    "memorial_before",
    "region_of_before",
    "region_word_key",
    "reset",
    "settlement_after",
    "settlement_before",
    "settlement_word_after",
    "village_word",
]


#: The kinds of place a district or okrug word names (``Place.kind``).
DISTRICT_KINDS = frozenset({"district", "rural_district"})


def district_after(tk: Tokens, j: int, a: int | None = -1) -> tuple[str, int] | None:
    """A district or rural okrug word after word ``j``: the kind it names and its last word.

    ``X ауылдық округінде``, ``X rural district``, ``X сельского округа``, ``X okrug`` name a
    rural okrug; ``X ауданы``, ``X district``, ``X района`` a district. None if there is none.
    """
    w = words()
    if a == -1:
        a = tk.word_after(j)  # unless the caller knows it
    if a is None:
        return None
    ka, low = tk.keys[a], tk.words[a].lower()
    if low in w.okrug_first or ka.startswith(w.okrug_first_stems):
        b = tk.word_after(a)
        if b is not None and (tk.keys[b] in w.okrug_second or tk.keys[b].startswith(w.okrug_second_stems)):
            return "rural_district", b
    if low in w.okrug_single:
        return "rural_district", a
    abbr = w.okrug_abbreviation.match(tk.text, tk.ends[j]) if low in w.okrug_abbreviation_starts else None
    if abbr is not None:
        last = a
        while last + 1 < len(tk.words) and tk.ends[last + 1] <= abbr.end():
            last += 1
        return "rural_district", last
    if ka in w.district_words or ka.startswith(w.district_stems):
        if ka.startswith(w.district_plural_stems) or low in w.district_plurals:
            return None  # a plural word belongs to a list (see the place finder)
        nxt = tk.word_after(a)
        if (
            ka in w.district_before
            and nxt is not None
            and tk.cap[nxt]
            and not _RU_ADJECTIVE.search(tk.words[j])
        ):
            return None  # "Махамбет района Бәйтерек": Russian puts the word before a noun's name
        return "district", a
    return None


# A Russian adjective (Теректинский, Карасайского, Аральском): its district word follows it.
_RU_ADJECTIVE = re.compile(r"[сц]к(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их)$", re.IGNORECASE)


def district_before(tk: Tokens, i: int, b: str | None = "") -> bool:
    """A district word just before word ``i``: ``района Сауран``, ``в районе X``, ``the district of``.

    ``b`` is the word before (:meth:`Tokens.word_before`) when the caller knows it.
    """
    w = words()
    if b == "":
        b = tk.word_before(i)
    if b is not None and tk.keys[i - 1] in w.district_before:
        return True
    if i < 2 or tk.words[i - 1].lower() not in ("of", "the"):
        return False
    if not any(tk.words[t].lower() in w.district_before_of for t in range(max(0, i - 3), i - 1)):
        return False
    start = tk.starts[i]
    return w.district_of.search(tk.text[max(0, start - 40) : start]) is not None


@lru_cache(maxsize=50_000)
def region_word_key(key: str) -> bool:
    """A region word (``Region``, ``oblast``, ``облысы``, ``области``…), by its name key."""
    w = words()
    return key in w.region_words or key.startswith(w.region_stems)


@lru_cache(maxsize=50_000)
def settlement_after(key: str) -> bool:
    """A settlement word written after a name (``town``, ``қаласы``, ``ауылында``), by its name key."""
    w = words()
    return key in w.settlement_after or key.startswith(w.settlement_after_stems)


def village_word(tk: Tokens, i: int, j: int) -> bool:
    """A word next to words ``i..j`` that says "village": ``с. X``, ``в селе X``, ``X ауылында``."""
    w = words()
    b = tk.word_before(i)
    if b is not None:
        if b.endswith(".") and b[:-1] in w.village_abbreviations:
            return True
        if tk.keys[i - 1].startswith(w.village_stems):
            return True
        if b in ("of", "the"):
            back = [tk.keys[t] for t in range(max(0, i - 3), i - 1)]
            if any(k.startswith(w.village_stems) for k in back):
                return True
    a = tk.word_after(j)
    return a is not None and tk.keys[a].startswith(w.village_stems) and settlement_word_after(tk, j)


def settlement_word_after(tk: Tokens, j: int) -> bool:
    """A settlement word right after word ``j`` that is about the name: ``Aksu town``, ``Орал қаласында``.

    Not an English noun that begins a phrase of its own (``the Kazakh city of Shymkent``), and
    not the first word of a rural okrug (``ауылдық округі``).
    """
    a = tk.word_after(j)
    if a is None or not settlement_after(tk.keys[a]):
        return False
    if district_after(tk, j) is not None:
        return False
    nxt = tk.word_after(a)
    return not (tk.words[a].isascii() and nxt is not None and tk.words[nxt].lower() == "of")


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
    return district_after(tk, j) is not None or district_before(tk, i)


def reset() -> None:
    """Forget the memoised word tests."""
    region_word_key.cache_clear()
    settlement_after.cache_clear()
