"""The command line's input and output: text, lines, and tables (CSV, TSV, JSON lines).

One rule for every input, a file or stdin (``-``), arguments too: UTF-8 (a BOM is
dropped), and bytes that are not text are reported with where they are — never passed
on as lone surrogates, never dropped in silence. :func:`read_text` reads a whole text
(``places``, ``people``, ``rewrite``, ``demo``), :func:`input_lines` the arguments or
stdin line by line (``translit``, ``key``, ``geocode``), :class:`Source` a table row by
row (``normalize``), where an unreadable line costs that line, not the file.

Tables stream: one row in memory at a time. ``-`` is stdin or stdout; a name
ending in ``.gz`` is read or written through gzip. The reader counts the bytes it
has taken from the file (compressed bytes for ``.gz``) so that a progress bar can
show how far it has got.
"""

from __future__ import annotations

import codecs
import collections
import csv
import gzip
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO, cast

from .errors import KztranslitError
from .normalize import SURROGATE, bad_text, printable

if TYPE_CHECKING:
    from .batch import GeocodeResult

__all__ = [
    "FORMATS", "REJECT_FIELDS", "InputError", "Reject", "Sink", "Source", "Stats", "added_columns",
    "bad_text", "detect_format", "input_lines", "normalize_rows", "open_sink", "open_source", "printable",
    "read_text", "terminal_progress",
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


class InputError(KztranslitError, ValueError):
    """An input that cannot be read: the message names it (file, stdin, argument) and the place."""


def _stdin_name(path: str) -> str:
    return "stdin" if path == "-" else path


def read_text(path: str) -> str:
    """The whole text of a file, or of stdin for ``-``: UTF-8, a leading BOM dropped.

    Raises :class:`InputError` naming the file, the line and the byte for bytes that are not
    UTF-8, or the reason the file cannot be opened.
    """
    name = _stdin_name(path)
    if path == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # a replaced sys.stdin (tests): text already, checked all the same
            text = str(sys.stdin.read())
            why = bad_text(text)
            if why is not None:
                line = text.count("\n", 0, SURROGATE.search(text).start()) + 1  # type: ignore[union-attr]
                raise InputError(f"{name}: line {line}: {why}")
            return text
        data = bytes(buffer.read())
    else:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise InputError(f"cannot read {path}: {e.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line_start = data.rfind(b"\n", 0, e.start) + 1
        line = data.count(b"\n", 0, e.start) + 1
        column = len(data[line_start : e.start].decode("utf-8", "replace")) + 1
        raise InputError(
            f"{name}: line {line}: not UTF-8 text (byte 0x{data[e.start]:02x} at column {column})"
        ) from None


def input_lines(args: Sequence[str], *, joined: bool = False) -> Iterator[tuple[str, str | None]]:
    r"""Each argument (all of them as one text with ``joined``), or each line of stdin without
    arguments: ``(text, None)``, or ``(where, why)`` for one that is not UTF-8 text.

    >>> list(input_lines(["Almaty", "Alm\udcffaty"]))
    [('Almaty', None), ('argument 2', 'not UTF-8 text (byte 0xff at column 4)')]
    """
    if args:
        items = [" ".join(args)] if joined else list(args)
        for i, arg in enumerate(items, start=1):
            why = bad_text(arg)
            yield (arg, None) if why is None else (f"argument {i}", why)
        return
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a replaced sys.stdin (tests)
        for n, line in enumerate(sys.stdin, start=1):
            why = bad_text(line)
            text = line.rstrip("\r\n").removeprefix("\ufeff")
            yield (text, None) if why is None else (f"stdin line {n}", why)
        return
    for n, raw in enumerate(buffer, start=1):
        if raw.startswith(codecs.BOM_UTF8):  # a BOM is not text (on every line: files cat'ed together)
            raw = raw[3:]
        try:
            yield raw.decode("utf-8").rstrip("\r\n"), None
        except UnicodeDecodeError:
            yield f"stdin line {n}", bad_text(raw.decode("utf-8", "surrogateescape"))


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
        if self.raw is not getattr(sys.stdin, "buffer", None):
            self.raw.close()
        super().close()


MAX_RECORD_LINES = 100
"""A quoted CSV cell may hold line breaks, over at most this many lines (and 1 MiB) in all."""
_MAX_CHARS = 1 << 20


@dataclass(frozen=True, slots=True)
class Reject:
    """A part of the input that is not a row: its lines, why, and its text as read."""

    line: int
    reason: str
    text: str
    last_line: int = 0

    def where(self) -> str:
        last = self.last_line or self.line
        return f"line {self.line}" if last == self.line else f"lines {self.line}-{last}"


Row = list[str] | dict[str, object] | Reject
Record = tuple[int, int, Row]
"""One record of a table: its first and last line, and its cells or why it was rejected."""


def _csv_reason(e: csv.Error, capped: bool, last: int, first: int) -> str:
    message = str(e)
    if "unexpected end of data" in message:
        if capped:
            return f"a quote opened here is not closed within {MAX_RECORD_LINES} lines"
        return "a quote opened here is never closed"
    if "expected after" in message:
        if last != first:
            return f'a quote opened here closes on line {last} with text after it (in a cell, write "")'
        return 'text after a closing quote (in a cell, write "")'
    return f"not CSV: {message}"


class Source:
    """The records of a table, each with its lines: cells, or a :class:`Reject` saying why not.

    ``columns`` is the header (or the first JSON record's keys). CSV and TSV rows are
    lists of strings aligned to ``columns``, short rows padded with ``""``; JSON lines rows
    are dicts. Nothing is lost and nothing is merged without a trace: every line of the
    file is in exactly one record or is a blank JSON line (``blank``). A part that cannot
    be read — bytes that are not text in the encoding, a quote that is never closed, text
    after a closing quote, more cells than the header, a line that is not a JSON object —
    is a :class:`Reject` of its first line, and reading goes on at the next line. A quoted
    cell may hold line breaks (RFC 4180) up to :data:`MAX_RECORD_LINES` lines; ``multiline``
    counts such rows and ``first_multiline`` is the first one's line.

    With ``strict=True`` the first reject raises ``ValueError`` naming the line instead. A
    header that cannot be read always does. ``bytes_read`` and ``size`` (``None`` for stdin)
    measure progress.
    """

    def __init__(self, path: str, fmt: str, encoding: str = "utf-8-sig", *, strict: bool = False) -> None:
        self.path = path
        self.format = fmt
        self.strict = strict
        raw: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
        self.size = None if path == "-" else os.fstat(raw.fileno()).st_size
        self._counter = _Counting(raw)
        binary: IO[bytes] = io.BufferedReader(self._counter, 1 << 16)
        self._closers: list[IO[bytes]] = [binary]
        if path.lower().endswith(".gz"):
            binary = cast("IO[bytes]", gzip.GzipFile(fileobj=binary, mode="rb"))
        try:
            self._text = io.TextIOWrapper(binary, encoding=encoding, errors="surrogateescape", newline="")
        except LookupError:
            binary.close()
            raise
        name = codecs.lookup(self._text.encoding).name
        self.encoding = "UTF-8" if name in ("utf-8", "utf-8-sig") else self._text.encoding
        self.lines = 0  # lines taken from the file so far
        self.blank = 0
        self.multiline = 0
        self.first_multiline: int | None = None
        self.columns: list[str] = []
        self._back: collections.deque[str] = collections.deque()  # lines to read again
        self._taken: list[str] = []  # the lines of the record being read
        self._capped = False
        self._pending: list[Record] = []
        if fmt == "jsonl":
            self._records = self._json_records()
            for rec in self._records:
                self._pending.append(rec)
                if not isinstance(rec[2], Reject):
                    self.columns = list(rec[2])
                    break
        else:
            self._delimiter = "\t" if fmt == "tsv" else ","
            self._records = self._csv_records()
            try:
                header = next(self._records, None)
            except ValueError:  # strict: the header's own problem
                self.close()
                raise
            if header is not None:
                row = header[2]
                if isinstance(row, Reject):
                    self.close()
                    raise ValueError(f"{self._where()}{row.where()} (the header): {row.reason}")
                assert isinstance(row, list)
                self.columns = row

    @property
    def bytes_read(self) -> int:
        return self._counter.count

    def _where(self) -> str:
        return "" if self.path == "-" else f"{self.path}: "

    def _reject(self, line: int, reason: str, text: str) -> Record:
        rej = Reject(line, reason, printable(text), line)
        if self.strict:
            raise ValueError(f"{self._where()}{rej.where()}: {reason}")
        return line, line, rej

    def _bad_text(self, text: str) -> str | None:
        why = None if text.isascii() else bad_text(text, self.encoding)
        return None if why is None else f"{why}; give --encoding"

    # -- physical lines, with push-back, for the csv module

    def _feed(self) -> Iterator[str]:
        """The file's lines for one csv reader, the pushed-back ones first; ends early
        (``_capped``) when a record grows past its limits."""
        taken, back, readline = self._taken, self._back, self._text.readline
        append = taken.append
        while True:
            if len(taken) > 1 and (len(taken) >= MAX_RECORD_LINES or sum(map(len, taken)) > _MAX_CHARS):
                self._capped = True
                return
            if back:
                line = back.popleft()
            else:
                line = readline()
                if not line:
                    return
            append(line)
            yield line

    def _csv_records(self) -> Iterator[Record]:
        """CSV or TSV records. A record's lines are consecutive: it starts at line ``start``;
        a rejected record gives back all its lines but the first, to be read again."""
        width = -1  # the header's, once read
        taken, back = self._taken, self._back
        start = 1
        while True:
            self._capped = False
            reader = csv.reader(self._feed(), delimiter=self._delimiter, strict=True)
            while True:
                taken.clear()
                try:
                    row = next(reader)
                except StopIteration:
                    if not self._capped and not back:
                        self.lines = start - 1
                        return
                    break  # (cannot happen: a capped record ends in csv.Error)
                except csv.Error as e:
                    back.extendleft(reversed(taken[1:]))  # read again, as rows of their own
                    last = start + len(taken) - 1
                    yield self._reject(start, _csv_reason(e, self._capped, last, start), taken[0])
                    start += 1
                    break  # a fresh reader (the feed may have ended at the cap)
                text = taken[0]
                plain = text.isascii() or SURROGATE.search(text) is None
                if len(taken) == 1 and 0 <= len(row) <= width and plain:
                    if len(row) < width:
                        row += [""] * (width - len(row))  # a short row: the missing cells are empty
                    yield start, start, row
                    start += 1
                    continue
                # A record over several lines, a bad byte, a wrong width, or the header.
                first, last = start, start + len(taken) - 1
                why = self._bad_text(text)
                if why is None and last != first:
                    why = next(filter(None, (self._bad_text(t) for t in taken[1:])), None)
                    why = None if why is None else f"a quoted cell from here on: {why}"
                if why is None and width >= 0 and len(row) > width:
                    why = f"{len(row)} fields, the header has {width}"
                    if last != first:
                        why = f"a quoted cell from here on spans {last - first + 1} lines into {why}"
                if why is not None:
                    back.extendleft(reversed(taken[1:]))
                    yield self._reject(first, why, text)
                    start += 1
                    continue
                if width < 0:
                    width = len(row)
                elif len(row) < width:
                    row += [""] * (width - len(row))
                if last != first:
                    self.multiline += 1
                    if self.first_multiline is None:
                        self.first_multiline = first
                yield first, last, row
                start = last + 1

    def _json_records(self) -> Iterator[Record]:
        for line in self._text:
            self.lines += 1
            n = self.lines
            if not line.strip():
                self.blank += 1
                continue
            why = self._bad_text(line)
            if why is not None:
                yield self._reject(n, why, line)
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                yield self._reject(n, f"not JSON ({e})", line)
                continue
            if not isinstance(rec, dict):
                yield self._reject(n, f"not a JSON object but {type(rec).__name__}", line)
                continue
            if "\\u" in line and _has_surrogate(rec):
                yield self._reject(n, "a string holds a lone surrogate (\\ud800-\\udfff): not text", line)
                continue
            yield n, n, rec

    def records(self) -> Iterator[Record]:
        """Every record after the header, in file order: ``(first line, last line, row or Reject)``."""
        pending, self._pending = self._pending, []
        yield from pending
        yield from self._records

    def close(self) -> None:
        self._text.close()
        for f in self._closers:
            f.close()


def _has_surrogate(value: object) -> bool:
    if isinstance(value, str):
        return SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def open_source(path: str, fmt: str, encoding: str = "utf-8-sig", *, strict: bool = False) -> Source:
    """Open a table for reading (``OSError`` if it cannot be read, ``ValueError`` if its header cannot)."""
    return Source(path, fmt, encoding, strict=strict)


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
    """What a run did. Rows in = ``rows`` (written) + ``unreadable`` (in ``rejects`` only).

    ``statuses`` counts, per geocoded column, the rows of each status; ``rejected`` the rows
    with an unresolved name (written, and also copied to ``rejects``); ``problems`` keeps the
    first :data:`MAX_PROBLEMS` unreadable parts; ``lines`` the lines read (the header too),
    ``blank`` the blank lines of JSON lines skipped, ``multiline`` the rows with a line break
    inside a quoted cell (``first_multiline`` the first one's line).
    """

    rows: int = 0
    statuses: dict[str, dict[str, int]] = field(default_factory=dict)
    rejected: int = 0
    unreadable: int = 0
    problems: list[Reject] = field(default_factory=list)
    lines: int = 0
    blank: int = 0
    multiline: int = 0
    first_multiline: int | None = None

    @property
    def rows_in(self) -> int:
        return self.rows + self.unreadable


MAX_PROBLEMS = 20
REJECT_FIELDS = ("reject_line", "reject_reason", "reject_text")
"""The columns ``rejects`` adds after the output's: where the row was, why, its text if unreadable."""


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


def _write_reject(target: Sink, out_columns: list[str], line: int, reason: str, text: str) -> None:
    """An unreadable part (or a row that failed) in the rejects file: no cells, its line, reason, text."""
    extra: list[object] = [line, reason, text]
    if target.format == "jsonl":
        target.record(dict(zip(REJECT_FIELDS, extra, strict=True)))
    else:
        target.row([None] * len(out_columns) + extra)


def normalize_rows(
    source: Source,
    sink: Sink,
    *,
    columns: list[str],
    verbs: list[str],
    region: str | None = None,
    rejects: Sink | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    progress: Callable[[int], None] | None = None,
    cache_size: int = 100_000,
    tally: Callable[[str | None, str], None] | None = None,
) -> Stats:
    """Read ``source`` row by row, add the verbs' columns for each column, write ``sink`` as it goes.

    ``verbs`` are ``key``, ``geocode`` or scheme ids (checked by the caller). A row where a
    geocoded value is a name that no place matches (status ``unresolved``) is written, and
    also goes to ``rejects``. A part of the file that cannot be read (see :class:`Source`), or
    a row on which a verb fails, is not written: it goes to ``rejects`` (with
    :data:`REJECT_FIELDS`) and to ``on_reject``. ``progress`` is called with the row count every
    4,096 rows and at the end; ``tally`` with the place id and the status of the first geocoded
    column of each row. Raises ``KeyError`` for a column the table does not have.
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
    sink.header(out_columns)
    if rejects is not None:
        rejects.header(out_columns + list(REJECT_FIELDS))

    def unreadable(rej: Reject) -> None:
        stats.unreadable += 1
        if len(stats.problems) < MAX_PROBLEMS:
            stats.problems.append(rej)
        if rejects is not None:
            _write_reject(rejects, out_columns, rej.line, rej.reason, rej.text)
        if on_reject is not None:
            on_reject(rej)

    def write(row: list[str] | dict[str, object], cells: list[object], first: int, unresolved: list[str]
              ) -> None:  # fmt: skip
        targets = (sink, rejects) if unresolved and rejects is not None else (sink,)
        as_list: list[object] | None = None
        for t in targets:
            extra: list[object] = [first, "unresolved: " + ", ".join(unresolved), ""] if t is rejects else []
            if t.format == "jsonl" and isinstance(row, dict):
                row.update(zip(new_names, cells, strict=True))
                t.record({**row, **dict(zip(REJECT_FIELDS, extra, strict=True))} if extra else row)
                continue
            if as_list is None:
                as_list = _out_row(row, source.columns, cells, positions if overlap else None)
            if t.format == "jsonl":
                names = out_columns + list(REJECT_FIELDS[: len(extra)])
                t.record(dict(zip(names, as_list + extra, strict=True)))
            else:
                t.row(as_list + extra)

    # The common case, a CSV or TSV row out as a CSV or TSV row with the cells after it, goes
    # straight to the writer; everything else through write().
    fast = not json_in and sink.format != "jsonl" and not overlap
    by_name = list(zip(cell_fns, columns, strict=True))
    by_index = list(zip(cell_fns, in_index, strict=True))
    n = 0
    for first, last, row in source.records():
        if row.__class__ is Reject:
            assert isinstance(row, Reject)
            unreadable(row)
            continue
        try:
            if json_in:
                assert isinstance(row, dict)
                got = [fn(row.get(c)) for fn, c in by_name]
            else:
                assert isinstance(row, list)
                got = [fn(row[i]) for fn, i in by_index]
        except Exception as e:  # a bug on one row costs that row, not the job
            text = _csv_line(row, source.format) if isinstance(row, list) else json.dumps(row)
            unreadable(Reject(first, f"failed: {type(e).__name__}: {e}", text, last))
            continue
        n += 1
        unresolved: list[str] = []
        if status_at >= 0:
            for j, g in enumerate(got):
                status = g[status_at]
                counts[j][status] += 1  # type: ignore[index]
                if status == "unresolved":
                    unresolved.append(columns[j])
            if unresolved:
                stats.rejected += 1
            if tally is not None and got:
                place_id = got[0][status_at - GEOCODE_FIELDS.index("geocode_status")]
                tally(cast("str | None", place_id), cast(str, got[0][status_at]))
        if fast and (rejects is None or not unresolved):
            assert isinstance(row, list)
            out: list[object] = list(row)
            for g in got:
                out.extend(g)
            sink.row(out)
        else:
            write(row, [c for g in got for c in g], first, unresolved)
        if progress is not None and not n & 4095:
            progress(n)
    if progress is not None:
        progress(n)
    stats.rows = n
    stats.lines, stats.blank = source.lines, source.blank
    stats.multiline, stats.first_multiline = source.multiline, source.first_multiline
    return stats


def _csv_line(row: list[str], fmt: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter="\t" if fmt == "tsv" else ",", lineterminator="").writerow(row)
    return buf.getvalue()
