"""``claimledger export``: every ledger table as JSONL, CSV or Parquet files."""

from __future__ import annotations

import click

from claimledger.commands._common import db_option, open_for_reading


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write into.")
def command(db: str, fmt: str, out_dir: str) -> None:
    """Export documents, claims, figures, times, places, events (+ actors, errors) to OUT."""
    from claimledger.ledger.export import export

    with open_for_reading(db) as ledger:
        paths = export(ledger, out_dir, fmt)
    for path in paths:
        click.echo(str(path))
