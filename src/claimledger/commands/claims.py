"""``claimledger claims``: list claims with filters, as a table, JSONL or CSV."""

from __future__ import annotations

import csv
import json
import sys

import click

from claimledger.commands._common import db_option, open_for_reading


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command("claims")
@db_option
@click.option("--source", help="Only claims whose source name or text contains this (case-insensitive).")
@click.option("--stance", help="Only claims with this stance (assert, estimate, accuse, deny, no_comment, ...).")
@click.option("--doc", "doc_id", help="Only claims of this document id.")
@click.option("--limit", type=int, default=None, help="At most this many claims.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def command(db: str, source: str | None, stance: str | None, doc_id: str | None, limit: int | None, fmt: str) -> None:
    """List the claims in the ledger: who claims what, through whom, how sure."""
    with open_for_reading(db) as ledger:
        claims = ledger.claims(source=source, stance=stance, doc_id=doc_id, limit=limit)
    if fmt == "jsonl":
        for c in claims:
            sys.stdout.write(json.dumps(c.to_record(), ensure_ascii=False) + "\n")
        return
    rows = [
        {
            "claim_id": c.claim_id,
            "source": (c.source.name or c.source.text) if c.source else "",
            "cue": c.cue.text,
            "content": c.content.text,
            "stance": c.stance,
            "direct": c.direct,
            "hedged": c.hedged,
            "channel": " > ".join(h.name for h in c.channel),
            "date": c.date or "",
        }
        for c in claims
    ]
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["claim_id"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, title=f"{len(rows)} claims")
    for col in ("source", "cue", "content", "stance", "via", "date"):
        table.add_column(col, overflow="fold")
    for r in rows:
        flags = "".join([" (direct)" if r["direct"] else "", " (hedged)" if r["hedged"] else ""])
        table.add_row(
            _short(r["source"], 30),
            _short(r["cue"], 20),
            _short(r["content"], 70),
            r["stance"] + flags,
            r["channel"],
            r["date"],
        )
    Console().print(table)
