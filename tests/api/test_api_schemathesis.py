"""schemathesis over the whole API, against our own OpenAPI description: no input gives a server error,
and every response matches the schema (status code documented, body of the documented shape).

Bounded (``max_examples``) so the suite stays fast.  The writes are sent with a wrong token (refused
before any reading, so no spaCy model is needed); ``test_api_documents.py`` sends the right one.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from claimledger.server import build_app
from ledger_samples import API_TOKEN, build_ledger


def _no_reading() -> object:
    raise AssertionError("the schemathesis test never reads an article: its writes carry a wrong token")


# schemathesis' pytest fixture loader does not run on pytest 9 (it sets a private node attribute), so
# the schema is loaded when the module is: over a ledger of the samples in a temporary folder.
_folder = Path(tempfile.mkdtemp(prefix="claimledger-fuzz-"))
_ledger = build_ledger(_folder / "ledger.duckdb", stories=False)
schema = schemathesis.openapi.from_asgi(
    "/openapi.json",
    build_app(_ledger, token=API_TOKEN, make_nlp=_no_reading),  # type: ignore[arg-type]
)


@pytest.fixture(scope="module", autouse=True)
def _close_ledger() -> Iterator[None]:
    yield
    _ledger.close_readers()
    _ledger.close()
    shutil.rmtree(_folder, ignore_errors=True)


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
def test_api_schemathesis_no_input_gives_a_server_error(case: schemathesis.Case) -> None:
    if case.method == "POST":
        case.headers = {**(case.headers or {}), "Authorization": "Bearer not-the-token"}
    response = case.call()
    case.validate_response(
        response,
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
    )
