"""The Dask engine: the same readings as the local engine, on a LocalCluster of worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.engine import ingest
from claimledger.engine.dask import connect, dask_analyser
from claimledger.ledger import open_ledger
from claimledger.models import Article

pytestmark = pytest.mark.slow

TEXTS = [
    "The governor said on Friday that 14 people had been injured in the strike.",
    "“We are ready to talk,” the foreign minister told reporters, according to Reuters.",
    "The ministry has refused to comment on reports that the convoy was stopped.",
    "Police estimated that about 2,000 protesters gathered in the square.",
    "The army denied that it had shelled the village.",
]


def test_distributed_localcluster_matches_local_engine(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    arts = [Article(text=f"{t} Report {i}.", input=f"t{i}", external_id=f"t{i}") for i, t in enumerate(TEXTS * 3)]
    client = connect(None, n_workers=2)
    try:
        assert len(client.scheduler_info()["workers"]) == 2
        with open_ledger(tmp_path / "dask.duckdb") as ledger:
            report = ingest(arts, ledger, analyser=dask_analyser(client, chunk_size=4))
            assert report.stored == len(arts) and report.failed == 0
            dask_claims = sorted(c.to_record()["claim_id"] for c in ledger.claims())
            # a rerun after completion (or a crash) stores nothing new
            assert ingest(arts, ledger, analyser=dask_analyser(client, chunk_size=4)).stored == 0
    finally:
        client.close()
    with open_ledger(tmp_path / "local.duckdb") as ledger:
        ingest(arts, ledger, nlp=nlp)
        local_claims = sorted(c.to_record()["claim_id"] for c in ledger.claims())
    assert dask_claims == local_claims and dask_claims
