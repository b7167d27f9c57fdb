"""Person names: parse a full name into its parts, convert Kazakh and Russian forms.

:func:`parse_person` splits a full name written in any script and any order
(``TOKAYEV Kassym-Jomart``, ``Tokayev, Kassym-Jomart``, ``Токаев К.-Ж. К.``,
``Қасым-Жомарт Кемелұлы Тоқаев``) into given names, patronymic and surname, with
the :func:`~kztranslit.keys.name_key` of each part. The order is decided by the
parts' shapes, in this order:

1. a token before a comma is the surname (``Surname, Given``);
2. when three or more words are given, a Russian patronymic (-ович, -евич, -овна,
   -евна, -ична, -ич) that is not the first word, or a Kazakh one (-ұлы, -қызы, -uly,
   -qyzy; also written apart: ``Кемел ұлы``), is the patronymic; so is a -ович word
   after initials (``Токаев К.-Ж. Кемелевич``). In two words a -вич word is a surname
   (``Aleksandr Mashkevich``);
3. one word in capitals among words in title case is the surname (passport and
   registry lists: ``NAZARBAYEV Nursultan``);
4. a word ending like a surname (-ов/-ова, -ев/-ева, -ин/-ина, -ский/-ская, and
   -ұлы/-қызы when no other surname is there: ``Abai Qunanbaiuly``) that is not a
   known given name is the surname;
5. a word that is not a known given name, when all the others are; when all are,
   a surname ending of the other gender than another word's name marks a given
   name, not the surname (``Дияс Зарина``: Дияс is a man's name, so Зарина is given);
6. with a Russian patronymic last (``Токаев Касым-Жомарт Кемелевич``), the first word;
7. otherwise the last word (Western order).

Before these rules, a title is set apart (``Төле би``, ``Tole bi Alibekuly``, ``Қабанбай
батыр``, ``Abylai Khan``, ``ақын Жамбыл``): би/бий/bi/biy, батыр/batyr, хан/khan/han,
ақын/akyn, жырау/zhyrau, сал/sal, сері/seri. A title is a word of its own among at least
two, not before a comma, and either in lower case (among words that are not) or after a
full word, or joined to the name by a hyphen (``Аблай-хан``, ``Ablai-Khan``); батыр,
хан and ақын are also names (Батыр, Хан, Akın), so unless written in lower case they are
titles only after a known given name (``Abylai Khan``, but ``Zhamanov Batyr``, ``Imran
Khan``: not known, a surname), and :func:`title_may_be_name` says so. A title is not a
surname: with a title, one word left is the given name (``Töle Biy``).

Dates written with a name (``(1711–1781)``, ``(born 1961)``, ``, 1904–1985``) are set
apart first, as :attr:`Person.years`.

Known given names come from ``data/names/given_names.tsv`` when the file is
there (loaded on first use); the parser works without it, with rules 1–4 and 7.

:func:`to_russian_form` and :func:`to_kazakh_form` convert a name between its
Kazakh and Russian Cyrillic spellings (Тоқаев ↔ Токаев).

>>> p = parse_person("Токаев Касым-Жомарт Кемелевич")
>>> p.surname, p.given, p.patronymic, p.gender
('Токаев', ('Касым-Жомарт',), 'Кемелевич', 'm')
>>> parse_person("NAZARBAYEVA Dariga").surname_key
'nazarbaeva'
>>> to_russian_form("Сәрсенбайұлы"), to_kazakh_form("Токаев")
('Сарсенбайулы', 'Тоқаев')
>>> p = parse_person("Tole bi Alibekuly")
>>> p.given, p.title, p.surname
(('Tole',), 'bi', 'Alibekuly')
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ._data import Lazy, collector_paused, data_path
from .errors import DataError
from .keys import name_key
from .normalize import CYRILLIC_CHAR, check_text, clean, russian_style, sub_each_once, unify_punctuation

__all__ = [
    "TITLE_KEYS",
    "GivenName",
    "Person",
    "given_name_info",
    "is_initial",
    "parse_person",
    "patronymic_stem",
    "surname_stem",
    "title_may_be_name",
    "to_kazakh_form",
    "to_russian_form",
]

Gender = Literal["m", "f"]


# --------------------------------------------------------------------------- the lexicon


@dataclass(frozen=True, slots=True)
class GivenName:
    """One row of ``data/names/given_names.tsv``: a given name in its written forms.

    ``variants`` are other forms of the same name that are not its Kazakh or usual
    Russian spelling: an older Russian form (Чокан for Шоқан), the full form a Kazakh
    folk form comes from (Ибрагим for Ыбырай). They are matched, never written.
    """

    kk: str
    ru: str
    gender: Gender | None
    latin: tuple[str, ...]
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Lexicon:
    names: tuple[GivenName, ...]
    by_key: dict[str, frozenset[int]]  # name_key of any form → row numbers
    keys_of: tuple[frozenset[str], ...]  # row number → name_keys of all its forms
    kk_of_ru: dict[str, str]  # lower-case Russian form → Kazakh form
    ru_of_kk: dict[str, str]  # lower-case Kazakh form → Russian form


def _load_lexicon() -> _Lexicon:
    try:
        path = data_path("names", "given_names.tsv")
    except DataError:
        path = None
    names: list[GivenName] = []
    if path is not None and path.is_file():
        with path.open(encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
                kk, ru = (row.get("name_kk") or "").strip(), (row.get("name_ru") or "").strip()
                if not kk or not ru:
                    raise DataError(f"{path}: line {n}: name_kk and name_ru are required")
                g = (row.get("gender") or "").strip()
                gender: Gender | None = "m" if g == "m" else "f" if g == "f" else None
                latin = tuple(x.strip() for x in (row.get("latin") or "").split(";") if x.strip())
                variants = tuple(x.strip() for x in (row.get("variants") or "").split(";") if x.strip())
                names.append(GivenName(kk, ru, gender, latin, variants))
    by_key: dict[str, set[int]] = {}
    keys_of: list[frozenset[str]] = []
    kk_of_ru: dict[str, str] = {}
    ru_of_kk: dict[str, str] = {}
    for i, g in enumerate(names):
        row_keys = {k for k in map(name_key, (g.kk, g.ru, *g.latin, *g.variants)) if k}
        for k in row_keys:
            by_key.setdefault(k, set()).add(i)
        keys_of.append(frozenset(row_keys))
        # The first row wins, except that a row whose two forms are equal wins for its form.
        if g.ru.lower() not in kk_of_ru or g.kk == g.ru:
            kk_of_ru[g.ru.lower()] = g.kk
        if g.kk.lower() not in ru_of_kk or g.kk == g.ru:
            ru_of_kk[g.kk.lower()] = g.ru
    return _Lexicon(
        tuple(names), {k: frozenset(v) for k, v in by_key.items()}, tuple(keys_of), kk_of_ru, ru_of_kk
    )


_LEXICON: Lazy[_Lexicon] = Lazy(_load_lexicon)


def _lexicon() -> _Lexicon:
    return _LEXICON.get()


def given_name_info(name: str) -> tuple[GivenName, ...]:
    """The lexicon rows of a given name, found by key (any script or spelling); ``()`` if unknown.

    >>> [g.kk for g in given_name_info("Nursultan")]
    ['Нұрсұлтан']
    >>> given_name_info("Tokayev")
    ()
    """
    lex = _lexicon()
    rows = lex.by_key.get(name_key(check_text(name, name="name")), frozenset())
    return tuple(lex.names[i] for i in sorted(rows))


def _given_classes(key: str) -> frozenset[int]:
    return _lexicon().by_key.get(key, frozenset())


def _class_keys(classes: Iterable[int]) -> frozenset[str]:
    """The keys of every form of the given lexicon rows (Шоқан: šokan, čokan)."""
    keys_of = _lexicon().keys_of
    return frozenset[str]().union(*(keys_of[i] for i in classes))


def _kazakh_initials(classes: Iterable[int]) -> frozenset[str]:
    """The first letters, lower case, of the Kazakh forms of the given lexicon rows (Кенесары: к)."""
    names = _lexicon().names
    return frozenset(names[i].kk[:1].lower() for i in classes)


def _is_known_given(word: str, key: str) -> bool:
    """A given name of the lexicon, or a compound of them (Қасым-Жомарт)."""
    if _given_classes(key):
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(_given_classes(name_key(p)) for p in parts)


def _given_gender(key: str) -> Gender | None:
    lex = _lexicon()
    genders = {lex.names[i].gender for i in lex.by_key.get(key, ())}
    return genders.pop() if len(genders) == 1 else None


# ------------------------------------------------------------------ suffixes, on name keys

# Key forms of the endings (see kztranslit.keys: ұлы/улы/uly → "uli", қызы → "kizi",
# -ович → "ovič", -ский → "ski", -ская → "skaia").
_RU_PATRONYMIC_F = ("ovna", "evna", "ična")
_RU_PATRONYMIC_M = ("ovič", "evič", "ič")
# -oğlu/-ogly: the Turkish and Azerbaijani spelling of -ұлы (Kunanbayoğlu = Құнанбайұлы).
_KZ_PATRONYMIC: tuple[tuple[str, Gender], ...] = (("kizi", "f"), ("uli", "m"), ("oglu", "m"), ("ogli", "m"))
_KZ_ENDINGS = tuple(suffix for suffix, _ in _KZ_PATRONYMIC)
_SURNAME_F = ("skaia", "ova", "eva", "ina")
_SURNAME_M = ("ski", "ov", "ev", "in")
_SEPARATE_PATRONYMIC = frozenset(_KZ_ENDINGS)  # "Кемел ұлы", "Kemel uly", "Kunanbay oğlu"


def is_ru_patronymic(key: str) -> bool:
    """A key with a Russian patronymic ending (-ович, -евна, -ична, …)."""
    return len(key) > 5 and key.endswith((*_RU_PATRONYMIC_M, *_RU_PATRONYMIC_F))


def is_kz_patronymic(key: str) -> bool:
    """A key with a Kazakh patronymic ending (-ұлы, -қызы; Turkish -oğlu), which may also be a surname."""
    return len(key) > 5 and key.endswith(_KZ_ENDINGS)


def has_surname_suffix(key: str) -> bool:
    """A key with a Russian-style surname ending (-ов, -ева, -ин, -ский, …)."""
    return len(key) > 4 and key.endswith((*_SURNAME_F, *_SURNAME_M))


def surname_stem(key: str) -> tuple[str, Gender | None, bool]:
    """The stem of a surname key, the gender its ending shows, and whether it had an ending.

    The -ов/-ев/-ин, -ова/-ева/-ина, -ский/-ская and -ұлы/-қызы endings are removed,
    then a final ``i`` (й) after a vowel, so that Сарсенбаев and Сәрсенбайұлы meet:

    >>> surname_stem("sarsenbaev"), surname_stem("sarsenbaiuli")
    (('sarsenba', 'm', True), ('sarsenba', 'm', True))
    >>> surname_stem("nazarbaeva")
    ('nazarba', 'f', True)
    >>> surname_stem("mami")
    ('mami', None, False)
    """
    if len(key) > 5:
        for suffix, g in _KZ_PATRONYMIC:
            if key.endswith(suffix):
                return _drop_glide(key[: -len(suffix)]), g, True
    if len(key) > 4:
        for suffix in _SURNAME_F:
            if key.endswith(suffix):
                return _drop_glide(key[: -len(suffix)]), "f", True
        for suffix in _SURNAME_M:
            if key.endswith(suffix):
                return _drop_glide(key[: -len(suffix)]), "m", True
    return key, None, False


def patronymic_stem(key: str) -> tuple[str, Gender | None]:
    """The father's name inside a patronymic key, and the gender the ending shows.

    >>> patronymic_stem("kemelevič"), patronymic_stem("kemeluli"), patronymic_stem("nursultanovna")
    (('kemel', 'm'), ('kemel', 'm'), ('nursultan', 'f'))
    >>> patronymic_stem("abaevič"), patronymic_stem("abaiuli")
    (('aba', 'm'), ('aba', 'm'))
    """
    for suffix, g in _KZ_PATRONYMIC:
        if key.endswith(suffix) and len(key) > len(suffix):
            return _drop_glide(key[: -len(suffix)]), g
    ru: tuple[tuple[tuple[str, ...], Gender], ...] = ((_RU_PATRONYMIC_F, "f"), (_RU_PATRONYMIC_M, "m"))
    for suffixes, gender in ru:
        for suffix in suffixes:
            if key.endswith(suffix) and len(key) > len(suffix):
                return _drop_glide(key[: -len(suffix)]), gender
    return key, None


def _drop_glide(stem: str) -> str:
    """Drop a final й (``i``) after a vowel: Сарсенбай-ұлы and Сарсенба-ев share the stem."""
    if len(stem) > 2 and stem[-1] == "i" and stem[-2] in "aeou":
        return stem[:-1]
    return stem


# ------------------------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class Person:
    """A person's name split into its parts, with the matching key of each part.

    ``given`` holds the given names (or their initials, as written: ``"К.-Ж."``),
    ``patronymic`` the patronymic (``Кемелұлы``, ``Кемелевич``, ``К.``) and ``surname``
    the surname, each as written in ``raw`` after :func:`~kztranslit.normalize.clean`.
    ``gender`` is what the surname or patronymic ending or a known given name shows.
    ``title`` is a title written with the name (``би`` in ``Төле би``, ``Khan`` in
    ``Abylai Khan``), never counted as a surname, and ``title_key`` its key (``bi``).
    ``years`` are the years written with the name (``Абылай хан (1711–1781)``,
    ``Маргулан, Алькей Хаканович, 1904–1985``), in the order written; they are not words
    of the name.
    """

    raw: str
    given: tuple[str, ...]
    patronymic: str | None
    surname: str | None
    gender: Gender | None
    given_keys: tuple[str, ...]
    patronymic_key: str | None
    surname_key: str | None
    title: str | None = None
    title_key: str | None = None
    years: tuple[int, ...] = ()

    @property
    def initials_only(self) -> bool:
        """True when every given name is written as an initial (``К.-Ж. Токаев``)."""
        return bool(self.given) and all(is_initial(g) for g in self.given)


_INITIAL = re.compile(r"(?:[^\W\d_]{1,3}\.|[^\W\d_])(?:-(?:[^\W\d_]{1,3}\.|[^\W\d_]))*")
_SPLIT_INITIALS = re.compile(r"(?<=\.)(?=[^\W\d_])")
_STRIP = "\"'()[]{}<>«»;:!?"


def is_initial(token: str) -> bool:
    """True for an initial or hyphenated initials: ``K.``, ``Zh.``, ``К.-Ж.``, ``K``.

    >>> is_initial("К.-Ж."), is_initial("Zh."), is_initial("Zhomart"), is_initial("Ten")
    (True, True, False, False)
    """
    return _INITIAL.fullmatch(token) is not None


_BRACKETED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_DATE_WORD = re.compile(r"[\d.?~/–—-]*\d[\d.?~/–—-]*")
_YEAR = re.compile(r"(?<!\d)(\d{3,4})(?!\d)")


def _take_years(text: str) -> tuple[str, tuple[int, ...]]:
    """The name without the dates written with it, and their years.

    A bracketed part with a digit in it (``(1711–1781)``, ``(born 1961)``) and a word made of
    digits and dashes (``1904–1985``) are dates, not words of the name.
    """
    if not any(c.isdigit() for c in text):
        return text, ()
    years: list[int] = []

    def bracketed(m: re.Match[str]) -> str:
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        if not any(c.isdigit() for c in inner):
            return m.group()
        years.extend(int(y) for y in _YEAR.findall(inner))
        return " "

    text = _BRACKETED.sub(bracketed, text)
    words = []
    for w in text.split(" "):
        core = w.strip(",;:()[]")
        if core and _DATE_WORD.fullmatch(core):
            years.extend(int(y) for y in _YEAR.findall(core))
            w = w.replace(core, "")
        words.append(w)
    return " ".join(words), tuple(years)


def _split_title(word: str) -> list[str]:
    """``Аблай-хан``, ``Кабанбай-батыр``, ``Казыбек-би``: the name and the hyphenated title."""
    head, sep, tail = word.rpartition("-")
    if sep and head and tail and name_key(tail) in TITLE_KEYS and not is_initial(word):
        return [head, tail]
    return [word]


def _tokens(text: str) -> tuple[list[str], int]:
    """Words of a name (initials glued as ``А.Б.`` split), and how many came before a comma."""
    words: list[str] = []
    before_comma = -1
    for chunk_no, chunk in enumerate(text.split(",")):
        if chunk_no == 1:
            before_comma = len(words)
        for raw in chunk.split():
            w = raw.strip(_STRIP)
            if not w or not any(c.isalnum() for c in w):
                continue
            words.extend(p for p in _SPLIT_INITIALS.split(w) if p)
    return words, before_comma


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _gender_of(
    surname_key: str | None,
    patronymic_key: str | None,
    given_keys: Iterable[str],
    given_words: Iterable[str] = (),
) -> Gender | None:
    if surname_key:
        _, g, _ = surname_stem(surname_key)
        if g is not None and (has_surname_suffix(surname_key) or is_kz_patronymic(surname_key)):
            return g
    if patronymic_key and len(patronymic_key) > 2:
        _, pg = patronymic_stem(patronymic_key)
        if pg is not None:
            return pg
    genders = {_given_gender(k) for k in given_keys if len(k) > 1}
    genders.discard(None)
    if not genders:  # a compound name: the gender of its parts (Қасым-Жомарт)
        genders = {_given_gender(name_key(p)) for w in given_words for p in w.split("-") if len(p) > 1}
        genders.discard(None)
    return genders.pop() if len(genders) == 1 else None


# Titles written with a name, by key: би/бий/bi/biy, батыр/batyr/batır, хан/khan/han,
# ақын/akyn/aqyn, жырау/zhyrau, сал/sal and сері/seri (the singer-poets: Біржан сал, Ақан сері).
TITLE_KEYS = frozenset({"bi", "batir", "xan", "akin", "jirau", "sal", "seri"})
# Titles that are also given names or surnames (Батыр; Хан, Khan; Akın).
_NAME_LIKE_TITLES = frozenset({"batir", "xan", "akin"})


def _written_as_title(word: str, words: Iterable[str]) -> bool:
    """A word in lower case among words that are not (Қабанбай батыр): written as a title.

    In a name written all in lower case, case tells nothing.
    """
    return word == word.lower() and any(w != w.lower() for w in words)


def title_may_be_name(person: Person) -> bool:
    """The person's title is also a name (Хан, Batyr) and is not written as a title.

    >>> title_may_be_name(parse_person("Viktor Khan")), title_may_be_name(parse_person("Абылай хан"))
    (True, False)
    """
    if person.title is None or person.title_key not in _NAME_LIKE_TITLES:
        return False
    return not _written_as_title(person.title, clean(person.raw).split())


def _title_index(words: list[str], keys: list[str], before_comma: int) -> int | None:
    """The index of the word that is a title (Төле *би*, Abylai *Khan*), if one is."""
    full = [i for i, w in enumerate(words) if not is_initial(w)]
    if len(full) < 2:
        return None
    for i in full:
        if keys[i] not in TITLE_KEYS or i < before_comma:
            continue
        lower = _written_as_title(words[i], words)
        after_name = i > 0 and not is_initial(words[i - 1]) and keys[i - 1] not in TITLE_KEYS
        if keys[i] in _NAME_LIKE_TITLES and not lower:
            # Abylai Khan, but Viktor Khan's Хан and Zhamanov Batyr's Batyr are names
            if not (after_name and _is_known_given(words[i - 1], keys[i - 1])):
                continue
            if has_surname_suffix(keys[i - 1]) or is_kz_patronymic(keys[i - 1]):
                continue
        elif not (lower or after_name):
            continue
        return i
    return None


@lru_cache(maxsize=50_000)
def _parse(text: str) -> Person:
    s, years = _take_years(unify_punctuation(clean(text)).strip())
    words, before_comma = _tokens(s)
    hyphen_title: str | None = None
    if any("-" in w for w in words):
        split: list[str] = []
        for n, w in enumerate(words):
            parts = _split_title(w)
            if len(parts) == 2:
                hyphen_title = parts[1]
                if n < before_comma:
                    before_comma += 1
            split.extend(parts)
        words = split
    # "Кемел ұлы" / "Kemel qyzy": the separate word joins the name before it.
    merged: list[str] = []
    for w in words:
        if merged and not is_initial(merged[-1]) and name_key(w) in _SEPARATE_PATRONYMIC:
            merged[-1] = f"{merged[-1]} {w}"
            if before_comma > len(merged):
                before_comma -= 1
        else:
            merged.append(w)
    words = merged
    keys = [name_key(w.replace(" ", "")) for w in words]
    title: str | None = None
    title_key: str | None = None
    t = _title_index(words, keys, before_comma)
    if t is None and hyphen_title is not None and len(words) > 1:
        t = words.index(hyphen_title)  # a hyphenated title is a title: Ablai-Khan
    if t is not None:
        title, title_key = words.pop(t), keys.pop(t)
    full = [i for i, w in enumerate(words) if not is_initial(w)]
    initials = [i for i, w in enumerate(words) if is_initial(w)]
    known = {i for i in full if _is_known_given(words[i], keys[i])}

    patronymic: int | None = None
    surname: int | None = None
    # Rule 1: "Surname, Given ..."
    if before_comma == 1 and full and full[0] == 0:
        surname = 0
    # Rule 2: the patronymic.
    ru_patr = [i for i in full if is_ru_patronymic(keys[i]) and i != surname]
    kz_patr = [i for i in full if is_kz_patronymic(keys[i]) and i != surname]
    if len(full) >= 3:
        # Not the first word (there it is a surname: Машкевич Александр Антонович); between
        # the given name and the surname, or else last (Токаев Касым-Жомарт Кемелевич).
        ru_cands = [i for i in ru_patr if i != full[0]]
        if ru_cands:
            middle = [i for i in ru_cands if i != full[-1]]
            patronymic = middle[0] if middle else ru_cands[-1]
        elif kz_patr:
            middle = [i for i in kz_patr if i not in (full[0], full[-1])]
            patronymic = middle[0] if middle else kz_patr[-1] if len(kz_patr) > 1 else None
            if patronymic is None:
                others = [i for i in full if i != kz_patr[0] and i != surname]
                if any(has_surname_suffix(keys[i]) and i not in known for i in others) or surname is not None:
                    patronymic = kz_patr[0]
    elif len(full) == 2 and ru_patr == [full[1]] and surname is None and full[1] - 1 in initials:
        patronymic = full[1]  # "Токаев К.-Ж. Кемелевич"; but "Aleksandr Mashkevich" is a surname
    rest = [i for i in full if i not in (patronymic, surname)]
    lone_given = len(full) == 1 and (full[0] in known or title is not None) and not initials
    if surname is None and rest and not lone_given:
        surname = _pick_surname(words, keys, rest, known, patronymic, full)
    given_idx = [i for i in full if i not in (patronymic, surname)]
    given_initials = list(initials)
    if patronymic is None and given_initials:
        if given_idx and len(given_initials) == 1 and given_initials[0] > given_idx[-1]:
            patronymic = given_initials.pop()  # "Kassym-Jomart K. Tokayev"
        elif not given_idx and len(given_initials) >= 2:
            patronymic = given_initials.pop()  # "Кулибаев Т. А."
    given = [words[i] for i in sorted(given_idx + given_initials)]
    given_keys = tuple(name_key(g) for g in given)
    patronymic_key = keys[patronymic] if patronymic is not None else None
    surname_key = keys[surname] if surname is not None else None
    return Person(
        raw=text,
        given=tuple(given),
        patronymic=words[patronymic] if patronymic is not None else None,
        surname=words[surname] if surname is not None else None,
        gender=_gender_of(surname_key, patronymic_key, given_keys, given),
        given_keys=given_keys,
        patronymic_key=patronymic_key,
        surname_key=surname_key,
        title=title,
        title_key=title_key,
        years=years,
    )


def _pick_surname(
    words: list[str],
    keys: list[str],
    rest: list[int],
    known: set[int],
    patronymic: int | None,
    full: list[int],
) -> int:
    if len(rest) == 1:
        return rest[0]
    # Rule 3: one word in capitals among words that are not.
    caps = [i for i in rest if _is_caps(words[i])]
    if len(caps) == 1 and any(not _is_caps(words[i]) for i in full):
        return caps[0]
    # Rule 4: a surname ending, on a word that is not a known given name.
    suffixed = [i for i in rest if has_surname_suffix(keys[i]) and i not in known]
    if len(suffixed) == 1:
        return suffixed[0]
    kz = [i for i in rest if is_kz_patronymic(keys[i]) and i not in known]
    if not suffixed and len(kz) == 1:
        return kz[0]
    # Rule 5: the one word that is not a known given name.
    unknown = [i for i in rest if i not in known]
    if len(unknown) == 1:
        return unknown[0]
    # Rule 5b: all are known given names; a surname ending of the other gender than another
    # word's name is a given name's (Дияс Зарина: Дияс is a man's name, so Зарина is given).
    if not unknown:
        genders = {i: _given_gender(keys[i]) for i in rest}
        plausible = [i for i in rest if not _ending_clashes(keys[i], i, genders)]
        if len(plausible) == 1:
            return plausible[0]
    # Rule 6: Russian official order, "Surname Given Patronymic".
    if patronymic is not None and patronymic == full[-1] and len(full) >= 3:
        return rest[0]
    # Rule 7: Western order.
    return rest[-1]


def _ending_clashes(key: str, index: int, genders: dict[int, Gender | None]) -> bool:
    """The surname ending of ``key`` shows a gender that the given name of another word has not."""
    if not has_surname_suffix(key):
        return False
    _, g, _ = surname_stem(key)
    return any(other is not None and other != g for i, other in genders.items() if i != index)


def parse_person(text: str) -> Person:
    """Split a person's full name into given names, patronymic and surname.

    Any script and any order; initials (``К.-Ж.``, ``Zh.``) stay initials. The rules
    are listed in the module documentation.

    >>> p = parse_person("Қасым-Жомарт Кемелұлы Тоқаев")
    >>> p.given, p.patronymic, p.surname, p.surname_key
    (('Қасым-Жомарт',), 'Кемелұлы', 'Тоқаев', 'tokaev')
    >>> parse_person("Tokayev, Kassym-Jomart").given_keys
    ('kasimjomart',)
    >>> p = parse_person("Кулибаев Т. А.")
    >>> p.surname, p.given, p.patronymic
    ('Кулибаев', ('Т.',), 'А.')
    >>> parse_person("Abai Qunanbaiuly").surname       # a -uly name with no other surname
    'Qunanbaiuly'
    >>> parse_person("Nazarbayeva A.").gender
    'f'

    A text longer than :data:`MAX_NAME_LENGTH` is no name: it comes back whole as one
    opaque surname (keyed, not parsed), so that time stays linear in the text.
    """
    check_text(text)
    if len(text) > MAX_NAME_LENGTH:
        return Person(text, (), None, text, None, (), None, name_key(text))
    return _parse(text)


#: Characters: a longer text is no person's name (the longest real ones run to about a
#: hundred); :func:`parse_person` and the matchers take it as one opaque word.
MAX_NAME_LENGTH = 300


# ------------------------------------------------------------------- Kazakh ↔ Russian


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def _match_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def to_russian_form(name: str) -> str:
    """The Russian Cyrillic spelling of a Kazakh Cyrillic name.

    A known given name takes its conventional Russian form from the lexicon
    (Бақыт → Бахыт); other words lose the Kazakh letters (ә→а, ғ→г, қ→к, ң→н, ө→о,
    ұ→у, ү→у, һ→х, і→и). Surnames whose Russian spelling was fixed differently
    (Қажыгелдин, officially Кажегельдин) are out of reach of rules.

    >>> to_russian_form("Нұрсұлтан Әбішұлы Назарбаев")
    'Нурсултан Абишулы Назарбаев'
    >>> to_russian_form("ТОҚАЕВ Қасым-Жомарт")
    'ТОКАЕВ Касым-Жомарт'
    """
    s = clean(check_text(name, name="name"))
    lex = _lexicon()

    def word(m: re.Match[str]) -> str:
        w = m.group()
        known = lex.ru_of_kk.get(w.lower())
        if known is not None:
            return _match_case(w, known)
        return russian_style(w)

    return _WORD.sub(word, s)


_BACK = frozenset("аоыұ")
_FRONT = frozenset("еэәөүі")
_VOWELS = frozenset("аоыұеэәөүіиуяюё")
_RU_SUFFIXES = (
    ("улы", "ұлы"), ("кызы", "қызы"), ("ова", "ова"), ("ева", "ева"), ("ов", "ов"), ("ев", "ев"),
    ("ина", "ина"), ("ин", "ин"),
)  # fmt: skip


def _vowel_u(s: str, i: int) -> bool:
    """True when the у at ``i`` is a vowel: no vowel next to it (я and ю begin with й)."""
    before = s[i - 1] if i > 0 else ""
    after = s[i + 1] if i + 1 < len(s) else ""
    return before not in _VOWELS and (after not in _VOWELS or after in "яю")


def _harmony(stem: str) -> str:
    letters = set(stem)
    back, front = bool(letters & _BACK), bool(letters & _FRONT)
    if back == front:  # no vowel quality to go by, or a compound of both kinds: leave it
        return stem
    out = []
    for i, c in enumerate(stem):
        if back and c == "к":
            c = "қ"
        elif back and c == "г":
            c = "ғ"
        elif c == "у" and _vowel_u(stem, i):
            c = "ұ" if back else "ү"
        elif front and c == "и":
            c = "і"
        out.append(c)
    return "".join(out)


def _kazakh_word(word: str, lex: _Lexicon) -> str:
    low = word.lower()
    known = lex.kk_of_ru.get(low)
    if known is not None:
        return known
    for ru, kk in _RU_SUFFIXES:
        if low.endswith(ru) and len(low) > len(ru) + 2:
            return _harmony(low[: -len(ru)]) + kk
    return _harmony(low)


def to_kazakh_form(name: str) -> str:
    """The Kazakh Cyrillic spelling of a Russian Cyrillic name, as far as rules allow.

    A known given name takes its Kazakh form from the lexicon (Алихан → Әлихан).
    Other words follow vowel harmony on the stem (the surname ending -ов, -ев, -ин,
    -улы, -кызы set apart): in a word with back vowels only (а о ы) к → қ, г → ғ and
    a vowel у → ұ; in a word with front vowels only (е э) и → і and a vowel у → ү.

    Limits: Russian spelling has lost what the rules would need to restore ә, ө, ү
    and ы (Сарсенбаев stays Сарсенбаев, not Сәрсенбаев; Кулибаев becomes Құлибаев, not
    Құлыбаев); words with vowels of both kinds (compounds) are left as they are; х is
    not turned into қ or һ; ь is kept.

    >>> to_kazakh_form("Токаев Касым-Жомарт")
    'Тоқаев Қасым-Жомарт'
    >>> to_kazakh_form("Жумагулов"), to_kazakh_form("Келимбетов"), to_kazakh_form("Сулейменов")
    ('Жұмағұлов', 'Келімбетов', 'Сүлейменов')
    """
    s = clean(check_text(name, name="name"))
    lex = _lexicon()

    def word(w: str) -> str:
        return _match_case(w, _kazakh_word(w, lex)) if CYRILLIC_CHAR.search(w) else w

    with collector_paused() if len(s) > 200 else contextlib.nullcontext():  # a long text: no cycles
        return sub_each_once(_WORD, word, s)
