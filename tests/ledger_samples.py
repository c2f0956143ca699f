"""Readings built by hand (no spaCy model), for the API and web app tests: three articles of one story,
an article of another, and a hostile article whose text tries to run script in the web app.

Every span is found in the text it belongs to (``_span``), so offsets are right by construction.
The texts are written for these tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from claimledger.ledger import open_ledger
from claimledger.ledger.base import Ledger
from claimledger.models import (
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

API_TOKEN = "test-token-123"  # the write token of the test servers
NORTHFORD = {"name": "Northford", "lat": 48.51, "lon": 35.87, "country": "UA", "admin1": "Dnipropetrovsk Oblast"}

HOSTILE_TEXT = (
    "Officials said <script>document.title='pwned';window.__ran=1</script> nothing happened at the plant.\n"
    'A spokesman said <img src=x onerror="window.__ran=2"> the road was closed, and readers were told '
    '<a href="javascript:window.__ran=3">click here</a> for more.\n'
    "Entities stay as typed: &amp; &lt;b&gt;bold&lt;/b&gt; &#x3C;script&#x3E;.\n"
    "A reversed name: \u202eevil.exe\u202c and an isolate \u2067abc\u2069 end here."
)


def _span(text: str, piece: str, after: int = 0) -> Span:
    start = text.index(piece, after)
    return Span(start, start + len(piece), piece)


def _source(text: str, piece: str, name: str, kind: str, **extra: Any) -> Source:
    s = _span(text, piece)
    return Source(s.text, s.start, s.end, name=name, kind=kind, entity_id=stable_id("ent_", name), **extra)


def _claim(doc_id: str, n: int, src: Source | None, cue: Span, content: Span, **extra: Any) -> Claim:
    return Claim(stable_id("c", doc_id, n), doc_id, src, cue, content, **extra)


def _northford(text: str, doc_id: str, claim_id: str) -> Place:
    """The first "Northford" of ``text``, geocoded to :data:`NORTHFORD`, as the place of ``claim_id``."""
    p = _span(text, "Northford")
    return Place(
        doc_id,
        p.text,
        p.start,
        p.end,
        "Northford",
        country="UA",
        admin1="Dnipropetrovsk Oblast",
        lat=48.51,
        lon=35.87,
        gazetteer_id="test:northford",
        feature="PPL",
        claim_id=claim_id,
    )


def _people_killed(text: str, doc_id: str, claim_id: str, digits: str) -> Figure:
    """The article's first figure: the ``digits`` of "<digits> people", counting the killed."""
    start = _span(text, f"{digits} people").start
    value = float(digits)
    return Figure(
        stable_id("f", doc_id, 1),
        doc_id,
        claim_id,
        digits,
        start,
        start + len(digits),
        value,
        counts="killed",
        normalized={"value": value, "unit": None},
    )


def _dam_strike() -> Reading:
    text = (
        "A strike damaged the Northford dam on Friday, regional governor Ivan Petrenko said. "
        "At least 14 people were killed, he told AFP. "
        "The defence ministry denied that its forces had struck the dam. "
        "The army declined to comment."
    )
    art = Article(
        text=text,
        external_id="dam-strike-1",
        url="https://wire.example/dam",
        title="Strike damages Northford dam",
        outlet="Wire Example",
        published=date(2025, 3, 14),
    )
    d = art.doc_id
    petrenko = _source(text, "regional governor Ivan Petrenko", "Ivan Petrenko", "person", role="governor")
    he = _source(text, "he", "Ivan Petrenko", "person", role="governor")
    ministry = _source(text, "The defence ministry", "Defence Ministry", "government")
    army = _source(text, "The army", "The Army", "military")
    c1 = _claim(
        d,
        1,
        petrenko,
        _span(text, "said"),
        _span(text, "A strike damaged the Northford dam on Friday"),
        date="2025-03-14",
        confidence=0.95,
    )
    c2 = _claim(
        d,
        2,
        he,
        _span(text, "told"),
        _span(text, "At least 14 people were killed"),
        stance="assert",
        channel=(ChannelHop("AFP", "media"),),
        date="2025-03-14",
        confidence=0.9,
        figure_ids=(stable_id("f", d, 1),),
    )
    c3 = _claim(
        d,
        3,
        ministry,
        _span(text, "denied"),
        _span(text, "that its forces had struck the dam"),
        stance="deny",
        responds_to=(c1.claim_id,),
        confidence=0.8,
    )
    c4 = _claim(
        d,
        4,
        army,
        _span(text, "declined to comment"),
        _span(text, "declined to comment"),
        stance="no_comment",
        confidence=0.6,
    )
    fig_span = _span(text, "At least 14")
    fig = Figure(
        stable_id("f", d, 1),
        d,
        c2.claim_id,
        fig_span.text,
        fig_span.start,
        fig_span.end,
        14.0,
        bound="lower",
        counts="killed",
        normalized={"value": 14.0, "unit": None},
    )
    t = _span(text, "on Friday")
    time = TimeRef(d, t.text, t.start, t.end, "2025-03-14", grain="day", claim_id=c1.claim_id)
    place = _northford(text, d, c1.claim_id)
    event = Event(
        stable_id("e", d, 1),
        (d,),
        "attack",
        actors=("Defence Ministry",),
        place=NORTHFORD,
        date="2025-03-14",
        figures=(fig.figure_id,),
        supporting_claims=(c1.claim_id, c2.claim_id),
        contesting_claims=(c3.claim_id,),
        refusing_claims=(c4.claim_id,),
    )
    return Reading(art, (c1, c2, c3, c4), (fig,), (time,), (place,), events=(event,))


def _dam_followup() -> Reading:
    text = (
        "Rescuers in Northford said on Saturday that 20 people had died in the dam strike. "
        "The defence ministry again denied any attack, according to Reuters."
    )
    art = Article(
        text=text,
        external_id="dam-strike-2",
        url="https://daily.example/dam-toll",
        title="Dam toll rises to 20",
        outlet="Daily Example",
        published=date(2025, 3, 15),
    )
    d = art.doc_id
    rescuers = _source(text, "Rescuers in Northford", "Rescuers", "organization")
    ministry = _source(text, "The defence ministry", "Defence Ministry", "government")
    c1 = _claim(
        d,
        1,
        rescuers,
        _span(text, "said"),
        _span(text, "that 20 people had died in the dam strike"),
        date="2025-03-15",
        confidence=0.92,
        figure_ids=(stable_id("f", d, 1),),
    )
    c2 = _claim(
        d,
        2,
        ministry,
        _span(text, "denied"),
        _span(text, "any attack"),
        stance="deny",
        channel=(ChannelHop("Reuters", "media"),),
        confidence=0.85,
    )
    fig = _people_killed(text, d, c1.claim_id, "20")
    t = _span(text, "on Saturday")
    time = TimeRef(d, t.text, t.start, t.end, "2025-03-15", grain="day", claim_id=c1.claim_id)
    place = _northford(text, d, c1.claim_id)
    return Reading(art, (c1, c2), (fig,), (time,), (place,))


def _dam_hospital() -> Reading:
    text = "Doctors at the Northford hospital said on Saturday that 6 people had died in the strike on the dam."
    art = Article(
        text=text,
        external_id="dam-strike-3",
        url="https://evening.example/dam-hospital",
        title="Hospital counts the dam strike dead",
        outlet="Evening Example",
        published=date(2025, 3, 15),
    )
    d = art.doc_id
    doctors = _source(text, "Doctors at the Northford hospital", "Northford hospital", "organization")
    c1 = _claim(
        d,
        1,
        doctors,
        _span(text, "said"),
        _span(text, "that 6 people had died in the strike on the dam"),
        date="2025-03-15",
        confidence=0.9,
        figure_ids=(stable_id("f", d, 1),),
    )
    fig = _people_killed(text, d, c1.claim_id, "6")
    t = _span(text, "on Saturday")
    time = TimeRef(d, t.text, t.start, t.end, "2025-03-15", grain="day", claim_id=c1.claim_id)
    place = _northford(text, d, c1.claim_id)
    return Reading(art, (c1,), (fig,), (time,), (place,))


def _talks() -> Reading:
    text = (
        "Mediators reported progress in the ceasefire talks in Vienna, a senior diplomat said. "
        "Negotiators expect a deal within weeks, the diplomat added."
    )
    art = Article(
        text=text,
        external_id="talks-1",
        url="https://times.example/talks",
        title="Progress in ceasefire talks",
        outlet="Example Times",
        published=date(2025, 4, 2),
    )
    d = art.doc_id
    diplomat = _source(text, "a senior diplomat", "Senior diplomat", "anonymous")
    again = _source(text, "the diplomat", "Senior diplomat", "anonymous")
    c1 = _claim(
        d,
        1,
        diplomat,
        _span(text, "said"),
        _span(text, "Mediators reported progress in the ceasefire talks in Vienna"),
        confidence=0.88,
    )
    c2 = _claim(
        d,
        2,
        again,
        _span(text, "added"),
        _span(text, "Negotiators expect a deal within weeks"),
        stance="estimate",
        hedged=True,
        confidence=0.7,
    )
    p = _span(text, "Vienna")
    place = Place(
        d,
        p.text,
        p.start,
        p.end,
        "Vienna",
        country="AT",
        admin1="Vienna",
        lat=48.21,
        lon=16.37,
        gazetteer_id="test:vienna",
        feature="PPLC",
        claim_id=c1.claim_id,
    )
    return Reading(art, (c1, c2), places=(place,))


def hostile_reading() -> Reading:
    """An article whose text, title, URL and source name try to inject markup and script."""
    text = HOSTILE_TEXT
    art = Article(
        text=text,
        external_id="hostile<b>1</b>",
        url="javascript:window.__ran=4",
        title="<script>window.__ran=5</script>Hostile & <b>bold</b>",
        outlet="<i>Evil</i> Outlet",
        published=date(2025, 5, 1),
    )
    d = art.doc_id
    officials = _source(text, "Officials", '<b onmouseover="window.__ran=6">Officials</b>', "government")
    spokesman = _source(text, "A spokesman", "A spokesman", "anonymous")
    content1 = _span(text, "<script>document.title='pwned';window.__ran=1</script> nothing happened at the plant")
    c1 = _claim(d, 1, officials, _span(text, "said"), content1, confidence=0.5)
    c2 = _claim(
        d,
        2,
        spokesman,
        _span(text, "said", content1.end),
        _span(text, '<img src=x onerror="window.__ran=2"> the road was closed'),
        confidence=0.5,
    )
    return Reading(art, (c1, c2))


def sample_readings() -> list[Reading]:
    """The four ordinary articles (three of one story) and the hostile one."""
    return [_dam_strike(), _dam_followup(), _dam_hospital(), _talks(), hostile_reading()]


def build_ledger(path: Path | str, *, stories: bool = True) -> Ledger:
    """A DuckDB ledger at ``path`` holding :func:`sample_readings`, its stories assigned by the real
    reconciliation (``claimledger.reconcile``) when ``stories``.  The caller closes it."""
    ledger = open_ledger(path)
    ledger.write_many(sample_readings())
    if stories:
        from claimledger.reconcile.run import reconcile

        reconcile(ledger)
    return ledger


__all__ = ["API_TOKEN", "HOSTILE_TEXT", "NORTHFORD", "build_ledger", "hostile_reading", "sample_readings"]
