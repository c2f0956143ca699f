"""Shared fixtures: the English pipeline loaded once per session, a temporary ledger path."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.paths import shared_dir


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder (gold data and reference scorers); skip-free: CI always has it."""
    path = shared_dir()
    assert (path / "data").is_dir(), f"shared data not found at {path}; set CLAIMLEDGER_SHARED"
    return path


@pytest.fixture(scope="session")
def nlp():
    """The full claimledger pipeline (English model + our components), built once."""
    from claimledger.nlp.pipeline import build_nlp

    return build_nlp()


@pytest.fixture()
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.duckdb"
