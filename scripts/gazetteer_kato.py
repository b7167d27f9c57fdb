"""The KATO tree and its links to Who's On First: the raw-source half of the gazetteer build.

Read by ``scripts/build_gazetteer.py``; see its docstring and ``data/gazetteer/README.md`` for
what the generated files hold. Nothing here writes a file.

KATO (``kato-2022-10-17-ru.csv``)
    The nine-digit code ``AB CD EF HIJ`` is the tree: a unit's administrative parent is
    the rural okrug ``AB CD EF 000`` when it exists, else the district ``AB CD 00 000``,
    else the region ``AB 00 00 000``. (The file's own ``parent_id`` also groups the
    villages of an okrug under its first village, ``…100``; that grouping is not kept.)
    The three cities of republican significance have their city districts at codes
    ``AB CD 10 000``; they are districts here.

Designators
    Every official name is split with ``data/gazetteer/designators.tsv`` (the same table
    the geocoder reads queries with): ``с.Акдала`` → village ``Акдала``,
    ``Акдалинский с.о.`` → rural okrug ``Акдалинский`` (an adjective), ``район
    Байдибека`` → district ``Байдибека`` (a genitive).

What is a place
    Units of level 1–3 are regions, districts (``район``, ``Г.А.``, the cities' districts)
    and rural districts (``с.о.``, ``с.а.``, ``п.а.``, ``г.а.``, ``р.а.``), except that a
    level-3 ``г.X`` is the city itself. At level 4, a unit is a settlement when its
    designator says so: city ``г.``, settlement ``п.`` / ``крес.пос.``, village ``с.`` /
    ``с.им.``, railway station ``ст.`` / ``Ост.пункт`` and siding ``рзд.``. Every other
    fourth-level object — winter quarters (``зимовка``), plots (``уч.``), farms, points,
    shepherds' houses, camps, pastures — is kept as a ``locality`` (it has a code people
    may hold), and the geocoder ranks it below every settlement.

Bare names
    A unit named by a Russian adjective (``Теректинский район``, ``Абралинский с.о.``)
    is indexed by the adjective (every case meets: ``adjective_stem``) and by bare names
    read off the adjective by the rules of Russian word formation (``-инский`` from a name
    in ``-ы/-и/-а`` or ``-ин``, ``-ский`` from a name ending in a consonant, ``-ь``, ``-й``
    or ``-ка/-ое``…). A bare name counts only when it is the name of a settlement inside
    the unit, or a name Who's On First gives the district — the unit is named after it.
    A genitive (``район Турара Рыскулова``, ``с.о.им.Абая``) also gets its nominative.

Links to Who's On First
    A settlement and a WOF locality are the same place when their name keys
    (:func:`kztranslit.name_key` over every name WOF has for the locality: the GeoNames
    name, Russian, Kazakh, English and undetermined names, preferred and variant) are
    equal and the link is unique, in three passes: unique in the whole country on both
    sides; unique inside the districts that the WOF county maps to (the county → district
    map is read off the first pass: every district that holds at least a fifth of the
    county's links); and one edit apart inside the district, for names of six letters or
    more. A link whose point lies more than ``MAX_OKRUG_KM`` from the median of the other
    linked villages of its okrug, more than ``MAX_DISTRICT_KM`` from its district's, or in a
    WOF region that does not map onto the settlement's region is dropped as a namesake.
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kztranslit.address import SETTLEMENT_STATUSES, adjective_stem, nominative, split_designators
from kztranslit.gazetteer import distance_km
from kztranslit.keys import name_key

#: A linked village this far from the median of its okrug's other links is a namesake.
MAX_OKRUG_KM = 60.0
#: ... and from the median of its district's links (Semey's and the largest districts reach
#: 250 km from their middle).
MAX_DISTRICT_KM = 300.0
#: ... or this far, when its WOF region is not the settlement's.
BORDER_KM = 100.0
#: A WOF county maps to every district holding at least this share of its first-pass links.
COUNTY_SHARE = 0.2
#: A WOF region maps onto every KATO region holding at least this share of its links.
REGION_SHARE = 0.03

# The designators KATO writes for units that are not settlements, and what they are.
_OTHER_WORDS = re.compile(
    r"^(?:зимовка|уч\.|участок|точка|ферма|отг\.|отгон|кр\.хоз|кх|дом|чабанск|мтф|бригада|поселье|"
    r"кордон|кашара|подстанция|отд\.|отделение|жив\.|пионерлагерь|лесхоз|подхоз|доц|лсп|лагерь)",
    re.IGNORECASE,
)


@dataclass
class Unit:
    """One KATO unit: its code, level, official name and what the build learns about it."""

    code: str
    level: int
    official: str  # the KATO name as written
    name: str  # without its designator
    status: str  # region, district, city_administration, rural_district, city, …, locality
    kind: str  # the gazetteer kind: region, district, rural_district, city, town, village, locality
    parent: str | None = None  # KATO code of the administrative parent
    adjective: str | None = None  # adjective stem when the name is a Russian adjective
    bare: list[str] = field(default_factory=list)  # other names: validated bare forms, nominatives
    wof_id: int | None = None
    link: str = ""  # how the WOF link was made: unique, district, fuzzy


def level_of(code: str) -> int:
    """1 region, 2 district, 3 rural district, 4 settlement (by the zeros of the code)."""
    if code.endswith("0000000"):
        return 1
    if code.endswith("00000"):
        return 2
    if code[:2] in ("71", "75", "79") and code.endswith("0000"):
        return 2  # the districts of Astana, Almaty and Shymkent
    if code.endswith("000"):
        return 3
    return 4


def _kind(level: int, status: str) -> str:
    if level == 1:
        return "region"
    if level == 2:
        return "district"
    if status == "city":
        return "town"  # the size class is set later, from the population
    if level == 3:
        return "rural_district"
    if status in SETTLEMENT_STATUSES:
        return "village"
    return "locality"


def read_kato(path: Path) -> dict[str, Unit]:
    """Every unit of the KATO file by code, with its designator split off and its parent."""
    units: dict[str, Unit] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            code = row["code"].strip()
            if not re.fullmatch(r"\d{9}", code):
                raise ValueError(f"{path}: bad KATO code {code!r}")
            official = " ".join(row["name"].split())
            level = level_of(code)
            name, designator = split_designators(official)
            status = designator.status if designator is not None else ""
            if level == 4 and (not status or _OTHER_WORDS.match(official)):
                status, name = "locality", official
            elif level == 3 and status not in ("rural_district", "city", "city_administration"):
                status = "rural_district"
            elif level == 2 and status not in ("district", "city_administration"):
                status = "district"
            if status == "city_administration" and level == 3:
                status = "rural_district"  # "Аягоз г.а.": a town with its villages, below a district
            name = name.strip(' "«»')
            if name.startswith(("им. ", "имени ")):
                name = name.split(" ", 1)[1]
            unit = Unit(code, level, official, name, status, _kind(level, status))
            if re.search(r"\bим(?:\.|ени\b)", official) and nominative(name) != name:
                unit.bare.append(nominative(name))
            units[code] = unit
    for code, unit in units.items():
        unit.parent = _parent(code, units)
    return units


def _parent(code: str, units: dict[str, Unit]) -> str | None:
    level = level_of(code)
    candidates = []
    if level == 4:
        candidates.append(code[:6] + "000")
    if level >= 3:
        candidates += [code[:4] + "00000", code[:4] + "10000" if code[:2] in ("71", "75", "79") else ""]
    if level >= 2:
        candidates.append(code[:2] + "0000000")
    for c in candidates:
        if c and c != code and c in units and level_of(c) < level:
            return c
    return None


# --- bare names of units named by adjectives ----------------------------------------------------

_ADJ = re.compile(r"(?:ский|ская|ское|ской|ского)$")


def bare_forms(adjective: str) -> list[str]:
    """Names an adjective may come from: ``Теректинский`` → ``Теректы``, ``Теректи``, ``Теректин``…"""
    m = _ADJ.search(adjective)
    if m is None:
        return []
    stem = adjective[: m.start()]
    forms = [stem]
    if stem.endswith(("ин", "ын")):
        base = stem[:-2]
        forms += [base + "ы", base + "и", base + "а", base + "я", base]
    if stem.endswith("н") and not stem.endswith(("ин", "ын")):
        forms += [stem[:-1] + "ы", stem[:-1]]
    if stem.endswith(("ов", "ев")):
        forms += [stem + "ка", stem[:-2] + "овое", stem[:-2] + "ое", stem]
    if stem.endswith("ь"):
        forms.append(stem[:-1])
    else:
        forms.append(stem + "ь")
    if stem.endswith("с") and adjective[m.start() - 1 : m.start() + 1] == "сс":
        forms.append(stem)
    if stem.endswith(("ий", "ый")):
        forms += [stem[:-1], stem[:-2] + "и"]
    if stem.endswith("й"):
        forms.append(stem[:-1])
    forms += [stem + "а", stem + "ы", stem + "и", stem + "ое", stem + "ое"]
    seen: list[str] = []
    for f in forms:
        if len(f) >= 2 and f not in seen:
            seen.append(f)
    return seen


def bare_keys_of(stem: str) -> list[str]:
    """Name keys a Russian adjective stem may come from (see :func:`kztranslit.address.bare_keys`)."""
    from kztranslit.address import bare_keys

    return bare_keys(stem)


def add_bare_names(units: dict[str, Unit], wof_county_names: dict[str, list[str]]) -> None:
    """Fill ``Unit.adjective`` and ``Unit.bare`` for districts and rural districts (rules above)."""
    inside: dict[str, set[str]] = defaultdict(set)  # unit code -> keys of the settlements it holds
    for u in units.values():
        if u.kind in ("region", "district", "rural_district"):
            continue
        p = u.parent
        while p is not None:
            inside[p].add(name_key(u.name))
            p = units[p].parent
    for u in units.values():
        if u.level not in (2, 3) or u.status == "city":
            continue
        words = u.name.split(" ")
        last = words[-1]
        if _ADJ.search(last):
            u.adjective = adjective_stem(u.name.replace(" ", "")) if len(words) > 1 else adjective_stem(last)
            known = inside[u.code] | {name_key(n) for n in wof_county_names.get(u.code, [])}
            prefix = " ".join(words[:-1])
            for form in bare_forms(last):
                full = f"{prefix} {form}".strip()
                if name_key(full) in known and full not in u.bare:
                    u.bare.append(full)
        elif len(u.name) > 3 and u.name != nominative(u.name):
            u.bare.append(nominative(u.name))


# --- Who's On First -----------------------------------------------------------------------------


@dataclass
class Wof:
    """A WOF record: id, placetype, names, point, parents."""

    id: int
    placetype: str
    name: str
    names: dict[str, list[str]]  # "rus", "kaz", "eng", "und", "gn" -> names
    lat: float
    lon: float
    county: int | None
    region: int | None
    geonames_id: int | None
    population: int
    current: bool
    feature_code: str


_LANGS = {"rus": "rus", "kaz": "kaz", "eng": "eng", "und": "und"}


def read_wof(path: Path) -> dict[int, Wof]:
    """Localities, neighbourhoods, counties and regions of ``records.jsonl.gz``, by WOF id."""
    out: dict[int, Wof] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            p = record["properties"]
            placetype = p.get("wof:placetype")
            if placetype not in ("locality", "neighbourhood", "county", "region"):
                continue
            names: dict[str, list[str]] = defaultdict(list)
            for key, value in sorted(p.items()):
                m = re.match(r"name:([a-z]{3})_x_(preferred|variant|colloquial|historical)$", key)
                if m and m.group(1) in _LANGS and isinstance(value, list):
                    tag = _LANGS[m.group(1)] + ("_hist" if m.group(2) == "historical" else "")
                    names[tag] += [str(v) for v in value if str(v).strip()]
            for key in ("gn:name", "gn:asciiname", "qs:name"):
                if p.get(key):
                    names["gn"].append(str(p[key]))
            hierarchy = (p.get("wof:hierarchy") or [{}])[0]
            concord = p.get("wof:concordances") or {}
            gid = concord.get("gn:id") or p.get("gn:geonameid")
            out[int(p["wof:id"])] = Wof(
                id=int(p["wof:id"]),
                placetype=placetype,
                name=str(p.get("wof:name") or ""),
                names=dict(names),
                lat=float(p.get("geom:latitude") or 0.0),
                lon=float(p.get("geom:longitude") or 0.0),
                county=hierarchy.get("county_id") if (hierarchy.get("county_id") or 0) > 0 else None,
                region=hierarchy.get("region_id") if (hierarchy.get("region_id") or 0) > 0 else None,
                geonames_id=int(gid) if gid else None,
                population=int(p.get("gn:population") or p.get("wof:population") or 0),
                current=p.get("mz:is_current") != 0 and not p.get("edtf:deprecated"),
                feature_code=str(p.get("gn:feature_code") or ""),
            )
    return out


def wof_names(w: Wof, *, historical: bool = False) -> Iterator[str]:
    """Every name of a WOF record, its own name first (historical names only when asked)."""
    yield w.name
    for tag in sorted(w.names):
        if tag.endswith("_hist") and not historical:
            continue
        yield from w.names[tag]


def wof_keys(w: Wof) -> set[str]:
    """The name keys of a WOF record (historical names too), each also without its designators."""
    keys = set()
    for n in wof_names(w, historical=True):
        for form in (n, split_designators(n)[0]):
            k = name_key(form)
            if k:
                keys.add(k)
    return keys


def unit_keys(u: Unit) -> set[str]:
    return {k for k in (name_key(n) for n in (u.name, *u.bare)) if k}


def names_unit(city: dict[str, str], u: Unit) -> bool:
    """Whether a city record linked to a unit names it (not a renamed place under its old name)."""
    return bool({name_key(n) for n in (city["name"], city["name_ru"], city["name_kk"]) if n} & unit_keys(u))


_VOWELS = re.compile("[aeiou]")


def skeleton(key: str) -> str:
    """A looser key for names Russian and Kazakh spell apart (Хаджимукан / Қажымұқан): the
    consonants of the name key with х read as к, дж as ж, a genitive or "imeni" dropped."""
    if key.startswith("imeni"):
        key = key[5:]
    key = key.replace("dj", "j").replace("x", "k").replace("ts", "s")
    return _VOWELS.sub("", key.rstrip("aeiou")) if len(key) >= 5 else ""


_NUMBERED = re.compile(r"^(.*?)\s*(?:№\s*)?\d+$")


# --- linking ------------------------------------------------------------------------------------

LINKABLE = frozenset({"city", "settlement", "village", "station", "siding"})
#: Who chooses first when two KATO units of one name compete for one record: the town before
#: the village (``п.Шортанды``, a district centre, before ``с.Шортанды`` of another district).
STATUS_RANK = {"city": 0, "settlement": 1, "village": 2, "station": 3, "siding": 4}


def _by_rank(units: Iterable[Unit]) -> list[Unit]:
    return sorted(units, key=lambda u: (STATUS_RANK.get(u.status, 9), u.level, u.code))


def link(units: dict[str, Unit], wof: dict[int, Wof]) -> dict[int, list[str]]:
    """Link KATO settlements to WOF localities (sets ``Unit.wof_id``); the county → districts map."""
    settlements = _by_rank(u for u in units.values() if u.status in LINKABLE)
    localities = [w for w in wof.values() if w.placetype in ("locality", "neighbourhood")]
    by_wkey: dict[str, list[Wof]] = defaultdict(list)
    for w in localities:
        for k in wof_keys(w):
            by_wkey[k].append(w)
    by_ukey: dict[str, list[Unit]] = defaultdict(list)
    for u in settlements:
        for k in unit_keys(u):
            by_ukey[k].append(u)
    taken: dict[int, str] = {u.wof_id: u.code for u in settlements if u.wof_id is not None}

    def take(u: Unit, w: Wof, how: str) -> None:
        u.wof_id, u.link = w.id, how
        taken[w.id] = u.code

    # Pass 1: unique in the country on both sides.
    for u in settlements:
        if u.wof_id is not None:
            continue
        ws = {w.id: w for k in unit_keys(u) for w in by_wkey.get(k, ())}
        us = {v.code for k in unit_keys(u) for v in by_ukey.get(k, ())}
        if len(ws) == 1 and len(us) == 1:
            (w,) = ws.values()
            if w.id not in taken:
                take(u, w, "unique")
    # The county → districts map, read off pass 1 (for the areas of districts).
    votes: dict[int, Counter[str]] = defaultdict(Counter)
    for u in settlements:
        if u.wof_id is not None:
            county = wof[u.wof_id].county
            if county is not None:
                votes[county][district_of(u.code, units)] += 1
    county_districts: dict[int, list[str]] = {}
    for county, c in votes.items():
        total = sum(c.values())
        county_districts[county] = sorted(d for d, n in c.items() if n >= COUNTY_SHARE * total)

    # Passes 2 and 3: near the unit's okrug (or district) as the links so far place it.
    from rapidfuzz.distance import OSA

    grid: dict[tuple[int, int], list[tuple[Wof, set[str]]]] = defaultdict(list)
    for w in localities:
        grid[(int(w.lat), int(w.lon))].append((w, wof_keys(w)))

    def around(lat: float, lon: float, km: float) -> Iterator[tuple[Wof, set[str]]]:
        for dy in (-1, 0, 1):
            for dx in (-2, -1, 0, 1, 2):
                for w, keys in grid.get((int(lat) + dy, int(lon) + dx), ()):
                    if w.id not in taken and distance_km((lat, lon), (w.lat, w.lon)) <= km:
                        yield w, keys

    def grid_all(lat: float, lon: float, km: float) -> Iterator[tuple[Wof, set[str]]]:
        for dy in (-1, 0, 1):
            for dx in (-2, -1, 0, 1, 2):
                for w, keys in grid.get((int(lat) + dy, int(lon) + dx), ()):
                    if distance_km((lat, lon), (w.lat, w.lon)) <= km:
                        yield w, keys

    def close(keys: Iterable[str], wkeys: Iterable[str]) -> bool:
        return any(
            len(k) >= 6 and abs(len(k) - len(wk)) <= 1 and OSA.distance(k, wk, score_cutoff=1) <= 1
            for k in keys for wk in wkeys
        )  # fmt: skip

    for how in ("near", "fuzzy", "skeleton", "numbered"):
        for _round in range(2):  # links of the first round anchor the okrugs of the second
            anchors = _anchors(units, wof)
            groups: dict[str, list[Unit]] = defaultdict(list)
            for u in settlements:
                if u.parent is not None:
                    groups[u.parent].append(u)
            for u in settlements:
                if u.wof_id is not None:
                    continue
                where = _anchor_of(u, units, anchors)
                if where is None:
                    continue
                (lat, lon), km = where
                keys = unit_keys(u)
                if how == "near":
                    hits = [w for w, wk in around(lat, lon, km) if keys & wk]
                elif how == "fuzzy":
                    hits = [w for w, wk in around(lat, lon, km) if close(keys, wk)]
                elif how == "skeleton":
                    sk = {skeleton(k) for k in keys} - {""}
                    hits = [w for w, wk in around(lat, lon, km) if sk & {skeleton(k) for k in wk}]
                else:  # "Молкудык 2" placed at WOF's one "Molkuduk" (numbered hamlets lie together)
                    m = _NUMBERED.match(u.name)
                    base = name_key(m.group(1)) if m else ""
                    if not base:
                        continue
                    hits = [w for w, wk in grid_all(lat, lon, km) if base in wk]
                    if len(hits) == 1:
                        u.wof_id, u.link = hits[0].id, how  # shared: not "taken"
                    continue
                if len(hits) != 1:
                    continue
                w = hits[0]
                wk = wof_keys(w)
                siblings = [v for v in groups.get(u.parent or "", ()) if v is not u and v.wof_id is None]
                if how == "near" and any(unit_keys(v) & wk for v in siblings):
                    continue
                if how == "fuzzy" and any(close(unit_keys(v), wk) for v in siblings):
                    continue
                if how == "skeleton":
                    wsk = {skeleton(k) for k in wk} - {""}
                    if any({skeleton(k) for k in unit_keys(v)} & wsk for v in siblings):
                        continue
                take(u, w, how)
    _drop_far(units, wof, taken)
    _drop_foreign(units, wof, taken, settlements)
    return county_districts


#: How far from its okrug's (district's) anchor a settlement may be linked.
OKRUG_KM = 35.0
DISTRICT_KM = 90.0


def _anchors(units: dict[str, Unit], wof: dict[int, Wof]) -> dict[str, tuple[float, float]]:
    """The median point of the linked settlements of every okrug and district."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for u in units.values():
        if u.wof_id is None:
            continue
        w = wof[u.wof_id]
        p = u.parent
        while p is not None and units[p].level >= 2:
            points[p].append((w.lat, w.lon))
            p = units[p].parent
    return {
        code: (statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts))
        for code, pts in points.items()
    }


def _anchor_of(
    u: Unit, units: dict[str, Unit], anchors: dict[str, tuple[float, float]]
) -> tuple[tuple[float, float], float] | None:
    p = u.parent
    while p is not None and units[p].level >= 2:
        if p in anchors:
            return anchors[p], OKRUG_KM if units[p].level == 3 else DISTRICT_KM
        p = units[p].parent
    return None


def district_of(code: str, units: dict[str, Unit]) -> str:
    """The KATO code of the district a unit lies in (the unit itself for a district)."""
    u = units[code]
    while u.level > 2 and u.parent is not None:
        u = units[u.parent]
    return u.code


def _drop_far(units: dict[str, Unit], wof: dict[int, Wof], taken: dict[int, str]) -> None:
    """Unlink a village far from the median of its okrug's (or district's) other links."""
    groups: dict[str, list[Unit]] = defaultdict(list)
    for u in units.values():
        if u.wof_id is not None and u.parent is not None:
            groups[u.parent].append(u)
    for members in groups.values():
        if len(members) < 3:
            continue
        for u in members:
            others = [wof[v.wof_id] for v in members if v is not u and v.wof_id is not None]
            if len(others) < 2:
                continue
            med = (statistics.median(w.lat for w in others), statistics.median(w.lon for w in others))
            w = wof[u.wof_id] if u.wof_id is not None else None
            if w is not None and distance_km(med, (w.lat, w.lon)) > MAX_OKRUG_KM:
                taken.pop(w.id, None)
                u.wof_id, u.link = None, ""


def _drop_foreign(
    units: dict[str, Unit], wof: dict[int, Wof], taken: dict[int, str], settlements: list[Unit]
) -> None:
    """Unlink a village whose WOF locality lies in another region, or far from its district.

    WOF's regions are the pre-2022 ones: a WOF region maps onto the KATO regions that hold at
    least ``REGION_SHARE`` of the links into it (East Kazakhstan onto East Kazakhstan and Abai,
    Karaganda onto Karaganda and Ulytau).
    A link whose point lies more than ``MAX_DISTRICT_KM`` from the middle of its district (the
    median of the links whose WOF region agrees), or more than ``BORDER_KM`` when its WOF region
    does not map onto the settlement's, is a namesake elsewhere (a country-unique name on both
    sides is not always the same place). Cities keep their links."""
    votes: dict[int, Counter[str]] = defaultdict(Counter)
    for u in settlements:
        if u.wof_id is not None and wof[u.wof_id].region is not None:
            votes[wof[u.wof_id].region or 0][u.code[:2]] += 1
    allowed = {r: {k for k, n in c.items() if n >= REGION_SHARE * sum(c.values())} for r, c in votes.items()}

    def unlink(u: Unit) -> None:
        if u.wof_id is not None and taken.get(u.wof_id) == u.code:
            del taken[u.wof_id]
        u.wof_id, u.link = None, ""

    def agrees(u: Unit, w: Wof) -> bool:
        return w.region is None or u.code[:2] in allowed.get(w.region, {u.code[:2]})

    by_district: dict[str, list[Unit]] = defaultdict(list)
    for u in settlements:
        if u.wof_id is not None:
            by_district[district_of(u.code, units)].append(u)
    for members in by_district.values():
        # the district's middle, from the links whose WOF region agrees with KATO's
        points = [(w.lat, w.lon) for v in members if v.wof_id is not None and agrees(v, w := wof[v.wof_id])]
        med = None
        if points:
            med = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
        for u in members:
            w = wof[u.wof_id] if u.wof_id is not None else None
            if w is None or u.status == "city":  # a city keeps its link (WOF files Kurchatov under Pavlodar)
                continue
            km = distance_km(med, (w.lat, w.lon)) if med is not None and len(points) >= 4 else None
            if km is None:
                far = not agrees(u, w)
            else:  # near a region's border WOF's region can be wrong: only a far point is foreign
                far = km > MAX_DISTRICT_KM or (km > BORDER_KM and not agrees(u, w))
            if far:
                unlink(u)


def link_rate(units: Iterable[Unit]) -> dict[str, tuple[int, int]]:
    """Per status: (linked, total)."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for u in units:
        if u.status in LINKABLE:
            out[u.status][1] += 1
            out[u.status][0] += u.wof_id is not None
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


# --- cities500: the curated city records --------------------------------------------------------


def link_cities(
    units: dict[str, Unit],
    wof: dict[int, Wof],
    cities: list[dict[str, str]],
    region_of: dict[str, str],
    links: dict[str, dict[str, str]] | None = None,
) -> dict[str, dict[str, str]]:
    """KATO cities and settlements linked to GeoNames cities500 records by name inside their region.

    A unit with status city (or a settlement, station, village of the same name when no city
    has it) matches a cities500 record of its region whose name, Kazakh or Russian name,
    alternate or former name has the unit's key; the most populous record wins when one is
    at least ten times larger than the next (GeoNames keeps population-0 copies of cities).
    """
    by_key: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    own_keys: dict[str, set[str]] = {}  # a record's own names (not alternates, not former names)
    for c in cities:
        own = [c["name"], c["name_kk"], c["name_ru"]]
        names = [*own, *c["alternatenames"].split("|"), *c.get("former", "").split("|")]
        own_keys[c["geonames_id"]] = {name_key(n) for n in own if n}
        for k in {name_key(n) for n in names if n} - {""}:
            by_key[(c["admin1"], k)].append(c)
    out: dict[str, dict[str, str]] = dict(links or {})
    used: set[str] = {c["geonames_id"] for c in out.values()}
    anchors = _anchors(units, wof) if links is not None else {}
    order = _by_rank(units.values())
    for u in order:
        if u.status not in LINKABLE and not (u.level == 1 and u.code[:2] in ("71", "75", "79")):
            continue
        region = region_of.get(u.code[:2], "")
        found: dict[str, dict[str, str]] = {}
        for k in unit_keys(u):
            for c in by_key.get((region, k), ()):
                # a village meets a record by the record's own name; a city also by another name
                if u.status == "city" or k in own_keys[c["geonames_id"]]:
                    found[c["geonames_id"]] = c
        if u.code in out:
            continue
        ranked = sorted(found.values(), key=lambda c: -int(c["population"] or 0))
        if not ranked:
            continue
        best = ranked[0]
        if len(ranked) > 1 and int(best["population"] or 0) < 10 * max(1, int(ranked[1]["population"] or 0)):
            # Second pass: the one near the unit's okrug or district as the WOF links place it.
            where = _anchor_of(u, units, anchors) if anchors else None
            if where is None or u.status != "city":
                continue
            (lat, lon), km = where
            near = [c for c in ranked if distance_km((lat, lon), (float(c["lat"]), float(c["lon"]))) <= km]
            if len(near) != 1:
                continue
            best = near[0]
        if best["geonames_id"] in used:
            continue
        if u.status != "city" and int(best["population"] or 0) >= 50_000:
            continue  # a big city is not a village of the same name
        where = _anchor_of(u, units, anchors) if anchors and u.status != "city" else None
        if where is not None and distance_km(where[0], (float(best["lat"]), float(best["lon"]))) > where[1]:
            continue  # a namesake far from where the village's okrug lies
        used.add(best["geonames_id"])
        out[u.code] = best
        gid = int(best["geonames_id"])
        for w in wof.values():
            if w.geonames_id == gid and w.placetype == "locality":
                u.wof_id, u.link = w.id, "geonames"
                break
    return out


def merge_cities(
    units: dict[str, Unit],
    wof: dict[int, Wof],
    cities: list[dict[str, str]],
    city_links: dict[str, dict[str, str]],
) -> None:
    """A settlement linked to a WOF locality that carries a cities500 GeoNames id takes that
    record too (population, names), when no other settlement has it (a renamed village:
    GeoNames' Tokarevka is KATO's Габидена Мустафина)."""
    by_gid = {c["geonames_id"]: c for c in cities}
    used = {c["geonames_id"] for c in city_links.values()}
    for u in sorted(units.values(), key=lambda u: u.code):
        if u.code in city_links or u.wof_id is None:
            continue
        gid = wof[u.wof_id].geonames_id
        c = by_gid.get(str(gid)) if gid is not None else None
        if c is not None and c["geonames_id"] not in used:
            city_links[u.code] = c
            used.add(c["geonames_id"])


# --- the rows of places.tsv ---------------------------------------------------------------------

PLACE_COLUMNS = (
    "id", "kato", "parent", "kind", "status", "name", "name_kk", "name_kk_derived", "name_ru",
    "official", "lat", "lon", "coordinates", "population", "admin1", "geonames_id", "wof_id",
    "alternatenames", "former_names", "adjective", "keys",
)  # fmt: skip

# KATO's abbreviations written out for name_ru (the official string stays in "official").
_EXPANSIONS = (
    (re.compile(r"\s*\bс\.\s*о\.?$"), " сельский округ"),
    (re.compile(r"^с\.\s*о\.\s*"), "сельский округ "),
    (re.compile(r"\s*\bс\.\s*а\.$"), " сельская администрация"),
    (re.compile(r"^с\.\s*а\.\s*"), "сельская администрация "),
    (re.compile(r"\s*\bп\.\s*а\.$"), " поселковая администрация"),
    (re.compile(r"^п\.\s*а\.\s*"), "поселковая администрация "),
    (re.compile(r"\s*\b[гГ]\.\s*[аА]\.$"), " городская администрация"),
    (re.compile(r"^г\.\s*а\.\s*"), "городская администрация "),
    (re.compile(r"\bим\.\s*"), "имени "),
)
_KK_WORDS = {
    "district": "ауданы", "city_administration": "қалалық әкімдігі", "rural_district": "ауылдық округі",
}  # fmt: skip
_EN_WORDS = {
    "district": "District",
    "city_administration": "City Administration",
    "rural_district": "Rural District",
}
_KK_LETTER = re.compile("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_RUSSIAN_ORIGIN = re.compile(
    r"(?:ов|ев|ин|ое|ая|ый|ий|ой|ка|ск|ово|ево|ино|цы|ки|ье|ья|град|поль)$|[ёщэфцьъ]|^(?:ново|старо|ново-|красно|бело)",
    re.IGNORECASE,
)


def russian_origin(name: str) -> bool:
    """Whether a Russian-spelled name is Russian (Раздольное, Новоишимское) rather than Kazakh
    (Акдала): Russian letters or Russian word formation in any word."""
    return any(_RUSSIAN_ORIGIN.search(w) for w in re.split(r"[\s-]+", name) if len(w) > 2)


def expand(official: str) -> str:
    s = official
    for pattern, repl in _EXPANSIONS:
        s = pattern.sub(repl, s)
    return " ".join(s.split())


def first_cyrillic(names: Iterable[str], *, kazakh: bool) -> str:
    for n in names:
        letters = [c for c in n if c.isalpha()]
        cyrillic = letters and all("\u0400" <= c <= "\u04ff" for c in letters)
        if cyrillic and (not kazakh or _KK_LETTER.search(n) or not russian_origin(n)):
            return n.strip()
    return ""


def _bare_guess(u: Unit) -> str:
    """A unit's bare Russian name: its name; for an adjective, a validated form, else the
    adjective's stem by the commonest rule."""
    if u.adjective is None:
        # "район Байдибека", "с.о.Касыма Кайсенова": a person's name in the genitive
        words = u.name.split(" ")
        if u.level == 2 or (len(words) > 1 and re.search(r"(?:ов|ев|ин|ын)а$|ой$", words[-1])):
            return nominative(u.name)
        return u.name
    if u.bare:
        return u.bare[0]
    words = u.name.split(" ")
    forms = bare_forms(words[-1])
    stem = forms[0] if forms else words[-1]
    if stem.endswith(("ин", "ын")) and len(stem) > 4:
        stem = stem[:-2] + "ы"
    return " ".join([*words[:-1], stem])


def assemble(
    units: dict[str, Unit],
    wof: dict[int, Wof],
    county_districts: dict[int, list[str]],
    city_links: dict[str, dict[str, str]],
    cities: list[dict[str, str]],
    region_of: dict[str, str],
    region_centres: dict[str, tuple[float, float]],
    districts: dict[str, dict[str, str]],
    derive_kk: Callable[..., str],
    conventional: Callable[[str], str],
    county_names: dict[str, list[str]] | None = None,
) -> list[dict[str, str]]:
    """Every row of places.tsv: KATO units, cities500 records KATO lacks, WOF localities KATO lacks."""
    rows: dict[str, dict[str, str]] = {}
    linked_wof = {u.wof_id for u in units.values() if u.wof_id is not None}
    linked_gn = {c["geonames_id"] for c in city_links.values()}
    point: dict[str, tuple[float, float, str]] = {}  # unit code -> lat, lon, source
    for u in units.values():
        if u.code in city_links:
            c = city_links[u.code]
            point[u.code] = (float(c["lat"]), float(c["lon"]), f"geonames:{c['geonames_id']}")
        elif u.wof_id is not None:
            w = wof[u.wof_id]
            point[u.code] = (w.lat, w.lon, f"wof:{w.id}")
    # Units and unlinked settlements: the centre, else the median of what they hold.
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for code, (lat, lon, _src) in point.items():
        p = units[code].parent
        while p is not None:
            members[p].append((lat, lon))
            p = units[p].parent

    def median_of(code: str) -> tuple[float, float] | None:
        pts = members.get(code)
        if not pts:
            return None
        return statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts)

    def centre_of(u: Unit) -> tuple[float, float, str] | None:
        if u.level == 2:
            centre = districts.get(u.code, {}).get("centre_kato", "")
            if centre in point:
                return point[centre][0], point[centre][1], f"centre:{point[centre][2]}"
        if u.level == 3:
            first = u.code[:6] + "100"
            if first in point and units[first].parent == u.code:
                return point[first][0], point[first][1], f"centre:{point[first][2]}"
        m = median_of(u.code)
        return (m[0], m[1], "median") if m is not None else None

    def fallback(u: Unit) -> tuple[float, float, str]:
        """The point of the nearest enclosing unit that has one of its own (its centre or median)."""
        p = u.parent
        while p is not None:
            pu = units[p]
            if pu.level == 1:
                break
            c = point.get(p) or centre_of(pu)
            if c is not None and c[2] not in ("okrug", "district", "region"):
                return c[0], c[1], "okrug" if pu.level == 3 else "district"
            p = pu.parent
        lat, lon = region_centres[region_of[u.code[:2]]]
        return lat, lon, "region"

    for u in sorted(units.values(), key=lambda u: u.level):
        if u.level >= 2 and u.code not in point:
            c = centre_of(u) if u.level in (2, 3) and u.status != "city" else None
            point[u.code] = c if c is not None else fallback(u)

    kk_of: dict[str, tuple[str, bool]] = {}  # settlement key -> (Kazakh name, derived), per district
    # A district's Kazakh name from a record of it, where districts.tsv gives none: the one WOF
    # county that is this district alone (county_names keeps only the names that are no other
    # district's); a city administration's, from its city's own record (Орал, not Уральск).
    county_kk: dict[str, str] = {}
    for county, ds in sorted(county_districts.items()):
        if len(ds) == 1 and county in wof:
            kept = set((county_names or {}).get(ds[0], []))
            kk = first_cyrillic((n for n in wof[county].names.get("kaz", []) if n in kept), kazakh=True)
            if kk:
                county_kk.setdefault(ds[0], split_designators(kk)[0])
    city_kk: dict[str, str] = {}
    for code, c in sorted(city_links.items()):
        u = units[code]
        if u.level > 2 and c.get("name_kk") and names_unit(c, u):
            city_kk.setdefault(f"{district_of(code, units)}:{name_key(u.name)}", c["name_kk"])
    for u in sorted(units.values(), key=lambda u: u.code):
        if u.level == 1 and u.code not in city_links:
            continue
        region = region_of[u.code[:2]]
        c = city_links.get(u.code)
        w = wof.get(u.wof_id) if u.wof_id is not None else None
        alternates: list[str] = []
        former: list[str] = []
        is_unit = u.kind in ("district", "rural_district")
        d = districts.get(u.code, {})
        if is_unit:
            bare = _bare_guess(u)
            name_ru = expand(u.official)
            kk_bare, kk_derived = d.get("name_kk", ""), False
            if not kk_bare:
                kk_bare, kk_derived = kk_of.get(f"{district_of(u.code, units)}:{name_key(bare)}", ("", True))
            if not kk_bare:
                kk_bare, kk_derived = derive_kk(bare), True
            en_bare = kk_bare  # the English name keeps its source
            if kk_derived and u.level == 2:
                # The county's name where the derivation spells another name (Іле, not Илий;
                # Еңбекшіқазақ, not Енбекшиказах): where the two are one name, the derivation's
                # spelling stays. A city administration takes its city's Kazakh name.
                county = county_kk.get(u.code, "")
                city = city_kk.get(f"{u.code}:{name_key(bare)}", "")
                better = county if county and name_key(county) != name_key(kk_bare) else city
                if better and better != kk_bare:
                    alternates.append(kk_bare)
                    kk_bare, kk_derived = better, False
            status = u.status if u.level == 2 else "rural_district"
            name_kk = f"{kk_bare} {_KK_WORDS[status if status in _KK_WORDS else 'district']}"
            if u.status == "district" and u.code[:2] in ("71", "75", "79"):
                status = "city_district"
            name = d.get("name_en") or f"{conventional(en_bare)} {_EN_WORDS.get(u.status, 'District')}"
            alternates += [bare, *u.bare, kk_bare, *(county_names or {}).get(u.code, [])]
        else:
            same = c is not None and names_unit(c, u)
            if c is not None and not same:  # a renamed place: GeoNames still calls it by its old names
                alternates += [n for n in (c["name"], c["name_ru"], c["name_kk"]) if n]
            name_ru = c["name_ru"] if c and same and c.get("name_ru") else expand(u.name)
            kk = c["name_kk"] if c and same and c.get("name_kk") else ""
            if not kk and w is not None:
                kk = first_cyrillic(w.names.get("kaz", []), kazakh=True)
                if kk and not (name_key(kk) in unit_keys(u) or russian_origin(name_ru) is False):
                    kk = kk if name_key(kk) in unit_keys(u) else ""
            kk_derived = not kk
            if not kk:
                kk = name_ru if russian_origin(name_ru) else derive_kk(name_ru, settlement=True)
                kk_derived = kk != name_ru or not russian_origin(name_ru)
            name_kk = kk
            name = c["name"] if c and same else conventional(name_kk if not kk_derived else name_ru)
            status = u.status
            kk_of.setdefault(f"{district_of(u.code, units)}:{name_key(u.name)}", (name_kk, kk_derived))
            alternates += [u.name, *u.bare]
            if c:
                alternates += [a for a in c["alternatenames"].split("|") if a]
        if w is not None:
            for n in wof_names(w):
                alternates.append(n)
            for tag, names in sorted(w.names.items()):
                if tag.endswith("_hist"):
                    former += [f"{tag[:2]}:{n}" for n in names]
        lat, lon, source = point[u.code]
        population = int(c["population"]) if c else (w.population if w is not None else 0)
        kind = u.kind
        if u.status == "city" or c is not None:
            centres = {region_centres[r] for r in region_centres}
            big = population >= 50_000 or (c is not None and (float(c["lat"]), float(c["lon"])) in centres)
            kind = "city" if big else "town" if (u.status == "city" or population >= 10_000) else "village"
        elif kind == "village" and population >= 10_000:
            kind = "town"
        parent = u.parent
        parent_id = f"kato:{parent}" if parent and units[parent].level > 1 else region
        if u.level == 1:
            parent_id = region
        chosen = {name, name_kk, name_ru}
        seen: set[str] = set()
        alt = [a for a in alternates if a and a not in chosen and not (a in seen or seen.add(a))]
        rows[f"kato:{u.code}"] = {
            "id": f"kato:{u.code}", "kato": u.code, "parent": parent_id, "kind": kind, "status": status,
            "name": name, "name_kk": name_kk, "name_kk_derived": "derived" if kk_derived else "",
            "name_ru": name_ru, "official": u.official, "lat": f"{lat:.5f}", "lon": f"{lon:.5f}",
            "coordinates": source, "population": str(population), "admin1": region,
            "geonames_id": c["geonames_id"] if c else (str(w.geonames_id) if w and w.geonames_id else ""),
            "wof_id": str(w.id) if w else "", "alternatenames": "|".join(alt),
            "former_names": "|".join(former),
        }  # fmt: skip
    # cities500 records that KATO lacks, and WOF localities that KATO lacks.
    for c in cities:
        if c["geonames_id"] in linked_gn:
            continue
        rows[f"geonames:{c['geonames_id']}"] = {
            "id": f"geonames:{c['geonames_id']}", "kato": "", "parent": c["admin1"], "kind": c["kind"],
            "status": "not_in_kato", "name": c["name"], "name_kk": c["name_kk"], "name_kk_derived": "",
            "name_ru": c["name_ru"], "official": "",
            "lat": f"{float(c['lat']):.5f}", "lon": f"{float(c['lon']):.5f}",
            "coordinates": f"geonames:{c['geonames_id']}", "population": c["population"],
            "admin1": c["admin1"], "geonames_id": c["geonames_id"], "wof_id": "",
            "alternatenames": c["alternatenames"], "former_names": "",
        }  # fmt: skip
        linked_gn.add(c["geonames_id"])
    county_region: dict[int, str] = {}
    for county, ds in county_districts.items():
        if ds:
            county_region[county] = region_of[ds[0][:2]]
    for w in sorted(wof.values(), key=lambda w: w.id):
        if w.placetype not in ("locality", "neighbourhood") or w.id in linked_wof:
            continue
        if w.geonames_id is not None and str(w.geonames_id) in linked_gn:
            continue
        region = county_region.get(w.county or 0, "")
        if not region:
            continue  # outside the mapped counties: not placed in a current region
        ru = first_cyrillic(w.names.get("rus", []), kazakh=False)
        kk = first_cyrillic(w.names.get("kaz", []), kazakh=True)
        names = list(wof_names(w))
        former = [
            f"{tag[:2]}:{n}" for tag, ns in sorted(w.names.items()) if tag.endswith("_hist") for n in ns
        ]
        chosen = {w.name, kk, ru}
        seen = set()
        alt = [a for a in names if a and a not in chosen and not (a in seen or seen.add(a))]
        rows[f"wof:{w.id}"] = {
            "id": f"wof:{w.id}", "kato": "", "parent": region,
            "kind": "locality",
            "status": "neighbourhood" if w.placetype == "neighbourhood" else "not_in_kato",
            "name": w.name, "name_kk": kk, "name_kk_derived": "", "name_ru": ru, "official": "",
            "lat": f"{w.lat:.5f}", "lon": f"{w.lon:.5f}", "coordinates": f"wof:{w.id}",
            "population": str(w.population), "admin1": region,
            "geonames_id": str(w.geonames_id) if w.geonames_id else "", "wof_id": str(w.id),
            "alternatenames": "|".join(alt), "former_names": "|".join(former),
        }  # fmt: skip
    out = [rows[k] for k in sorted(rows)]
    for row in out:
        _conventional(row)
        _index_columns(row)
    return out


def _conventional(row: dict[str, str]) -> None:
    """``name`` by the library's one rule for the conventional English spelling
    (:func:`kztranslit.text.rewrite.conventional_name`: Talgar, not Talghar; Zhezkazgan, not
    Zhezqazghan; Aiteke Bi, not GeoNames' older Novokazalinsk); the spelling it replaces
    stays an alternate name."""
    from kztranslit.gazetteer import Place
    from kztranslit.text.rewrite import conventional_name

    alternates = tuple(a for a in row["alternatenames"].split("|") if a)
    place = Place(
        id=row["id"], name=row["name"], name_kk=row["name_kk"] or None, name_ru=row["name_ru"] or None,
        lat=float(row["lat"]), lon=float(row["lon"]), kind=row["kind"], admin1=row["admin1"] or None,
        alternate_names=alternates, name_kk_derived=row["name_kk_derived"] == "derived",
        kato=row["kato"] or None, status=row["status"] or None, official_name=row["official"] or None,
    )  # fmt: skip
    name = conventional_name(place)
    if name != place.name:  # once more on its own output: the rule's fixed point
        name = conventional_name(dataclasses.replace(place, name=name)) or name
    if name and name != row["name"]:
        if row["name"] not in alternates:
            row["alternatenames"] = "|".join([row["name"], *alternates])
        row["name"] = name


def _index_columns(row: dict[str, str]) -> None:
    """Add the short forms of titled names to the alternates, and the precomputed index columns:
    ``keys`` (the name key of every name, in the order name, name_kk, name_ru, the official
    name without its designator, alternates, former names: the gazetteer loads without keying
    100,000 names) and ``adjective`` (the stem of a
    unit named by a Russian adjective)."""
    from kztranslit.gazetteer import without_title

    official_bare = split_designators(row["official"])[0] if row["official"] else ""
    names = [row["name"], row["name_kk"], row["name_ru"], official_bare]
    alternates = [a for a in row["alternatenames"].split("|") if a and a != official_bare]
    for n in names + list(alternates):
        short = without_title(n) if n else None
        if short and short not in alternates and short not in names:
            alternates.append(short)
    if row["kind"] in ("district", "rural_district"):  # "Bayganin District" is also "Bayganin"
        for n in [*names[:3], *alternates]:
            bare = split_designators(n)[0] if n else ""
            if bare and bare != n and bare not in alternates:
                alternates.append(bare)
    # Every spelling stays (typos are made on the letters people type: the geocoder's typo index
    # reads them); the loader indexes each key once per place.
    kept = list(dict.fromkeys(a for a in alternates if name_key(a)))
    seen = {name_key(n) for n in names if n} | {name_key(a) for a in kept}
    former = []
    for f in (f for f in row["former_names"].split("|") if f):
        k = name_key(f.partition(":")[2])
        if k and k not in seen:  # a former name that is also a current spelling is no former name
            seen.add(k)
            former.append(f)
    row["alternatenames"] = "|".join(kept)
    row["former_names"] = "|".join(former)
    row["keys"] = "|".join(
        name_key(n) if n else "" for n in [*names, *kept, *(f.partition(":")[2] for f in former)]
    )
    row["adjective"] = ""
    if row["kind"] in ("district", "rural_district") and row["official"]:
        bare = split_designators(row["official"])[0]
        row["adjective"] = adjective_stem(bare.replace(" ", "")) or "" if bare else ""
