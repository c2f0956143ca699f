"""Claims -> events: ACLED-style records that keep the claims supporting and contesting them.

An event is never a bare fact: it is built from what claims say (their content), and lists the claims
that support it and those that contest it (denials answering them, refusals to comment on them).
Event types are recognised from the content's predicate vocabulary, in the spirit of the CAMEO/ACLED
codebooks (Gerner et al. 2002; Raleigh et al. 2010), but kept deliberately small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from claimledger.models import Claim, Event, Place, Reading, stable_id

# (event type, ACLED event type, pattern over the claim content).  First match wins.
EVENT_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (name, acled, re.compile(pattern, re.IGNORECASE))
    for name, acled, pattern in (
        (
            "violence_against_civilians",
            "Violence against civilians",
            r"\b(civilians?|residents|villagers|women|children)\b.{0,80}\b(killed|raped|executed|massacred|tortured|"
            r"abducted|shot)\b|\b(killed|raped|executed|massacred|tortured|abducted|shot)\b.{0,40}\b(civilians?|"
            r"residents|villagers|women|children)\b|\batrocit(y|ies)\b|\bwar crimes?\b",
        ),
        (
            "territory_captured",
            "Strategic developments",
            # the verb must take ground as its object ("captured the village", "seized Northford"), not people
            r"\b(captur|seiz|took control of|taken control of|occupi|reclaim|recaptur|retak|liberat)\w*\s+"
            r"(?:(?!by\b)\S+\s+){0,4}?(?:villages?|towns?|city|cities|settlements?|territory|land|regions?|positions?|"
            r"ground|(?-i:[A-Z][\w'’-]+))",
        ),
        ("withdrawal", "Strategic developments", r"\b(withdr[ae]wn?|withdrawals?|pulled (back|out)|retreat(ed|s)?)\b"),
        ("deployment", "Strategic developments", r"\b(deploy(ed|ment|s)?|sent (troops|soldiers|forces)|stationed)\b"),
        ("casualties", "Battles", r"\b(killed|injured|wounded|casualties|dead|died|losses)\b"),
        (
            "attack",
            "Explosions/Remote violence",
            r"\b(strikes?|struck|shell(ed|ing)|drones?|missiles?|bomb(ed|ing|s)?|explosions?|air ?raids?)\b",
        ),
        ("protest", "Protests", r"\b(protest(ers|ed|s)?|demonstrat(ors|ion|ed))\b"),
        ("agreement", "Strategic developments", r"\b(ceasefire|truce|agreement|deal|exchange of prisoners)\b"),
    )
)
ACLED_TYPE = {name: acled for name, acled, _ in EVENT_PATTERNS}
CONTESTING_STANCES = {"deny", "no_comment"}


def event_type(text: str) -> str | None:
    """The first event type whose vocabulary appears in ``text``."""
    for name, _, pattern in EVENT_PATTERNS:
        if pattern.search(text):
            return name
    return None


def _specificity(place: Place) -> int:
    """Higher for more precise places: villages and towns > regions > countries."""
    feature = place.feature or ""
    if feature.startswith("PPL"):
        return 3
    if feature.startswith("ADM") or feature == "RGN":
        return 2
    return 1


def _place_for(claim: Claim, places: list[Place]) -> Place | None:
    """The most precise place inside the claim's content, else the last precise place named before it.

    Demonyms ("Ukrainian troops") tell whose troops, not where: they never locate an event.
    """
    located = [p for p in places if p.feature != "demonym"]
    inside = [p for p in located if claim.content.start <= p.start and p.end <= claim.content.end]
    if inside:
        return max(inside, key=lambda p: (_specificity(p), -p.start))
    before = [p for p in located if p.end <= claim.content.start and _specificity(p) > 1]
    return before[-1] if before else None


def _place_record(place: Place | None) -> dict[str, object] | None:
    if place is None:
        return None
    return {k: getattr(place, k) for k in ("name", "text", "country", "admin1", "lat", "lon", "gazetteer_id")}


@dataclass
class _Group:
    place: Place | None
    claims: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    date: str | None = None
    contesting: list[str] = field(default_factory=list)


def build_events(reading: Reading) -> Reading:
    """``reading`` with events built from its claims (one event per type and place)."""
    places = sorted((p for p in reading.places if p.lat is not None), key=lambda p: p.start)
    times_by_claim = {t.claim_id: t for t in reading.times if t.claim_id and t.value}
    figures_by_claim: dict[str, list[str]] = {}
    for f in reading.figures:
        if f.claim_id:
            figures_by_claim.setdefault(f.claim_id, []).append(f.figure_id)
    groups: dict[tuple[str, str], _Group] = {}
    claim_event: dict[str, tuple[str, str]] = {}
    for claim in reading.claims:
        if claim.stance in CONTESTING_STANCES:
            continue
        kind = event_type(claim.content.text)
        if kind is None:
            continue
        place = _place_for(claim, places)
        key = (kind, (place.name or place.text) if place else "")
        group = groups.setdefault(key, _Group(place))
        group.claims.append(claim.claim_id)
        group.figures.extend(figures_by_claim.get(claim.claim_id, []))
        when = times_by_claim.get(claim.claim_id)
        if group.date is None and when is not None:
            group.date = when.value
        for actor in reading.actors:
            if claim.content.start <= actor.start < claim.content.end and actor.name not in group.actors:
                group.actors.append(actor.name)
        claim_event[claim.claim_id] = key

    for claim in reading.claims:
        if claim.stance not in CONTESTING_STANCES:
            continue
        targets = {claim_event[c] for c in claim.responds_to if c in claim_event}
        kind = event_type(claim.content.text)
        if not targets and kind:
            targets = {key for key in groups if key[0] == kind}
        for key in targets:
            groups[key].contesting.append(claim.claim_id)

    events = tuple(
        Event(
            event_id=stable_id("e", reading.doc_id, kind, where, group.claims[0]),
            doc_ids=(reading.doc_id,),
            type=kind,
            actors=tuple(group.actors[:4]),
            place=_place_record(group.place),
            date=group.date,
            figures=tuple(group.figures),
            supporting_claims=tuple(group.claims),
            contesting_claims=tuple(group.contesting),
        )
        for (kind, where), group in groups.items()
    )
    return replace(reading, events=events)
