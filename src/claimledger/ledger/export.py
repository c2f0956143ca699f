"""Export a ledger as the interchange-contract files: one file per table, JSONL, CSV or Parquet.

``export(ledger, out_dir, "acled")`` writes ``acled.csv`` (ACLED's columns and conventions plus our
claim ids: :mod:`claimledger.formats.acled`); ``"gdelt"`` writes ``gdelt_events.csv`` (Events 2.0
columns) and ``gdelt_gkg.csv`` (one GKG-like row per article, quotations with their speaker:
:mod:`claimledger.formats.gdelt`).

``export(ledger, out_dir, fmt)`` writes ``documents, claims, figures, times, places, events,
actors, errors, stories`` (``.jsonl`` / ``.csv`` / ``.parquet``), every file even when its table is empty.
Field names and order come from the models' ``to_record()`` and nothing else; the Parquet types
are derived from the models' field types (:func:`claimledger.models.record_types`).

* JSONL: one ``to_record()`` per line; nested objects (``source``, ``cue``, ``content``,
  ``channel``, ``normalized`` …) stay nested.  JSON has no NaN/Infinity: such floats become null.
* CSV: a header row of the field names; nested objects and lists as JSON text; null as an empty
  cell; booleans as ``true``/``false``.
* Parquet: typed columns — nested records (spans, sources, channel hops) as structs, tuples as
  list columns, dates as dates; offsets (``start``/``end``) are int32, other integers int64;
  timestamps stay ISO text, as in ``to_record()``.  A free-form ``dict`` (``events.place``, its shape
  is the event builder's) is JSON text; a ``TypedDict`` (``figures.normalized``: ``{value, unit}``)
  is a struct, and keys beyond its own are an error, not dropped.

Each file is written to a temporary name and renamed when complete, so an interrupted export
never leaves a truncated file behind.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import math
import os
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any, Literal, get_args

from claimledger.errors import LedgerError
from claimledger.ledger.base import Ledger
from claimledger.ledger.rows import finite_or_none
from claimledger.ledger.schema import SPECS
from claimledger.models import Article, Event, is_record, optional, record_types

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")  # one file per table
SHAPED_FORMATS: tuple[str, ...] = ("acled", "gdelt")  # ACLED-/GDELT-shaped tables
ALL_FORMATS: tuple[str, ...] = FORMATS + SHAPED_FORMATS
EXPORT_TABLES: tuple[str, ...] = (
    "documents",
    "claims",
    "figures",
    "times",
    "places",
    "events",
    "actors",
    "errors",
    "stories",
    "comparisons",
    "claim_groups",
    "timeline",
)


def fields(table: str) -> list[str]:
    """The contract field names of ``table``'s export, in order (the keys of its model's records)."""
    return list(record_types(SPECS[table].model))


def export(ledger: Ledger, out_dir: str | Path, fmt: str = "jsonl") -> list[Path]:
    """Write every table of ``ledger`` to ``out_dir`` (created) as ``fmt``; return the paths.

    Raises:
        LedgerError: unknown format, or a value that the format cannot hold.
    """
    if fmt not in ALL_FORMATS:
        raise LedgerError(f"unknown export format {fmt!r}; one of {', '.join(ALL_FORMATS)}", input=str(out_dir))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "acled":
        return [_export_acled(ledger, out)]
    if fmt == "gdelt":
        return _export_gdelt(ledger, out)
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


# ---- ACLED- and GDELT-shaped tables (formats/acled.py, formats/gdelt.py write the rows) --------
def _write_rows(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Path:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            out = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
            out.writeheader()
            for row in rows:
                out.writerow(
                    {k: _csv_cell(v) if isinstance(v, bool | dict | list | tuple) else v for k, v in row.items()}
                )
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _light_articles(ledger: Ledger, wanted: set[str] | None = None) -> dict[str, Article]:
    """doc_id -> the article without its text (the exports need its outlet, date and URL only)."""
    out = {}
    for a in ledger.iter_records("documents"):
        doc_id = a.doc_id
        if wanted is None or doc_id in wanted:
            out[doc_id] = dataclasses.replace(a, text="")
    return out


def _export_acled(ledger: Ledger, out: Path) -> Path:
    """``acled.csv``: one ACLED-shaped row per event (:mod:`claimledger.formats.acled`)."""
    from claimledger.formats.acled import COLUMNS, acled_rows

    events: list[Event] = list(ledger.iter_records("events"))
    claim_ids = {c for e in events for c in (*e.supporting_claims, *e.contesting_claims, *e.refusing_claims)}
    figure_ids = {f for e in events for f in e.figures}
    claims = {c.claim_id: c for c in ledger.iter_records("claims") if c.claim_id in claim_ids}
    figures = {f.figure_id: f for f in ledger.iter_records("figures") if f.figure_id in figure_ids}
    articles = _light_articles(ledger, {d for e in events for d in e.doc_ids})
    return _write_rows(out / "acled.csv", COLUMNS, acled_rows(events, claims, figures, articles))


def _export_gdelt(ledger: Ledger, out: Path) -> list[Path]:
    """``gdelt_events.csv`` (Events 2.0 columns) and ``gdelt_gkg.csv`` (one GKG-like row per article)."""
    from claimledger.formats.gdelt import (
        EVENT_COLUMNS,
        GKG_COLUMNS,
        OUR_EVENT_COLUMNS,
        OUR_GKG_COLUMNS,
        event_rows,
        gkg_row,
    )

    events: list[Event] = list(ledger.iter_records("events"))
    articles = _light_articles(ledger)
    paths = [_write_rows(out / "gdelt_events.csv", (*EVENT_COLUMNS, *OUR_EVENT_COLUMNS), event_rows(events, articles))]
    measures = {p.figure_id: p.measure for p in ledger.iter_records("timeline")}
    doc_ids = sorted(articles)

    def rows() -> Iterator[dict[str, Any]]:
        for i in range(0, len(doc_ids), 500):  # a chunk of readings at a time: memory stays flat
            for reading in ledger.readings_many(doc_ids[i : i + 500]):
                yield gkg_row(reading, measures)

    paths.append(_write_rows(out / "gdelt_gkg.csv", (*GKG_COLUMNS, *OUR_GKG_COLUMNS), rows()))
    return paths


# ---- Parquet ---------------------------------------------------------------------------------
def arrow_type(tp: Any, name: str = "") -> Any:
    """The ``pyarrow`` type of a model field's record value.

    Args:
        tp: the field's type (from :func:`claimledger.models.record_types`).
        name: the field's name: ``start``/``end`` are character offsets, int32 (an article is far
            below 2**31 characters); other integers are int64.
    """
    import pyarrow as pa

    tp, _ = optional(tp)
    origin = typing.get_origin(tp)
    if is_record(tp):
        return pa.struct([(k, arrow_type(t, k)) for k, t in record_types(tp).items()])
    if typing.is_typeddict(tp):
        return pa.struct([(k, arrow_type(t, k)) for k, t in typing.get_type_hints(tp).items()])
    if origin is tuple or origin is list:
        return pa.list_(arrow_type(get_args(tp)[0]))
    if origin is Literal:
        return arrow_type(type(get_args(tp)[0]), name)
    if tp is bool:
        return pa.bool_()
    if tp is int:
        return pa.int32() if name in ("start", "end") else pa.int64()
    if tp is float:
        return pa.float64()
    if tp is date:
        return pa.date32()
    # str; datetime (to_record() writes ISO text); dict (free-form: JSON text, see _prepare)
    return pa.string()


def parquet_schema(table: str) -> Any:
    """The ``pyarrow.Schema`` of ``table``'s Parquet export (field names = ``fields(table)``)."""
    import pyarrow as pa

    return pa.schema([(name, arrow_type(tp, name)) for name, tp in record_types(SPECS[table].model).items()])


def _conversions(table: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """``(field, what, keys)`` for the record values Parquet needs changed: ``date`` fields back from
    ISO text, free-form dicts to JSON text, TypedDicts checked to have only their own ``keys``."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for name, tp in record_types(SPECS[table].model).items():
        tp, _ = optional(tp)
        if tp is date:
            out.append((name, "date", ()))
        elif typing.is_typeddict(tp):
            out.append((name, "struct", tuple(typing.get_type_hints(tp))))
        elif tp is dict or typing.get_origin(tp) is dict:
            out.append((name, "json", ()))
    return out


def _prepare(rec: dict[str, Any], table: str, conversions: list[tuple[str, str, tuple[str, ...]]]) -> dict[str, Any]:
    for name, what, keys in conversions:
        value = rec.get(name)
        if what == "date" and value:
            rec[name] = date.fromisoformat(value)
        elif what == "json" and value is not None:
            rec[name] = _json(value)
        elif what == "struct" and value is not None:
            extra = set(value) - set(keys)
            if extra:
                raise LedgerError(
                    f"{table}.{name} has keys {sorted(extra)} beyond {'/'.join(keys)}; Parquet would drop them",
                    input=str(next(iter(rec.values()))),  # the record's first field: its id
                )
    return rec


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(records)
    while batch := list(islice(it, size)):
        yield batch


def _write_parquet(path: Path, table: str, records: Iterator[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(table)
    conversions = _conversions(table)
    with pq.ParquetWriter(path, schema) as writer:
        wrote = False
        for batch in _batches((_prepare(r, table, conversions) for r in records), 5000):
            try:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            except (pa.ArrowException, TypeError, ValueError) as exc:
                raise LedgerError(f"cannot write {table} as Parquet: {exc}", input=str(path)) from exc
            wrote = True
        if not wrote:
            writer.write_table(schema.empty_table())


__all__ = [
    "ALL_FORMATS",
    "EXPORT_TABLES",
    "FORMATS",
    "SHAPED_FORMATS",
    "arrow_type",
    "export",
    "fields",
    "parquet_schema",
]
