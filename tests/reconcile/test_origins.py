"""Independent origins: wire copies, agency datelines and credit lines, reporting chains."""

from __future__ import annotations

import json
from pathlib import Path

from claimledger.models import Article, ChannelHop, Claim, Reading, Source, Span
from claimledger.reconcile.origins import (
    agency_key,
    claim_origin,
    count_origins,
    credited_agency,
    document_origin,
    origin_function,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "reconcile"


def _claim(doc_id: str, n: int, *hops: str, sourced: bool = True) -> Claim:
    return Claim(
        claim_id=f"c{n}",
        doc_id=doc_id,
        source=Source("the mayor", 0, 9, name="Mayor") if sourced else None,
        cue=Span(10, 14, "said"),
        content=Span(15, 20, "words"),
        channel=tuple(ChannelHop(h, "media") for h in hops),
    )


def test_origins_agency_names_are_canonical() -> None:
    assert agency_key("Agence France-Presse") == agency_key("AFP") == "agency:afp"
    assert agency_key("the Associated Press") == "agency:ap"
    assert agency_key("Kyiv Ledger") is None


def test_origins_dateline_and_credit_lines_name_the_agency() -> None:
    assert credited_agency("SUMY, Ukraine (AFP) — Drones struck the city.") == "agency:afp"
    assert credited_agency("MOSCOW (Reuters) - The ministry said.") == "agency:reuters"
    assert credited_agency("Drones struck the city overnight.\nWith AFP.") == "agency:afp"
    body = "The quake killed three people.\n(Reporting by Ece Toksabay for Reuters; editing by Daren Butler)"
    assert credited_agency(body) == "agency:reuters"
    # an agency named in the body is not a credit of the whole article
    assert credited_agency("The mayor told AFP that two people died. Schools are closed.") is None


def test_origins_wire_copy_counts_once_with_its_original() -> None:
    original = Reading(Article(text="ANKARA — The quake killed three.", outlet="Harbour Times"))
    copy = Reading(
        Article(text="ANKARA — The quake killed three. More.", outlet="Anatolia Daily", duplicate_of=original.doc_id)
    )
    other = Reading(Article(text="The toll rose to nine.", outlet="Global Post Online"))
    origin_of = origin_function([original, copy, other])
    assert origin_of(copy) == origin_of(original) == "outlet:harbour times"
    assert count_origins([original, copy, other]) == 2


def test_origins_article_built_on_agency_quotes_is_that_agency() -> None:
    art = Article(text="Four were killed, the chief told AFP.", outlet="Global Post Online")
    doc = art.doc_id
    told_afp = Reading(art, claims=(_claim(doc, 1, "AFP"), _claim(doc, 2, "AFP"), _claim(doc, 3)))
    assert document_origin(told_afp) == "agency:afp"
    own = Reading(art, claims=(_claim(doc, 1, "AFP"), _claim(doc, 2), _claim(doc, 3)))
    assert document_origin(own) == "outlet:global post online"


def test_origins_claim_comes_from_the_farthest_medium() -> None:
    claim = _claim("d", 1, "Reuters", "BBC")  # "Reuters, citing the BBC": nearest first
    assert claim_origin(claim, "outlet:harbour times") == "outlet:bbc"
    assert claim_origin(_claim("d", 2), "outlet:harbour times") == "outlet:harbour times"
    assert claim_origin(_claim("d", 3, "AFP"), "outlet:x") == "agency:afp"


def test_origins_corpus_articles_match_the_expected_origins() -> None:
    """Every article of our corpus whose origin shows in its text or outlet (a15's shows only in its
    claims' channels, tested above) gets the expected origin key."""
    expected = json.loads((DATA / "expected_stories.json").read_text())
    want = {k: v for s in expected["stories"] for k, v in s["origin_of"].items()}
    copies = expected["wire_copies"]
    readings = {}
    for line in (DATA / "corpus.jsonl").read_text().splitlines():
        rec = json.loads(line)
        readings[rec["id"]] = Reading(Article(text=rec["text"], outlet=rec["outlet"], external_id=rec["id"]))
    for copy, original in copies.items():
        a = readings[copy].article
        readings[copy] = Reading(
            Article(text=a.text, outlet=a.outlet, external_id=copy, duplicate_of=readings[original].doc_id)
        )
    origin_of = origin_function(readings.values())
    wrong = {k: origin_of(r) for k, r in readings.items() if k != "a15" and origin_of(r) != want[k]}
    assert wrong == {}
