"""Latin back to Kazakh Cyrillic from any romanization, and scheme detection.

:func:`to_cyrillic` with ``scheme=None`` reads a word in any romanization —
including Russian-style spellings that lost the Kazakh letters (Taldykorgan,
Tokayev) — and restores the Kazakh Cyrillic spelling:

1. **Lexicon.** A word (or the whole phrase) whose :func:`~kztranslit.name_key`
   is the key of a known Kazakh name — the gazetteer's Kazakh names and the
   given-name list in ``data/`` — takes that name's spelling.
2. **Rules.** Otherwise a lattice of readings: every Latin letter or letter group
   of every scheme with the Cyrillic letters it can stand for (``k`` → к or қ,
   ``gh``/``ğ``/``ǵ``/``g'`` → ғ, ``ng``/``ñ`` → ң or нг, ``y`` → ы or й,
   ``ye`` → е …), each with a cost, searched with a beam. A reading is scored by
   its costs, by a character trigram model of Kazakh names (trained on the same
   lexicon at first use) and by vowel harmony: қ and ғ sit next to back vowels
   (а о ұ ы), к and г next to front ones (ә е ө ү і).

:func:`to_cyrillic_candidates` returns the ranked readings with scores.
:func:`detect_scheme` tells which script or romanization a string is in.
"""

from __future__ import annotations

import csv
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ._data import Lazy, data_path
from .keys import name_key
from .normalize import check_text, clean, nfc, unify_punctuation

__all__ = ["Candidate", "detect_scheme", "to_cyrillic", "to_cyrillic_candidates"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a Latin name in Kazakh Cyrillic; ``score`` in 0–1, ``source`` how it was found."""

    text: str
    score: float
    source: str  # "lexicon" or "rules"


# Latin letter groups → (Cyrillic, cost). Lower case, apostrophes unified to "'".
_SEGMENTS: dict[str, tuple[tuple[str, float], ...]] = {
    "a": (("а", 0.0), ("ә", 2.5)),
    "ä": (("ә", 0.0),), "á": (("ә", 0.0),), "a'": (("ә", 0.0),), "ă": (("ә", 0.0),), "ə": (("ә", 0.0),),
    "b": (("б", 0.0),), "v": (("в", 0.0),), "w": (("у", 0.0),),
    "g": (("г", 0.0), ("ғ", 0.3)),
    "gh": (("ғ", 0.0), ("гһ", 4.0)), "ğ": (("ғ", 0.0),), "ǵ": (("ғ", 0.0),), "g'": (("ғ", 0.0),),
    "ġ": (("ғ", 0.0),), "ǧ": (("ғ", 0.0),),
    "d": (("д", 0.0),),
    "e": (("е", 0.0), ("э", 3.0)), "ė": (("э", 0.0),), "é": (("э", 0.3), ("е", 0.5)), "è": (("э", 0.0),),
    "ye": (("е", 0.3), ("йе", 2.0)), "yo": (("ё", 0.5), ("йо", 1.0)), "ë": (("ё", 0.0),),
    "yu": (("ю", 0.3), ("йұ", 2.0), ("йү", 2.0)), "iu": (("ю", 1.0), ("иу", 0.5)),
    "ya": (("я", 0.3), ("йа", 2.5)), "ia": (("я", 1.0), ("иа", 0.5)),
    "zh": (("ж", 0.0),), "j": (("ж", 0.0), ("й", 4.0)), "ž": (("ж", 0.0),),
    "dzh": (("ж", 0.0), ("дж", 1.5)), "dž": (("ж", 0.0),),
    "z": (("з", 0.0),),
    "i": (("і", 0.2), ("и", 0.5), ("й", 1.2), ("ы", 1.5)),
    "ı": (("ы", 0.3), ("і", 0.3), ("и", 1.0), ("й", 1.0)),
    "ī": (("и", 0.0), ("і", 0.6)), "ĭ": (("й", 0.0),), "ï": (("и", 0.0),), "ì": (("і", 0.0),),
    "i'": (("и", 0.3), ("й", 0.3)), "í": (("и", 0.5), ("і", 0.5)),
    "y": (("ы", 0.0), ("й", 0.4), ("и", 1.5)),
    "k": (("к", 0.0), ("қ", 0.3)), "q": (("қ", 0.0),), "ķ": (("қ", 0.0),),
    "kh": (("х", 0.0), ("қһ", 4.0)), "h": (("х", 0.3), ("һ", 1.2)), "x": (("х", 0.0),),
    "ḣ": (("һ", 0.0),), "ḥ": (("һ", 0.0),),
    "l": (("л", 0.0),), "m": (("м", 0.0),),
    "n": (("н", 0.0), ("ң", 2.5)), "ng": (("ң", 0.2), ("нг", 1.0)), "ñ": (("ң", 0.0),),
    "ń": (("ң", 0.0),), "ŋ": (("ң", 0.0),), "ņ": (("ң", 0.0),), "n'": (("ң", 0.0),),
    "o": (("о", 0.0), ("ө", 1.2)), "ö": (("ө", 0.0),), "ó": (("ө", 0.0),), "o'": (("ө", 0.0),),
    "ȯ": (("ө", 0.0),), "ô": (("ө", 0.0),),
    "p": (("п", 0.0),), "r": (("р", 0.0),), "s": (("с", 0.0),), "ss": (("с", 0.6), ("сс", 0.8)),
    "t": (("т", 0.0),), "f": (("ф", 0.0),),
    "u": (("у", 0.3), ("ұ", 0.3), ("ү", 0.7)), "ū": (("у", 0.4), ("ұ", 0.4)),
    "ü": (("ү", 0.0),), "ú": (("ү", 0.0),), "u'": (("ү", 0.0),), "ù": (("ү", 0.0),),
    "ý": (("у", 0.0), ("й", 1.5)), "y'": (("у", 0.0),),
    "sh": (("ш", 0.0), ("сһ", 5.0)), "ş": (("ш", 0.0),), "š": (("ш", 0.0),), "s'": (("ш", 0.0),),
    "shch": (("щ", 0.0), ("шш", 1.0)), "şç": (("щ", 0.0),), "şş": (("щ", 0.3), ("шш", 0.5)),
    "ŝ": (("щ", 0.0),),
    "ch": (("ч", 0.0),), "ç": (("ч", 0.0),), "č": (("ч", 0.0),), "c'": (("ч", 0.0),),
    "ts": (("ц", 1.0), ("тс", 0.4)), "c": (("ц", 0.5), ("с", 2.0)),
    "'": (("ь", 0.0), ("", 0.8)),
}  # fmt: skip
_MAXSEG = max(map(len, _SEGMENTS))
# Word endings read as one piece: the Kazakh patronymic suffixes.
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("uly", "ұлы"), ("ūly", "ұлы"), ("uli", "ұлы"), ("ulı", "ұлы"), ("ulu", "ұлы"),
    ("qyzy", "қызы"), ("kyzy", "қызы"), ("qızı", "қызы"), ("kizi", "қызы"),
)
# Combining marks left after NFC (ALA-LC ties, ISO 9 double acute…) are dropped.
_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0302\u0304\u0306\u0307\u0308\u030b\u030c\u0361\ufe20\ufe21·"))

LM_WEIGHT = 0.5  # weight of the character model against the letter costs
HARMONY_COST = 0.8  # a back vowel next to a front one
_BACK = set("аоұы")
_FRONT = set("әеөүі")
_VOWELS = set("аәеёиоөуұүыіэюя")
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*'?", re.UNICODE)


# ---------------------------------------------------------------------------
# Lexicon and character model


ORDER = 4  # characters of the model's n-grams
_WEIGHTS = (0.5, 0.3, 0.14, 0.05)  # interpolation, longest context first; the rest is a floor
_PAD = "^" * (ORDER - 1)


class _Model:
    """Kazakh names by key, and an interpolated character n-gram model trained on them."""

    def __init__(self, words: Iterable[str]) -> None:
        by_key: dict[str, Counter[str]] = defaultdict(Counter)
        grams: Counter[str] = Counter()  # every n-gram of length 1..ORDER
        contexts: Counter[str] = Counter()  # every context that precedes a letter
        for w in words:
            w = nfc(w.strip())
            if not _PURE_CYRILLIC.fullmatch(w):
                continue
            by_key[name_key(w)][w] += 1
            for token in re.findall(r"[^\W\d_]+", w.lower()):
                s = _PAD + token + "$"
                for i in range(ORDER - 1, len(s)):
                    for n in range(1, ORDER + 1):
                        grams[s[i - n + 1 : i + 1]] += 1
                        contexts[s[i - n + 1 : i]] += 1
        self.by_key = dict(by_key)
        # The same names by consonant skeleton and vowel count: Russian-style spellings lose
        # vowel qualities (Shubarkuduk for Шұбарқұдық, Zerenda for Зеренді), not consonants.
        self.by_skeleton: dict[str, list[str]] = defaultdict(list)  # skeleton -> keys
        for key in self.by_key:
            skeleton = _skeleton(key)
            if skeleton:
                self.by_skeleton[skeleton].append(key)
        self._grams, self._contexts = grams, contexts

    def cost(self, context: str, c: str) -> float:
        """-log P(c | the last ORDER-1 characters of ``context``), interpolated."""
        p = 0.01 / 50
        for n, weight in zip(range(ORDER, 0, -1), _WEIGHTS, strict=True):
            ctx = context[len(context) - n + 1 :] if n > 1 else ""
            total = self._contexts[ctx]
            if total:
                p += weight * self._grams[ctx + c] / total
        return -math.log(p)


_KEY_VOWELS = re.compile("[aeiou]+")


def _skeleton(key: str) -> str:
    """Consonants of a name key and its number of vowel groups; "" for short names."""
    consonants = _KEY_VOWELS.sub("", key)
    if len(consonants) < 3:
        return ""
    return f"{consonants}/{len(_KEY_VOWELS.findall(key))}"


def _near_known(model: _Model, key: str) -> Counter[str] | None:
    """Known names whose key differs from ``key`` in one vowel, not the first (Russian forms
    such as Шубаркудук for Шұбарқұдық, Зеренда for Зеренді); ``None`` unless exactly one fits."""
    vowels = _KEY_VOWELS.findall(key)
    fits = [
        k
        for k in model.by_skeleton.get(_skeleton(key), ())
        if (other := _KEY_VOWELS.findall(k))[:1] == vowels[:1]
        and sum(a != b for a, b in zip(other, vowels, strict=True)) <= 1
    ]
    return model.by_key[fits[0]] if len(fits) == 1 else None


_PURE_CYRILLIC = re.compile(r"[\u0400-\u04ff]+(?:[ -][\u0400-\u04ff]+)*")


def _lexicon_words() -> list[str]:
    """Kazakh Cyrillic names, an official name counted three times, an alternate once."""
    words: list[str] = []
    places = data_path("gazetteer", "places.tsv")
    if places.exists():
        with places.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row.get("name_kk"):
                    words.extend([row["name_kk"]] * 3)
                for alt in (row.get("alternatenames") or "").split("|"):
                    if any(c in alt for c in "әғқңөұүһіӘҒҚҢӨҰҮҺІ"):
                        words.append(alt)
    regions = data_path("gazetteer", "regions.tsv")
    if regions.exists():
        with regions.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                name = (row.get("name_kk") or "").replace(" облысы", "")
                if name:
                    words.append(name)
    given = data_path("names", "given_names.tsv")
    if given.exists():
        with given.open(encoding="utf-8", newline="") as f:
            words.extend(row["name_kk"] for row in csv.DictReader(f, delimiter="\t") if row.get("name_kk"))
    return words


_MODEL: Lazy[_Model] = Lazy(lambda: _Model(_lexicon_words()))


# ---------------------------------------------------------------------------
# The lattice


def _harmony(word: str) -> float:
    """Penalty for к/г beside back vowels and қ/ғ beside front ones (nearest vowel of the syllable)."""
    penalty = 0.0
    last_vowel = ""  # the nearest vowel before the current letter, in one linear pass
    for i, c in enumerate(word):
        if c in _VOWELS:
            last_vowel = c
            continue
        if c not in "кгқғ":
            continue
        nxt = word[i + 1] if i + 1 < len(word) else ""
        vowel = nxt if nxt in _VOWELS else last_vowel
        if not vowel:
            continue
        if (c in "қғ" and vowel in _FRONT) or (c in "кг" and vowel in _BACK):
            penalty += 2.5
    # Vowel harmony: a back vowel (а о ұ ы) next to a front one (ә е ө ү і) costs a little
    # (compounds such as Ақтөбе break harmony, so it is a preference, not a rule).
    prev = ""
    for c in word:
        if c in _BACK or c in _FRONT:
            if prev and (prev in _BACK) != (c in _BACK):
                penalty += HARMONY_COST
            prev = c
    return penalty


MAX_WORD = 48  # letters; a longer "word" is no name: it is read with a narrow beam


def _beam(word: str, model: _Model, width: int = 24) -> list[tuple[float, str]]:
    """Readings of one lower-case Latin word: (cost, cyrillic), best first.

    Linear in the length of the word (the beam is bounded); words longer than
    ``MAX_WORD`` letters get a beam of one.
    """
    n = len(word)
    if n > MAX_WORD:
        width = 1
    # beams[i]: list of (cost, text) having consumed word[:i]
    beams: list[list[tuple[float, str]]] = [[] for _ in range(n + 1)]
    beams[0] = [(0.0, "")]
    for i in range(n):
        if not beams[i]:
            continue
        beams[i] = heapq.nsmallest(width, beams[i])
        for length in range(min(_MAXSEG, n - i), 0, -1):
            seg = word[i : i + length]
            options = _SEGMENTS.get(seg)
            if options is None:
                if length == 1:
                    options = ((seg, 0.0),)  # unknown letter: kept
                else:
                    continue
            for cost, text in beams[i]:
                for cyr, c in options:
                    new = text + cyr
                    lm = 0.0
                    ctx = (_PAD + text)[-(ORDER - 1) :]
                    for ch in cyr:
                        lm += model.cost(ctx, ch)
                        ctx = ctx[1:] + ch
                    beams[i + length].append((cost + c + LM_WEIGHT * lm, new))
    finals = []
    for cost, text in beams[n]:
        ctx = (_PAD + text)[-(ORDER - 1) :]
        finals.append((cost + LM_WEIGHT * model.cost(ctx, "$") + _harmony(text), text))
    finals.sort()
    seen: set[str] = set()
    out = []
    for cost, text in finals:
        if text not in seen:
            seen.add(text)
            out.append((cost, text))
    return out


def _recase(source: str, target: str) -> str:
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return target.upper()
    if letters and letters[0].isupper():
        return target[:1].upper() + target[1:]
    return target


def _prepare(word: str) -> str:
    w = unify_punctuation(word).replace("İ", "i").lower()
    return nfc(w).translate(_MARKS)


@lru_cache(maxsize=50_000)
def _word_candidates(word: str, limit: int) -> tuple[Candidate, ...]:
    return _word_candidates_with(word, limit, _MODEL.get())


def _word_candidates_with(word: str, limit: int, model: _Model) -> tuple[Candidate, ...]:
    out: list[Candidate] = []
    key = name_key(word)
    known = model.by_key.get(key)
    # Only for a lossy spelling (plain ASCII without q or gh, as Russian-based styles write):
    # a spelling that keeps the Kazakh letters is read by the rules.
    lossy = word.isascii() and "q" not in word.lower() and "gh" not in word.lower()
    near_known = not known and lossy and " " not in word
    if near_known:
        known = _near_known(model, key)
    if known:
        total = sum(known.values())
        words = len(word.replace("-", " ").split())
        ranked = sorted(known.items(), key=lambda fc: (len(fc[0].replace("-", " ").split()) != words, -fc[1]))
        weight = 0.6 if near_known else 0.9  # a skeleton match is a guess, a key match is not
        for form, count in ranked[:limit]:
            out.append(Candidate(_recase(word, form.lower()), weight * count / total + 0.1, "lexicon"))
    prepared = _prepare(word)
    suffix = ""
    for ending, cyr in _ENDINGS:
        if prepared.endswith(ending) and len(prepared) > len(ending) + 2:
            prepared, suffix = prepared[: -len(ending)], cyr
            break
    readings = [(c, t + suffix) for c, t in _beam(prepared, model)]
    if readings:
        best = readings[0][0]
        weights = [math.exp(-(c - best)) for c, _ in readings[: limit * 2]]
        z = sum(weights)
        scale = 0.5 if out else 1.0
        seen = {c.text.lower() for c in out}
        for (_cost, text), w in zip(readings[: limit * 2], weights, strict=False):
            if text not in seen and len(out) < limit:
                seen.add(text)
                out.append(Candidate(_recase(word, text), scale * w / z, "rules"))
    return tuple(out[:limit])


def _split(text: str) -> list[tuple[str, bool]]:
    """Runs of Latin-word / other text."""
    parts: list[tuple[str, bool]] = []
    pos = 0
    for m in _LATIN_WORD.finditer(text):
        if m.start() > pos:
            parts.append((text[pos : m.start()], False))
        word = m.group()
        is_latin = any("a" <= c.lower() <= "z" or c in "äöüıñşğūéóáúńǵýėīĭïìȯôŋ" for c in word)
        parts.append((word, is_latin))
        pos = m.end()
    if pos < len(text):
        parts.append((text[pos:], False))
    return parts


def to_cyrillic_candidates(text: str, limit: int = 5) -> list[Candidate]:
    """Ranked Kazakh Cyrillic readings of a Latin name in any romanization.

    >>> [c.text for c in to_cyrillic_candidates("Taldykorgan", limit=1)]
    ['Талдықорған']
    """
    return _candidates(text, limit, None)


def _candidates(text: str, limit: int, model: _Model | None) -> list[Candidate]:
    """Candidates with the library's model (``None``) or another one (held-out evaluation)."""
    s = clean(check_text(text))
    if not s.isascii():
        # Marks that did not compose (BGN/ICU ī̆, ALA-LC ties) and primes as apostrophes.
        s = unify_punctuation(s).replace("ʹ", "'").replace("ʺ", "")
        s = s.replace("ī\u0306", "ĭ").replace("Ī\u0306", "Ĭ").translate(_MARKS)  # ICU's й
    if not s.strip():
        return []
    held_out = model

    def read(word: str) -> tuple[Candidate, ...]:
        if held_out is None:
            return _word_candidates(word, limit)  # memoized, with the library's model
        return _word_candidates_with(word, limit, held_out)

    model = model or _MODEL.get()
    whole = model.by_key.get(name_key(s)) if " " in s.strip() else None
    if whole:
        total = sum(whole.values())
        return [Candidate(form, count / total, "lexicon") for form, count in whole.most_common(limit)]
    parts = _split(s)
    per_word = [(read(p) if latin else ()) for p, latin in parts]
    best = "".join(c[0].text if c else p for (p, _), c in zip(parts, per_word, strict=True))
    score = math.prod(c[0].score for c in per_word if c) if any(per_word) else 1.0
    source = "lexicon" if all(c[0].source == "lexicon" for c in per_word if c) else "rules"
    results = [Candidate(best, score, source)]
    # Alternatives: one word at a time swapped for its next reading.
    alts: list[Candidate] = []
    for i, cands in enumerate(per_word):
        for alt in cands[1:]:
            texts = [c[0].text if c else p for (p, _), c in zip(parts, per_word, strict=True)]
            texts[i] = alt.text
            alts.append(Candidate("".join(texts), score * alt.score / max(cands[0].score, 1e-9), alt.source))
    alts.sort(key=lambda c: -c.score)
    seen = {best}
    for a in alts:
        if a.text not in seen and len(results) < limit:
            seen.add(a.text)
            results.append(a)
    return results


def to_cyrillic(text: str, scheme: str | None = None) -> str:
    """Latin → Kazakh Cyrillic. With a scheme, its reverse rules; with ``None``, any romanization.

    >>> to_cyrillic("Tokayev")
    'Тоқаев'
    >>> to_cyrillic("Qyzylorda")
    'Қызылорда'
    """
    if scheme is not None:
        from .translit import reverse_with_scheme

        return reverse_with_scheme(text, scheme)
    cands = to_cyrillic_candidates(text, limit=1)
    return cands[0].text if cands else clean(check_text(text))


# ---------------------------------------------------------------------------
# Detection

_KK_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_DIGRAPHS = re.compile(r"gh|zh|sh|kh|ng|ch")
_FEATURES: tuple[tuple[str, str], ...] = (
    ("ala_lc", r"[ăȯḣĭ]|u\u0307|\u0361|\ufe20"),
    ("iso9", r"[ķņġžšŝčìùèôûâḥ]|a\u030b"),
    ("latin2018", r"[áǵńóúý]"),
    ("latin2017", r"[agnousci]'"),
    ("qazaqparat", r"[ïç]|ş[çş]|w"),
    ("latin2021", r"[ñğşıİ]"),
    ("bgn_pcgn", r"[īė]"),
)


def detect_scheme(text: str) -> str | None:
    """Which script or system a string is in; ``None`` when it holds no Cyrillic or Latin letter.

    Cyrillic with a Kazakh letter is ``"kk_cyrillic"``, other Cyrillic ``"ru_cyrillic"``.
    For Latin, the letters that only one scheme uses decide (ñ ğ ş ū ı → ``latin2021``,
    á ǵ ń ó ú ý → ``latin2018``, apostrophe letters → ``latin2017``, ä ö ü ū ī with
    digraphs → ``bgn_pcgn`` …); plain ASCII with ``q`` or ``gh`` is ``"rferl"``, other
    ASCII ``"conventional"``. Plain ASCII can be several schemes at once: the most
    likely one is returned.

    >>> detect_scheme("Қызылорда"), detect_scheme("Кызылорда")
    ('kk_cyrillic', 'ru_cyrillic')
    >>> detect_scheme("Mañğystau"), detect_scheme("Mangghystaū"), detect_scheme("Manghystau")
    ('latin2021', 'bgn_pcgn', 'rferl')
    >>> detect_scheme("Mangystau"), detect_scheme("12345")
    ('conventional', None)
    """
    s = clean(check_text(text))
    if _CYRILLIC.search(s):
        return "kk_cyrillic" if any(c in _KK_LETTERS for c in s) else "ru_cyrillic"
    low = unify_punctuation(nfc(s)).lower()
    if not any(c.isalpha() for c in low):
        return None
    nfd = _nfd(low)
    for sid, pattern in _FEATURES:
        if re.search(pattern, low) or re.search(pattern, nfd):
            return sid
    if not low.isascii():
        if re.search(r"[äöüū]", low):
            return "bgn_pcgn" if _DIGRAPHS.search(low) else "latin2021"
        return None
    if "q" in low or "gh" in low:
        return "rferl"
    return "conventional"


def _nfd(s: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", s)
