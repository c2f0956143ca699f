"""The web tests' ledger and server: hand-built readings, the real reconciliation, the composed app."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi import FastAPI

from claimledger.ledger.base import Ledger
from claimledger.server import build_app
from ledger_samples import API_TOKEN, build_ledger


@pytest.fixture(scope="session")
def web_ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    ledger = build_ledger(tmp_path_factory.mktemp("web") / "ledger.duckdb")
    yield ledger
    ledger.close_readers()
    ledger.close()


@pytest.fixture(scope="session")
def web_app(web_ledger: Ledger) -> FastAPI:
    return build_app(web_ledger, token=API_TOKEN)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(web_app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
