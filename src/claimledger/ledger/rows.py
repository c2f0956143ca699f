"""Model objects <-> table rows, derived from the table specs of ``schema.py``.

A row holds the model's fields in ``schema.COLUMNS`` order: nested records (a claim's
``source``/``cue``/``content``) flattened into ``<field>_<key>`` columns, lists and dicts as JSON
text, scalars as they are (a ``date`` stays a date for the ``DATE`` column).  Reading a row back
goes through the model's own ``from_record``, so writing and reading name no field by hand.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from claimledger.errors import LedgerError
from claimledger.ledger.schema import ARTICLE_TABLES, SPECS, Column, Table, model_columns
from claimledger.models import Reading, is_record, optional, plain, record_types

Row = tuple[Any, ...]

_NESTED: dict[type[Any], list[tuple[str, tuple[str, ...], bool]]] = {}


def _nested(model: type[Any]) -> list[tuple[str, tuple[str, ...], bool]]:
    """The nested record fields of ``model`` flattened into columns: ``(field, its keys, may be
    None)`` (``claim.source`` is None for the writer's own assertions)."""
    found = _NESTED.get(model)
    if found is None:
        found = _NESTED[model] = []
        for field, tp in record_types(model).items():
            inner, nullable = optional(tp)
            if is_record(inner):
                found.append((field, tuple(record_types(inner)), nullable))
    return found


def dump_json(value: Any, *, input: str) -> str | None:
    """JSON text for a JSON column (None stays SQL NULL).  Non-finite floats are refused: JSON has
    no Infinity/NaN, and silently turning them into null would change the data."""
    if value is None:
        return None
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise LedgerError(f"cannot store value as JSON ({exc}): {value!r:.200}", input=input) from exc


def load_json(value: Any) -> Any:
    """The value of a JSON column as read (text from both backends) parsed; other values as they are."""
    return json.loads(value) if isinstance(value, str) else value


def now() -> datetime:
    """The current UTC time, naive (stored in TIMESTAMP columns on both backends)."""
    return datetime.now(UTC).replace(tzinfo=None)


def column_values(columns: Sequence[Column], obj: Any, own: dict[str, Any], where: str) -> list[Any]:
    """The values of ``columns`` for ``obj`` (a model object, or the reading for its own fields);
    a column named in ``own`` takes its value from there (``seq``, ``ingested_at``)."""
    out = []
    for col in columns:
        if col.name in own:
            out.append(own[col.name])
            continue
        value = getattr(obj, col.field)
        if col.sub is not None:
            value = None if value is None else getattr(value, col.sub)
        out.append(dump_json(plain(value), input=where) if col.json else value)
    return out


def record_row(table: str, obj: Any, own: dict[str, Any] | None = None) -> Row:
    """The row of ``table`` holding the model object ``obj``; ``own`` gives the values of the
    ledger's own columns (``doc_id`` and ``seq`` of an event) and of any column to override.

    Args:
        table: a table of ``schema.SPECS`` whose model ``obj`` is.
        obj: the object.
        own: column name -> value.
    """
    spec = SPECS[table]
    where = f"{getattr(obj, spec.key[0], '?')} ({table})"
    return tuple(column_values(spec.columns, obj, dict(own or {}), where))


def document_row(reading: Reading, ingested_at: datetime) -> Row:
    """The ``documents`` row of ``reading``: its article, the reading's own fields, ``ingested_at``."""
    spec, where = SPECS["documents"], f"{reading.doc_id} (documents)"
    own = {"ingested_at": ingested_at}
    return (
        *column_values(model_columns(spec.model), reading.article, own, where),
        *column_values(spec.extra, reading, own, where),
    )


def child_rows(reading: Reading) -> dict[str, list[Row]]:
    """Rows of every article table for one reading, keyed by table name.

    Raises:
        LedgerError: a record names another document than the reading's (naming the doc_id).
    """
    doc_id = reading.doc_id
    out: dict[str, list[Row]] = {}
    for table in ARTICLE_TABLES:
        spec, where = SPECS[table], f"{doc_id} ({table})"
        columns = spec.columns
        rows = []
        for seq, item in enumerate(getattr(reading, table)):
            mine = getattr(item, "doc_id", doc_id)
            if mine != doc_id:
                raise LedgerError(
                    f"{table[:-1]} #{seq} belongs to document {mine!r}, not to this reading", input=doc_id
                )
            # events have no doc_id field: their doc_id column names the article whose reading wrote them
            rows.append(tuple(column_values(columns, item, {"seq": seq, "doc_id": doc_id}, where)))
        out[table] = rows
    return out


@functools.cache
def _json_columns(spec: Table) -> frozenset[str]:
    return frozenset(c.name for c in spec.columns if c.json)


def _record(table: str, columns: Sequence[str], row: Row) -> dict[str, Any]:
    json_cols = _json_columns(SPECS[table])
    return {c: load_json(v) if c in json_cols else v for c, v in zip(columns, row, strict=True)}


def to_model(table: str, columns: Sequence[str], row: Row) -> Any:
    """The model object (Article, Claim, …, ErrorRecord) for one row of ``table``.

    Args:
        table: the table the row comes from.
        columns: the row's column names, in order (a subset of ``schema.COLUMNS[table]`` works
            when it holds every field the model needs).
        row: the values.
    """
    rec = _record(table, columns, row)
    model = SPECS[table].model
    for field, keys, nullable in _nested(model):
        nested = {k: rec.get(f"{field}_{k}") for k in keys}
        # every column of an absent nested record is NULL (write never stores a partial one)
        rec[field] = None if nullable and all(v is None for v in nested.values()) else nested
    return model.from_record(rec)


def notes_of(columns: Sequence[str], row: Row) -> tuple[str, ...]:
    """The reading's ``notes`` from its ``documents`` row."""
    return tuple(_record("documents", columns, row).get("notes") or ())


def finite_or_none(value: Any) -> Any:
    """Recursively replace NaN/±inf by None (for JSON exports, which have no such numbers)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite_or_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite_or_none(v) for v in value]
    return value


__all__ = ["child_rows", "column_values", "document_row", "record_row", "to_model"]
