"""The areas of districts and regions, from Who's On First's polygons: part of the gazetteer build.

Read by ``scripts/build_gazetteer.py``; nothing here writes a file. Needs ``shapely`` (a
development dependency: the library itself reads the result with plain Python).

Who's On First has the polygons of the districts ("counties") as they were before the June
2022 reform, several with duplicates or stale names. Each WOF county is given to the
current KATO districts by the settlements linked inside it: one district when they all lie
in one, otherwise the county is split between the districts along the Voronoi cells of
their linked settlements (the 2022 split of Tarbagatai into Tarbagatai and Aksuat
districts, a village moved across a border). The three cities of republican significance
take the WOF polygon that carries their name, and are cut out of the districts around
them. A district is the union of its pieces; a region the union of its districts. Polygons
are simplified (``TOLERANCE`` degrees, topology kept) and their areas computed on the sphere.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import MultiPoint, Point, shape
from shapely.ops import unary_union

from kztranslit.areas import encode_polyline
from kztranslit.gazetteer import distance_km
from kztranslit.keys import name_key

TOLERANCE = 0.005  # degrees, about 500 m
MAX_PIECE_KM = 250.0  # a district's piece this far from its settlements' median is a wrong link's
COUNTY_SHARE = 0.2  # a district takes part of a WOF county when it holds this share of its links
EARTH_RADIUS_KM = 6371.0088
AREA_COLUMNS = ("id", "kind", "area_km2", "west", "south", "east", "north", "geometry")


def read_areas(path: Path) -> dict[int, tuple[str, str, object]]:
    """WOF id -> (placetype, name, shapely geometry) for the polygons of counties and regions."""
    out: dict[int, tuple[str, str, object]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            geom = d.get("geometry") or {}
            if geom.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            g = shape(geom)
            if not g.is_valid:
                g = shapely.make_valid(g)
            out[int(d["wof:id"])] = (str(d.get("wof:placetype")), str(d.get("wof:name")), g)
    return out


def ring_area_km2(ring: list[tuple[float, float]]) -> float:
    """The area of a (lon, lat) ring on the sphere (the spherical-excess approximation)."""
    total = 0.0
    n = len(ring)
    for i in range(n):
        lon1, lat1 = ring[i]
        lon2, lat2 = ring[(i + 1) % n]
        total += math.radians(lon2 - lon1) * (2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2)))
    return abs(total) * EARTH_RADIUS_KM**2 / 2


def area_km2(geom: object) -> float:
    polys = list(getattr(geom, "geoms", [geom]))
    total = 0.0
    for p in polys:
        total += ring_area_km2(list(p.exterior.coords))
        total -= sum(ring_area_km2(list(r.coords)) for r in p.interiors)
    return total


def encode(geom: object) -> str:
    polys = [p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon" and not p.is_empty]
    out = []
    for p in polys:
        rings = [p.exterior, *p.interiors]
        out.append("!".join(encode_polyline([(lat, lon) for lon, lat in r.coords]) for r in rings))
    return " ".join(out)


def _polygonal(geom: object) -> object:
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")]
    return unary_union(parts) if parts else shapely.Polygon()


def build_areas(
    areas_path: Path,
    points: dict[str, tuple[float, float, int | None]],
    district_of: dict[str, str],
    region_of_district: dict[str, str],
    city_regions: dict[str, str],
    city_admins: frozenset[str] = frozenset(),
) -> list[dict[str, str]]:
    """Rows of areas.tsv.

    ``points``: settlement code -> (lat, lon, WOF county id) for the settlements with a point
    of their own; ``district_of``: settlement code -> district id (``kato:…``);
    ``region_of_district``: district id -> region code; ``city_regions``: city name -> region
    code for the cities of republican significance.
    """
    wof = read_areas(areas_path)
    cities: dict[str, object] = {}
    for name in sorted(city_regions):
        # WOF's polygon named "Almaty City" or "Astana": the smallest of that name (the region
        # around a city may carry the city's name too)
        names = {name_key(name), name_key(f"{name} City")}
        hits = sorted((g.area, wid) for wid, (_t, n, g) in wof.items() if name_key(n) in names)
        if hits:
            cities[name] = wof[hits[0][1]][2]
    city_union = unary_union(list(cities.values())) if cities else shapely.Polygon()
    by_county: dict[int, list[tuple[float, float, str]]] = defaultdict(list)
    for code, (lat, lon, county) in points.items():
        if county is not None and code in district_of:
            by_county[county].append((lon, lat, district_of[code]))
    pieces: dict[str, list[object]] = defaultdict(list)
    region_pieces: dict[str, list[object]] = defaultdict(list)
    for county, members in sorted(by_county.items()):
        if county not in wof or wof[county][0] != "county":
            continue
        poly = _polygonal(wof[county][2].difference(city_union))
        if poly.is_empty:
            continue
        # A district holding few of the county's linked settlements is an outlier (a namesake
        # linked by mistake, a village moved across a border): it gets no piece of the county.
        counts: dict[str, int] = defaultdict(int)
        for _x, _y, d in members:
            counts[d] += 1
        # (a city administration keeps the cell of its city, which WOF draws inside a district)
        keep = {
            d for d, n in counts.items() if (n >= 2 and n >= COUNTY_SHARE * len(members)) or d in city_admins
        }  # fmt: skip
        regions_here: dict[str, int] = defaultdict(int)
        for _x, _y, d in members:
            regions_here[region_of_district[d]] += 1
        region, n = max(sorted(regions_here.items()), key=lambda t: t[1])
        if n >= 2:
            region_pieces[region].append(poly)  # the region has the county even where no district does
        if not keep:
            continue
        members = [m for m in members if m[2] in keep]
        districts = sorted(keep)
        if len(districts) == 1:
            pieces[districts[0]].append(poly)
            continue
        unique_points: dict[tuple[float, float], str] = {}
        for x, y, d in sorted(members):
            unique_points.setdefault((round(x, 5), round(y, 5)), d)
        pts = MultiPoint(sorted(unique_points))
        cells = shapely.voronoi_polygons(pts, extend_to=poly, ordered=True)
        for cell in getattr(cells, "geoms", []):
            inside = [d for (x, y), d in unique_points.items() if cell.covers(Point(x, y))]
            if inside:
                piece = _polygonal(cell.intersection(poly))
                if not piece.is_empty:
                    pieces[inside[0]].append(piece)
    # A piece far from the district's own settlements comes from a wrong link: dropped.
    centre: dict[str, tuple[float, float]] = {}
    by_district: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for code, (lat, lon, _county) in points.items():
        if code in district_of:
            by_district[district_of[code]].append((lat, lon))
    for d, pts in by_district.items():
        lats, lons = sorted(p[0] for p in pts), sorted(p[1] for p in pts)
        centre[d] = (lats[len(lats) // 2], lons[len(lons) // 2])
    for d, parts in list(pieces.items()):
        if d in centre:
            lat, lon = centre[d]
            near = [g for g in parts if distance_km((lat, lon), (g.centroid.y, g.centroid.x)) <= MAX_PIECE_KM]
            pieces[d] = near or parts
    # Districts and the three cities form one coverage, simplified together so that
    # neighbours keep their shared borders.
    ids = sorted(pieces) + [city_regions[name] for name in sorted(cities)]
    full = [_polygonal(unary_union(pieces[d]).buffer(0)) for d in sorted(pieces)]
    full += [_polygonal(cities[name]) for name in sorted(cities)]
    simple = list(shapely.coverage_simplify(full, TOLERANCE))
    rows: list[dict[str, str]] = []
    regions: dict[str, list[tuple[object, object]]] = defaultdict(list)
    for pid, geom, simp in zip(ids, full, simple, strict=True):
        region = region_of_district.get(pid, pid)
        regions[region].append((geom, simp))
        if pid.startswith("kato:"):
            rows.append(_row(pid, "district", geom, _polygonal(simp)))
    for region, parts in sorted(regions.items()):
        extra = [p for p in region_pieces.get(region, [])]
        geom = _polygonal(unary_union([g for g, _s in parts] + extra).buffer(0))
        simp = _polygonal(
            unary_union(
                [s for _g, s in parts]
                + [shapely.simplify(p, TOLERANCE, preserve_topology=True) for p in extra]
            ).buffer(0)
        )
        rows.append(_row(region, "region", geom, simp))
    return sorted(rows, key=lambda r: r["id"])


def _row(pid: str, kind: str, geom: object, simple: object) -> dict[str, str]:
    w, s, e, n = simple.bounds
    return {
        "id": pid, "kind": kind, "area_km2": f"{area_km2(geom):.1f}",
        "west": f"{w:.4f}", "south": f"{s:.4f}", "east": f"{e:.4f}", "north": f"{n:.4f}",
        "geometry": encode(simple),
    }  # fmt: skip


def regions_of_points(
    area_rows: list[dict[str, str]], points: dict[str, tuple[float, float]]
) -> dict[str, str]:
    """The region each (lat, lon) point lies in, by the regions' areas; points outside left out."""
    from kztranslit.areas import decode_polyline

    polys = []
    for r in area_rows:
        if r["kind"] != "region":
            continue
        parts = []
        for poly in r["geometry"].split(" "):
            rings = [[(lon, lat) for lat, lon in decode_polyline(ring)] for ring in poly.split("!")]
            parts.append(shapely.Polygon(rings[0], rings[1:]))
        polys.append((r["id"], unary_union(parts)))
    out = {}
    for pid, (lat, lon) in sorted(points.items()):
        for region, geom in polys:
            if geom.covers(Point(lon, lat)):
                out[pid] = region
                break
    return out
