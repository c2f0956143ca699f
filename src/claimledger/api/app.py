"""The REST API: ``create_app(ledger)`` returns a FastAPI app serving ``/api/v1/…`` with its OpenAPI
description at ``/openapi.json``.

Usage::

    from claimledger.api import create_app
    from claimledger.ledger import open_ledger

    app = create_app(open_ledger("ledger.duckdb"), token="s3cret")   # then: uvicorn.run(app)

The app owns nothing but what it is given: the ledger passed in is the one writer connection
(``POST /documents`` writes through it under a lock); each worker thread reads through its own
reader (:meth:`~claimledger.ledger.base.Ledger.thread_reader`).  ``claimledger serve`` composes this
app with the web app (``claimledger/server.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from claimledger.api import errors
from claimledger.api.deps import ApiState
from claimledger.api.routers import ROUTERS
from claimledger.api.schemas import ErrorPublic
from claimledger.ledger.base import Ledger

if TYPE_CHECKING:
    from spacy.language import Language

PREFIX = "/api/v1"
# Every route may answer these, always in the one error shape.
COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorPublic, "description": "A query refused as asked (bad cursor, date …)"},
    404: {"model": ErrorPublic, "description": "Not found"},
    413: {"model": ErrorPublic, "description": "Request body too large"},
    422: {"model": ErrorPublic, "description": "Invalid request (types, sizes, values)"},
}
# A request body larger than this is refused before it is read whole (the article's text limit is
# applied again by the ingest; JSON escaping can make the body a little larger than the text).
MAX_BODY_BYTES = 24 * 1024 * 1024


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 (by Content-Length, and while streaming)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(send, self.limit)
            return
        seen = 0

        async def counted() -> dict[str, object]:
            nonlocal seen
            message = dict(await receive())
            body = message.get("body")
            if isinstance(body, bytes | bytearray):
                seen += len(body)
                if seen > self.limit:
                    raise _BodyTooLarge()
            return message

        try:
            await self.app(scope, counted, send)
        except _BodyTooLarge:
            await _too_large(send, self.limit)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    import json

    body = json.dumps(
        errors.error_body("CL005", "InputTooLarge", f"the request body is over the limit of {limit} bytes")
    ).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(
    ledger: Ledger,
    *,
    token: str | None = None,
    nlp: Language | None = None,
    make_nlp: Callable[[], Language] | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The API app over ``ledger``.

    Args:
        ledger: the ledger to serve; the app writes through it (``POST /documents``) and makes one
            reader per worker thread from it.  Closing it stays the caller's job.
        token: the write token; without one, writes are refused (reads are always open).
        nlp: the pipeline to read posted articles with (default: the full pipeline, built on the
            first write); ``make_nlp`` builds one lazily instead.
        max_body_bytes: the largest request body accepted.
    """
    app = FastAPI(
        title="claimledger",
        summary="A ledger of sourced claims read from news: who claims what, through whom, how sure.",
        version="1",
        openapi_url="/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: the app makes no outside request
        redoc_url=None,
    )
    app.state.api = ApiState(ledger=ledger, token=token or None, nlp=nlp, make_nlp=make_nlp)
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router, prefix=PREFIX, responses=COMMON_ERRORS)
    app.add_middleware(BodyLimit, limit=max_body_bytes)
    return app


__all__ = ["MAX_BODY_BYTES", "PREFIX", "create_app"]
