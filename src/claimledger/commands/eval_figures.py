"""``claimledger eval figures``: prints :func:`claimledger.evaluate.figures.evaluate`'s scores."""

from __future__ import annotations

import click

from claimledger.evaluate.figures import evaluate, format_figures


@click.command(name="figures")
@click.option("--misses", is_flag=True, help="list the cases we get wrong")
def command(misses: bool) -> None:
    """Seed figures, Recognizers-Text specs, quantulum3 cases and our case set."""
    click.echo(format_figures(evaluate(), misses=misses))
