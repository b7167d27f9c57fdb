"""Scores and decisions for names: is this the same name, the same person?

:func:`similarity` scores two names from 0 to 100 and :func:`same_name` says
whether they are one name (``similarity(a, b) >= SAME_NAME_SCORE``). Both work on
single names (places, surnames) and on full person names, which are split with
:func:`~kztranslit.persons.parse_person` and compared part by part:

- **surname**: equal :func:`~kztranslit.keys.name_key` (Тоқаев = Tokayev = Toqaev);
  the same stem with the -ұлы / -ов / -ев endings of one gender (Сарсенбаев =
  Сәрсенбайұлы); one edit in a key of seven letters or more (Satpayev = Сәтбаев); a
  bare surname and the -ов/-ев form of its stem (Бөкейхан = Бөкейханов), a stem shorter
  than seven letters (four at least) only when the given names are written out and equal
  (Mustafa Shokay = Mustafa Chokaev). Endings of different genders never match
  (Nazarbayev ≠ Nazarbayeva);
- **given names**: whole names by key, by the given-names lexicon (Абдолла =
  Абдулла, Ыбырай = Ибрагим = Ibrahim), or with one edit in seven letters or more; an
  initial matches the first letter of the key or of another lexicon form of the name
  (``Ж.`` = ``Zh.`` = ``J.`` = Жомарт, ``Ш.`` = ``Sh.``, ``Ч.`` = Шоқан (Чокан), ``Y.`` =
  Yerlan), ``Д.`` matches a Ж name when either spelling writes Дж (``Д. Джабаев`` =
  ``Жабаев Ж.``), an initial in a Kazakh-only letter must be the first letter of the
  name's Kazakh form (``Қ.`` is not Кенесары), a Kazakh ``Ө.`` matches the Russian ``У.``
  (``Шөкеев Ө.`` = ``У. Шукеев``) but not a name whose Kazakh form has Ұ or Ү, and a
  compound name needs a compound initial (``К.-Ж.``, not ``К.``);
- **the loose level**: where Russian writes у for a Kazakh о/ө or ы (Қонаев = Кунаев,
  Болат = Булат, Жамбыл = Джамбул), х for a қ inside a word (Тоқтар = Тохтар) or ч for
  a first ш (Шоқай = Чокай), surnames and given names that differ only there score 87,
  just above the threshold; a ↔ u never (Marat ≠ Murat);
- **titles** (би, батыр, хан, ақын, жырау; see :func:`~kztranslit.persons.parse_person`):
  a given name with a title and no surname matches the full name with that given name
  when the other surname is a patronymic one (Төле би = Төле Әлібекұлы; for a title that
  is not also a name, an -ов/-ев surname too), both given names written out; different
  titles never match;
- **patronymic**: compared only when both names have one (Кемелұлы = Кемелевич);
- **gender**: a man and a woman never have the same name.

Any order of the parts is understood (``TOKAYEV Kassym-Jomart``, ``Tokayev,
Kassym-Jomart``, ``К.-Ж. Токаев``). German, French and Polish press spellings are read
with their own rules as well when a name shows them (Nasarbajew, Noursoultan,
Machkevitch, Szumenow); the key itself reads Дж as Ж (Джабаев = Жабаев = Dzhabayev).

Scores: 100 for equal keys; a pass scores from ``SAME_NAME_SCORE`` (85) to 100
(a part that meets only at the loose level scores 87, a short bare stem 86); a
failing part caps the score below 85 (at 80 for a gender clash); a name with a part
the other lacks (a surname, or a title without a surname) scores at most 90.

:func:`extract` and :func:`extract_one` rank choices the way ``rapidfuzz.process``
does: keyword-only ``limit`` and ``score_cutoff``, ``(choice, score, index)`` tuples
(the key for a Mapping), ``None`` choices skipped.

>>> same_name("К.-Ж. Токаев", "Kassym-Jomart Tokayev")
True
>>> same_name("Nazarbayev", "Nazarbayeva"), same_name("Nursultan Nazarbayev", "Bolat Nazarbayev")
(False, False)
>>> extract_one("Tokaev", ["Nazarbayev", "Тоқаев", "Tokmagambetov"])
('Тоқаев', 100.0, 1)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .keys import name_key
from .normalize import check_text, clean
from .persons import (
    Gender,
    Person,
    _class_keys,
    _drop_glide,
    _given_classes,
    _is_caps,
    _is_known_given,
    _kazakh_initials,
    has_surname_suffix,
    is_initial,
    is_kz_patronymic,
    parse_person,
    patronymic_stem,
    surname_stem,
    title_may_be_name,
)

__all__ = ["SAME_NAME_SCORE", "extract", "extract_one", "same_name", "similarity"]

#: The score from which two names are the same name.
SAME_NAME_SCORE = 85.0
#: A typo (one edit) is forgiven in keys at least this long.
TYPO_MIN_LENGTH = 7

_FAIL = SAME_NAME_SCORE - 1.0  # the highest score of a part that does not match
_GENDER_CLASH = 80.0
_INITIAL_SCORE = 90.0
_STEM_SCORE = 95.0
_BARE_STEM_SCORE = 90.0
_PARTIAL_SCORE = 90.0
_LOOSE_SCORE = 87.0
_SHORT_BARE_SCORE = 86.0
SHORT_STEM_MIN_LENGTH = 4
_WEIGHTS = {"surname": 0.5, "given": 0.35, "patronymic": 0.15}


# ----------------------------------------------------------------------------- readings

_GERMAN = re.compile(r"w|sch|[aeiouy]j[aeiou]")
_FRENCH = re.compile(r"ou|ï|tch|dj")
_POLISH = re.compile(r"sz|cz")
_GERMAN_S = re.compile(r"(?<=[aeiouäöü])s(?=[aeiouäöü])")
_FRENCH_I = re.compile(r"ï(?=[aeiou])")
_FRENCH_MUTE_E = re.compile(r"(?<=[bdgkptv]r)e$")


def _german(word: str) -> str:
    """German press spelling read as Russian-style romanization (Nasarbajew → nazarbayev)."""
    w = word.replace("tsch", "\x01").replace("dsch", "\x02").replace("sch", "sh").replace("ch", "kh")
    w = w.replace("\x01", "ch").replace("\x02", "dzh").replace("w", "v").replace("j", "y")
    return _GERMAN_S.sub("z", w)


def _french(word: str) -> str:
    """French press spelling read as Russian-style romanization (Noursoultan → nursultan)."""
    w = word.replace("tch", "\x01").replace("dj", "dzh").replace("ou", "u").replace("kh", "\x02")
    w = w.replace("ch", "sh").replace("\x01", "ch").replace("\x02", "kh")
    return _FRENCH_MUTE_E.sub("", _FRENCH_I.sub("y", w))  # Alexandre = Александр


def _polish(word: str) -> str:
    """Polish press spelling read as Russian-style romanization (Szumenow → shumenov)."""
    w = word.replace("szcz", "\x01").replace("sz", "\x02").replace("cz", "\x03").replace("ch", "kh")
    w = w.replace("\x01", "shch").replace("\x02", "sh").replace("\x03", "ch")
    return w.replace("w", "v").replace("j", "y")


class _Styles(NamedTuple):
    """The press spellings a name shows, each read by its own rules as well."""

    german: bool = False
    french: bool = False
    polish: bool = False


def _readings(word: str, styles: _Styles) -> tuple[str, ...]:
    """Keys of a word under each reading that applies: as written, and as German, French or Polish."""
    german, french = styles.german, styles.french
    low = word.lower()
    spellings = [word]
    if styles.polish:
        spellings.append(_polish(low))
    if german:
        spellings.append(_german(low))
        if "sch" in low:  # German writes both ш and ж as sch: Schomart = Жомарт
            spellings.append(_german(low.replace("sch", "zh")))
    if french:
        spellings.append(_french(low))
    if "x" in low and low.isascii():  # English x is кс: Alexander = Aleksandr
        spellings.extend([w.lower().replace("x", "ks") for w in spellings])
    return tuple(dict.fromkeys(k for k in map(name_key, spellings) if k))


# ----------------------------------------------------------------------------- features


@dataclass(frozen=True, slots=True)
class _Given:
    initial: bool
    raw_initial: str  # the letter(s) of an initial, lower case
    keys: tuple[str, ...]
    classes: frozenset[int]
    forms: tuple[str, ...] = ()  # keys of the name's other lexicon forms (Chokan for Shokan)
    dzh: bool = False  # an initial Д/D that may stand for Дж; a full name written Дж/Dzh
    kk_initial: frozenset[str] = frozenset()  # first letter of the name's Kazakh form(s), if known


@dataclass(frozen=True, slots=True)
class _Name:
    person: Person
    single: bool
    surname: tuple[str, ...]
    given: tuple[_Given, ...]
    given_joined: tuple[str, ...]  # keys of all full given names run together; () with initials
    patronymic: _Given | None
    gender: Gender | None
    swapped: _Name | None  # the other reading of a two-word name whose order is unclear
    title: str | None = None  # the key of a title (Төле би: "bi")
    title_as_surname: tuple[str, ...] = ()  # readings of a title that may be a surname (Viktor Khan)


_DZH = re.compile(r"дж|dzh|dž|dj")
# Letters only Kazakh has: an initial in one of them (or in Latin q, read as қ) says which
# letter the Kazakh form of the name begins with, so Қ. is not Кенесары.
_KAZAKH_INITIALS = frozenset("әғқңөұүһі")
_O_INITIALS = frozenset("өö")
_U_INITIALS = frozenset("уu")


def _given_part(part: str, styles: _Styles, dzh: bool = False) -> _Given:
    """One given name or initial; ``dzh``: the spelling writes Ж as Дж (Джамбул Джабаев)."""
    if is_initial(part):
        letters = part.replace(".", "").lower()
        return _Given(True, letters, (name_key(letters),), frozenset(), dzh=dzh and letters in ("д", "d"))
    keys = _readings(part, styles)
    classes = frozenset[int]().union(*map(_given_classes, keys))
    forms = tuple(sorted(_class_keys(classes) - set(keys))) if classes else ()
    low = part.lower()
    kk_initial = _kazakh_initials(classes) if classes else frozenset()
    if low[:1] in _KAZAKH_INITIALS:  # written in Kazakh letters: its own first letter
        kk_initial = frozenset(low[:1])
    return _Given(False, "", keys, classes, forms, _DZH.match(low) is not None, kk_initial)


@lru_cache(maxsize=50_000)
def _features(text: str) -> _Name:
    p = parse_person(text)
    latin = clean(text).lower()
    styles = _Styles(
        _GERMAN.search(latin) is not None,
        _FRENCH.search(latin) is not None,
        _POLISH.search(latin) is not None,
    )
    dzh = _DZH.search(latin) is not None
    given: list[_Given] = []
    for g in p.given:
        given.extend(_given_part(part, styles, dzh) for part in g.split("-") if part.strip("."))
    if any(g.initial for g in given):
        joined: tuple[str, ...] = ()
    else:
        joined = _readings("".join(p.given), styles)
    patronymic = None
    if p.patronymic is not None:
        pk = p.patronymic.replace(" ", "")
        if is_initial(pk):
            patronymic = _given_part(pk, styles, dzh)
        else:
            patronymic = _Given(False, "", _readings(pk, styles), frozenset())
    surname = _readings(p.surname, styles) if p.surname else ()
    single = len(p.given) + (p.surname is not None) + (p.patronymic is not None) == 1 and p.title is None
    gender = p.gender
    if gender is None:
        genders = {g for k in surname for _, g, e in [surname_stem(k)] if e and g is not None}
        gender = genders.pop() if len(genders) == 1 else None
    swapped = None
    if _order_unclear(p, text):
        assert p.surname is not None
        other = _given_part(p.surname, styles)
        swapped = _Name(p, False, joined, (other,), other.keys, None, gender, None)
    title_as_surname: tuple[str, ...] = ()
    if p.title is not None and title_may_be_name(p):
        title_as_surname = _readings(p.title, styles)
    return _Name(
        p, single, surname, tuple(given), joined, patronymic, gender, swapped, p.title_key, title_as_surname
    )


def _order_unclear(p: Person, text: str) -> bool:
    """Two words, and nothing tells which is the surname (Нұртас Қайрат: both are given names)."""
    if len(p.given) != 1 or p.surname is None or p.patronymic is not None or "," in text:
        return False
    g, s = p.given[0], p.surname
    if is_initial(g) or _is_caps(g) != _is_caps(s):
        return False

    def evidence(word: str) -> tuple[bool, bool]:
        k = name_key(word)
        return (has_surname_suffix(k) or is_kz_patronymic(k), _is_known_given(word, k))

    return evidence(g) == evidence(s)


# ---------------------------------------------------------------------------- part scores


def _typo(a: str, b: str) -> bool:
    return min(len(a), len(b)) >= TYPO_MIN_LENGTH and Levenshtein.distance(a, b, score_cutoff=1) <= 1


_KEY_VOWELS = frozenset("aeiou")
_LOOSE_PAIRS = frozenset({("o", "u"), ("u", "o"), ("i", "u"), ("u", "i")})
_LOOSE_CONSONANTS = frozenset({("k", "x"), ("x", "k")})
_LOOSE_FIRST = frozenset({("š", "č"), ("č", "š")})
LOOSE_MIN_LENGTH = 4


def _loose(a: str, b: str) -> bool:
    """Keys that differ only where a Russian form writes у for a Kazakh vowel, or х for қ.

    Russian spelling of Kazakh names writes у for о/ө (Қонаев → Кунаев, Болат → Булат,
    Төлеген → Тулеген) and for ы (Жамбыл → Джамбул). Two keys of one length meet when
    every letter that differs is o ↔ u or i ↔ u with no vowel on either side (so i and u
    are vowels there, not й or the w of Алуа: Әлия ≠ Алуа). a ↔ u never meets (Marat ≠ Murat).

    Official Russian forms also write х for a қ inside a word (Тоқтар → Тохтар, Бақыт →
    Бахыт), so k ↔ x meets too, except as the first letter, where Russian keeps к
    (Қасым → Касым): Toktar = Tokhtar, but Kasen ≠ Khasen. Older Russian forms write ч
    for a Kazakh ш at the start of a name (Шоқай → Чокай, Шоқан → Чокан, Шыңғыс →
    Чингис), so š ↔ č meets as the first letter, and only there.
    """
    if len(a) != len(b) or len(a) < LOOSE_MIN_LENGTH or a == b:
        return False
    last = len(a) - 1
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if x == y:
            continue
        if (x, y) in _LOOSE_CONSONANTS:
            if i == 0:
                return False
            continue
        if (x, y) in _LOOSE_FIRST:
            if i > 0:
                return False
            continue
        if (x, y) not in _LOOSE_PAIRS:
            return False
        if (i > 0 and a[i - 1] in _KEY_VOWELS) or (i < last and a[i + 1] in _KEY_VOWELS):
            return False
    return True


def _surname_score(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Score two surnames (or single names), each given by its readings' keys."""
    if not a or not b:
        return 0.0
    best = 0.0
    for x in a:
        sx, gx, ex = surname_stem(x)
        for y in b:
            if x == y:
                return 100.0
            sy, gy, ey = surname_stem(y)
            ratio = fuzz.ratio(x, y)
            if gx is not None and gy is not None and gx != gy and ex and ey:
                best = max(best, min(ratio, _GENDER_CLASH))
                continue
            if sx == sy and ex and ey:
                score = _STEM_SCORE
            elif (ex or ey) and len(sx) >= TYPO_MIN_LENGTH and (sx == sy or _typo(sx, sy)):
                score = _BARE_STEM_SCORE  # Бөкейхан = Бөкейханов = Bukeikhanov
            elif _typo(x, y):
                score = max(ratio, SAME_NAME_SCORE)
            elif _loose(x, y) or (ex and ey and _loose(sx, sy)):
                score = _LOOSE_SCORE  # Қонаев = Кунаев
            else:
                score = min(ratio, _FAIL)
            best = max(best, score)
    return best


def _short_bare(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """A bare surname and the Russian -ов/-ев/-ин form of its stem, the stem short.

    Kazakh surnames are written without the Russian ending as well as with it (Шоқай,
    Russian Чокаев; Қасымбек, Касымбеков). Stems of seven letters or more meet in
    :func:`_surname_score`; shorter ones (Шоқай: шоқа) only here, and :func:`_score_one`
    asks the given names to be written out and equal as well. A final й of the bare form
    falls as before an ending (Шоқай, Шоқаев); the stems may differ at the loose level
    (Шоқай, Чокаев). The -ұлы/-қызы endings are patronymic surnames, not Russian ones.
    """
    for x in a:
        sx, _, ex = surname_stem(x)
        for y in b:
            sy, _, ey = surname_stem(y)
            if ex == ey:
                continue
            bare, stem, suffixed = (x, sy, y) if ey else (y, sx, x)
            if is_kz_patronymic(suffixed) or is_kz_patronymic(bare) or has_surname_suffix(bare):
                continue
            bare = _drop_glide(bare)
            if len(stem) >= SHORT_STEM_MIN_LENGTH and (bare == stem or _loose(bare, stem)):
                return True
    return False


def _initial_fits(initial: _Given, full: _Given) -> bool:
    ik = initial.keys[0]
    if not ik:
        return False
    letter = "қ" if initial.raw_initial[:1] == "q" else initial.raw_initial[:1]
    if letter in _KAZAKH_INITIALS and full.kk_initial and letter not in full.kk_initial:
        return False  # Қ. is not Кенесары, whose Kazakh form begins with К
    for k in (*full.keys, *full.forms):  # any form of the name: Ч. = Шоқан (Чокан)
        if k.startswith(ik):
            return True
        # Y. is й, or the y of Ye, Yu, Ya: Y. Koshanov = Ерлан Кошанов
        if initial.raw_initial[:1] in "yй" and k[:1] in "ei":
            return True
        # Д. is the Russian initial of a name written Дж (Д. = Джамбул = Жамбыл)
        if ik == "d" and k[:1] == "j" and (full.dzh or initial.dzh):
            return True
        # Ө. for a name written У in Russian or Latin (Ө. = Умирзак), unless Kazakh says Ұ/Ү
        if letter in _O_INITIALS and k[:1] == "u" and not (full.kk_initial - _O_INITIALS):
            return True
    # У. for a name whose Kazakh form begins with Ө (У. = Өтеміс)
    return letter in _U_INITIALS and "ө" in full.kk_initial


def _o_for_u(kazakh: str, other: str) -> bool:
    """A Kazakh Ө (Latin Ö) initial and a У/U one: Russian writes Ө as У (Өмірзақ, Умирзак).

    Not Ұ, Ү, Ū, Ü: those are Kazakh letters of their own.
    """
    return kazakh[:1] in _O_INITIALS and other[:1] in _U_INITIALS


def _initials_agree(a: _Given, b: _Given) -> bool:
    ka, kb = a.keys[0][:1], b.keys[0][:1]
    if ka == kb:
        return True
    if _o_for_u(a.raw_initial, b.raw_initial) or _o_for_u(b.raw_initial, a.raw_initial):
        return True  # Шөкеев Ө. = У. Шукеев
    if (a.dzh and kb == "j") or (b.dzh and ka == "j"):  # Д. Джабаев = Жабаев Ж.
        return True
    return (a.raw_initial[:1] in "yй" and kb in "ei") or (b.raw_initial[:1] in "yй" and ka in "ei")


def _given_pair(a: _Given, b: _Given) -> float:
    if a.initial and b.initial:
        return _INITIAL_SCORE if _initials_agree(a, b) else 0.0
    if a.initial or b.initial:
        init, full = (a, b) if a.initial else (b, a)
        return _INITIAL_SCORE if _initial_fits(init, full) else 0.0
    if set(a.keys) & set(b.keys) or a.classes & b.classes:
        return 100.0
    both_known = bool(a.classes) and bool(b.classes)
    best = 0.0
    for x in a.keys:
        for y in b.keys:
            if _loose(x, y):  # Болат = Булат, Төлеген = Тулеген
                best = max(best, _LOOSE_SCORE)
                continue
            ratio = fuzz.ratio(x, y)
            # Two different names of the lexicon are not a typo of each other.
            typo = _typo(x, y) and not both_known
            best = max(best, max(ratio, SAME_NAME_SCORE) if typo else min(ratio, _FAIL))
    return best


def _given_score(a: _Name, b: _Name) -> float:
    if a.given_joined and b.given_joined:
        whole = _surname_like(a.given_joined, b.given_joined)
        if len(a.given) == len(b.given):
            parts = min(_given_pair(x, y) for x, y in zip(a.given, b.given, strict=True))
            return max(whole, parts)
        return whole
    if len(a.given) != len(b.given):
        return 0.0
    return min(_given_pair(x, y) for x, y in zip(a.given, b.given, strict=True))


def _surname_like(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Whole-token comparison of joined given names: equal keys or a typo in a long key."""
    best = 0.0
    for x in a:
        for y in b:
            if x == y:
                return 100.0
            ratio = fuzz.ratio(x, y)
            if _typo(x, y):
                best = max(best, ratio, SAME_NAME_SCORE)
            elif _loose(x, y):
                best = max(best, _LOOSE_SCORE)
            else:
                best = max(best, min(ratio, _FAIL))
    return best


def _patronymic_score(a: _Given, b: _Given) -> float:
    if a.initial or b.initial:
        if a.initial and b.initial:
            return 100.0 if _initials_agree(a, b) else 0.0
        init, full = (a, b) if a.initial else (b, a)
        stems = tuple(patronymic_stem(k)[0] for k in full.keys)
        return 100.0 if _initial_fits(init, _Given(False, "", stems, frozenset())) else 0.0
    best = 0.0
    for x in a.keys:
        sx, gx = patronymic_stem(x)
        for y in b.keys:
            sy, gy = patronymic_stem(y)
            if gx is not None and gy is not None and gx != gy:
                continue
            if sx == sy:
                return 100.0
            # Patronymics only confirm: Шыңғысұлы and Чингисович still agree.
            ratio = fuzz.ratio(sx, sy)
            best = max(best, 90.0 if ratio >= 75 else min(ratio, _FAIL))
    return best


def _score(a: _Name, b: _Name) -> float:
    """The score of two names; a two-word name in an unclear order is also read the other way."""
    score = _score_one(a, b)
    if score < 100.0 and (a.swapped is not None or b.swapped is not None):
        for x in (a, a.swapped):
            for y in (b, b.swapped):
                if x is not None and y is not None and (x is a.swapped or y is b.swapped):
                    score = max(score, _score_one(x, y))
    return round(score, 2)


def _score_one(a: _Name, b: _Name) -> float:
    clash = a.gender is not None and b.gender is not None and a.gender != b.gender
    if a.single and b.single:
        x = a.surname or (a.given_joined if a.given else ())
        y = b.surname or (b.given_joined if b.given else ())
        if not x and a.given:
            x = a.given[0].keys
        if not y and b.given:
            y = b.given[0].keys
        score = _surname_score(x, y)
        return min(score, _GENDER_CLASH) if clash else score
    parts: dict[str, float] = {}
    if a.title != b.title:
        objection = _title_objection(a, b)
        if objection is not None:
            if objection < SAME_NAME_SCORE:
                return objection
            parts["surname"] = objection  # the title was a surname: Viktor Khan = Хан Виктор
    if a.surname and b.surname:
        parts["surname"] = _surname_score(a.surname, b.surname)
    if a.given and b.given:
        parts["given"] = _given_score(a, b)
    if a.patronymic is not None and b.patronymic is not None:
        parts["patronymic"] = _patronymic_score(a.patronymic, b.patronymic)
    if "surname" not in parts and "given" not in parts:
        return 0.0
    if (
        parts.get("surname", 100.0) < SAME_NAME_SCORE
        and parts.get("given", 0.0) == 100.0
        and not any(g.initial for g in (*a.given, *b.given))
        and _short_bare(a.surname, b.surname)
    ):
        parts["surname"] = _SHORT_BARE_SCORE  # Mustafa Shokay = Mustafa Chokaev
    if clash:
        return min(min(parts.values()), _GENDER_CLASH)
    if min(parts.values()) < SAME_NAME_SCORE:
        return min(parts.values())
    total = sum(_WEIGHTS[k] for k in parts)
    score = sum(_WEIGHTS[k] * v for k, v in parts.items()) / total
    # "Tokayev" against "Kemel Tokayev", "Төле би" against "Төле Әлібекұлы": same name, less sure
    partial = bool(a.given) != bool(b.given) or bool(a.surname) != bool(b.surname)
    if partial or (a.title != b.title and not (a.surname and b.surname)):
        score = min(score, _PARTIAL_SCORE)
    return score


def _title_objection(a: _Name, b: _Name) -> float | None:
    """What the titles of two names say when they differ (one may have none).

    ``None``: nothing against comparing the other parts. A score of at least
    :data:`SAME_NAME_SCORE`: one title was the other's surname (``Viktor Khan``, ``Хан
    Виктор``). A lower score: a contradiction. Two different titles contradict each other
    (Төле би, Төле батыр). A name with a title and no surname meets a full name with no
    title only when the given names are written out on both sides and the other surname
    is a patronymic surname (-ұлы/-қызы: Төле би = Төле Әлібекұлы), or, for a title that
    is no name (би, жырау, or written in lower case), a surname with a Russian ending
    (Исатай батыр = Исатай Тайманов); so Қазыбек би is not К. Жубанов, and Viktor Khan is
    not Viktor Kim.
    """
    if a.title is not None and b.title is not None:
        return _FAIL / 2  # Төле би, Төле батыр
    titled, other = (a, b) if a.title is not None else (b, a)
    if titled.surname or not other.surname:
        return None  # both or neither have a surname: the surnames decide, or the given names
    if titled.title_as_surname:
        as_surname = _surname_score(titled.title_as_surname, other.surname)
        if as_surname >= SAME_NAME_SCORE:
            return as_surname
    if any(g.initial for g in (*titled.given, *other.given)) or not titled.given or not other.given:
        return _FAIL / 2
    patronymic_surname = any(is_kz_patronymic(k) for k in other.surname)
    russian_surname = not titled.title_as_surname and any(has_surname_suffix(k) for k in other.surname)
    return None if patronymic_surname or russian_surname else _FAIL / 2


# ------------------------------------------------------------------------------ public


def similarity(a: str, b: str, *, score_cutoff: float | None = None) -> float:
    """How alike two names are, from 0 to 100: single names or full person names.

    ``score_cutoff`` returns 0 for a score below it (as RapidFuzz scorers do).

    >>> similarity("Тоқаев", "Tokayev")
    100.0
    >>> similarity("Қасым-Жомарт Кемелұлы Тоқаев", "Kassym-Jomart Tokayev")
    100.0
    >>> similarity("Nazarbayev", "Nazarbayeva") < SAME_NAME_SCORE
    True
    """
    check_text(a, name="a")
    check_text(b, name="b")
    score = float(_score(_features(a), _features(b)))
    if score_cutoff is not None and score < score_cutoff:
        return 0.0
    return score


def same_name(a: str, b: str) -> bool:
    """True when two spellings are one name: one place, or one person.

    >>> same_name("TOKAYEV Kassym-Jomart", "Токаев Касым-Жомарт Кемелевич")
    True
    >>> same_name("Tokayev, Kassym-Jomart", "Kemel Tokayev")
    False
    >>> same_name("Askar Mamin", "Askar Zhumagaliyev")
    False
    >>> same_name("Sarsenbaiuly", "Сәрсенбайұлы")
    True
    """
    return similarity(a, b) >= SAME_NAME_SCORE


def _scorer(query: _Name, choice: _Name, **kwargs: Any) -> float:
    return float(_score(query, choice))


def _prepare(choices: Mapping[Any, str | None] | Iterable[str | None]) -> Any:
    """Parse every choice once: a dict for a Mapping, a list otherwise; ``None`` kept."""
    if isinstance(choices, Mapping):
        return {k: None if v is None else _features(check_text(v, name="choice")) for k, v in choices.items()}
    return [None if c is None else _features(check_text(c, name="choice")) for c in choices]


# rapidfuzz's stubs type scorers on strings; ours compares parsed names.
_rf_extract: Any = process.extract
_rf_extract_one: Any = process.extractOne


def extract(
    query: str,
    choices: Mapping[Any, str | None] | Iterable[str | None],
    *,
    limit: int | None = 5,
    score_cutoff: float | None = SAME_NAME_SCORE,
) -> list[tuple[str, float, Any]]:
    """The best matches of a name among choices, best first, as ``(choice, score, key)``.

    Shaped like ``rapidfuzz.process.extract``: ``key`` is the index of the choice,
    or its key when ``choices`` is a Mapping; ``None`` choices are skipped; ties keep
    the order of the choices. ``score_cutoff`` (default :data:`SAME_NAME_SCORE`, so
    only names that are :func:`same_name`) drops weaker matches; pass ``0`` to rank
    everything. ``limit=None`` returns every match.

    >>> extract("Kassym-Jomart Tokayev", ["К. Токаев", "Токаев К.-Ж. К.", None, "Qasym-Zhomart Toqaev"])
    [('Qasym-Zhomart Toqaev', 100.0, 3), ('Токаев К.-Ж. К.', 95.88, 1)]
    >>> extract("Aktobe", {"kz-akt": "Ақтөбе", "kz-aku": "Ақтау"}, score_cutoff=0)
    [('Ақтөбе', 100.0, 'kz-akt'), ('Ақтау', 54.55, 'kz-aku')]
    """
    q = _features(check_text(query, name="query"))
    prepared = _prepare(choices)
    found = _rf_extract(q, prepared, scorer=_scorer, processor=None, limit=limit, score_cutoff=score_cutoff)
    return [(c.person.raw, s, k) for c, s, k in found]


def extract_one(
    query: str,
    choices: Mapping[Any, str | None] | Iterable[str | None],
    *,
    score_cutoff: float | None = SAME_NAME_SCORE,
) -> tuple[str, float, Any] | None:
    """The best match of a name among choices as ``(choice, score, key)``, or ``None``.

    >>> extract_one("Nursultan Nazarbayev", ["Dariga Nazarbayeva", "Назарбаев Нурсултан Абишевич"])
    ('Назарбаев Нурсултан Абишевич', 100.0, 1)
    >>> extract_one("Nursultan Nazarbayev", ["Dariga Nazarbayeva"]) is None
    True
    """
    q = _features(check_text(query, name="query"))
    found = _rf_extract_one(q, _prepare(choices), scorer=_scorer, processor=None, score_cutoff=score_cutoff)
    if found is None:
        return None
    c, s, k = found
    return (c.person.raw, s, k)
