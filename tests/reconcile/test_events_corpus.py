"""Quality gate: events across articles and conflict detection on our multi-article corpus.

Floors pinned against the corpus and its expected events (their SHA-256 below): a change to either
must re-measure (``claimledger eval events --verbose``) and re-pin, never lower a floor silently.
"""

from __future__ import annotations

import hashlib

import pytest

from claimledger.evaluate.events import evaluate_events
from claimledger.evaluate.stories import corpus_path

PINNED = {"corpus.jsonl": "e03e45fc4f42d841", "expected_events.json": "2630c5607bccfb3e"}
FLOORS = {
    "events_precision": 0.80,
    "events_recall": 0.95,
    "links_precision": 0.93,
    "links_recall": 0.88,
    "dates": 10 / 12,
    "conflicts_precision": 0.75,
    # Raised back 0.875 -> 0.95: the a40 conflict the 4-layer model (a5fabde) had lost came from the
    # reconciler, not the model: a split content's envelope held its source ("the North Kivu civil society
    # coordination said on Saturday"), whose place and date moved the claim to an event of its own.
    # Events, places, dates and actors now read a content's parts only (reconcile.events.in_content).
    "conflicts_recall": 0.95,
}


def test_events_corpus_files_are_the_pinned_ones() -> None:
    for name, sha in PINNED.items():
        digest = hashlib.sha256(corpus_path(name).read_bytes()).hexdigest()[:16]
        assert digest == sha, f"{name} changed: re-measure and re-pin the floors of this file"


@pytest.mark.slow
def test_events_corpus_meets_its_floors(nlp: object) -> None:
    score = evaluate_events(nlp=nlp)
    got = {
        "events_precision": score.events.precision,
        "events_recall": score.events.recall,
        "links_precision": score.links.precision,
        "links_recall": score.links.recall,
        "dates": score.dates_ok / score.dates_n,
        "conflicts_precision": score.conflicts.precision,
        "conflicts_recall": score.conflicts.recall,
    }
    low = {k: round(v, 3) for k, v in got.items() if v < FLOORS[k]}
    assert not low, f"below the floors {FLOORS}: {low}\n{score.format(verbose=True)}"
