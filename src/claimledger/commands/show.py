"""``claimledger show``: one article in the terminal with sources, cues and contents highlighted."""

from __future__ import annotations

import re

import click

from claimledger.commands._common import db_option, open_for_reading

STYLES = {
    "content": "green",
    "source": "bold cyan",
    "cue": "bold magenta",
    "figure": "underline",
    "time": "italic",
    "place": "underline blue",
}
# Untrusted text must not drive the terminal: drop control characters (ESC sequences, BEL, ...).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """``text`` without terminal control characters (keeps newlines and tabs)."""
    return _CONTROL.sub("", text)


def render(reading, width: int | None = None) -> None:  # type: ignore[no-untyped-def]
    """Print the article of ``reading`` with its spans highlighted, then its claims."""
    from rich.console import Console
    from rich.text import Text

    art = reading.article
    # Same length as the raw text so offsets stay valid; control characters become spaces.
    body = Text(_CONTROL.sub(" ", art.text))
    layers = [("content", c.content) for c in reading.claims]
    layers += [("figure", f) for f in reading.figures] + [("time", t) for t in reading.times]
    layers += [("place", p) for p in reading.places]
    layers += [("source", c.source) for c in reading.claims if c.source]
    layers += [("cue", c.cue) for c in reading.claims]
    for kind, span in layers:
        body.stylize(STYLES[kind], span.start, span.end)
    console = Console(width=width, highlight=False)
    head = " | ".join(safe(x) for x in (art.title or "", art.outlet or "", str(art.published or "")) if x)
    console.print(Text(f"{art.doc_id}  {head}", style="bold"))
    console.print(Text("legend: ") + Text.assemble(*[(f"{k} ", v) for k, v in STYLES.items()]))
    console.print(body)
    console.print()
    for i, c in enumerate(reading.claims, 1):
        who = safe(c.source.name or c.source.text) if c.source else "(writer)"
        via = f" via {' > '.join(safe(h.name) for h in c.channel)}" if c.channel else ""
        flags = ", ".join(
            x for x in (c.stance, "direct" if c.direct else "", "hedged" if c.hedged else "", c.date or "") if x
        )
        line = Text(f"{i:>3}. ")
        line.append(who, STYLES["source"]).append(" ").append(safe(c.cue.text), STYLES["cue"])
        line.append(f"{via} [{flags}]: ").append(" ".join(safe(c.content.text).split()), STYLES["content"])
        console.print(line)
    number = {c.claim_id: i for i, c in enumerate(reading.claims, 1)}

    def of_claim(claim_id: str | None) -> str:
        return f"  (claim {number[claim_id]})" if claim_id in number else ""

    def section(title: str, rows: list[str]) -> None:
        if rows:
            console.print(Text(f"\n{title}", style="bold"))
            for row in rows:
                console.print(Text(f"  {safe(row)}"))

    section(
        "figures",
        [
            f"{' '.join(f.text.split())} = {f.value if f.value is not None else '?'}"
            + "".join(
                f" {x}"
                for x in (
                    f.unit,
                    f.bound and f"({f.bound} bound)",
                    f.approx and "approx.",
                    f.counts and f"counts: {f.counts}",
                )
                if x
            )
            + (
                f" = {f.normalized['value']:.6g} {f.normalized['unit']}"
                if f.normalized and f.unit and f.normalized.get("value") is not None and f.normalized.get("unit")
                else ""
            )
            + (f"; of {f.of:g} = {f.derived_value:g}" if f.of is not None and f.derived_value is not None else "")
            + (f"  [{f.note}]" if f.note else "")
            + of_claim(f.claim_id)
            for f in reading.figures
        ],
    )
    section(
        "times",
        [
            f"{' '.join(t.text.split())} = {t.value or '?'} ({t.grain or '-'}, {t.relation})"
            + (f"  [{t.note}]" if t.note else "")
            + of_claim(t.claim_id)
            for t in reading.times
        ],
    )
    section(
        "places",
        [
            f"{' '.join(p.text.split())} = {p.name}, {p.admin1 or '-'}, {p.country or '-'}"
            + (f" ({p.lat:.2f}, {p.lon:.2f})" if p.lat is not None and p.lon is not None else "")
            for p in reading.places
            if p.feature != "demonym"
        ],
    )
    actors = sorted({(a.name, a.kind or "", "government (metonymy)" if a.metonymy else "") for a in reading.actors})
    section("actors", [f"{name} [{', '.join(x for x in (kind, note) if x)}]" for name, kind, note in actors])
    if reading.events:
        section(
            "events",
            [
                f"{e.type} at {(e.place or {}).get('name') or '?'} on {e.date or '?'}: supported by claims "
                f"{', '.join(str(number[c]) for c in e.supporting_claims if c in number) or '-'}"
                + (
                    f"; contested by {', '.join(str(number[c]) for c in e.contesting_claims if c in number)}"
                    if e.contesting_claims
                    else ""
                )
                for e in reading.events
            ],
        )
    if art.duplicate_of:
        console.print(Text(f"\nnear-duplicate of {art.duplicate_of} (a wire copy): its claims are read there"))


@click.command("show")
@click.argument("doc_id")
@db_option
def command(doc_id: str, db: str) -> None:
    """Show article DOC_ID (a document id, a unique prefix of one, or an external id)."""
    with open_for_reading(db) as ledger:
        doc = resolve_doc_id(ledger, doc_id)
        reading = ledger.reading(doc)
    render(reading)


def resolve_doc_id(ledger, key: str) -> str:  # type: ignore[no-untyped-def]
    """The document meant by ``key``: a doc_id, a unique prefix of one, or an external id."""
    if ledger.has(key):
        return key
    ids = sorted(d for d in ledger.doc_ids() if d.startswith(key))
    if not ids:
        mark = "%s" if ledger.dialect == "postgres" else "?"
        _, rows = ledger.sql(f"SELECT doc_id FROM documents WHERE external_id = {mark} ORDER BY doc_id", (key,))
        ids = [r[0] for r in rows]
    if not ids:
        raise click.ClickException(f"no document {key!r} in {ledger.target}")
    if len(ids) > 1:
        raise click.ClickException(f"{key!r} is ambiguous: {', '.join(ids[:5])}")
    found: str = ids[0]
    return found
