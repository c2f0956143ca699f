"""``claimledger eval html``: prints :func:`claimledger.evaluate.html.evaluate_html`'s scores."""

from __future__ import annotations

import json
from pathlib import Path

import click

from claimledger.evaluate.html import as_dict, evaluate_html, format_html


@click.command("html")
@click.option(
    "--bench",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="html-bench folder (default: ../shared/data/html-bench).",
)
@click.option("--baseline/--no-baseline", default=True, help="Also score trafilatura alone in the same run.")
@click.option(
    "--bootstrap",
    "n_bootstrap",
    type=int,
    default=1000,
    show_default=True,
    help="Bootstrap resamples for the ± intervals (0: none).",
)
@click.option("--limit", type=int, default=None, help="Only the first N pages (by id).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def command(bench: Path | None, baseline: bool, n_bootstrap: int, limit: int | None, as_json: bool) -> None:
    """Main-text extraction P/R/F1 of HTML ingest on html-bench, with metadata accuracy and speed."""
    ev = evaluate_html(bench, baseline=baseline, n_bootstrap=n_bootstrap, limit=limit)
    click.echo(json.dumps(as_dict(ev), indent=2) if as_json else format_html(ev))
