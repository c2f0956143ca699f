"""``claimledger eval events``: prints :func:`claimledger.evaluate.events.evaluate_events`'s scores."""

from __future__ import annotations

import click


@click.command(name="events")
@click.option("--db", type=click.Path(exists=True, dir_okay=False), help="A ledger of the corpus (default: ingest it).")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), help="JSONL articles (default: ours).")
@click.option("--expected", type=click.Path(exists=True, dir_okay=False), help="Expected events JSON.")
@click.option("--stories", type=click.Path(exists=True, dir_okay=False), help="Expected stories JSON.")
@click.option("--verbose", is_flag=True, help="List every miss.")
def command(db: str | None, corpus: str | None, expected: str | None, stories: str | None, verbose: bool) -> None:
    """Events across articles (P/R, claim links with their role, dates) and figure-conflict
    detection (P/R) on our multi-article corpus (tests/data/reconcile/)."""
    from claimledger.evaluate.events import evaluate_events

    score = evaluate_events(db, corpus=corpus, expected=expected, stories=stories)
    click.echo(score.format(verbose=verbose))
