"""Ledger fixtures: hand-built readings (no spaCy) and a ledger on each backend.

PostgreSQL tests need ``CLAIMLEDGER_TEST_PG`` (e.g. ``postgresql://postgres@127.0.0.1:54329/postgres``,
the server ``.ci/run`` starts); each test gets a fresh schema, dropped afterwards.  Without the
variable they are skipped with that reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from claimledger.ledger import open_ledger
from claimledger.models import (
    Actor,
    Article,
    ChannelHop,
    Claim,
    Event,
    Figure,
    Place,
    Reading,
    Source,
    Span,
    TimeRef,
    stable_id,
)

PG_ENV = "CLAIMLEDGER_TEST_PG"


def span(text: str, part: str, start: int = 0) -> Span:
    i = text.index(part, start)
    return Span(i, i + len(part), part)


def build_reading(
    text: str | None = None,
    *,
    speaker: str = "Olena Marchenko",
    canonical: str | None = None,
    stance: str = "assert",
    outlet: str | None = "Example Wire",
    published: date | None = date(2025, 2, 1),
    input: str | None = None,
    tag: str = "",
) -> Reading:
    """A complete reading of a short wire-style article (every table gets rows)."""
    text = text or (
        f"{speaker} said the bridge near Lindenfeld was closed on Friday{tag}. "
        f'"We lost about 1,200 vehicles," an unnamed official told Example Radio. '
        "The ministry denied the report."
    )
    art = Article(
        text=text,
        external_id=f"ext-{tag}" if tag else None,
        url="https://example.org/a",
        title="Bridge closed",
        outlet=outlet,
        published=published,
        language="en",
        input=input,
        author="Staff",
    )
    d = art.doc_id
    src = span(text, speaker)
    cue = span(text, "said")
    content = span(text, "the bridge near Lindenfeld was closed on Friday")
    fig_span = span(text, "about 1,200 vehicles")
    c1 = Claim(
        claim_id=stable_id("c", d, cue.start),
        doc_id=d,
        source=Source(
            src.text,
            src.start,
            src.end,
            name=canonical or speaker,
            kind="person",
            role="spokesperson",
            affiliation="Ministry of Roads",
            entity_id="Q1",
        ),
        cue=cue,
        content=content,
        direct=False,
        stance=stance,
        hedged=False,
        channel=(),
        date="2025-01-31",
        confidence=0.9,
        origin="rules",
    )
    q = span(text, "We lost about 1,200 vehicles,")
    told = span(text, "told")
    fid = stable_id("f", d, fig_span.start)
    c2 = Claim(
        claim_id=stable_id("c", d, told.start),
        doc_id=d,
        source=Source("an unnamed official", *_se(text, "an unnamed official"), name=None, kind="anonymous"),
        cue=told,
        content=q,
        direct=True,
        stance="estimate",
        hedged=True,
        channel=(ChannelHop("Example Radio", "media", *_se(text, "Example Radio")),),
        figure_ids=(fid,),
        content_parts=(q,),
        hedges=(span(text, "about"),),
        confidence=None,
        origin="model",
    )
    denied = span(text, "denied")
    c3 = Claim(
        claim_id=stable_id("c", d, denied.start),
        doc_id=d,
        source=None,
        cue=denied,
        content=span(text, "the report"),
        stance="deny",
        responds_to=(c2.claim_id,),
    )
    fig = Figure(
        figure_id=fid,
        doc_id=d,
        claim_id=c2.claim_id,
        text=fig_span.text,
        start=fig_span.start,
        end=fig_span.end,
        value=1200.0,
        unit=None,
        bound=None,
        approx=True,
        counts="vehicles",
        normalized={"value": 1200.0, "unit": "vehicle"},
        kind="count",
    )
    fri = span(text, "Friday")
    tm = TimeRef(d, fri.text, fri.start, fri.end, "2025-01-31", "day", "at", claim_id=c1.claim_id)
    lf = span(text, "Lindenfeld")
    pl = Place(d, lf.text, lf.start, lf.end, "Lindenfeld", "UA", "Donetsk", 48.1, 37.5, "gn:1", "village")
    ac = Actor(d, src.text, src.start, src.end, canonical or speaker, "person", "spokesperson")
    ev = Event(
        event_id=stable_id("e", d),
        doc_ids=(d,),
        type="closure",
        actors=(canonical or speaker,),
        place={"name": "Lindenfeld", "country": "UA"},
        date="2025-01-31",
        figures=(fid,),
        supporting_claims=(c1.claim_id,),
        contesting_claims=(c3.claim_id,),
    )
    return Reading(art, (c1, c2, c3), (fig,), (tm,), (pl,), (ac,), (ev,), notes=("built by hand",))


def _se(text: str, part: str) -> tuple[int, int]:
    s = span(text, part)
    return s.start, s.end


@pytest.fixture()
def make_reading() -> Callable[..., Reading]:
    return build_reading


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a ledger lives, once per backend: a DuckDB file, or a PostgreSQL URL."""
    if request.param == "duckdb":
        return str(tmp_path / "sub" / "ledger.duckdb")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture()
def ledger(backend_target: str) -> Iterator[Any]:
    with open_ledger(backend_target) as led:
        yield led
