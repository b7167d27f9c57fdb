"""The SVG map: well-formed, self-contained, every row counted in the caption, every resolved row
drawn in the district (or place) it belongs to; the same map from `kztranslit normalize --map`."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from kztranslit.areas import area_at, areas
from kztranslit.batch import GeocodeResult, geocode_many
from kztranslit.cli import main
from kztranslit.gazetteer import gazetteer
from kztranslit.maps import Tally, draw_map, write_map

SVG = "{http://www.w3.org/2000/svg}"


def sample_rows(n: int = 3_000, seed: int = 5) -> list[object]:
    """Real spellings of the gazetteer's places, near misses, foreign and bad cells."""
    rng = random.Random(seed)
    places = sorted(gazetteer().places.values(), key=lambda p: p.id)
    rows: list[object] = []
    for p in rng.sample(places, n):
        name = rng.choice([x for x in (p.name, p.name_kk, p.name_ru) if x])
        rows.append(name if rng.random() < 0.8 else name[:-1])
    rows += ["Bishkek", "Tashkent", None, "", "Kyzylorda Region", "Aksu", "Кызылорда"] * 3
    return rows


@pytest.fixture(scope="module")
def results() -> list[GeocodeResult]:
    return list(geocode_many(sample_rows(), with_reason=True))


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg" and root.get("viewBox")
    return root


def titles(root: ET.Element, tag: str) -> list[str]:
    found = [el.find(SVG + "title") for el in root.iter(SVG + tag)]
    return [t.text or "" for t in found if t is not None]


def rows_of(title: str) -> int:
    return int(title.rsplit(": ", 1)[1].split()[0].replace(",", ""))


def test_the_caption_counts_every_row(results: list[GeocodeResult]) -> None:
    svg = draw_map(results)
    reasons = Counter(r.reason for r in results)
    line = (f"{len(results):,} rows: {reasons['resolved']:,} resolved, {reasons['ambiguous']:,} ambiguous, "
            f"{reasons['unresolved']:,} unresolved, {reasons['invalid']:,} invalid.")  # fmt: skip
    texts = [el.text for el in parse(svg).iter(SVG + "text")]
    assert line in texts
    assert min(reasons.values()) > 0  # the sample has rows of every reason


def test_each_resolved_row_is_counted_in_its_district(results: list[GeocodeResult]) -> None:
    root = parse(draw_map(results))
    drawn = {el.get("data-id"): rows_of(el.findtext(SVG + "title") or "") for el in root.iter(SVG + "path")
             if el.get("data-id")}  # fmt: skip
    gaz = gazetteer()
    units = {i for i, a in areas().items() if i in gaz.places and a.kind == "district"}
    cities = {i for i, a in areas().items() if a.kind == "region" and i in gaz.places
              and not any(gaz.places[d].admin1 == i for d in units)}  # fmt: skip
    assert len(drawn) == len(units | cities)  # every district, counted or not
    want: Counter[str] = Counter()
    for r in results:
        if r.reason != "resolved" or r.place is None or r.place.kind == "region":
            continue
        p = r.place
        d = p.district
        if d is not None and d.id in units:
            want[d.id] += 1
        elif p.admin1 in cities:
            want[p.admin1] += 1
        elif p.precise and (a := area_at(p.lat, p.lon)) is not None and a.id in units | cities:
            want[a.id] += 1
    assert {k: v for k, v in drawn.items() if v} == dict(want)


def test_points_style_draws_each_resolved_place(results: list[GeocodeResult]) -> None:
    root = parse(draw_map(results, style="points"))
    circles = titles(root, "circle")
    resolved = [r for r in results if r.reason == "resolved" and r.place and r.place.kind != "region"]
    assert sum(rows_of(t) for t in circles) == len(resolved)
    assert len(circles) <= len({r.place.id for r in resolved if r.place is not None})


def test_the_map_is_self_contained_and_small(results: list[GeocodeResult], tmp_path: Path) -> None:
    path = tmp_path / "m.svg"
    size = write_map(path, results, title="A & B <test>")
    svg = path.read_text(encoding="utf-8")
    assert size == len(svg.encode()) and size < 300_000
    root = parse(svg)
    assert root.findtext(SVG + "title") == "A & B <test>"
    assert not re.search(r"<script|<image|<foreignObject|href=|url\(|@import", svg)
    assert re.findall(r"https?://[^'\"]+", svg) == ["http://www.w3.org/2000/svg"]
    number = r"-?(?:\d+\.?\d*|\.\d+)"
    for d in (el.get("d") or "" for el in root.iter(SVG + "path")):
        assert re.fullmatch(rf"(?:M{number}(?: ?{number})l(?: ?{number})+z)+", d), d[:80]


def test_tally_and_inputs() -> None:
    places = list(geocode_many(["Кызылорда", "Bishkek"]))
    svg = draw_map(places)  # a Place counts as resolved, None as unresolved
    assert "2 rows: 1 resolved, 0 ambiguous, 1 unresolved, 0 invalid." in svg
    t = Tally()
    t.add_id("KZ-43", "resolved", 5)  # a whole region: counted, not drawn
    assert "5 rows: 5 resolved" in draw_map(t) and "5 that name a whole region" in draw_map(t)
    empty = draw_map([])
    assert "0 rows: 0 resolved" in empty
    with pytest.raises(ValueError, match="style"):
        draw_map([], style="heatmap")
    with pytest.raises(ValueError, match="width"):
        draw_map([], width=10)


def test_normalize_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [r for r in sample_rows(400, seed=9) if isinstance(r, str)]
    src = tmp_path / "rows.csv"
    src.write_text("id,city\n" + "".join(f'{i},"{c}"\n' for i, c in enumerate(rows)), encoding="utf-8")
    svg_path = tmp_path / "map.svg"
    assert main(["normalize", str(src), "-c", "city", "--add", "geocode", "-o", str(tmp_path / "out.csv"),
                 "--map", str(svg_path)]) == 0  # fmt: skip
    err = capsys.readouterr().err
    assert f"map of city: {svg_path}" in err
    want = draw_map(geocode_many(rows, with_reason=True), title="rows.csv: city")
    assert svg_path.read_text(encoding="utf-8") == want
    summary = re.search(r"city: ([\d,]+) resolved, ([\d,]+) ambiguous, ([\d,]+) unresolved", err)
    assert summary is not None
    assert f"{summary[1]} resolved, {summary[2]} ambiguous, {summary[3]} unresolved" in want
    points = tmp_path / "points.svg"
    assert main(["normalize", str(src), "-c", "city", "-o", str(tmp_path / "o.csv"), "-q",
                 "--map", str(points), "--map-style", "points"]) == 0  # fmt: skip
    assert "<circle" in points.read_text(encoding="utf-8")
    assert main(["normalize", str(src), "-c", "city", "--add", "key", "--map", str(tmp_path / "x.svg")]) == 2
    assert "add geocode" in capsys.readouterr().err
    assert main(["normalize", str(src), "-c", "city", "-o", str(tmp_path / "y.csv"),
                 "--map", str(tmp_path / "no" / "such" / "map.svg")]) == 2  # fmt: skip
    assert "cannot write" in capsys.readouterr().err and not (tmp_path / "y.csv").exists()
    assert not (tmp_path / "x.svg").exists()
