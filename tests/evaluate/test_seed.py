"""The seed article, read end to end (ingest -> ledger -> export), against the analysts' reading.

A check that ``claimledger eval seed`` prints the same numbers as the reference scorer
``../shared/eval/seed_check.py``, and that the export has every contract field (the seed's floors
are in tests/quality_gate.json).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimledger.evaluate.seed import export_seed, load_expected, score_export
from contract_fields import CONTRACT

pytestmark = pytest.mark.slow

CONTRACT_FILES = tuple(CONTRACT)


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Path:
    """The seed read with the session's full pipeline (what `claimledger eval seed` builds)."""
    return export_seed(tmp_path_factory.mktemp("seed"), nlp=nlp)


def test_seed_score_matches_reference_scorer(seed_export: Path, shared: Path) -> None:
    ours = score_export(load_expected(), seed_export).format()
    ref = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "seed_check.py"),
            str(shared / "data" / "seed" / "kursk-expected.json"),
            str(seed_export),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ours.strip().splitlines() == ref.strip().splitlines()


def test_seed_export_has_every_contract_file_and_field(seed_export: Path) -> None:
    import json

    required = {name: set(fields) for name, fields in CONTRACT.items()}
    text = None
    for name in CONTRACT_FILES:
        rows = [json.loads(line) for line in (seed_export / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert rows, name
        for row in rows:
            assert required[name] <= set(row), (name, required[name] - set(row))
        if name == "documents":
            text = rows[0]["text"]
    assert text is not None
    for row in (json.loads(line) for line in (seed_export / "claims.jsonl").read_text(encoding="utf-8").splitlines()):
        for part in ("cue", "content"):
            assert text[row[part]["start"] : row[part]["end"]] == row[part]["text"]
        if row["source"]:
            assert text[row["source"]["start"] : row["source"]["end"]] == row["source"]["text"]
