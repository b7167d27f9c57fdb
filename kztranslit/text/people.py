"""People in free text: Kazakh and Russian person names, with one key per person.

Capitalised words are read as a person's name when they follow a name pattern: a known
given name (``data/names/given_names.tsv``) before or after a word with a surname ending
(-ov, -ev, -in, -ova, -eva, -ina, -uly, -qyzy, -ұлы, -қызы, -enko, -sky…), or after any
capitalised word; a patronymic (-ович, -овна, -ұлы); initials (``K.-J. Tokayev``, ``Қ.-Ж.
Тоқаев``, ``Тоқаев Қ.-Ж.``); a title before a surname (``President Tokayev``). A lone surname
or given name elsewhere in the text joins the full name it belongs to (``Toqaev's
government``) and takes its key. The parts come from :func:`kztranslit.persons.parse_person`;
the endings and titles are data (``data/text/surname_endings.toml``, ``titles.toml``).

>>> [(p.surface, p.key) for p in find_people("Kassym-Jomart Tokayev met Alikhan Smailov. Tokayev left.")]
[('Kassym-Jomart Tokayev', 'toka:m:kj'), ('Alikhan Smailov', 'smail:m:a'), ('Tokayev', 'toka:m:kj')]
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from ..keys import name_key
from ..normalize import check_text
from .context import (
    district_after,
    lone_place_context,
    memorial_before,
    region_word_key,
    settlement_before,
    settlement_word_after,
)
from .inflection import variants
from .table import REGIONS, Table, table
from .tokens import CYRILLIC, HYPHEN, SPACE, Tokens, collector_paused, key, tokenize
from .words import words

__all__ = [
    "PersonMention",
    "PersonName",
    "PersonSpan",
    "Unit",
    "find_people",
    "is_given",
    "people_spans",
    "person_key",
    "reset",
    "to_person",
]


@dataclass(frozen=True, slots=True)
class PersonName:
    """The parts of a person's name, in their dictionary form: a Russian or Kazakh case ending
    taken off (``Жамбыла Жабаева`` → ``Жамбыл``, ``Жабаев``; ``Құнанбайұлының`` →
    ``Құнанбайұлы``), initials kept as initials. The mention's ``surface`` is the text as written.
    """

    given: tuple[str, ...]
    patronymic: str | None
    surname: str | None
    gender: Literal["m", "f"] | None


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named in a text; ``key`` is equal for every mention of the same person.

    A lone surname or given name that joins a full mention elsewhere in the text
    carries that mention's ``person`` and ``key``; ``linked`` is then True.
    The key is ``"<surname stem>:<gender>:<initials>"`` (see :func:`person_key`).
    """

    start: int
    end: int
    surface: str
    person: PersonName
    key: str
    linked: bool = False


@dataclass(slots=True)
class Unit:
    """One word of a name: hyphenated parts together (Kassym-Jomart), initials together (K.-J.)."""

    i: int
    j: int
    start: int
    end: int
    kind: str  # "I" initials, "G" given name, "P" patronymic, "S" surname-like, "K" Kazakh surname
    # without a Russian ending, "W" other, "X" no name
    base: str  # the word without a case ending (Cyrillic), for the key


@dataclass(slots=True)
class PersonSpan:
    """A name found in the text: its words, and the full mention a lone word is linked to."""

    i: int
    j: int
    start: int
    end: int
    units: list[Unit]
    linked_to: PersonSpan | None = None


@lru_cache(maxsize=50_000)
def is_given(k: str) -> bool:
    """A key of a given name of the lexicon (``data/names/given_names.tsv``, via ``kztranslit.persons``)."""
    from ..persons import given_name_info

    return bool(k) and bool(given_name_info(k))


def _is_initial(tk: Tokens, t: int) -> bool:
    w = tk.words[t]
    return (
        len(w) <= 2
        and w[0].isupper()
        and (len(w) == 1 or w[1].islower())
        and tk.text[tk.ends[t] : tk.ends[t] + 1] == "."
    )


def _given_word(word: str) -> bool:
    parts = [p for p in word.split("-") if p]
    return bool(parts) and all(is_given(key(p)) for p in parts)


def _surname_like(k: str) -> bool:
    from ..persons import surname_stem

    return len(k) > 4 and (surname_stem(k)[2] or k.endswith(words().extra_surname_endings))


@lru_cache(maxsize=100_000)
def _classify(word: str) -> tuple[str, str]:
    """The kind of a name word, and its base form (a Cyrillic case ending taken off)."""
    w = words()
    low = word.lower()
    k = key(word.replace("-", ""))
    if low in w.function_words or low in w.titles or region_word_key(k):
        return "X", word
    if len(k) > 5 and k.endswith(w.patronymic_endings):
        return "P", word
    if _given_word(word):
        return "G", word
    if word.isascii() and low.endswith(w.not_surname_latin):
        return "W", word  # Holding, Mining: English words, whatever their keys
    strict = w.strict_surname_endings
    strong = k.endswith(strict) and len(k) > 4
    if CYRILLIC.search(word) and not strong:
        # An inflected name: Жамбыла, Құнанбайұлының (whose -ның looks like a surname's -ин).
        for vkey, ending, _loc in variants(word, False):
            base = word[: -len(ending.lstrip("~"))] if ending else word
            if is_given(vkey):
                return "G", base
            if vkey.endswith(strict) and len(vkey) > 4:
                return "S", base
            if _kazakh_surname(vkey) and len(vkey) >= 5 and ending and not ending.startswith("~"):
                return "K", base  # a Kazakh case suffix on a Kazakh surname: Жұмабайдың
    if _surname_like(k):
        return "S", word
    if _kazakh_surname(k):
        return "K", word
    return "W", word


def _kazakh_surname(k: str) -> bool:
    """A Kazakh surname without a Russian ending (Жұмабай, Сатыбалды), or a short one (Ильин)."""
    w = words()
    if len(k) >= 5 and k.endswith(w.kazakh_surname_endings):
        return True
    return len(k) == 4 and k.endswith(w.short_surname_endings + w.kazakh_short_endings)


def _units(tk: Tokens) -> list[Unit]:
    words_, n = tk.words, len(tk.words)
    out: list[Unit] = []
    after = -1
    for t in itertools.compress(range(n), tk.cap):
        if t <= after:
            continue
        w = words_[t]
        if not w[0].isupper():
            continue
        if len(w) <= 2 and _is_initial(tk, t):
            j = t
            while j + 1 < n and _is_initial(tk, j + 1) and re.fullmatch(r"\.\s?-?\s?", tk.next_gap(j)):
                j += 1
            out.append(Unit(t, j, tk.starts[t], tk.ends[j] + 1, "I", tk.text[tk.starts[t] : tk.ends[j] + 1]))
            after = j
            continue
        j = t
        while j + 1 < n and tk.join[j + 1] == HYPHEN and words_[j + 1][:1].isupper():
            j += 1
        word = w if j == t else tk.text[tk.starts[t] : tk.ends[j]]
        kind, base = _classify(word)
        if kind != "W" and j + 1 < n and tk.join[j + 1] == SPACE:
            nk, nw = tk.keys[j + 1], tk.words[j + 1].lower()
            lists = words()
            if (region_word_key(nk) and nw not in lists.region_adjectives) or nw in lists.feature_after:
                kind = "X"  # Алматинской области, Satpayev Street: not a person's name
        out.append(Unit(t, j, tk.starts[t], tk.ends[j], kind, base))
        after = j
    return out


def _adjacent(tk: Tokens, a: Unit, b: Unit) -> bool:
    gap = tk.text[a.end : b.start]
    if a.kind == "I":
        return gap in ("", " ")
    return gap == " " and not (tk.sentence_start[b.i] and not tk.title_line[b.i])


# Name patterns over the kinds of consecutive words, longest first.
_PATTERNS: tuple[str, ...] = (
    "GGPS", "GPS", "SGP", "SGG", "GGS", "IS", "SI", "GS", "SG", "WS", "GP", "GK", "IK", "GG",
)  # fmt: skip
_PATTERN_SET = frozenset(_PATTERNS)


def people_spans(tk: Tokens) -> list[PersonSpan]:
    """The person names of a tokenized text, in order."""
    if not tk.words:
        return []
    tab = table()
    w = words()
    units = _units(tk)
    spans: list[PersonSpan] = []
    used: set[int] = set()
    u = 0
    n_units = len(units)
    while u < n_units:
        first = units[u]
        if first.kind == "X" or (
            first.kind in ("W", "K")
            and (u + 1 == n_units or units[u + 1].kind != "S" or not _adjacent(tk, first, units[u + 1]))
        ):
            u += 1  # no pattern starts here (the only one with a plain word first is WS)
            continue
        run = [first]
        while u + len(run) < n_units and len(run) < 4 and _adjacent(tk, run[-1], units[u + len(run)]):
            run.append(units[u + len(run)])
        kinds = "".join(x.kind for x in run)
        hit = next((kinds[:k] for k in (4, 3, 2) if kinds[:k] in _PATTERN_SET), None)
        if hit is None and ("K" in kinds or "SS" in kinds):
            # A Kazakh surname shape is also a plain word (Makhambet Utemisuly), and so is an -in
            # word before a surname with a strict ending (Asain Baykhanov: Asain is a given name).
            plain = "".join(
                "W"
                if x.kind == "K"
                or (x.kind == "S" and n + 1 < len(run) and _strict(run[n + 1]) and not _strict(x))
                else x.kind
                for n, x in enumerate(run)
            )
            hit = next((plain[:k] for k in (4, 3, 2) if plain[:k] in _PATTERN_SET), None)
        if hit is not None:
            if _plausible(tk, tab, run[: len(hit)], hit):
                chosen = run[: len(hit)]
                spans.append(PersonSpan(chosen[0].i, chosen[-1].j, chosen[0].start, chosen[-1].end, chosen))
            used.update(range(u, u + len(hit)))  # a name pattern that is a place leaves no lone words
            u += len(hit)
            continue
        u += 1
    # Lone words: a surname or given name of a full mention, a surname after a title, a memorial.
    names = _Names.of(spans)
    for n, x in enumerate(units):
        if n in used or x.kind not in ("S", "G", "W", "K"):
            continue
        link = names.link(x)
        if link is None and x.kind in ("W", "K"):
            continue
        last = tk.words[x.i - 1].lower() if x.i > 0 else ""
        titled = x.kind == "S" and last in w.titles and tk.word_before(x.i) is not None
        if titled and _place_in_genitive(tab, x.base):
            continue  # "аким Курчатова": the akim of Kurchatov
        k = key(x.base)
        strict = (
            x.kind == "S"
            and k.endswith(w.strict_surname_endings)
            and k not in tab.entries
            and k not in tab.gaz.foreign
            and not tk.title_line[x.i]
        )
        memorial = link is None and not (titled or strict) and memorial_before(tk, x.i)
        found = link is not None or titled or memorial or strict
        if found and not lone_place_context(tk, x.i, x.j, x.start):
            spans.append(PersonSpan(x.i, x.j, x.start, x.end, [x], link))
    spans.sort(key=lambda s: s.start)
    return spans


def _place_in_genitive(tab: Table, word: str) -> bool:
    """A Russian genitive of a town's name (``Курчатова``, ``Аксу``): what an office title governs."""
    if not CYRILLIC.search(word):
        return False
    for vkey, ending, _loc in variants(word, False):
        if ending == "~" + word[-1:] and any(
            c.place.kind in ("city", "town") for c in tab.entries.get(vkey, ())
        ):
            return True
    return False


def _strict(x: Unit) -> bool:
    """A surname with a strict ending (-ов, -ева, -ұлы, -қызы, -енко), not the weaker -ин."""
    k = key(x.base)
    return x.kind == "S" and len(k) > 4 and k.endswith(words().strict_surname_endings)


def _plausible(tk: Tokens, tab: Table, run: list[Unit], pat: str) -> bool:
    """Reject name patterns that are more likely something else."""
    first, last = run[0], run[-1]
    if name_key(tk.text[first.start : last.end]) in tab.entries and lone_place_context(
        tk, first.i, last.j, first.start
    ):
        return False  # a village named after a person, where the text speaks of the place
    if settlement_before(tk, first.i) or settlement_word_after(tk, last.j):
        return False  # "the village of Ybyrai Altynsarin", "Жолбарыс Қалшораев ауылында": a place
    if pat in ("GK", "GG", "IK"):
        second = run[1]
        if tk.title_line[first.i] and tk.title_line[second.i]:
            return False
        if first.base.isupper() and len(first.base) > 1 and not second.base.isupper():
            return False
        k = key(second.base)
        big = any(c.match in REGIONS or c.place.kind == "city" for c in tab.entries.get(k, ()))
        if k in tab.country or big:
            return False  # "Arman Almaty", "Aidos Kazakhstan": a name and a place
        if pat == "GG" and district_after(tk, last.j) is not None:
            return False
    if pat == "WS":
        w = run[0]
        if tk.title_line[w.i] and tk.title_line[run[1].i]:
            return False
        if tk.sentence_start[w.i] and key(w.base) in tk.lower_keys:
            return False  # "Later Tokayev": a word the text also writes in lower case
        if w.base.isupper() and len(w.base) > 1 and not run[1].base.isupper():
            return False
        k = key(w.base)
        return not (k in tab.country or any(c.match in REGIONS for c in tab.entries.get(k, ())))
    return True


def _surname_unit(units: Sequence[Unit]) -> Unit | None:
    if len(units) == 2 and units[0].kind in ("G", "I") and units[1].kind in ("K", "G"):
        return units[1]
    s = [x for x in units if x.kind in ("S", "K")]
    if s:
        return s[-1] if units[0].kind != "S" else s[0]
    w = [x for x in units if x.kind == "W"]
    return w[-1] if w else None


@dataclass(slots=True)
class _Names:
    """The full mentions of a text by surname and by first given name, for linking lone words."""

    by_surname: dict[str, list[PersonSpan]] = field(default_factory=dict)
    by_given: dict[str, list[PersonSpan]] = field(default_factory=dict)

    weak: set[int] = field(default_factory=set)  # ids of the spans with no known given name or initials
    strong: dict[int, PersonSpan | None] = field(default_factory=dict)  # list id → its first not weak

    @classmethod
    def of(cls, full: Iterable[PersonSpan]) -> _Names:
        out = cls()
        for ps in full:
            if not any(u.kind in ("G", "I") for u in ps.units):
                out.weak.add(id(ps))
            sur = _surname_unit(ps.units)
            if sur is not None:
                for k in _surname_keys(key(sur.base)):
                    out.by_surname.setdefault(k, []).append(ps)
            g = [u for u in ps.units if u.kind == "G"]
            if g:
                out.by_given.setdefault(key(g[0].base), []).append(ps)
        return out

    def link(self, x: Unit) -> PersonSpan | None:
        """The full mention a lone surname or given name belongs to: the nearest before it, else after.

        Each list of mentions is in text order: the nearest before is found by bisection, and
        the first that lends its key forward is worked out once a list (linear in the text).
        """
        if not (self.by_surname or self.by_given):
            return None
        k = key(x.base)
        keys = (k,) if x.kind == "G" else _surname_keys(k)
        table = self.by_given if x.kind == "G" else self.by_surname
        found = [lst for lst in (table.get(k_) for k_ in keys) if lst]
        if not found:
            return None
        before: PersonSpan | None = None
        for lst in found:
            n = bisect.bisect_left(lst, x.start, key=_start)
            if n and (before is None or lst[n - 1].start > before.start):
                before = lst[n - 1]
        if before is not None:
            return before
        # A name with no known given name (Taras Shevchenko) lends its key only to what follows it.
        after: PersonSpan | None = None
        for lst in found:
            first = self._first_strong(lst)
            if first is not None and (after is None or first.start < after.start):
                after = first
        return after

    def _first_strong(self, lst: list[PersonSpan]) -> PersonSpan | None:
        if id(lst) not in self.strong:
            self.strong[id(lst)] = next((ps for ps in lst if id(ps) not in self.weak), None)
        return self.strong[id(lst)]


def _start(ps: PersonSpan) -> int:
    return ps.start


@lru_cache(maxsize=50_000)
def _surname_keys(k: str) -> tuple[str, ...]:
    """The key, and the stem with the gender if it has a surname ending (Сарсенбаев = Сәрсенбайұлы)."""
    from ..persons import surname_stem

    stem, gender, had = surname_stem(k)
    return (k, f"{stem}:{gender}") if had else (k,)


def _initials_of(given: Iterable[str]) -> str:
    out = []
    for g in given:
        for part in re.split(r"[\s.-]+", g):
            k = key(part)
            if k:
                out.append(k[0])
    return "".join(out)


def person_key(surname: str | None, given: Sequence[str] = (), gender: str | None = None) -> str:
    """The key of a person: ``"<surname stem>:<gender>:<initials of the given names>"``.

    The stem is :func:`kztranslit.persons.surname_stem` of the surname's key, so
    Тоқаев, Tokayev and Toqaev meet, and so do Сарсенбаев and Сәрсенбайұлы; a man
    and a woman of one family do not (``m``/``f``). Initials are the first letters of
    the given names' keys (Kassym-Jomart, Qasym-Zhomart, К.-Ж. → ``kj``).

    >>> person_key("Toqaev", ["Qasym-Zhomart"]) == person_key("Токаев", ["К.-Ж."])
    True
    """
    from ..persons import surname_stem

    stem, g, _ = surname_stem(key(surname)) if surname else ("", None, False)
    return f"{stem}:{gender or g or ''}:{_initials_of(given)}"


def to_person(ps: PersonSpan) -> tuple[PersonName, str]:
    """The parts and the key of a found name (a linked lone word takes its full mention's)."""
    from ..persons import parse_person

    if ps.linked_to is not None:
        return to_person(ps.linked_to)
    units = ps.units
    if len(units) == 1 and units[0].kind == "G":
        g = units[0].base
        gender = _given_gender(g)
        return PersonName((g,), None, None, gender), f"::{key(g)}"
    p = parse_person(" ".join(u.base for u in units))
    gender, base = p.gender, p.surname
    # A Russian case ending can make a man's surname look like a woman's (Жамбыла Жабаева):
    # with a man's given name, the key is the man's surname (the mention keeps the written form).
    if gender == "f" and base and CYRILLIC.search(base) and base.lower().endswith(("ова", "ева", "ина")):
        given_genders = {_given_gender(g) for g in p.given if not re.fullmatch(r"\w{1,2}\.", g)} - {None}
        if given_genders == {"m"}:
            base, gender = base[:-1], "m"
    return PersonName(p.given, p.patronymic, base, gender), person_key(base, p.given, gender)


def _given_gender(word: str) -> Literal["m", "f"] | None:
    from ..persons import given_name_info

    first = word.split("-")[0]
    genders = {g.gender for g in given_name_info(first)} - {None}
    if len(genders) == 1:
        return "m" if "m" in genders else "f"
    return None


def find_people(text: str) -> list[PersonMention]:
    """Person names in a text, in order, each with its parts and a key shared by its mentions.

    >>> [(p.surface, p.key) for p in find_people("Kassym-Jomart Tokayev met Alikhan Smailov. Tokayev left.")]
    [('Kassym-Jomart Tokayev', 'toka:m:kj'), ('Alikhan Smailov', 'smail:m:a'), ('Tokayev', 'toka:m:kj')]
    """
    check_text(text)
    if not text:
        return []
    with collector_paused():
        tk = tokenize(text)
        out = []
        # the parts of a name depend on its words alone: each name of the text is parsed once
        parsed: dict[tuple[tuple[str, str], ...], tuple[PersonName, str]] = {}
        for ps in people_spans(tk):
            full = ps
            while full.linked_to is not None:
                full = full.linked_to
            words_of = tuple((u.kind, u.base) for u in full.units)
            found = parsed.get(words_of)
            if found is None:
                found = parsed[words_of] = to_person(full)
            person, k = found
            linked = ps.linked_to is not None
            out.append(PersonMention(ps.start, ps.end, text[ps.start : ps.end], person, k, linked))
    return out


def reset() -> None:
    """Forget the memoised word classes."""
    _classify.cache_clear()
    is_given.cache_clear()
    _surname_keys.cache_clear()
