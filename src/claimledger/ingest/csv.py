"""CSV/TSV corpora: a header row, then one article per row (fields may span lines and be long).

Columns are found by their usual names (see :mod:`claimledger.ingest.records`) or through a
``column_map`` (``{"text": "body", "published": "date"}``).  The delimiter is ``\\t`` for ``.tsv``
and otherwise the most frequent of ``, ; \\t |`` in the header line.  A row that cannot be parsed
(a stray quote, a field over the size limit, a wrong number of fields) yields
:class:`MalformedRecord` naming ``path:line`` (the row's first line) and the reader goes on.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from claimledger.errors import EncodingError, InputError, MalformedRecord
from claimledger.ingest.metadata import Metadata
from claimledger.ingest.records import FIELDS, record_articles, resolve_keys
from claimledger.ingest.sniff import READ_ERRORS, has_bad_bytes, open_records, redecode
from claimledger.ingest.text import too_large
from claimledger.models import Article

_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(
    stream: BinaryIO,
    *,
    input: str,
    defaults: Metadata,
    max_bytes: int,
    column_map: Mapping[str, str] | None = None,
    delimiter: str | None = None,
) -> Iterator[Article | InputError]:
    """Articles of a CSV stream, with an :class:`InputError` in place of each bad row."""
    text = open_records(stream, input=input, newline="")
    if isinstance(text, InputError):
        yield text
        return
    # The limit is process-wide in the csv module; a field may be as long as an article.
    csv.field_size_limit(max(csv.field_size_limit(), min(max_bytes, sys.maxsize)))
    try:
        first = text.readline(max_bytes + 1)
    except READ_ERRORS as exc:
        yield EncodingError(f"unreadable header ({exc})", input=input)
        return
    sep = delimiter or _delimiter(first)
    try:
        header = next(csv.reader([first], delimiter=sep))
    except (csv.Error, StopIteration):
        header = []
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not any(header):
        yield MalformedRecord("no header row (the first line must name the columns)", input=f"{input}:1")
        return
    keys = resolve_keys(header, column_map)
    if "text" not in keys:
        wanted = (column_map or {}).get("text")
        expected = repr(wanted) if wanted else "one of " + ", ".join(FIELDS["text"][:6])
        yield MalformedRecord(
            f"no text column (expected {expected}; header: {', '.join(header)[:200]})", input=f"{input}:1"
        )
        return
    yield from _rows(
        text, header, keys, sep, input=input, defaults=defaults, column_map=column_map, max_bytes=max_bytes
    )


def _rows(
    text: Any,
    header: list[str],
    keys: dict[str, str],
    sep: str,
    *,
    input: str,
    defaults: Metadata,
    column_map: Mapping[str, str] | None,
    max_bytes: int,
) -> Iterator[Article | InputError]:
    reader = csv.reader(text, delimiter=sep, strict=True)
    row_no = 0
    last_line = 1  # the header
    while True:
        start = last_line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row_no += 1
            last_line = 1 + reader.line_num
            yield MalformedRecord(f"row {row_no} cannot be parsed ({exc})", input=f"{input}:{start}")
            continue
        except READ_ERRORS as exc:
            yield EncodingError(
                f"compressed data is truncated or corrupt after row {row_no} ({exc}); the rows before it were read",
                input=input,
            )
            return
        last_line = 1 + reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # blank line
        row_no += 1
        where = f"{input}:{start}"
        if len(row) != len(header):
            yield MalformedRecord(
                f"row {row_no} has {len(row)} fields but the header has {len(header)} "
                "(an unquoted delimiter or a missing field?)",
                input=where,
            )
            continue
        size = sum(len(cell) for cell in row)
        if size > max_bytes:
            yield too_large(size, max_bytes, input=where, what="row")
            continue
        try:
            if any(has_bad_bytes(cell) for cell in row):
                row = [redecode(c, text.encoding, input=where) if has_bad_bytes(c) else c for c in row]
        except InputError as exc:
            yield exc
            continue
        record = dict(zip(header, row, strict=True))
        yield from record_articles(record, input=where, defaults=defaults, column_map=column_map, keys=keys)


__all__ = ["read_csv"]
