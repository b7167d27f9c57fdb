"""Import GeoNames' country dump into the extended gazetteer (``kztranslit data import-geonames``).

The embedded gazetteer holds GeoNames' ``cities500`` (every settlement of 500 people
or more). GeoNames' full dump of Kazakhstan (``KZ.zip`` from
https://download.geonames.org/export/dump/, CC BY 4.0) also has the villages without
a population figure, the districts, the rivers, lakes, mountains and other natural
features. :func:`import_geonames` turns it into ``places.tsv`` in the user data
directory (:func:`~kztranslit.gazetteer.user_data_dir`), in GeoNames' own columns
(:data:`PLACE_COLUMNS`), which the gazetteer then reads after its own KATO-level file: a
place both files hold (the same GeoNames id) keeps the embedded record.

Inputs, each as ``.zip`` or plain ``.txt`` (tab-separated UTF-8, no header, no quoting):

* the geoname table: ``KZ.zip`` (``allCountries.zip`` works too: only rows with
  country code ``KZ`` are kept), 19 columns;
* optionally the alternate names: ``alternateNamesV2.zip`` (every country) or the
  per-country ``alternatenames/KZ.zip``, 10 columns (8 for the older
  ``alternateNames.txt``).

What is kept
    Rows of feature class ``A`` (administrative areas: districts), ``P`` (populated
    places), ``H`` (water), ``T`` (relief), ``L`` (areas), ``V`` (vegetation), ``S``
    (spots, ruins, stations) and ``U`` (undersea) by default; not ``R`` (roads and
    railways). Left out: the regions (``ADM1``: ``regions.tsv`` has them, with
    history), the country itself (``PCL…``), and historical or abandoned places
    (``PPLH``, ``PPLQ``, ``PPLW``, ``ADM…H``), for which the file has no dates.
    ``min_population`` drops populated places below it (other classes stay).

``kind``
    Class ``P``: ``city`` from 50,000 people, ``town`` from 10,000, else ``village``
    (population 0 or unknown is a village). Class ``A``: ``district`` for a district
    (``ADM2``), else ``locality``. Every other class: ``feature``. (The embedded
    gazetteer has every current district of KATO; an imported district adds what GeoNames
    knows of it — historic names — and ranks below the embedded record; the embedded
    record of a place wins over the imported copy.)

``admin1``
    GeoNames' admin1 code mapped to ISO 3166-2 through ``data/gazetteer/admin1.tsv``;
    empty for ``00`` and for any code the file does not list.

``name_kk`` / ``name_ru``
    With the alternate-names file: the names tagged ``kk`` and ``ru``, written in
    Cyrillic and not historic, preferring ``isPreferredName``, then names that are
    neither colloquial nor short, then file order. A field without a tagged name
    (and every field without the file) is filled by the letter rules of
    ``scripts/build_gazetteer.py``: among the place's Cyrillic names (historic ones and
    ones tagged only with another language left out), a name with ``ә ғ қ ң ө ұ ү һ
    і`` is Kazakh unless it reads as Ukrainian or Kyrgyz; a Russian-alphabet name is
    *marked* Russian by ``ё щ ъ э`` or an ending such as ``-ск -ский -ка -ово``;
    candidates are ranked by similarity to the GeoNames name (see
    :func:`pick_names`).

``alternatenames``
    The row's alternate names, then the other names of the alternate-names file
    (historic names included, so that a former name still finds the place; codes,
    links and postal codes left out), then, for a district or a natural feature, each
    name without its generic word (``Karasay District`` → ``Karasay``, ``Ozero
    Tengiz`` → ``Tengiz``, ``Сарысу өзені`` → ``Сарысу``), so that the bare name
    finds it. Without the name, ``name_kk`` and ``name_ru``; ``|``-separated.

Memory does not grow with the number of lines read: the geoname table is streamed
(twice when there is an alternate-names file: once to learn which ids are kept, once
to write), and of the alternate names only those of kept places are held. The output
is written to a temporary file and moved into place, then the gazetteer is reset so
that the next lookup reads it.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ._data import data_path, read_tsv
from .errors import DataError, quote
from .gazetteer import reset, user_data_dir
from .normalize import CYRILLIC_LETTERS, KAZAKH_LETTERS, bad_text, is_cyrillic

__all__ = [
    "FEATURE_CLASSES",
    "PLACE_COLUMNS",
    "ImportResult",
    "import_geonames",
    "pick_names",
    "place_kind",
    "script_class",
]

#: The columns of the extended ``places.tsv`` (the embedded one has the KATO columns; both read).
PLACE_COLUMNS = (
    "geonames_id", "name", "name_kk", "name_ru", "lat", "lon", "population", "admin1",
    "geonames_admin1", "kind", "timezone", "alternatenames",
)  # fmt: skip
#: GeoNames feature classes imported by default (all but ``R``, roads and railways).
FEATURE_CLASSES = "APHTLVSU"
COUNTRY = "KZ"
CITY_POPULATION = 50_000
TOWN_POPULATION = 10_000

_GEONAME_COLUMNS = 19
_ALTERNATE_COLUMNS = (8, 10)
# Regions come from regions.tsv; the country is no place; historical and abandoned places have no dates.
_LEFT_OUT_CODES = frozenset(
    {"ADM1", "ADM1H", "ADM2H", "ADM3H", "ADM4H", "ADM5H", "ADMDH", "PCL", "PCLD", "PCLF", "PCLH",
     "PCLI", "PCLIX", "PCLS", "PPLH", "PPLQ", "PPLW"}
)  # fmt: skip
# isolanguage values of the alternate-names file that are not names.
_NOT_NAMES = frozenset(
    {"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc", "phon", "piny", "tcid", "fr_1793"}
)
_PROGRESS_EVERY = 100_000
_NOT_DATA = ("readme.txt", "iso-languagecodes.txt")  # other members of GeoNames' zips


# ---------------------------------------------------------------------------
# Kazakh or Russian: the letter rules (the same as scripts/build_gazetteer.py)

_KK_LETTERS = frozenset(KAZAKH_LETTERS)
_KK_ALPHABET = frozenset(CYRILLIC_LETTERS)  # Kazakh Cyrillic: the Russian letters and the nine
_RU_MARK_LETTERS = frozenset("ЁёЩщЪъЭэ")
_RU_ENDINGS = ("ск", "ское", "ский", "ка", "ово", "ево", "ино", "ое", "ый", "ий", "ая", "ье")
_NOT_SOUTH_SLAVIC = frozenset("ЫыЬьЭэЁёЙйЩщЪъ")
_RU_ONLY_LETTERS = frozenset("ЬьЁёЩщЪъЭэ")
_UKRAINIAN_SUFFIX = re.compile(r"[сзц]ьк", re.IGNORECASE)
_UKRAINIAN_HINT = re.compile(r"[цчщъьёэ]|ий", re.IGNORECASE)
_KYRGYZ_HINT = re.compile(r"ч|([аоуыэеиөү])\1", re.IGNORECASE)
_BULGARIAN_HARD_SIGN = re.compile(r"ъ(?![еёюя])", re.IGNORECASE)
_SAME_RATIO = 55.0


def script_class(name: str) -> str:
    """``"kk"``, ``"ru"`` or ``"other"`` for a Cyrillic name, by its letters.

    >>> script_class("Қарасай ауданы"), script_class("Карасайский район"), script_class("Уральськ")
    ('kk', 'ru', 'other')
    """
    letters = {c for c in name if unicodedata.category(c).startswith("L")}
    if letters - _KK_ALPHABET or _BULGARIAN_HARD_SIGN.search(name) or _UKRAINIAN_SUFFIX.search(name):
        return "other"
    kazakh = {c.lower() for c in letters & _KK_LETTERS}
    if not kazakh:
        return "ru"
    if kazakh == {"і"} and _UKRAINIAN_HINT.search(name):
        return "other"
    if kazakh <= {"ө", "ү", "ң"} and _KYRGYZ_HINT.search(name):
        return "other"
    return "kk"


def _is_marked_russian(name: str) -> bool:
    if any(c in _RU_MARK_LETTERS for c in name):
        return True
    return any(w.endswith(_RU_ENDINGS) for w in re.findall(r"[^\W\d_]+", name.lower()))


def _fold(text: str, keep: str = "") -> str:
    from unidecode import unidecode

    text = unidecode(text.replace("Ә", "А").replace("ә", "а")).lower()
    text = re.sub(rf"[^a-z0-9{keep}]", "", text)
    return text.replace("gh", "g").replace("q", "k")


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(_fold(a), _fold(b)))


def _best(candidates: Iterable[str], target: str, prefer: frozenset[str], sign: int) -> str:
    from rapidfuzz import fuzz

    ranked = sorted(
        candidates,
        key=lambda c: (
            -_ratio(c, target),
            -fuzz.ratio(_fold(c, " -"), _fold(target, " -")),
            -sign * sum(ch in prefer for ch in c),
            c,
        ),
    )
    return ranked[0] if ranked else ""


def pick_names(name: str, alternates: Iterable[str]) -> tuple[str, str]:
    """``(name_kk, name_ru)`` among a place's Cyrillic names by the letter rules; ``""`` when none fits.

    ``name_kk`` is the Kazakh name most like ``name``; failing one, the unmarked
    Russian-alphabet name (Kazakh names need no special letter: ``Алматы``); failing
    that, ``name_ru``. ``name_ru`` is the marked Russian name that is a form of the same
    name, else the best unmarked one.

    >>> pick_names("Karasay District", ["Karasay", "Қарасай ауданы", "Карасайский район"])
    ('Қарасай ауданы', 'Карасайский район')
    >>> pick_names("Sarysu", ["Сарысу"])
    ('Сарысу', 'Сарысу')
    """
    cyrillic = sorted({a for a in alternates if is_cyrillic(a)})
    kazakh = [c for c in cyrillic if script_class(c) == "kk"]
    russian = [c for c in cyrillic if script_class(c) == "ru"]
    unmarked = [c for c in russian if not _is_marked_russian(c)]
    marked = [c for c in russian if _is_marked_russian(c)]
    name_kk = _best(kazakh, name, _KK_LETTERS, 1) or _best(unmarked, name, _RU_ONLY_LETTERS, -1)
    same = [c for c in marked if max(_ratio(c, name), _ratio(c, name_kk) if name_kk else 0.0) >= _SAME_RATIO]
    name_ru = _best(same or unmarked, name, _NOT_SOUTH_SLAVIC, 1)
    if not name_ru and not name_kk:
        name_ru = _best(marked, name, _NOT_SOUTH_SLAVIC, 1)
    return name_kk or name_ru, name_ru


def place_kind(feature_class: str, population: int, feature_code: str = "") -> str:
    """The gazetteer ``kind`` of a GeoNames feature: a district (``ADM2``) is a district.

    >>> place_kind("P", 120_000), place_kind("P", 12_000), place_kind("P", 0)
    ('city', 'town', 'village')
    >>> place_kind("A", 300_000, "ADM2"), place_kind("A", 0, "ADM3"), place_kind("H", 0)
    ('district', 'locality', 'feature')
    """
    if feature_class == "P":
        if population >= CITY_POPULATION:
            return "city"
        return "town" if population >= TOWN_POPULATION else "village"
    if feature_class == "A":
        return "district" if feature_code.startswith("ADM2") else "locality"
    return "feature"


# ---------------------------------------------------------------------------
# Generic words: "Karasay District" → "Karasay", "Ozero Tengiz" → "Tengiz"

_GENERIC_BEFORE = frozenset(
    {"lake", "ozero", "oz.", "ozera", "reka", "r.", "gora", "mount", "mt.", "pik", "peak", "khrebet",
     "peski", "vodokhranilishche", "zaliv", "ostrov", "mys", "kanal", "urochishche", "pereval",
     "ushchel'ye", "ushchelye", "river", "desert", "озеро", "оз.", "озера", "река", "р.", "гора",
     "хребет", "пески", "водохранилище", "залив", "остров", "мыс", "канал", "урочище", "пик",
     "перевал", "ущелье", "пустыня"}
)  # fmt: skip
_GENERIC_AFTER = frozenset(
    {"lake", "lakes", "river", "mountains", "mountain", "range", "desert", "canyon", "reservoir", "bay",
     "island", "peak", "pass", "gorge", "sands", "district", "audany", "aūdany", "rayon", "raion",
     "rayony", "köli", "koli", "kóli", "kol", "özeni", "ozeni", "ózeni", "tauy", "taūy", "taulary",
     "shatqaly", "bögeni", "qumy", "qumdary", "ауданы", "район", "көлі", "өзені", "тауы", "таулары",
     "шатқалы", "бөгені", "құмы", "құмдары", "озеро", "река", "каньон", "хребет", "горы", "пески",
     "водохранилище"}
)  # fmt: skip


def _bare(name: str) -> str | None:
    """The name without a generic word before or after it, or ``None`` when it has none."""
    words = name.split()
    if len(words) < 2:
        return None
    if words[-1].lower() in _GENERIC_AFTER:
        words = words[:-1]
    elif words[0].lower() in _GENERIC_BEFORE:
        words = words[1:]
    else:
        return None
    bare = " ".join(words)
    return bare if sum(c.isalpha() for c in bare) >= 3 else None


# ---------------------------------------------------------------------------
# Reading the files


@contextmanager
def _open_lines(path: Path) -> Iterator[tuple[str, Iterator[str]]]:
    """``(label, lines)`` of a GeoNames text file, or of the data file inside a GeoNames zip."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    if zipfile.is_zipfile(path):
        try:
            z = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as e:
            raise DataError(f"not a readable zip file ({e})", path=path) from None
        with z:
            names = [n for n in z.namelist() if n.lower().endswith(".txt")]
            names = [n for n in names if Path(n).name.lower() not in _NOT_DATA]
            if len(names) > 1:
                names = [n for n in names if Path(n).stem.lower() == path.stem.lower()] or names
            if len(names) != 1:
                found = ", ".join(sorted(names)) or "none"
                raise DataError(f"expected one GeoNames .txt file inside, found {found}", path=path)
            with z.open(names[0]) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="")
                yield f"{path.name}:{names[0]}", (line.rstrip("\r\n") for line in text)
    else:  # bytes that are not UTF-8 arrive as lone surrogates, for _rows to name
        with path.open(encoding="utf-8", errors="surrogateescape", newline="") as f:
            yield path.name, (line.rstrip("\r\n") for line in f)


@dataclass(frozen=True, slots=True)
class _Feature:
    geonames_id: int
    name: str
    alternates: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    population: int
    admin1: str
    timezone: str
    feature_code: str = ""


def _rows(
    path: Path, columns: tuple[int, ...], what: str, progress: Callable[[str, int], None] | None
) -> Iterator[tuple[str, int, list[str]]]:
    """``(label, line number, cells)`` of a GeoNames tab-separated file, streamed; comments
    and blank lines skipped, progress reported, a row of another width a :class:`DataError`."""
    with _open_lines(path) as (label, lines):
        n = 0
        for n, line in enumerate(lines, start=1):
            if progress is not None and n % _PROGRESS_EVERY == 0:
                progress(label, n)
            if not line or line.startswith("#"):
                continue
            why = None if line.isascii() else bad_text(line)
            if why is not None:
                raise DataError(f"{why}; expected {what}: a zip, or UTF-8 text in tab-separated columns",
                                path=label, line=n)  # fmt: skip
            cells = line.split("\t")
            if len(cells) not in columns:
                expected = " or ".join(map(str, columns))
                message = f"{len(cells)} columns, expected {expected} (is this {what}?)"
                raise DataError(message, path=label, line=n)
            yield label, n, cells
        if progress is not None:
            progress(label, n)


def _features(
    path: Path,
    *,
    classes: frozenset[str],
    min_population: int,
    progress: Callable[[str, int], None] | None,
) -> Iterator[_Feature]:
    """The Kazakhstan features of a geoname table that the import keeps, in file order."""
    what = "GeoNames' geoname table (KZ.zip or KZ.txt of https://download.geonames.org/export/dump/)"
    for label, n, cells in _rows(path, (_GEONAME_COLUMNS,), what, progress):
        if cells[8] != COUNTRY or cells[6] not in classes or cells[7] in _LEFT_OUT_CODES:
            continue
        try:
            gid = int(cells[0])
            lat, lon = float(cells[4]), float(cells[5])
            population = int(cells[14] or 0)
        except ValueError:
            raise DataError("bad geonameid, coordinates or population", path=label, line=n) from None
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise DataError(f"coordinates out of range ({lat}, {lon})", path=label, line=n)
        if cells[6] == "P" and population < min_population:
            continue
        name = _clean_name(cells[1])
        if not name:
            continue
        alternates = tuple(a for a in (_clean_name(x) for x in cells[3].split(",")) if a)
        yield _Feature(gid, name, alternates, lat, lon, cells[6], population, cells[10], cells[17], cells[7])


def _clean_name(name: str) -> str:
    return unicodedata.normalize("NFC", name.replace("|", " ")).strip()


@dataclass(slots=True)
class _Names:
    """What the alternate-names file says about one place."""

    kk: list[tuple[tuple[int, int, int], str]] = field(default_factory=list)
    ru: list[tuple[tuple[int, int, int], str]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    historic: set[str] = field(default_factory=set)
    other_language: set[str] = field(default_factory=set)
    own_language: set[str] = field(default_factory=set)


def _alternate_names(
    path: Path, ids: set[int], progress: Callable[[str, int], None] | None
) -> dict[int, _Names]:
    """The alternate names of the places in ``ids``, streamed from the file."""
    out: dict[int, _Names] = {}
    what = "GeoNames' alternate names (alternateNamesV2.zip or alternatenames/KZ.zip)"
    for label, n, cells in _rows(path, _ALTERNATE_COLUMNS, what, progress):
        try:
            gid = int(cells[1])
        except ValueError:
            raise DataError(f"bad geonameid {quote(cells[1])}", path=label, line=n) from None
        lang = cells[2]
        if gid not in ids or lang in _NOT_NAMES:
            continue
        name = _clean_name(cells[3])
        if not name:
            continue
        flags = [c == "1" for c in cells[4:8]]
        preferred, short, colloquial, historic = flags
        entry = out.setdefault(gid, _Names())
        entry.names.append(name)
        if historic:
            entry.historic.add(name)
            continue
        if lang in ("kk", "ru", ""):
            entry.own_language.add(name)
        else:
            entry.other_language.add(name)
        if lang in ("kk", "ru") and is_cyrillic(name):
            rank = (0 if preferred else 1, int(colloquial), int(short))
            (entry.kk if lang == "kk" else entry.ru).append((rank, name))
    return out


def _tagged(candidates: list[tuple[tuple[int, int, int], str]]) -> str:
    return min(enumerate(candidates), key=lambda t: (t[1][0], t[0]))[1][1] if candidates else ""


def _row(feature: _Feature, names: _Names | None, admin1: dict[str, str]) -> tuple[list[str], str, str]:
    all_names = list(feature.alternates)
    if names is not None:
        all_names += names.names
    all_names = list(dict.fromkeys(all_names))
    name_kk = name_ru = ""
    if names is not None:
        name_kk, name_ru = _tagged(names.kk), _tagged(names.ru)
    if not (name_kk and name_ru):
        left_out = set() if names is None else names.historic | (names.other_language - names.own_language)
        rule_kk, rule_ru = pick_names(feature.name, [a for a in all_names if a not in left_out])
        name_kk, name_ru = name_kk or rule_kk, name_ru or rule_ru
    if feature.feature_class != "P":
        all_names += [b for b in map(_bare, [feature.name, name_kk, name_ru, *all_names]) if b]
    skip = {feature.name, name_kk, name_ru}
    alternates = [a for a in dict.fromkeys(all_names) if a not in skip]
    kind = place_kind(feature.feature_class, feature.population, feature.feature_code)
    cells = [
        str(feature.geonames_id), feature.name, name_kk, name_ru, repr(feature.lat), repr(feature.lon),
        str(feature.population), admin1.get(feature.admin1, ""), feature.admin1, kind, feature.timezone,
        "|".join(alternates),
    ]  # fmt: skip
    return cells, kind, name_kk


def _admin1() -> dict[str, str]:
    pairs = read_tsv(data_path("gazetteer", "admin1.tsv"), lambda r: (r["geonames_admin1"], r["iso"]))
    return dict(pairs)


# ---------------------------------------------------------------------------
# The import


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What :func:`import_geonames` wrote: the file, and how many places of each kind."""

    path: Path
    places: int
    cities: int
    towns: int
    villages: int
    localities: int
    features: int
    with_name_kk: int
    with_name_ru: int
    districts: int = 0

    def __str__(self) -> str:
        return (
            f"wrote {self.path}: {self.places} places (city {self.cities}, town {self.towns}, "
            f"village {self.villages}, district {self.districts}, locality {self.localities}, "
            f"feature {self.features}; "
            f"with name_kk {self.with_name_kk}, with name_ru {self.with_name_ru})"
        )


def import_geonames(
    geonames: str | os.PathLike[str],
    *,
    alternate_names: str | os.PathLike[str] | None = None,
    min_population: int = 0,
    out: str | os.PathLike[str] | None = None,
    classes: str | Sequence[str] = FEATURE_CLASSES,
    progress: Callable[[str, int], None] | None = None,
) -> ImportResult:
    """Write the extended gazetteer ``places.tsv`` from GeoNames' dump of Kazakhstan.

    ``geonames`` is ``KZ.zip`` (or ``KZ.txt``, or ``allCountries.zip``);
    ``alternate_names`` optionally ``alternateNamesV2.zip`` or the per-country
    alternate names file, for the Kazakh and Russian names. ``min_population`` drops
    smaller populated places; ``classes`` chooses GeoNames feature classes. The file goes
    to ``out`` (a directory) or :func:`~kztranslit.gazetteer.user_data_dir`; the
    gazetteer is reset so the next lookup reads it. ``progress(file, lines)`` is called
    every 100,000 lines and at the end of each file.

    Raises :class:`~kztranslit.DataError` (a ``ValueError``) naming the file and line
    for a file that is not in GeoNames' format, ``FileNotFoundError`` for a missing file.
    """
    src = Path(geonames)
    alt = Path(alternate_names) if alternate_names is not None else None
    wanted = frozenset(classes)
    unknown = wanted - set("AHLPRSTUV")
    if unknown or not wanted:
        given = quote("".join(sorted(unknown)))
        raise ValueError(f"feature classes must be among A H L P R S T U V, not {given}")
    if min_population < 0:
        raise ValueError("min_population must be 0 or more")
    target_dir = Path(out) if out is not None else user_data_dir()
    admin1 = _admin1()

    def features() -> Iterator[_Feature]:
        return _features(src, classes=wanted, min_population=min_population, progress=progress)

    names: dict[int, _Names] = {}
    if alt is not None:
        if not alt.is_file():
            raise FileNotFoundError(f"{alt}: no such file")
        names = _alternate_names(alt, {f.geonames_id for f in features()}, progress)

    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / "places.tsv"
    counts = dict.fromkeys(("city", "town", "village", "district", "locality", "feature", "kk", "ru"), 0)
    places = 0
    fd, tmp = tempfile.mkstemp(prefix=".places.", suffix=".tsv.tmp", dir=target_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write("\t".join(PLACE_COLUMNS) + "\n")
            for feature in features():
                cells, kind, name_kk = _row(feature, names.get(feature.geonames_id), admin1)
                f.write("\t".join(cells) + "\n")
                places += 1
                counts[kind] += 1
                counts["kk"] += bool(name_kk)
                counts["ru"] += bool(cells[3])
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    reset()
    return ImportResult(
        path=target,
        places=places,
        cities=counts["city"],
        towns=counts["town"],
        villages=counts["village"],
        localities=counts["locality"],
        districts=counts["district"],
        features=counts["feature"],
        with_name_kk=counts["kk"],
        with_name_ru=counts["ru"],
    )
