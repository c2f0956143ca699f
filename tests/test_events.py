"""Events are built from claims and list the claims that support and contest them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from claimledger.models import Article, Claim, Event, Place, Reading, Source, Span
from claimledger.reconcile.events import build_events, event_type

TEXT = (
    "The governor said rebels executed 12 civilians in Eastvale. "
    "The rebel command has denied the allegations. "
    "The army said it had captured Northford."
)


def _span(s: str) -> Span:
    i = TEXT.index(s)
    return Span(i, i + len(s), s)


def _claim(
    cid: str, source: str, cue: str, content: str, stance: str = "assert", responds_to: tuple[str, ...] = ()
) -> Claim:
    s = _span(source)
    return Claim(
        cid, "d", Source(s.text, s.start, s.end), _span(cue), _span(content), stance=stance, responds_to=responds_to
    )


def test_events_type_from_content_vocabulary() -> None:
    assert event_type("rebels executed 12 civilians") == "violence_against_civilians"
    assert event_type("it had captured the town") == "territory_captured"
    assert event_type("the weather was fine") is None


def test_events_support_and_contest() -> None:
    art = Article(text=TEXT)
    claims = (
        _claim("c1", "The governor", "said", "rebels executed 12 civilians in Eastvale"),
        _claim("c2", "The rebel command", "denied", "the allegations", stance="deny", responds_to=("c1",)),
        _claim("c3", "The army", "said", "it had captured Northford"),
    )
    east, north = _span("Eastvale"), _span("Northford")
    places = (
        Place("d", east.text, east.start, east.end, "Eastvale", "XX", lat=1.0, lon=1.0),
        Place("d", north.text, north.start, north.end, "Northford", "XX", lat=2.0, lon=2.0),
    )
    r = build_events(Reading(article=art, claims=claims, places=places))
    by_type = {e.type: e for e in r.events}
    assert set(by_type) == {"violence_against_civilians", "territory_captured"}
    viol = by_type["violence_against_civilians"]
    assert viol.supporting_claims == ("c1",) and viol.contesting_claims == ("c2",)
    assert viol.place and viol.place["name"] == "Eastvale"
    assert by_type["territory_captured"].place["name"] == "Northford"
    assert by_type["territory_captured"].contesting_claims == ()


def test_events_capture_needs_ground_not_people() -> None:
    assert event_type("forces captured dozens of settlements") == "territory_captured"
    assert event_type("the army captured 40 soldiers") is None
    assert event_type("grenades rather than being captured by enemy forces") is None


def test_events_demonym_never_locates_an_event() -> None:
    text = "Officials said Ruritanian troops had been deployed."
    art = Article(text=text)
    i = text.index("Ruritanian")
    demonym = Place("d", "Ruritanian", i, i + 10, "Ruritania", "RU", lat=1.0, lon=1.0, feature="demonym")
    s = text.index("Ruritanian troops")
    claim = Claim("c1", "d", None, Span(10, 14, "said"), Span(s, len(text) - 1, text[s:-1]))
    (event,) = build_events(Reading(article=art, claims=(claim,), places=(demonym,))).events
    assert event.type == "deployment" and event.place is None


# ---- the seed: all five required events with their links and dates (loads the model) ----------
def _seed_claim_ids(claims: list[Claim], expected: dict[str, object]) -> dict[str, str]:
    """Expected claim id (C1 ...) -> our claim_id, matched as the seed scorer matches claims."""
    from claimledger.evaluate.seed import _claim_matches

    out = {}
    for e in expected["claims"]:  # type: ignore[attr-defined]
        for c in claims:
            if _claim_matches(c.to_record(), e):
                out[e["id"]] = c.claim_id
                break
    return out


def seed_event_checks(events: list[Event], claims: list[Claim], expected: dict[str, object]) -> dict[str, bool]:
    """Per required seed event: found with its type and place, every expected claim among its
    supporting claims, its contesting/refusing claim, and its date when one is expected."""
    ids = _seed_claim_ids(claims, expected)
    out = {}
    for want in expected["events"]:  # type: ignore[attr-defined]
        if want.get("optional"):
            continue
        ok = False
        for e in events:
            place = json.dumps(e.place or {}, ensure_ascii=False)
            if not (e.type.startswith(want["type"].split("_")[0]) and want["where"] in place):
                continue
            links = all(ids.get(c) in e.supporting_claims for c in want["claims"])
            if "contested_by" in want:
                links = links and ids.get(want["contested_by"]) in e.contesting_claims
            if "contested_by_no_comment" in want:
                refused = ids.get(want["contested_by_no_comment"])
                links = links and (refused in e.refusing_claims or refused in e.contesting_claims)
            dated = "when" not in want or str(e.date or "").startswith(want["when"])
            ok = ok or (links and dated)
        out[f"{want['type']} at {want['where']}"] = ok
    return out


@pytest.mark.slow
def test_events_seed_has_all_five_events_with_links_and_dates(nlp: object, tmp_path: Path) -> None:
    from claimledger.engine import ingest
    from claimledger.evaluate.seed import load_expected
    from claimledger.ingest.metadata import Metadata
    from claimledger.ingest.reader import read_paths
    from claimledger.ledger import open_ledger
    from claimledger.paths import shared_data

    expected = load_expected()
    defaults = Metadata(published=date.fromisoformat(expected["published"]))
    with open_ledger(tmp_path / "seed.duckdb") as ledger:
        ingest(read_paths([str(shared_data("seed", "kursk-article.txt"))], defaults=defaults), ledger, nlp=nlp)
        checks = seed_event_checks(ledger.events(), ledger.claims(), expected)
    assert checks == dict.fromkeys(checks, True) and len(checks) == 5, checks
