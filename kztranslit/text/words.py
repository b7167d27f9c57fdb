"""The word lists of the text finder, read from ``data/text/*.toml`` on first use.

Each file holds one kind of rule (settlement words, region words, feature words, titles…);
:func:`words` reads them all once, under a lock, checks them (an error names the file and the
entry) and builds the sets, key prefixes and patterns the finder uses. ``data/text/README.md``
describes the files.

>>> w = words()
>>> "lake" in w.feature_before and "in" in w.strong_prepositions
True
>>> "посёлке" in w.settlement_before_words and ("с", "о") in w.settlement_abbreviations
True
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._data import Lazy, data_path
from ..errors import DataError
from ..keys import name_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["Words", "reset", "words"]


@dataclass(frozen=True, slots=True)
class Words:
    """Every word list of the finder, in the form the code uses (see ``data/text/``)."""

    # settlement_words.toml
    settlement_before_of: frozenset[str]  # "city" in "the city of X"
    settlement_abbreviations: tuple[tuple[str, ...], ...]  # "г", "с/о" → ("с", "о")
    settlement_before_words: frozenset[str]  # "в посёлке X", "город X"
    plural_settlement: frozenset[str]
    plural_settlement_after: frozenset[str]
    plural_settlement_stems: tuple[str, ...]
    settlement_after: frozenset[str]  # keys
    settlement_after_stems: tuple[str, ...]  # key prefixes
    apposition: re.Pattern[str]
    village_stems: tuple[str, ...]
    village_abbreviations: frozenset[str]
    # region_words.toml
    region_words: frozenset[str]  # keys
    region_stems: tuple[str, ...]  # key prefixes
    region_before_stems: tuple[str, ...]
    region_before_of: frozenset[str]  # "region" in "the region of X"
    region_plurals: frozenset[str]
    region_plural_stems: tuple[str, ...]
    region_adjectives: frozenset[str]
    compass: tuple[tuple[str, str], ...]  # (word, its abbreviation): north → n
    # district_words.toml
    district_words: frozenset[str]  # keys
    district_stems: tuple[str, ...]
    district_before: frozenset[str]  # keys
    district_before_of: frozenset[str]  # "district" in "the district of X"
    district_plurals: frozenset[str]
    district_plural_stems: tuple[str, ...]
    okrug_first: frozenset[str]  # lower-case surfaces
    okrug_first_stems: tuple[str, ...]
    okrug_second: frozenset[str]  # keys
    okrug_second_stems: tuple[str, ...]
    okrug_single: frozenset[str]  # lower-case surfaces
    okrug_abbreviation: re.Pattern[str]  # matched on the text right after a name
    okrug_abbreviation_starts: frozenset[str]  # their first words (a cheap test first)
    designators: frozenset[str]  # lower case, stripped from official names
    # feature_words.toml
    feature_before: frozenset[str]
    feature_after: frozenset[str]
    feature_after_stems: tuple[str, ...]
    # memorial_words.toml
    memorial_nouns: frozenset[str]  # "monument" in "the monument to X"
    memorial_links: frozenset[str]  # "to", "of", "by"
    memorial_phrases: tuple[tuple[str, ...], ...]  # ("named", "after"), ("imeni",)
    memorial_before_words: frozenset[str]  # "памятник", "имени", "им" (with its stop)
    memorial_after_stems: tuple[str, ...]
    # prepositions.toml
    strong_prepositions: frozenset[str]
    weak_prepositions: frozenset[str]
    list_joiners: re.Pattern[str]
    # former_name_words.toml
    time_words: re.Pattern[str]
    alias_cue: re.Pattern[str]
    # country_words.toml
    republic_stems: tuple[str, ...]
    # function_words.toml, titles.toml
    function_words: frozenset[str]
    titles: frozenset[str]
    place_name_titles: frozenset[str]  # keys of "би", "батыр": lower-case words inside place names
    # endings.toml
    ru_endings: tuple[tuple[str, tuple[str, ...]], ...]
    kk_suffixes: tuple[tuple[str, bool], ...]  # (suffix, whether it says "in, to, from"), longest first
    kk_latin_suffixes: tuple[tuple[str, bool], ...]
    # surname_endings.toml (keys)
    patronymic_endings: tuple[str, ...]
    extra_surname_endings: tuple[str, ...]
    strict_surname_endings: tuple[str, ...]
    kazakh_surname_endings: tuple[str, ...]
    kazakh_short_endings: tuple[str, ...]
    short_surname_endings: tuple[str, ...]
    not_surname_latin: tuple[str, ...]  # written endings of English words (-ing)


class _File:
    """One data file, read and checked: ``strings(name)`` is a list of non-empty strings."""

    def __init__(self, name: str) -> None:
        self.path: Path = data_path("text", name)
        try:
            with self.path.open("rb") as f:
                self.data: Mapping[str, Any] = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise DataError(f"{self.path}: cannot read: {e}") from None
        for field_name in ("source", "licence", "notes"):
            if not isinstance(self.data.get(field_name), str):
                raise DataError(f"{self.path}: `{field_name}` (a string) is required")

    def strings(self, name: str) -> list[str]:
        value = self.data.get(name)
        if not isinstance(value, list):
            raise DataError(f"{self.path}: `{name}` must be a list of strings")
        for n, item in enumerate(value):
            if not isinstance(item, str) or not item.strip() or item != item.strip():
                raise DataError(f"{self.path}: `{name}`[{n}] = {item!r} is not a word")
        return list(value)

    def lower(self, name: str) -> frozenset[str]:
        out = self.strings(name)
        for item in out:
            if item != item.lower():
                raise DataError(f"{self.path}: `{name}`: {item!r} must be written in lower case")
        return frozenset(out)

    def keys(self, name: str) -> frozenset[str]:
        return frozenset(self._key(name, w) for w in self.strings(name))

    def stems(self, name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self._key(name, w) for w in self.strings(name)))

    def rows(self, name: str) -> list[list[str]]:
        value = self.data.get(name)
        if not isinstance(value, list) or not all(
            isinstance(r, list) and len(r) >= 2 and all(isinstance(x, str) for x in r) for r in value
        ):
            raise DataError(f"{self.path}: `{name}` must be a list of [ending, nominative…] rows")
        return [list(r) for r in value]

    def _key(self, name: str, word: str) -> str:
        k = name_key(word)
        if not k:
            raise DataError(f"{self.path}: `{name}`: {word!r} has no name key")
        return k


def _alternatives(items: list[str] | frozenset[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(items, key=lambda w: (-len(w), w)))


def _phrases(items: list[str]) -> str:
    """A regex alternation of phrases: words joined by any white space, ``*`` for any ending.

    Phrases are grouped by their first word (``then (?:called|named)``), which keeps the
    pattern fast to search.
    """

    def word(w: str) -> str:
        return re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)

    rests: dict[str, list[str]] = {}
    for phrase in items:
        first, _, rest = phrase.partition(" ")
        rests.setdefault(first, []).append(rest)
    out = []
    for first in sorted(rests, key=lambda w: (-len(w), w)):
        tails = sorted({r for r in rests[first] if r}, key=lambda r: (-len(r), r))
        alt = "|".join(r"\s+".join(word(w) for w in r.split()) for r in tails)
        optional = "" in rests[first]
        tail = rf"(?:\s+(?:{alt})){'?' if optional else ''}" if tails else ""
        out.append(word(first) + tail)
    return "|".join(out)


def _load() -> Words:
    st = _File("settlement_words.toml")
    abbreviations = tuple(tuple(a.split("/")) for a in sorted(st.lower("abbreviations")))
    apposition = re.compile(
        r"^\s*,\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?"
        rf"(?:{_alternatives(st.lower('apposition'))})\b",
        re.IGNORECASE,
    )

    rg = _File("region_words.toml")

    dw = _File("district_words.toml")
    compass_rows = rg.rows("compass")

    ft = _File("feature_words.toml")

    mm = _File("memorial_words.toml")
    memorial_phrases = tuple(tuple(p.lower().split()) for p in mm.strings("phrases_en"))

    pp = _File("prepositions.toml")
    list_joiners = re.compile(
        rf"^(?:\s*,\s*|\s*,?\s+(?:{_alternatives(pp.lower('list_joiners'))})\s+|\s*[-–—/]\s*)$"
    )

    fn = _File("former_name_words.toml")
    time_words = re.compile(rf"\b(?:{_phrases(fn.strings('time'))})\b", re.IGNORECASE)
    alias_cue = re.compile(rf"(?:\b(?:{_phrases(fn.strings('alias_cues'))})\s*|[(/]\s*)$", re.IGNORECASE)

    cw = _File("country_words.toml")
    fw = _File("function_words.toml")
    tt = _File("titles.toml")

    en = _File("endings.toml")
    ru_endings = tuple((r[0], tuple(r[1:])) for r in en.rows("russian"))

    def suffixes(place: str, other: str) -> tuple[tuple[str, bool], ...]:
        rows = [(s, True) for s in en.strings(place)] + [(s, False) for s in en.strings(other)]
        return tuple(sorted(rows, key=lambda t: -len(t[0])))

    sn = _File("surname_endings.toml")
    return Words(
        settlement_before_of=st.lower("before_of"),
        settlement_abbreviations=abbreviations,
        settlement_before_words=st.lower("before"),
        plural_settlement=st.lower("plural"),
        plural_settlement_after=st.lower("plural_after"),
        plural_settlement_stems=st.stems("plural_after_stems"),
        settlement_after=st.keys("after"),
        settlement_after_stems=st.stems("after_stems"),
        apposition=apposition,
        village_stems=st.stems("village_stems"),
        village_abbreviations=st.lower("village_abbreviations"),
        region_words=rg.keys("words"),
        region_stems=rg.stems("stems"),
        region_before_stems=rg.stems("before_stems"),
        region_before_of=rg.lower("before_of"),
        region_plurals=rg.lower("plural"),
        region_plural_stems=rg.stems("plural_stems"),
        region_adjectives=rg.lower("adjectives"),
        compass=tuple((r[0], r[1]) for r in compass_rows),
        district_words=dw.keys("words"),
        district_stems=dw.stems("stems"),
        district_before=dw.keys("before"),
        district_before_of=dw.lower("before_of"),
        district_plurals=dw.lower("plural"),
        district_plural_stems=dw.stems("plural_stems"),
        okrug_first=dw.lower("okrug_first"),
        okrug_first_stems=dw.stems("okrug_first_stems"),
        okrug_second=dw.keys("okrug_second"),
        okrug_second_stems=dw.stems("okrug_second_stems"),
        okrug_single=dw.lower("okrug_single"),
        okrug_abbreviation_starts=frozenset(re.split(r"[./]", a)[0] for a in dw.lower("okrug_abbreviations")),
        okrug_abbreviation=re.compile(
            rf"\s+(?:{_alternatives(dw.lower('okrug_abbreviations'))})(?![^\W\d_])", re.IGNORECASE
        ),
        designators=dw.lower("strip"),
        feature_before=ft.lower("before"),
        feature_after=ft.lower("after"),
        feature_after_stems=ft.stems("after_stems"),
        memorial_nouns=mm.lower("nouns_en"),
        memorial_links=mm.lower("links_en"),
        memorial_phrases=memorial_phrases,
        memorial_before_words=frozenset(w.rstrip(".") for w in mm.lower("before_ru")),
        memorial_after_stems=mm.stems("after_stems"),
        strong_prepositions=pp.lower("strong"),
        weak_prepositions=pp.lower("weak"),
        list_joiners=list_joiners,
        time_words=time_words,
        alias_cue=alias_cue,
        republic_stems=cw.stems("republic_stems"),
        function_words=fw.lower("en") | fw.lower("ru") | fw.lower("kk"),
        titles=tt.lower("en") | tt.lower("ru") | tt.lower("kk"),
        place_name_titles=tt.keys("in_place_names"),
        ru_endings=ru_endings,
        kk_suffixes=suffixes("kazakh_place", "kazakh_other"),
        kk_latin_suffixes=suffixes("kazakh_latin_place", "kazakh_latin_other"),
        patronymic_endings=sn.stems("patronymic"),
        extra_surname_endings=sn.stems("extra"),
        strict_surname_endings=sn.stems("strict"),
        kazakh_surname_endings=sn.stems("kazakh"),
        kazakh_short_endings=sn.stems("kazakh_short"),
        short_surname_endings=sn.stems("short_russian"),
        not_surname_latin=tuple(sorted(sn.lower("not_surname_latin"))),
    )


_WORDS: Lazy[Words] = Lazy(_load)
_LOADED: list[Words] = []  # the loaded lists, for the fast path of words()


def words() -> Words:
    """The word lists, read on first use (thread-safe)."""
    if _LOADED:
        return _LOADED[0]
    w = _WORDS.get()
    _LOADED[:] = [w]
    return w


def reset() -> None:
    """Forget the word lists (they are read again on next use)."""
    _LOADED.clear()
    _WORDS.reset()
