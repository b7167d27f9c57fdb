"""Reading and writing tables row by row for ``kztranslit normalize``: CSV, TSV, JSON lines.

Everything streams: one row in memory at a time. ``-`` is stdin or stdout; a name
ending in ``.gz`` is read or written through gzip. The reader counts the bytes it
has taken from the file (compressed bytes for ``.gz``) so that a progress bar can
show how far it has got.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO, cast

if TYPE_CHECKING:
    from .batch import GeocodeResult

__all__ = [
    "FORMATS", "Sink", "Source", "Stats", "added_columns", "detect_format", "normalize_rows", "open_sink",
    "open_source", "terminal_progress",
]  # fmt: skip

FORMATS = ("csv", "tsv", "jsonl")
_SUFFIXES = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
}  # fmt: skip

# A CSV cell may be as long as a line: the csv module's default limit (128 KiB) would make a
# long cell fail the whole file instead of becoming one "invalid" row.
csv.field_size_limit(2**31 - 1)


def detect_format(path: str) -> str | None:
    """The format a file name implies (``cities.tsv.gz`` → ``tsv``), or ``None``."""
    if path == "-":
        return None
    p = Path(path)
    suffixes = [s.lower() for s in p.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return _SUFFIXES.get(suffixes[-1]) if suffixes else None


class _Counting(io.RawIOBase):
    """A raw reader that counts the bytes taken from the file beneath it."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n

    def close(self) -> None:
        if self.raw is not sys.stdin.buffer:
            self.raw.close()
        super().close()


class Source:
    """Rows of a table: ``columns`` (the header, or the first JSON record's keys) and ``rows``.

    CSV and TSV rows are lists of strings aligned to ``columns`` (short rows padded with
    ``""``, a row longer than the header is an error); JSON lines rows are dicts.
    ``bytes_read`` and ``size`` (``None`` for stdin) measure progress. Errors in the file
    raise ``ValueError`` naming the line.
    """

    def __init__(self, path: str, fmt: str, encoding: str = "utf-8-sig") -> None:
        self.path = path
        self.format = fmt
        raw: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
        self.size = None if path == "-" else os.fstat(raw.fileno()).st_size
        self._counter = _Counting(raw)
        binary: IO[bytes] = io.BufferedReader(self._counter, 1 << 16)
        self._closers: list[IO[bytes]] = [binary]
        if path.lower().endswith(".gz"):
            binary = cast("IO[bytes]", gzip.GzipFile(fileobj=binary, mode="rb"))
        self._text = io.TextIOWrapper(binary, encoding=encoding, newline="")
        self.line = 0
        self.columns: list[str] = []
        self._first: dict[str, object] | None = None
        if fmt == "jsonl":
            self._lines = self._json_lines()
            self._first = next(self._lines, None)
            if self._first is not None:
                self.columns = list(self._first)
        else:
            self._reader = csv.reader(self._text, delimiter="\t" if fmt == "tsv" else ",")
            header = self._next_csv()
            self.columns = header if header is not None else []

    @property
    def bytes_read(self) -> int:
        return self._counter.count

    def _next_csv(self) -> list[str] | None:
        try:
            row = next(self._reader, None)
        except csv.Error as e:
            raise ValueError(f"{self._where()}line {self._reader.line_num}: {e}") from None
        except UnicodeDecodeError as e:
            raise self._decode_error(e) from None
        return row

    def _decode_error(self, e: UnicodeDecodeError) -> ValueError:
        # Text is decoded a block ahead of the rows: the line is not known, the byte nearly is.
        enc = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8"}.get(self._text.encoding.lower(), self._text.encoding)
        near = max(0, self.bytes_read - (1 << 16))
        return ValueError(f"{self._where()}not {enc} text after byte {near:,} ({e.reason}); give --encoding")

    def _where(self) -> str:
        return "" if self.path == "-" else f"{self.path}: "

    def _json_lines(self) -> Iterator[dict[str, object]]:
        n = 0
        try:
            for line in self._text:
                n += 1
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError as e:
                    raise ValueError(f"{self._where()}line {n}: not a JSON object ({e})") from None
                if not isinstance(rec, dict):
                    raise ValueError(f"{self._where()}line {n}: not a JSON object")
                self.line = n
                yield rec
        except UnicodeDecodeError as e:
            raise self._decode_error(e) from None

    def csv_rows(self) -> Iterator[list[str]]:
        width = len(self.columns)
        while True:
            row = self._next_csv()
            if row is None:
                return
            self.line = self._reader.line_num
            if len(row) != width:
                if len(row) > width:
                    where = f"{self._where()}line {self.line}"
                    raise ValueError(f"{where}: {len(row)} fields, the header has {width}")
                row += [""] * (width - len(row))  # a short row: the missing cells are empty
            yield row

    def json_rows(self) -> Iterator[dict[str, object]]:
        if self._first is not None:
            first, self._first = self._first, None
            yield first
        yield from self._lines

    def close(self) -> None:
        self._text.close()
        for f in self._closers:
            f.close()


def open_source(path: str, fmt: str, encoding: str = "utf-8-sig") -> Source:
    """Open a table for reading (``OSError`` if it cannot be read, ``ValueError`` if malformed)."""
    return Source(path, fmt, encoding)


@dataclass
class Sink:
    """Where rows go: CSV/TSV rows as lists under a header, JSON lines as dicts."""

    stream: IO[str]
    format: str
    path: str
    tmp: str | None = None
    closers: tuple[IO[bytes], ...] = ()

    def __post_init__(self) -> None:
        if self.format != "jsonl":
            delimiter = "\t" if self.format == "tsv" else ","
            self._writer = csv.writer(self.stream, delimiter=delimiter, lineterminator="\n")

    def header(self, columns: list[str]) -> None:
        if self.format != "jsonl":
            self._writer.writerow(columns)

    def row(self, cells: list[object]) -> None:
        self._writer.writerow(cells)

    def record(self, rec: dict[str, object]) -> None:
        self.stream.write(json.dumps(rec, ensure_ascii=False))
        self.stream.write("\n")

    def close(self, *, ok: bool) -> None:
        """Flush and close; a file is moved into place only when ``ok`` (else removed)."""
        if self.path == "-":
            self.stream.flush()
            if isinstance(self.stream, io.TextIOWrapper) and self.stream is not sys.stdout:
                self.stream.detach()  # leave sys.stdout open
            return
        try:
            self.stream.close()
            for f in self.closers:
                f.close()
        finally:
            if self.tmp is not None:
                if ok:
                    os.replace(self.tmp, self.path)
                else:
                    os.unlink(self.tmp)


def open_sink(path: str, fmt: str) -> Sink:
    """Open an output table; a file is written beside its name and renamed into place at the end."""
    if path == "-":
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a replaced sys.stdout without bytes underneath
            return Sink(sys.stdout, fmt, path)
        return Sink(io.TextIOWrapper(buffer, encoding="utf-8", newline=""), fmt, path)
    target = Path(path)
    tmp = str(target.with_name(f".{target.name}.partial"))
    raw: IO[bytes] = open(tmp, "wb")  # noqa: SIM115
    binary: IO[bytes] = raw
    closers: tuple[IO[bytes], ...] = (raw,)
    if path.lower().endswith(".gz"):
        binary = cast("IO[bytes]", gzip.GzipFile(filename=target.name[:-3], fileobj=raw, mode="wb"))
        closers = (binary, raw)
    return Sink(io.TextIOWrapper(binary, encoding="utf-8", newline=""), fmt, path, tmp, closers)


def terminal_progress(source: Source) -> tuple[Callable[[int], None] | None, Callable[[], None]]:
    """A progress callback for a terminal (tqdm if installed, to stderr), and how to end it."""
    if not sys.stderr.isatty():
        return None, lambda: None
    try:
        from tqdm import tqdm
    except ImportError:

        def plain(n: int) -> None:
            print(f"\r{n:,} rows", end="", file=sys.stderr, flush=True)

        return plain, lambda: print(file=sys.stderr)
    if source.size:
        bar = tqdm(total=source.size, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                   desc="normalize", dynamic_ncols=True)  # fmt: skip

        def by_bytes(n: int) -> None:
            bar.set_postfix_str(f"{n:,} rows", refresh=False)
            bar.update(source.bytes_read - bar.n)

        def done() -> None:
            bar.update(source.bytes_read - bar.n)
            bar.close()

        return by_bytes, done
    rows = tqdm(unit=" rows", unit_scale=True, file=sys.stderr, desc="normalize", dynamic_ncols=True)

    def by_rows(n: int) -> None:
        rows.update(n - rows.n)

    return by_rows, rows.close


# ---------------------------------------------------------------------------
# The row loop of ``kztranslit normalize``

GEOCODE_FIELDS = ("geocode_id", "geocode_name", "geocode_kind", "admin1", "lat", "lon", "geocode_status",
                  "geocode_score")  # fmt: skip
STATUSES = ("resolved", "ambiguous", "unresolved", "invalid")


def added_columns(column: str, verb: str) -> list[str]:
    """The names of the columns one verb adds for one input column.

    >>> added_columns("city", "key"), added_columns("city", "bgn_pcgn")
    (['city_key'], ['city_bgn_pcgn'])
    >>> added_columns("city", "geocode")[:3]
    ['city_geocode_id', 'city_geocode_name', 'city_geocode_kind']
    """
    if verb == "geocode":
        return [f"{column}_{f}" for f in GEOCODE_FIELDS]
    return [f"{column}_{verb}"]


Cells = tuple[object, ...]


def _column_cells(verbs: list[str], region: str | None, cache_size: int) -> Callable[[object], Cells]:
    """A cached function: one value of a column → the cells all the verbs add for it."""
    from functools import lru_cache

    from .batch import as_name, resolver, transliterator
    from .keys import name_key

    parts: list[Callable[[object], Cells]] = []
    for verb in verbs:
        if verb == "key":
            parts.append(lambda v: (name_key(v),) if isinstance(v, str) else (None,))
        elif verb == "geocode":
            resolve = resolver(region=region, cache_size=1)  # the cache is this function's own

            def geo(v: object, resolve: Callable[[object], GeocodeResult] = resolve) -> Cells:
                r = resolve(v)
                p = r.place
                if p is None:
                    return (None, None, None, None, None, None, r.reason, r.score)
                return (p.id, p.name, p.kind, p.admin1, p.lat, p.lon, r.reason, r.score)

            parts.append(geo)
        else:
            tr = transliterator(verb, cache_size=1)
            parts.append(lambda v, tr=tr: (tr(v),))  # type: ignore[misc]

    def compute(value: object) -> Cells:
        out: list[object] = []
        for part in parts:
            out.extend(part(value))
        return tuple(out)

    invalid = compute(None)
    cached = lru_cache(maxsize=cache_size)(compute)

    def cells(value: object) -> Cells:
        name = as_name(value)
        return invalid if name is None else cached(name)

    return cells


@dataclass
class Stats:
    """What a run did: rows read, per geocoded column the rows of each status, rows rejected."""

    rows: int = 0
    statuses: dict[str, dict[str, int]] = field(default_factory=dict)
    rejected: int = 0


def _cell_text(value: object) -> object:
    """A JSON value as a CSV cell: strings and numbers as they are, objects as JSON, null empty."""
    if value is None or (isinstance(value, str | int | float) and not isinstance(value, bool)):
        return value
    return json.dumps(value, ensure_ascii=False)  # objects, lists, true and false as JSON


def _out_row(
    row: list[str] | dict[str, object], columns: list[str], cells: list[object], positions: list[int] | None
) -> list[object]:
    """The output cells of a row: its own (JSON values as text), then the added ones."""
    out: list[object] = [_cell_text(row.get(c)) for c in columns] if isinstance(row, dict) else list(row)
    if positions is None:
        out.extend(cells)
        return out
    out += [None] * (max(positions) + 1 - len(out))  # some added columns overwrite the input's
    for pos, cell in zip(positions, cells, strict=True):
        out[pos] = cell
    return out


def normalize_rows(
    source: Source,
    sink: Sink,
    *,
    columns: list[str],
    verbs: list[str],
    region: str | None = None,
    rejects: Sink | None = None,
    progress: Callable[[int], None] | None = None,
    cache_size: int = 100_000,
    tally: Callable[[str | None, str], None] | None = None,
) -> Stats:
    """Read ``source`` row by row, add the verbs' columns for each column, write ``sink`` as it goes.

    ``verbs`` are ``key``, ``geocode`` or scheme ids (checked by the caller). A row where a
    geocoded value is a name that no place matches (status ``unresolved``) also goes to
    ``rejects``. ``progress`` is called with the row count every 4,096 rows and at the end;
    ``tally`` with the place id and the status of the first geocoded column of each row. Raises
    ``KeyError`` for a column the table does not have, ``ValueError`` for a malformed file.
    """
    missing = [c for c in columns if c not in source.columns]
    if missing and (source.columns or source.format != "jsonl"):
        raise KeyError(missing[0])
    new_names = [name for c in columns for v in verbs for name in added_columns(c, v)]
    out_columns = source.columns + [n for n in new_names if n not in source.columns]
    stats = Stats(statuses={c: dict.fromkeys(STATUSES, 0) for c in columns if "geocode" in verbs})
    cell_fns = [_column_cells(verbs, region, cache_size) for _ in columns]
    # Where each geocode status lands in a column's cells, to count and to find rejects.
    status_at = -1
    if "geocode" in verbs:
        before = sum(len(added_columns("", v)) for v in verbs[: verbs.index("geocode")])
        status_at = before + GEOCODE_FIELDS.index("geocode_status")
    counts = [stats.statuses[c] for c in columns] if status_at >= 0 else []
    overlap = len(out_columns) < len(source.columns) + len(new_names)
    positions = [out_columns.index(n) for n in new_names]
    json_in = source.format == "jsonl"
    in_index = [source.columns.index(c) if c in source.columns else -1 for c in columns]
    for s in (sink, rejects):
        if s is not None:
            s.header(out_columns)

    rows: Iterator[list[str]] | Iterator[dict[str, object]]
    rows = source.json_rows() if json_in else source.csv_rows()
    n = 0
    for row in rows:
        n += 1
        if json_in:
            assert isinstance(row, dict)
            values: list[object] = [row.get(c) for c in columns]
        else:
            assert isinstance(row, list)
            values = [row[i] for i in in_index]
        cells: list[object] = []
        rejected = False
        for j, value in enumerate(values):
            got = cell_fns[j](value)
            if status_at >= 0:
                status = got[status_at]
                counts[j][status] += 1  # type: ignore[index]
                rejected = rejected or status == "unresolved"
                if tally is not None and j == 0:
                    place_id = got[status_at - GEOCODE_FIELDS.index("geocode_status")]
                    tally(cast("str | None", place_id), cast(str, status))
            cells.extend(got)
        stats.rejected += rejected
        targets = (sink, rejects) if rejected and rejects is not None else (sink,)
        as_list: list[object] | None = None
        for t in targets:
            if t.format == "jsonl" and json_in:
                assert isinstance(row, dict)
                row.update(zip(new_names, cells, strict=True))
                t.record(row)
                continue
            if as_list is None:
                as_list = _out_row(row, source.columns, cells, positions if overlap else None)
            if t.format == "jsonl":
                t.record(dict(zip(out_columns, as_list, strict=True)))
            else:
                t.row(as_list)
        if progress is not None and not n & 4095:
            progress(n)
    if progress is not None:
        progress(n)
    stats.rows = n
    return stats
