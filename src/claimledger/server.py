"""One ASGI app for ``claimledger serve``: the REST API (``/api/v1``, ``/openapi.json``) and the web app.

The API and the web app never import each other; this module composes them (and
``commands/serve.py`` is the only module importing it).  The API app is the root (its routes and
OpenAPI description come first); the web app is mounted at ``/`` for every other path.  Every response
carries the security headers below: a Content-Security-Policy that allows no inline script and no
request beyond the app's own origin.

Usage::

    from claimledger.ledger import open_ledger
    from claimledger.server import build_app, serve

    app = build_app(open_ledger("ledger.duckdb"), token="s3cret")      # an ASGI app (tests, uvicorn)
    serve("ledger.duckdb", host="127.0.0.1", port=8000, token=None)    # blocks until Ctrl-C
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimledger.api import create_app
from claimledger.ledger.base import Ledger
from claimledger.web import create_web

if TYPE_CHECKING:
    from spacy.language import Language

# No inline script, nothing from another origin.  Styles may be inline: Observable Plot writes a
# <style> element into each chart (style cannot run script).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Add :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", ())}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def build_app(
    ledger: Ledger,
    *,
    token: str | None = None,
    nlp: Language | None = None,
    make_nlp: Callable[[], Language] | None = None,
) -> FastAPI:
    """The API and the web app over ``ledger`` in one ASGI app (see the module docstring).

    Args:
        ledger: the server's one writer; readers are made from it per worker thread.
        token: the write token for ``POST /api/v1/documents`` (writes are refused without one).
        nlp, make_nlp: the pipeline for writes, or how to build it (default: built on first write).
    """
    app = create_app(ledger, token=token, nlp=nlp, make_nlp=make_nlp)
    app.mount("/", create_web(ledger))
    app.add_middleware(SecurityHeaders)
    return app


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Open the ledger ``db`` (its one writer) and serve the API and the web app until interrupted.

    Raises:
        LedgerError: the ledger cannot be opened (another process holds it for writing …).
    """
    import uvicorn

    from claimledger.ledger import open_ledger

    ledger = open_ledger(db)
    try:
        app = build_app(ledger, token=token)
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
    finally:
        ledger.close_readers()
        ledger.close()


__all__ = ["CSP", "SECURITY_HEADERS", "SecurityHeaders", "build_app", "serve"]
