"""``claimledger settings``: every setting, its environment variable, default and current value."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command(name="settings")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
    help="table for reading, json (one object per line) for scripts, markdown for the README's table.",
)
def command(fmt: str) -> None:
    """List every setting: its environment variable, default, current value and what it does."""
    from claimledger import settings

    if fmt == "markdown":
        click.echo(settings.markdown_table(), nl=False)
        return
    rows = settings.describe()
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in row.items()}))
        return
    for row, setting in zip(rows, settings.SETTINGS, strict=True):
        env = row["env"]
        shown = f"{row['value']}  (${env})" if row["set"] else f"{setting.shown_default}  (default; ${env})"
        click.echo(f"{row['name']} = {shown}")
        click.echo(f"    {row['help']}")
