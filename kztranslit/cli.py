"""The ``kztranslit`` command: a thin layer over the library.

Results go to stdout, errors to stderr with a non-zero exit. Text comes from the
arguments, or from stdin line by line when none is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence

from .errors import KztranslitError

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
