"""``claimledger demo``: ingest the bundled sample articles (and the seed article), show the ledger, then
serve it (the REST API and the web app) until Ctrl-C; ``--no-serve`` stops after showing."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import click

from claimledger.commands._common import db_option

# The seed article's text carries no date; the analysts' reading assumes it was published on this day.
SEED_PUBLISHED = date(2025, 2, 1)


def sample_paths() -> list[Path]:
    """The bundled samples, plus the seed article from ../shared when it is there."""
    paths = [Path(str(resources.files("claimledger") / "data" / "samples" / "samples.jsonl"))]
    from claimledger.paths import shared_dir

    seed = shared_dir() / "data" / "seed" / "kursk-article.txt"
    if seed.exists():
        paths.append(seed)
    return paths


@click.command("demo")
@db_option
@click.option("--show/--no-show", default=True, help="Print the first article with highlights.")
@click.option("--serve/--no-serve", default=True, help="Then serve the ledger (API and web app) until Ctrl-C.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to serve on.")
def command(db: str, show: bool, serve: bool, host: str, port: int) -> None:
    """Ingest the sample articles into DB, list the claims, show one article, then serve the ledger."""
    from claimledger.commands.claims import command as claims_command
    from claimledger.commands.show import render
    from claimledger.engine import ingest
    from claimledger.errors import InputError
    from claimledger.ingest.metadata import Metadata
    from claimledger.ingest.reader import read_paths
    from claimledger.ledger import open_ledger
    from claimledger.models import Article

    paths = sample_paths()
    with open_ledger(db) as ledger:
        items: list[Article | InputError] = []
        for path in paths:
            meta = Metadata(published=SEED_PUBLISHED) if path.suffix == ".txt" else Metadata()
            items.extend(read_paths([str(path)], defaults=meta))
        report = ingest(items, ledger)
        click.echo(f"ledger {db}: {report.summary()}")
        for err in report.errors:
            click.echo(f"error: {err}", err=True)
        first = sorted(ledger.doc_ids())
        reading = ledger.reading(first[0]) if first and show else None
    ctx = click.get_current_context()
    ctx.invoke(claims_command, db=db)  # its other options at their defaults (a table of every claim)
    if reading is not None:
        render(reading)
    if not serve:
        click.echo(f"\nNext: claimledger serve --db {db} · claimledger export --db {db} --format jsonl --out out/")
        return
    from claimledger.commands.serve import command as serve_command

    ctx.invoke(serve_command, db=db, host=host, port=port, token=None)
