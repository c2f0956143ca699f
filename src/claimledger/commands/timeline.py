"""``claimledger timeline``: each source's figures for one measure over time."""

from __future__ import annotations

import click

from claimledger.commands._common import db_option, open_for_reading
from claimledger.commands._emit import FORMATS, emit


@click.command("timeline")
@db_option
@click.option("--measure", required=True, help="What is counted: killed, injured, killed_or_injured, troops ...")
@click.option("--about", help="Words the story title, the claim or the figure contains (e.g. 'North Korean').")
@click.option("--source", help="Only sources whose name contains this (case-insensitive).")
@click.option("--story", help="Only this story (its id or an id prefix).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def command(db: str, measure: str, about: str | None, source: str | None, story: str | None, fmt: str) -> None:
    """Show how each source's figure for MEASURE moved: one row per statement, dated by the
    statement's own date where the article gives one, else by the publication date."""
    with open_for_reading(db) as ledger:
        points = ledger.timeline(measure, about=about, source=source, story=story)
    rows = [
        {
            "source": p.source,
            "date": p.date or "",
            "dated_by": p.dated_by,
            "measure": p.measure,
            "figure": p.text,
            "low": f"{p.low:g}",
            "high": "" if p.high is None else f"{p.high:g}",
            "story_id": p.story_id,
        }
        for p in points
    ]
    emit(fmt, (p.to_record() for p in points), rows, title=f"{len(rows)} points ({measure})", widths={"source": 40})
