"""``GET /api/v1/``: the API's version and the ledger's row counts."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from fastapi import APIRouter

from claimledger.api.deps import LedgerDep
from claimledger.api.schemas import ApiInfo

router = APIRouter(tags=["ledger"])


def _version() -> str:
    try:
        return version("claimledger")
    except PackageNotFoundError:  # running from a source tree
        return "0"


@router.get("/", response_model=ApiInfo, summary="What this ledger holds")
def info(ledger: LedgerDep) -> dict[str, Any]:
    """The claimledger version, the ledger's schema version, its row counts and its first and last dates."""
    first, last = ledger.date_range()
    return {
        "version": _version(),
        "schema_version": ledger.schema_version,
        "counts": ledger.stats(),
        "first_date": first,
        "last_date": last,
    }
