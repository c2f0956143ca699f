"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import click

db_option = click.option(
    "--db",
    "db",
    default="claimledger.duckdb",
    show_default=True,
    envvar="CLAIMLEDGER_DB",
    help="Ledger: a DuckDB file path, or a postgresql:// URL.",
)


def open_for_reading(db: str):  # type: ignore[no-untyped-def]
    """Open the ledger read-only; a ledger from an older claimledger is upgraded first (once)."""
    from claimledger.errors import SchemaError
    from claimledger.ledger import open_ledger

    try:
        return open_ledger(db, read_only=True)
    except SchemaError as exc:
        if "newer claimledger" in exc.message:
            raise
    with open_ledger(db) as ledger:  # applies the pending migrations
        click.echo(f"upgraded {db} to ledger schema {ledger.schema_version}", err=True)
    return open_ledger(db, read_only=True)
