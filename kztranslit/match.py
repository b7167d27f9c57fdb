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
- **gender**: a man and a woman never have the same name;
- **readings**: a name whose parts are unclear is also read the other ways its shape
  allows (two words in either order: Алькей Маргулан = Маргулан А. Х.; -ұлы/-қызы after a
  given name as the patronymic: Дарига Нурсултанкызы = Назарбаева Дарига Нурсултановна; a
  capitalised Khan or Batyr as the title: Ablai Khan; two initials as a double name's), and
  two names score the best of their readings;
- **correspondences**: keys that differ only by letters the Kazakh, Russian and foreign
  spellings of a name trade (the Kazakh ы/і Russian leaves out: Әбіләзов = Аблязов; я for
  ә; і for е; the w of Уә as u or v) score 87, as the loose level does;
- **typos**: one edit in a key of seven letters or more; one letter in a surname of five or
  six when the given names are the same (Tazhin = Tazhen); one vowel in a given name when the
  surname is the same (Gennedy = Gennady);
- **dates**: years that cannot be one person's (1899–1938, born 1961) make two people.

Any order of the parts is understood (``TOKAYEV Kassym-Jomart``, ``Tokayev,
Kassym-Jomart``, ``К.-Ж. Токаев``). German, French, Polish, Dutch, Hungarian, Czech and
Turkish press spellings, and Serbian, Ukrainian and Belarusian Cyrillic, are read with their
own rules as well when a name shows them (Nasarbajew, Noursoultan, Szumenow, Noersoeltan,
Nurszultan, Olcas, Назарбајев, Назарбаєв, Назарбаеў); the key itself reads Дж as Ж
(Джабаев = Жабаев = Dzhabayev).

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
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from .keys import name_key
from .normalize import check_text, clean
from .persons import (  # a text past MAX_NAME_LENGTH is no name: compared by its key alone
    MAX_NAME_LENGTH,
    TITLE_KEYS,
    Gender,
    Person,
    _class_keys,
    _drop_glide,
    _given_classes,
    _is_caps,
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
SHORT_TYPO_MIN_LENGTH = 5
_SHORT_TYPO_SCORE = 86.0
_WEIGHTS = {"surname": 0.5, "given": 0.35, "patronymic": 0.15}


# ----------------------------------------------------------------------------- readings

_GERMAN = re.compile(r"w|sch|[aeiouy]j[aeiou]|zk")
_FRENCH = re.compile(r"ou|ï|tch|dj")
_POLISH = re.compile(r"sz|cz|rz|[łżśćźęą]|(?<=[bcdfgklmnprstvwz])ie")
_DUTCH = re.compile(r"oe|sj|zj")
_HUNGARIAN = re.compile(r"sz|zs|cs|gy")
_TURKISH = re.compile(r"[şçğıə]|c(?![hzsk])")
_SLAVIC = re.compile(r"[јљњђћџєїўґ]|дз(?=[іеяюё])")
_BELARUSIAN = re.compile(r"ў|дз(?=[іеяюё])")
_SLAVIC_LATIN = re.compile(r"(?<=[^\W\d_])j|w|[čšžřěů]")
_GERMAN_S = re.compile(r"(?<=[aeiouäöü])s(?=[aeiouäöü])")
_GERMAN_ANY_S = re.compile(r"(?<![sš])s(?![sh])")
_FRENCH_I = re.compile(r"ï(?=[aeiou])")
_FRENCH_MUTE_E = re.compile(r"(?<=[bdgkptv]r)e$")
_POLISH_IE = re.compile(r"(?<=[bcdfgklmnprstvwz])ie")
_TURKISH_C = re.compile(r"c(?![hzsk])")
# Latin letters of other alphabets that the key does not read: Polish, Czech, Hungarian.
_LATIN_EXTRA = str.maketrans({"ł": "l", "ż": "ž", "ź": "z", "ś": "s", "ć": "č", "ę": "e", "ą": "a",
                              "ě": "e", "ů": "u", "ř": "r", "ő": "o", "ű": "u"})  # fmt: skip


def _german(word: str, sch: str = "sh") -> tuple[str, ...]:
    """German press spelling read as Russian-style romanization (Nasarbajew → nazarbayev).

    German writes з as s (Oras = Ораз, between vowels always: Nasarbajew), ц as z
    (Beresuzki = Березуцкий), ш as sch, ч as tsch, ж/дж as (d)sch, х as ch, в as w, й as j.
    Two readings: s for з between vowels only, and s for з everywhere. ``sch``: how to read
    a plain sch (ш, or ж: Schomart = Жомарт).
    """
    w = word.replace("z", "\x03").replace("tsch", "\x01").replace("dsch", "\x02").replace("sch", "\x04")
    w = w.replace("ch", "kh").replace("\x01", "ch").replace("\x02", "dzh").replace("w", "v").replace("j", "y")
    readings = (_GERMAN_S.sub("z", w), _GERMAN_ANY_S.sub("z", w))
    return tuple(r.replace("\x03", "ts").replace("\x04", sch) for r in readings)


def _french(word: str) -> str:
    """French press spelling read as Russian-style romanization (Noursoultan → nursultan)."""
    w = word.replace("tch", "\x01").replace("dj", "dzh").replace("ou", "u").replace("kh", "\x02")
    w = w.replace("ch", "sh").replace("\x01", "ch").replace("\x02", "kh")
    return _FRENCH_MUTE_E.sub("", _FRENCH_I.sub("y", w))  # Alexandre = Александр


def _polish(word: str) -> str:
    """Polish press spelling read as Russian-style romanization (Szumenow → shumenov).

    sz ш, cz ч, szcz щ, ż/rz ж, dż дж, ł л, w в, j й, ch х, ó у, and ie after a consonant
    the Russian е (Giennadij = Геннадий, Andriej = Андрей).
    """
    w = word.replace("szcz", "\x01").replace("sz", "\x02").replace("cz", "\x03").replace("ch", "kh")
    w = w.replace("dż", "dzh").replace("ż", "zh").replace("rz", "zh").replace("ó", "u")
    w = w.replace("\x01", "shch").replace("\x02", "sh").replace("\x03", "ch")
    return _POLISH_IE.sub("e", w.replace("w", "v").replace("j", "y"))


def _dutch(word: str) -> str:
    """Dutch press spelling (Noersoeltan Nazarbajev, Kasjetsjkin): oe у, j й, sj ш, tsj ч, zj ж, ch х."""
    w = word.replace("tsj", "\x01").replace("dzj", "\x02").replace("zj", "\x03").replace("sj", "\x04")
    w = w.replace("ch", "kh").replace("oe", "u").replace("j", "y")
    return w.replace("\x01", "ch").replace("\x02", "dzh").replace("\x03", "zh").replace("\x04", "sh")


def _hungarian(word: str) -> str:
    """Hungarian press spelling (Nurszultan, Kaszim-Zsomart, Csokan): s ш, sz с, zs ж, cs ч, gy дь."""
    w = word.replace("dzs", "\x01").replace("zs", "\x02").replace("cs", "\x03").replace("sz", "\x04")
    w = w.replace("s", "sh").replace("gy", "d").replace("ny", "n").replace("ty", "t").replace("j", "y")
    return w.replace("\x01", "dzh").replace("\x02", "zh").replace("\x03", "ch").replace("\x04", "s")


def _turkish(word: str) -> str:
    """Turkish and Azerbaijani c is ж/дж (Olcas = Олжас, Cambıl Cabayev = Жамбыл Жабаев)."""
    return _TURKISH_C.sub("j", word)


_SLAVIC_PAIRS = (
    ("ја", "я"), ("ју", "ю"), ("је", "е"), ("јо", "йо"), ("ј", "й"),
    ("ља", "ля"), ("љу", "лю"), ("ље", "ле"), ("љ", "ль"), ("ња", "ня"), ("њу", "ню"), ("ње", "не"),
    ("њ", "нь"), ("ђ", "дж"), ("џ", "дж"), ("ћ", "ч"), ("є", "е"), ("ї", "и"), ("ґ", "г"),
)  # fmt: skip
_BELARUSIAN_DZ = re.compile(r"дз(?=[іеяюё])")
_BELARUSIAN_END = re.compile(r"аў$|ава$")


def _slavic(word: str) -> str:
    """Serbian, Ukrainian and Belarusian spellings read as Russian ones.

    Serbian ј й (ја я, је е: Назарбајев = Назарбаев), љ ль, њ нь, џ and ђ дж, ћ ч; Ukrainian
    є е, ї и (Ільїн = Ильин); Belarusian ў в, дз before a front vowel д (Дзінмухамед), and
    the surname ending -аў/-ава for -ов/-ова (Валіханаў = Валиханов).
    """
    w = word
    if "ў" in w:
        w = _BELARUSIAN_END.sub(lambda m: "ов" if m.group() == "аў" else "ова", w).replace("ў", "в")
    w = _BELARUSIAN_DZ.sub("д", w)
    for a, b in _SLAVIC_PAIRS:
        if a in w:
            w = w.replace(a, b)
    return w


def _akanye(word: str) -> list[str]:
    """Belarusian writes an unstressed о as а and е as я (Такаеў = Токаев, Галоўкін =
    Головкин, Аляксандр = Александр): the word with one such а or я read back, one at a time
    (the stress, which decides, is not written)."""
    out = []
    for i in range(1, len(word)):
        if word[i] in "ая":
            out.append(word[:i] + ("о" if word[i] == "а" else "е") + word[i + 1 :])
    return out


class _Styles(NamedTuple):
    """The spellings a name shows, each read by its own rules as well."""

    german: bool = False
    french: bool = False
    polish: bool = False
    dutch: bool = False
    hungarian: bool = False
    turkish: bool = False
    slavic: bool = False
    slavic_latin: bool = False
    belarusian: bool = False


def _styles(text: str) -> _Styles:
    low = clean(text).lower()
    return _Styles(
        _GERMAN.search(low) is not None,
        _FRENCH.search(low) is not None,
        _POLISH.search(low) is not None,
        _DUTCH.search(low) is not None,
        _HUNGARIAN.search(low) is not None,
        _TURKISH.search(low) is not None,
        _SLAVIC.search(low) is not None,
        _SLAVIC_LATIN.search(low) is not None,
        _BELARUSIAN.search(low) is not None,
    )


@lru_cache(maxsize=50_000)
def _readings(word: str, styles: _Styles) -> tuple[str, ...]:
    """Keys of a word under each reading that applies: as written, and as the press of a
    language writes it (German, French, Polish, Dutch, Hungarian, Turkish; Serbian,
    Ukrainian, Belarusian Cyrillic); in a name with a j after a letter, a w, or Czech
    letters, j is also read as й, ch as х and w as в (Ilja = Илья, Muchtar = Мухтар)."""
    low = word.lower()
    if not low.isascii():
        low = low.translate(_LATIN_EXTRA)
    spellings = [word if low == word.lower() else low]
    if styles.slavic:
        spellings.append(_slavic(low))
    if styles.belarusian:
        spellings.extend(_akanye(_slavic(low)))
    if styles.polish:
        spellings.append(_polish(low))
    if styles.german:
        spellings.extend(_german(low))
        if "sch" in low:  # German writes both ш and ж as sch: Schomart = Жомарт
            spellings.extend(_german(low, "zh"))
    if styles.french:
        spellings.append(_french(low))
    if styles.dutch:
        spellings.append(_dutch(low))
    if styles.hungarian:
        spellings.append(_hungarian(low))
    if styles.turkish:
        spellings.append(_turkish(low))
    if styles.slavic_latin:  # Czech, Slovak, Serbian and Croatian Latin: j й, ch х, w в (Ilja, Muchtar)
        spellings.append(low.replace("j", "y").replace("ch", "kh").replace("w", "v"))
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
    alternatives: tuple[_Name, ...] = ()  # other readings of a name whose parts are unclear
    title: str | None = None  # the key of a title (Төле би: "bi")
    title_as_surname: tuple[str, ...] = ()  # readings of a title that may be a surname (Viktor Khan)
    lone: _Given | None = None  # a name of one word, read as a given name
    needs_patronymic: bool = False  # a reading with a patronymic and no surname (Дарига Нурсултанкызы)
    years: tuple[int, ...] = ()


_DZH = re.compile(r"дж|dzh|dž|dj")
# Letters only Kazakh has: an initial in one of them (or in Latin q, read as қ) says which
# letter the Kazakh form of the name begins with, so Қ. is not Кенесары.
_KAZAKH_INITIALS = frozenset("әғқңөұүһі")
_O_INITIALS = frozenset("өö")
_U_INITIALS = frozenset("уu")


@lru_cache(maxsize=50_000)
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


def _name(p: Person, styles: _Styles, dzh: bool, needs_patronymic: bool = False) -> _Name:
    """The parts of a parsed name as keys, ready to compare."""
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
    title_as_surname: tuple[str, ...] = ()
    if p.title is not None and title_may_be_name(p):
        title_as_surname = _readings(p.title, styles)
    lone = None
    if single:
        word = p.surname or (p.given[0] if p.given else None)
        if word is not None and not is_initial(word):
            lone = _given_part(word, styles, dzh)
    return _Name(
        p,
        single,
        surname,
        tuple(given),
        joined,
        patronymic,
        gender,
        (),
        p.title_key,
        title_as_surname,
        lone,
        needs_patronymic,
        p.years,
    )


def _features(text: str) -> _Name:
    """A name's readings, memoised; a text longer than :data:`MAX_NAME_LENGTH` is no name: one
    opaque word, compared by its key alone, and never kept in the memo."""
    if len(text) > MAX_NAME_LENGTH:
        p = parse_person(text)  # one opaque word, keyed
        return _Name(p, True, (p.surname_key or "",), (), (), None, None)
    return _name_features(text)


@lru_cache(maxsize=50_000)
def _name_features(text: str) -> _Name:
    p = parse_person(text)
    styles = _styles(text)
    dzh = _DZH.search(clean(text).lower()) is not None
    main = _name(p, styles, dzh)
    others = tuple(_name(q, styles, dzh, needs) for q, needs in _other_readings(p, text))
    return replace(main, alternatives=others) if others else main


def _reading(p: Person, **parts: str | tuple[str, ...] | None) -> Person:
    """``p`` with other parts (``given``, ``surname``, ``patronymic``, ``title``), keys kept in step."""
    changes: dict[str, object] = dict(parts)
    if "given" in parts:
        given = parts["given"]
        assert isinstance(given, tuple)
        changes["given_keys"] = tuple(map(name_key, given))
    for part in ("surname", "patronymic", "title"):
        if part in parts:
            value = parts[part]
            assert value is None or isinstance(value, str)
            changes[f"{part}_key"] = None if value is None else name_key(value)
    return replace(p, **changes)  # type: ignore[arg-type]


def _other_readings(p: Person, text: str) -> list[tuple[Person, bool]]:
    """Other ways to read a name whose shape leaves its parts unclear, and whether each
    needs the other name to show a patronymic.

    - two words that nothing but the lexicon orders (no comma, capitals, surname or
      patronymic ending on one word only): the other order (Алькей Маргулан, where both
      are given names: A. Kh. Margulan);
    - a word in capitals before a -ұлы/-қызы word: the capitals may be the given name
      (ҚАБАНБАЙ Қожақұлұлы, an encyclopedia's headword);
    - a given name and a -ұлы/-қызы word: given name and patronymic (Дарига
      Нурсултанкызы), which then meets only a name with that patronymic;
    - a capitalised title read as a surname or a given name (Ablai Khan, Kabanbay Batyr,
      Хан Абылай, Abul Khair Khan): the title;
    - a title with a name of two words and no surname ending (Салқам Жәңгір хан): two given names;
    - two initials read as given name and patronymic (K.Z. Tokayev): one double name's initials.
    """
    out: list[tuple[Person, bool]] = []
    if "," in text:
        return out
    full_given = [g for g in p.given if not is_initial(g)]
    sk = name_key(p.surname) if p.surname is not None else ""
    s_patr = is_kz_patronymic(sk)
    s_end = has_surname_suffix(sk) or s_patr
    if p.title is not None:
        if p.surname is not None and len(p.given) == 1 and full_given and not s_end:
            out.append((_reading(p, given=(*p.given, p.surname), surname=None), False))
        return out
    if p.surname is not None and p.patronymic is None and len(p.given) == 1 and full_given:
        g, sn = p.given[0], p.surname
        gk = name_key(g)
        g_patr = is_kz_patronymic(gk)
        g_end = has_surname_suffix(gk) or g_patr
        swap = _reading(p, given=(sn,), surname=g)
        if _is_caps(g) == _is_caps(sn) and g_end == s_end:
            out.append((swap, False))  # Алькей Маргулан: which one is the surname?
        elif _is_caps(sn) and g_patr and not _is_caps(g):
            out.append((swap, False))  # ҚАБАНБАЙ Қожақұлұлы
        if s_patr and not g_end:
            out.append((_reading(p, surname=None, patronymic=sn), True))  # Дарига Нурсултанкызы
        if sk in TITLE_KEYS and not g_end:
            out.append((_reading(p, surname=None, title=sn), False))  # Ablai Khan
        if gk in TITLE_KEYS and not s_end:
            out.append((_reading(p, given=(sn,), surname=None, title=g), False))  # Kabanbay Batyr
    elif (
        p.surname is not None
        and p.patronymic is None
        and len(full_given) == len(p.given) > 1
        and sk in TITLE_KEYS
    ):
        out.append((_reading(p, surname=None, title=p.surname), False))  # Abul Khair Khan
    initials = len(p.given) == 1 and not full_given and "-" not in p.given[0]
    if initials and p.patronymic is not None and is_initial(p.patronymic):  # K.Z. Tokayev: Kassym-Jomart
        out.append((_reading(p, given=(f"{p.given[0]}-{p.patronymic}",), patronymic=None), False))
    return out


# ---------------------------------------------------------------------------- part scores


def _typo(a: str, b: str) -> bool:
    """One edit (a letter changed, added, dropped, or two swapped) in keys of seven letters or more."""
    return min(len(a), len(b)) >= TYPO_MIN_LENGTH and OSA.distance(a, b, score_cutoff=1) <= 1


def _short_typo(a: str, b: str) -> bool:
    """One letter changed, or two swapped, in keys of five or six letters, not the first
    (Tazhin, Tazhen): asked only when the rest of the name is the same."""
    return (
        len(a) == len(b) >= SHORT_TYPO_MIN_LENGTH
        and a[0] == b[0]
        and a != b
        and OSA.distance(a, b, score_cutoff=1) <= 1
    )


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


_SOFT_VOWELS = frozenset({("o", "u"), ("u", "o"), ("i", "u"), ("u", "i"), ("i", "e"), ("e", "i")})
_SOFT_FIRST = frozenset({("š", "č"), ("č", "š"), ("u", "v"), ("v", "u"), ("o", "u"), ("u", "o")})
_SOFT, _HARD = 1, 3
CORRESPOND_LONG = 8


def _consonant(s: str, i: int) -> bool:
    return 0 <= i < len(s) and s[i] not in _KEY_VOWELS


def _soft_sub(a: str, i: int, b: str, j: int) -> bool:
    """``a[i]`` written for ``b[j]`` is one of the letter correspondences between Kazakh,
    Russian and foreign spellings of one name (see :func:`_correspond`)."""
    pair = (a[i], b[j])
    if pair in _SOFT_VOWELS:  # a vowel between consonants: not a glide
        if pair in {("i", "e"), ("e", "i")} and (i == 0 or j == 0):
            return False
        return (
            (i == 0 or _consonant(a, i - 1))
            and (j == 0 or _consonant(b, j - 1))
            and (i == len(a) - 1 or _consonant(a, i + 1))
            and (j == len(b) - 1 or _consonant(b, j + 1))
        )
    if pair in _LOOSE_CONSONANTS:
        return i > 0 and j > 0
    if pair in _LOOSE_FIRST:
        return i == 0 and j == 0
    if pair in {("u", "v"), ("v", "u")}:  # the w of Уәли, Вали, Wali; Auezov, Avezov
        return i + 1 < len(a) and j + 1 < len(b) and a[i + 1] in _KEY_VOWELS and b[j + 1] in _KEY_VOWELS
    return False


def _epenthetic(s: str, i: int) -> bool:
    """``s[i]`` is a vowel i between two consonants, inside the word: the Kazakh ы/і that
    Russian spelling leaves out (Әбіләзов, Аблязов; Мүсірепов, Мусрепов; Абылай, Аблай)."""
    return s[i] == "i" and 0 < i < len(s) - 1 and _consonant(s, i - 1) and _consonant(s, i + 1)


def _soft_vowel(s: str, i: int) -> bool:
    """``s[i:i+2]`` is ia, iu or io after a consonant: Russian я, ю, ё for a Kazakh ә, ү, ө
    after a consonant (Ляззат, Ләззат; Аблязов, Әбіләзов)."""
    return s[i : i + 1] == "i" and s[i + 1 : i + 2] in ("a", "u", "o") and _consonant(s, i - 1)


def _correspond(a: str, b: str) -> bool:
    """Two keys of one name written by different conventions: the same letters but for
    the correspondences between Kazakh, Russian and foreign spellings.

    The correspondences: the loose level's o ↔ u and i ↔ u between consonants, k ↔ x inside
    a word, š ↔ č as the first letter; i ↔ e between consonants (Әзірбаев, Азербаев); the
    w of Уәли written u or v (Вали, Wali; Auezov, Avezov: before a vowel); the Kazakh ы/і
    between consonants that Russian leaves out (Абылай, Аблай; Мүсірепов, Мусрепов); Russian
    я, ю, ё after a consonant for a Kazakh ә, ү, ө (Аблязов, Әбіләзов). Keys meet with at most
    two correspondences and nothing else, or, when both have eight letters or more, with one
    other edit besides (Velihanov, Уәлиханов). The first letters agree or correspond.
    """
    n, m = len(a), len(b)
    if a == b or min(n, m) < LOOSE_MIN_LENGTH or abs(n - m) > 2:
        return False
    if a[0] != b[0] and (a[0], b[0]) not in _SOFT_FIRST:
        return False
    long = min(n, m) >= CORRESPOND_LONG
    edits = 3 if long else 2  # each correspondence is one edit of the letters
    if Levenshtein.distance(a, b, score_cutoff=edits) > edits:
        return False
    return _align(a, b) if a <= b else _align(b, a)


@lru_cache(maxsize=20_000)
def _align(a: str, b: str) -> bool:
    """The cheapest alignment of two keys by correspondences (cost 1) and other edits (cost
    3), within the limit of :func:`_correspond`; a band of three letters either side."""
    n, m = len(a), len(b)
    limit = _HARD + _SOFT if min(n, m) >= CORRESPOND_LONG else 2 * _SOFT
    inf = limit + 1
    drop_a = [_SOFT if _epenthetic(a, i) else _HARD for i in range(n)]
    drop_b = [_SOFT if _epenthetic(b, j) else _HARD for j in range(m)]
    soft_a = [_soft_vowel(a, i) for i in range(n)]
    soft_b = [_soft_vowel(b, j) for j in range(m)]
    first = [inf] * (m + 1)
    first[0] = 0
    for j in range(1, min(m, 3) + 1):
        first[j] = min(first[j - 1] + drop_b[j - 1], inf)
    rows = [first]
    for i in range(1, n + 1):
        up = rows[i - 1]
        row = [inf] * (m + 1)
        x = a[i - 1]
        best = inf
        for j in range(max(0, i - 3), min(m, i + 3) + 1):
            here = up[j] + drop_a[i - 1]
            if j > 0:
                y = b[j - 1]
                diag = up[j - 1]
                if x != y:
                    diag += _SOFT if _soft_sub(a, i - 1, b, j - 1) else _HARD
                if diag < here:
                    here = diag
                left = row[j - 1] + drop_b[j - 1]
                if left < here:
                    here = left
                if x == y:
                    if i > 1 and soft_a[i - 2] and rows[i - 2][j - 1] + _SOFT < here:
                        here = rows[i - 2][j - 1] + _SOFT  # я for ә: lia, la
                    if j > 1 and soft_b[j - 2] and up[j - 2] + _SOFT < here:
                        here = up[j - 2] + _SOFT
            if here > inf:
                here = inf
            row[j] = here
            if here < best:
                best = here
        if best > limit:
            return False
        rows.append(row)
    return rows[n][m] <= limit


def _stems(key: str, stem: str) -> tuple[str, ...]:
    """A surname's stem, and for an -еев ending folded to -ев by the key the stem with its e
    (Букеев: buk, buke; Бөкейұлы: boke)."""
    if key.endswith(("ev", "eva")) and not stem.endswith("e"):
        return (stem, stem + "e")
    return (stem,)


_stem = lru_cache(maxsize=100_000)(surname_stem)


@lru_cache(maxsize=100_000)
def _surname_score(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Score two surnames (or single names), each given by its readings' keys."""
    if not a or not b:
        return 0.0
    best = 0.0
    for x in a:
        sx, gx, ex = _stem(x)
        for y in b:
            if x == y:
                return 100.0
            sy, gy, ey = _stem(y)
            ratio = fuzz.ratio(x, y)
            if gx is not None and gy is not None and gx != gy and ex and ey:
                best = max(best, min(ratio, _GENDER_CLASH))
                continue
            if ex and ey and (sx == sy or set(_stems(x, sx)) & set(_stems(y, sy))):
                score = _STEM_SCORE
            elif (ex or ey) and len(sx) >= TYPO_MIN_LENGTH and (sx == sy or _typo(sx, sy)):
                score = _BARE_STEM_SCORE  # Бөкейхан = Бөкейханов = Bukeikhanov
            elif _typo(x, y):
                score = max(ratio, SAME_NAME_SCORE)
            elif _loose(x, y) or (ex and ey and _loose(sx, sy)):
                score = _LOOSE_SCORE  # Қонаев = Кунаев
            elif (
                _correspond(x, y)
                or (ex and ey and any(_correspond(p, q) for p in _stems(x, sx) for q in _stems(y, sy)))
            ) and not _two_names((x,), (y,)):
                score = _LOOSE_SCORE  # Әбіләзов = Аблязов, Бөкейұлы = Букеев
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
            if len(stem) >= SHORT_STEM_MIN_LENGTH and (
                bare == stem or _loose(bare, stem) or _correspond(bare, stem)
            ):
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
        # English initials drop the h of Zh: Z. Aitzhanova = Жанар Айтжанова
        if initial.raw_initial[:1] == "z" and k[:1] == "j":
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
    if (a.raw_initial[:1] == "z" and kb == "j") or (b.raw_initial[:1] == "z" and ka == "j"):
        return True  # Z. Kassymbek = Zh. Kassymbek
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
            if _loose(x, y) or (not both_known and _correspond(x, y)):  # Болат = Булат, Абылай = Аблай
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


@lru_cache(maxsize=100_000)
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
            elif _loose(x, y) or _correspond(x, y):
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
    """The score of two names, the best over the readings of each (see :func:`_other_readings`)."""
    if len(a.person.raw) > MAX_NAME_LENGTH or len(b.person.raw) > MAX_NAME_LENGTH:
        return 100.0 if a.surname == b.surname and not a.given and not b.given else 0.0
    score = _score_one(a, b)
    if score < 100.0 and (a.alternatives or b.alternatives):
        for x in (a, *a.alternatives):
            for y in (b, *b.alternatives):
                if x is not a or y is not b:
                    score = max(score, _score_one(x, y))
    return round(score, 2)


def _years_clash(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Dates written with two names that cannot be one person's: both with birth and death
    years that differ, or no year in common (1899–1938 and born 1961)."""
    if not a or not b:
        return False
    if len(a) >= 2 and len(b) >= 2:
        return a[:2] != b[:2]
    return not set(a) & set(b)


def _two_names(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Both words are given names of the lexicon, and not the same one (Марат, Мұрат): no typo."""
    ca = frozenset[int]().union(*map(_given_classes, a))
    cb = frozenset[int]().union(*map(_given_classes, b))
    return bool(ca) and bool(cb) and not ca & cb


def _vowel_typo(a: str, b: str) -> bool:
    """One vowel written for another, or two letters swapped (Gennedy, Gennady)."""
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 2 or all(x in _KEY_VOWELS and y in _KEY_VOWELS for x, y in diff)


def _score_one(a: _Name, b: _Name) -> float:
    if _years_clash(a.years, b.years):
        return _FAIL / 2  # Ураз Джандосов (1899–1938), Ураз Джандосов (born 1961)
    for one, other in ((a, b), (b, a)):
        # Дарига Нурсултанкызы read as given name and patronymic: it meets only a name whose
        # patronymic and given names are written out (Назарбаева Дарига Нурсултановна)
        if one.needs_patronymic and (
            other.patronymic is None
            or other.patronymic.initial
            or not other.given
            or any(g.initial for g in other.given)
        ):
            return _FAIL / 2
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
    for lone, titled in ((a, b), (b, a)):
        lone_given = titled.title is not None and len(titled.given) == 1 and not titled.surname
        if lone.lone is not None and lone_given:
            score = min(_given_pair(lone.lone, titled.given[0]), _PARTIAL_SCORE)  # Аблай = Абылай хан
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
    written_out = not any(g.initial for g in (*a.given, *b.given))
    if parts.get("surname", 100.0) < SAME_NAME_SCORE and parts.get("given", 0.0) == 100.0 and written_out:
        if _short_bare(a.surname, b.surname):
            parts["surname"] = _SHORT_BARE_SCORE  # Mustafa Shokay = Mustafa Chokaev
        elif any(_short_typo(x, y) for x in a.surname for y in b.surname) and not _two_names(
            a.surname, b.surname
        ):
            parts["surname"] = _SHORT_TYPO_SCORE  # Marat Tazhin = Marat Tazhen
    if (
        parts.get("given", 100.0) < SAME_NAME_SCORE
        and parts.get("surname", 0.0) == 100.0
        and written_out
        and len(a.given) == len(b.given) == 1
        and not (a.given[0].classes and b.given[0].classes)
        and any(_short_typo(x, y) and _vowel_typo(x, y) for x in a.given[0].keys for y in b.given[0].keys)
    ):
        parts["given"] = _SHORT_TYPO_SCORE  # Gennedy Golovkin = Gennady Golovkin
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
