"""Geocoding against the gazetteer: ``geocode``, ``search``, ``lookup``, ``reverse``, ``locate``.

A query goes through these steps:

1. **Clean and cut into parts.** :func:`~kztranslit.address.parse_address`: NFC, look-alikes,
   punctuation; commas, brackets and designators cut an address into parts, each a name
   and what its designator says it is (``с. Акдала`` a village, ``Арысский р-н`` a
   district, ``Қарасай ауданы`` a district, ``Туркестанская обл.`` a region). A part naming
   the country is dropped; a part naming another country makes the query no answer.
2. **Candidates of each part.** The part's :func:`~kztranslit.name_key` among every name of
   every place (official, Kazakh, Russian, alternate, former) and of every region; a
   Russian adjective (``Теректинского района``, ``Akmolinskaya oblast``) among the adjective
   stems of the units named by one; a key variant reads ``j`` as ``й`` (ISO 9, GOST). What
   the designator says limits the kinds (a district part finds districts). Without an exact
   key: keys within one edit (two for long names), on name keys and on the letters as typed
   (RapidFuzz OSA), where a short or ambiguous near miss, or the name of a city abroad, is
   refused; then Russian forms of a Kazakh name (Kaztal → Kaztalovka).
3. **One place consistent with every part.** Each candidate of each part is a possible
   answer; another part *agrees* with it when one of its candidates is the answer itself or
   a unit the answer lies in (its rural district, district, city administration, region —
   a city agrees for the administration named after it). The answer is the candidate every
   other part agrees with, the most specific one (a village before its district before its
   region). A part whose candidates all disagree is a *conflict*: the answer is marked so
   and :func:`geocode` gives ``None`` rather than a place one part contradicts.
4. **Ranking** (:data:`WEIGHTS`, one table): how the name matched, what the designator
   asked for, the ``region=`` and ``near=`` hints, then kind, status and population. Namesakes
   that nothing tells apart get equal scores: :func:`search` lists them all, and
   ``geocode_many`` calls the answer ``"ambiguous"``.

Anything outside Kazakhstan, or junk, gets ``None``: a name must match a key of the
gazetteer, exactly or within the edit budget, to be answered.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from .address import adjective_stem, bare_keys, parse_address
from .errors import PlaceNotFound
from .gazetteer import (
    AREA_KINDS,
    COUNTRY_NAMES,
    SETTLEMENT_KINDS,
    Derived,
    Entry,
    Gazetteer,
    Place,
    distance_km,
    gazetteer,
    parents,
)
from .keys import Buckets, name_key
from .normalize import LETTER, check_text, fold_case

__all__ = [
    "WEIGHTS", "Location", "Match", "PlaceNotFound", "current_name", "geocode", "locate", "lookup", "name_at",
    "reverse", "search",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Match:
    """A ranked answer of :func:`search`: the place, a score (0–100), why it matched, on which name.

    ``reason`` is ``"exact"`` (the place's own name as written), ``"transliteration"``
    (another spelling of it), ``"alternate name"`` (as written or not), ``"former name"``,
    ``"region"``, ``"fuzzy"`` (a near miss), or ``"conflict"`` (the parts of an address name
    places that do not fit together: the best of them, which :func:`geocode` does not give).

    ``score`` says how well the query's words match the place: 100 for its name (exactly or
    in another spelling) with every designator and address part agreeing; less for an
    alternate or former name, a typo, a designator of another kind, a part that disagrees
    (an ``"exact"`` name scores below 100 only so: a district named without its word).
    ``rank`` orders the matches: the score plus what tells namesakes apart (the hints, kind,
    status and population; :data:`WEIGHTS`). Two different places whose ranks are close are
    namesakes the query does not tell apart (``geocode_many`` calls the
    answer ``"ambiguous"``).
    """

    place: Place
    score: float
    reason: str
    matched: str
    distance_km: float | None = None
    rank: float = 0.0


#: The geocoder's ranking weights, in points of the 0–100 score. Every candidate starts from
#: how its name matched; the rest add or take away. The order they produce is pinned by
#: ``tests/test_ranking.py``.
WEIGHTS: dict[str, float] = {
    # How the name matched.
    "name": 100.0,  # the place's own name, in any script or scheme
    "alternate": 96.0,  # another name of the place (a variant spelling, a short form)
    "former name": 94.0,  # a name the place had
    "region name": 100.0,  # a region's name or code
    "region alias": 97.0,  # another or older name of a region (Akmola for Astana)
    "region code": 100.0,
    "edit": -8.0,  # per edit of a near miss (typo)
    "not current": -3.0,  # a region that no longer exists
    # What the designator asked for.
    "status": 3.0,  # the designator names the place's own status (ст. → a station)
    "kind mismatch": -6.0,  # a settlement for a region word, a region for a settlement word
    "unit without word": -6.0,  # a district or rural district for a name without a designator
    "unit mismatch": -4.0,  # a city administration for a district word, a district for its word
    # Hints.
    "region hint": 8.0,  # inside the region= hint (and taken away outside it)
    "near": 6.0,  # for a point at the near= hint, falling by 1 per 50 km down to -6
    # Address parts.
    "part agrees": 2.0,  # per other part of the address that agrees
    "conflict": -15.0,  # per part that contradicts the answer
    # Kind and size (small: they order namesakes, they do not outweigh a hint).
    "population": 2.0,  # per power of ten of the population, up to 12 points: the likelier namesake
    "kind": 0.3,  # per rank: city 3, town 2, village 1
    "as written": 1.0,  # the name exactly as written, not another spelling of it (Ашису, not Ащысу)
    "okrug centre": 0.5,  # the first village of a rural district (KATO ...100), usually its centre
    "own point": 0.2,  # coordinates of the place itself, not of its unit
    "city status": 2.0,  # a legal city (KATO's г.) before a village of the same name
    "not in KATO": -4.0,  # a Who's On First locality the official classifier lacks (often abandoned)
    "renamed": -1.0,  # a GeoNames populated place KATO lacks under that name (renamed, absorbed)
    "locality": -6.0,  # winter quarters, farms, plots: ranked below every settlement
}
_KIND_RANK = {"city": 3, "region": 3, "town": 2, "village": 1}
#: The population GeoNames' cities500 guarantees, for its places that give none.
CITIES500 = 500


# ---------------------------------------------------------------------------
# Query analysis

_COUNTRY = {
    name_key(n)
    for n in (
        *COUNTRY_NAMES, "Republic of Kazakhstan", "Республика Казахстан", "Қазақстан Республикасы",
        "KZ", "KAZ", "RK", "РК",
    )
}  # fmt: skip

# What each designator status lets a part match.
_SETTLEMENTS = frozenset({"city", "town", "village", "locality"})
_STATUS_KINDS: dict[str, frozenset[str]] = {
    "region": frozenset({"region"}),
    "district": frozenset({"district"}),
    "city_administration": frozenset({"district"}),
    "rural_district": frozenset({"rural_district"}),
    "microdistrict": frozenset({"locality", "village"}),
    # г. Арысь: the city or its administration; "г." before a village's name is common in data
    "city": frozenset({"city", "town", "village", "locality", "region", "district"}),
    "settlement": _SETTLEMENTS,
    "village": _SETTLEMENTS,
    "station": _SETTLEMENTS,
    "siding": _SETTLEMENTS,
}
_UNIT_STATUSES = frozenset({"region", "district", "city_administration", "rural_district"})
#: An address has at most this many parts (region, district, okrug, settlement, street…);
#: a query of more is a list of names, not one place, and finds nothing.
MAX_PARTS = 12
#: An address has at most this many words (twelve parts of eight words); a query of more is a
#: text, not an address, and finds nothing without being read.
MAX_WORDS = 8 * MAX_PARTS
_SEPARATORS = re.compile(r"[,;()\[\]\n]")


@functools.cache
def _other_countries() -> frozenset[str]:
    """Keys of the names of every other country (``foreign_countries.txt``, generated from ISO
    3166 by ``scripts/build_gazetteer.py``, with the neighbours' Russian and Kazakh names)."""
    from ._data import data_path

    path = data_path("gazetteer", "foreign_countries.txt")
    keys = frozenset(path.read_text(encoding="utf-8").split("\n")) if path.exists() else frozenset()
    return keys - {""} - _COUNTRY


class _Part(NamedTuple):
    name: str
    key: str
    status: str | None  # what the designator says, or None
    stem: str | None  # the Russian adjective stem of a unit's name


def _parts(query: str) -> list[_Part] | None:
    """The parts of a query; ``None`` when it names a place abroad or nothing at all."""
    parts: list[_Part] = []
    for p in parse_address(query):
        name = p.name.strip(" .-\"'«»")
        key = name_key(name)
        if not key:
            continue
        if key in _COUNTRY and p.status is None:
            continue  # the country itself (a village called Kazakhstan has its designator)
        if parts and key in _other_countries():
            return None  # "Aksu, Uzbekistan": a place of another country
        stem = None
        if p.status in _UNIT_STATUSES or p.status is None:
            stem = adjective_stem(name.replace(" ", ""))
            if stem is not None and "j" in stem:  # ISO 9: Aršalynskij
                stem = adjective_stem(name.replace(" ", "").replace("j", "y").replace("J", "Y")) or stem
        parts.append(_Part(name, key, p.status, stem))
    if len(parts) > 1 and not any(c in query for c in ",;"):
        # A name that reads like an address: "Пионерлагерь П.Морозова" is one name, not a
        # settlement "П." (посёлок) Морозова inside a place Пионерлагерь.
        whole = name_key(query.strip(" .-\"'«»"))
        if whole in gazetteer().index:
            return [_Part(query.strip(), whole, None, None)]
    return parts or None


# ---------------------------------------------------------------------------
# Fuzzy index: keys by first letter, for typos


class _Ascii(dict[int, str]):
    """Unidecode's ASCII for each character, looked up once (it reads one character at a time),
    so a whole name goes through ``str.translate``."""

    def __missing__(self, code: int) -> str:
        import warnings

        from unidecode import unidecode

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unidecode warns on surrogates; they are dropped below
            out: str = unidecode(chr(code))
        self[code] = out
        return out


_ASCII = _Ascii()
_NOT_ALNUM = re.compile("[^a-z0-9]+")


def _plain(text: str) -> str:
    """A second, plainer key for typos: ASCII letters as typed (unidecode, lower case)."""
    if not text.isascii():
        text = text.translate(_ASCII)
    return _NOT_ALNUM.sub("", text.lower())


class _Index:
    """Name keys and the plain ASCII forms of every name, bucketed by first letter and length,
    for typos.

    Typos are made on the letters people type: a slip inside a digraph (``Dhzezkazgan``)
    changes a name key by more than it changes the typed letters, so both are searched.
    The buckets with the query's first letter and a length within the edit budget are
    scanned by RapidFuzz's OSA distance with a cutoff.
    """

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.sorted_keys = sorted(gaz.index)
        self.keys_by_first = Buckets(key for key in set(gaz.index) | set(gaz.region_index) if len(key) >= 4)
        self.plain: dict[str, set[str]] = defaultdict(set)  # plain form -> name keys
        plain_of: dict[str, str] = {}  # names repeat (namesakes share alternates): each once
        for name, key in gaz.names_and_keys():
            if not name:
                continue
            p = plain_of.get(name)
            if p is None:
                p = plain_of[name] = _plain(name)
            if len(p) >= 4 and (key in gaz.index or key in gaz.region_index):
                self.plain[p].add(key)
        self.plain_by_first = Buckets(self.plain)

    @staticmethod
    def _search(q: str, buckets: Buckets) -> list[tuple[int, str]]:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if len(q) < 5:
            return []
        budget = 1 if len(q) < 8 else 2
        choices = buckets.within(q[0], len(q) - budget, len(q) + budget)
        if not choices:
            return []
        hits = process.extract(q, choices, scorer=OSA.distance, score_cutoff=budget, limit=None)
        return [(int(d), k) for k, d, _ in hits if k != q]

    def near(self, key: str, plain: str) -> list[tuple[int, str]]:
        """Name keys within the edit budget of the query, by key or by plain letters (the
        query's :func:`_plain` form); nearest first."""
        best: dict[str, int] = {}
        for dist, k in self._search(key, self.keys_by_first):
            best[k] = min(dist, best.get(k, dist))
        for dist, p in self._search(plain, self.plain_by_first):
            for k in self.plain[p]:
                if k != key:
                    best[k] = min(dist, best.get(k, dist))
        return sorted((d, k) for k, d in best.items())

    def with_prefix(self, stem: str, extra: int) -> list[str]:
        """Keys that start with ``stem`` and have at most ``extra`` more letters."""
        i = bisect.bisect_left(self.sorted_keys, stem)
        out = []
        while i < len(self.sorted_keys) and self.sorted_keys[i].startswith(stem):
            if len(self.sorted_keys[i]) - len(stem) <= extra:
                out.append(self.sorted_keys[i])
            i += 1
        return out


_INDEX: Derived[_Index] = Derived(_Index)


def _index() -> _Index:
    return _INDEX.get()


# ---------------------------------------------------------------------------
# Candidates of one part

_Cand = tuple[Entry, int]  # an index entry and its edit distance (0 exact, -1 exact and preferred)


def _allowed(part: _Part, place: Place) -> bool:
    if part.status is None:
        return True
    kinds = _STATUS_KINDS.get(part.status)
    if kinds is None or place.kind not in kinds:
        return False
    if part.status == "city" and place.kind == "district":
        return place.status in ("city_administration", "city_district")
    if part.status == "city" and place.kind == "region":
        return place.kato is not None and place.kato[:2] in ("71", "75", "79")
    return True


def _exact(gaz: Gazetteer, part: _Part, key: str) -> list[_Cand]:
    found: list[_Cand] = []
    wants_region = part.status == "region"
    if part.status != "region":
        found += [(e, 0) for e in gaz.index.get(key, ()) if _allowed(part, e.place)]
    if part.status in (None, "region", "city"):
        found += [(e, 0) for e in gaz.region_index.get(key, ()) if _allowed(part, e.place)]
    if part.stem is not None and (part.status is None or part.status in _UNIT_STATUSES):
        adjectives = [(e, 0) for e in gaz.adjectives.get(part.stem, ()) if _allowed(part, e.place)]
        if not adjectives and part.status in _UNIT_STATUSES:
            # "Арысский р-н" for Arys City Administration: the names the adjective is formed from
            for bare in bare_keys(part.stem):
                adjectives += [(e, 0) for e in gaz.index.get(bare, ()) if _allowed(part, e.place)]
                if part.status == "region":
                    adjectives += [(e, 0) for e in gaz.region_index.get(bare, ())]
                if adjectives:
                    break
        found += adjectives
    if wants_region and not found and part.stem is None:
        found += [(e, 0) for e in gaz.index.get(key, ()) if e.place.kind == "region"]
    return found


def _prominent(place: Place) -> bool:
    """A place a typo may be read as without other evidence: a region, a city or town, a place
    with a known population of 500 or more (GeoNames' cities500 guarantees that much)."""
    if place.kind in ("region", "city", "town"):
        return True
    if (place.population or 0) >= CITIES500:
        return True
    return place.coordinates is not None and place.coordinates.startswith("geonames:")


def _candidates(part: _Part, *, scoped: bool = False) -> list[_Cand]:
    """Entries for one part with their edit distance (0: exact).

    A near miss (typo) reads as any place when the query is ``scoped`` (another address part,
    or a region hint, checks it); alone, only as a :func:`_prominent` place: a one-letter
    slip away from one of 10,000 villages is more often junk than that village.
    """
    gaz = gazetteer()
    keys = [part.key]
    named = _NAMED.sub("", part.name)
    if named != part.name and name_key(named):  # "им. Абая": the name is also indexed without the word
        keys.append(name_key(named))
    if "j" in part.name or "J" in part.name:
        keys.append(name_key(part.name.replace("j", "y").replace("J", "Y")))  # ISO 9 / GOST: j is й
    for key in keys:
        found = _exact(gaz, part, key)
        if found:
            return found
    if keys[0] in gaz.foreign:
        return []  # the name of a city elsewhere is not a typo of a name here
    # a name of fewer than five letters has no near miss (_Index._search): the index is not needed
    plain = _plain(part.name)
    near = _index().near(keys[0], plain) if len(keys[0]) >= 5 or len(plain) >= 5 else []
    if not near:
        return [c for c in _russian_forms(keys[0]) if _allowed(part, c[0].place)]
    top = near[0][0]
    keys_hit = [key for dist, key in near if dist == top]
    found = []
    for key in keys_hit:
        found += [(e, top) for e, _ in _exact(gaz, part, key) if scoped or _prominent(e.place)]
    # A near miss that reads as two different names is no answer, unless one is far bigger.
    if len(keys_hit) > 1 and found:
        groups = [{e.place.id for e, _ in _exact(gaz, part, k)} for k in keys_hit]
        groups = [g for g in groups if g]
        if len(groups) > 1 and not set.intersection(*groups):
            size = {e.place.id: _size(e.place) for e, _ in found}
            tops = {max(g, key=lambda p: (size.get(p, 0), p)) for g in groups}
            sizes = sorted((size.get(p, 0) for p in tops), reverse=True)
            if len(sizes) > 1 and sizes[0] < 10 * max(sizes[1], 1):
                return []
    return found


def _size(place: Place) -> int:
    if place.kind == "region":
        return 10**6
    return place.population or 0


# Russian forms built on a Kazakh name, and their swaps: Kaztal → Kaztalovka, Zhelezin →
# Zhelezinka, Timiryazevka ↔ Timiryazevo. Tried last, on names of five letters or more.
_RU_SUFFIXES = ("ovka", "evka", "inka", "ka", "ovo", "evo", "ino", "o", "sk", "skoe", "skii", "ski")


def _russian_forms(key: str) -> list[_Cand]:
    if len(key) < 5:
        return []
    gaz = gazetteer()
    stems = {key} | {key[: -len(x)] for x in _RU_SUFFIXES if key.endswith(x) and len(key) - len(x) >= 4}
    found: list[_Cand] = []
    for stem in stems:
        for x in ("", *_RU_SUFFIXES):
            k = stem + x
            if k != key and k not in gaz.foreign:
                found += [(e, 1) for e in gaz.index.get(k, ()) if e.place.kind in SETTLEMENT_KINDS]
    if len({e.place.id for e, _ in found}) > 1:
        return []  # two places: no answer
    return found


# ---------------------------------------------------------------------------
# Agreement between parts


@functools.lru_cache(maxsize=50_000)
def _containers(place: Place) -> frozenset[str]:
    """Ids a part may name to agree with ``place``: itself, every unit it lies in, and the city
    an administration is named after (``г. Арысь`` for the villages of Arys City Administration)."""
    gaz = gazetteer()
    ids = {place.id}
    for p in parents(place):
        ids.add(p.id)
        # the city that heads a unit: г. Арысь for Arys City Administration, г. Аягоз for Аягоз г.а.
        ids.update(c for c in gaz.children.get(p.id, ()) if gaz.places[c].status == "city")
    for p in (place, *parents(place)):
        ids.update(gaz.moved_from.get(p.id, ()))  # the region a district was in before a reform
    if place.admin1:
        ids.add(place.admin1)
        region = gaz.regions.get(place.admin1)
        if region is not None and region.kato and region.kato[:2] in ("71", "75", "79"):
            city = gaz.by_kato.get(region.kato)
            if city is not None:
                ids.add(city.id)  # "г. Алматы" as the region of an Almaty district
        for hist in gaz.regions.values():
            if not hist.is_current and place.admin1 in _successors(hist):
                ids.add(hist.id)
    return frozenset(ids)


@functools.cache
def _successor_table() -> dict[str, tuple[str, ...]]:
    from ._data import data_path
    from .gazetteer import _rows

    out: dict[str, tuple[str, ...]] = {}
    for row in _rows(data_path("gazetteer", "regions.tsv")):
        out[row["code"]] = tuple(s.strip() for s in (row.get("successor") or "").split(";") if s.strip())
    return out


def _successors(region: Place) -> tuple[str, ...]:
    return _successor_table().get(region.id, ())


# ---------------------------------------------------------------------------
# Ranking


@functools.lru_cache(maxsize=100_000)
def _folded(name: str) -> str:
    return fold_case(name)


def _reason(entry: Entry, query: str, fuzzy: bool) -> str:
    if fuzzy:
        return "fuzzy"
    if entry.reason == "former name":
        return "former name"
    if entry.reason.startswith("region"):
        return "region"
    if entry.reason == "alternate":
        return "alternate name"  # as written or not: "exact" is the place's own name
    if fold_case(entry.name) == fold_case(query):
        return "exact"
    return "transliteration"


def _quality(entry: Entry, dist: int, part: _Part, bare_settlement: bool) -> float:
    """How well one part's words match a candidate: its name, and what its designator asks."""
    w = WEIGHTS
    place = entry.place
    score = w.get(entry.reason, 90.0) + w["edit"] * max(dist, 0)
    if not place.is_current:
        score += w["not current"]
    if part.status is None:
        if bare_settlement and place.kind in AREA_KINDS:
            score += w["unit without word"] if place.kind != "region" else w["kind mismatch"]
    elif place.kind == "region" and part.status != "region":
        score += w["kind mismatch"]
    elif (
        place.kind == "district"
        and part.status in ("district", "city_administration")
        and place.status != part.status
        and {place.status, part.status} != {"district", "city_district"}
    ):
        score += w["unit mismatch"]  # "Balkhash District" is not Balkhash City Administration
    return score


_NAMED = re.compile(r"^(?:им\.?|имени|im\.?|imeni)\s+", re.IGNORECASE)


def _extras(entry: Entry, part: _Part, folded: str, own_extras: dict[str, float]) -> float:
    """What orders namesakes of equal quality: status, kind, population, provenance."""
    w = WEIGHTS
    place = entry.place
    score = 0.0
    if _folded(entry.name) == folded:
        score += w["as written"]
    if part.status is not None and (
        place.status == part.status
        or (part.status == "city" and place.kind in ("city", "town"))
        or (part.status == "district" and place.status == "city_district")
    ):
        score += w["status"]
    own = own_extras.get(place.id)
    if own is None:
        own = own_extras[place.id] = _own_extras(place)
    return score + own


# What each place brings to _extras whatever the query, worked out once (by place id, for
# the loaded gazetteer).
_OWN_EXTRAS: Derived[dict[str, float]] = Derived(lambda _gaz: {})


def _own_extras(place: Place) -> float:
    w = WEIGHTS
    score = 0.0
    if place.kind in SETTLEMENT_KINDS or place.kind == "region":
        pop = place.population or 0
        if not pop and place.coordinates is not None and place.coordinates.startswith("geonames:"):
            pop = CITIES500  # a place of GeoNames' cities500 has 500 people or more
        score += min(12.0, w["population"] * math.log10(pop + 1)) + w["kind"] * _KIND_RANK.get(place.kind, 0)
    if place.status == "city" and place.kind in ("city", "town"):
        score += w["city status"]
    if place.kind == "locality":
        score += w["locality"] if place.status != "not_in_kato" else w["not in KATO"]
    elif place.kato is None and place.kind != "region":
        score += w["renamed"] if place.id.startswith("geonames:") else w["not in KATO"]
    if place.kato is not None and place.kato.endswith("100") and place.kind == "village":
        score += w["okrug centre"]
    if place.precise:
        score += w["own point"]
    return score


def _rank(
    parts: list[_Part],
    cands: list[list[_Cand]],
    region: Place | None,
    near: tuple[float, float] | None,
    limit: int,
) -> list[_Ranked]:
    """The best ``limit`` readings of a query's candidates (see :func:`_order`)."""
    w = WEIGHTS
    own_extras = _OWN_EXTRAS.get()
    # The quality of each part's reading of each candidate, once.
    qualities: list[list[float]] = []
    readings: list[dict[str, float]] = []
    several = len(parts) > 1
    for part, cs in zip(parts, cands, strict=True):
        bare = part.status is None and any(e.place.kind in SETTLEMENT_KINDS for e, _ in cs)
        qs = [_quality(entry, dist, part, bare) for entry, dist in cs]
        qualities.append(qs)
        if not several:
            break
        # Another part agrees with an answer as well as its best reading among the answer's
        # units (Akmola Region reads the region better than Astana's former name Akmola).
        quality_of: dict[str, float] = {}
        for (entry, _dist), q in zip(cs, qs, strict=True):
            if q > quality_of.get(entry.place.id, -1e9):
                quality_of[entry.place.id] = q
        readings.append(quality_of)
    tops = [max(r.values(), default=0.0) for r in readings]
    # place id -> (rank, quality, entry, dist, km, conflict, depth)
    best: dict[str, _Ranked] = {}
    for i, (part, cs) in enumerate(zip(parts, cands, strict=True)):
        folded = fold_case(part.name)
        for (entry, dist), quality in zip(cs, qualities[i], strict=True):
            place = entry.place
            conflict = False
            agreement = 0.0
            if several:
                inside = _containers(place)
                for j, quality_of in enumerate(readings):
                    if j == i or not quality_of:
                        continue
                    agreeing = [q for pid, q in quality_of.items() if pid in inside]
                    if agreeing:
                        agreement += w["part agrees"] - (tops[j] - max(agreeing)) / 2
                        continue
                    quality += w["conflict"]
                    conflict = True
            rank = quality + _extras(entry, part, folded, own_extras)
            if not conflict:
                rank += agreement
            km = None
            if region is not None:
                rank += w["region hint"] if place.admin1 == region.admin1 else -w["region hint"]
            if near is not None:
                km = distance_km(near, (place.lat, place.lon))
                rank += w["near"] - min(2 * w["near"], km / 50.0)
            depth = _depth(place) if several else 0
            old = best.get(place.id)
            if old is None or (not conflict, depth, rank) > (not old[5], old[6], old[0]):
                best[place.id] = (rank, quality, entry, dist, km, conflict, depth)
    # The most specific place consistent with every part first: a conflict ranks below any
    # agreement, then a deeper place (village < rural district < district < region) first.
    if not best:
        return []
    return [min(best.values(), key=_order)] if limit == 1 else sorted(best.values(), key=_order)[:limit]


def _matches(parts: list[_Part], ranked: list[_Ranked]) -> list[Match]:
    names = " ".join(p.name for p in parts)
    return [
        Match(
            e.place,
            round(min(100.0, max(0.0, quality)), 2),
            "conflict" if conflict else _reason(e, names if len(parts) == 1 else e.name, d > 0),
            e.name,
            km,
            round(rank, 2),
        )
        for rank, quality, e, d, km, conflict, _depth_ in ranked
    ]


# rank, quality, entry, edit distance, km, conflict, depth
_Ranked = tuple[float, float, Entry, int, float | None, bool, int]


def _order(t: _Ranked) -> tuple[bool, int, float, str]:
    """Best first: no conflict, the deepest place, the highest rank, then the id (stable)."""
    return t[5], -t[6], -t[0], t[2].place.id


def _depth(place: Place) -> int:
    if place.kind == "region":
        return 1
    if place.kind == "district":
        return 2
    if place.kind == "rural_district":
        return 3
    return 4


def _region_of(region: str | None) -> Place | None:
    if region is None:
        return None
    return gazetteer().region(check_text(region, name="region"))


def search(
    query: str,
    *,
    limit: int = 10,
    region: str | None = None,
    near: tuple[float, float] | None = None,
) -> list[Match]:
    """Places matching a query, best first, each with a score (0–100) and the reason.

    The query is a name or an address in any script, scheme and order, with or without
    designators (``с. Акдала, Арысский р-н``; ``Akdala village, Arys, Turkestan region``).

    >>> [m.place.name for m in search("Aksu", limit=3)]
    ['Aksu', 'Aksu', 'Aksu']
    >>> search("Tashkent"), search("42")
    ([], [])

    A query with no letter is no name (KATO's siding ``разъезд 42`` is found with its word);
    a query of more than :data:`MAX_PARTS` parts is a list of names, and one of more than
    :data:`MAX_WORDS` words a text: neither is an address.
    """
    parts, ranked = _ranked(query, limit, region, near)
    return _matches(parts, ranked)


def _ranked(
    query: str, limit: int, region: str | None, near: tuple[float, float] | None
) -> tuple[list[_Part], list[_Ranked]]:
    query = check_text(query, name="query")
    if LETTER.search(query) is None:
        return [], []
    if len(_SEPARATORS.findall(query, 0, 100_000)) > 4 * MAX_PARTS:
        return [], []  # a list, not an address: not even parsed
    if len(query.split(None, MAX_WORDS)) > MAX_WORDS:
        return [], []  # a text, not an address
    parts = _parts(query)
    if parts is None or len(parts) > MAX_PARTS:
        return [], []
    hint = _region_of(region)
    scoped = len(parts) > 1 or hint is not None
    cands = [_candidates(p, scoped=scoped) for p in parts]
    if not any(cands):
        return parts, []
    return parts, _rank(parts, cands, hint, near, limit)


def geocode(
    query: str,
    *,
    region: str | None = None,
    near: tuple[float, float] | None = None,
) -> Place | None:
    """The place a query names, in any script, scheme, case or with a typo; ``None`` if none.

    An address gives the most specific place consistent with all its parts; parts that
    contradict each other give ``None``.

    >>> geocode("Кызылорда").name
    'Kyzylorda'
    >>> geocode("Qyzylorda oblysy").id
    'KZ-43'
    >>> geocode("Nur-Sultan").name
    'Astana'
    >>> geocode("с. Акдала, Арысский р-н").kato
    '611633100'
    >>> geocode("Bishkek") is None
    True
    """
    ranked = _ranked(query, 1, region, near)[1]
    if not ranked or ranked[0][5]:  # none, or the parts conflict
        return None
    return ranked[0][2].place


def lookup(
    query: str | None = None,
    *,
    kato: str | None = None,
    geonames_id: int | None = None,
    id: str | None = None,
    region: str | None = None,
    near: tuple[float, float] | None = None,
) -> Place:
    """One place by a query (as :func:`geocode`), or by its KATO code, GeoNames id or id;
    raises :class:`PlaceNotFound` (a ``LookupError``) naming what was asked when none matches.

    >>> lookup(kato="611633100").name_ru
    'Акдала'
    >>> lookup("Almaty").kind
    'city'
    """
    gaz = gazetteer()
    if sum(a is not None for a in (query, kato, geonames_id, id)) != 1:
        raise TypeError("lookup takes one of: a query, kato=, geonames_id= or id=")
    place: Place | None
    asked: object
    what: str | None
    if kato is not None:
        code = check_text(kato, name="kato").strip()
        place = gaz.by_kato.get(code)
        if place is None:
            place = next((r for r in gaz.regions.values() if r.kato == code), None)
        what, asked = "KATO code", code
    elif geonames_id is not None:
        place = gaz.by_geonames.get(int(geonames_id))
        what, asked = "GeoNames id", geonames_id
    elif id is not None:
        place = gaz.places.get(id)
        what, asked = "id", id
    else:
        place = geocode(check_text(query, name="query"), region=region, near=near)
        what, asked = None, query
    if place is None:
        raise PlaceNotFound(asked, what=what)
    return place


def reverse(lat: float, lon: float, *, max_km: float = 50.0) -> Place | None:
    """The nearest settlement to a point (great-circle distance), or ``None`` beyond ``max_km``.

    Only settlements with a point of their own are answers (see :attr:`Place.precise`); for
    the district and region a point lies in, see :func:`locate`.

    >>> reverse(43.25, 76.92).name
    'Almaty'
    """
    near = gazetteer().nearby(lat, lon, max_km=max_km)
    return near[0][1] if near else None


@dataclass(frozen=True, slots=True)
class Location:
    """What :func:`locate` knows of a point: the nearest settlement and the units around it."""

    lat: float
    lon: float
    place: Place | None  # the nearest settlement within max_km
    distance_km: float | None
    district: Place | None  # the district (or city administration) the point lies in
    region: Place | None  # the region; None outside Kazakhstan


def locate(lat: float, lon: float, *, max_km: float = 50.0) -> Location:
    """The nearest settlement to a point and the district and region the point lies in.

    The district and region come from the areas of the districts (Who's On First's polygons
    mapped onto KATO's current districts); a point outside Kazakhstan has neither.

    >>> loc = locate(42.32, 69.59)
    >>> loc.region.name
    'Shymkent'
    >>> locate(51.5, 0.0).region is None
    True
    """
    from .areas import area_at

    gaz = gazetteer()
    near = gaz.nearby(lat, lon, max_km=max_km)
    place, km = (near[0][1], near[0][0]) if near else (None, None)
    unit = area_at(lat, lon)
    district = unit if unit is not None and unit.kind == "district" else None
    region = gaz.regions.get(unit.admin1 or "") if unit is not None else None
    return Location(lat, lon, place, km, district, region)


def current_name(name: str) -> str | None:
    """The current conventional name of a place known by any name, former ones included.

    >>> current_name("Nur-Sultan"), current_name("Guryev"), current_name("Ust-Kamenogorsk")
    ('Astana', 'Atyrau', 'Oskemen')
    """
    place = geocode(name)
    return place.name if place is not None else None


def name_at(place: Place | str, when: date | int | str) -> str:
    """The official name a place had on a date (a ``date``, a year, or an ISO date string).

    >>> name_at("Astana", 1970), name_at("Astana", 2020), name_at("Astana", 2024)
    ('Tselinograd', 'Nur-Sultan', 'Astana')
    """
    if isinstance(place, str):
        place = lookup(place)
    year = _year(when)
    english = [f for f in place.former_names if f.lang == "en"]
    for f in english:
        if f.start and f.end and f.in_use(year):
            return f.name
    for f in english:
        if f.in_use(year) and (f.start or f.end):
            return f.name
    return place.name


def _year(when: date | int | str) -> int:
    from .dates import year_of

    return year_of(when)
