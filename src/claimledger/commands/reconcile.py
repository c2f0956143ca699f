"""``claimledger reconcile``: rebuild the stories (and what is derived from them) from scratch."""

from __future__ import annotations

import click

from claimledger.commands._common import db_option


@click.command("reconcile")
@db_option
@click.option(
    "--incremental",
    is_flag=True,
    help="Only assign the articles without a story and finish pending stories (what ingest does after each batch).",
)
@click.option(
    "--encoder",
    type=click.Choice(["wordllama", "minilm"]),
    default="wordllama",
    show_default=True,
    help="Text encoder for story assignment (a rebuild may switch; incremental must keep the ledger's).",
)
def command(db: str, incremental: bool, encoder: str) -> None:
    """Assign every article to a story in publication order, from scratch, then reconcile each story
    (events across articles, figure comparisons, claim groups, timelines).  Resumable: a run that
    was killed can be started again (with --incremental it continues where it stopped)."""
    from claimledger.ledger import open_ledger
    from claimledger.reconcile.run import reconcile

    with open_ledger(db) as ledger:
        report = reconcile(ledger, rebuild=not incremental, encoder=encoder)
    click.echo(report.summary())
