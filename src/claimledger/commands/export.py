"""``claimledger export``: every ledger table as JSONL, CSV or Parquet files."""

from __future__ import annotations

import click

from claimledger.commands._common import db_option, open_for_reading


@click.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "acled", "gdelt"]),
    default="jsonl",
    show_default=True,
    help="jsonl/csv/parquet: every table; acled: acled.csv; gdelt: gdelt_events.csv and gdelt_gkg.csv.",
)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write into.")
def command(db: str, fmt: str, out_dir: str) -> None:
    """Export the ledger to OUT: every table (documents, claims, figures, times, places, events,
    stories, comparisons, claim groups, timeline, actors, errors), or ACLED-/GDELT-shaped tables."""
    from claimledger.ledger.export import export

    with open_for_reading(db) as ledger:
        paths = export(ledger, out_dir, fmt)
    for path in paths:
        click.echo(str(path))
