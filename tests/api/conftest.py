"""The API tests' ledger: hand-built readings (tests/ledger_samples.py), stories from the real reconciliation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimledger.api import create_app
from claimledger.ledger.base import Ledger
from ledger_samples import API_TOKEN, build_ledger

TOKEN = API_TOKEN


@pytest.fixture(scope="session")
def sample_ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    ledger = build_ledger(tmp_path_factory.mktemp("api") / "ledger.duckdb")
    yield ledger
    ledger.close_readers()
    ledger.close()


@pytest.fixture(scope="session")
def client(sample_ledger: Ledger) -> Iterator[TestClient]:
    with TestClient(create_app(sample_ledger, token=TOKEN)) as c:
        yield c


@pytest.fixture()
def fresh_ledger(tmp_path: Path) -> Iterator[Ledger]:
    """A ledger of the samples of its own (for tests that write)."""
    ledger = build_ledger(tmp_path / "ledger.duckdb", stories=False)
    yield ledger
    ledger.close_readers()
    ledger.close()
