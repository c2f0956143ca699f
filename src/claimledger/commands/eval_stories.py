"""``claimledger eval stories``: prints :func:`claimledger.evaluate.stories.evaluate_stories`'s scores."""

from __future__ import annotations

import json

import click


@click.command(name="stories")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), help="JSONL articles (default: ours).")
@click.option("--expected", type=click.Path(exists=True, dir_okay=False), help="Expected stories JSON.")
@click.option("--encoder", type=click.Choice(["wordllama", "minilm"]), default="wordllama", show_default=True)
@click.option("--no-ablate", is_flag=True, help="Skip the one-feature-off runs.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def command(corpus: str | None, expected: str | None, encoder: str, no_ablate: bool, as_json: bool) -> None:
    """Story assignment (B-cubed P/R/F1) on our multi-article corpus, against a TF-IDF
    average-link baseline, with each feature ablated, and the independent origins per story."""
    from claimledger.evaluate.stories import as_dict, evaluate_stories, format_stories

    score = evaluate_stories(corpus, expected, encoder=encoder, ablate=not no_ablate)
    click.echo(json.dumps(as_dict(score), indent=1) if as_json else format_stories(score))
