"""``claimledger annotate``: PolNeAR-style brat .ann files for a folder of .txt files."""

from __future__ import annotations

import click

from claimledger.commands._common import attribution_option


@click.command("annotate")
@click.option("--format", "fmt", type=click.Choice(["brat"]), default="brat", show_default=True)
@click.argument("text_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("-j", "--processes", "n_process", default=1, show_default=True, help="Worker processes.")
@attribution_option
def command(fmt: str, text_dir: str, out_dir: str, n_process: int, attribution: str | None) -> None:
    """Write OUT_DIR/NAME.ann (Source, Cue, Content, Attribution) for every TEXT_DIR/NAME.txt."""
    from claimledger.engine.annotate import annotate_dir
    from claimledger.nlp.pipeline import OPTIONAL_PARTS, build_nlp

    # Only attributions go into brat files: leave the figure/time/place/actor layers out.
    nlp = build_nlp(attribution=attribution, exclude=OPTIONAL_PARTS)
    n = annotate_dir(text_dir, out_dir, nlp=nlp, n_process=n_process)
    click.echo(f"{n} files annotated into {out_dir}")
