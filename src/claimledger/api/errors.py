"""One JSON shape for every error the API returns, and the status code of each error class.

``{"error": {"code": "CL022", "type": "QueryError", "message": "...", "input": "...", "fields": [...]}}``

Error classes map to statuses the way datasette's ``Base400`` family does: what the client asked
wrongly is a 4xx naming the input; only a fault of ours is a 500 (and the schemathesis test checks
that no input reaches one).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimledger.errors import (
    AccessDenied,
    ClaimledgerError,
    InputError,
    InputTooLarge,
    LedgerError,
    ModelError,
    NotFound,
    QueryError,
)

# Most specific first.
STATUS: tuple[tuple[type[ClaimledgerError], int], ...] = (
    (NotFound, 404),
    (AccessDenied, 401),
    (QueryError, 400),
    (InputTooLarge, 413),
    (InputError, 422),
    (ModelError, 503),
    (LedgerError, 500),
)
# HTTP errors raised by the framework itself (unknown route, wrong method ...) get codes too.
HTTP_CODES = {404: "CL050", 405: "CL052", 401: "CL051", 403: "CL051", 413: "CL005", 415: "CL053"}


def status_of(exc: ClaimledgerError) -> int:
    """The HTTP status for one of our errors."""
    for cls, status in STATUS:
        if isinstance(exc, cls):
            return status
    return 500


def error_body(
    code: str, kind: str, message: str, *, input: str | None = None, fields: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The one error shape (``ErrorPublic``)."""
    return {"error": {"code": code, "type": kind, "message": message, "input": input, "fields": fields or []}}


def _ours(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ClaimledgerError)
    status = status_of(exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    body = error_body(exc.code, type(exc).__name__, exc.message, input=exc.input)
    return JSONResponse(body, status_code=status, headers=headers)


def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()))
        fields.append({"field": where, "problem": str(err.get("msg", "invalid"))})
    summary = "; ".join(f"{f['field']}: {f['problem']}" for f in fields[:5]) or "invalid request"
    body = error_body("CL010", "InputError", f"the request is not valid: {summary}", fields=jsonable_encoder(fields))
    return JSONResponse(body, status_code=422)


def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = HTTP_CODES.get(exc.status_code, f"HTTP{exc.status_code}")
    body = error_body(code, "HTTPError", str(exc.detail), input=request.url.path)
    return JSONResponse(body, status_code=exc.status_code, headers=getattr(exc, "headers", None))


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    body = error_body("CL000", type(exc).__name__, "internal error; the server log has the details")
    return JSONResponse(body, status_code=500)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the one JSON shape."""
    app.add_exception_handler(ClaimledgerError, _ours)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


__all__ = ["STATUS", "error_body", "install", "status_of"]
