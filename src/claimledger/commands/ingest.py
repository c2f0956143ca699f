"""``claimledger ingest``: read files/folders, analyse, store in the ledger."""

from __future__ import annotations

import os
from pathlib import Path

import click

from claimledger.commands._common import attribution_option, db_option

COUNTED_SUFFIXES = {".txt", ".html", ".htm"}


def estimate_total(paths: list[str]) -> int | None:
    """A quick count of the articles in ``paths`` for the progress bar's ETA (None when unknown).

    Counts .txt/.html files and the lines of .jsonl files; other inputs (feeds, WARC, gzip) make it unknown.
    """
    total = 0
    for p in map(Path, paths):
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if not f.is_file() or f.name.startswith("."):
                continue
            if f.suffix in COUNTED_SUFFIXES:
                total += 1
            elif f.suffix == ".jsonl":
                with f.open("rb") as fh:
                    total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
            else:
                return None
    return total


def parse_columns(spec: str) -> dict[str, str]:
    """``'text=body,published=date'`` -> ``{"text": "body", "published": "date"}`` (our field = their column)."""
    mapping = {}
    for part in spec.split(","):
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise click.BadParameter(f"expected FIELD=COLUMN, got {part!r}", param_hint="--columns")
        mapping[field.strip()] = column.strip()
    return mapping


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--published", help="Publication date for articles that carry none (YYYY-MM-DD).")
@click.option("--outlet", help="Outlet for articles that carry none.")
@click.option("--url", help="URL for articles that carry none.")
@click.option("--title", help="Title for articles that carry none.")
@click.option("-j", "--processes", "n_process", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--batch-size", default=32, show_default=True, help="Documents per spaCy batch.")
@click.option(
    "--write-batch",
    default=32,
    show_default=True,
    help="Articles per ledger transaction (smaller: less work redone after a crash; larger: faster).",
)
@click.option(
    "--db-cache",
    "db_cache",
    type=click.IntRange(min=16),
    default=64,
    show_default=True,
    metavar="MB",
    help="DuckDB page cache during the ingest, in MB (its indexes come on top); keeps memory flat "
    "in corpus size. Ignored for PostgreSQL.",
)
@attribution_option
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: processes on this machine; dask: a Dask distributed cluster.",
)
@click.option(
    "--scheduler", default=None, help="Dask scheduler address (tcp://host:8786); without it a LocalCluster is started."
)
@click.option(
    "--columns",
    default=None,
    help="Column/field mapping for CSV/JSONL, e.g. 'external_id=story_id,text=body,published=date'.",
)
@click.option(
    "--min-confidence",
    "min_confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Keep only claims whose calibrated confidence reaches this (0 keeps all); "
    "default: the min_confidence setting (CLAIMLEDGER_MIN_CONFIDENCE, 0.35).",
)
@click.option("--quiet", is_flag=True, help="No progress bar, no per-error lines.")
def command(
    paths: tuple[str, ...],
    db: str,
    published: str | None,
    outlet: str | None,
    url: str | None,
    title: str | None,
    n_process: int | None,
    batch_size: int,
    write_batch: int,
    db_cache: int,
    attribution: str | None,
    engine: str,
    scheduler: str | None,
    columns: str | None,
    min_confidence: float | None,
    quiet: bool,
) -> int:
    """Ingest PATHS (.txt, .jsonl, .csv, .html, feeds, .warc, folders; gzip'd too) into the ledger.

    Articles already in the ledger are skipped, so rerunning after an interruption resumes the batch.
    Bad inputs are reported by name, recorded in the ledger's errors table, and never stop the batch.
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from claimledger.engine import ingest, local_analyser
    from claimledger.ingest.metadata import Metadata, parse_date
    from claimledger.ingest.reader import read_paths
    from claimledger.ledger import open_ledger

    defaults = Metadata(
        published=parse_date(published, input="--published") if published else None,
        outlet=outlet,
        url=url,
        title=title,
    )
    from claimledger.engine.pool import return_large_blocks_to_the_system

    return_large_blocks_to_the_system()  # this process reads articles too with -j 1 (see its docstring)
    column_map = parse_columns(columns) if columns else None
    if min_confidence is not None:
        # the enrichment reads the setting when a pipeline is built: here, in forked workers, in a LocalCluster
        from claimledger.settings import MIN_CONFIDENCE

        os.environ.update({MIN_CONFIDENCE.env: str(min_confidence)})  # sets, never reads
    processes = n_process or len(os.sched_getaffinity(0))
    client = None
    if engine == "dask":
        from claimledger.engine.dask import connect, dask_analyser

        client = connect(scheduler, n_workers=n_process)
        analyser = dask_analyser(client, attribution=attribution, batch_size=batch_size)
    else:
        from claimledger._api import default_nlp

        analyser = local_analyser(default_nlp(attribution), n_process=processes, batch_size=batch_size)
    total = None if quiet else estimate_total(list(paths))
    progress = Progress(
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        disable=quiet,
        transient=False,
    )
    task = progress.add_task("ingest", total=total, rate=0.0)

    def update(report) -> None:  # type: ignore[no-untyped-def]
        progress.update(task, completed=report.seen, rate=report.stored / max(report.seconds, 1e-9))

    try:
        with progress, open_ledger(db) as ledger:
            items = read_paths(list(paths), defaults=defaults, column_map=column_map)
            report = ingest(
                items, ledger, analyser=analyser, write_batch=write_batch, progress=update, cache_mb=db_cache
            )
    finally:
        if client is not None:
            client.close()
    if not quiet:
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
        for err in report.errors:
            click.echo(f"error: {err}", err=True)
    click.echo(report.summary())
    return 1 if report.failed and not report.stored and not report.unchanged else 0
