"""``claimledger stories``: the stories in the ledger (articles that report one happening), as a
table, JSONL or CSV."""

from __future__ import annotations

import csv
import json
import sys

import click

from claimledger.commands._common import db_option, open_for_reading


@click.command("stories")
@db_option
@click.option("--story", "story_id", help="Only this story (its id or an id prefix), with its articles listed.")
@click.option("--min-articles", type=int, default=1, show_default=True, help="Only stories with this many articles.")
@click.option("--limit", type=int, default=None, help="At most this many stories.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def command(db: str, story_id: str | None, min_articles: int, limit: int | None, fmt: str) -> None:
    """List the stories: which articles report the same real-world happening, from how many
    independent origins (wire copies and outlets quoting one agency count once).

    Stories are assigned at ingest; `claimledger reconcile` rebuilds them from scratch.
    """
    with open_for_reading(db) as ledger:
        if story_id:
            one = ledger.story(story_id)
            if one is None:
                raise click.ClickException(f"no story {story_id!r} in {db}")
            stories = [one]
            articles = {a.doc_id: a for a in (ledger.article(d) for d in one.doc_ids) if a is not None}
        else:
            stories = [s for s in ledger.stories() if len(s.doc_ids) >= min_articles]
            stories.sort(key=lambda s: (-len(s.doc_ids), s.first_published or s.last_published or "", s.story_id))
            articles = {}
    stories = stories[:limit] if limit is not None else stories
    if fmt == "jsonl":
        for s in stories:
            sys.stdout.write(json.dumps(s.to_record(), ensure_ascii=False) + "\n")
        return
    rows = [
        {
            "story_id": s.story_id,
            "articles": len(s.doc_ids),
            "origins": s.origins,
            "first_published": s.first_published.isoformat() if s.first_published else "",
            "last_published": s.last_published.isoformat() if s.last_published else "",
            "outlets": "; ".join(s.outlets),
            "title": s.title or "",
        }
        for s in stories
    ]
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["story_id"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} stories")
    for col in ("story", "articles", "origins", "first", "last", "title", "outlets"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["story_id"]),
            str(r["articles"]),
            str(r["origins"]),
            str(r["first_published"]),
            str(r["last_published"]),
            str(r["title"]),
            str(r["outlets"]),
        )
    Console().print(table)
    if articles:
        docs = Table(title="articles")
        for col in ("published", "outlet", "article", "title", "copy of"):
            docs.add_column(col, overflow="fold")
        for doc_id in stories[0].doc_ids:
            a = articles.get(doc_id)
            if a is not None:
                docs.add_row(
                    a.published.isoformat() if a.published else "",
                    a.outlet or "",
                    a.external_id or doc_id,
                    a.title or "",
                    (a.duplicate_of or "")[:12],
                )
        Console().print(docs)
