"""Pipelines lose nothing: ``kztranslit normalize`` over generated CSV, TSV and JSON lines files with
broken quoting, ragged rows, bad bytes, BOMs, CRLF, blank lines, empty files and header-only files.

For every file: rows in = rows written + rows rejected, where "rows in" is counted from the file's
lines, not from the reader's own tally — the records cover every line after the header exactly
once (a blank JSON line aside); every line written well comes out with its cells unchanged unless
a broken quote before it legally took it into a quoted cell (and then that record is counted as
spanning it); each reject has its line and a reason; the exit status says whether anything was
rejected. The files are built from real place names of the gazetteer and their near misses.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kztranslit._io import REJECT_FIELDS, Reject, open_source
from kztranslit.cli import main
from kztranslit.gazetteer import gazetteer

NAMES = sorted({n for p in gazetteer().places.values() for n in (p.name, p.name_kk, p.name_ru) if n})
CELL_EXTRAS = ["", " ", "a,b", 'say "hi"', "tab\there", "x" * 300, "12345", "line\nbreak", ",lead", 'q"']
EXAMPLES = int(os.environ.get("KZTRANSLIT_PIPELINE_EXAMPLES", "250"))  # more for a long run
SEEN = {"files": 0, "rows": 0, "lines": 0, "written": 0, "rejected": 0, "multiline": 0}


def _near_miss(name: str, i: int) -> str:
    i %= max(1, len(name))
    return name[:i] + name[i + 1 :]


cells = st.one_of(
    st.sampled_from(NAMES),
    st.builds(_near_miss, st.sampled_from(NAMES), st.integers(0, 40)),
    st.sampled_from(CELL_EXTRAS),
    st.text(alphabet="Алматы Almaty,\"'\t-", max_size=12),
)


@dataclass
class Line:
    """One physical line as written, and the row it was meant to be (None if corrupted)."""

    data: bytes
    row: list[str] | dict[str, object] | None = None
    ids: list[str] = field(default_factory=list)  # the ids this line (or lines) carry


@st.composite
def table(draw: st.DrawFn) -> tuple[str, bytes, list[Line]]:
    """``(format, file bytes, data lines)``; the header is the file's first line (CSV and TSV)."""
    fmt = draw(st.sampled_from(["csv", "tsv", "jsonl"]))
    eol = draw(st.sampled_from(["\n", "\r\n"])).encode()
    bom = draw(st.booleans())
    shape = draw(st.sampled_from(["rows", "rows", "rows", "rows", "empty", "header only"]))
    delimiter = "\t" if fmt == "tsv" else ","
    lines: list[Line] = []
    head = b"" if fmt == "jsonl" else _csv_line(["id", "city", "note"], delimiter)
    if shape == "empty":
        return fmt, (b"\xef\xbb\xbf" if bom else b""), []
    n = 0 if shape == "header only" else draw(st.integers(1, 25))
    for i in range(n):
        ident = f"r{i}"
        row = [ident, draw(cells), draw(cells)]
        faults = ["none"] * 6 + ["quote", "ragged+", "ragged-", "bytes", "nul", "blank", "json"]
        fault = draw(st.sampled_from(faults))
        if fmt == "jsonl":
            rec: dict[str, object] = {"id": ident, "city": row[1], "note": row[2]}
            data = json.dumps(rec, ensure_ascii=draw(st.booleans())).encode()
            good: list[str] | dict[str, object] | None = rec
            if fault == "quote":
                data, good = data[: max(1, len(data) // 2)], None  # a truncated object
            elif fault == "json":
                data, good = b'["' + ident.encode() + b'", 1]', None  # JSON, not an object
            elif fault == "bytes":
                data, good = data[:5] + b"\xff\xfe" + data[5:], None
            elif fault == "nul":
                data, good = data.replace(b'"city": "', b'"city": "\x00', 1), None  # a raw control character
            elif fault == "ragged+":
                data, good = b'{"id": "' + ident.encode() + b'", "city": "\\ud800"}', None  # a lone surrogate
            elif fault == "blank":
                data, good = b"   ", None
        else:
            data = _csv_line(row, delimiter)
            good = row
            if fault == "quote":
                data, good = data.replace(delimiter.encode(), delimiter.encode() + b'"', 1), None
            elif fault == "ragged+":
                data, good = data + delimiter.encode() + b"extra", None
            elif fault == "ragged-":
                data, good = _csv_line(row[:2], delimiter), [*row[:2], ""]  # short rows are padded
            elif fault == "bytes":
                data, good = data + b"\xff", None
            elif fault == "nul":  # NUL is a character like another in a CSV cell
                data = data.replace(delimiter.encode(), b"\x00" + delimiter.encode(), 1)
                good = [row[0] + "\x00", *row[1:]]
            elif fault == "blank":
                data, good = b"", ["", "", ""]  # a blank CSV line is a row of empty cells
        lines.append(Line(data, good, [ident]))
    body = eol.join([head, *(ln.data for ln in lines)] if fmt != "jsonl" else [ln.data for ln in lines])
    if lines and draw(st.booleans()):
        body += eol
    return fmt, (b"\xef\xbb\xbf" if bom else b"") + body, lines


def _csv_line(row: list[str], delimiter: str) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="").writerow(row)
    return buf.getvalue().encode()


def _physical_lines(data: bytes) -> int:
    """Lines as the reader sees them (universal newlines: \\n, \\r\\n, lone \\r; a BOM is no text)."""
    text = data.decode("utf-8-sig", "surrogateescape")
    return len(io.StringIO(text, newline="").readlines())


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(table())
def test_rows_in_equal_rows_out_plus_rows_rejected(tmp_path_factory: pytest.TempPathFactory,
                                                   case: tuple[str, bytes, list[Line]]) -> None:  # fmt: skip
    fmt, data, lines = case
    folder = tmp_path_factory.mktemp("pipe")
    src = folder / f"in.{fmt}"
    src.write_bytes(data)
    total = _physical_lines(data)
    first_data_line = 1 if fmt == "jsonl" else 2

    # 1. The reader: its records cover every data line once, in order.
    if fmt != "jsonl" and not data.strip(b"\xef\xbb\xbf"):
        source = open_source(str(src), fmt)  # an empty CSV file: no header, no records
        assert source.columns == [] and list(source.records()) == []
        source.close()
        assert main(["normalize", str(src), "-c", "city", "-q"]) == 2  # no column "city"
        SEEN["files"] += 1
        return
    source = open_source(str(src), fmt)
    records = list(source.records())
    blank = source.blank
    source.close()
    covered = [n for first, last, _ in records for n in range(first, last + 1)]
    blanks = total - (first_data_line - 1) - len(covered)
    assert blanks == blank, (covered, total)
    assert covered == sorted(set(covered)), "a line read twice or out of order"
    assert set(covered) <= set(range(first_data_line, total + 1))
    # 2. A row written well comes out as written (a quoted cell may span lines), unless a broken
    #    quote before it legally took its lines into a quoted cell.
    by_line = {first: (last, row) for first, last, row in records}
    spans = {n for first, last, _ in records if last > first for n in range(first + 1, last + 1)}
    number = first_data_line
    for ln in lines:
        breaks = _physical_lines(ln.data + b"\n") - 1
        if ln.row is not None and number not in spans and number in by_line:
            last, row = by_line[number]
            if last == number + breaks:
                assert row == ln.row, (number, row, ln.row)
        number += breaks + 1
    rejects = [row for _, _, row in records if isinstance(row, Reject)]
    assert all(r.line >= first_data_line and r.reason for r in rejects)

    # 3. The command: rows in = rows written + rows rejected, the rejects with line and reason.
    out, rej = folder / f"out.{fmt}", folder / f"rejects.{fmt}"
    code = main(["normalize", str(src), "-c", "city", "-a", "key,latin2021", "-q", "-o", str(out),
                 "--rejects", str(rej)])  # fmt: skip
    written = _read(out, fmt)
    unreadable = [r for r in _read(rej, fmt) if not str(_get(r, "reject_reason")).startswith("unresolved")]
    rows_in = len(records)
    assert len(written) + len(unreadable) == rows_in
    assert code == (1 if unreadable else 0)
    assert [int(_get(r, "reject_line")) for r in unreadable] == [r.line for r in rejects]
    assert all(_get(r, "reject_reason") for r in unreadable)
    SEEN["files"] += 1
    SEEN["rows"] += rows_in
    SEEN["lines"] += total
    SEEN["written"] += len(written)
    SEEN["rejected"] += len(unreadable)
    SEEN["multiline"] += sum(1 for first, last, _ in records if last > first)


def _read(path: Path, fmt: str) -> list[object]:
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if fmt == "tsv" else ","))


def _get(row: object, key: str) -> object:
    assert isinstance(row, dict)
    return row.get(key)


def test_the_property_checked_many_files() -> None:
    """How much the property above checked (run with -s to see it)."""
    print(f"\npipeline property: {SEEN['files']} files, {SEEN['lines']:,} lines, {SEEN['rows']:,} rows in = "
          f"{SEEN['written']:,} written + {SEEN['rejected']:,} rejected; "
          f"{SEEN['multiline']} rows spanning lines")  # fmt: skip
    if SEEN["files"]:  # the property ran in this session
        assert SEEN["files"] >= min(100, EXAMPLES) and SEEN["rows"] == SEEN["written"] + SEEN["rejected"]
        assert REJECT_FIELDS == ("reject_line", "reject_reason", "reject_text")
