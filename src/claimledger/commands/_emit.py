"""Output shared by the list commands (events, conflicts, timeline, claims): JSONL, CSV or a table."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMATS: tuple[str, ...] = ("table", "jsonl", "csv")


def short(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def emit(
    fmt: str,
    records: Iterable[Mapping[str, Any]],
    rows: Sequence[Mapping[str, Any]],
    *,
    title: str,
    widths: Mapping[str, int] | None = None,
) -> None:
    """Write ``records`` (JSONL: the full contract records) or ``rows`` (CSV and table: flat cells).

    Args:
        fmt: ``table``, ``jsonl`` or ``csv``.
        records: one JSON-ready dict per item (for ``jsonl``).
        rows: one flat dict per item, the same keys in each (for ``csv`` and ``table``).
        title: the table's title.
        widths: column -> at most this many characters in the table (others unbounded).
    """
    if fmt == "jsonl":
        for rec in records:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns or ["id"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for col in columns:
        table.add_column(col, overflow="fold")
    limits = widths or {}
    for r in rows:
        table.add_row(*(short("" if r[c] is None else str(r[c]), limits.get(c, 10_000)) for c in columns))
    Console().print(table)


__all__ = ["FORMATS", "emit", "short"]
