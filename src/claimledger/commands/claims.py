"""``claimledger claims``: list claims with filters, as a table, JSONL or CSV."""

from __future__ import annotations

from collections.abc import Iterator

import click

from claimledger.commands._common import db_option, open_for_reading
from claimledger.commands._emit import FORMATS, emit
from claimledger.ledger.pages import MAX_PAGE, ClaimFilter, ClaimRow
from claimledger.models import STANCES


def _rows(ledger: object, filters: ClaimFilter, limit: int | None) -> Iterator[ClaimRow]:
    """Every claim ``filters`` keeps, in date order, a page at a time (memory stays flat)."""
    cursor: str | None = None
    left = limit
    while left is None or left > 0:
        size = MAX_PAGE if left is None else min(MAX_PAGE, left)
        page = ledger.claims_page(filters, sort="date", cursor=cursor, limit=size)  # type: ignore[attr-defined]
        yield from page.items
        if left is not None:
            left -= len(page.items)
        cursor = page.next_cursor
        if cursor is None:
            return


@click.command("claims")
@db_option
@click.option("--source", help="Only claims whose source name or text contains this (case-insensitive).")
@click.option("--stance", type=click.Choice(STANCES, case_sensitive=False), help="Only claims with this stance.")
@click.option("--doc", "doc_ref", help="Only claims of this article: its external id, doc id or a doc-id prefix.")
@click.option("--story", help="Only claims of this story (its id or an id prefix).")
@click.option("--place", help="Only claims that name this place (case-insensitive).")
@click.option("--since", help="Only claims dated on or after this day (YYYY-MM-DD; the claim's date, else published).")
@click.option("--until", help="Only claims dated on or before this day (YYYY-MM-DD).")
@click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=None, help="Only claims at least this confident."
)
@click.option("--wide", is_flag=True, help="Table: add the claim id, outlet, story, events, claim group, confidence.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many claims.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def command(
    db: str,
    source: str | None,
    stance: str | None,
    doc_ref: str | None,
    story: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    min_confidence: float | None,
    wide: bool,
    limit: int | None,
    fmt: str,
) -> None:
    """List the claims in the ledger: who claims what, through whom, how sure, in which article and when."""
    with open_for_reading(db) as ledger:
        doc_id = ledger.resolve_document(doc_ref) if doc_ref else None
        story_id = None
        if story:
            found = ledger.story(story)
            story_id = found.story_id if found else story
        filters = ClaimFilter(
            source=source,
            stance=stance.lower() if stance else None,
            doc_id=doc_id,
            story_id=story_id,
            place=place,
            since=since,
            until=until,
            min_confidence=min_confidence,
        )
        found_rows = list(_rows(ledger, filters, limit))
    rows = []
    for r in found_rows:
        c = r.claim
        row: dict[str, object] = {
            "article": r.external_id or c.doc_id,
            "date": c.date or (r.published.isoformat() if r.published else ""),
            "source": (c.source.name or c.source.text) if c.source else "",
            "cue": c.cue.text,
            "content": c.content.text,
            "stance": c.stance + (" (direct)" if c.direct else "") + (" (hedged)" if c.hedged else ""),
            "via": " > ".join(h.name for h in c.channel),
        }
        if wide or fmt == "csv":
            row.update(
                claim_id=c.claim_id,
                outlet=r.outlet or "",
                story_id=c.story_id or r.story_id or "",
                event_ids=" ".join(c.event_ids),
                claim_group=c.claim_group or "",
                confidence="" if c.confidence is None else f"{c.confidence:.2f}",
            )
        rows.append(row)
    widths = {"article": 24, "source": 30, "cue": 20, "content": 70}
    emit(fmt, (r.claim.to_record() for r in found_rows), rows, title=f"{len(rows)} claims", widths=widths)
