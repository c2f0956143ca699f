"""JSON Lines corpora (one article per line) and small JSON files (an object or a list of them).

Reading streams line by line with each line bounded by the article size limit, so a 10 k-article
corpus never sits in memory and an enormous line is refused on its own (``path:line``) while the
reader goes on with the next one.  A malformed line yields :class:`MalformedRecord` naming
``path:line``; a truncated gzip stream yields one :class:`EncodingError` after the good records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from claimledger.errors import EncodingError, InputError, InputTooLarge, MalformedRecord
from claimledger.ingest.metadata import Metadata
from claimledger.ingest.records import record_articles
from claimledger.ingest.sniff import READ_ERRORS, STREAM_ERRORS, has_bad_bytes, open_records, redecode
from claimledger.ingest.text import read_limited, too_large
from claimledger.models import Article

_CHUNK = 64 * 1024  # pieces in which an over-long line is skipped


def _parse(line: str, where: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"not valid JSON ({exc.msg} at column {exc.colno})", input=where) from None
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        raise MalformedRecord(f"not valid JSON ({type(exc).__name__}: {exc})"[:300], input=where) from None


def read_jsonl(
    stream: BinaryIO,
    *,
    input: str,
    defaults: Metadata,
    max_bytes: int,
    column_map: Mapping[str, str] | None = None,
) -> Iterator[Article | InputError]:
    """Articles of a JSONL stream, with an :class:`InputError` in place of each bad line."""
    text = open_records(stream, input=input)
    if isinstance(text, InputError):
        yield text
        return
    lineno = 0
    while True:
        try:
            line = text.readline(max_bytes + 1)
        except STREAM_ERRORS as exc:
            yield EncodingError(
                f"compressed data is truncated or corrupt after line {lineno} ({exc}); the lines before it were read",
                input=input,
            )
            return
        except UnicodeDecodeError as exc:
            yield EncodingError(f"stops decoding as {text.encoding} after line {lineno} ({exc.reason})", input=input)
            return
        if not line:
            return
        lineno += 1
        where = f"{input}:{lineno}"
        if len(line) > max_bytes and not line.endswith("\n"):
            yield too_large(None, max_bytes, input=where, what="line")
            yield from _skip_rest(text, input, lineno)
            continue
        if not line.strip():
            continue
        try:
            if has_bad_bytes(line):
                line = redecode(line, text.encoding, input=where)
            record = _parse(line, where)
        except InputError as exc:
            yield exc
            continue
        if not isinstance(record, dict):
            yield MalformedRecord(f"expected a JSON object, got {type(record).__name__}", input=where)
            continue
        yield from record_articles(record, input=where, defaults=defaults, column_map=column_map)


def _skip_rest(text: Any, input: str, lineno: int) -> Iterator[InputError]:
    """Consume the rest of an over-long line without holding it."""
    while True:
        try:
            chunk = text.readline(_CHUNK)
        except READ_ERRORS as exc:
            yield EncodingError(f"unreadable after line {lineno} ({exc})", input=input)
            return
        if not chunk or chunk.endswith("\n"):
            return


def read_json(
    stream: BinaryIO,
    *,
    input: str,
    defaults: Metadata,
    max_bytes: int,
    column_map: Mapping[str, str] | None = None,
) -> Iterator[Article | InputError]:
    """Articles of a ``.json`` file: one object, or a list of objects (``path:#index`` in errors).

    The whole file is parsed at once, so it must fit the size limit; use JSONL for corpora.
    """
    try:
        data = read_limited(stream, max_bytes, input=input)
        text = redecode(data.decode("utf-8", errors="surrogateescape"), "utf-8", input=input)
        doc = _parse(text, input)
    except InputError as exc:
        if isinstance(exc, InputTooLarge):
            exc = too_large(None, max_bytes, input=input, what="JSON file (parsed whole; use JSONL)")
        yield exc
        return
    items = doc if isinstance(doc, list) else [doc]
    for i, record in enumerate(items):
        where = f"{input}:#{i}" if isinstance(doc, list) else input
        if not isinstance(record, dict):
            yield MalformedRecord(f"expected a JSON object, got {type(record).__name__}", input=where)
            continue
        yield from record_articles(record, input=where, defaults=defaults, column_map=column_map)


__all__ = ["read_json", "read_jsonl"]
