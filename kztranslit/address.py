"""Addresses and designators: the words around a place name, and the parts of an address.

A Kazakh address names a place with a *designator* — the word that says what kind of
place it is — before or after the name, in Russian, Kazakh, English or a romanization:
``с. Акдала``, ``Ақдала ауылы``, ``Akdala village``, ``Арысский р-н``, ``Арыс ауданы``,
``Sairam district``, ``Туркестанская обл.``. The designators live in one data file,
``data/gazetteer/designators.tsv`` (the form, its language, what it designates, whether it
comes before or after the name, and whether KATO itself uses it), shared by the gazetteer
build (which splits KATO's official names) and the geocoder (which reads queries).

:func:`parse_address` cuts a query into :class:`AddressPart` s — a name and what its
designator says it is — at commas, and inside a part where designators mark the
boundaries (``Алматы облысы Қарасай ауданы Шалқар ауылы`` is three parts).

Designators are compared by :func:`~kztranslit.name_key`, so every spelling of one counts
(``oblastʹ`` = ``oblast`` = ``область``); an abbreviation with a dot needs its dot (``с.`` is
a designator, the Russian preposition ``с`` is not). Kazakh forms ending in ``*`` match
their case endings (``ауданында``, ``облысының``).

>>> [(p.name, p.status) for p in parse_address("с. Акдала, Арысский р-н, Туркестанская обл.")]
[('Акдала', 'village'), ('Арысский', 'district'), ('Туркестанская', 'region')]
>>> [(p.name, p.status) for p in parse_address("Алматы облысы Қарасай ауданы Шалқар ауылы")]
[('Алматы', 'region'), ('Қарасай', 'district'), ('Шалқар', 'village')]
>>> adjective_stem("Теректинского")
'terektinsk'
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from ._data import data_path
from .errors import DataError
from .keys import name_key
from .normalize import clean, unify_punctuation

__all__ = [
    "STATUSES",
    "AddressPart",
    "Designator",
    "adjective_stem",
    "bare_keys",
    "designators",
    "nominative",
    "parse_address",
    "split_designators",
]

#: What a designator can say a place is, from the largest unit to the smallest.
STATUSES = (
    "region", "district", "city_administration", "rural_district", "microdistrict",
    "city", "settlement", "village", "station", "siding", "named",
)  # fmt: skip
#: The statuses that name a settlement (a place people live in or a railway point).
SETTLEMENT_STATUSES = frozenset({"city", "settlement", "village", "station", "siding"})


@dataclass(frozen=True, slots=True)
class Designator:
    """One row of ``designators.tsv``: a word that says what kind of place a name is."""

    form: str
    lang: str
    status: str
    position: str  # "before", "after", "both", or "start" (lower case, first word of a part only)
    kato: bool  # KATO itself writes it (the build splits official names on these)
    prefix: bool  # a Kazakh stem that matches its case endings (form written with "*")


@dataclass(frozen=True, slots=True)
class AddressPart:
    """One part of an address: a name and what its designator says it is (``None``: nothing)."""

    name: str
    status: str | None = None


# "с.Акдала" → "с. Акдала": a dot directly followed by a letter ends an abbreviation.
_DOT = re.compile(r"\.(?=[^\W_])")
# "№5" and "N 5" stay with their number; any other sign is a word boundary.
_SPACES = re.compile(r"\s+")


def _spaced(text: str) -> str:
    return _SPACES.sub(" ", _DOT.sub(". ", text)).strip()


def _token_key(token: str) -> str:
    key = name_key(token)
    return key + "." if token.endswith(".") else key


@cache
def designators() -> tuple[Designator, ...]:
    """Every designator of ``data/gazetteer/designators.tsv``, longest first."""
    path = data_path("gazetteer", "designators.tsv")
    rows: list[Designator] = []
    with path.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
            form = (row.get("form") or "").strip()
            status = row.get("status") or ""
            position = row.get("position") or ""
            if not form or status not in STATUSES or position not in ("before", "after", "both", "start"):
                raise DataError(f"{path}:{line}: bad designator row {row!r}")
            prefix = form.endswith("*")
            rows.append(Designator(form.rstrip("*"), row.get("lang") or "", status, position,
                                   (row.get("kato") or "") == "yes", prefix))  # fmt: skip
    rows.sort(key=lambda d: -len(_spaced(d.form).split(" ")))
    return tuple(rows)


@cache
def _table() -> tuple[dict[tuple[str, ...], Designator], dict[int, list[tuple[str, ...]]], int]:
    """Exact designators by their token keys, the Kazakh stems by word count, the longest form."""
    exact: dict[tuple[str, ...], Designator] = {}
    stems: dict[int, list[tuple[str, ...]]] = {}
    longest = 1
    for d in designators():
        keys = tuple(_token_key(t) for t in _spaced(d.form).split(" "))
        longest = max(longest, len(keys))
        if d.prefix:
            stems.setdefault(len(keys), []).append(keys)
            exact.setdefault(("*", *keys), d)
        else:
            exact.setdefault(keys, d)
    return exact, stems, longest


@cache
def _firsts() -> tuple[frozenset[str], tuple[str, ...]]:
    """The first word keys of the exact designators, and of the Kazakh stems: a word that is
    neither begins no designator (most words of an address, checked in one lookup)."""
    exact, stems, _longest = _table()
    return frozenset(k[0] for k in exact if k[0] != "*"), tuple({s[0] for ss in stems.values() for s in ss})


def _match(
    keys: list[str], i: int, *, after: bool, tokens: list[str] | None = None
) -> tuple[Designator, int] | None:
    """The longest designator at ``keys[i:]``; Kazakh stems only where a name came before;
    a "start" designator only as the first word, in lower case."""
    firsts, stem_firsts = _firsts()
    first = keys[i]
    if first not in firsts and not (after and first.rstrip(".").startswith(stem_firsts)):
        return None
    exact, stems, longest = _table()
    for n in range(min(longest, len(keys) - i), 0, -1):
        window = tuple(keys[i : i + n])
        found = exact.get(window)
        if found is not None:
            if found.position == "start" and (i > 0 or tokens is None or not tokens[i][:1].islower()):
                continue
            return found, n
        if after:
            for stem in stems.get(n, ()):
                starts = all(w.rstrip(".").startswith(s) for w, s in zip(window, stem, strict=True))
                if starts and window[-1] != stem[-1]:
                    return exact[("*", *stem)], n
    return None


def split_designators(name: str) -> tuple[str, Designator | None]:
    """A name without the designators written before or after it, and the innermost one.

    >>> name, d = split_designators("Акдалинский с.о.")
    >>> name, d.status
    ('Акдалинский', 'rural_district')
    >>> split_designators("с.им.Абая")[0]
    'Абая'
    """
    tokens = _spaced(unify_punctuation(clean(name))).split(" ")
    keys = [_token_key(t) for t in tokens]
    found: Designator | None = None
    start, end = 0, len(tokens)
    while start < end:
        m = _match(keys[:end], start, after=False, tokens=tokens)
        if m is None or m[0].position == "after" or start + m[1] >= end:
            break
        if m[0].status != "named":
            found = m[0]
        start += m[1]
    while end > start + 1:
        for n in range(min(_table()[2], end - start - 1), 0, -1):
            m = _match(keys[:end], end - n, after=True)
            if m is not None and m[1] == n and m[0].position in ("after", "both"):
                found, end = m[0], end - n
                break
        else:
            break
    return " ".join(tokens[start:end]), found


def parse_address(text: str) -> list[AddressPart]:
    """The parts of an address, in the order written: names with what their designators say.

    Commas, semicolons and brackets separate parts; inside a part, a designator written
    after a name closes that name's part (Kazakh and English: ``Қарасай ауданы``,
    ``Sairam district``) and one written before a name opens a new part (Russian:
    ``с. Акдала``, ``район Ақсуат``). English ``of`` after a designator is skipped
    (``city of Almaty``).

    >>> [(p.name, p.status) for p in parse_address("Akdala village, Arys, Turkestan region")]
    [('Akdala', 'village'), ('Arys', None), ('Turkestan', 'region')]
    >>> [(p.name, p.status) for p in parse_address("область Абай Аягозский район ст. Тансык")]
    [('Абай', 'region'), ('Аягозский', 'district'), ('Тансык', 'station')]
    """
    s = unify_punctuation(clean(text))
    if s.isalpha():
        return [AddressPart(s, None)]  # one word of letters: a name, whatever word it is
    parts: list[AddressPart] = []
    for chunk in re.split(r"[,;()\[\]\n]+", s):
        tokens = [t for t in _spaced(chunk).split(" ") if t and t not in ("-", "–")]
        keys = [_token_key(t) for t in tokens]
        name: list[str] = []
        status: str | None = None
        i = 0
        while i < len(tokens):
            m = _match(keys, i, after=bool(name), tokens=tokens)
            if m is not None and m[0].status == "named":
                name += tokens[i : i + m[1]]  # "им. Абая" stays one name (the geocoder tries both)
                i += m[1]
                continue
            if m is not None:
                d, n = m
                if name and d.position in ("after", "both"):
                    if status is not None and len(name) > 1:
                        # "область Абай Аягозский район": the last word is the district's
                        parts.append(AddressPart(" ".join(name[:-1]), status))
                        name = name[-1:]
                    parts.append(AddressPart(" ".join(name), d.status))
                    name, status = [], None
                    i += n
                    continue
                if d.position in ("before", "both", "start") and i + n < len(tokens):
                    if name:
                        parts.append(AddressPart(" ".join(name), status))
                        name = []
                    status = d.status
                    i += n
                    if i < len(tokens) and keys[i] in ("of", "the"):
                        i += 1
                    continue
            name.append(tokens[i])
            i += 1
        if name:
            parts.append(AddressPart(" ".join(name), status))
    return [p for p in parts if name_key(p.name) or p.name.strip(" .-\"'«»")]


# Russian adjectives: the endings of every case, number and gender, after "-ск-"
# (Теректинский, Теректинского, Теректинском, Теректинская, Теректинской…), by name key.
_ADJECTIVE = re.compile(
    r"sk(?:ii|ij|i|ogo|omu|om|im|imi|ix|oe|oi|oj|aia|aja|uiu|uju|aa|ia|oy|iy|yi|ya|aya|oye)$"
)


def adjective_stem(word: str) -> str | None:
    """The name key of a Russian adjective up to its ``-sk``, or ``None`` for another word.

    Every case and gender of one adjective meets (``Теректинский`` / ``Теректинского`` /
    ``Terektinskiy`` / ``Terektinskij``); the stem keeps its ``-sk``, so it never equals a
    bare name (``Абайский`` → ``abaisk``, ``Абай`` → ``abai``).

    >>> adjective_stem("Аршалынский") == adjective_stem("Aršalynskiy") == adjective_stem("Arshalynskiy")
    True
    >>> adjective_stem("Акдала") is None
    True
    """
    key = name_key(word)
    m = _ADJECTIVE.search(key)
    if m is None or m.start() < 2:
        return None
    return key[: m.start() + 2]


def bare_keys(stem: str) -> list[str]:
    """Name keys of the names a Russian adjective can be formed from, by the rules of Russian
    word formation, given its :func:`adjective_stem`: ``-инский`` from a name in ``-ы/-и/-а``
    or ``-ин``, ``-овский`` from ``-овка``/``-ово``/``-ов``, ``-ский`` from a name ending in a
    consonant (``Арысский`` → ``Арыс``; a name key writes a double letter once, so the stem's
    last letter may be the name's).

    >>> "terekti" in bare_keys(adjective_stem("Теректинский"))
    True
    >>> "aris" in bare_keys(adjective_stem("Арысский"))
    True
    """
    base = stem[:-2]
    out = [base, stem[:-1]]
    if base.endswith("in"):
        out += [base[:-2] + "i", base[:-2] + "a", base[:-2] + "ia", base[:-2]]
    elif base.endswith("n"):
        out += [base[:-1] + "i", base[:-1]]
    if base.endswith(("ov", "ev")):
        out += [base + "ka", base[:-2] + "oe", base + "o"]
    out += [base + "a", base + "i", base + "oe", base + "e"]
    seen: list[str] = []
    for k in out:
        if len(k) >= 3 and k not in seen:
            seen.append(k)
    return seen


# Russian genitive of a person's name after "район", "с.о.", "им.": Байдибека → Байдибек,
# Турара Рыскулова → Турар Рыскулов, Мариям Хакимжановой → Мариям Хакимжанова, Абая → Абай.
_GENITIVE = (
    (re.compile(r"(?<=[бвгджзклмнпрстфхцчшщғқңһ])а$"), ""),
    (re.compile(r"(?<=[аеиоуыэюяәөұүі])я$"), "й"),
    (re.compile(r"(?<=[вн])ой$"), "а"),
)


def nominative(name: str) -> str:
    """A person's name in the Russian genitive turned to the nominative, word by word.

    Words of three letters or fewer are left alone (``би``, ``сал``).

    >>> nominative("Турара Рыскулова"), nominative("Абая"), nominative("Мариям Хакимжановой")
    ('Турар Рыскулов', 'Абай', 'Мариям Хакимжанова')
    >>> nominative("Кабанбай батыра")
    'Кабанбай батыр'
    """
    out = []
    for word in name.split(" "):
        if len(word) > 3:
            for pattern, repl in _GENITIVE:
                if pattern.search(word):
                    word = pattern.sub(repl, word)
                    break
        out.append(word)
    return " ".join(out)
