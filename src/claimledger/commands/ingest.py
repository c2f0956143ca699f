"""``claimledger ingest``: read files/folders, analyse, store in the ledger."""

from __future__ import annotations

import click

from ._common import db_option


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--published", help="Publication date for articles that carry none (YYYY-MM-DD).")
@click.option("--outlet", help="Outlet for articles that carry none.")
@click.option("--url", help="URL for articles that carry none.")
@click.option("--title", help="Title for articles that carry none.")
@click.option("-j", "--processes", "n_process", default=1, show_default=True, help="Worker processes.")
@click.option("--batch-size", default=32, show_default=True, help="Documents per spaCy batch.")
@click.option("--attribution", type=click.Choice(["rules", "model"]), default=None,
              help="Attribution extractor (default: the learned model when it ships, else rules).")
@click.option("--quiet", is_flag=True, help="No progress, no per-error lines.")
def command(paths: tuple[str, ...], db: str, published: str | None, outlet: str | None, url: str | None,
            title: str | None, n_process: int, batch_size: int, attribution: str | None, quiet: bool) -> int:
    """Ingest PATHS (.txt, .jsonl, .csv, .html, feeds, .warc, folders; gzip'd too) into the ledger."""
    from ..engine import ingest
    from ..ingest.metadata import Metadata, parse_date
    from ..ingest.reader import read_paths
    from ..ledger import open_ledger
    from ..nlp.pipeline import build_nlp

    defaults = Metadata(
        published=parse_date(published, input="--published") if published else None,
        outlet=outlet,
        url=url,
        title=title,
    )
    nlp = build_nlp(attribution=attribution)

    def progress(report) -> None:  # type: ignore[no-untyped-def]
        if not quiet and report.seen % 25 == 0:
            click.echo(f"\r{report.seen} articles, {report.stored / max(report.seconds, 1e-9):.1f}/s", nl=False,
                       err=True)

    with open_ledger(db) as ledger:
        report = ingest(read_paths(list(paths), defaults=defaults), ledger, nlp=nlp, n_process=n_process,
                        batch_size=batch_size, progress=progress)
    if not quiet:
        click.echo("", err=True)
        for err in report.errors:
            click.echo(f"error: {err}", err=True)
    click.echo(report.summary())
    return 1 if report.failed and not report.stored and not report.unchanged else 0
