"""Typed dependencies of the API's routes: the ledger to read, the writer, the token check.

``LedgerDep`` gives a route this worker thread's reader (a DuckDB cursor of the server's one writer
connection, or a read-only PostgreSQL connection), so routes never share a connection across threads.
``WriterDep`` gives the writer itself, and holds the server's write lock while the route runs:
DuckDB takes one writer, and one is enough.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from claimledger.errors import AccessDenied
from claimledger.ledger.base import Ledger

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass
class ApiState:
    """What the API app holds: the writer ledger, the write token and the pipeline for writes.

    ``nlp`` is built on the first write (loading the English model takes seconds and ~800 MB), unless
    one is given (tests pass their session pipeline).
    """

    ledger: Ledger
    token: str | None = None
    nlp: Language | None = None
    make_nlp: Callable[[], Language] | None = None
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    def pipeline(self) -> Language:
        """The pipeline for ``POST /documents``, built once."""
        if self.nlp is None:
            if self.make_nlp is None:
                from claimledger._api import default_nlp

                self.nlp = default_nlp()
            else:
                self.nlp = self.make_nlp()
        return self.nlp


def get_state(request: Request) -> ApiState:
    """The :class:`ApiState` of the app serving ``request``."""
    state: ApiState = request.app.state.api
    return state


def get_ledger(request: Request) -> Ledger:
    """This thread's reader of the server's ledger."""
    reader: Ledger = get_state(request).ledger.thread_reader()
    return reader


def get_writer(request: Request) -> Iterator[Ledger]:
    """The server's writer, under its write lock for as long as the route runs."""
    state = get_state(request)
    with state.write_lock:
        yield state.ledger


_bearer = HTTPBearer(auto_error=False, description="The server's write token (`serve --token`).")


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """Refuse the request unless it carries the server's token as ``Authorization: Bearer <token>``.

    Raises:
        AccessDenied: no token configured (writes are off), no token sent, or the wrong one.
    """
    expected = get_state(request).token
    if not expected:
        raise AccessDenied(
            "writes are disabled on this server: start it with --token or CLAIMLEDGER_API_TOKEN", input=request.url.path
        )
    given = credentials.credentials if credentials else ""
    if not given or not secrets.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise AccessDenied("this endpoint needs the server's token (Authorization: Bearer …)", input=request.url.path)


LedgerDep = Annotated[Ledger, Depends(get_ledger)]
WriterDep = Annotated[Ledger, Depends(get_writer)]
StateDep = Annotated[ApiState, Depends(get_state)]
TokenDep = Annotated[None, Depends(require_token)]

__all__: list[str] = ["ApiState", "LedgerDep", "StateDep", "TokenDep", "WriterDep", "get_ledger", "get_state"]
