"""The gazetteer as GIS data: places as points, districts and regions as polygons.

:func:`export` (and ``kztranslit data export``) writes one layer of the gazetteer to a file:

* ``places``: every place (settlements, rural districts, districts, regions…) as a point;
* ``districts``: the polygon of every district and city administration (``data/gazetteer/areas.tsv``,
  see :mod:`kztranslit.areas`);
* ``regions``: the polygon of every region and city of republican significance;

as GeoJSON (RFC 7946: longitude first, WGS 84, exterior rings counter-clockwise), CSV (places
with ``lat`` and ``lon`` columns; areas with a ``wkt`` column too) or Parquet (GeoParquet 1.1,
geometry as WKB in a ``geometry`` column; needs PyArrow: ``pip install '.[parquet]'``),
filtered by kind (places) and by region. Nothing but the standard library is needed for
GeoJSON and CSV.

>>> import json, pathlib, tempfile
>>> out = pathlib.Path(tempfile.mkdtemp()) / "towns.geojson"
>>> export(out, kinds=["city"], region="Kyzylorda Region").features
2
>>> feature = json.loads(out.read_text(encoding="utf-8"))["features"][0]
>>> feature["properties"]["name"], feature["geometry"]
('Kyzylorda', {'type': 'Point', 'coordinates': [65.50917, 44.85278]})
>>> [p.name for p in read_places(out)]
['Kyzylorda', 'Baikonur']

**Columns.** A place's columns are the fields of :class:`~kztranslit.Place` (``id``,
``kato``, ``name``, ``name_kk``, ``name_ru``, ``official_name``, ``kind``, ``status``,
``parent``, ``admin1``, ``lat``, ``lon``, ``coordinates``, ``population``, ``geonames_id``,
``wof_id``, ``source``, ``valid_from``, ``valid_to``, ``name_kk_derived``,
``alternate_names``, ``former_names``) and, for convenience, the names of its ``district``
and ``region`` and whether its point is ``precise`` (its own, not its unit's). In CSV and
Parquet ``alternate_names`` are joined by ``|`` and ``former_names`` are a JSON list of
``{"name", "lang", "from", "to", "source"}``; in GeoJSON both are lists. An area's columns
are its place's (``id``, ``kato``, the names, ``kind``, ``status``, ``parent``, ``admin1``,
``region``, ``lat``/``lon`` of its centre) and ``area_km2``.

**Round trip.** :func:`read_places` reads any of the three formats back into the same
:class:`~kztranslit.Place` objects: coordinates are written with every digit (``repr``), and
nothing is rounded or dropped.
"""

from __future__ import annotations

import csv
import json
import math
import os
import struct
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO, Any

from .areas import Area, Ring, areas
from .gazetteer import KINDS, FormerName, Place, gazetteer

__all__ = [
    "AREA_COLUMNS", "FORMATS", "LAYERS", "PLACE_COLUMNS", "ExportResult", "area_record", "export",
    "format_of", "multipolygon", "place_record", "read_places", "select_areas", "select_places",
]  # fmt: skip

LAYERS = ("places", "districts", "regions")
FORMATS = ("geojson", "csv", "parquet")

_PLACE_FIELDS = [f.name for f in fields(Place)]
PLACE_COLUMNS = (
    "id", "kato", "name", "name_kk", "name_ru", "official_name", "kind", "status", "parent", "district",
    "region", "admin1", "lat", "lon", "coordinates", "precise", "population", "geonames_id", "wof_id",
    "source", "valid_from", "valid_to", "name_kk_derived", "alternate_names", "former_names",
)  # fmt: skip
"""The columns of the places layer, in order: every field of :class:`Place`, and ``district``,
``region`` (names) and ``precise``, derived."""
AREA_COLUMNS = (
    "id", "kato", "name", "name_kk", "name_ru", "kind", "status", "parent", "region", "admin1", "lat", "lon",
    "area_km2",
)  # fmt: skip
"""The columns of the districts and regions layers, in order (CSV adds ``wkt``)."""

_INTS = frozenset({"population", "geonames_id", "wof_id"})
_FLOATS = frozenset({"lat", "lon", "area_km2"})
_BOOLS = frozenset({"precise", "name_kk_derived"})
assert set(_PLACE_FIELDS) <= set(PLACE_COLUMNS), "every field of Place is a column"

MultiPolygon = list[list[Ring]]


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What :func:`export` wrote: the file, the layer, the format, the number of features, the bytes."""

    path: str
    layer: str
    format: str
    features: int
    bytes: int


def format_of(path: str | os.PathLike[str]) -> str | None:
    """The format a file name says (``.geojson``/``.json``, ``.csv``, ``.parquet``/``.geoparquet``)."""
    name = str(path).lower()
    for ext, fmt in ((".geojson", "geojson"), (".json", "geojson"), (".csv", "csv"), (".parquet", "parquet"),
                     (".geoparquet", "parquet")):  # fmt: skip
        if name.endswith(ext):
            return fmt
    return None


# ---------------------------------------------------------------------------
# What goes in: the places and areas of a layer, as records


def _region_code(region: str | None) -> str | None:
    if region is None:
        return None
    if not isinstance(region, str):
        raise TypeError(f"region must be a string, not {type(region).__name__}")
    found = gazetteer().region(region)
    if found is None:
        raise ValueError(f"unknown region {region!r} (give its name in any spelling or its ISO code)")
    return found.id


def select_places(*, kinds: Iterable[str] | None = None, region: str | None = None) -> list[Place]:
    """The places of the gazetteer of some kinds (all by default) in a region (all by default), by id.

    >>> [p.name for p in select_places(kinds=["city"], region="KZ-43")]
    ['Kyzylorda', 'Baikonur']
    """
    wanted = None if kinds is None else {kinds} if isinstance(kinds, str) else set(kinds)
    if wanted is not None and not wanted <= set(KINDS):
        bad = sorted(wanted - set(KINDS))[0]
        raise ValueError(f"unknown kind {bad!r}; the kinds are {', '.join(KINDS)}")
    code = _region_code(region)
    out = [
        p for p in gazetteer().places.values()
        if (wanted is None or p.kind in wanted) and (code is None or p.admin1 == code)
    ]  # fmt: skip
    return sorted(out, key=lambda p: p.id)


def select_areas(layer: str, *, region: str | None = None) -> list[tuple[Place, Area]]:
    """The districts (``layer="districts"``) or regions (``"regions"``) with a polygon, by id."""
    if layer not in ("districts", "regions"):
        raise ValueError(f"unknown area layer {layer!r}: districts or regions")
    kind = layer[:-1]
    code = _region_code(region)
    places = gazetteer().places
    out = []
    for area_id, area in sorted(areas().items()):
        place = places.get(area_id)
        if area.kind == kind and place is not None and (code is None or place.admin1 == code):
            out.append((place, area))
    return out


def _former(f: FormerName) -> dict[str, object]:
    return {"name": f.name, "lang": f.lang, "from": f.start, "to": f.end, "source": f.source}


def place_record(place: Place) -> dict[str, Any]:
    """One place as a record of :data:`PLACE_COLUMNS` (lists as lists: see :func:`export` for each format)."""
    district, region = place.district, place.region
    rec: dict[str, Any] = {c: getattr(place, c, None) for c in PLACE_COLUMNS}
    rec.update(
        district=None if district is None else district.name,
        region=None if region is None else region.name,
        precise=place.precise,
        alternate_names=list(place.alternate_names),
        former_names=[_former(f) for f in place.former_names],
    )
    return rec


def area_record(place: Place, area: Area) -> dict[str, Any]:
    """One district or region as a record of :data:`AREA_COLUMNS`."""
    rec: dict[str, Any] = {c: getattr(place, c, None) for c in AREA_COLUMNS}
    region = place.region
    rec.update(region=None if region is None else region.name, area_km2=area.area_km2)
    return rec


# ---------------------------------------------------------------------------
# Geometry: closed rings, RFC 7946 orientation; GeoJSON, WKT and WKB


def _signed_area(ring: Sequence[tuple[float, float]]) -> float:
    """Twice the signed area of a ring of (lat, lon) points on the (lon, lat) plane (> 0: anticlockwise)."""
    s = 0.0
    for (y1, x1), (y2, x2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        s += x1 * y2 - x2 * y1
    return s


def multipolygon(area: Area) -> list[list[list[tuple[float, float]]]]:
    """An area's polygons as (lon, lat) rings, closed, outer rings counter-clockwise, holes clockwise.

    A ring of fewer than three distinct points has no area (the simplification of the polygons
    leaves a few such holes behind): it is left out, so that the polygons are valid.
    """
    out = []
    for poly in area.polygons:
        rings = []
        for k, ring in enumerate(poly):
            pts = list(ring)
            if len(pts) > 1 and pts[0] == pts[-1]:
                pts.pop()
            if len(set(pts)) < 3:
                if k == 0:
                    break  # an outer ring without an area: the polygon has none
                continue
            if (_signed_area(pts) > 0) != (k == 0):  # outer ring CCW, holes CW; same first point
                pts[1:] = pts[:0:-1]
            rings.append([(lon, lat) for lat, lon in [*pts, pts[0]]])
        if rings:
            out.append(rings)
    return out


def _wkt(polys: list[list[list[tuple[float, float]]]]) -> str:
    return "MULTIPOLYGON (" + ", ".join(
        "(" + ", ".join("(" + ", ".join(f"{x!r} {y!r}" for x, y in ring) + ")" for ring in poly) + ")"
        for poly in polys
    ) + ")"  # fmt: skip


def _wkb_point(lon: float, lat: float) -> bytes:
    return struct.pack("<BIdd", 1, 1, lon, lat)


def _wkb_multipolygon(polys: list[list[list[tuple[float, float]]]]) -> bytes:
    out = [struct.pack("<BII", 1, 6, len(polys))]
    for poly in polys:
        out.append(struct.pack("<BII", 1, 3, len(poly)))
        for ring in poly:
            out.append(struct.pack("<I", len(ring)))
            out.append(struct.pack(f"<{2 * len(ring)}d", *(v for pt in ring for v in pt)))
    return b"".join(out)


# ---------------------------------------------------------------------------
# Writing


def _flat(rec: dict[str, Any]) -> dict[str, Any]:
    """A record for a table: lists as ``|``-joined text (alternate names) or JSON (former names)."""
    out = dict(rec)
    if "alternate_names" in out:
        out["alternate_names"] = "|".join(out["alternate_names"])
    if "former_names" in out:
        formers = out["former_names"]
        out["former_names"] = json.dumps(formers, ensure_ascii=False) if formers else ""
    return out


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return value


Feature = tuple[dict[str, Any], Any]


def _features(layer: str, kinds: Iterable[str] | None, region: str | None) -> Iterator[Feature]:
    """(record, geometry) of each feature: geometry a (lon, lat) point or a multipolygon."""
    if layer == "places":
        if kinds is not None:
            kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        for p in select_places(kinds=kinds, region=region):
            yield place_record(p), (p.lon, p.lat)
        return
    if kinds is not None:
        raise ValueError(f"kinds filter the places layer only, not {layer}")
    for place, area in select_areas(layer, region=region):
        yield area_record(place, area), multipolygon(area)


def _write_geojson(f: IO[str], layer: str, features: Iterable[Feature]) -> int:
    name = json.dumps(f"kztranslit {layer}")
    f.write('{"type":"FeatureCollection","name":' + name + ',"features":[\n')
    n = 0
    for rec, geom in features:
        if layer == "places":
            geometry: dict[str, Any] = {"type": "Point", "coordinates": list(geom)}
        else:
            geometry = {"type": "MultiPolygon", "coordinates": geom}
        feature = {"type": "Feature", "id": rec["id"], "geometry": geometry, "properties": rec}
        f.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
        n += 1
    f.write("\n]}\n")
    return n


def _write_csv(f: IO[str], layer: str, features: Iterable[Feature]) -> int:
    columns = list(PLACE_COLUMNS) if layer == "places" else [*AREA_COLUMNS, "wkt"]
    w = csv.writer(f, lineterminator="\n")
    w.writerow(columns)
    n = 0
    for rec, geom in features:
        flat = _flat(rec)
        if layer != "places":
            flat["wkt"] = _wkt(geom)
        w.writerow([_cell(flat[c]) for c in columns])
        n += 1
    return n


def _arrow_type(column: str, pa: Any) -> Any:
    if column in _INTS:
        return pa.int64()
    if column in _FLOATS:
        return pa.float64()
    if column in _BOOLS:
        return pa.bool_()
    return pa.string()


def _pyarrow(module: str) -> Any:
    from ._extras import require

    return require(module, module="Parquet in kztranslit.export", needs="PyArrow", extra="parquet")


def _write_parquet(path: str, layer: str, features: Iterable[Feature]) -> int:
    pa, pq = _pyarrow("pyarrow"), _pyarrow("pyarrow.parquet")
    columns = PLACE_COLUMNS if layer == "places" else AREA_COLUMNS
    data: dict[str, list[Any]] = {c: [] for c in columns}
    wkb: list[bytes] = []
    west = south = math.inf
    east = north = -math.inf
    for rec, geom in features:
        flat = _flat(rec)
        for c in columns:
            data[c].append(flat[c] if flat[c] != "" or c in ("alternate_names", "former_names") else None)
        if layer == "places":
            lon, lat = geom
            wkb.append(_wkb_point(lon, lat))
            west, east, south, north = min(west, lon), max(east, lon), min(south, lat), max(north, lat)
        else:
            wkb.append(_wkb_multipolygon(geom))
            for lon, lat in (pt for poly in geom for pt in poly[0]):
                west, east, south, north = min(west, lon), max(east, lon), min(south, lat), max(north, lat)
    arrays = [pa.array(data[c], type=_arrow_type(c, pa)) for c in columns]
    table = pa.table([*arrays, pa.array(wkb, type=pa.binary())], names=[*columns, "geometry"])
    geo = {
        "version": "1.1.0",
        "primary_column": "geometry",
        "columns": {"geometry": {
            "encoding": "WKB",
            "geometry_types": ["Point"] if layer == "places" else ["MultiPolygon"],
            **({"bbox": [west, south, east, north]} if wkb else {}),
        }},  # no "crs": longitude/latitude on WGS 84 (OGC:CRS84), GeoParquet's default
    }  # fmt: skip
    table = table.replace_schema_metadata({b"geo": json.dumps(geo).encode()})
    pq.write_table(table, path, compression="zstd")
    return len(wkb)


def export(
    path: str | os.PathLike[str],
    *,
    layer: str = "places",
    format: str | None = None,
    kinds: Iterable[str] | None = None,
    region: str | None = None,
) -> ExportResult:
    """Write one layer of the gazetteer (``places``, ``districts`` or ``regions``) to a file.

    ``format`` is ``geojson``, ``csv`` or ``parquet`` (default: from the file name). ``kinds``
    keeps only places of those kinds (``city``, ``town``, ``village``, ``locality``,
    ``rural_district``, ``district``, ``region``; places layer only); ``region`` only what
    lies in one region (its name in any spelling, or its ISO code). ``path`` ``"-"`` writes
    GeoJSON or CSV to stdout. A file is written under a temporary name and moved into place
    when complete. Raises ``ValueError`` for an unknown layer, format, kind or region.
    """
    path = os.fspath(path)
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r}; the layers are {', '.join(LAYERS)}")
    fmt = format or format_of(path)
    if fmt is None:
        raise ValueError(f"cannot tell the format of {path!r} from its name: give geojson, csv or parquet")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; the formats are {', '.join(FORMATS)}")
    if fmt == "parquet" and path == "-":
        raise ValueError("Parquet cannot go to stdout: give a file name")
    features = _features(layer, kinds, region)
    first = next(features, None)  # a bad kind or region raises now, before any file is opened
    rows = features if first is None else _chain(first, features)
    if path == "-":
        n = (_write_geojson if fmt == "geojson" else _write_csv)(sys.stdout, layer, rows)
        return ExportResult(path, layer, fmt, n, 0)
    target = Path(path)
    tmp = target.with_name(f".{target.name}.partial")
    try:
        if fmt == "parquet":
            n = _write_parquet(str(tmp), layer, rows)
        else:
            with tmp.open("w", encoding="utf-8", newline="") as f:
                n = (_write_geojson if fmt == "geojson" else _write_csv)(f, layer, rows)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return ExportResult(path, layer, fmt, n, target.stat().st_size)


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


# ---------------------------------------------------------------------------
# Reading back


def _place_from(rec: dict[str, Any], point: tuple[float, float] | None) -> Place:
    """A Place from an exported record (CSV text, Parquet values or GeoJSON properties)."""

    def value(name: str) -> Any:
        v = rec.get(name)
        if v is None or v == "":
            return None
        if name in _INTS:
            return int(v)
        if name in _FLOATS:
            return float(v)
        if name in _BOOLS:
            return v if isinstance(v, bool) else v == "true"
        return v

    alternates = rec.get("alternate_names") or []
    if isinstance(alternates, str):
        alternates = alternates.split("|")
    formers: list[dict[str, Any]] = rec.get("former_names") or []
    if isinstance(formers, str):
        formers = json.loads(formers)
    kw = {name: value(name) for name in _PLACE_FIELDS if name not in ("alternate_names", "former_names")}
    if point is not None:
        kw["lon"], kw["lat"] = point
    kw["name_kk_derived"] = bool(kw["name_kk_derived"])
    kw["source"] = kw["source"] or ""
    return Place(
        **kw,
        alternate_names=tuple(alternates),
        former_names=tuple(
            FormerName(d["name"], d["lang"], d["from"], d["to"], d["source"]) for d in formers
        ),
    )


def read_places(path: str | os.PathLike[str], *, format: str | None = None) -> list[Place]:
    """The places of a file written by :func:`export` (``layer="places"``), in the file's order.

    The point comes from the geometry (GeoJSON, Parquet) or the ``lat``/``lon`` columns (CSV).
    """
    path = os.fspath(path)
    fmt = format or format_of(path)
    if fmt == "geojson":
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        return [_place_from(ft["properties"], tuple(ft["geometry"]["coordinates"])) for ft in doc["features"]]
    if fmt == "csv":
        with open(path, encoding="utf-8", newline="") as f:
            return [_place_from(rec, None) for rec in csv.DictReader(f)]
    if fmt == "parquet":
        pq = _pyarrow("pyarrow.parquet")
        out = []
        for rec in pq.read_table(path).to_pylist():
            lon, lat = struct.unpack_from("<dd", rec.pop("geometry"), 5)
            out.append(_place_from(rec, (lon, lat)))
        return out
    raise ValueError(f"unknown format {fmt!r} of {path!r}; the formats are {', '.join(FORMATS)}")
