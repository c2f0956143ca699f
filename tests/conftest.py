"""Shared fixtures: the English pipeline loaded once per session, a temporary ledger path."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
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


PG_ENV = "CLAIMLEDGER_TEST_PG"


def pg_base_url() -> str | None:
    """The PostgreSQL server to test against (``.ci/run`` starts one and sets the variable)."""
    return os.environ.get(PG_ENV) or None


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema (dropped after the test)."""
    base = pg_base_url()
    if not base:
        pytest.skip(f"{PG_ENV} not set: no PostgreSQL server to test against")
    import psycopg

    name = f"cltest_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
