"""The tokenizer shared by the place and person finders: words, offsets, keys and shape.

A word is a run of letters and digits; an apostrophe inside joins (``Qazaqstan'da`` is one
word), an English possessive ``'s`` stays outside (``Toqaev's`` → ``Toqaev``). Each word keeps
its offsets, its :func:`~kztranslit.keys.name_key`, how it is joined to the word before (a
space, a hyphen, anything else), whether it starts a sentence and whether its line is a
headline written in Title Case or capitals (where capitals say nothing about names).

>>> tk = tokenize("Toqaev's visit to Nur-Sultan.")
>>> tk.words, [tk.text[a:b] for a, b in zip(tk.starts, tk.ends)] == tk.words
(['Toqaev', 'visit', 'to', 'Nur', 'Sultan'], True)
>>> tk.join[4] == HYPHEN
True
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass, field
from typing import cast

from .._data import collector_paused
from ..keys import name_key

__all__ = ["HYPHEN", "OTHER", "SPACE", "Tokens", "collector_paused", "key", "tokenize"]

_APOSTROPHES = "'’ʼ`"  # inside a word they join its parts (Qazaqstan'da)
WORD = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*")
# The same words, but for an English possessive: "Toqaev's" is the word "Toqaev", then "'",
# then the word "s", which tokenize() puts back into the gap (for re.split).
_SPLIT = re.compile(rf"([^\W_]+(?:[{_APOSTROPHES}](?![sS]\b)[^\W_]+)*)")
SPACE, HYPHEN, OTHER = 0, 1, 2
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KK_LATIN_LETTERS = re.compile(r"[äöüğñşūıÄÖÜĞÑŞŪ]")


@dataclass(slots=True)
class Tokens:
    """The words of a text with their offsets, keys and shape, in parallel lists."""

    text: str
    starts: list[int]
    ends: list[int]
    words: list[str]
    keys: list[str]
    join: list[int]  # how a word is joined to the one before: SPACE, HYPHEN, OTHER
    sentence_start: list[bool]
    title_line: list[bool]  # the word's line is a headline in Title Case or capitals
    cased: bool  # the text uses capitals to mark names at all
    lower_keys: frozenset[str]  # keys of the words written in lower case inside sentences
    kk_latin: bool
    sentence_of: list[int]  # the sentence number of each word
    sentence_lo: list[int]  # each sentence's first offset …
    sentence_hi: list[int]  # … and the end of its last word
    cap: list[bool]  # the word begins with a capital (or a digit)
    sentence_facts: dict[int, tuple[list[int], bool]] = field(default_factory=dict)

    def prev_gap(self, i: int) -> str:
        """The text between word ``i - 1`` (or the start) and word ``i``."""
        return self.text[self.ends[i - 1] if i > 0 else 0 : self.starts[i]]

    def next_gap(self, j: int) -> str:
        """The text between word ``j`` and the next word (or the end)."""
        return self.text[self.ends[j] : self.starts[j + 1] if j + 1 < len(self.words) else len(self.text)]

    def word_before(self, i: int) -> str | None:
        """The word just before ``i`` in the same sentence (lower case, ``"г."`` with its stop), or None."""
        if i == 0 or self.sentence_start[i]:
            return None
        gap = self.prev_gap(i)
        if gap.strip(" -\u00a0") and gap.strip() not in (".",):
            return None
        w = self.words[i - 1].lower()
        return w + "." if gap.startswith(".") else w

    def word_after(self, j: int) -> int | None:
        """The index of the word just after ``j`` in the same sentence, or None."""
        if j + 1 >= len(self.words) or self.sentence_start[j + 1]:
            return None
        gap = self.next_gap(j)
        if gap.strip(" \u00a0-"):
            return None
        return j + 1

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Offsets of the first and the end of the last word of the sentence of word ``i``."""
        n = self.sentence_of[i]
        return self.sentence_lo[n], self.sentence_hi[n]


# Words → name keys, shared by all calls (a plain dict: each get and set is atomic under threads).
_KEY_CACHE: dict[str, str] = {}


def key(word: str) -> str:
    """The name key of a word, memoised."""
    k = _KEY_CACHE.get(word)
    if k is None:
        k = name_key(word)
        if len(_KEY_CACHE) > 500_000:
            _KEY_CACHE.clear()
        _KEY_CACHE[word] = k
    return k


def reset() -> None:
    """Forget the memoised keys."""
    _KEY_CACHE.clear()


def _join_kind(gap: str) -> int:
    if gap == " ":
        return SPACE
    if gap == "-":
        return HYPHEN
    if not gap.strip() and gap.count("\n") < 2:
        return SPACE
    return OTHER


def _boundary(gap: str) -> bool:
    g = gap.strip(" \t\"'«»“”„‘’()[]")
    return (bool(g) and (g[-1] in ".!?…:;—–" or g.endswith("--"))) or "\n" in gap


def _possessives(pieces: list[str]) -> list[str]:
    """The pieces of a split with each English possessive put back into its gap.

    A possessive is an apostrophe (``'`` or ``’``) that is a whole gap, after a word, and a word
    that is ``s`` or ``S`` — or begins with it and an apostrophe, which the split joined to the
    next word (``X'S’ab``: the word ``S’ab`` is the possessive ``'S``, then ``’`` and ``ab``).
    ``Toqaev's visit`` → words ``Toqaev``, ``visit`` with the gap ``'s ``.
    """
    at_gaps: list[int] = []  # pieces[k] is a gap for even k, a word for odd k
    for mark in ("'", "’"):
        k = 0
        while True:
            try:
                k = pieces.index(mark, k + 1)
            except ValueError:
                break
            if k % 2 == 0 and 2 <= k < len(pieces) - 1:
                at_gaps.append(k)
    if not at_gaps:
        return pieces
    at_gaps.sort()
    out: list[str] = []
    at = 0
    taken = -1  # the last word that was a possessive taken out whole (no word is left there)
    for g in at_gaps:
        k = g + 1
        word = pieces[k]
        if word[0] not in "sS" or (len(word) > 1 and word[1] not in _APOSTROPHES):
            continue
        if k - 2 == taken:
            continue  # the word before was a possessive taken out: this is a word (X's's)
        out += pieces[at:g]
        if len(word) == 1:  # … word, "'", "s", gap …  →  … word, "'s" + gap …
            out.append(pieces[g] + word + pieces[k + 1])
            at = k + 2
            taken = k
        else:  # … word, "'", "s’ab", gap …  →  … word, "'s’", "ab", gap …
            out += (pieces[g] + word[:2], word[2:])
            at = k + 1
    out += pieces[at:]
    return out


def tokenize(text: str) -> Tokens:
    """Cut a text into words (see the module documentation)."""
    # One split in C: [gap, word, gap, word, …, gap]; the offsets are the running sum of the
    # pieces' lengths.
    pieces = _possessives(_SPLIT.split(text))
    n = len(pieces) // 2
    words = pieces[1::2]
    offsets = list(itertools.accumulate(map(len, pieces), initial=0))
    starts, ends = offsets[1 : 2 * n : 2], offsets[2 : 2 * n + 1 : 2]
    gaps = pieces[2 : 2 * n : 2]  # the text between two words
    # how each word is joined to the one before and whether it starts a sentence, by gap
    distinct = set(gaps)
    join_of = {g: _join_kind(g) for g in distinct}
    boundary_of = {g: _boundary(g) for g in distinct}
    join = [OTHER] * bool(words) + list(map(join_of.__getitem__, gaps))
    sent = [True] * bool(words) + list(map(boundary_of.__getitem__, gaps))
    known = list(map(_KEY_CACHE.get, words))
    if None in known:  # words not met before
        keys = [k if k is not None else key(w) for k, w in zip(known, words, strict=True)]
    else:
        keys = cast("list[str]", known)
    firsts_letters = list(map(operator.itemgetter(0), words))
    cap = list(map(str.isupper, firsts_letters))
    if any(map(str.isdigit, firsts_letters)):
        cap = list(map(operator.or_, cap, map(str.isdigit, firsts_letters)))
    # Lines in Title Case or capitals: capitals there say nothing about names.
    title = [False] * len(words)
    # running counts of the words of four letters or more, and of those with a capital
    long = list(map(operator.and_, map(operator.ge, map(len, words), itertools.repeat(4)),
                    map(str.isalpha, firsts_letters)))  # fmt: skip
    n_long = list(itertools.accumulate(long, initial=0))
    n_long_cap = list(itertools.accumulate(map(operator.and_, long, cap), initial=0))
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        if len(line) < 400 and line.strip():
            a = bisect.bisect_left(starts, line_start)
            b = bisect.bisect_left(starts, line_end)
            n_ab = n_long[b] - n_long[a]
            if n_ab >= 3 and n_long_cap[b] - n_long_cap[a] >= 0.75 * n_ab:
                title[a:b] = [True] * (b - a)
        line_start = line_end + 1
    cased = any(cap) and not all(cap)
    if any(title):
        lower = frozenset(itertools.compress(keys, map(operator.not_, map(operator.or_, cap, title))))
    else:
        lower = frozenset(itertools.compress(keys, map(operator.not_, cap)))
    # Kazakh in a Latin alphabet: its letters in one word of a hundred or more (not the odd
    # Öskemen or Būrabay of an English text)
    kk_letters = len(_KK_LATIN_LETTERS.findall(text)) if _KK_LATIN_LETTERS.search(text) else 0
    kk_latin = kk_letters > 0 and kk_letters * 100 >= len(words)
    sentence_of = list(itertools.accumulate(sent, initial=-1))[1:]
    firsts = list(itertools.compress(range(len(sent)), sent))
    lo = [starts[n] for n in firsts]
    hi = [ends[n - 1] for n in firsts[1:]] + ends[-1:]
    return Tokens(
        text, starts, ends, words, keys, join, sent, title, cased, lower, kk_latin, sentence_of, lo, hi, cap
    )
