"""The ``kztranslit`` command: a thin layer over the library.

Results go to stdout, errors to stderr with a non-zero exit. Text comes from the
arguments, or from stdin line by line when none is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .errors import KztranslitError, quote

if TYPE_CHECKING:
    from .gazetteer import Place
    from .maps import Tally

__all__ = ["main"]


def _plural(n: int, word: str) -> str:
    """``1 row``, ``2 rows``, ``1,000 rows``."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def _bad_input(where: str, why: str) -> None:
    print(f"kztranslit: {where}: {why}", file=sys.stderr)


def _translit_outputs(values: list[str]) -> tuple[str | None, list[str]]:
    """``-o``/``--output`` values: the output file, and scheme options given the old way.

    ``-o NAME=VALUE`` was ``--option`` in ``translit`` once; a value whose NAME is an
    option of some scheme still means that (with a note), so old command lines keep working.
    """
    from .schemes import schemes

    names = {name for meta in schemes().values() for name in meta["options"]}
    output: str | None = None
    options: list[str] = []
    for value in values:
        name, eq, _ = value.partition("=")
        if eq and name in names:
            print(f"kztranslit: -o {value} reads as --option {value}: -o is --output in every command",
                  file=sys.stderr)  # fmt: skip
            options.append(value)
        elif output is not None:
            raise _UsageError(f"--output given twice ({quote(output)}, {quote(value)})")
        else:
            output = value
    return output, options


def _cmd_translit(ns: argparse.Namespace) -> int:
    from ._io import input_lines
    from .restore import to_cyrillic
    from .translit import scheme_id, transliterate

    output, old_options = _translit_outputs(ns.output or [])
    options: dict[str, bool | str] = {}
    for opt in (ns.option or []) + old_options:
        name, _, value = opt.partition("=")
        options[name] = {"true": True, "false": False}.get(value.lower(), value) if value else True
    if ns.to_cyrillic:
        scheme = None if ns.scheme is None else scheme_id(ns.scheme, "to_cyrillic")  # a clear error now
    else:
        scheme = scheme_id(ns.scheme or "latin2021")
        transliterate("а", scheme, **options)  # an unknown option fails before any line is read
    try:
        out = sys.stdout if output is None else open(output, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as e:
        raise _UsageError(f"cannot write {output}: {e.strerror}") from None
    status = 0
    try:
        for text, why in input_lines(ns.text, joined=True):
            if why is not None:
                _bad_input(text, why)
                print(file=out)  # one line out for each line in
                status = 1
            elif ns.to_cyrillic:
                print(to_cyrillic(text, scheme), file=out)
            else:
                assert scheme is not None
                print(transliterate(text, scheme, **options), file=out)
    finally:
        if out is not sys.stdout:
            out.close()
    return status


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


def _check_region(region: str | None) -> None:
    from .gazetteer import gazetteer

    if region is not None and gazetteer().region(region) is None:
        raise _UsageError(f"unknown region {quote(region)} (give its name in any spelling or its ISO code)")


class _UsageError(KztranslitError, ValueError):
    """A bad option value: exit code 2."""


def _no_place(query: str) -> None:
    print(f"kztranslit: no place in Kazakhstan matches {quote(query)}", file=sys.stderr)


def _cmd_geocode(ns: argparse.Namespace) -> int:
    from ._io import input_lines
    from .geocode import geocode

    _check_region(ns.region)
    status = 0
    for query, why in input_lines(ns.query):
        place = None
        if why is not None:
            _bad_input(query, why)
        else:
            try:
                place = geocode(query, region=ns.region)
            except Exception as e:  # a bug on one query costs that query, not the others
                _bad_input(quote(query), f"failed: {type(e).__name__}: {e} (a bug: please report it)")
            else:
                if place is None:
                    _no_place(query)
        if place is None:
            status = 1
            print("null" if ns.json else "")
        elif ns.json:
            _print_json(_place_json(place))
        else:
            print("\t".join(_place_cells(place)))
    return status


def _cmd_search(ns: argparse.Namespace) -> int:
    from ._io import input_lines
    from .geocode import search

    if ns.limit < 1:
        raise _UsageError("--limit must be at least 1")
    _check_region(ns.region)
    ((query, why),) = input_lines(ns.query, joined=True)
    if why is not None:
        _bad_input(query, why)
        return 1
    if not query.strip():  # the rule of geocode: an empty query has no answer, and says so
        _no_place(query)
        return 1
    found = search(query, limit=ns.limit, region=ns.region)  # nothing found: an empty list, exit 0
    for m in found:
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


# ---------------------------------------------------------------------------
# normalize: add keys, transliterations and places to a CSV, TSV or JSON lines file


def _normalize_verbs(ns: argparse.Namespace) -> list[str]:
    from .schemes import schemes
    from .translit import scheme_id

    valid = schemes()
    scheme = None if ns.scheme is None else scheme_id(ns.scheme)
    verbs: list[str] = []
    for item in ",".join(ns.add or ["key,geocode"]).split(","):
        verb = item.strip()
        if verb == "translit":
            verb = scheme or "latin2021"
        elif verb.lower() in ("key", "geocode"):
            verb = verb.lower()
        elif verb:
            try:
                verb = scheme_id(verb)
            except LookupError:
                raise _UsageError(
                    f"--add: unknown {quote(verb)}; give key, geocode, translit (with --scheme) or a scheme "
                    "id: " + ", ".join(sorted(valid))
                ) from None
        if verb and verb not in verbs:
            verbs.append(verb)
    if not verbs:
        raise _UsageError("--add: nothing to add")
    return verbs


def _cmd_normalize(ns: argparse.Namespace) -> int:
    import os

    from ._io import Reject, detect_format, normalize_rows, open_sink, open_source, terminal_progress

    verbs = _normalize_verbs(ns)
    tally = _map_tally(ns, verbs)  # --map: see its block below
    columns = list(dict.fromkeys(ns.column))
    _check_region(ns.region)
    fmt_in = ns.format or detect_format(ns.file) or ("csv" if ns.file == "-" else None)
    if fmt_in is None:
        raise _UsageError(f"cannot tell the format of {quote(ns.file)} from its name: give --format")
    out = ns.output or "-"
    fmt_out = ns.output_format or detect_format(out) or fmt_in
    rejects_path = ns.rejects
    input_path = os.path.realpath(ns.file)
    for other in (out, rejects_path):
        if other is not None and "-" not in (other, ns.file) and os.path.realpath(other) == input_path:
            raise _UsageError(f"{other}: would overwrite the input file")
    name = "stdin" if ns.file == "-" else ns.file
    try:
        source = open_source(ns.file, fmt_in, encoding=ns.encoding, strict=ns.strict)
    except OSError as e:
        raise _UsageError(f"cannot read {ns.file}: {e.strerror}") from None
    except LookupError as e:  # an unknown --encoding
        raise _UsageError(f"cannot read {ns.file}: {e}") from None
    except ValueError as e:  # a header that cannot be read
        raise _UsageError(str(e)) from None
    missing = [c for c in columns if c not in source.columns]
    if missing and (source.columns or fmt_in != "jsonl"):
        source.close()
        where = "first record" if fmt_in == "jsonl" else "header"
        has = f"the {where} has: {', '.join(source.columns)}" if source.columns else "the file is empty"
        raise _UsageError(f"unknown column {quote(missing[0])}; {has}")
    sinks = []
    try:
        sink = open_sink(out, fmt_out)
        sinks.append(sink)
        rejects = None
        if rejects_path is not None:
            rejects = open_sink(rejects_path, detect_format(rejects_path) or fmt_out)
            sinks.append(rejects)
    except OSError as e:
        for s in sinks:
            s.close(ok=False)
        source.close()
        raise _UsageError(f"cannot write {e.filename}: {e.strerror}") from None
    progress, end_progress = (None, lambda: None) if ns.quiet else terminal_progress(source)
    told = 0

    def on_reject(rej: Reject) -> None:  # every problem, with its line, as it is met
        nonlocal told
        told += 1
        if told <= _MAX_TOLD:
            print(f"kztranslit normalize: {name}: {rej.where()}: {rej.reason}", file=sys.stderr)
        elif told == _MAX_TOLD + 1:
            print(f"kztranslit normalize: {name}: more unreadable lines; the summary counts them",
                  file=sys.stderr)  # fmt: skip

    ok = False
    try:
        stats = normalize_rows(
            source, sink, columns=columns, verbs=verbs, region=ns.region, rejects=rejects,
            on_reject=on_reject, progress=progress, tally=None if tally is None else tally.add_id,
        )  # fmt: skip
        ok = True
    except ValueError as e:  # --strict: the first unreadable line
        raise _UsageError(str(e)) from None
    except BrokenPipeError:
        raise
    except OSError as e:  # a full disk, a vanished directory
        raise _UsageError(f"{e.filename or 'output'}: {e.strerror}") from None
    except KeyboardInterrupt:
        left = "" if out == "-" else f"; {out} not written"
        print(f"kztranslit normalize: interrupted{left}", file=sys.stderr)
        return 130
    finally:
        end_progress()
        source.close()
        for s in sinks:
            s.close(ok=ok)
    if not ns.quiet:
        line = f"kztranslit normalize: {_plural(stats.rows_in, 'row')} in"
        if stats.unreadable:
            kept = f"in {rejects_path}" if rejects_path is not None else "give --rejects FILE to keep them"
            line += f": {stats.rows:,} written, {stats.unreadable:,} unreadable (not written; {kept})"
        print(line, file=sys.stderr)
        for column, counts in stats.statuses.items():
            summary = ", ".join(f"{n:,} {status}" for status, n in counts.items())
            print(f"  {column}: {summary}", file=sys.stderr)
        if rejects_path is not None:
            print(f"  rows with an unresolved name: {stats.rejected:,}, in {rejects_path}", file=sys.stderr)
        if stats.multiline:
            print(f"  {_plural(stats.multiline, 'row')} with a line break inside a quoted cell "
                  f"(the first at line {stats.first_multiline})", file=sys.stderr)  # fmt: skip
    if tally is not None:
        _write_normalize_map(ns, columns[0], tally)
    return 1 if stats.unreadable else 0


_MAX_TOLD = 20
"""Unreadable lines ``normalize`` names one by one on stderr before it only counts them."""


def _add_normalize_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    n = sub.add_parser(
        "normalize",
        help="add keys, transliterations and places to a CSV, TSV or JSON lines file",
        description="Read a table row by row and add, for each --column, the columns of each --add: "
        "COL_key; COL_<scheme> (e.g. COL_latin2021); and for geocode COL_geocode_id, COL_geocode_name, "
        "COL_geocode_kind, COL_admin1, COL_lat, COL_lon, COL_geocode_status (resolved, ambiguous, "
        "unresolved, invalid) and COL_geocode_score. Memory stays constant; a summary goes to stderr.",
    )
    n.add_argument("file", help="CSV, TSV or JSON lines file (.gz too), or - for stdin")
    n.add_argument("--column", "-c", action="append", required=True, help="a column of names (repeatable)")
    n.add_argument("--add", "-a", action="append", default=None,
                   help="what to add, comma-separated: key, geocode, translit, or scheme ids "
                   "(default key,geocode)")  # fmt: skip
    n.add_argument("--output", "-o", default=None, help="output file (default: stdout)")
    n.add_argument("--format", "-f", choices=["csv", "tsv", "jsonl"], default=None,
                   help="input format (default: from the file name; csv for stdin)")  # fmt: skip
    n.add_argument("--output-format", choices=["csv", "tsv", "jsonl"], default=None,
                   help="output format (default: from the output name, else the input's)")  # fmt: skip
    n.add_argument("--scheme", "-s", default=None, help="scheme of `translit` in --add (default latin2021)")
    n.add_argument("--region", "-r", default=None, help="prefer places in this region (name or ISO code)")
    n.add_argument("--rejects", default=None,
                   help="also write here the rows with an unresolved name, and every unreadable line "
                   "(with reject_line, reject_reason, reject_text)")  # fmt: skip
    n.add_argument("--strict", action="store_true",
                   help="stop at the first unreadable line (exit 2, no output), not reject it")  # fmt: skip
    n.add_argument("--encoding", default="utf-8-sig", help="input encoding (default UTF-8, BOM or not)")
    n.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no summary")
    n.add_argument(
        "--map",
        default=None,
        metavar="SVG",
        help="also draw the geocoded rows of the first --column on a map (an SVG file)",
    )
    n.add_argument("--map-style", choices=["districts", "points"], default="districts",
                   help="--map: rows counted per district (default) or circles per place")  # fmt: skip
    n.set_defaults(func=_cmd_normalize)


# ---------------------------------------------------------------------------
# normalize --map: the geocoded rows of a file on a map (see kztranslit.maps)


def _map_tally(ns: argparse.Namespace, verbs: list[str]) -> Tally | None:
    """A tally for --map (checked before any row is read), or None without --map."""
    if ns.map is None:
        return None
    import os

    if "geocode" not in verbs:
        raise _UsageError("--map draws geocoded rows: add geocode to --add")
    where = os.path.dirname(ns.map) or "."
    if not os.path.isdir(where) or not os.access(where, os.W_OK):
        raise _UsageError(f"cannot write {ns.map}: no writable directory {where}")
    from .maps import Tally

    return Tally()


def _write_normalize_map(ns: argparse.Namespace, column: str, tally: Tally) -> None:
    import os

    from .maps import write_map

    name = "stdin" if ns.file == "-" else os.path.basename(ns.file)
    try:
        size = write_map(ns.map, tally, style=ns.map_style, title=f"{name}: {column}")
    except OSError as e:
        raise _UsageError(f"cannot write {ns.map}: {e.strerror}") from None
    if not ns.quiet:
        print(f"  map of {column}: {ns.map} ({size:,} bytes)", file=sys.stderr)


# ---------------------------------------------------------------------------
# Text commands: places, people, rewrite (names in free text; see kztranslit.text)


def _read_text(path: str) -> str:
    """The whole text of a file or of stdin (``-``), by the one rule of :func:`kztranslit._io.read_text`."""
    from ._io import read_text

    return read_text(path)


def _cmd_places(ns: argparse.Namespace) -> int:
    from .text import find_places

    for m in find_places(_read_text(ns.file), score_cutoff=ns.min_score, countries=not ns.no_countries):
        _print_json({
            "start": m.start, "end": m.end, "surface": m.surface, "kind": m.kind, "score": m.score,
            "reason": m.reason, "matched": m.matched,
            "place": None if m.place is None else _place_json(m.place),
        })  # fmt: skip
    return 0


def _cmd_people(ns: argparse.Namespace) -> int:
    from .text import find_people

    for p in find_people(_read_text(ns.file)):
        _print_json({
            "start": p.start, "end": p.end, "surface": p.surface, "given": list(p.person.given),
            "patronymic": p.person.patronymic, "surname": p.person.surname, "gender": p.person.gender,
            "key": p.key, "linked": p.linked,
        })  # fmt: skip
    return 0


def _cmd_rewrite(ns: argparse.Namespace) -> int:
    from .text import normalize_text_with_replacements
    from .translit import scheme_id

    new, changes = normalize_text_with_replacements(
        _read_text(ns.file), scheme=scheme_id(ns.scheme), current_names=ns.current_names
    )
    if ns.changes:
        for r in changes:
            _print_json({"start": r.start, "end": r.end, "old": r.old, "new": r.new, "kind": r.kind})
    else:
        sys.stdout.write(new)
    return 0


def _add_text_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pl = sub.add_parser(
        "places",
        help="places of Kazakhstan named in a text (JSON lines)",
        description="Find the places a text names and resolve each to the gazetteer: one JSON object per "
        "mention with its character offsets, surface, kind (settlement, region, country), score, reason "
        "and the place's fields.",
    )
    pl.add_argument("file", help="a UTF-8 text file, or - for stdin")
    pl.add_argument("--min-score", type=float, default=50.0, help="least score, 0-100 (default 50)")
    pl.add_argument("--no-countries", action="store_true", help="leave out mentions of the country")
    pl.set_defaults(func=_cmd_places)
    pe = sub.add_parser(
        "people",
        help="person names in a text (JSON lines)",
        description="Find person names: one JSON object per mention with offsets, parts and a key that "
        "is the same for every mention and spelling of the same person.",
    )
    pe.add_argument("file", help="a UTF-8 text file, or - for stdin")
    pe.set_defaults(func=_cmd_people)
    rw = sub.add_parser(
        "rewrite",
        help="rewrite every Kazakh place and person name of a text in one scheme",
        description="Write the text with every place and person name in one style; everything else is "
        "left as it was. --scheme conventional gives the conventional English place names.",
    )
    rw.add_argument("file", help="a UTF-8 text file, or - for stdin")
    rw.add_argument("--scheme", "-s", default="conventional",
                    help="conventional (default) or a scheme id (see `kztranslit schemes`)")  # fmt: skip
    rw.add_argument("--current-names", action="store_true", help="replace former names by current ones")
    rw.add_argument("--changes", action="store_true", help="print the changes as JSON lines, not the text")
    rw.set_defaults(func=_cmd_rewrite)


# ---------------------------------------------------------------------------
# Name commands: key, same


def _cmd_key(ns: argparse.Namespace) -> int:
    from ._io import input_lines
    from .keys import name_key

    status = 0
    for text, why in input_lines(ns.text):
        if why is not None:
            _bad_input(text, why)
            print("null" if ns.json else "")
            status = 1
        elif ns.json:
            _print_json({"text": text, "key": name_key(text)})
        else:
            print(f"{name_key(text)}\t{text}")
    return status


def _cmd_same(ns: argparse.Namespace) -> int:
    from ._io import input_lines
    from .match import same_name, similarity

    for where, why in input_lines([ns.a, ns.b]):
        if why is not None:
            raise _UsageError(f"{where}: {why}")
    same = same_name(ns.a, ns.b)
    score = similarity(ns.a, ns.b)
    if ns.json:
        _print_json({"a": ns.a, "b": ns.b, "same": same, "score": score})
    else:
        print(f"{'same' if same else 'different'}\t{score:.1f}")
    return 0 if same else 1


def _add_name_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    k = sub.add_parser("key", help="the matching key of each name (arguments, or stdin lines)")
    k.add_argument("text", nargs="*")
    k.add_argument("--json", action="store_true")
    k.set_defaults(func=_cmd_key)
    sm = sub.add_parser("same", help="whether two names are the same name (exit 0) or not (exit 1)")
    sm.add_argument("a")
    sm.add_argument("b")
    sm.add_argument("--json", action="store_true")
    sm.set_defaults(func=_cmd_same)


# ---------------------------------------------------------------------------
# demo: the main job on the embedded data


def _cmd_demo(ns: argparse.Namespace) -> int:
    from pathlib import Path

    from .restore import to_cyrillic
    from .text import find_people, find_places
    from .translit import transliterate

    files: list[Path] = []
    for arg in ns.paths:
        path = Path(arg)
        files += sorted(path.glob("*.txt")) if path.is_dir() else [path]
    if not files:
        raise _UsageError("no text files given (a file, or a folder of .txt files)")
    schemes = ("latin2021", "bgn_pcgn", "rferl", "conventional")
    for path in files:
        text = _read_text(str(path))  # a clear error for an unreadable or non-UTF-8 file
        print(f"== {path}")
        print("\nPlaces (in the text -> place (kind, region, lat, lon) how it matched):")
        seen = {}
        for m in find_places(text):
            if m.place is None:
                print(f"  {m.surface!r:24} -> (country)")
                continue
            p = m.place
            where = f"{p.kind}, {p.admin1}, {p.lat:.3f}, {p.lon:.3f}"
            print(f"  {m.surface!r:24} -> {p.name} ({where}) {m.reason}")
            seen[p.id] = p
        print("\nEach place in every style:")
        rows = [["Kazakh", *schemes, "Russian"]]
        for p in seen.values():
            rows.append([p.name_kk or p.name, *(p.name_in(s) for s in schemes), p.name_ru or "-"])
        _print_table(rows)
        print("\nPeople (in the text -> Kazakh Cyrillic | conventional):")
        for pm in find_people(text):
            kk = to_cyrillic(pm.surface)
            print(f"  {pm.surface!r:28} -> {kk} | {transliterate(kk, 'conventional')}")
        print()
    return 0


def _print_table(rows: list[list[str]]) -> None:
    """Rows under their heading (the first row), in columns two spaces apart; nothing but the heading
    gives a line that says so."""
    if len(rows) == 1:
        print("  (none)")
        return
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for k, row in enumerate(rows):
        print("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if k == 0:
            print("  " + "  ".join("-" * w for w in widths))


def _add_demo_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dm = sub.add_parser("demo", help="find, resolve and show every Kazakh name in text files (e.g. seeds/)")
    dm.add_argument("paths", nargs="+", help="text files, or folders of .txt files")
    dm.set_defaults(func=_cmd_demo)


# ---------------------------------------------------------------------------
# data export: the gazetteer as GeoJSON, CSV or Parquet (see kztranslit.export)


def _cmd_data_export(ns: argparse.Namespace) -> int:
    from .export import export

    kinds = None if ns.kind is None else [k.strip() for k in ",".join(ns.kind).split(",") if k.strip()]
    try:
        result = export(ns.out, layer=ns.layer, format=ns.format, kinds=kinds, region=ns.region)
    except ValueError as e:
        raise _UsageError(str(e)) from None
    except OSError as e:
        raise _UsageError(f"cannot write {ns.out}: {e.strerror}") from None
    where = "stdout" if result.path == "-" else f"{result.path} ({result.bytes:,} bytes)"
    print(f"kztranslit data export: {result.features:,} {result.layer} as {result.format} to {where}",
          file=sys.stderr)  # fmt: skip
    return 0


def _add_export_parser(dsub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    de = dsub.add_parser(
        "export",
        help="write the gazetteer's places, districts or regions as GeoJSON, CSV or Parquet",
        description="Write one layer of the gazetteer: places (every settlement and unit as a point), "
        "districts or regions (polygons). GeoJSON (RFC 7946), CSV (lat/lon columns; WKT for polygons) "
        "or GeoParquet (needs kztranslit[parquet]); the format comes from the file name.",
    )
    de.add_argument("out", help="output file (.geojson, .csv, .parquet), or - for stdout")
    de.add_argument("--layer", "-l", choices=["places", "districts", "regions"], default="places",
                    help="what to write (default places)")  # fmt: skip
    de.add_argument("--format", "-f", choices=["geojson", "csv", "parquet"], default=None,
                    help="output format (default: from the file name)")  # fmt: skip
    de.add_argument("--kind", "-k", action="append", default=None,
                    help="only places of these kinds, comma-separated: city, town, village, locality, "
                    "rural_district, district, region (places layer)")  # fmt: skip
    de.add_argument("--region", "-r", default=None, help="only what lies in this region (name or ISO code)")
    de.set_defaults(func=_cmd_data_export)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kztranslit", description="Every spelling of a Kazakh name.")
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("translit", help="transliterate text (arguments, or stdin line by line)")
    t.add_argument("--scheme", "-s", default=None, help="scheme id (default latin2021)")
    t.add_argument("--to-cyrillic", action="store_true", help="Latin → Kazakh Cyrillic")
    t.add_argument("--option", action="append", metavar="NAME=VALUE", help="a scheme option (repeatable)")
    t.add_argument("--output", "-o", action="append", metavar="FILE", help="write here (default: stdout)")
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
    _add_export_parser(dsub)  # data export: see its block below
    _add_normalize_parser(sub)  # normalize: see its block above
    _add_text_parsers(sub)  # places, people, rewrite: see their block above
    _add_name_parsers(sub)  # key, same
    _add_demo_parser(sub)  # demo
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
