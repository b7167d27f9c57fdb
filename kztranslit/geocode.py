"""Geocoding against the gazetteer: ``geocode``, ``search``, ``lookup``, ``reverse``.

A query goes through these steps:

1. **Clean and split.** :func:`~kztranslit.normalize.clean`, punctuation unified;
   comma-separated parts; a part naming the country (``Kazakhstan``,
   ``Қазақстан``…) is dropped; another part that names a region is a region hint.
2. **Words around the name.** Settlement words (``г.``, ``city``, ``қаласы``,
   ``ауылы``…) and region words (``oblysy``, ``Region``, ``область``…) are taken
   off and remembered as what the query asks for.
3. **Exact keys.** The :func:`~kztranslit.name_key` of the name is looked up among
   every name of every place (official, Kazakh, Russian, alternate, former) and
   every name of every region. A key variant reads ``j`` as ``й`` (ISO 9, GOST).
4. **Typos.** Without an exact key, keys within one edit (two for long names) are
   found among the keys with the same first letter by RapidFuzz's OSA distance (an
   adjacent transposition is one edit), on name keys and on the letters as typed; a
   short or ambiguous near miss, or the name of a city abroad, is refused.
5. **Ranking.** Among namesakes: a region or ``near=`` hint first, then how the
   name matched (official > alternate > former), then kind and population.

Anything outside Kazakhstan, or junk, gets ``None``: a name must match a key of
the gazetteer, exactly or within the edit budget, to be answered.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from .gazetteer import (
    COUNTRY_NAMES,
    SETTLEMENT_KINDS,
    Derived,
    Entry,
    Gazetteer,
    Place,
    distance_km,
    gazetteer,
)
from .keys import name_key
from .normalize import check_text, clean, fold_case, unify_punctuation

__all__ = ["Match", "current_name", "geocode", "lookup", "name_at", "reverse", "search"]


@dataclass(frozen=True, slots=True)
class Match:
    """A ranked answer of :func:`search`: the place, a score (0–100), why it matched, on which name."""

    place: Place
    score: float
    reason: str  # "exact", "transliteration", "alternate name", "former name", "region", "fuzzy"
    matched: str
    distance_km: float | None = None


# ---------------------------------------------------------------------------
# Query analysis

_COUNTRY = {
    name_key(n)
    for n in (
        *COUNTRY_NAMES, "Republic of Kazakhstan", "Республика Казахстан", "Қазақстан Республикасы",
        "KZ", "KAZ", "RK", "РК",
    )
}  # fmt: skip
# Abbreviations before a settlement name: г. Кызылорда, с. Абай, пос. Ульба.
_SETTLEMENT_ABBREV = re.compile(
    r"^(?:г|гор|с|п|пос|пгт|д|а|ст|қ|k|g|s|p)\.\s*", re.IGNORECASE
)
_OF = re.compile(r"^(?:the\s+)?(city|town|village|settlement|region|province|oblast)\s+of\s+", re.IGNORECASE)
# Words around a name, compared by name key so that every spelling counts (k'alasy = қаласы).
_SETTLEMENT_WORDS = frozenset(
    name_key(w)
    for w in (
        "city", "town", "village", "settlement", "қаласы", "qalasy", "ауылы", "auyly", "ауыл",
        "аул", "кенті", "kenti", "селосы", "село", "selo", "посёлок", "poselok", "posyolok",
        "город", "gorod", "станция", "stantsiya", "кент", "аулы", "станица", "станицасы", "stanitsa",
    )
)  # fmt: skip
_REGION_WORDS = frozenset(
    name_key(w)
    for w in ("oblysy", "oblystyq", "oblast", "region", "province", "облысы", "область", "обл")
)
_DISTRICT_WORDS = frozenset(
    name_key(w) for w in ("district", "audany", "ауданы", "район", "rayon", "raion", "rajon")
)


@functools.cache
def _other_countries() -> frozenset[str]:
    """Keys of the names of every other country (pycountry), and the neighbours' Russian and
    Kazakh names."""
    import pycountry

    names: set[str] = {
        "Россия", "Ресей", "Узбекистан", "Өзбекстан", "Кыргызстан", "Киргизия", "Қырғызстан",
        "Китай", "Қытай", "Туркменистан", "Түрікменстан", "Таджикистан", "Тәжікстан",
        "Russia", "Kyrgyzstan", "China", "Uzbekistan",
    }  # fmt: skip
    for c in pycountry.countries:
        if c.alpha_2 == "KZ":
            continue
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(value)
    return frozenset(name_key(n) for n in names) - _COUNTRY


@dataclass(frozen=True, slots=True)
class _Query:
    name: str
    wants: str | None  # "region", "settlement" or None
    region_hint: str | None
    district: bool = False


def _parse(query: str, region_hint: str | None) -> _Query | None:
    s = unify_punctuation(clean(query)).strip()
    s = re.sub(r"\s+", " ", s)
    parts = [p.strip() for p in s.split(",") if p.strip()]
    if any(name_key(p) in _other_countries() for p in parts[1:]):
        return None  # "Aksu, Uzbekistan": a place of another country
    parts = [p for p in parts if name_key(p) not in _COUNTRY]
    if not parts:
        return None
    name, rest = parts[0], parts[1:]
    hint = region_hint
    if hint is None and rest:
        hint = rest[0]
    wants: str | None = None
    m = _OF.match(name)
    if m:
        name = name[m.end() :]
        wants = "region" if m.group(1).lower() in ("region", "province", "oblast") else "settlement"
    m = _SETTLEMENT_ABBREV.match(name)
    if m and m.end() < len(name):
        name, wants = name[m.end() :], "settlement"
    words = name.split(" ")
    district = False
    while len(words) > 1:
        last = name_key(words[-1])
        first = name_key(words[0])
        if last in _REGION_WORDS:
            wants = "region"
        elif last in _SETTLEMENT_WORDS:
            wants = "settlement"
        elif last in _DISTRICT_WORDS:
            district = True
        elif first in _SETTLEMENT_WORDS:
            words, wants = words[1:], "settlement"
            continue
        else:
            break
        words = words[:-1]
    name = " ".join(words)
    name = name.strip(" .-\"'()")
    if not name:
        return None
    return _Query(name, wants, hint, district)


# ---------------------------------------------------------------------------
# Fuzzy index: one-letter deletions of every key


def _plain(text: str) -> str:
    """A second, plainer key for typos: ASCII letters as typed (unidecode, lower case)."""
    if not text.isascii():
        from unidecode import unidecode

        text = unidecode(text)
    return "".join(c for c in text.lower() if c.isalnum())


class _Index:
    """Name keys and the plain ASCII forms of every name, bucketed by first letter, for typos.

    Typos are made on the letters people type: a slip inside a digraph (``Dhzezkazgan``)
    changes a name key by more than it changes the typed letters, so both are searched.
    A query's bucket (same first letter) is scanned by RapidFuzz's OSA distance with a cutoff.
    """

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.sorted_keys = sorted(gaz.index)
        self.keys_by_first: dict[str, list[str]] = defaultdict(list)
        for key in set(gaz.index) | set(gaz.region_index):
            if len(key) >= 4:
                self.keys_by_first[key[0]].append(key)
        self.plain: dict[str, set[str]] = defaultdict(set)  # plain form -> name keys
        for place in gaz.places.values():
            names = (place.name, place.name_kk, place.name_ru, *place.alternate_names)
            for name in (*names, *(f.name for f in place.former_names)):
                p = _plain(name) if name else ""
                key = name_key(name) if name else ""
                if len(p) >= 4 and (key in gaz.index or key in gaz.region_index):
                    self.plain[p].add(key)
        self.plain_by_first: dict[str, list[str]] = defaultdict(list)
        for p in self.plain:
            self.plain_by_first[p[0]].append(p)

    @staticmethod
    def _search(q: str, buckets: dict[str, list[str]]) -> list[tuple[int, str]]:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if len(q) < 5:
            return []
        budget = 1 if len(q) < 8 else 2
        hits = process.extract(
            q, buckets.get(q[0], ()), scorer=OSA.distance, score_cutoff=budget, limit=None
        )
        return [(int(d), k) for k, d, _ in hits if k != q]

    def near(self, key: str, raw: str) -> list[tuple[int, str]]:
        """Name keys within the edit budget of the query, by key or by plain letters; nearest first."""
        best: dict[str, int] = {}
        for dist, k in self._search(key, self.keys_by_first):
            best[k] = min(dist, best.get(k, dist))
        for dist, p in self._search(_plain(raw), self.plain_by_first):
            for k in self.plain[p]:
                if k != key:
                    best[k] = min(dist, best.get(k, dist))
        return sorted((d, k) for k, d in best.items())

    def with_prefix(self, stem: str, extra: int) -> list[str]:
        """Settlement keys that start with ``stem`` and have at most ``extra`` more letters."""
        i = bisect.bisect_left(self.sorted_keys, stem)
        out = []
        while i < len(self.sorted_keys) and self.sorted_keys[i].startswith(stem):
            if len(self.sorted_keys[i]) - len(stem) <= extra:
                out.append(self.sorted_keys[i])
            i += 1
        return out


# Russian adjectives of district names (Осакаровский район → Осакаровка, Байганинский → Байганин,
# Жангалинский → Жаңғала), and the Kazakh district name (Осакаров ауданы): the district is named
# after its centre, whose name the stem begins.
_ADJECTIVE = re.compile(r"(?:ski|skaia|skoe|skoi|skii)$")
_ADJECTIVE_LONG = re.compile(r"(?:in|an|en|ov|ev)(?:ski|skaia|skoe|skoi|skii)$")


def _district_stems(key: str) -> list[str]:
    stems = [_ADJECTIVE.sub("", key), _ADJECTIVE_LONG.sub("", key)]
    return [s for i, s in enumerate(stems) if len(s) >= 4 and s not in stems[:i]]


_INDEX: Derived[_Index] = Derived(_Index)


def _index() -> _Index:
    return _INDEX.get()


# ---------------------------------------------------------------------------
# Ranking

_REASON_SCORE = {
    "name": 100.0, "alternate": 96.0, "former name": 94.0, "region name": 100.0, "region code": 100.0,
}  # fmt: skip
_KIND_RANK = {"city": 3, "region": 3, "town": 2, "village": 1, "locality": 1, "feature": 0}



def _reason(entry: Entry, query: str, fuzzy: bool) -> str:
    if fuzzy:
        return "fuzzy"
    if entry.reason == "former name":
        return "former name"
    if entry.reason.startswith("region"):
        return "region"
    if fold_case(entry.name) == fold_case(query):
        return "exact"
    if entry.reason == "alternate":
        return "alternate name"
    return "transliteration"


def _rank(
    entries: list[tuple[Entry, int]],
    q: _Query,
    region: Place | None,
    near: tuple[float, float] | None,
) -> list[Match]:
    best: dict[str, tuple[float, Entry, int, float | None]] = {}
    for entry, dist in entries:
        place = entry.place
        score = _REASON_SCORE.get(entry.reason, 90.0) + (5.0 if dist < 0 else -8.0 * dist)
        dist = max(dist, 0)
        if not place.is_current:
            score -= 3.0
        if place.kind == "region":
            score += 2.0 if q.wants == "region" else 0.0
            score -= 6.0 if q.wants == "settlement" else 0.0
        elif q.wants == "region":
            score -= 6.0
        if place.kind in SETTLEMENT_KINDS or place.kind == "region":
            pop = place.population or 0
            score += min(3.0, math.log10(pop + 1) / 2) + 0.3 * _KIND_RANK.get(place.kind, 0)
        if q.district:
            score += 4.0 if place.kind == "locality" else 0.0
        km = None
        if region is not None:
            score += 8.0 if place.admin1 == region.admin1 else -8.0
        if near is not None:
            km = distance_km(near, (place.lat, place.lon))
            score += 6.0 - min(12.0, km / 50.0)
        old = best.get(place.id)
        if old is None or score > old[0]:
            best[place.id] = (score, entry, dist, km)
    ranked = sorted(best.values(), key=lambda t: (-t[0], t[1].place.id))
    return [
        Match(e.place, round(min(100.0, max(0.0, sc - 5.0)), 2), _reason(e, q.name, d > 0), e.name, km)
        for sc, e, d, km in ranked
    ]


def _candidates(q: _Query) -> list[tuple[Entry, int]]:
    """Entries for the query with their edit distance; preferred ones come with distance -1."""
    gaz = gazetteer()
    keys = [name_key(q.name)]
    if "j" in q.name or "J" in q.name:
        keys.append(name_key(q.name.replace("j", "y").replace("J", "Y")))  # ISO 9 / GOST: j is й
    found: list[tuple[Entry, int]] = []
    abroad = keys[0] in gaz.foreign
    for key in keys:
        if not key:
            continue
        settlements = gaz.index.get(key, [])
        regions = gaz.region_index.get(key, [])
        # A region needs a word saying so (Kyzylorda Region, Қызылорда облысы): a bare
        # name is a settlement when one has it, as in the gazetteers people write from.
        region_first = q.wants == "region" or not settlements
        found += [(e, -1 if region_first else 0) for e in regions]
        found += [(e, 0 if region_first else -1) for e in settlements]
        if found:
            return found
    for key in keys:
        if q.district or _ADJECTIVE.search(key):
            for stem in _district_stems(key):
                found = [(e, 1) for k in _index().with_prefix(stem, 3) for e in gaz.index.get(k, [])]
                if found:
                    return found
    if abroad:
        return []  # the name of a city elsewhere is not a typo of a name here
    idx = _index()
    near = idx.near(keys[0], q.name)
    if not near:
        return _russian_forms(keys[0])
    top = near[0][0]
    keys_hit = [key for dist, key in near if dist == top]
    for key in keys_hit:
        found += [(e, top) for e in gaz.index.get(key, [])]
    if q.wants == "region" or not found:  # as for exact names: a region needs a word saying so
        found += [(e, top) for key in keys_hit for e in gaz.region_index.get(key, [])]
    # A near miss that reads as two different names is no answer, unless one is far bigger.
    if len(keys_hit) > 1:
        places = [{e.place.id for e in gaz.index.get(k, []) + gaz.region_index.get(k, [])} for k in keys_hit]
        if not set.intersection(*places):
            size = {
                e.place.id: e.place.population or (10**6 if e.place.kind == "region" else 0) for e, _ in found
            }
            # The likeliest place of each key; two different ones of similar size: refuse.
            tops = {max(ps, key=lambda p: (size[p], p)) for ps in places}
            sizes = sorted((size[p] for p in tops), reverse=True)
            if len(sizes) > 1 and sizes[0] < 10 * max(sizes[1], 1):
                return []
    return found


# Russian forms built on a Kazakh name, and their swaps: Kaztal → Kaztalovka, Zhelezin →
# Zhelezinka, Timiryazevka ↔ Timiryazevo. Tried last, on names of five letters or more.
_RU_SUFFIXES = ("ovka", "evka", "inka", "ka", "ovo", "evo", "ino", "o", "sk", "skoe", "skii", "ski")


def _russian_forms(key: str) -> list[tuple[Entry, int]]:
    if len(key) < 5:
        return []
    gaz = gazetteer()
    stems = {key} | {key[: -len(x)] for x in _RU_SUFFIXES if key.endswith(x) and len(key) - len(x) >= 4}
    found: list[tuple[Entry, int]] = []
    for stem in stems:
        for x in ("", *_RU_SUFFIXES):
            k = stem + x
            if k != key and k not in gaz.foreign:
                found += [(e, 1) for e in gaz.index.get(k, ())]
    if len({e.place.id for e, _ in found}) > 1:
        return []  # two places: no answer
    return found


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

    >>> [m.place.name for m in search("Aksu", limit=3)]
    ['Aksu', 'Aksu', 'Aksu']
    >>> search("Tashkent")
    []
    """
    q = _parse(check_text(query, name="query"), region)
    if q is None:
        return []
    hint = _region_of(q.region_hint)
    return _rank(_candidates(q), q, hint, near)[:limit]


def geocode(
    query: str,
    *,
    region: str | None = None,
    near: tuple[float, float] | None = None,
) -> Place | None:
    """The place a query names, in any script, scheme, case or with a typo; ``None`` if none.

    >>> geocode("Кызылорда").name
    'Kyzylorda'
    >>> geocode("Qyzylorda oblysy").id
    'KZ-43'
    >>> geocode("Nur-Sultan").name
    'Astana'
    >>> geocode("Bishkek") is None
    True
    """
    found = search(query, limit=1, region=region, near=near)
    return found[0].place if found else None


def lookup(query: str, **kwargs: object) -> Place:
    """Like :func:`geocode`, but raises ``LookupError`` naming the query when nothing matches."""
    place = geocode(query, **kwargs)  # type: ignore[arg-type]
    if place is None:
        raise LookupError(f"no place in Kazakhstan matches {query!r}")
    return place


def reverse(lat: float, lon: float, *, max_km: float = 50.0) -> Place | None:
    """The nearest settlement to a point (great-circle distance), or ``None`` beyond ``max_km``.

    >>> reverse(43.25, 76.92).name
    'Almaty'
    """
    near = gazetteer().nearby(lat, lon, max_km=max_km)
    return near[0][1] if near else None


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
        found = lookup(place)
        place = found
    if isinstance(when, date):
        year = when.year
    elif isinstance(when, int):
        year = when
    else:
        year = int(str(when)[:4])
    english = [f for f in place.former_names if f.lang == "en"]
    for f in english:
        if f.start and f.end and f.in_use(year):
            return f.name
    for f in english:
        if f.in_use(year) and (f.start or f.end):
            return f.name
    return place.name
