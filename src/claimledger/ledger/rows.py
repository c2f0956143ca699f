"""Model objects <-> table rows.  The models' ``to_record``/``from_record`` are the only source of
field names; this module only flattens the nested ``source``/``cue``/``content`` of a claim into
columns and (de)serialises the JSON columns.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from claimledger.errors import LedgerError
from claimledger.ledger.schema import COLUMNS, JSON_COLUMNS
from claimledger.models import Actor, Article, Claim, Event, Figure, Place, Reading, TimeRef

Row = tuple[Any, ...]

MODELS: dict[str, type] = {
    "claims": Claim,
    "figures": Figure,
    "times": TimeRef,
    "places": Place,
    "actors": Actor,
    "events": Event,
}


@dataclass(frozen=True)
class ErrorRecord:
    """One input that failed: the last code and message, when it was first/last seen, how often,
    and ``resolved_at`` once the same input was later stored successfully."""

    input: str
    code: str
    message: str
    first_seen: datetime
    last_seen: datetime
    count: int = 1
    resolved_at: datetime | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "code": self.code,
            "message": self.message,
            "first_seen": self.first_seen.isoformat(),
            "last_seen": self.last_seen.isoformat(),
            "count": self.count,
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> ErrorRecord:
        def ts(v: Any) -> datetime | None:
            return datetime.fromisoformat(v) if isinstance(v, str) else v

        return cls(
            input=rec["input"],
            code=rec["code"],
            message=rec["message"],
            first_seen=ts(rec["first_seen"]),  # type: ignore[arg-type]
            last_seen=ts(rec["last_seen"]),  # type: ignore[arg-type]
            count=int(rec.get("count") or 1),
            resolved_at=ts(rec.get("resolved_at")),
        )


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
    return json.loads(value) if isinstance(value, str) else value


def now() -> datetime:
    """The current UTC time, naive (stored in TIMESTAMP columns on both backends)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _row(table: str, rec: dict[str, Any], doc_id: str) -> Row:
    json_cols = JSON_COLUMNS.get(table, frozenset())
    where = f"{doc_id} ({table})"
    return tuple(dump_json(rec.get(c), input=where) if c in json_cols else rec.get(c) for c in COLUMNS[table])


def document_row(reading: Reading, ingested_at: datetime) -> Row:
    rec = reading.article.to_record()
    rec["published"] = reading.article.published
    rec["notes"] = list(reading.notes)
    rec["ingested_at"] = ingested_at
    rec["signature"] = reading.signature
    return _row("documents", rec, reading.doc_id)


def claim_record_to_columns(rec: dict[str, Any]) -> dict[str, Any]:
    """A claim's contract record flattened to ``claims`` columns."""
    out = dict(rec)
    src = rec.get("source") or {}
    for key in ("text", "start", "end", "name", "kind", "role", "affiliation", "entity_id"):
        out[f"source_{key}"] = src.get(key)
    for part in ("cue", "content"):
        for key in ("text", "start", "end"):
            out[f"{part}_{key}"] = rec[part][key]
    return out


def child_rows(reading: Reading) -> dict[str, list[Row]]:
    """Rows of every article table for one reading, keyed by table name."""
    doc_id = reading.doc_id
    out: dict[str, list[Row]] = {}
    for table in MODELS:
        items: Sequence[Any] = getattr(reading, table)
        rows = []
        for seq, item in enumerate(items):
            rec = item.to_record()
            own = rec.get("doc_id", doc_id)
            if own != doc_id:
                raise LedgerError(f"{table[:-1]} #{seq} belongs to document {own!r}, not to this reading", input=doc_id)
            if table == "claims":
                rec = claim_record_to_columns(rec)
            rec["doc_id"] = doc_id  # events: the article whose reading wrote it
            rec["seq"] = seq
            rows.append(_row(table, rec, doc_id))
        out[table] = rows
    return out


def _record(table: str, columns: Sequence[str], row: Row) -> dict[str, Any]:
    json_cols = JSON_COLUMNS.get(table, frozenset())
    return {c: load_json(v) if c in json_cols else v for c, v in zip(columns, row, strict=True)}


def to_model(table: str, columns: Sequence[str], row: Row) -> Any:
    """The model object (Article, Claim, …, ErrorRecord) for one row of ``table``."""
    rec = _record(table, columns, row)
    if table == "documents":
        return Article.from_record(rec)
    if table == "errors":
        return ErrorRecord.from_record(rec)
    if table == "claims":
        if rec.get("source_start") is not None:
            rec["source"] = {
                k: rec[f"source_{k}"]
                for k in ("text", "start", "end", "name", "kind", "role", "affiliation", "entity_id")
            }
        else:
            rec["source"] = None
        rec["cue"] = {k: rec[f"cue_{k}"] for k in ("text", "start", "end")}
        rec["content"] = {k: rec[f"content_{k}"] for k in ("text", "start", "end")}
    return MODELS[table].from_record(rec)  # type: ignore[attr-defined]


def notes_of(columns: Sequence[str], row: Row) -> tuple[str, ...]:
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


__all__ = ["MODELS", "ErrorRecord", "child_rows", "document_row", "to_model"]
