"""``claimledger eval places``: prints the scores of :mod:`claimledger.evaluate.places`."""

from __future__ import annotations

import click

from claimledger.evaluate import places as scorer


@click.command(name="places")
@click.option("--limit", type=int, default=None, help="only the first N GeoVirus articles")
@click.option("--misses", is_flag=True, help="list geocoding errors over 161 km")
def command(limit: int | None, misses: bool) -> None:
    """GeoVirus recognition/Acc@161km, seed places and metonyms, our three case sets' accuracy per category."""
    nlp = scorer.build_eval_nlp()
    click.echo(scorer.format_seed(scorer.score_seed(nlp)))
    click.echo(scorer.format_cases(scorer.score_cases(nlp), misses))
    news = scorer.score_cases(nlp, scorer.NEWS_CASES_PATH)
    click.echo(scorer.format_cases(news, misses, scorer.NEWS_CASES_PATH.name))
    heldout = scorer.score_cases(nlp, scorer.HELDOUT_CASES_PATH)
    click.echo(scorer.format_cases(heldout, misses, scorer.HELDOUT_CASES_PATH.name))
    click.echo(scorer.format_geovirus(scorer.score_geovirus(nlp, limit=limit), misses))
