"""WARC files from a crawl -> one :class:`~claimledger.models.Article` per HTML page (warcio inside).

The file is streamed record by record (``.warc`` or ``.warc.gz``; memory stays flat whatever its
size).  Each ``response`` (or ``resource``) record whose payload is HTML and whose HTTP status is
2xx goes through :func:`claimledger.ingest.html.read_html`; other records (requests, metadata,
images, redirects, errors) are skipped silently.

Metadata: the URL is the record's ``WARC-Target-URI`` (what the crawler fetched; it wins over the
page's canonical link and is the article's ``external_id``); the publication date is the page's,
else the ``WARC-Date`` (the capture date, a fallback), else the batch default.

Errors name ``FILE#record-N`` (N counts every record from 1).  A page that cannot be read yields its
error and the file goes on; a truncated or corrupt file yields one
:class:`~claimledger.errors.MalformedRecord` and stops that file cleanly.

Usage::

    >>> from pathlib import Path
    >>> from claimledger.ingest.warc import read_warc
    >>> for item in read_warc(Path("crawl.warc.gz"), input="crawl.warc.gz"):  # doctest: +SKIP
    ...     print(item.url if hasattr(item, "url") else item)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimledger.errors import BadMetadata, EmptyInput, InputError, InputNotFound, MalformedRecord
from claimledger.ingest.html import read_html
from claimledger.ingest.metadata import Metadata, parse_date
from claimledger.ingest.text import max_article_bytes, too_large
from claimledger.models import Article

_PAGE_RECORDS = ("response", "resource")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_UNTYPED = ("application/octet-stream", "text/plain", "application/http", "unknown/unknown")
_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body")


def _content_type(record: Any) -> str:
    http = record.http_headers
    ctype = (
        (http.get_header("Content-Type") if http is not None else None)
        or record.rec_headers.get_header("Content-Type")
        or ""
    )
    return str(ctype).split(";")[0].strip().lower()


def _maybe_html(ctype: str) -> bool:
    """Whether a record of this Content-Type may hold a page (decided before reading its payload)."""
    return not ctype or ctype in _HTML_TYPES or ctype in _UNTYPED


def _is_html(ctype: str, head: bytes) -> bool:
    return ctype in _HTML_TYPES or head.lstrip()[:200].lower().startswith(_SNIFF)


def _status_ok(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return True
    code = (record.http_headers.get_statuscode() or "").strip()
    return code.startswith("2")


def _drain(record: Any) -> bool:
    """Read the rest of a record's block; False when the file ends before its Content-Length."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0) <= 0


def _iterator(stream: Any) -> Any:
    """A warcio ArchiveIterator that remembers whether the last gzip member was cut short.

    warcio ends quietly at a truncated member; we want to tell the user their file is damaged.
    """
    from warcio.archiveiterator import ArchiveIterator

    class _Checked(ArchiveIterator):  # type: ignore[misc]
        truncated = False

        def close(self) -> None:
            decompressor = getattr(self.reader, "decompressor", None) if self.reader else None
            if decompressor is not None and hasattr(decompressor, "eof") and not decompressor.eof:
                self.truncated = True
            elif decompressor is None and self.offset < self._size:
                # uncompressed: bytes left after the last whole record = a record cut in its header
                self.truncated = True
            super().close()

    archive = _Checked(stream)
    archive._size = os.fstat(stream.fileno()).st_size
    return archive


def _capture_date(record: Any, where: str) -> Any:
    raw = record.rec_headers.get_header("WARC-Date")
    if not raw:
        return None
    try:
        return parse_date(raw, input=where)
    except BadMetadata:
        return None


def read_warc(
    path: Path,
    *,
    input: str | None = None,
    defaults: Metadata | None = None,
    max_bytes: int | None = None,
) -> Iterator[Article | InputError]:
    """The HTML pages of a WARC file as articles, or errors naming ``input#record-N``.

    Args:
        path: a ``.warc`` or ``.warc.gz`` file.
        input: the name used in errors (default: the path).
        defaults: metadata for what a page and its record do not say.
        max_bytes: size limit per page (default :func:`claimledger.ingest.text.max_article_bytes`).
    """
    name = input or str(path)
    base = defaults or Metadata()
    limit = max_article_bytes(max_bytes)
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed in the finally below, across yields
    except FileNotFoundError:
        yield InputNotFound("no such file", input=name)
        return
    except OSError as exc:
        yield MalformedRecord(f"cannot open the WARC file ({exc.strerror or exc})", input=name)
        return
    n = 0
    try:
        if os.fstat(stream.fileno()).st_size == 0:
            yield EmptyInput("the WARC file is empty", input=name)
            return
        archive = _iterator(stream)
        records = iter(archive)
        while True:
            where = f"{name}#record-{n + 1}"
            try:
                record = next(records)
            except StopIteration:
                break
            if not _valid_header(record):
                raise ValueError("no valid WARC record header here")
            n += 1
            ctype = _content_type(record)
            if record.rec_type not in _PAGE_RECORDS or not _status_ok(record) or not _maybe_html(ctype):
                if not _drain(record):
                    raise EOFError("the file ends inside this record")
                continue
            payload = record.content_stream().read(limit + 1)
            if not _drain(record):
                raise EOFError("the file ends inside this record")
            if not _is_html(ctype, payload[:1024]):
                continue
            if len(payload) > limit:
                yield too_large(None, limit, input=where, what="HTML page")
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or None
            captured = _capture_date(record, where)
            record_defaults = base.merged(Metadata(published=captured)) if captured else base
            try:
                yield read_html(
                    payload,
                    input=where,
                    defaults=record_defaults,
                    forced=Metadata(url=url) if url else None,
                    external_id=url,
                    max_bytes=limit,
                )
            except InputError as err:
                yield err
    except Exception as exc:  # ArchiveLoadFailed, EOFError, zlib.error, and whatever else warcio's
        yield _broken(name, n, exc)  # parsers raise on damaged input: the file stops, the batch goes on
    else:
        if archive.truncated:
            what = "the file is not a WARC file or" if n == 0 else "the WARC file"
            yield MalformedRecord(
                f"{what} is truncated: it ends inside a record; read {n} records", input=f"{name}#record-{n + 1}"
            )
        elif n == 0:
            yield EmptyInput("the WARC file has no records", input=name)
    finally:
        stream.close()


def _broken(name: str, n: int, exc: BaseException) -> MalformedRecord:
    what = "the file is not a WARC file" if n == 0 else "the WARC file is truncated or corrupt"
    return MalformedRecord(
        f"{what} ({type(exc).__name__}: {_short(exc)}); stopped after {n} records", input=f"{name}#record-{n + 1}"
    )


def _valid_header(record: Any) -> bool:
    """Whether warcio read a real WARC (or old ARC) header, not any line of text it was given."""
    headers = record.rec_headers
    if record.format == "warc":
        # the fields WARC 1.0/1.1 make mandatory; a header cut short lacks some of them
        return (headers.protocol or "").upper().startswith("WARC/") and all(
            headers.get_header(k) for k in ("WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length")
        )
    if record.format in ("arc", "arc2warc"):  # "URL IP-address archive-date content-type length"
        uri = headers.get_header("uri") or headers.get_header("WARC-Target-URI") or ""
        stamp = headers.get_header("archive-date") or headers.get_header("WARC-Date") or ""
        return ":" in uri and " " not in uri and bool(stamp) and (stamp.isdigit() or "T" in stamp)
    return False


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] + ("…" if len(text) > 200 else "")


__all__ = ["read_warc"]
