"""``claimledger conflicts``: figures that sources state differently, side by side."""

from __future__ import annotations

import click

from claimledger.commands._common import db_option, open_for_reading
from claimledger.commands._emit import FORMATS, emit


def _range(rec: dict[str, object]) -> str:
    low, high = rec.get("low"), rec.get("high")
    if high is None:
        return f">= {low:g}" if isinstance(low, float) else f">= {low}"
    if low == high:
        return f"{low:g}" if isinstance(low, float) else str(low)
    return f"{low:g}-{high:g}" if isinstance(low, float) and isinstance(high, float) else f"{low}-{high}"


@click.command("conflicts")
@db_option
@click.option("--story", help="Only this story (its id or an id prefix).")
@click.option("--measure", help="Only this measure (killed, injured, killed_or_injured, troops, displaced ...).")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Every comparison (agree and different_measure too), not only the conflicts.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def command(db: str, story: str | None, measure: str | None, show_all: bool, fmt: str) -> None:
    """List where sources disagree about a figure: two figures of one measure whose ranges cannot
    both be right ("over 10,000" fits "12,000"; "killed" beside "killed or injured" is a different
    measure, never a conflict: see --all)."""
    with open_for_reading(db) as ledger:
        found = (
            ledger.comparisons(story=story, measure=measure)
            if show_all
            else ledger.conflicts(story=story, measure=measure)
        )
    rows = []
    for c in found:
        rec = c.to_record()
        a, b = (rec["intervals"] + [{}, {}])[:2]
        rows.append(
            {
                "relation": c.relation,
                "measure": c.measure,
                "figure_a": c.texts[0] if c.texts else "",
                "range_a": _range(a) if a else "",
                "source_a": c.sources[0] if c.sources else "",
                "date_a": c.dates[0] if c.dates else "",
                "figure_b": c.texts[1] if len(c.texts) > 1 else "",
                "range_b": _range(b) if b else "",
                "source_b": c.sources[1] if len(c.sources) > 1 else "",
                "date_b": c.dates[1] if len(c.dates) > 1 else "",
                "story_id": c.story_id,
                "event_id": c.event_id or "",
            }
        )
    title = f"{len(rows)} {'comparisons' if show_all else 'conflicts'}"
    emit(fmt, (c.to_record() for c in found), rows, title=title, widths={"source_a": 30, "source_b": 30})
