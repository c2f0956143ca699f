"""``claimledger eval polnear``: prints :func:`claimledger.evaluate.polnear.run`'s attribution scores."""

from __future__ import annotations

import json

import click

from claimledger.commands._common import attribution_option
from claimledger.evaluate.polnear import SPLITS, format_table, run


@click.command(name="polnear")
@click.option("--split", default="dev", show_default=True, help="train or dev (test is held out)")
@click.option(
    "--pred",
    type=click.Path(file_okay=False),
    default=None,
    help="folder of NAME.ann predictions (default: annotate the split now)",
)
@click.option(
    "--errors",
    "show_errors",
    is_flag=True,
    help="list misses and false alarms by category (with --pronouns: every judged item)",
)
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON")
@click.option("--n-process", default=1, show_default=True, help="processes used to annotate")
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default=None,
    help="keep the annotated NAME.ann files here (to rerun the reference scorer on them)",
)
@click.option(
    "--reliability",
    is_flag=True,
    help="print the calibration of the claims' confidence (reliability bins, precision/recall per threshold)",
)
@click.option(
    "--pronouns",
    is_flag=True,
    help="list the gold sources that are a bare pronoun with our resolution, scored on the hand judgements",
)
@attribution_option
def command(
    split: str,
    pred: str | None,
    show_errors: bool,
    as_json: bool,
    n_process: int,
    out: str | None,
    attribution: str | None,
    reliability: bool = False,
    pronouns: bool = False,
) -> None:
    """Score attributions on PolNeAR (same numbers as shared/eval/polnear_score.py)."""
    if split not in SPLITS:
        raise click.UsageError(f"--split {split}: the PolNeAR test split is held out; use train or dev")
    if pronouns:
        from claimledger.evaluate import pronouns as pron

        items = pron.run(split)
        click.echo(pron.format_report(items, pron.load_judgements(), verbose=show_errors))
        return
    if reliability:
        from claimledger.evaluate.polnear_reliability import format_reliability, scored_records
        from claimledger.nlp.pipeline import OPTIONAL_PARTS, build_nlp

        scored, n_gold = scored_records(split, build_nlp(attribution=attribution, exclude=OPTIONAL_PARTS))
        click.echo(format_reliability(scored, n_gold, f"PolNeAR {split}: confidence of the ledger's claims"))
        return
    result, gold, preds = run(split, pred, n_process=n_process, out=out, attribution=attribution)
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        click.echo(format_table(result, f"PolNeAR {split}  pred={pred or '(current pipeline)'}"))
    if show_errors:
        from claimledger.evaluate.polnear_errors import analyse, format_report

        click.echo(format_report(analyse(gold, preds)))
