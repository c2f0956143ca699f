"""Start-up: the commands that only read a ledger never import torch, spaCy or the model libraries.

``serve`` included: its API and web app read the ledger without them until the first write
(``POST /api/v1/documents`` reads the article, and only then loads the pipeline).

Importing torch costs ~1.3 s and the attribution model's libraries more; a user listing claims or
running SQL waits for none of it.  Each command runs in a fresh interpreter (``sys.modules`` of the
test process is polluted by other tests) and reports the heavy modules it ended up importing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.ledger import open_ledger
from claimledger.models import Article, Reading

HEAVY = ("torch", "transformers", "tokenizers", "safetensors", "spacy", "thinc")

_PROBE = """
import json, sys
from claimledger.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"code": code, "heavy": heavy}}))
"""


def _run(*args: str) -> dict[str, object]:
    """Run ``claimledger ARGS`` in a fresh interpreter; its exit code and the heavy modules it imported."""
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(heavy=HEAVY), *args], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture()
def ledger_file(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "startup.duckdb"
    article = Article(text="The mayor said the bridge would reopen on Monday.", external_id="bridge-1")
    with open_ledger(path) as ledger:
        ledger.write(Reading(article=article))
    return path, article.doc_id


@pytest.mark.parametrize(
    "command",
    [
        ("claims",),
        ("sql", "SELECT count(*) FROM documents"),
        ("show", "{doc_id}"),
        ("export", "--out", "{tmp}/export"),
        ("export", "--format", "parquet", "--out", "{tmp}/export_parquet"),
    ],
    ids=lambda c: " ".join(c[:3]),
)
def test_startup_ledger_commands_never_import_torch(ledger_file: tuple[Path, str], command: tuple[str, ...]) -> None:
    path, doc_id = ledger_file
    args = [a.format(doc_id=doc_id, tmp=path.parent) for a in command]
    result = _run(*args, "--db", str(path))
    assert result["code"] == 0
    assert result["heavy"] == []


def test_startup_help_imports_nothing_heavy() -> None:
    result = _run("--help")
    assert result["heavy"] == []


_SERVE_PROBE = """
import json, sys
from fastapi.testclient import TestClient
from claimledger.ledger import open_ledger
from claimledger.server import build_app
app = build_app(open_ledger(sys.argv[1]), token="t0ken")
with TestClient(app) as client:
    codes = [client.get(p).status_code for p in ("/api/v1/documents", "/api/v1/claims", "/", "/openapi.json")]
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"codes": codes, "heavy": heavy}}))
"""


def test_startup_serve_reads_without_torch(ledger_file: tuple[Path, str]) -> None:
    path, _ = ledger_file
    out = subprocess.run(
        [sys.executable, "-c", _SERVE_PROBE.format(heavy=HEAVY), str(path)], capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"codes": [200, 200, 200, 200], "heavy": []}
