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
