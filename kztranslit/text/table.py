"""The lookup table of the place finder, built from the gazetteer on first use.

Every name of the gazetteer's index and region index, by name key, with what the name is to
its place (its name, a former name, a spelling variant, an unrelated alternate name, a
region's name or an older alias of a region), and the acronyms of the multi-word Cyrillic
region names (Западно-Казахстанская область → ЗКО).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..gazetteer import COUNTRY_NAMES, Derived, FormerName, Gazetteer, Place, strip_region_word
from ..keys import Buckets, name_key
from .scoring import WEIGHTS
from .tokens import CYRILLIC, WORD
from .words import words

__all__ = [
    "REGIONS", "Cand", "Near", "Table", "kato_of", "near", "needs_evidence", "place_prior", "reset",
    "strip_designators", "table",
]  # fmt: skip

# "form": a form of the name Kazakh text writes where KATO has a Russian one (table._other_forms)
MatchKind = Literal["name", "form", "former", "variant", "unrelated", "region", "region alias"]
REGIONS = ("region", "region alias")


def kato_of(p: Place) -> str | None:
    """A place's 9-digit KATO code, when the gazetteer gives one (``place.kato``)."""
    code = getattr(p, "kato", None)
    return str(code) if code else None


def unit_prefix(code: str) -> str:
    """The digits a district or okrug shares with every place in it (KATO AB CD EF HIJ: a
    district ABCD00000 → ABCD, an okrug ABCDEF000 → ABCDEF)."""
    return code[:4] if code[4:] == "00000" else code[:6]


def strip_designators(name: str) -> str:
    """A district's or okrug's name without its designator (``Теректинский район`` → ``Теректинский``)."""
    designators = words().designators
    parts = [t for t in name.split() if t.lower() not in designators]
    return " ".join(parts) if parts else name


def place_prior(p: Place, match: str) -> tuple[float, str]:
    """What a place is worth on its own (see WEIGHTS), and the label of that evidence."""
    if match in REGIONS:
        return (WEIGHTS["region"], "region") if p.is_current else (WEIGHTS["old region"], "old region")
    if p.kind in ("district", "rural_district"):
        return WEIGHTS["district"], p.kind
    pop = p.population or 0
    if p.kind == "city":
        return WEIGHTS["city"], "city"
    if p.kind == "town":
        return WEIGHTS["town"], "town"
    if p.kind == "locality":
        return WEIGHTS["locality"], "locality"
    if not pop:
        return WEIGHTS["unlisted village"], "unlisted village"
    if pop < 1000:
        return WEIGHTS["hamlet"], "hamlet"
    return WEIGHTS["village"], "village"


def needs_evidence(p: Place) -> bool:
    """Whether a place is taken only with evidence beyond its name (see :data:`WEIGHTS`):
    a village whose size no source gives (most of KATO's villages: their names are often
    ordinary words, Бірлік, Жеңіс, Достық) and a locality (a farm, a winter camp, a place
    Who's On First knows and KATO does not)."""
    return p.kind == "locality" or (p.kind == "village" and not p.population)


@dataclass(frozen=True, slots=True)
class Cand:
    """One place a name may stand for."""

    place: Place
    name: str  # the gazetteer's spelling that matched
    match: MatchKind
    former: FormerName | None = None
    # What the place is worth on its own (see WEIGHTS), computed once with the table.
    prior: float = field(init=False, compare=False)
    label: str = field(init=False, compare=False)
    tiebreak: float = field(init=False, compare=False)  # ties go to the bigger place
    district: bool = field(init=False, compare=False)  # a district or rural okrug
    gated: bool = field(init=False, compare=False)  # taken only with evidence (needs_evidence)
    kato: str | None = field(init=False, compare=False)  # the place's KATO code
    # the KATO codes of the okrug and the district it lies in (AB CD EF HIJ: ABCDEF000, ABCD00000)
    parents: tuple[str, ...] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        prior, label = place_prior(self.place, self.match)
        object.__setattr__(self, "prior", prior)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "district", self.place.kind in ("district", "rural_district"))
        object.__setattr__(self, "gated", needs_evidence(self.place))
        code = kato_of(self.place)
        object.__setattr__(self, "kato", code)
        parents = (code[:6] + "000", code[:4] + "00000") if code is not None else ()
        object.__setattr__(self, "parents", tuple(p for p in parents if p != code))
        object.__setattr__(self, "tiebreak", math.log10((self.place.population or 0) + 10) / 100)


@dataclass(slots=True)
class Table:
    """Name keys → candidate places, and what the finder needs to walk the text."""

    gaz: Gazetteer
    entries: dict[str, tuple[Cand, ...]]
    prefixes: frozenset[str]  # every prefix of every key: when to stop adding words
    country: frozenset[str]
    acronyms: dict[str, Place]  # ЗКО, ВКО, ШҚО…: initials of a region's multi-part name
    max_words: int
    # Russian adjective stems (address.adjective_stem) → the districts, okrugs and regions
    # named by that adjective: Теректинского района, в Байтерекском районе
    adjectives: dict[str, tuple[Cand, ...]] = field(default_factory=dict)
    # how strong the best settlement or region of a key is on its own (see strength())
    strengths: dict[str, float] = field(default_factory=dict)
    units: frozenset[str] = frozenset()  # keys with a district or okrug among their places
    # the place finder's options of a name in one context, memoised (places._prepare)
    options_cache: dict[tuple[object, ...], Any] = field(default_factory=dict)
    context_cache: dict[tuple[object, ...], Any] = field(default_factory=dict)  # places._span_context

    def strength(self, key: str, unit_word: bool) -> float:
        """What the likeliest place of a key is worth before any context: its prior and how
        it matched; a district or okrug counts only with its word (``unit_word``)."""
        if unit_word and key in self.units:
            return 10.0
        return self.strengths.get(key, -99.0)


def _is_code(name: str) -> bool:
    return name.isascii() and name.isupper() and len(name) <= 4


def _ends_in_feature(name: str) -> bool:
    w = words()
    parts = name.lower().replace("-", " ").split()
    return len(parts) > 1 and (parts[-1] in w.feature_after or parts[0] in w.feature_before)


def _acronym(name: str) -> str | None:
    parts = [p for p in re.split(r"[\s-]+", name) if p]
    if len(parts) < 3 or not all(p[0].isalpha() for p in parts):
        return None
    return "".join(p[0].upper() for p in parts)


def _build(gaz: Gazetteer) -> Table:
    from rapidfuzz import fuzz

    out: dict[str, list[Cand]] = {}

    def add(key: str, cand: Cand) -> None:
        cands = out.setdefault(key, [])
        if all(c.place.id != cand.place.id for c in cands):
            cands.append(cand)

    for key, entries in gaz.index.items():
        if key.isdigit():
            continue  # "300", a number in the text is no place
        for e in entries:
            p = e.place
            if p.kind in ("district", "rural_district"):
                # Every name of a district or okrug is its name, with or without its designator
                # (the finder asks for the designator in the text): Бәйдібек ауданы → Бәйдібек.
                add(key, Cand(p, e.name, "name"))
                bare = name_key(strip_designators(e.name))
                if bare and bare != key:
                    add(bare, Cand(p, e.name, "name"))
                if "x" in bare:
                    # Russian writes х for some Kazakh қ (Балқаш: Балхаш, Қазақ: Казах), and the
                    # gazetteer derives some Kazakh names from the Russian: Балқаш ауданы
                    add(bare.replace("x", "k"), Cand(p, e.name, "variant"))
                continue
            if e.reason == "former name":
                former = next((f for f in p.former_names if f.name == e.name), None)
                out.setdefault(key, []).append(Cand(p, e.name, "former", former))
                continue
            if e.reason == "name":
                out.setdefault(key, []).append(Cand(p, e.name, "name"))
                continue
            if _is_code(e.name) or _ends_in_feature(e.name):
                continue
            mains = [name_key(n) for n in (p.name, p.name_kk, p.name_ru) if n]
            mains += [name_key(f.name) for f in p.former_names]
            related = max((fuzz.ratio(key, m) for m in mains if m), default=0.0) >= 70.0
            out.setdefault(key, []).append(Cand(p, e.name, "variant" if related else "unrelated"))
    for p in gaz.places.values():
        if p.kind in ("city", "town", "village") and p.name_ru:
            for form in _other_forms(p.name_ru):
                key = name_key(form)
                if key:
                    add(key, Cand(p, form, "form"))
    acronyms: dict[str, Place] = {}
    compass = words().compass
    for key, entries in gaz.region_index.items():
        for e in entries:
            p = e.place
            if e.reason != "region name":
                continue
            if strip_region_word(p.name) == p.name:
                continue  # Astana, Almaty, Shymkent, Baikonur as units: the text means the city
            main_names = {n for n in (p.name, p.name_kk, p.name_ru, *p.alternate_names[:1]) if n}
            main = e.name in main_names or e.name in {strip_region_word(n) for n in main_names}
            out.setdefault(key, []).append(Cand(p, e.name, "region" if main else "region alias"))
            if main and p.is_current:
                # Headline abbreviations of the compass word: N Kazakhstan, W Kazakhstan.
                first, _, rest = strip_region_word(e.name).partition(" ")
                for word, abbr in compass:
                    if first.lower() == word and rest:
                        short = f"{abbr.upper()} {rest}"
                        out.setdefault(name_key(short), []).append(Cand(p, short, "region"))
    for p in gaz.regions.values():
        if strip_region_word(p.name) == p.name:
            continue
        for n in (p.name_ru, p.name_kk, *p.alternate_names):
            if n and CYRILLIC.search(n):
                a = _acronym(n)
                if a and p.is_current:
                    acronyms[name_key(a)] = p
    adjectives = _adjectives(gaz)
    strengths: dict[str, float] = {}
    units: set[str] = set()
    for key, cands in out.items():
        value = -99.0
        for c in cands:
            if c.district:
                units.add(key)
                continue
            v = c.prior + _MATCH_PRIOR.get(c.match, 0.0) + (WEIGHTS["no evidence"] if c.gated else 0.0)
            value = max(value, v)
        strengths[key] = value
    country = frozenset(name_key(n) for n in COUNTRY_NAMES)
    keys = set(out) | country | set(acronyms)
    return Table(
        gaz,
        {k: tuple(v) for k, v in out.items()},
        _prefixes(keys),
        country,
        acronyms,
        _max_words((c.name for cs in out.values() for c in cs), 6),
        adjectives,
        strengths,
        frozenset(units),
    )


def _prefixes(keys: Iterable[str]) -> frozenset[str]:
    """Every prefix of every key (the finder stops adding words when none is one). A prefix
    already there has its own prefixes there too: each key adds its longest ones only."""
    out: set[str] = set()
    add = out.add
    for k in keys:
        for i in range(len(k), 0, -1):
            p = k[:i]
            if p in out:
                break
            add(p)
    return frozenset(out)


def _max_words(names: Iterable[str], cap: int) -> int:
    """One more than the most words in a name, at most ``cap`` (a name of ``cap - 1`` words
    ends the count)."""
    most = 0
    for name in set(names):
        n = len(WORD.findall(name.replace("-", " ")))
        if n > most:
            most = n
            if most + 1 >= cap:
                return cap
    return most + 1


_MATCH_PRIOR = {
    "former": WEIGHTS["former name"],
    "variant": WEIGHTS["variant"],
    "unrelated": WEIGHTS["unrelated alternate"],
}


# A person's name in the Russian genitive (село Ыбырая Алтынсарина: the surname, or a title)
_GENITIVE_NAME = re.compile(r"^\S+ .*(?:[оеё]ва|[иы]на|батыра)$")
# A Russian possessive place name made from a surname (Жандосово from Жандосов)
_POSSESSIVE = re.compile(r"(?<=[оеиы][вн])о$")


def _other_forms(name_ru: str) -> list[str]:
    """The forms Kazakh text writes for a village KATO names in a Russian form: a person's
    name in the nominative (``Ыбырая Алтынсарина`` → ``Ыбырай Алтынсарин``), a possessive
    name as the surname it is made from (``Жандосово`` → ``Жандосов``)."""
    from ..address import nominative

    out = []
    if _GENITIVE_NAME.match(name_ru):
        out.append(nominative(name_ru))
    if " " not in name_ru and _POSSESSIVE.search(name_ru) and len(name_ru) >= 6:
        out.append(name_ru[:-1])
    return out


def _adjectives(gaz: Gazetteer) -> dict[str, tuple[Cand, ...]]:
    """The gazetteer's adjective stems as candidates: districts and okrugs by their name, a
    region by its name or, for an older name (Целиноградская область), as a region alias."""
    out: dict[str, tuple[Cand, ...]] = {}
    for stem, entries in gaz.adjectives.items():
        cands: list[Cand] = []
        for e in entries:
            p = e.place
            if p.kind == "region":
                main = p.is_current and e.name in (p.name, p.name_kk, p.name_ru)
                cands.append(Cand(p, e.name, "region" if main else "region alias"))
            elif p.kind in ("district", "rural_district"):
                cands.append(Cand(p, e.name, "name"))
        if cands:
            out[stem] = tuple(cands)
    return out


_TABLE: Derived[Table] = Derived(_build)


class Near:
    """The keys of the table's settlements, districts and okrugs by first letter, for the
    spellings that differ by a letter from the gazetteer's: Kazakh text writes Басқұдық,
    Еңбекшіқазақ, Қажымұқан where the gazetteer has only KATO's Russian forms (Баскудук,
    Енбекшиказах, Кажымухан) and a Kazakh form derived from them."""

    def __init__(self, tab: Table) -> None:
        self.tab = tab
        self.buckets = Buckets(
            key
            for key, cands in tab.entries.items()
            if len(key) >= _NEAR_MIN and any(c.match not in REGIONS for c in cands)
        )
        self._found: dict[str, tuple[Cand, ...]] = {}

    def search(self, key: str) -> tuple[Cand, ...]:
        """The places whose key is one edit from ``key`` (two for a long one), as spelling variants."""
        found = self._found.get(key)
        if found is None:
            if len(self._found) > 10_000:
                self._found.clear()
            found = self._found[key] = self._search(key)
        return found

    def _search(self, key: str) -> tuple[Cand, ...]:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if len(key) < _NEAR_MIN:
            return ()
        budget = 1 if len(key) < 10 else 2
        choices = self.buckets.within(key[0], len(key) - budget, len(key) + budget)
        if not choices:
            return ()
        hits = process.extract(key, choices, scorer=OSA.distance, score_cutoff=budget, limit=None)
        out: dict[str, Cand] = {}
        for k, _, _ in sorted(hits, key=lambda h: (h[1], h[0])):
            if k == key:
                continue
            for c in self.tab.entries[k]:
                if c.match not in REGIONS and c.place.id not in out:
                    out[c.place.id] = Cand(c.place, c.name, "variant")
        return tuple(out.values())


_NEAR_MIN = 5
_NEAR: Derived[Near] = Derived(lambda gaz: Near(table()))


def near() -> Near:
    """The index of near spellings, built on first use."""
    return _NEAR.get()


def table() -> Table:
    """The lookup table, built from the gazetteer on first use (and again after it is reloaded)."""
    return _TABLE.get()


def reset() -> None:
    """Forget the lookup table."""
    _TABLE.reset()
    _NEAR.reset()
