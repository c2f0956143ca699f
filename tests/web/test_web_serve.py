"""``claimledger serve``: one process serves the web app and the API over the ledger it holds."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from ledger_samples import build_ledger


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_web_serve_command_serves_both_and_prints_the_url(tmp_path: Path) -> None:
    db = tmp_path / "served.duckdb"
    build_ledger(db, stories=False).close()
    port = _free_port()
    env = {**os.environ, "CLAIMLEDGER_API_TOKEN": "from-env"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimledger.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        http = httpx.Client(timeout=60)  # the machine may be busy: a slow answer is not a wrong one
        for _ in range(300):
            try:
                if http.get(base + "/api/v1/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        assert http.get(base + "/api/v1/").json()["counts"]["documents"] == 5
        assert "claims" in http.get(base + "/claims").text
        assert http.get(base + "/openapi.json").json()["info"]["title"] == "claimledger"
        # the token comes from CLAIMLEDGER_API_TOKEN: a wrong one is refused, the body is checked after it
        assert (
            http.post(
                base + "/api/v1/documents", json={"text": " "}, headers={"Authorization": "Bearer no"}
            ).status_code
            == 401
        )
        ok = http.post(base + "/api/v1/documents", json={"text": " "}, headers={"Authorization": "Bearer from-env"})
        assert ok.status_code == 422 and ok.json()["error"]["type"] == "EmptyInput"
        http.close()
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    assert f"http://localhost:{port}/" in out
    assert proc.returncode == 0, out
