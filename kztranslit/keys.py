"""The matching key: one string for every spelling of one name.

:func:`name_key` maps a name in any script or romanization to a lossy Latin
skeleton that keeps what tells Kazakh names apart and drops what the spelling
systems disagree on. The steps, in order:

1. :func:`kztranslit.normalize.clean` (NFC, legacy font letters, look-alikes),
   punctuation unified, Turkic-aware case folding;
2. Latin letter sequences read as one sound: ``dzh``/``zh``/``ž``/``j`` → ``j``,
   ``shch``/``sh``/``ş``/``s'`` → ``š``, ``ch``/``ç``/``c'`` → ``č``,
   ``kh``/``h``/``x`` → ``x``, ``gh``/``ğ``/``ǵ``/``g'`` → ``g``, and the 2017
   apostrophe letters; ``ye`` at a word start or after a vowel → ``e``
   (Yerlan = Ерлан, Tokayev = Тоқаев);
3. one table for single letters of both scripts: Kazakh and Russian letters fall
   together (қ к q → k, ғ г → g, ң н ñ → n, ә а → a, ө о → o, ұ ү у ū ü → u,
   ы і и й y ı ī → i, һ х → x, ц c → ts, ё → io, ю → iu, я → ia), signs and
   everything that is not a letter or a digit dropped (Nur-Sultan = Nursultan);
4. ``dj`` → ``j`` (Russian Дж and French dj write Ж: Джамбул = Zhambyl); ``n`` + ``g``
   → ``n`` (ң, ңғ, ng, ngg and n all meet: Mangghystaū = Mangystau, Zhangaözen =
   Zhanaozen); doubled letters single (Kassym = Qasym).

The key is idempotent (``name_key(name_key(x)) == name_key(x)``) and keeps apart
names that differ in a consonant or a vowel quality the systems agree on
(Aktobe/Aktau, Aksu/Aksay, Saran/Sarkand).

>>> name_key("Qyzylorda") == name_key("Кызылорда") == name_key("KYZYLORDA") == name_key("Қызылорда")
True
>>> name_key("Toqaev"), name_key("Tokayev"), name_key("Тоқаев")
('tokaev', 'tokaev', 'tokaev')
>>> name_key("Mangghystaū") == name_key("Manghystau") == name_key("Mañğystau")
True
>>> name_key("Aksu") == name_key("Aksay")
False
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .normalize import check_text, clean, has_cyrillic, nfc, repair_legacy, unify_punctuation

__all__ = ["name_key", "name_keys", "token_keys"]

# Step 2: Latin sequences, longest first (an ordered list of str.replace calls).
_SEQUENCES: tuple[tuple[str, str], ...] = (
    ("shch", "š"), ("dzh", "j"), ("dž", "j"), ("şç", "š"), ("şş", "š"), ("sch", "š"),
    ("zh", "j"), ("kh", "x"), ("gh", "g"), ("sh", "š"), ("ch", "č"),
    ("g'", "g"), ("n'", "n"), ("s'", "š"), ("c'", "č"), ("a'", "a"), ("o'", "o"),
    ("u'", "u"), ("y'", "u"), ("i'", "i"),
)  # fmt: skip

# Step 3: single letters of every script and scheme → the skeleton alphabet
# a b d e f g i j k l m n o p r s t u v x z č š (+ digits). No "h" and no "y" are
# left, so the output holds none of the digraphs of step 2: the key is idempotent.
_LETTERS = {
    # Kazakh and Russian Cyrillic
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l",
    "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "x", "һ": "x", "ц": "ts",
    "ч": "č", "ш": "š", "щ": "š", "ъ": "", "ы": "i", "і": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
    # Latin letters of the schemes
    "á": "a", "ä": "a", "à": "a", "â": "ia", "ă": "a", "c": "ts", "ç": "č", "č": "č",
    "ė": "e", "é": "e", "è": "e", "ë": "io", "ê": "e", "ǵ": "g", "ğ": "g", "ǧ": "g",
    "ġ": "g", "h": "x", "ḣ": "x", "ḥ": "x", "ı": "i", "ī": "i", "ì": "i", "í": "i", "ĭ": "i",
    "î": "i", "ï": "i", "j": "j", "ž": "j", "ķ": "k", "q": "k", "ñ": "n", "ń": "n",
    "ŋ": "n", "ņ": "n", "ö": "o", "ó": "o", "ô": "o", "ȯ": "o", "ò": "o", "ş": "š",
    "š": "š", "ŝ": "š", "ū": "u", "ü": "u", "ú": "u", "ù": "u", "û": "iu", "ý": "u",
    "w": "u", "x": "x", "y": "i", "ÿ": "i", "ə": "a", "ɵ": "o", "@": "a",  # "@": unidecode's Ә
}  # fmt: skip
_TABLE: dict[int, str | None] = {ord(k): v for k, v in _LETTERS.items()}
# Drop every ASCII character that is neither a letter nor a digit; keep other scripts' letters.
_TABLE.update({i: None for i in range(128) if not chr(i).isalnum() and chr(i) != "@"})
# Signs, and the combining marks left by NFC (ISO 9's a̋, ALA-LC's ties, BGN's i̵): a mark
# still there after NFC did not compose (й and ё are single letters by then), and dropping
# every mark of U+0300–U+036F keeps the key idempotent (È + U+0309 would compose to ẻ).
_TABLE.update(dict.fromkeys(map(ord, "\u02b9\u02ba\u02bc\u2019\u201d\u00b7\ufe20\ufe21")))
_TABLE.update(dict.fromkeys(range(0x300, 0x370)))

_VOWELS = "aeiouyäöüáóúıīūəёаәеёиоөуұүыіэюя"
_YE = re.compile(rf"(?:(?<![^\W\d_])|(?<=[{_VOWELS}]))ye")
_DOUBLE = re.compile(r"(.)\1+")
_DJ = re.compile("d+j")  # Дж, dj, ddj, Ддж: every d before the j goes with it (idempotent)


def _fold(text: str) -> str:
    s = clean(text)
    if not s.isascii():
        s = unify_punctuation(s).replace("İ", "i").replace("I", "i")
    return s.casefold()  # not lower(): ß and SS, ǰ and J̌ fold together


# Fast paths. Step 2 falls into three groups, each marked by a character all its members
# hold; no replacement writes an "h", an apostrophe or a non-ASCII letter, so a group whose
# mark is absent is skipped. The groups share no letter, except that "gh'" becomes "g'" and
# then "g", which their order (h, non-ASCII, apostrophe) keeps.
_SEQ_H = tuple((a, b) for a, b in _SEQUENCES if "h" in a)
_SEQ_NONASCII = tuple((a, b) for a, b in _SEQUENCES if not a.isascii())
_SEQ_APOSTROPHE = tuple((a, b) for a, b in _SEQUENCES if "'" in a)
# A name in Cyrillic letters and ASCII signs only: NFC, legacy letters and case folding are
# one-letter maps there, look-alikes and step 2 have nothing to do, so steps 1 and 3 are one
# table over the Cyrillic block.
_CYRILLIC_ONLY = re.compile(r"[\u0400-\u04ff\x00-@\[-`{-\x7f]*")
_CYR_TABLE: dict[int, str | None] = {c: v for c, v in _TABLE.items() if c < 128}
for _c in range(0x400, 0x500):
    _lower = repair_legacy(chr(_c)).lower()
    _CYR_TABLE[_c] = _LETTERS.get(_lower, _lower)
_NN = re.compile("n{2,}")


def _steps_2_3(s: str) -> str:
    if "ye" in s:
        s = _YE.sub("e", s)
    if "h" in s:
        for a, b in _SEQ_H:
            if a in s:
                s = s.replace(a, b)
    if not s.isascii():
        for a, b in _SEQ_NONASCII:
            if a in s:
                s = s.replace(a, b)
    if "'" in s:
        for a, b in _SEQ_APOSTROPHE:
            if a in s:
                s = s.replace(a, b)
    return s.translate(_TABLE)


def _key(text: str) -> str:
    if text.isascii():
        s = _steps_2_3(text.lower())
    elif _CYRILLIC_ONLY.fullmatch(text) is not None:
        s = text.translate(_CYR_TABLE)
    elif not has_cyrillic(text):  # no Cyrillic letter: clean() is NFC alone
        s = _steps_2_3(unify_punctuation(nfc(text)).replace("İ", "i").replace("I", "i").casefold())
    else:
        s = _steps_2_3(_fold(text))
    if "dj" in s:  # Russian Дж and French dj for Ж, as Latin dzh is already j (Джамбул = Zhambyl)
        s = _DJ.sub("j", s)
    if _DOUBLE.search(s) is not None:
        s = _DOUBLE.sub(r"\1", s)
    if "ng" in s:
        s = s.replace("ng", "n")
        if "nn" in s:  # "ngng" → "nn"
            s = _NN.sub("n", s)
    return s


_cached_key = lru_cache(maxsize=200_000)(_key)


def reference_key(text: str) -> str:
    """The documented steps one after the other, without the fast paths of :func:`name_key`.

    The slow, obviously correct reference that the tests hold the fast paths to, and that
    the benchmark times them against. Same result as ``name_key(text)``.
    """
    s = _fold(check_text(text, name="name"))
    s = _YE.sub("e", s)
    for a, b in _SEQUENCES:
        s = s.replace(a, b)
    s = _DOUBLE.sub(r"\1", _DJ.sub("j", s.translate(_TABLE)))
    if "ng" in s:
        s = _NN.sub("n", s.replace("ng", "n"))
    return s


def name_key(text: str, *, cache: bool = True) -> str:
    """The matching key of a name: equal for spelling variants across scripts and schemes.

    ``cache=False`` skips the memo (it holds the last 200,000 distinct inputs).
    Raises ``TypeError`` for a non-string. An empty or letterless name gives ``""``.

    >>> name_key("Nur-Sultan") == name_key("Nursultan") == name_key("Нур-Султан")
    True
    >>> name_key("Sarsenbaiuly") == name_key("Sarsenbayuly") == name_key("Сәрсенбайұлы")
    True
    """
    check_text(text, name="name")
    if len(text) > 1000:  # a name, not a document: long input is keyed without the memo
        return _key(text)
    return _cached_key(text) if cache else _key(text)


def name_keys(texts: Iterable[object]) -> Iterator[str | None]:
    """Keys of many names, in order, lazily; ``None`` for an item that is not a string."""
    for t in texts:
        yield name_key(t) if isinstance(t, str) else None


_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ`-][^\W_]+)*", re.UNICODE)


def token_keys(text: str) -> list[str]:
    """Keys of the words of a text, hyphenated words kept whole (``Kassym-Jomart``)."""
    return [k for k in (name_key(m.group()) for m in _TOKEN.finditer(clean(text))) if k]


class Buckets:
    """Keys by first letter, each letter's sorted by length: the keys of a first letter and a
    range of lengths are one slice (what an edit-distance search reads: a key within ``n``
    edits is at most ``n`` letters longer or shorter). Used by the geocoder's typo index and
    the text finder's near spellings.

    >>> Buckets(["almaty", "alma", "aktau", "astana"]).within("a", 5, 6)
    ['aktau', 'almaty', 'astana']
    """

    def __init__(self, keys: Iterable[str]) -> None:
        by_first: dict[str, list[str]] = {}
        for key in sorted(set(keys), key=lambda k: (len(k), k)):
            if key:
                by_first.setdefault(key[0], []).append(key)
        self._keys = by_first
        self._lengths = {c: [len(k) for k in keys] for c, keys in by_first.items()}

    def within(self, first: str, shortest: int, longest: int) -> list[str]:
        """The keys that start with ``first`` and are ``shortest`` to ``longest`` long."""
        lengths = self._lengths.get(first)
        if lengths is None:
            return []
        lo, hi = bisect.bisect_left(lengths, shortest), bisect.bisect_right(lengths, longest)
        return self._keys[first][lo:hi]
