"""``/api/v1/exports/{table}``: a table streamed as JSONL, CSV or Parquet (the interchange contract's
field names), and ``/api/v1/exports/claims`` filtered like ``/claims``.

Each export reads through its own reader (the stream outlives the request's thread) a page at a time,
so memory stays flat however large the table is.  Parquet is written a row group at a time and each
finished group is sent at once.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import StreamingResponse

from claimledger.api.deps import StateDep
from claimledger.api.params import ClaimFilterDep, Sort
from claimledger.errors import NotFound
from claimledger.ledger.base import Ledger
from claimledger.ledger.export import EXPORT_TABLES, fields, parquet_schema
from claimledger.ledger.pages import ClaimFilter

router = APIRouter(prefix="/exports", tags=["exports"])
Format = Literal["jsonl", "csv", "parquet"]
MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}
_PAGE = 500
_ROW_GROUP = 5000


def _json(rec: Any) -> str:
    return json.dumps(rec, ensure_ascii=False, allow_nan=False, default=str)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list | tuple):
        return _json(value)
    return str(value)


def _jsonl(records: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    for rec in records:
        yield (_json(_finite(rec)) + "\n").encode("utf-8")


def _csv(table: str, records: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    names = fields(table)
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(names)
    for i, rec in enumerate(records):
        out.writerow([_cell(_finite(rec.get(n))) for n in names])
        if i % 200 == 199:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def _arrow_ready(schema: Any, rec: dict[str, Any]) -> dict[str, Any]:
    """A contract record in the types of its Parquet schema: ISO dates as dates, free-form objects
    (stored as text columns by :func:`parquet_schema`) as JSON text."""
    import pyarrow as pa

    for f in schema:
        value = rec.get(f.name)
        if value is None:
            continue
        if pa.types.is_date32(f.type) and isinstance(value, str):
            rec[f.name] = date.fromisoformat(value[:10])
        elif pa.types.is_string(f.type) and isinstance(value, dict | list):
            rec[f.name] = _json(value)
    return rec


class _Sink(io.RawIOBase):
    """A write-only stream whose written bytes are taken out after each row group."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out, self.chunks = b"".join(self.chunks), []
        return out


def _parquet(table: str, records: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(table)
    sink = _Sink()
    writer = pq.ParquetWriter(sink, schema)
    batch: list[dict[str, Any]] = []
    wrote = False
    for rec in records:
        batch.append(_arrow_ready(schema, _finite(rec)))
        if len(batch) >= _ROW_GROUP:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            batch, wrote = [], True
            yield sink.take()
    if batch or not wrote:
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    writer.close()
    yield sink.take()


def _stream(table: str, fmt: str, records: Iterator[dict[str, Any]], reader: Ledger) -> StreamingResponse:
    def body() -> Iterator[bytes]:
        try:
            if fmt == "jsonl":
                yield from _jsonl(records)
            elif fmt == "csv":
                yield from _csv(table, records)
            else:
                yield from _parquet(table, records)
        finally:
            reader.close()

    disposition = f'attachment; filename="{table}.{fmt}"'
    return StreamingResponse(body(), media_type=MEDIA[fmt], headers={"Content-Disposition": disposition})


def _claims(reader: Ledger, filters: ClaimFilter, sort: str) -> Iterator[dict[str, Any]]:
    cursor: str | None = None
    while True:
        page = reader.claims_page(filters, sort=sort, cursor=cursor, limit=_PAGE)
        for row in page.items:
            yield row.claim.to_record()
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


_FORMAT_QUERY = Query(description="jsonl, csv or parquet.")


@router.get(
    "/claims",
    summary="The filtered claims, streamed",
    response_class=StreamingResponse,
    responses={200: {"content": {m: {} for m in MEDIA.values()}, "description": "The claims, streamed."}},
)
def export_claims(
    state: StateDep, filters: ClaimFilterDep, sort: Sort = "date", format: Annotated[Format, _FORMAT_QUERY] = "jsonl"
) -> StreamingResponse:
    """The claims ``/claims`` would list for the same filters (every page), as ``claims.jsonl`` records."""
    reader = state.ledger.reader()
    try:
        reader.claims_page(filters, sort=sort, limit=1)  # a bad filter fails here, before the stream starts
    except BaseException:
        reader.close()
        raise
    return _stream("claims", format, _claims(reader, filters, sort), reader)


@router.get(
    "/{table}",
    summary="A whole table, streamed",
    response_class=StreamingResponse,
    responses={200: {"content": {m: {} for m in MEDIA.values()}, "description": "The table, streamed."}},
)
def export_table(
    state: StateDep,
    table: Annotated[str, Path(max_length=40, description=f"One of {', '.join(EXPORT_TABLES)}.")],
    format: Annotated[Format, _FORMAT_QUERY] = "jsonl",
) -> StreamingResponse:
    """Every row of one table with the interchange contract's field names, in key order."""
    if table not in EXPORT_TABLES:
        raise NotFound(f"no table to export by this name; one of {', '.join(EXPORT_TABLES)}", input=table)
    reader = state.ledger.reader()
    records = (obj.to_record() for obj in reader.iter_records(table))
    return _stream(table, format, records, reader)
