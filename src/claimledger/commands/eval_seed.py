"""``claimledger eval seed``: prints :func:`claimledger.evaluate.seed.evaluate_seed`'s score."""

from __future__ import annotations

from pathlib import Path

import click

from claimledger.commands._common import attribution_option
from claimledger.evaluate.seed import evaluate_seed


@click.command("seed")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Keep the JSONL export here (default: a temporary folder).",
)
@click.option("--verbose", is_flag=True, help="List every miss.")
@attribution_option
def command(out_dir: str | None, verbose: bool, attribution: str | None) -> None:
    """Score the seed article's reading against ../shared/data/seed/kursk-expected.json."""
    score = evaluate_seed(Path(out_dir) if out_dir else None, attribution=attribution)
    click.echo(score.format(verbose=verbose))
