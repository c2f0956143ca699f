"""Our hand-written figure cases are well formed (their accuracy floors are in tests/quality_gate.json)."""

from __future__ import annotations

from claimledger.evaluate.figures import load_cases


def test_figures_cases_set_is_large_and_well_formed() -> None:
    cases = load_cases()
    assert len(cases) >= 150
    assert len({c["id"] for c in cases}) == len(cases)
    for c in cases:
        for exp in c.get("expect", []):
            assert exp["text"] in c["text"], c["id"]
        for absent in c.get("absent", []):
            assert absent in c["text"], c["id"]
