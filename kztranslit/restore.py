"""Latin back to Kazakh Cyrillic from any romanization, and scheme detection.

A Kazakh text writes a Kazakh name in Kazakh spelling (Қапшағай, Қашар) and a
Russian-origin name in Russian spelling (Усть-Каменогорск, Актюбинск, Воронцовка).
:func:`to_cyrillic` restores each word in its own orthography:

1. **Lexicon.** The gazetteer's names (Kazakh, Russian and former names of every
   place and region, through :func:`kztranslit.gazetteer.gazetteer`), the given
   names of ``data/names/``, the common words of official names
   (``data/words/place_words.tsv``: Республикасы, облысы, ауданы…) and the
   country's own name. A word (or the whole phrase) whose
   :func:`~kztranslit.name_key` is the key of a known name takes the gazetteer's
   spelling: the Kazakh form for a Kazakh name, also when the input spells its
   Russian adaptation (Kachar, Kapchagay → Қашар, Қапшағай: the gazetteer holds
   Качар and Капчагай as the same names); the Russian spelling for a Russian
   name that is not a form of the Kazakh one (Aktyubinsk → Актюбинск). A name the
   gazetteer holds never restores differently from what the gazetteer says.
2. **Rules, in two orthographies.** Otherwise the word is read twice, each time
   with a lattice of the Cyrillic letters every Latin letter group can stand for,
   searched with a beam and scored by a character model of names:

   - as a *Kazakh* word: ``k`` → к or қ, ``g`` → г or ғ, ``o`` → о or ө,
     ``ch`` → ч or ш (the Russian adaptation of ш: Kapchagay) …, with a model of
     the Kazakh-origin names and vowel harmony (қ ғ beside back vowels, к г
     beside front ones);
   - as a *Russian* word: ``ts`` → ц, ``yo`` → ё, ``ya`` → я, a soft sign where
     the spelling dropped it (Ust → Усть), ``y`` → ы or й …, with a model of the
     Russian-origin names;

   and the cheaper reading wins, a Russian ending (-овка, -ск, -ское, -ино, -ый…)
   counting for the Russian one and any letter only Kazakh is written with
   (q, ğ, ä, ö, ü, ı, ñ…) ruling it out.

With a ``scheme``, :func:`to_cyrillic` reads the scheme's own reverse rules, then
puts back what a lossy scheme drops for Russian-origin words (latin2021 writes
ц as ts, drops ь and ъ, writes ё as io, э as e, й as i): the lexicon by the
scheme's spelling of each known name, else the Russian reading among the
Cyrillic spellings the scheme writes the same way.

:func:`to_cyrillic_candidates` returns the ranked readings with scores: both
orthographies where they are close. :func:`detect_scheme` tells which script or
romanization a string is in, from the letters and markers each scheme file
declares.
"""

from __future__ import annotations

import csv
import heapq
import math
import operator
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ._data import Lazy, collector_paused, data_path
from .gazetteer import COUNTRY_NAMES, Derived, Place
from .keys import name_key
from .normalize import (
    A_TO_Z,
    KAZAKH_LETTERS,
    check_text,
    clean,
    nfc,
    russian_style,
    turkic_lower,
    unify_punctuation,
)
from .schemes import get_scheme
from .translit import reverse_with_scheme, transliterate

__all__ = ["Candidate", "detect_scheme", "name_origin", "to_cyrillic", "to_cyrillic_candidates"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a Latin name in Cyrillic; ``score`` in 0–1, ``source`` how it was found.

    ``source`` is ``"lexicon"`` (a known name) or ``"rules"``; ``origin`` is ``"kk"`` for a
    reading in Kazakh spelling, ``"ru"`` for a Russian-origin word in Russian spelling.
    """

    text: str
    score: float
    source: str  # "lexicon" or "rules"
    origin: str = "kk"


# ---------------------------------------------------------------------------
# Orthography: is a Cyrillic name Kazakh or Russian-origin?

_KK_SET = frozenset(KAZAKH_LETTERS)
# Letters native Kazakh words do not have: a Cyrillic word with one of them and no Kazakh
# letter is Russian-origin (Воронцовка, Коваль, Приозёрный).
_RU_LETTERS = frozenset("ёцчщъьэЁЦЧЩЪЬЭ")
# Russian word formation of place names: endings and first elements. Not -ов/-ев/-ин: Kazakh
# surnames take them too (Тоқаев, Әуезов). First the endings no Kazakh name has: adjectives
# in -ск-/-цк-, -овка, -ск, -поль, -град.
_RU_FORMATION_ENDINGS = r"[сц]кий|[сц]кая|[сц]кое|[сц]кие|овка|евка|ёвка|ск|поль|град|горск"
_RU_FORMATION = re.compile(f"(?:{_RU_FORMATION_ENDINGS})$")
# Russian endings, those and the weaker ones a Kazakh name may share (-ой, -ка, -ино).
_RU_ENDING = re.compile(
    f"(?:{_RU_FORMATION_ENDINGS}|"
    r"инка|ановка|ово|ево|ёво|ино|ыно|цк|ое|ее|ый|ий|ой|ая|яя|ые|ие|ка|ки|город|ец)$"
)
_RU_START = re.compile(
    r"^(?:усть|ново|старо|красно|верхне|нижне|больше|мало|средне|бело|черно|зелено|"
    r"камен|петро|ворошило|никол|алекс|михайл|иван|павл|андре|дмитр|сем[её]н|федор|серге)"
)
_CYR_WORD = re.compile(r"[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*")
_PURE_CYRILLIC = re.compile(r"[\u0400-\u04ff]+(?:[ -][\u0400-\u04ff]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _word_origin(word: str) -> Literal["kk", "ru", ""]:
    """ "kk", "ru", or "" when one word alone does not tell (Алматы, Тараз)."""
    w = word.lower()
    if any(c in _KK_SET for c in w):
        return "kk"
    if any(c in _RU_LETTERS for c in w):
        return "ru"
    if len(w) >= 4 and (_RU_ENDING.search(w) or _RU_START.match(w)):
        return "ru"
    return ""


def name_origin(name: str) -> Literal["kk", "ru"]:
    """Whether a Cyrillic name is written in Kazakh spelling or is a Russian-origin name.

    A name with a Kazakh letter (ә ғ қ ң ө ұ ү һ і) is Kazakh; one with a letter native
    Kazakh words lack (ё ц ч щ ъ ь э) or a Russian ending or first element (-овка, -ск,
    -ское, -ино, Усть-, Ново-) is Russian-origin; any other is Kazakh (Алматы, Тараз).

    >>> name_origin("Қапшағай"), name_origin("Усть-Каменогорск"), name_origin("Воронцовка")
    ('kk', 'ru', 'ru')
    >>> name_origin("Алматы"), name_origin("Горько-Солёное Көлі")
    ('kk', 'kk')
    """
    found = {_word_origin(w) for w in _CYR_WORD.findall(check_text(name, name="name"))}
    if "kk" in found:
        return "kk"
    return "ru" if "ru" in found else "kk"


def _skeleton_key(key: str) -> str:
    """Consonants of a name key, ч and ш as one (Russian writes Kazakh ш as ч: Качар = Қашар),
    х and к/қ as one (Шахан for Шақан, Кантаги for Хантағы)."""
    return _KEY_VOWELS.sub("", key.replace("č", "š").replace("ts", "s").replace("x", "k"))


def _same_name(kazakh: str, russian: str) -> bool:
    """Whether a Russian-spelled name is the Kazakh name adapted (Качар for Қашар, Эмба for
    Ембі, Капчагай for Қапшағай), not another name (Актюбинск for Ақтөбе)."""
    a, b = name_key(kazakh), name_key(russian)
    if a == b:
        return True
    sa, sb = _skeleton_key(a), _skeleton_key(b)
    if not sa or sa != sb:
        return False
    # the same consonants; the vowels may differ (ө/ү/ұ → о/у, -ы/-і dropped or changed) but
    # not their number, except one final vowel (Ембі / Эмба keeps it, Шортанды / Шортанды)
    va, vb = _KEY_VOWELS.findall(a), _KEY_VOWELS.findall(b)
    return abs(len(va) - len(vb)) <= 1


# ---------------------------------------------------------------------------
# Character model

ORDER = 4  # characters of the model's n-grams
_WEIGHTS = (0.5, 0.3, 0.14, 0.05)  # interpolation, longest context first; the rest is a floor
_FLOOR = 0.01 / 50
_PAD = "^" * (ORDER - 1)
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class _CharModel:
    """An interpolated character n-gram model of words (lower case, hyphen kept)."""

    def __init__(self, words: Iterable[str]) -> None:
        seqs = Counter(_PAD + t + "$" for w in words for t in _TOKEN.findall(w.lower()))
        grams: Counter[str] = Counter()
        for s, count in seqs.items():  # names repeat (namesakes): each one's n-grams made once
            of_s = [s[i - n + 1 : i + 1] for i in range(ORDER - 1, len(s)) for n in range(1, ORDER + 1)]
            for _ in range(count):
                grams.update(of_s)
        contexts: Counter[str] = Counter()
        for gram, count in grams.items():
            contexts[gram[:-1]] += count
        self._grams, self._contexts = grams, contexts
        self._cache: dict[str, float] = {}
        self.size = seqs.total()

    def cost(self, context: str, c: str) -> float:
        """-log P(c | the last ORDER-1 characters of ``context``), interpolated."""
        ctx = context[len(context) - ORDER + 1 :] if len(context) >= ORDER - 1 else context
        key = ctx + "\x00" + c
        found = self._cache.get(key)
        if found is not None:
            return found
        p = _FLOOR
        for n, weight in zip(range(ORDER, 0, -1), _WEIGHTS, strict=True):
            sub = ctx[len(ctx) - n + 1 :] if n > 1 else ""
            total = self._contexts.get(sub)
            if total:
                p += weight * self._grams.get(sub + c, 0) / total
        value = -math.log(p)
        if len(self._cache) < 500_000:
            self._cache[key] = value
        return value

    def score(self, word: str) -> float:
        """-log P(word), end of word included."""
        ctx, total = _PAD, 0.0
        for c in word.lower() + "$":
            total += self.cost(ctx, c)
            ctx = (ctx + c)[-(ORDER - 1) :]
        return total


# ---------------------------------------------------------------------------
# Lexicon


_KEY_VOWELS = re.compile("[aeiou]+")


def _skeleton(key: str) -> str:
    """Consonants of a name key and its number of vowel groups; "" for short names."""
    consonants = _KEY_VOWELS.sub("", key)
    if len(consonants) < 3:
        return ""
    return f"{consonants}/{len(_KEY_VOWELS.findall(key))}"


def _rows(*parts: str) -> list[dict[str, str]]:
    path = data_path(*parts)
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _name_rows() -> list[dict[str, str]]:
    """Rows of every name list in ``data/names/`` that has a ``name_kk`` column (given names,
    surnames), read once."""
    rows: list[dict[str, str]] = []
    folder = data_path("names")
    for path in sorted(folder.glob("*.tsv")) if folder.is_dir() else []:
        for row in _rows("names", path.name):
            if row.get("name_kk"):
                rows.append(row)
    return rows


def _words(text: str) -> list[str]:
    return _CYR_WORD.findall(text)


@dataclass(frozen=True, slots=True)
class _Source:
    """One place's names as the lexicon needs them (a gazetteer ``Place`` or a test record)."""

    kazakh: tuple[tuple[str, int], ...]  # Kazakh forms with weights (official name first)
    russian: tuple[str, ...]  # Russian forms: the Russian name, Russian former names
    derived: str | None = None  # a Kazakh name the gazetteer build derived (no source gave one)


#: Whether the gazetteer's derived Kazakh names (``Place.name_kk_derived``) join the lexicon.
#: The gazetteer build turns it off, so that it derives names from sourced names only and
#: regenerates the same file whatever the previous build derived.
DERIVED_NAMES_IN_LEXICON = True


#: The lexicon's weight of a place's own Kazakh name (a former name counts 2, an alternate 1).
OWN_NAME_WEIGHT = 3


def _source(place: Place) -> _Source:
    kazakh: list[tuple[str, int]] = []
    derived = None
    if place.name_kk and not place.name_kk_derived:
        kazakh.append((place.name_kk, OWN_NAME_WEIGHT))
    elif place.name_kk and DERIVED_NAMES_IN_LEXICON:
        derived = place.name_kk
    for f in place.former_names:
        if f.lang == "kk":
            kazakh.append((f.name, 2))
    for alt in place.alternate_names if not place.name_kk_derived else ():  # derived forms stay out
        if any(c in _KK_SET for c in alt) and _PURE_CYRILLIC.fullmatch(alt):
            kazakh.append((alt, 1))
    russian = [place.name_ru] if place.name_ru else []
    russian += [f.name for f in place.former_names if f.lang == "ru"]
    return _Source(tuple(kazakh), tuple(russian), derived)


class _Model:
    """The lexicon and the two character models, built from places, names and words."""

    def __init__(self, sources: Iterable[_Source], names: Iterable[Mapping[str, str]] = ()) -> None:
        self.names: dict[str, dict[str, int]] = defaultdict(Counter)  # key → spellings (phrases)
        self.words: dict[str, dict[str, int]] = defaultdict(Counter)  # key → spellings (words)
        self.origin: dict[str, str] = {}  # spelling → "kk" or "ru"
        self.own: set[str] = set()  # the places' own Kazakh names (not former, not alternate)
        kk_text: list[str] = []
        ru_text: list[str] = []

        def add(key_text: str, target: str, weight: int) -> None:
            if not _PURE_CYRILLIC.fullmatch(target):
                return
            key = name_key(key_text)
            if not key:
                return
            table = self.names if " " in target.strip() else self.words
            table[key][target] += weight
            if target not in self.origin:
                self.origin[target] = name_origin(target)
                words = _words(target)
                for w in words:
                    if " " in target:  # every word of a phrase is a word of the lexicon too
                        self.words[name_key(w)][w] += 1
                origin = self.origin[target]
                for w in words:
                    word_origin = _word_origin(w) or origin
                    if word_origin == "ru":
                        ru_text.append(w)
                    elif word_origin == "kk" and any(c in _KK_SET for c in target):
                        # a Kazakh name without a Kazakh letter may be a Russian spelling the
                        # source took for Kazakh (Аккудук for Аққұдық): not a model of Kazakh
                        kk_text.append(w)

        fallback: list[tuple[str, str]] = []  # (Russian or derived spelling, derived Kazakh name)
        for src in sources:
            if src.derived is not None:
                form = nfc(src.derived.strip())
                fallback += [(form, form), *((nfc(r.strip()), form) for r in src.russian)]
                continue
            for form, weight in src.kazakh:
                form = nfc(form.strip())
                add(form, form, weight)
                if weight == OWN_NAME_WEIGHT:
                    self.own.add(form)
            for ru in src.russian:
                ru = nfc(ru.strip())
                target = next((k for k, _ in src.kazakh if _same_name(k, ru)), ru)
                add(ru, nfc(target.strip()), 1)
        for row in names:
            kk = nfc(row["name_kk"].strip())
            add(kk, kk, 2)
            ru = nfc((row.get("name_ru") or "").strip())
            if ru and ru != kk:
                add(ru, kk if _same_name(kk, ru) else ru, 1)
            for variant in (row.get("variants") or "").split(";"):  # Джамбул for Жамбыл
                variant = nfc(variant.strip())
                if variant and _CYRILLIC.search(variant) and _same_name(kk, variant):
                    add(variant, kk, 1)
        for row in _rows("words", "place_words.tsv"):
            add(row["name_kk"], row["name_kk"], 2)
            if row.get("name_ru"):
                add(row["name_ru"], row["name_ru"], 1)
        for row in _rows("words", "russian_words.tsv"):
            word = nfc(row["name_ru"])
            add(word, word, 1)
            self.origin[word] = "ru"
        self._add_country()
        # A derived Kazakh name (the build's rules, no source) counts only for a name no source
        # spells: the weakest evidence, never outvoting a sourced name by number.
        for spelling, form in fallback:
            key = name_key(spelling)
            if key and key not in self.words and key not in self.names:
                add(spelling, form, 1)
        # The counts as plain dicts from here on: the garbage collector walks every Counter (a
        # dict subclass) at each full collection, 111,000 of them, and leaves a dict of strings
        # and numbers alone.
        self.names = {k: dict(v) for k, v in self.names.items()}
        self.words = {k: dict(v) for k, v in self.words.items()}
        # Lossy spellings meet known Kazakh words by consonant skeleton and vowel count.
        self.by_skeleton: dict[str, list[str]] = defaultdict(list)
        for key, forms in self.words.items():
            skeleton = _skeleton(key)
            if skeleton and any(self.origin.get(f) == "kk" for f in forms):
                self.by_skeleton[skeleton].append(key)
        self.known_spellings = frozenset(f.lower() for f in self.origin)  # as the rules write them
        self.kk = _CharModel(kk_text)
        self.ru = _CharModel(ru_text)
        self._schemes: dict[str, dict[str, dict[str, int]]] = {}
        self._lock = threading.Lock()

    def _add_country(self) -> None:
        kazakh = next(n for n in COUNTRY_NAMES if any(c in _KK_SET for c in n))
        for name in COUNTRY_NAMES:
            self.words[name_key(name)][kazakh] += 5
        self.origin[kazakh] = "kk"

    def scheme_forms(self, scheme: str) -> dict[str, dict[str, int]]:
        """Every known spelling by the way ``scheme`` writes it (lower case), built on first use."""
        found = self._schemes.get(scheme)
        if found is not None:
            return found
        fold = turkic_lower if get_scheme(scheme).case == "turkic" else str.lower
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for index in (self.words, self.names):
            for forms in index.values():
                for form, count in forms.items():
                    table[fold(unify_punctuation(transliterate(form, scheme)))][form] += count
        with self._lock:
            return self._schemes.setdefault(scheme, {k: dict(v) for k, v in table.items()})


def _most_common(counts: Mapping[str, int], n: int) -> list[tuple[str, int]]:
    """The ``n`` spellings counted most, as ``Counter.most_common`` gives them (ties in order)."""
    return heapq.nlargest(n, counts.items(), key=operator.itemgetter(1))


def _build(places: Iterable[Place]) -> _Model:
    return _Model((_source(p) for p in places), _name_rows())


# Built from the gazetteer on first use, and again after the gazetteer is reset or reloaded.
_DERIVED: Derived[_Model] = Derived(lambda gaz: _build(gaz.places.values()))


# ---------------------------------------------------------------------------
# Reading a Latin word: the two lattices

Options = tuple[tuple[str, float], ...]

# Latin letter groups → (Kazakh Cyrillic, cost). Lower case, apostrophes unified to "'".
_SEGMENTS: dict[str, Options] = {
    "a": (("а", 0.0), ("ә", 3.0)),
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
    "y": (("ы", 0.0), ("й", 0.4), ("і", 1.5), ("и", 1.5)),
    "k": (("к", 0.0), ("қ", 0.3)), "q": (("қ", 0.0),), "ķ": (("қ", 0.0),),
    "kh": (("х", 0.0), ("қ", 2.5), ("қһ", 4.0)), "h": (("х", 0.3), ("һ", 1.2)), "x": (("х", 0.0),),
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
    "ch": (("ч", 0.0), ("ш", 1.0)), "ç": (("ч", 0.0),), "č": (("ч", 0.0),), "c'": (("ч", 0.0),),
    "ts": (("ц", 1.0), ("тс", 0.4)), "c": (("ц", 0.5), ("с", 2.0)),
    "'": (("ь", 0.0), ("", 0.8)), "-": (("-", 0.0),),
}  # fmt: skip

# Latin letter groups → (Russian Cyrillic, cost): how the Russian romanizations write Russian.
_RU_SEGMENTS: dict[str, Options] = {
    "a": (("а", 0.0),), "b": (("б", 0.0),), "v": (("в", 0.0),), "w": (("в", 0.5),),
    "g": (("г", 0.0),), "d": (("д", 0.0),),
    "e": (("е", 0.0), ("э", 2.0), ("ье", 2.0)), "ė": (("э", 0.0),), "é": (("э", 0.0),), "è": (("э", 0.0),),
    "ye": (("е", 0.3), ("ье", 1.0), ("ые", 2.5), ("ие", 2.5)),
    "yo": (("ё", 0.3), ("ьо", 2.0), ("йо", 1.5)), "ë": (("ё", 0.0),), "io": (("ё", 1.0), ("ио", 0.5)),
    "yë": (("ё", 0.0),), "jo": (("ё", 0.3),),
    "zh": (("ж", 0.0),), "ž": (("ж", 0.0),), "j": (("ж", 0.5), ("й", 1.0)), "dzh": (("дж", 0.0),),
    "z": (("з", 0.0),),
    "i": (("и", 0.0), ("й", 0.8), ("ь", 2.5), ("ы", 2.0)), "ī": (("и", 0.0),), "ï": (("и", 0.0),),
    "í": (("и", 0.0),), "ı": (("ы", 0.5), ("и", 0.5)), "ĭ": (("й", 0.0),),
    "y": (("ы", 0.0), ("й", 0.3), ("ь", 2.0), ("и", 2.0)), "ý": (("й", 0.5), ("у", 1.0)),
    "k": (("к", 0.0),), "kh": (("х", 0.0),), "h": (("х", 0.0),), "x": (("х", 0.0), ("кс", 1.0)),
    "l": (("л", 0.0), ("ль", 3.5)), "m": (("м", 0.0),), "n": (("н", 0.0), ("нь", 3.5)),
    "o": (("о", 0.0),), "p": (("п", 0.0),), "r": (("р", 0.0), ("рь", 3.5)),
    "s": (("с", 0.0), ("сь", 3.0)), "ss": (("сс", 0.3), ("с", 1.0)),
    "t": (("т", 0.0), ("ть", 3.0)), "u": (("у", 0.0),), "ū": (("у", 0.0),), "f": (("ф", 0.0),),
    "ts": (("ц", 0.0), ("тс", 0.8)), "c": (("ц", 0.3), ("к", 1.5), ("с", 1.5)), "cz": (("ц", 0.0),),
    "ch": (("ч", 0.0),), "č": (("ч", 0.0),), "ç": (("ч", 0.0),),
    "sh": (("ш", 0.0),), "š": (("ш", 0.0),), "ş": (("ш", 0.0),),
    "shch": (("щ", 0.0), ("шч", 2.0)), "sch": (("щ", 0.5),), "shh": (("щ", 0.0),), "ŝ": (("щ", 0.0),),
    "şş": (("щ", 0.0),),
    "yu": (("ю", 0.0), ("ью", 1.0)), "iu": (("ю", 0.5), ("ью", 1.5), ("иу", 1.0)), "ju": (("ю", 0.3),),
    "ya": (("я", 0.0), ("ья", 1.0), ("ыя", 3.0)), "ia": (("я", 0.5), ("ья", 1.5), ("ия", 0.8)),
    "ja": (("я", 0.3),),
    "'": (("ь", 0.0), ("ъ", 2.0), ("", 1.0)), '"': (("ъ", 0.0),), "-": (("-", 0.0),),
}  # fmt: skip

# Word endings read as one piece: the Kazakh patronymic suffixes.
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("uly", "ұлы"), ("ūly", "ұлы"), ("uli", "ұлы"), ("ulı", "ұлы"), ("ulu", "ұлы"),
    ("qyzy", "қызы"), ("kyzy", "қызы"), ("qızı", "қызы"), ("kizi", "қызы"),
)  # fmt: skip
# Combining marks left after NFC (ALA-LC ties, ISO 9 double acute…) are dropped.
_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0302\u0304\u0306\u0307\u0308\u030b\u030c\u0361\ufe20\ufe21·"))
# Letters only Kazakh is written with, in any romanization: a word with one is Kazakh.
_KAZAKH_MARKED = re.compile(r"[qäğñöüıəáǵńóúķņġ]|gh|a'|g'|n'|o'|u'")

LM_WEIGHT = 0.5  # weight of the character model against the letter costs
HARMONY_COST = 0.8  # a back vowel next to a front one
HIATUS_COST = 2.0  # ы or і right after another vowel (у aside: ауыл, тауы)
_HIATUS = frozenset("аәеоөұүыіэ")
RUSSIAN_PRIOR = 2.0  # a word is read as Kazakh unless the Russian reading is this much cheaper
KNOWN_SPELLING_BONUS = 1.0  # a rule reading that spells a name of the lexicon (by another key)
_NO_SIGNS = dict.fromkeys(map(ord, "ьъ"))
RUSSIAN_FORM_BONUS = 3.0  # a Russian ending or first element (-овка, -ск, Усть-) in the reading
_BACK = frozenset("аоұы")
_FRONT = frozenset("әеөүі")
_VOWELS = frozenset("аәеёиоөуұүыіэюя")
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:(?:['’ʼ]-?|-)[^\W\d_]+)*['’ʼ]?", re.UNICODE)  # Bel'-Agach
_LATIN_WORD_SPLIT = re.compile(f"({_LATIN_WORD.pattern})")
# A letter that makes a word Latin: what lower-cases into a–z, and the romanizations'
# letters with marks.
_LATIN_LETTER = re.compile(f"[{A_TO_Z}äöüıñşğūéóáúńǵýėīĭïìȯôŋ]")


def _harmony(word: str) -> float:
    """Penalty for к/г beside back vowels and қ/ғ beside front ones, and for vowel disharmony.

    One linear pass per hyphen-separated part.
    """
    penalty = 0.0
    for part in word.split("-"):
        last_vowel = ""  # the nearest vowel before the current letter
        prev = ""  # the last back or front vowel
        for i, c in enumerate(part):
            if c in _VOWELS:
                if c in "ыі" and i and part[i - 1] in _HIATUS:
                    penalty += HIATUS_COST  # а + ы: Kazakh writes a glide between (Аягөз, Бурабай)
                last_vowel = c
                if c in _BACK or c in _FRONT:
                    # a back vowel (а о ұ ы) next to a front one (ә е ө ү і) costs a little:
                    # compounds such as Ақтөбе break harmony, so it is a preference
                    if prev and (prev in _BACK) != (c in _BACK):
                        penalty += HARMONY_COST
                    prev = c
                continue
            if c not in "кгқғ":
                continue
            nxt = part[i + 1] if i + 1 < len(part) else ""
            vowel = nxt if nxt in _VOWELS else last_vowel
            if vowel and ((c in "қғ" and vowel in _FRONT) or (c in "кг" and vowel in _BACK)):
                penalty += 2.5
    return penalty


MAX_WORD = 48  # letters; a longer "word" is no name: it is read letter group by letter group


def _beam(
    word: str, segments: Mapping[str, Options], model: _CharModel, *, kazakh: bool, width: int = 24
) -> list[tuple[float, str]]:
    """Readings of one lower-case Latin word of at most ``MAX_WORD`` letters: (cost, text), best
    first. Positions behind the longest letter group are dropped as the search moves on."""
    n = len(word)
    maxseg = _MAXSEG[id(segments)]
    beams: dict[int, list[tuple[float, str]]] = {0: [(0.0, "")]}
    for i in range(n):
        here = beams.pop(i, None)
        if not here:
            continue
        here = heapq.nsmallest(width, here)
        for length in range(min(maxseg, n - i), 0, -1):
            seg = word[i : i + length]
            options = segments.get(seg)
            if options is None:
                if length > 1:
                    continue
                options = ((seg, 0.0),)  # unknown letter: kept
            bucket = beams.setdefault(i + length, [])
            for cost, text in here:
                ctx = (_PAD + text)[-(ORDER - 1) :]
                for cyr, c in options:
                    lm = 0.0
                    cx = ctx
                    for ch in cyr:
                        lm += model.cost(cx, ch)
                        cx = cx[1:] + ch
                    bucket.append((cost + c + LM_WEIGHT * lm, text + cyr))
    finals = []
    for cost, text in beams.get(n, []):
        final = cost + LM_WEIGHT * model.cost((_PAD + text)[-(ORDER - 1) :], "$")
        finals.append((final + (_harmony(text) if kazakh else 0.0), text))
    finals.sort()
    seen: set[str] = set()
    out = []
    for cost, text in finals:
        if text not in seen:
            seen.add(text)
            out.append((cost, text))
    return out


_MAXSEG = {id(_SEGMENTS): max(map(len, _SEGMENTS)), id(_RU_SEGMENTS): max(map(len, _RU_SEGMENTS))}
_GROUPS = re.compile("|".join(re.escape(s) for s in sorted(_SEGMENTS, key=len, reverse=True) if len(s) > 1))
_FIRST = {seg: options[0][0] for seg, options in _SEGMENTS.items()}
_LETTERS = str.maketrans({seg: out for seg, out in _FIRST.items() if len(seg) == 1})


def _greedy(word: str) -> str:
    """A long run of letters read in one linear pass: each letter group's first reading (the
    groups of two or more letters first, leftmost-longest, then single letters by table)."""
    return _GROUPS.sub(lambda m: _FIRST[m.group()], word).translate(_LETTERS)


def _recase(source: str, target: str) -> str:
    """``target`` in the case of ``source``: ALL CAPS, or each word's first letter as the source
    has it (Ust-Kamenogorsk → Усть-Каменогорск, Buqar jyrau → Бұқар жырау)."""
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return target.upper()
    src_parts = re.split(r"([ -])", source.strip())
    out_parts = re.split(r"([ -])", target.strip())
    if len(src_parts) != len(out_parts):
        src_parts, out_parts = [source], [target]
    out = []
    for s, o in zip(src_parts, out_parts, strict=True):
        first = next((c for c in s if c.isalpha()), "")
        if first.isupper():
            o = o[:1].upper() + o[1:]
        elif first.islower() and o[1:].islower():
            o = o[:1].lower() + o[1:]
        out.append(o)
    return "".join(out)


# Letters only Kazakh is written with, in the romanizations that keep them, and the Kazakh
# letter each stands for: a known spelling must have as many of that letter as the input has.
_MARK_LETTERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"q|ķ"), "қ"),
    (re.compile(r"gh|ğ|ǵ|ġ|ǧ|g'"), "ғ"),
    (re.compile(r"ä|á|ə|a'"), "ә"),
    (re.compile(r"ö|ó|ȯ|o'"), "ө"),
    (re.compile(r"ü|ú|ù|u'"), "ү"),
    (re.compile(r"ñ|ń|ŋ|ņ|n'"), "ң"),
)


def _compatible(prepared: str, form: str) -> bool:
    """Whether a known spelling keeps the Kazakh letters a romanization wrote out (Alaköl is
    Алакөл, not Алаколь; Aqzhal is not Акжал)."""
    low = form.lower()
    for pattern, letter in _MARK_LETTERS:
        n = len(pattern.findall(prepared))
        if n and n != low.count(letter):
            return False
    return True


def _prepare(word: str) -> str:
    w = unify_punctuation(word).replace("İ", "i").lower()
    return nfc(w).translate(_MARKS)


def _russian_form(text: str) -> bool:
    """A Russian ending or first element (-овка, -ск, Усть-) in a reading: word formation, not
    the letters the reading itself chose."""
    return any(len(w) >= 4 and (_RU_ENDING.search(w) or _RU_START.match(w)) for w in text.lower().split("-"))


def _rules(word: str, model: _Model, limit: int) -> list[tuple[float, str, str]]:
    """Rule readings of one Latin word in both orthographies: (cost, text, origin), best first."""
    prepared = _prepare(word)
    if len(prepared) > MAX_WORD:
        return [(0.0, _greedy(prepared), "kk")]
    suffix = ""
    for ending, cyr in _ENDINGS:
        if prepared.endswith(ending) and len(prepared) > len(ending) + 2:
            prepared, suffix = prepared[: -len(ending)], cyr
            break
    out = [(c, t + suffix, "kk") for c, t in _beam(prepared, _SEGMENTS, model.kk, kazakh=True)[: limit * 2]]
    if not suffix and not _KAZAKH_MARKED.search(prepared):
        for c, t in _beam(prepared, _RU_SEGMENTS, model.ru, kazakh=False)[: limit * 2]:
            bonus = RUSSIAN_FORM_BONUS if _russian_form(t) else 0.0
            out.append((c + RUSSIAN_PRIOR - bonus, t, "ru"))
    out.sort()
    return out


def _lexicon(word: str, model: _Model, limit: int) -> list[Candidate]:
    key = name_key(word)
    known: Mapping[str, int] | None = model.words.get(key) or model.names.get(key)
    weight = 0.9
    # Only for a lossy spelling (plain ASCII without q or gh, as Russian-based styles write):
    # a spelling that keeps the Kazakh letters is read by the rules.
    lossy = word.isascii() and "q" not in word.lower() and "gh" not in word.lower()
    if not known and lossy:
        known = _near_known(model, key)
        weight = 0.6  # a skeleton match is a guess, a key match is not
    if not known:
        return []
    if not word.isascii() or "q" in word.lower() or "gh" in word.lower():
        prepared = _prepare(word)
        known = Counter({f: c for f, c in known.items() if _compatible(prepared, f)})
        if not known:
            return []
    total = sum(known.values())
    counts = _russian_spellings_counted(known, model.own) if lossy and len(known) > 1 else known
    ranked = sorted(counts.items(), key=lambda fc: -fc[1])
    return [
        Candidate(
            _recase(word, form.lower()), weight * count / total + 0.1, "lexicon", model.origin.get(form, "kk")
        )
        for form, count in ranked[:limit]
    ]


def _russian_spellings_counted(known: Mapping[str, int], own: AbstractSet[str]) -> Mapping[str, int]:
    """Forms of one key, each Russian spelling of a Kazakh name also counted for the Kazakh
    spelling: a form without a Kazakh letter that is the same name as one with them (Акколь and
    Ақкөл, Карасу and Қарасу, Мерке and Меркі) is how the Russian name writes it, which sources
    often give as the Kazakh name too. A lossy Latin spelling cannot tell them apart: it
    restores to the Kazakh spelling. The Kazakh spelling must be some place's own Kazakh name
    (``own``): an alternate alone (Ріддер beside Риддер) is no evidence."""
    kazakh = [f for f in known if f in own and any(c in _KK_SET for c in f)]
    if not kazakh:
        return known
    out = Counter(known)
    for form, count in known.items():
        if form in kazakh:
            continue
        same = [k for k in kazakh if _russian_spelling(k, form)]
        if same:
            out[max(same, key=lambda k: known[k])] += count
    return out


def _russian_spelling(kazakh: str, russian: str) -> bool:
    """Whether ``russian`` is ``kazakh`` letter for letter in Russian spelling (Ақкөл → Акколь,
    Қарасу → Карасу, Меркі → Мерке: the Kazakh letters as their Russian ones, a soft sign
    after a final л, a final vowel changed); not another name of the same consonants (Қарағайлы
    and Каргалы, Үйтас and Тассай)."""
    a = russian_style(kazakh.lower())
    b = russian.lower().removesuffix("ь")
    return a == b or (len(a) == len(b) > 3 and a[:-1] == b[:-1] and a[-1] in _VOWELS and b[-1] in _VOWELS)


def _near_known(model: _Model, key: str) -> Mapping[str, int] | None:
    """Known Kazakh words whose key differs from ``key`` in one vowel, not the first (Russian forms
    such as Шубаркудук for Шұбарқұдық, Зеренда for Зеренді); ``None`` unless exactly one fits."""
    vowels = _KEY_VOWELS.findall(key)
    fits = [
        k
        for k in model.by_skeleton.get(_skeleton(key), ())
        if (other := _KEY_VOWELS.findall(k))[:1] == vowels[:1]
        and sum(a != b for a, b in zip(other, vowels, strict=True)) <= 1
    ]
    if len(fits) != 1:
        return None
    return Counter({f: c for f, c in model.words[fits[0]].items() if model.origin.get(f) == "kk"})


def _patronymic(word: str, model: _Model) -> list[Candidate]:
    """A known given name with a patronymic ending (Sarsenbaiuly → Сәрсенбай + ұлы)."""
    prepared = _prepare(word)
    for ending, cyr in _ENDINGS:
        if prepared.endswith(ending) and len(prepared) > len(ending) + 2:
            stem = _lexicon(word[: len(word) - len(ending)], model, 1)
            if stem and stem[0].score >= 0.5 and stem[0].origin == "kk":
                return [Candidate(_recase(word, stem[0].text.lower() + cyr), stem[0].score, "lexicon", "kk")]
    return []


def _word_candidates_with(word: str, limit: int, model: _Model) -> tuple[Candidate, ...]:
    out = _lexicon(word, model, limit) or _patronymic(word, model)
    if limit == 1 and out and out[0].score >= 0.5:
        return (out[0],)  # a known name (not a guess by skeleton): no need to read it
    readings = _rules(word, model, limit)
    if readings and not out:
        # Where a soft sign goes, which a romanization drops or writes as it can ("ye" for ье):
        # a reading that spells a known name (Запорожье, not Запороже) before the others.
        known, plain = model.known_spellings, readings[0][1].translate(_NO_SIGNS)
        readings = sorted(
            (c - KNOWN_SPELLING_BONUS if t in known and t.translate(_NO_SIGNS) == plain else c, t, o)
            for c, t, o in readings
        )
    if readings:
        best = readings[0][0]
        weights = [math.exp(-(c - best)) for c, _, _ in readings]
        z = sum(weights)
        scale = 0.5 if out else 1.0
        seen = {c.text.lower() for c in out}
        for (_cost, text, origin), w in zip(readings, weights, strict=True):
            if text not in seen and len(out) < limit:
                seen.add(text)
                out.append(Candidate(_recase(word, text), scale * w / z, "rules", origin))
    return tuple(out[:limit])


@lru_cache(maxsize=50_000)
def _word_candidates(word: str, limit: int) -> tuple[Candidate, ...]:
    return _word_candidates_with(word, limit, _DERIVED.get())


def _split(text: str) -> list[tuple[str, bool]]:
    """Runs of Latin word / other text."""
    pieces = _LATIN_WORD_SPLIT.split(text)  # other, word, other, word, …, other
    parts: list[tuple[str, bool]] = []
    add, latin = parts.append, _LATIN_LETTER.search
    for other, word in zip(pieces[0::2], pieces[1::2], strict=False):  # one "other" more
        if other:
            add((other, False))
        add((word, latin(word) is not None))
    if pieces[-1]:
        add((pieces[-1], False))
    return parts


def _clean_latin(text: str) -> str:
    s = clean(check_text(text))
    if not s.isascii():
        # Marks that did not compose (BGN/ICU ī̆, ALA-LC ties) and primes as apostrophes.
        s = unify_punctuation(s).replace("ʹ", "'").replace("ʺ", '"')
        s = s.replace("ī\u0306", "ĭ").replace("Ī\u0306", "Ĭ").translate(_MARKS)  # ICU's й
    return s


@lru_cache(maxsize=50_000)
def _cached(text: str, limit: int) -> tuple[Candidate, ...]:
    return tuple(_candidates(text, limit, None))


def to_cyrillic_candidates(text: str, limit: int = 5) -> list[Candidate]:
    """Ranked Cyrillic readings of a Latin name in any romanization, best first.

    Kazakh names come back in Kazakh spelling, Russian-origin names in Russian spelling;
    where the two readings are close, both are listed.

    >>> [c.text for c in to_cyrillic_candidates("Taldykorgan", limit=1)]
    ['Талдықорған']
    >>> [(c.text, c.origin) for c in to_cyrillic_candidates("Ust-Kamenogorsk", limit=1)]
    [('Усть-Каменогорск', 'ru')]
    """
    if isinstance(text, str) and len(text) <= 200:
        return list(_cached(text, limit))  # a name met again costs a lookup
    with collector_paused():  # a long text: many small objects, no cycles
        return _candidates(text, limit, None)


def _candidates(text: str, limit: int, model: _Model | None) -> list[Candidate]:
    """Candidates with the library's model (``None``) or another one (held-out evaluation)."""
    s = _clean_latin(text)
    if not s.strip():
        return []
    held_out = model

    def read(word: str) -> tuple[Candidate, ...]:
        if held_out is None:
            return _word_candidates(word, limit)  # memoized, with the library's model
        return _word_candidates_with(word, limit, held_out)

    model = model or _DERIVED.get()
    routed = _routed_scheme(s, model) if not s.isascii() and len(s) <= 1000 else None
    if routed is not None:
        # a romanization that keeps the Kazakh letters and marks itself (ū ī for BGN/PCGN, ñ ğ ı
        # for latin2021 …) is read by that scheme's own rules, with the lexicon
        if _all_known(s, model):
            return _generic(s, limit, model, read)  # a known name, whichever scheme wrote it
        best = _with_scheme(s, routed, model)
        rest = _generic(s, limit, model, read) if limit > 1 else []
        top = next((c for c in rest if c.text == best), None)
        score = top.score if top else rest[0].score if rest else 1.0
        origin = name_origin(best) if _CYRILLIC.search(best) else "kk"
        first = Candidate(best, score, top.source if top else "rules", origin)
        return [first, *[c for c in rest if c.text != best]][:limit]
    return _generic(s, limit, model, read)


def _all_known(s: str, model: _Model) -> bool:
    """Whether the text, or each of its Latin words, is a known name (by key)."""
    if " " in s.strip() and name_key(s) in model.names:
        return True
    words = [p for p, latin in _split(s) if latin]
    return bool(words) and all(_lexicon(w, model, 1) and _lexicon(w, model, 1)[0].score >= 0.5 for w in words)


# Schemes whose text, once detected, is read by the scheme's own reverse rules.
_ROUTED = frozenset({"latin2021", "latin2018", "latin2017", "bgn_pcgn", "qazaqparat", "ala_lc", "iso9"})


def _routed_scheme(text: str, model: _Model) -> str | None:
    scheme = _detect(text, model)
    return scheme if scheme in _ROUTED else None


def _generic(
    s: str, limit: int, model: _Model, read: Callable[[str], tuple[Candidate, ...]]
) -> list[Candidate]:
    """Candidates of the any-romanization reader: the whole phrase, else word by word."""
    if " " in s.strip() and len(s) <= 200:
        whole = model.names.get(name_key(s))
        if whole:
            total = sum(whole.values())
            return [
                Candidate(_recase(s.strip(), form), count / total, "lexicon", model.origin.get(form, "kk"))
                for form, count in _most_common(whole, limit)
            ]
    per_word: list[tuple[Candidate, ...]] = []
    texts: list[str] = []  # the best reading of each part
    seen_words: dict[str, tuple[Candidate, ...]] = {}  # a long text repeats its words
    for p, latin in _split(s):
        cands = seen_words.get(p) if latin else ()
        if cands is None:
            cands = seen_words[p] = read(p)
        per_word.append(cands)
        texts.append(cands[0].text if cands else p)
    best = "".join(texts)
    read_words = [c for c in per_word if c]
    score = math.prod(c[0].score for c in read_words) if read_words else 1.0
    source = "lexicon" if all(c[0].source == "lexicon" for c in read_words) else "rules"
    origins = {c[0].origin for c in read_words}
    results = [Candidate(best, score, source, "ru" if origins == {"ru"} else "kk")]
    if limit <= 1:
        return results
    # Alternatives: one word at a time swapped for its next reading; only the best few are
    # written out, so a long text costs one pass per alternative kept.
    alts: list[tuple[float, int, Candidate]] = []
    for i, cands in enumerate(per_word):
        if len(cands) > 1:
            top = max(cands[0].score, 1e-9)
            alts += ((score * alt.score / top, i, alt) for alt in cands[1:])
    seen = {best}
    for alt_score, i, alt in _best_first(alts, 2 * limit):
        if len(results) >= limit:
            break
        original, texts[i] = texts[i], alt.text
        joined = "".join(texts)
        texts[i] = original
        if joined not in seen:
            seen.add(joined)
            results.append(Candidate(joined, alt_score, alt.source, alt.origin))
    return results


def _best_first(alts: list[tuple[float, int, Candidate]], few: int) -> Iterator[tuple[float, int, Candidate]]:
    """``alts`` by score, best first, ties in their order: the best ``few`` picked out, the
    rest sorted only if they are asked for."""
    first = heapq.nlargest(few, alts, key=lambda t: t[0])  # as the stable sort ranks them
    yield from first
    if len(alts) > len(first):
        yield from sorted(alts, key=lambda t: -t[0])[len(first) :]


# ---------------------------------------------------------------------------
# With a scheme: the scheme's reverse, and what a lossy scheme drops for Russian words


@dataclass(frozen=True, slots=True)
class _SchemeReader:
    """What restoration needs of one scheme: its preimage lattice and its Kazakh-only letters."""

    segments: dict[str, Options]
    kazakh_only: re.Pattern[str] | None
    turkic: bool
    exact: bool


@lru_cache(maxsize=64)
def _scheme_reader(scheme: str) -> _SchemeReader:
    sch = get_scheme(scheme, "to_latin")
    turkic = sch.case == "turkic"
    fold = turkic_lower if turkic else str.lower
    reverse = get_scheme(scheme, "to_cyrillic")
    by_latin: dict[str, list[tuple[str, float]]] = defaultdict(list)
    dropped: list[str] = []
    for cyr, lat in sch.letters.items():
        if not lat:
            dropped.append(cyr)
            continue
        by_latin[fold(nfc(lat))].append((cyr, 0.0))
    # Letters the scheme drops (ь ъ in latin2021) can follow any consonant.
    consonants = "бвгғджзйкқлмнңпрстфхһцчшщ"
    if dropped:
        for options in by_latin.values():
            extra = [(c + d, 1.5) for c, _ in options if c[-1:] in consonants for d in dropped]
            options.extend(extra)
    segments = {lat: tuple(opts) for lat, opts in by_latin.items()}
    _MAXSEG[id(segments)] = max(map(len, segments)) if segments else 1
    russian_out = {fold(nfc(sch.letters[c])) for c in "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"} - {""}
    kazakh_out = {fold(nfc(sch.letters[c])) for c in "әғқңөұүһі"} - russian_out - {""}
    only = (
        re.compile("|".join(re.escape(x) for x in sorted(kazakh_out, key=len, reverse=True)))
        if kazakh_out
        else None
    )
    return _SchemeReader(segments, only, turkic, reverse.reversible)


def _with_scheme(text: str, scheme: str, model: _Model | None = None) -> str:
    reader = _scheme_reader(scheme)
    if reader.exact:
        return reverse_with_scheme(text, scheme)
    default = model is None
    model = model or _DERIVED.get()
    fold = turkic_lower if reader.turkic else str.lower
    forms = model.scheme_forms(scheme)
    s = clean(text)
    whole = forms.get(fold(unify_punctuation(s.strip()))) if " " in s.strip() else None
    if whole:
        return _recase(s.strip(), _most_common(whole, 1)[0][0])

    def read(part: str, latin: bool) -> str:
        if latin:
            return _scheme_word(part, scheme, reader, model, forms)
        return reverse_with_scheme(part, scheme) if part.strip() else part

    out: list[str] = []
    memo = _word_memo(model)  # running text repeats its words and the signs between them
    for part, latin in _split(s):
        if not default or len(part) > MAX_WORD:
            out.append(read(part, latin))
            continue
        found = memo.get((part, scheme))
        if found is None:
            found = read(part, latin)
            if len(memo) >= WORD_MEMO:
                memo.clear()
            memo[(part, scheme)] = found
        out.append(found)
    return "".join(out)


#: Words remembered by ``to_cyrillic(text, scheme)`` for the loaded gazetteer (then forgotten).
WORD_MEMO = 100_000
_MEMO: list[tuple[_Model, dict[tuple[str, str], str]]] = []


def _word_memo(model: _Model) -> dict[tuple[str, str], str]:
    """The memo of one model: a new model (the gazetteer reloaded) starts a new one."""
    if not _MEMO or _MEMO[0][0] is not model:
        _MEMO[:] = [(model, {})]
    return _MEMO[0][1]


def _scheme_word(
    word: str, scheme: str, reader: _SchemeReader, model: _Model, forms: Mapping[str, dict[str, int]]
) -> str:
    fold = turkic_lower if reader.turkic else str.lower
    if len(word) > MAX_WORD:
        return reverse_with_scheme(word, scheme)  # no name: the scheme's own rules, one pass
    folded = fold(unify_punctuation(word))
    engine = reverse_with_scheme(word, scheme)
    known = forms.get(folded)
    if known:
        return _recase_turkic(word, _most_common(known, 1)[0][0], reader.turkic)
    if reader.kazakh_only is not None and reader.kazakh_only.search(folded):
        return engine
    readings = _beam(folded, reader.segments, model.ru, kazakh=False)
    for _cost, cyr in readings[:8]:
        if fold(unify_punctuation(transliterate(cyr, scheme))) != folded:
            continue  # the scheme writes this reading otherwise (a context rule)
        if cyr == engine.lower():
            return engine
        ru_cost = model.ru.score(cyr)
        kk_cost = model.kk.score(engine.lower())
        bonus = RUSSIAN_FORM_BONUS if _russian_form(cyr) else 0.0
        if LM_WEIGHT * (ru_cost - kk_cost) + RUSSIAN_PRIOR - bonus < 0:
            return _recase_turkic(word, cyr, reader.turkic)
        return engine
    return engine


@lru_cache(maxsize=50_000)
def _with_scheme_cached(text: str, scheme: str) -> str:
    return _with_scheme(text, scheme)


def _recase_turkic(source: str, target: str, turkic: bool) -> str:
    if turkic:
        source = source.replace("İ", "I")  # a capital either way
    return _recase(source, target)


def to_cyrillic(text: str, scheme: str | None = None) -> str:
    """Latin → Cyrillic. With ``None``, any romanization; with a scheme, its reverse rules.

    Kazakh names come back in Kazakh spelling, Russian-origin names in Russian spelling;
    a name the gazetteer holds comes back as the gazetteer writes it.

    >>> to_cyrillic("Tokayev")
    'Тоқаев'
    >>> to_cyrillic("Qyzylorda")
    'Қызылорда'
    >>> to_cyrillic("Kazakhstan Respublikasy")
    'Қазақстан Республикасы'
    >>> to_cyrillic("Vorontsovka", "latin2021"), to_cyrillic("Qapşağai", "latin2021")
    ('Воронцовка', 'Қапшағай')
    """
    if scheme is not None:
        if isinstance(text, str) and len(text) <= 200:
            return _with_scheme_cached(text, scheme)
        with collector_paused():  # a long text: many small objects, no cycles
            return _with_scheme(text, scheme)
    cands = to_cyrillic_candidates(text, limit=1)
    return cands[0].text if cands else clean(check_text(text))


# ---------------------------------------------------------------------------
# Detection

_SIGNS = frozenset("'\"·`ʹʺ")


@dataclass(frozen=True, slots=True)
class _Mark:
    """One Latin scheme as detection sees it: the characters it writes, what marks it."""

    id: str
    alphabet: frozenset[str]
    markers: tuple[str, ...]
    rank: int
    fallback: bool
    reverse: bool
    kazakh: bool


def _lower(text: str) -> str:
    """Lower case that keeps İ one character (``str.lower`` gives i + U+0307)."""
    return text.replace("İ", "\x00").lower().replace("\x00", "İ")


def _marks() -> tuple[_Mark, ...]:
    """Every Cyrillic → Latin scheme file's alphabet (derived from its outputs) and ``[detect]``."""
    from .schemes import registry

    reg = registry()
    out = []
    for sid in reg.ids("to_latin"):
        sch = reg.by_key[(sid, "to_latin")]
        outputs = [
            *sch.letters.values(),
            *sch.title.values(),
            *(r.out for r in sch.rules),
            *sch.detect.variants,
        ]
        upper = turkic_lower if sch.case == "turkic" else str.lower
        alphabet = {c for o in outputs for c in unify_punctuation(nfc(o))}
        alphabet |= {c for o in outputs for c in _lower(unify_punctuation(nfc(upper(o))))}
        alphabet |= {c for c in list(alphabet) for c in _lower(c.upper())}
        markers = tuple(_lower(unify_punctuation(m)) for m in (*sch.detect.markers, *sch.detect.variants))
        out.append(
            _Mark(sid, frozenset(alphabet), markers, sch.detect.rank, sch.detect.fallback,
                  (sid, "to_cyrillic") in reg.by_key, sch.input == "kk")
        )  # fmt: skip
    return tuple(sorted(out, key=lambda m: m.rank))


_MARKS_TABLE: Lazy[tuple[_Mark, ...]] = Lazy(_marks)


def detect_scheme(text: str) -> str | None:
    """Which script or romanization a string is in; ``None`` when it holds no Cyrillic or Latin
    letter, or Latin letters no scheme writes.

    Cyrillic with a Kazakh letter is ``"kk_cyrillic"``, other Cyrillic ``"ru_cyrillic"``.
    Latin is read against every scheme file: a scheme fits when it writes every letter of the
    text (its alphabet is derived from its letter table), and the fitting scheme with the most
    of the markers its file declares (``[detect]``: ñ ğ ş ı İ for latin2021, ī ė ū for
    BGN/PCGN, q gh for RFE/RL …) is named. Where several fit equally well, the one whose
    reading is most like a Kazakh name wins (``Ömirzaq`` is BGN/PCGN: latin2021 would write
    ``Ömırzaq``), then the file's rank. Plain ASCII that nothing marks is ``"conventional"``.
    Plain ASCII can be several schemes at once: the most likely one is returned.

    >>> detect_scheme("Қызылорда"), detect_scheme("Кызылорда")
    ('kk_cyrillic', 'ru_cyrillic')
    >>> detect_scheme("Mañğystau"), detect_scheme("Mangghystaū"), detect_scheme("Manghystau")
    ('latin2021', 'bgn_pcgn', 'rferl')
    >>> detect_scheme("Mangystau"), detect_scheme("12345")
    ('conventional', None)
    >>> detect_scheme("İaroslav"), detect_scheme("Ömirzaq"), detect_scheme("Örmeksū")
    ('latin2021', 'bgn_pcgn', 'bgn_pcgn')
    """
    return _detect(clean(check_text(text)), None)


def _detect(s: str, model: _Model | None) -> str | None:
    if _CYRILLIC.search(s):
        return "kk_cyrillic" if any(c in _KK_SET for c in s) else "ru_cyrillic"
    t = unify_punctuation(nfc(s))
    low = _lower(t)
    chars = {c for c in low if c.isalpha() or unicodedata.combining(c) or c in _SIGNS}
    if not any(c.isalpha() for c in chars):
        return None
    marks = _MARKS_TABLE.get()
    fitting = [(sum(m in low for m in mark.markers), mark) for mark in marks if chars <= mark.alphabet]
    best = max((hits for hits, _ in fitting), default=0)
    if best == 0:
        if all(c.isascii() for c in chars):
            return next((m.id for m in marks if m.fallback), None)
        # letters no single scheme writes all of: the scheme with the most markers, if any
        fitting = [(sum(m in low for m in mark.markers), mark) for mark in marks]
        best = max(hits for hits, _ in fitting)
        if best == 0:
            return None
    tied = [mark for hits, mark in fitting if hits == best]
    if len(tied) == 1:
        return tied[0].id
    return _most_kazakh(t, tied, model or _DERIVED.get())


TIE_MARGIN = 0.02  # per letter


def _most_kazakh(text: str, tied: list[_Mark], model: _Model) -> str:
    """Among schemes that fit a text equally: the one whose reading is most like a Kazakh name,
    or a Russian scheme when that reading is Russian; then the lowest rank."""
    readable = [m for m in tied if m.reverse and m.kazakh]
    if not readable:
        return tied[0].id
    costs = {}
    for mark in readable:
        reading = reverse_with_scheme(text, mark.id).lower()
        letters = sum(c.isalpha() for c in reading) or 1
        words = _CYR_WORD.findall(reading)
        # vowel harmony counts more here than in reading: one word, one system
        cost = sum(min(model.kk.score(w) + 2 * _harmony(w), model.ru.score(w)) for w in words)
        left = sum(1 for c in reading if not ("\u0400" <= c <= "\u04ff" or c in " -"))  # Latin, signs
        costs[mark.id] = cost / letters + 100.0 * left
    # readings within a hair of each other are a tie: the best-ranked scheme is named
    best = min(costs.values())
    winners = [m for m in readable if costs[m.id] <= best + TIE_MARGIN]
    reading = reverse_with_scheme(text, winners[0].id)
    russian = [m for m in tied if not m.kazakh]
    if russian and (
        (not any(c in _KK_SET for c in reading) and name_origin(reading) == "ru")
        # Russian word formation, whatever letters the Kazakh reading chose (Abayskiy sel'skiy
        # okrug reads Абайскій сел'скій окрұг, which is Абайский сельский округ)
        or any(_RU_FORMATION.search(w) for w in _CYR_WORD.findall(russian_style(reading.lower())))
    ):
        return russian[0].id
    return winners[0].id
