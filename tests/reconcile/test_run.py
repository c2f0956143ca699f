"""reconcile(): stories stored and exported, incremental equals rebuild, resumable after kill -9."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimledger.evaluate.stories import bcubed
from claimledger.ledger import open_ledger
from claimledger.ledger.export import export, fields
from claimledger.reconcile.run import reconcile, story_assignments
from claimledger.reconcile.synthetic import synthetic_gold, synthetic_readings

PG_ENV = "CLAIMLEDGER_TEST_PG"


@pytest.fixture(params=["duckdb", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "duckdb":
        return str(tmp_path / "ledger.duckdb")
    if not os.environ.get(PG_ENV):
        pytest.skip(f"{PG_ENV} not set: no PostgreSQL server to test against")
    return str(request.getfixturevalue("pg_url"))


def _stories_of(target: str) -> tuple[dict[str, str], list[dict[str, object]]]:
    with open_ledger(target) as ledger:
        return story_assignments(ledger), [s.to_record() for s in ledger.stories()]


def test_run_assigns_every_article_and_exports_stories(target: str, tmp_path: Path) -> None:
    readings = list(synthetic_readings(60, seed=2))
    with open_ledger(target) as ledger:
        ledger.write_many(readings)
        report = reconcile(ledger)
        assert report.assigned == 60 and report.stories_written == report.new_stories > 1
        stories = ledger.stories()
        assert sorted(d for s in stories for d in s.doc_ids) == sorted(r.doc_id for r in readings)
        assert ledger.pending_stories() == []
        first = stories[0]
        assert ledger.story(first.story_id[:6]) == first  # an id prefix finds it
        assert first.origins >= 1 and first.outlets and first.first_published is not None
        again = reconcile(ledger)  # nothing new: nothing changes
        assert (again.assigned, again.stories_written) == (0, 0)
        out = export(ledger, tmp_path / "out", "jsonl")
    assert tmp_path / "out" / "stories.jsonl" in out
    lines = [json.loads(x) for x in (tmp_path / "out" / "stories.jsonl").read_text().splitlines()]
    for key in ("story_id", "doc_ids", "title", "first_published", "last_published", "outlets", "origins"):
        assert key in fields("stories") and all(key in rec for rec in lines)
    docs = [json.loads(x) for x in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    assert {d["story_id"] for d in docs} == {rec["story_id"] for rec in lines}


def test_run_wire_copies_join_their_original_and_count_once(tmp_path: Path) -> None:
    readings = list(synthetic_readings(80, seed=4))
    copies = [r for r in readings if r.article.duplicate_of]
    assert copies
    with open_ledger(tmp_path / "l.duckdb") as ledger:
        ledger.write_many(readings)
        reconcile(ledger)
        where = story_assignments(ledger)
        for copy in copies:
            assert where[copy.doc_id] == where[str(copy.article.duplicate_of)]
        for story in ledger.stories():
            assert story.origins <= len(story.doc_ids)


def test_run_incremental_equals_rebuild_in_publication_order(tmp_path: Path) -> None:
    readings = list(synthetic_readings(300, seed=5))
    db = tmp_path / "l.duckdb"
    with open_ledger(db) as ledger:
        for i in range(0, 300, 70):  # five ingest runs, each reconciled at its end
            ledger.write_many(readings[i : i + 70])
            reconcile(ledger)
        incremental = story_assignments(ledger)
        reconcile(ledger, rebuild=True)
        rebuilt = story_assignments(ledger)
    assert incremental == rebuilt
    gold = {r.doc_id: str(s) for r, s in zip(readings, synthetic_gold(300, seed=5), strict=True)}
    assert bcubed(rebuilt, gold).f1 > 0.9


CHILD = """
import sys
from claimledger.ledger import open_ledger
from claimledger.reconcile import run
run.CHUNK = 16  # many small transactions, so a kill lands between and inside them
with open_ledger(sys.argv[1]) as ledger:
    print("ready", flush=True)
    run.reconcile(ledger, rebuild=len(sys.argv) > 2)
print("done", flush=True)
"""


def _child(db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(proc: subprocess.Popen[str], timeout: float = 600) -> tuple[int, str]:
    """Wait for the child and close its pipes; (return code, stderr)."""
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err


def _seeded(db: Path, n: int) -> None:
    with open_ledger(db) as ledger:
        ledger.write_many(synthetic_readings(n, seed=6))


@pytest.mark.slow  # seven child processes (about a minute): like bench/kill_resume.py for ingest
def test_run_kill_9_during_reconcile_leaves_a_consistent_ledger_the_rerun_finishes(tmp_path: Path) -> None:
    clean = tmp_path / "clean.duckdb"
    _seeded(clean, 160)
    proc = _child(clean)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    started = time.monotonic()
    code, err = _finish(proc)
    assert code == 0, err
    duration = time.monotonic() - started
    want = _stories_of(str(clean))
    rng = random.Random(12)
    for trial in range(3):
        db = tmp_path / f"killed{trial}.duckdb"
        _seeded(db, 160)
        proc = _child(db, *(["rebuild"] if trial == 2 else []))
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.1, 0.9) * duration)
        proc.send_signal(signal.SIGKILL)
        _finish(proc, 60)
        with open_ledger(db) as ledger:  # consistent: every assigned article's story has a row
            assigned = story_assignments(ledger)
            known = {s.story_id for s in ledger.stories()}
            assert set(assigned.values()) <= known
            _, rows = ledger.sql("SELECT COUNT(*) FROM story_features")
            assert rows[0][0] == len(assigned)
        code, err = _finish(_child(db))
        assert code == 0, err
        assert _stories_of(str(db)) == want, f"trial {trial}"
