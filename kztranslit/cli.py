"""The ``kztranslit`` command: a thin layer over the library.

Results go to stdout, errors to stderr with a non-zero exit. Text comes from the
arguments, or from stdin line by line when none is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .errors import KztranslitError

if TYPE_CHECKING:
    from .gazetteer import Place

__all__ = ["main"]


def _lines(args: Sequence[str]) -> Iterator[str]:
    if args:
        yield " ".join(args)
        return
    for line in sys.stdin:
        yield line.rstrip("\n")


def _cmd_translit(ns: argparse.Namespace) -> int:
    from .restore import to_cyrillic
    from .translit import transliterate

    options: dict[str, bool | str] = {}
    for opt in ns.option or []:
        name, _, value = opt.partition("=")
        options[name] = {"true": True, "false": False}.get(value.lower(), value) if value else True
    for line in _lines(ns.text):
        if ns.to_cyrillic:
            print(to_cyrillic(line, ns.scheme))
        else:
            print(transliterate(line, ns.scheme or "latin2021", **options))
    return 0


def _cmd_schemes(ns: argparse.Namespace) -> int:
    from .schemes import schemes

    table = schemes()
    if ns.json:
        print(json.dumps(table, ensure_ascii=False, indent=2))
        return 0
    for sid, meta in table.items():
        rev = "both ways" if meta["reverse"] else "one way"
        year = meta["year"] or ""
        print(f"{sid:14} {year!s:5} {rev:10} {meta['name']} — {meta['source']}")
    return 0


# ---------------------------------------------------------------------------
# Gazetteer commands: geocode, search, reverse, data


def _place_json(place: Place) -> dict[str, object]:
    return {
        "id": place.id,
        "name": place.name,
        "name_kk": place.name_kk,
        "name_ru": place.name_ru,
        "lat": place.lat,
        "lon": place.lon,
        "kind": place.kind,
        "admin1": place.admin1,
        "geonames_id": place.geonames_id,
        "population": place.population,
        "former_names": [
            {"name": f.name, "lang": f.lang, "from": f.start, "to": f.end} for f in place.former_names
        ],
    }


def _place_cells(place: Place) -> list[str]:
    return [
        place.id, place.name, place.name_kk or "", place.kind, place.admin1 or "",
        f"{place.lat:.5f}", f"{place.lon:.5f}",
    ]  # fmt: skip


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def _queries(args: Sequence[str]) -> Iterator[str]:
    """Each argument is one query; without arguments, each line of stdin is."""
    if args:
        yield from args
        return
    for line in sys.stdin:
        yield line.rstrip("\n")


def _check_region(region: str | None) -> None:
    from .gazetteer import gazetteer

    if region is not None and gazetteer().region(region) is None:
        raise _UsageError(f"unknown region {region!r} (give its name in any spelling or its ISO code)")


class _UsageError(KztranslitError, ValueError):
    """A bad option value: exit code 2."""


def _cmd_geocode(ns: argparse.Namespace) -> int:
    from .geocode import geocode

    _check_region(ns.region)
    status = 0
    for query in _queries(ns.query):
        place = geocode(query, region=ns.region)
        if place is None:
            status = 1
            print(f"kztranslit: no place in Kazakhstan matches {query!r}", file=sys.stderr)
            if ns.json:
                print("null")
            else:
                print()
        elif ns.json:
            _print_json(_place_json(place))
        else:
            print("\t".join(_place_cells(place)))
    return status


def _cmd_search(ns: argparse.Namespace) -> int:
    from .geocode import search

    if ns.limit < 1:
        raise _UsageError("--limit must be at least 1")
    _check_region(ns.region)
    for m in search(" ".join(ns.query), limit=ns.limit, region=ns.region):
        if ns.json:
            _print_json({**_place_json(m.place), "score": m.score, "reason": m.reason, "matched": m.matched})
        else:
            print("\t".join([f"{m.score:g}", m.reason, m.matched, *_place_cells(m.place)]))
    return 0


def _cmd_reverse(ns: argparse.Namespace) -> int:
    from .geocode import reverse

    if ns.max_km < 0:
        raise _UsageError("--max-km must not be negative")
    try:
        place = reverse(ns.lat, ns.lon, max_km=ns.max_km)
    except ValueError as e:
        raise _UsageError(str(e)) from None
    if place is None:
        print(f"kztranslit: no place within {ns.max_km:g} km of ({ns.lat}, {ns.lon})", file=sys.stderr)
        if ns.json:
            print("null")
        return 1
    if ns.json:
        _print_json(_place_json(place))
    else:
        print("\t".join(_place_cells(place)))
    return 0


def _cmd_data_path(ns: argparse.Namespace) -> int:
    from .gazetteer import user_data_dir

    print(user_data_dir())
    return 0


def _cmd_data_import(ns: argparse.Namespace) -> int:
    from .importer import import_geonames

    def progress(label: str, lines: int) -> None:
        print(f"\r{label}: {lines:,} lines", end="", file=sys.stderr, flush=True)

    show = sys.stderr.isatty()
    try:
        result = import_geonames(
            ns.geonames,
            alternate_names=ns.alternate_names,
            min_population=ns.min_population,
            out=ns.out,
            classes=ns.classes,
            progress=progress if show else None,
        )
    except (OSError, ValueError) as e:
        if show:
            print(file=sys.stderr)
        print(f"kztranslit: {e}", file=sys.stderr)
        return 2
    if show:
        print(file=sys.stderr)
    print(result)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kztranslit", description="Every spelling of a Kazakh name.")
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("translit", help="transliterate text (arguments, or stdin line by line)")
    t.add_argument("--scheme", "-s", default=None, help="scheme id (default latin2021)")
    t.add_argument("--to-cyrillic", action="store_true", help="Latin → Kazakh Cyrillic")
    t.add_argument("--option", "-o", action="append", help="scheme option NAME=VALUE")
    t.add_argument("text", nargs="*")
    t.set_defaults(func=_cmd_translit)

    s = sub.add_parser("schemes", help="list the schemes with their sources")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=_cmd_schemes)

    g = sub.add_parser("geocode", help="the place each query names (one per argument, or stdin lines)")
    g.add_argument("query", nargs="*", help="place names in any script or scheme; quote names with spaces")
    g.add_argument("--region", "-r", default=None, help="prefer places in this region (name or ISO code)")
    g.add_argument("--json", action="store_true", help="one JSON object per query (null for no match)")
    g.set_defaults(func=_cmd_geocode)

    q = sub.add_parser("search", help="places matching a query, best first, with score and reason")
    q.add_argument("query", nargs="+")
    q.add_argument("--limit", "-n", type=int, default=10, help="at most N results (default 10)")
    q.add_argument("--region", "-r", default=None, help="prefer places in this region (name or ISO code)")
    q.add_argument("--json", action="store_true", help="one JSON object per result")
    q.set_defaults(func=_cmd_search)

    r = sub.add_parser("reverse", help="the nearest place to a point")
    r.add_argument("lat", type=float)
    r.add_argument("lon", type=float)
    r.add_argument("--max-km", type=float, default=50.0, help="search radius (default 50 km)")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=_cmd_reverse)

    d = sub.add_parser("data", help="the extended gazetteer in the user data directory")
    dsub = d.add_subparsers(dest="data_command", required=True)
    dp = dsub.add_parser("path", help="print the user data directory ($KZTRANSLIT_DATA overrides it)")
    dp.set_defaults(func=_cmd_data_path)
    di = dsub.add_parser(
        "import-geonames",
        help="build the extended gazetteer from GeoNames' KZ.zip",
        description="Read GeoNames' dump of Kazakhstan (KZ.zip or KZ.txt from "
        "https://download.geonames.org/export/dump/) and write places.tsv into the user data directory.",
    )
    di.add_argument("geonames", help="KZ.zip or KZ.txt (GeoNames' geoname table)")
    di.add_argument("--alternate-names", default=None, help="alternateNamesV2.zip or alternatenames/KZ.zip")
    di.add_argument("--min-population", type=int, default=0, help="leave out smaller populated places")
    di.add_argument("--classes", default="APHTLVSU", help="GeoNames feature classes (default %(default)s)")
    di.add_argument("--out", default=None, help="directory to write to (default: `kztranslit data path`)")
    di.set_defaults(func=_cmd_data_import)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    ns = build_parser().parse_args(argv)
    try:
        return int(ns.func(ns))
    except (KztranslitError, TypeError) as e:
        print(f"kztranslit: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - `| head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
