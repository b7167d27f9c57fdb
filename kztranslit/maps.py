"""A map of geocoded rows: Kazakhstan's regions and districts, drawn offline as one SVG file.

:func:`draw_map` takes the answers of :func:`kztranslit.batch.geocode_many` (``with_reason=True``)
or a :class:`Tally` of them and returns an SVG: the districts and regions from the embedded
polygons (:mod:`kztranslit.areas`), the resolved rows as counts per district (``style="districts"``,
a choropleth) or as circles per place (``style="points"``), a legend, and a caption that counts
every row: resolved, ambiguous, unresolved, invalid. Only resolved rows are drawn: an ambiguous
row's place is a guess, and a row that names a whole region (``Kyzylorda Region``) has no point;
the caption counts them. ``kztranslit normalize … --map map.svg`` draws the same map of a file.

>>> from kztranslit.batch import geocode_many
>>> svg = draw_map(geocode_many(["Кызылорда", "Kzyl-Orda", "Aksu", "Bishkek", None], with_reason=True))
>>> svg.startswith("<svg") and "2 resolved" in svg and "1 ambiguous" in svg and "1 unresolved" in svg
True

The SVG needs nothing to draw it but a browser: no script, no web font, no tile server. The
projection is an Albers equal-area conic (standard parallels 45° and 52° N, centred on 67° E:
areas compare truly); the polygons are simplified for drawing (Douglas–Peucker at half a
pixel) and written with one decimal, so a whole country of districts takes about 150 kB.
"""

from __future__ import annotations

import itertools
import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from .areas import area_at, areas
from .batch import GeocodeResult
from .gazetteer import Derived, Gazetteer, Place, gazetteer

__all__ = ["STYLES", "Tally", "draw_map", "write_map"]

STYLES = ("districts", "points")

# Albers equal-area conic on a sphere, fitted to Kazakhstan (40.5-55.5 N, 46.5-87.4 E).
_PHI1, _PHI2, _PHI0, _LAM0 = (math.radians(v) for v in (45.0, 52.0, 48.0, 67.0))
_N = (math.sin(_PHI1) + math.sin(_PHI2)) / 2
_C = math.cos(_PHI1) ** 2 + 2 * _N * math.sin(_PHI1)
_RHO0 = math.sqrt(_C - 2 * _N * math.sin(_PHI0)) / _N

# Counts per district: a sequential scale from pale to dark (no rows: grey).
_CLASS_COLOURS = ("#fbe7b5", "#f6c27a", "#ee9652", "#dc6739", "#b83c33", "#842033")
_EMPTY = "#ecebe7"
_POINT = "#b83c33"


def _albers(lat: float, lon: float) -> tuple[float, float]:
    rho = math.sqrt(_C - 2 * _N * math.sin(math.radians(lat))) / _N
    theta = _N * (math.radians(lon) - _LAM0)
    return rho * math.sin(theta), _RHO0 - rho * math.cos(theta)


@dataclass
class Tally:
    """Rows counted by reason, and the resolved and ambiguous ones by place id.

    >>> t = Tally()
    >>> t.add(GeocodeResult(None, "unresolved")); t.add_id("kato:431010000", "resolved", 3)
    >>> t.rows, t.reasons["resolved"], t.resolved["kato:431010000"]
    (4, 3, 3)
    """

    reasons: Counter[str] = field(default_factory=Counter)
    resolved: Counter[str] = field(default_factory=Counter)
    ambiguous: Counter[str] = field(default_factory=Counter)

    @property
    def rows(self) -> int:
        return sum(self.reasons.values())

    def add(self, result: GeocodeResult | Place | None, n: int = 1) -> None:
        """Count one answer: a :class:`GeocodeResult`, a place (resolved) or ``None`` (unresolved)."""
        if isinstance(result, GeocodeResult):
            self.add_id(None if result.place is None else result.place.id, result.reason, n)
        elif isinstance(result, Place):
            self.add_id(result.id, "resolved", n)
        else:
            self.add_id(None, "unresolved", n)

    def add_id(self, place_id: str | None, reason: str, n: int = 1) -> None:
        """Count ``n`` rows of a reason, with the id of their place (``None`` when there is none)."""
        self.reasons[reason] += n
        if place_id is not None and reason == "resolved":
            self.resolved[place_id] += n
        elif place_id is not None and reason == "ambiguous":
            self.ambiguous[place_id] += n


# ---------------------------------------------------------------------------
# Which unit a place is drawn in


def _build_units(gaz: Gazetteer) -> tuple[frozenset[str], frozenset[str], dict[str, str | None]]:
    """The ids of the district areas; of the regions drawn as units of their own (the cities of
    republican significance, whose own districts have no polygon); and a cache for :func:`_unit_of`."""
    districts = frozenset(i for i, a in areas().items() if a.kind == "district" and i in gaz.places)
    with_districts = {gaz.places[i].admin1 for i in districts}
    cities = frozenset(i for i, a in areas().items() if a.kind == "region" and i not in with_districts)
    return districts, cities, {}


_UNITS: Derived[tuple[frozenset[str], frozenset[str], dict[str, str | None]]] = Derived(_build_units)


def _units() -> tuple[frozenset[str], frozenset[str]]:
    districts, cities, _ = _UNITS.get()
    return districts, cities


def _unit_of(place_id: str) -> str | None:
    """The area a place is counted in (a district, or a city of republican significance), or ``None``
    for a region (or a place without a unit). Remembered per place, until the gazetteer is reset."""
    districts, cities, memo = _UNITS.get()
    if place_id in memo:
        return memo[place_id]
    unit: str | None = None
    place = gazetteer().places.get(place_id)
    if place is not None:
        district = place.district
        if place.kind == "region":
            unit = place.id if place.id in cities else None
        elif district is not None and district.id in districts:
            unit = district.id
        elif place.admin1 in cities:
            unit = place.admin1
        elif place.precise and (found := area_at(place.lat, place.lon)) is not None:
            unit = found.id if found.id in districts or found.id in cities else None
    memo[place_id] = unit
    return unit


# ---------------------------------------------------------------------------
# Geometry for drawing


class _Frame:
    """The projection fitted to a width: (lat, lon) → SVG pixels."""

    def __init__(self, width: float, top: float, margin: float) -> None:
        xs, ys = [], []
        for a in areas().values():
            if a.kind == "region":
                w, s, e, n = a.bbox
                for lat, lon in ((s, w), (s, e), (n, w), (n, e), (s, (w + e) / 2), (n, (w + e) / 2)):
                    x, y = _albers(lat, lon)
                    xs.append(x)
                    ys.append(y)
        self.x0, self.y1 = min(xs), max(ys)
        self.scale = (width - 2 * margin) / (max(xs) - self.x0)
        self.left, self.top = margin, top
        self.height = (self.y1 - min(ys)) * self.scale

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        x, y = _albers(lat, lon)
        return self.left + (x - self.x0) * self.scale, self.top + (self.y1 - y) * self.scale


def _simplify(points: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative: the points that keep the line within ``tolerance`` pixels."""
    n = len(points)
    if n < 3:
        return list(points)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        (x1, y1), (x2, y2) = points[i], points[j]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        far, at = -1.0, -1
        for k in range(i + 1, j):
            px, py = points[k]
            d = abs(dy * (px - x1) - dx * (py - y1)) / norm if norm else math.hypot(px - x1, py - y1)
            if d > far:
                far, at = d, k
        if far > tolerance:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _path(area_id: str, frame: _Frame, tolerance: float = 0.5) -> str:
    """An SVG path of an area's polygons: absolute first point, then relative steps of 0.1 px."""
    parts = []
    for poly in areas()[area_id].polygons:
        for ring in poly:
            pts = [frame(lat, lon) for lat, lon in ring]
            if len(pts) > 2 and pts[0] != pts[-1]:
                pts.append(pts[0])  # close it, so the simplification keeps both ends
            pts = _simplify(pts, tolerance)
            cells = [(round(x * 10), round(y * 10)) for x, y in pts]
            dedup = [c for k, c in enumerate(cells) if k == 0 or c != cells[k - 1]]
            if len(dedup) < 4:
                continue  # smaller than a pixel, or not a ring
            moves = [v for (ax, ay), (bx, by) in itertools.pairwise(dedup) for v in (bx - ax, by - ay)]
            parts.append(f"M{_numbers(dedup[0])}l{_numbers(moves)}z")
    return "".join(parts)


def _numbers(tenths: Iterable[int]) -> str:
    """Tenths of a pixel as SVG numbers, as short as they go (``5``, ``.5``, ``-1.5``), separated by a
    space where no minus sign separates them."""
    out: list[str] = []
    for t in tenths:
        text = str(t // 10) if t % 10 == 0 else f"{t / 10:.1f}"
        if text.startswith("0."):
            text = text[1:]
        elif text.startswith("-0."):
            text = "-" + text[2:]
        if out and not text.startswith("-"):
            out.append(" ")
        out.append(text)
    return "".join(out)


# ---------------------------------------------------------------------------
# The map


def _breaks(top: int) -> list[int]:
    """Lower bounds of the count classes: decades when counts span four or more, else 1-2-5 steps."""
    decades = [10**k for k in range(12) if 10**k <= top]
    if len(decades) >= 4:
        return decades[-len(_CLASS_COLOURS) :] if len(decades) > len(_CLASS_COLOURS) else decades
    steps = [m * 10**k for k in range(12) for m in (1, 2, 5) if m * 10**k <= top]
    return steps[-len(_CLASS_COLOURS) :] if steps else [1]


def _class_label(lo: int, hi: int | None) -> str:
    if hi is None:
        return f"{lo:,} or more"
    return f"{lo:,}" if hi - 1 == lo else f"{lo:,}–{hi - 1:,}"


def _caption(t: Tally, drawn: int, region_rows: int, no_unit: int) -> list[str]:
    r = t.reasons
    first = (f"{t.rows:,} rows: {r['resolved']:,} resolved, {r['ambiguous']:,} ambiguous, "
             f"{r['unresolved']:,} unresolved, {r['invalid']:,} invalid.")  # fmt: skip
    second = f"Drawn: the {drawn:,} resolved rows"
    left = [f"{region_rows:,} that name a whole region"] if region_rows else []
    if no_unit:
        left.append(f"{no_unit:,} outside every district polygon")
    if left:
        second += " but " + " and ".join(left)
    second += ". Not drawn: ambiguous (a guess), unresolved and invalid rows."
    return [first, second]


def draw_map(
    data: Tally | Iterable[GeocodeResult | Place | None],
    *,
    style: str = "districts",
    title: str | None = None,
    width: int = 960,
) -> str:
    """An SVG map of geocoded rows (see the module): counts per district or circles per place.

    ``data`` is a :class:`Tally` or the answers of ``geocode_many(..., with_reason=True)`` (a
    :class:`~kztranslit.Place` counts as resolved, ``None`` as unresolved). ``style`` is
    ``"districts"`` (the default: each district coloured by its count of rows) or ``"points"``
    (a circle per place, its area proportional to its rows).
    """
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}: {' or '.join(STYLES)}")
    if not isinstance(width, int) or width < 300:
        raise ValueError(f"width must be an int of at least 300 pixels, not {width!r}")
    if isinstance(data, Tally):
        tally = data
    else:
        tally = Tally()
        for item in data:
            tally.add(item)
    gaz = gazetteer()
    districts, cities = _units()
    per_unit: Counter[str] = Counter()
    region_rows = no_unit = 0
    for pid, n in tally.resolved.items():
        unit = _unit_of(pid)
        if unit is not None:
            per_unit[unit] += n
        elif (p := gaz.places.get(pid)) is not None and p.kind == "region":
            region_rows += n
        else:
            no_unit += n
    margin, header = 16.0, 74.0
    frame = _Frame(width, header, margin)
    band = 40.0 if style == "districts" else 56.0
    height = math.ceil(header + frame.height + 8 + band + 18)
    font = "font-family='Helvetica,Arial,sans-serif'"
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' width='{width}' "
        f"height='{height}' {font}>",
        f"<title>{escape(title or 'Geocoded rows')}</title>",
        f"<rect width='{width}' height='{height}' fill='#fff'/>",
        f"<text x='{margin}' y='28' font-size='20' font-weight='bold' fill='#222'>"
        f"{escape(title or 'Geocoded rows')}</text>",
    ]
    for k, line in enumerate(_caption(tally, sum(per_unit.values()), region_rows, no_unit)):
        out.append(f"<text x='{margin}' y='{48 + 16 * k}' font-size='12.5' fill='#444'>{escape(line)}</text>")
    regions = [r for r, a in sorted(areas().items()) if a.kind == "region" and r in gaz.places]
    out.append(f"<g fill='{_EMPTY}'>")  # under the districts: where a district has no polygon
    out += [f"<path d='{_path(r, frame, 0.4)}'/>" for r in regions]
    out.append("</g>")
    units = sorted(districts | cities)
    if style == "districts":
        breaks = _breaks(max(per_unit.values(), default=1))
        colour: dict[str, str] = {}
        for u in units:
            n = per_unit.get(u, 0)
            colour[u] = _EMPTY if n == 0 else _CLASS_COLOURS[sum(1 for b in breaks if n >= b) - 1]
        out.append("<g stroke='#fff' stroke-width='.5' stroke-linejoin='round'>")
        for u in units:
            place = gaz.places[u]
            region = place.region
            name = place.name if region is None or region.id == u else f"{place.name}, {region.name}"
            out.append(f"<path data-id='{u}' fill='{colour[u]}' d='{_path(u, frame)}'><title>{escape(name)}: "
                       f"{per_unit.get(u, 0):,} rows</title></path>")  # fmt: skip
        out.append("</g>")
    else:
        out.append(f"<g fill='{_EMPTY}' stroke='#fff' stroke-width='.5' stroke-linejoin='round'>")
        out += [f"<path d='{_path(u, frame)}'/>" for u in units]
        out.append("</g>")
    out.append("<g fill='none' stroke='#6b6b6b' stroke-width='.9' stroke-linejoin='round'>")
    out += [f"<path d='{_path(r, frame, 0.4)}'/>" for r in regions]
    out.append("</g>")
    top = 1
    if style == "points":
        dots = _dots(tally, frame)
        top = max((n for n, _, _, _ in dots), default=1)
        out.append(f"<g fill='{_POINT}' fill-opacity='.55' stroke='#fff' stroke-width='.4'>")
        for n, x, y, label in dots:
            out.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{_radius(n, top):.1f}'>"
                       f"<title>{escape(label)}: {n:,} rows</title></circle>")  # fmt: skip
        out.append("</g>")
    out += _region_labels(frame)
    ly = header + frame.height + 8
    out += _class_legend(margin, ly, breaks) if style == "districts" else _circle_legend(margin, ly, top)
    out.append(f"<text x='{width - margin}' y='{height - 6}' font-size='10' fill='#888' text-anchor='end'>"
               "Districts and regions: kztranslit's gazetteer (KATO, Who's On First). Albers equal-area."
               "</text>")  # fmt: skip
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _radius(n: int, top: int) -> float:
    return max(1.3, 22.0 * math.sqrt(n / top))


def _class_legend(x: float, y: float, breaks: list[int]) -> list[str]:
    """One row: the title, then a swatch and its range per class."""
    out = [f"<text x='{x}' y='{y + 22}' font-size='12.5' font-weight='bold' fill='#222'>"
           "Resolved rows per district</text>"]  # fmt: skip
    rows = [(_EMPTY, "none")]
    for k, lo in enumerate(breaks):
        hi = breaks[k + 1] if k + 1 < len(breaks) else None
        rows.append((_CLASS_COLOURS[k], _class_label(lo, hi)))
    at = x + 190
    for fill, label in rows:
        out.append(f"<rect x='{at}' y='{y + 11}' width='20' height='14' fill='{fill}' stroke='#bbb'/>")
        out.append(f"<text x='{at + 26}' y='{y + 22}' font-size='12' fill='#333'>{escape(label)}</text>")
        at += 26 + 7 * len(label) + 18
    return out


def _nice(v: float) -> int:
    """The largest of 1, 2, 5 × 10^k not above ``v`` (at least 1)."""
    if v < 1:
        return 1
    k = 10 ** math.floor(math.log10(v))
    return int(max(m * k for m in (1, 2, 5) if m * k <= v))


def _circle_legend(x: float, y: float, top: int) -> list[str]:
    """One row: the title, then three circles with their counts."""
    out = [f"<text x='{x}' y='{y + 30}' font-size='12.5' font-weight='bold' fill='#222'>"
           "Resolved rows per place</text>"]  # fmt: skip
    at = x + 180
    for v in sorted({_nice(top), _nice(top / 10), _nice(top / 100)}, reverse=True):
        r = _radius(v, top)
        out.append(f"<circle cx='{at + r:.1f}' cy='{y + 26}' r='{r:.1f}' fill='{_POINT}' opacity='.55'/>")
        label = f"{v:,} rows"
        out.append(f"<text x='{at + 2 * r + 6:.1f}' y='{y + 30}' font-size='12' fill='#333'>{label}</text>")
        at += 2 * r + 6 + 7 * len(label) + 20
    return out


def _dots(tally: Tally, frame: _Frame) -> list[tuple[int, float, float, str]]:
    """The circles of the points style: resolved rows summed per pixel (places that share a point,
    as villages placed at their rural district's), the largest first; a label naming the places."""
    gaz = gazetteer()
    at: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for pid, n in tally.resolved.items():
        p = gaz.places.get(pid)
        if p is None or p.kind == "region":
            continue  # a whole region has no point of its own
        x, y = frame(p.lat, p.lon)
        at.setdefault((round(x), round(y)), []).append((n, p.name))
    out = []
    for (x, y), items in at.items():
        items.sort(key=lambda t: (-t[0], t[1]))
        names = ", ".join(name for _, name in items[:3])
        if len(items) > 3:
            names += f" and {len(items) - 3} more"
        out.append((sum(n for n, _ in items), float(x), float(y), names))
    out.sort(key=lambda t: (-t[0], t[1], t[2]))
    return out


def _region_labels(frame: _Frame) -> list[str]:
    """The short name of each region at the centroid of its largest polygon (white halo)."""
    out = ["<g font-size='10.5' fill='#555' text-anchor='middle' stroke='#fff' stroke-width='2.5' "
           "stroke-opacity='.8' paint-order='stroke'>"]  # fmt: skip
    gaz = gazetteer()
    for rid, area in sorted(areas().items()):
        if area.kind != "region" or rid not in gaz.places:
            continue
        ring = max((poly[0] for poly in area.polygons), key=lambda r: abs(_ring_area(r)))
        lat, lon = _centroid(ring)
        x, y = frame(lat, lon)
        name = gaz.places[rid].name
        short = name.removesuffix(" Region")
        if short != name and any(gaz.places[o].name == short for o in areas() if o in gaz.places):
            short = name  # Almaty Region, beside the city of Almaty
        out.append(f"<text x='{x:.1f}' y='{y:.1f}'>{escape(short)}</text>")
    out.append("</g>")
    return out


def _ring_area(ring: Sequence[tuple[float, float]]) -> float:
    return sum(a[1] * b[0] - b[1] * a[0] for a, b in zip(ring, [*ring[1:], ring[0]], strict=True)) / 2


def _centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The area centroid of a ring of (lat, lon) points (on the plane of degrees: for a label)."""
    a = cx = cy = 0.0
    for (y1, x1), (y2, x2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if a == 0:
        return ring[0]
    return cy / (3 * a), cx / (3 * a)


def write_map(
    path: str | os.PathLike[str],
    data: Tally | Iterable[GeocodeResult | Place | None],
    *,
    style: str = "districts",
    title: str | None = None,
    width: int = 960,
) -> int:
    """Write :func:`draw_map` to a file (UTF-8); returns its size in bytes."""
    svg = draw_map(data, style=style, title=title, width=width)
    target = os.fspath(path)
    tmp = os.path.join(os.path.dirname(target) or ".", f".{os.path.basename(target)}.partial")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(svg)
    os.replace(tmp, target)
    return os.path.getsize(target)
