"""``claimledger events``: the events in the ledger, merged across each story's articles, with the
claims that support, contest and refuse to comment on them."""

from __future__ import annotations

import click

from claimledger.commands._common import db_option, open_for_reading
from claimledger.commands._emit import FORMATS, emit


@click.command("events")
@db_option
@click.option("--story", help="Only the events of this story (its id or an id prefix).")
@click.option("--type", "kind", help="Only events of this type (attack, protest, casualties, deployment ...).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def command(db: str, story: str | None, kind: str | None, fmt: str) -> None:
    """List events: type, place, date, how many articles and independent origins assert them, and
    the claims behind them (supporting / contesting / refusing comment)."""
    with open_for_reading(db) as ledger:
        events = ledger.events(story=story, type=kind)
    rows = [
        {
            "event_id": e.event_id,
            "type": e.type + (f" ({e.sub_type})" if e.sub_type else ""),
            "place": (e.place or {}).get("name") or "",
            "date": e.date or "",
            "articles": len(e.doc_ids),
            "origins": "" if e.origins is None else e.origins,
            "one_sided": "yes" if e.one_sided else "",
            "fatalities": "" if e.fatalities is None else e.fatalities,
            "supporting": len(e.supporting_claims),
            "contesting": len(e.contesting_claims),
            "refusing": len(e.refusing_claims),
            "story_id": e.story_id or "",
        }
        for e in events
    ]
    emit(fmt, (e.to_record() for e in events), rows, title=f"{len(rows)} events", widths={"place": 30})
