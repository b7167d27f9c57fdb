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
    "designator_status",
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
    "word_class",
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
    return i > 1 and tk.words[i - 1].lower() in ("of", "the") and _of_phrase(tk, i, w.district_before_of)


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


def _spaced(tk: Tokens, t: int) -> bool:
    """Word ``t`` follows the word before it after white space only."""
    gap = tk.text[tk.ends[t - 1] : tk.starts[t]]
    return gap != "" and gap.isspace()


def _of_phrase(tk: Tokens, i: int, nouns: frozenset[str]) -> bool:
    """``<noun> of X`` or ``<noun> of the X`` just before word ``i`` (``the city of``, ``region of``)."""
    t = i - 1
    if t >= 1 and tk.words[t].lower() == "the" and _spaced(tk, t + 1):
        t -= 1
    if t < 1 or tk.words[t].lower() != "of" or not (_spaced(tk, t + 1) and _spaced(tk, t)):
        return False
    return tk.words[t - 1].lower() in nouns


def settlement_before(tk: Tokens, i: int) -> bool:
    """``the city of``, ``г.``, ``с/о.``, ``в посёлке``, ``village`` … just before word ``i``."""
    if i == 0:
        return False
    w = words()
    last = tk.words[i - 1].lower()
    gap = tk.text[tk.ends[i - 1] : tk.starts[i]]
    if last in w.settlement_before_words and gap and gap.isspace():
        return True
    if gap[:1] == "." and (len(gap) == 1 or gap[1:].isspace()):
        for parts in w.settlement_abbreviations:
            n = len(parts)
            if parts[-1] != last or i < n:
                continue
            first = i - n
            if all(
                tk.words[first + k].lower() == parts[k]
                and tk.text[tk.ends[first + k] : tk.starts[first + k + 1]] == "/"
                for k in range(n - 1)
            ):
                return True
    return last in ("of", "the") and _of_phrase(tk, i, w.settlement_before_of)


def region_of_before(tk: Tokens, i: int) -> bool:
    """``the region of``, ``provinces of the`` … just before word ``i``."""
    last = tk.words[i - 1].lower() if i > 1 else ""
    return last in ("of", "the") and _of_phrase(tk, i, words().region_before_of)


def memorial_before(tk: Tokens, i: int) -> bool:
    """``the monument to``, ``named after``, ``памятник``, ``им.``, ``стихи`` … just before ``i``."""
    if i == 0:
        return False
    w = words()
    last = tk.words[i - 1].lower()
    gap = tk.text[tk.ends[i - 1] : tk.starts[i]]
    if last in w.memorial_before_words:
        return gap.isspace() or (last == "им" and gap[:1] == "." and gap[1:].strip() == "")
    if not gap.isspace() and gap != "":
        return False
    if (
        last in w.memorial_links
        and i > 1
        and _spaced(tk, i - 1)
        and tk.words[i - 2].lower() in w.memorial_nouns
    ):
        return True
    for phrase in w.memorial_phrases:
        n = len(phrase)
        if phrase[-1] == last and i >= n and all(tk.words[i - n + k].lower() == phrase[k] for k in range(n)):
            return True
    return False


def lone_place_context(tk: Tokens, i: int, j: int, start: int) -> bool:
    """The words around words ``i..j`` say "place": a settlement, region or feature word, a preposition."""
    w = words()
    if settlement_before(tk, i) or region_of_before(tk, i):
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


@lru_cache(maxsize=50_000)
def word_class(key: str, low: str) -> str:
    """What a word after a name says, in one memoised test: ``"okrug"`` (the first word of an
    okrug's designator, or one of its own), ``"district"``, ``"settlement"``, ``"region"``,
    ``"feature"``, ``"memorial"`` or ``""``.
    """
    w = words()
    if (
        low in w.okrug_first
        or key.startswith(w.okrug_first_stems)
        or low in w.okrug_single
        or low in w.okrug_abbreviation_starts
    ):
        return "okrug"
    if key in w.district_words or key.startswith(w.district_stems):
        return "district"
    if settlement_after(key):
        return "settlement"
    if region_word_key(key):
        return "region"
    if low in w.feature_after or key.startswith(w.feature_after_stems):
        return "feature"
    if memorial_after(key):
        return "memorial"
    return ""


_SETTLEMENT_STATUSES = frozenset({"city", "settlement", "village", "station", "siding"})


@lru_cache(maxsize=1)
def _designator_statuses() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Settlement designators of ``data/gazetteer/designators.tsv`` (shared with the geocoder):
    lower-case forms → KATO status, and the Kazakh stems that take endings (қала*, кент*)."""
    from ..address import designators

    forms: dict[str, str] = {}
    stems: list[tuple[str, str]] = []
    for d in designators():
        if d.status not in _SETTLEMENT_STATUSES or " " in d.form:
            continue
        form = d.form.lower()
        if d.prefix:
            stems.append((form, d.status))
        else:
            forms.setdefault(form, d.status)
            if d.lang == "kk" and d.position == "after" and len(form) > 4:
                # a Kazakh word after the name takes case endings after its possessive:
                # кенті → кентінде, стансасы → стансасында
                stems.append((form, d.status))
    return forms, tuple(sorted(stems, key=lambda t: -len(t[0])))


@lru_cache(maxsize=10_000)
def designator_status(word: str) -> str | None:
    """The KATO status a settlement word names (``с.`` village, ``кентінде`` settlement, ``ст.``
    station, ``қаласы`` city), from the designators the geocoder reads; None for another word.

    >>> designator_status("кентінде"), designator_status("ст."), designator_status("поле")
    ('settlement', 'station', None)
    """
    forms, stems = _designator_statuses()
    low = word.lower()
    found = forms.get(low)
    if found is not None:
        return found
    for stem, status in stems:
        if low.startswith(stem):
            return status
    return None


def reset() -> None:
    """Forget the memoised word tests."""
    designator_status.cache_clear()
    region_word_key.cache_clear()
    settlement_after.cache_clear()
    word_class.cache_clear()
