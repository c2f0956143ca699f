"""``claimledger sql``: ad-hoc read-only SQL over the ledger."""

from __future__ import annotations

import csv
import json
import sys

import click

from claimledger.commands._common import db_option, open_for_reading


@click.command("sql")
@click.argument("query")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def command(query: str, db: str, fmt: str) -> None:
    """Run a read-only SQL QUERY (tables: documents, claims, figures, times, places, actors, events, errors)."""
    with open_for_reading(db) as ledger:
        columns, rows = ledger.sql(query)
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console().print(table)
