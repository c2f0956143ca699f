"""Export a ledger as the interchange-contract files: one file per table, JSONL, CSV or Parquet.

``export(ledger, out_dir, fmt)`` writes ``documents, claims, figures, times, places, events,
actors, errors`` (``.jsonl`` / ``.csv`` / ``.parquet``), every file even when its table is empty.
Field names and order come from the models' ``to_record()`` and nothing else.

* JSONL: one ``to_record()`` per line; nested objects (``source``, ``cue``, ``content``,
  ``channel``, ``normalized`` …) stay nested.  JSON has no NaN/Infinity: such floats become null.
* CSV: a header row of the field names; nested objects and lists as JSON text; null as an empty
  cell; booleans as ``true``/``false``.
* Parquet: typed columns — spans and sources as structs, lists as list columns, ``published`` as a
  date.  Two free-form objects are JSON text: ``events.place`` (its shape is the event builder's).
  ``figures.normalized`` is a struct ``{value, unit}``; other keys there are an error, not dropped.

Each file is written to a temporary name and renamed when complete, so an interrupted export
never leaves a truncated file behind.
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from claimledger.errors import LedgerError
from claimledger.ledger.base import Ledger
from claimledger.ledger.rows import ErrorRecord, finite_or_none
from claimledger.models import Actor, Article, Claim, Event, Figure, Place, Span, TimeRef

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
EXPORT_TABLES: tuple[str, ...] = (
    "documents",
    "claims",
    "figures",
    "times",
    "places",
    "events",
    "actors",
    "errors",
)

# One minimal object per table: its to_record() keys are the file's field names.
_EMPTY = Span(0, 0, "")
_SAMPLES: dict[str, Any] = {
    "documents": Article(text=""),
    "claims": Claim("", "", None, _EMPTY, _EMPTY),
    "figures": Figure("", "", None, "", 0, 0, None),
    "times": TimeRef("", "", 0, 0, None),
    "places": Place("", "", 0, 0, None),
    "actors": Actor("", "", 0, 0, ""),
    "events": Event("", (), ""),
    "errors": ErrorRecord("", "", "", datetime.min, datetime.min),
}


def fields(table: str) -> list[str]:
    """The contract field names of ``table``'s export, in order."""
    return list(_SAMPLES[table].to_record())


def export(ledger: Ledger, out_dir: str | Path, fmt: str = "jsonl") -> list[Path]:
    """Write every table of ``ledger`` to ``out_dir`` (created) as ``fmt``; return the paths.

    Raises:
        LedgerError: unknown format, or a value that the format cannot hold.
    """
    if fmt not in FORMATS:
        raise LedgerError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}", input=str(out_dir))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    writer: Callable[[Path, str, Iterator[dict[str, Any]]], None] = {
        "jsonl": _write_jsonl,
        "csv": _write_csv,
        "parquet": _write_parquet,
    }[fmt]
    paths = []
    for table in EXPORT_TABLES:
        path = out / f"{table}.{fmt}"
        tmp = path.with_name(f".{path.name}.tmp")
        records = (obj.to_record() for obj in ledger.iter_records(table))
        try:
            writer(tmp, table, records)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        paths.append(path)
    return paths


def _json(value: Any) -> str:
    """Strict JSON; NaN/±inf (rare) become null — sanitising only when needed keeps this fast."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return json.dumps(finite_or_none(value), ensure_ascii=False, allow_nan=False)


def _write_jsonl(path: Path, table: str, records: Iterator[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(_json(rec))
            fh.write("\n")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, dict | list | tuple):
        return _json(value)
    return str(value)


def _write_csv(path: Path, table: str, records: Iterator[dict[str, Any]]) -> None:
    names = fields(table)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(names)
        for rec in records:
            out.writerow([_csv_cell(rec.get(n)) for n in names])


# ---- Parquet ---------------------------------------------------------------------------------
def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    s, i32, f64, b = pa.string(), pa.int32(), pa.float64(), pa.bool_()
    span = pa.struct([("text", s), ("start", i32), ("end", i32)])
    source = pa.struct(
        [
            ("text", s),
            ("start", i32),
            ("end", i32),
            ("name", s),
            ("kind", s),
            ("role", s),
            ("affiliation", s),
            ("entity_id", s),
        ]
    )
    hop = pa.struct([("name", s), ("kind", s), ("start", i32), ("end", i32)])
    ls = pa.list_(s)
    return {
        "documents": {"published": pa.date32()},
        "claims": {
            "source": source,
            "cue": span,
            "content": span,
            "direct": b,
            "hedged": b,
            "channel": pa.list_(hop),
            "responds_to": ls,
            "figure_ids": ls,
            "content_parts": pa.list_(span),
            "hedges": pa.list_(span),
            "confidence": f64,
        },
        "figures": {
            "start": i32,
            "end": i32,
            "value": f64,
            "approx": b,
            "of": f64,
            "derived_value": f64,
            "high": f64,
            "normalized": pa.struct([("value", f64), ("unit", s)]),
        },
        "times": {"start": i32, "end": i32},
        "places": {"start": i32, "end": i32, "lat": f64, "lon": f64},
        "actors": {"start": i32, "end": i32, "metonymy": b},
        "events": {
            "doc_ids": ls,
            "actors": ls,
            "figures": ls,
            "supporting_claims": ls,
            "contesting_claims": ls,
        },
        "errors": {"count": pa.int64()},
    }


def parquet_schema(table: str) -> Any:
    """The ``pyarrow.Schema`` of ``table``'s Parquet export (field names = ``fields(table)``)."""
    import pyarrow as pa

    types = _schemas()[table]
    return pa.schema([(name, types.get(name, pa.string())) for name in fields(table)])


def _prepare(table: str, rec: dict[str, Any]) -> dict[str, Any]:
    if table == "documents" and rec.get("published"):
        rec["published"] = date.fromisoformat(rec["published"])
    elif table == "figures" and rec.get("normalized") is not None:
        extra = set(rec["normalized"]) - {"value", "unit"}
        if extra:
            raise LedgerError(
                f"figures.normalized has keys {sorted(extra)} beyond value/unit; Parquet would drop them",
                input=str(rec.get("figure_id")),
            )
    elif table == "events" and rec.get("place") is not None:
        rec["place"] = _json(rec["place"])
    return rec


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(records)
    while batch := list(islice(it, size)):
        yield batch


def _write_parquet(path: Path, table: str, records: Iterator[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(table)
    with pq.ParquetWriter(path, schema) as writer:
        wrote = False
        for batch in _batches((_prepare(table, r) for r in records), 5000):
            try:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            except (pa.ArrowException, TypeError, ValueError) as exc:
                raise LedgerError(f"cannot write {table} as Parquet: {exc}", input=str(path)) from exc
            wrote = True
        if not wrote:
            writer.write_table(schema.empty_table())


__all__ = ["EXPORT_TABLES", "FORMATS", "export", "fields", "parquet_schema"]
