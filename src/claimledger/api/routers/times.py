"""``/api/v1/times``: time expressions normalised against the publication date."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from claimledger.api.deps import LedgerDep
from claimledger.api.params import Cursor, IdParam, Limit
from claimledger.api.schemas import TimePage

router = APIRouter(prefix="/times", tags=["times"])


@router.get("", response_model=TimePage, summary="Time expressions")
def list_times(
    ledger: LedgerDep, doc_id: IdParam = None, claim_id: IdParam = None, cursor: Cursor = None, limit: Limit = 100
) -> dict[str, Any]:
    """Time expressions in article order, with their ISO value, grain and relation."""
    page = ledger.times_page(doc_id=doc_id, claim_id=claim_id, cursor=cursor, limit=limit)
    return {"items": [t.to_record() for t in page.items], "next_cursor": page.next_cursor}
