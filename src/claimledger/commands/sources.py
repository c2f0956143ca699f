"""``claimledger sources``: every source in the ledger with its kind, role and how much it claimed."""

from __future__ import annotations

import json
import sys

import click

from claimledger.commands._common import db_option, open_for_reading


@click.command("sources")
@db_option
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many sources.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def command(db: str, limit: int, fmt: str) -> None:
    """List the sources (canonical names across articles), most claims first.

    Then `claimledger claims --source NAME` lists every claim of one of them.
    """
    with open_for_reading(db) as ledger:
        rows = ledger.sources()[:limit]
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} sources")
    for col in ("name", "kind", "role", "affiliation", "claims", "documents", "first", "last"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            *(
                str(r.get(k) or "")
                for k in (
                    "name",
                    "kind",
                    "role",
                    "affiliation",
                    "claims",
                    "documents",
                    "first_published",
                    "last_published",
                )
            )
        )
    Console().print(table)
