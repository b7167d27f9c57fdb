"""Turn the mark-up of ``text_corpus_regional.txt`` into rows of ``text_corpus.jsonl``.

Offsets are computed here, never by hand. Rows whose id is in the mark-up are replaced, new
ones appended; the other rows of the corpus are left as they are. Run from the project root::

    python tests/data/text_corpus_build.py            # rewrite text_corpus.jsonl
    python tests/data/text_corpus_build.py --check    # exit 1 if it is not up to date

Every KATO code is checked against the classifier (``../shared/data/kato/``, or the file
named by ``$KATO_CSV``; a worktree looks one and two levels further up) when it is there:
the code exists, and its level fits the kind (a district ends in ``00000``, a rural okrug
in ``000``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "text_corpus_regional.txt"
CORPUS = HERE / "text_corpus.jsonl"
_KATO_NAME = Path("shared", "data", "kato", "kato-2022-10-17-ru.csv")
KATO = (
    Path(os.environ["KATO_CSV"])
    if os.environ.get("KATO_CSV")
    else next(
        (p / _KATO_NAME for p in HERE.parents[1:4] if (p / _KATO_NAME).is_file()),
        HERE.parents[1] / _KATO_NAME,
    )
)
KINDS = {"r": "region", "c": "city", "d": "district", "o": "rural_district", "v": "village"}
_MARK = re.compile(r"\[\[([^|\]]+)\|([rcdov])\|([^\]]+)\]\]|\{\{([^}]+)\}\}")


def _kato_codes() -> dict[str, str] | None:
    if not KATO.is_file():
        return None
    with KATO.open(encoding="utf-8") as f:
        return {r["code"]: r["name"] for r in csv.DictReader(f, delimiter=";")}


def parse_line(line: str, kato: dict[str, str] | None) -> dict[str, Any]:
    """One mark-up line → one corpus row."""
    row_id, lang, marked, note = (part.strip() for part in line.split(" | "))
    text: list[str] = []
    places: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(marked):
        plain = marked[pos : m.start()]
        text.append(plain)
        length += len(plain)
        surface = m.group(1) or m.group(4)
        start, end = length, length + len(surface)
        text.append(surface)
        length = end
        pos = m.end()
        if m.group(4):
            people.append({"surface": surface, "start": start, "end": end})
            continue
        kind = KINDS[m.group(2)]
        place: dict[str, Any] = {"surface": surface, "start": start, "end": end, "kind": kind}
        for ident in m.group(3).split(","):
            if ident.startswith("KZ-"):
                place["region"] = ident
            elif ident.startswith("g"):
                place["geonames_id"] = int(ident[1:])
            elif ident.startswith("k") and re.fullmatch(r"\d{9}", ident[1:]):
                place["kato"] = ident[1:]
                _check_kato(row_id, kind, ident[1:], kato)
            else:
                raise SystemExit(f"{row_id}: bad id {ident!r}")
        if kind == "region" and "region" not in place:
            raise SystemExit(f"{row_id}: region {surface!r} without an ISO code")
        if kind in ("district", "rural_district", "village") and "kato" not in place:
            raise SystemExit(f"{row_id}: {kind} {surface!r} without a KATO code")
        places.append(place)
    text.append(marked[pos:])
    out = {
        "id": row_id,
        "lang": lang,
        "text": "".join(text),
        "places": places,
        "people": people,
        "note": note,
    }
    for a in places + people:
        assert out["text"][a["start"] : a["end"]] == a["surface"], (row_id, a)
    return out


def _check_kato(row_id: str, kind: str, code: str, kato: dict[str, str] | None) -> None:
    if kato is None:
        return
    if code not in kato:
        raise SystemExit(f"{row_id}: KATO code {code} does not exist")
    level_ok = {
        "district": code[4:] == "00000",
        "rural_district": code[6:] == "000" and code[4:] != "00000",
        "village": code[6:] != "000",
        "city": code[4:] != "00000",
    }[kind]
    if not level_ok:
        raise SystemExit(f"{row_id}: KATO code {code} ({kato[code]}) is not a {kind}")


def build() -> str:
    kato = _kato_codes()
    new = [
        parse_line(line, kato)
        for line in SOURCE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    ids = {r["id"] for r in new}
    if len(ids) != len(new):
        raise SystemExit("duplicate ids in the mark-up")
    old = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in old if r["id"] not in ids] + new
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    content = build()
    if args.check:
        return 0 if CORPUS.read_text(encoding="utf-8") == content else 1
    CORPUS.write_text(content, encoding="utf-8")
    print(f"wrote {CORPUS.relative_to(HERE.parents[1])}: {content.count(chr(10))} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
