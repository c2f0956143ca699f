"""``/api/v1/documents``: list articles, get one, its text with every span, and store a new one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from claimledger.api.deps import LedgerDep, StateDep, TokenDep, WriterDep
from claimledger.api.params import ID_PATTERN, TEXT_PATTERN, Cursor, Limit
from claimledger.api.schemas import (
    MAX_ID_CHARS,
    MAX_QUERY_CHARS,
    DocumentCreate,
    DocumentPage,
    DocumentPublic,
    DocumentReading,
    ErrorPublic,
    StoredPublic,
    claim_public,
    document_public,
)
from claimledger.errors import InputError, NotFound
from claimledger.ledger.base import Ledger
from claimledger.ledger.pages import ClaimFilter, ClaimRow, DocumentRow
from claimledger.models import Article

router = APIRouter(prefix="/documents", tags=["documents"])
DocId = Annotated[str, Path(max_length=MAX_ID_CHARS, pattern=ID_PATTERN, description="The article's doc_id.")]
_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorPublic}}


@router.get("", response_model=DocumentPage, summary="List articles, newest first")
def list_documents(
    ledger: LedgerDep,
    q: Annotated[
        str | None, Query(max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN, description="Words in title or text.")
    ] = None,
    outlet: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN)] = None,
    story: Annotated[str | None, Query(max_length=MAX_ID_CHARS, pattern=ID_PATTERN)] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """Articles (metadata and claim count, no text), newest first, a page at a time."""
    page = ledger.documents_page(q=q or None, outlet=outlet or None, story_id=story or None, cursor=cursor, limit=limit)
    return {"items": [document_public(r) for r in page.items], "next_cursor": page.next_cursor}


def _document(ledger: Ledger, doc_id: str) -> DocumentRow:
    row = ledger.document(doc_id)
    if row is None:
        raise NotFound("no article with this doc_id", input=doc_id)
    return row


@router.get("/{doc_id}", response_model=DocumentPublic, responses=_ERRORS, summary="One article's metadata")
def get_document(ledger: LedgerDep, doc_id: DocId) -> dict[str, Any]:
    """An article's metadata and claim count."""
    return document_public(_document(ledger, doc_id))


@router.get("/{doc_id}/text", response_model=DocumentReading, responses=_ERRORS, summary="Text and spans")
def get_document_text(ledger: LedgerDep, doc_id: DocId) -> dict[str, Any]:
    """The article's text as ingested with every claim, figure, time, place, actor and event read in it;
    every ``start``/``end`` is a character offset into ``text``."""
    row = _document(ledger, doc_id)
    reading = ledger.reading(doc_id)
    if reading is None:  # deleted between the two reads
        raise NotFound("no article with this doc_id", input=doc_id)
    article = reading.article
    rec = document_public(row)
    rec["text"] = article.text
    rec["claims"] = [
        claim_public(ClaimRow(c, article.title, article.outlet, article.published, article.external_id, row.story_id))
        for c in reading.claims
    ]
    for part in ("figures", "times", "places", "actors"):
        rec[part] = [x.to_record() for x in getattr(reading, part)]
    # the events that report this article: after reconciliation, merged across its story
    rec["events"] = [e.to_record() for e in ledger.events_page(doc_id=doc_id, limit=500).items]
    return rec


@router.post(
    "",
    response_model=StoredPublic,
    status_code=201,
    responses={401: {"model": ErrorPublic}, 413: {"model": ErrorPublic}, 422: {"model": ErrorPublic}},
    summary="Read an article and store it (needs the token)",
)
def create_document(body: DocumentCreate, _: TokenDep, writer: WriterDep, state: StateDep) -> dict[str, Any]:  # type: ignore[valid-type]
    """Read the article (plain ``text`` or an ``html`` page, with its metadata) and store what was read,
    in one transaction.  Storing the same text again changes nothing (``unchanged``: true)."""
    from claimledger.engine import ingest

    article = _article(body)
    report = ingest([article], writer, nlp=state.pipeline(), n_process=1)
    if report.errors:
        raise report.errors[0]
    doc_id = article.doc_id
    stored = writer.article(doc_id)
    return {
        "doc_id": doc_id if stored else None,
        "stored": report.stored > 0,
        "unchanged": report.unchanged > 0,
        "duplicate_of": stored.duplicate_of if stored else None,
        "claims": writer.count_claims(ClaimFilter(doc_id=doc_id)) if stored else 0,
        "warnings": [str(w) for w in report.warnings],
    }


def _article(body: BaseModel) -> Article:
    """The :class:`Article` a ``DocumentCreate`` body describes (its text checked as an ingest would)."""
    from claimledger.ingest.html import read_html
    from claimledger.ingest.metadata import Metadata
    from claimledger.ingest.records import record_articles

    data = body.model_dump()
    text, html = data.pop("text"), data.pop("html")
    if (text is None) == (html is None):
        raise InputError("give the article as exactly one of text or html", input="POST /documents")
    where = "POST /documents"
    external_id = data.pop("external_id")
    if html is not None:
        return read_html(html.encode("utf-8"), input=where, defaults=Metadata(**data), external_id=external_id)
    record = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items() if v is not None}
    record.update(text=text, external_id=external_id)
    for item in record_articles(record, input=where, defaults=Metadata()):
        if isinstance(item, Article):
            return item
        if isinstance(item, InputError) and item.code != "CL009":
            raise item
    raise InputError("no article could be read from this body", input=where)
