"""The ingest entry point: a path (file or folder) -> a stream of Articles and InputErrors.

Dispatch is by extension, then by sniffing the content when the extension says nothing:

=====================================  ==========================================================
``.txt .text`` (``.gz``)               one article; ``external_id`` = file name without extensions
``.jsonl .ndjson`` (``.gz``)           one article per line (:mod:`.jsonl`)
``.json`` (``.gz``)                    an object or a list of objects, parsed whole
``.csv .tsv`` (``.gz``)                header row + one article per row (:mod:`.csv`)
``.html .htm .xhtml`` (``.gz``)        ``claimledger.ingest.html.read_html``
``.rss .atom .xml`` (``.gz``)          ``claimledger.ingest.feeds.read_feed``
``.warc .warc.gz``                     ``claimledger.ingest.warc.read_warc``
anything else named explicitly         sniffed: gzip, WARC, HTML, feed, JSON(L), binary or text
=====================================  ==========================================================

A folder is read recursively in sorted order; hidden files and folders (``.name``) are skipped, and
so are files whose extension is not in the table (a folder means "every supported file inside":
brat ``.ann`` files, images and notes next to the articles are not errors).  Symlinked folders are
not followed.  Bad data never raises: each problem is yielded as an :class:`InputError` naming
the path (``path:line`` for records) and reading goes on.
"""

from __future__ import annotations

import gzip
import importlib
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from claimledger.errors import (
    BinaryInput,
    EncodingError,
    InputError,
    InputNotFound,
    MalformedRecord,
    UnsupportedFormat,
)
from claimledger.ingest.csv import read_csv
from claimledger.ingest.jsonl import read_json, read_jsonl
from claimledger.ingest.metadata import Metadata
from claimledger.ingest.records import validate_column_map
from claimledger.ingest.sniff import STREAM_ERRORS, binary_kind, sniff_format
from claimledger.ingest.text import max_article_bytes, read_limited, read_text_bytes, too_large
from claimledger.models import Article

Item = Article | InputError

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
}

# Readers written elsewhere in the package, imported on first use: (module, function).
_EXTERNAL = {
    "html": ("claimledger.ingest.html", "read_html"),
    "feed": ("claimledger.ingest.feeds", "read_feed"),
    "warc": ("claimledger.ingest.warc", "read_warc"),
}
_SNIFF_BYTES = 8192


def format_of(path: Path) -> tuple[str | None, bool]:
    """(format, gzipped) from a file name; format None when the extension is not known."""
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    return EXTENSIONS.get(os.path.splitext(name)[1]), gz


def _stem(path: Path) -> str:
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[0] or name


def read_path(
    path: str | os.PathLike[str],
    *,
    defaults: Metadata | None = None,
    column_map: Mapping[str, str] | None = None,
    max_bytes: int | None = None,
) -> Iterator[Item]:
    """Every article in a file or folder, streamed, with an :class:`InputError` for each problem.

    Args:
        path: a file (any format in the module table, gzipped or not) or a folder.
        defaults: metadata for articles that lack their own (CLI ``--published --outlet ...``).
        column_map: our field -> the record's key, for JSONL/CSV (``{"text": "body"}``).
        max_bytes: size limit per article (default :func:`~claimledger.ingest.text.max_article_bytes`).

    A missing path yields :class:`InputNotFound`.  An invalid ``column_map`` raises BadMetadata
    at the first ``next()`` (a usage error, not bad data).
    """
    cmap = validate_column_map(column_map)
    meta = defaults or Metadata()
    limit = max_article_bytes(max_bytes)
    p = Path(path)
    if p.is_dir():
        for file in _walk(p):
            fmt, gz = format_of(file)
            if fmt is not None:
                yield from _read_file(file, fmt, gz, meta, cmap, limit)
        return
    if not p.exists():
        what = "broken symbolic link" if p.is_symlink() else "no such file or directory"
        yield InputNotFound(what, input=str(path))
        return
    if not p.is_file():
        yield UnsupportedFormat("not a regular file (a device, pipe or socket)", input=str(path))
        return
    fmt, gz = format_of(p)
    yield from _read_file(p, fmt, gz, meta, cmap, limit)


def read_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    defaults: Metadata | None = None,
    column_map: Mapping[str, str] | None = None,
    max_bytes: int | None = None,
) -> Iterator[Item]:
    """:func:`read_path` over several paths, in the order given."""
    for path in paths:
        yield from read_path(path, defaults=defaults, column_map=column_map, max_bytes=max_bytes)


def _walk(top: Path) -> Iterator[Path]:
    """Files under ``top``, sorted, hidden names skipped, symlinked folders not followed."""
    for dirpath, dirnames, filenames in os.walk(top, onerror=None, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        for name in sorted(filenames):
            if not name.startswith(".") and (base / name).is_file():
                yield base / name


def _open(path: Path, gz: bool) -> BinaryIO:
    return gzip.open(path, "rb") if gz else open(path, "rb")  # type: ignore[return-value]


def _read_file(
    path: Path, fmt: str | None, gz: bool, meta: Metadata, cmap: dict[str, str], limit: int
) -> Iterator[Item]:
    name = str(path)
    try:
        if fmt is None:
            fmt, gz = _sniffed(path, gz)
        if fmt == "warc":
            yield from _external("warc", path, input=name, defaults=meta)
            return
        if fmt == "binary":
            with _open(path, gz) as fh:
                head = fh.read(64)
            kind = binary_kind(head) or "binary data"
            yield BinaryInput(f"not text: looks like {kind}", input=name)
            return
        if not gz and fmt in ("text", "json", "html", "feed"):
            size = path.stat().st_size
            if size > limit:  # refuse from the size on disk: nothing is read
                yield too_large(size, limit, input=name)
                return
        with _open(path, gz) as stream:
            yield from _dispatch(stream, fmt or "text", path, meta, cmap, limit)
    except gzip.BadGzipFile as exc:
        yield EncodingError(f"not a valid gzip file ({exc})", input=name)
    except OSError as exc:
        yield InputNotFound(f"cannot be read ({exc.strerror or exc})", input=name)
    except EOFError as exc:
        yield EncodingError(f"compressed data is truncated ({exc})", input=name)


def _sniffed(path: Path, gz: bool) -> tuple[str, bool]:
    """Format from the content; a gzip stream is looked into once."""
    with _open(path, gz) as fh:
        try:
            head = fh.read(_SNIFF_BYTES)
        except STREAM_ERRORS:
            return "text", gz  # the text reader reports the corrupt stream
    kind = sniff_format(head)
    if kind == "gzip" and not gz:
        with gzip.open(path, "rb") as fh:
            try:
                inner = sniff_format(fh.read(_SNIFF_BYTES))
            except STREAM_ERRORS:
                inner = "text"
        return inner, True
    return kind, gz


def _dispatch(
    stream: BinaryIO, fmt: str, path: Path, meta: Metadata, cmap: dict[str, str], limit: int
) -> Iterator[Item]:
    name = str(path)
    if fmt == "jsonl":
        yield from read_jsonl(stream, input=name, defaults=meta, max_bytes=limit, column_map=cmap)
    elif fmt == "json":
        yield from read_json(stream, input=name, defaults=meta, max_bytes=limit, column_map=cmap)
    elif fmt == "csv":
        sep = "\t" if path.name.lower().removesuffix(".gz").endswith(".tsv") else None
        yield from read_csv(stream, input=name, defaults=meta, max_bytes=limit, column_map=cmap, delimiter=sep)
    elif fmt in ("html", "feed"):
        try:
            data = read_limited(stream, limit, input=name)
        except InputError as exc:
            yield exc
            return
        yield from _external(fmt, data, input=name, defaults=meta)
    else:
        try:
            data = read_limited(stream, limit, input=name)
            yield read_text_bytes(data, input=name, defaults=meta, external_id=_stem(path), max_bytes=limit)
        except InputError as exc:
            yield exc


def _external(fmt: str, source: Any, *, input: str, defaults: Metadata) -> Iterator[Item]:
    """Call the HTML/feed/WARC reader, turning its surprises into errors that name the input."""
    module_name, func_name = _EXTERNAL[fmt]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        yield UnsupportedFormat(f"reading {fmt.upper()} is not available in this build", input=input)
        return
    func = getattr(module, func_name)
    try:
        result = func(source, input=input, defaults=defaults)
        if isinstance(result, Article | InputError):
            yield result
        else:
            yield from result
    except InputError as exc:
        yield exc
    except Exception as exc:  # a third-party parser choking on bad data must not stop the batch
        yield MalformedRecord(f"cannot be read as {fmt.upper()} ({type(exc).__name__}: {exc})"[:500], input=input)


__all__ = ["EXTENSIONS", "format_of", "read_path", "read_paths"]
