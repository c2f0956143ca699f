"""DuckDB-specific behaviour: files and folders, one writer process, crashes (kill -9) mid-write."""

from __future__ import annotations

import os
import pickle
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimledger.errors import LedgerError
from claimledger.ledger import open_ledger

# A writer process: writes readings[:split] one by one, then readings[split:] as one batch.
# With pause=1 it stops inside the batch's transaction (after the documents and claims rows went
# in) and says so, waiting to be killed.
WRITER = r"""
import pickle, sys, time
from claimledger.ledger import open_ledger
path, pickled, split, pause = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
readings = pickle.load(open(pickled, "rb"))
led = open_ledger(path)
real = led._insert_many
in_batch = []
def insert(table, columns, rows, **kw):
    real(table, columns, rows, **kw)
    if pause and in_batch and table == "figures":
        print("inside", flush=True)
        time.sleep(120)
led._insert_many = insert
for r in readings[:split]:
    led.write(r)
    print("wrote", r.doc_id, flush=True)
in_batch.append(1)
led.write_many(readings[split:])
print("done", flush=True)
"""

HOLDER = r"""
import sys
from claimledger.ledger import open_ledger
led = open_ledger(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()
led.close()
"""


def _spawn(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill(proc: subprocess.Popen[str]) -> None:
    """kill -9, then reap the process and close its pipes."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)


def _assert_complete(path: Path, by_id: dict) -> set[str]:
    """Every stored article is stored whole, exactly as written."""
    with open_ledger(path, read_only=True) as led:
        ids = led.doc_ids()
        for doc_id in ids:
            assert led.reading(doc_id) == by_id[doc_id]
        stats = led.stats()
    n = len(ids)
    assert stats["claims"] == 3 * n and stats["figures"] == n and stats["events"] == n
    return ids


def test_duckdb_creates_missing_parent_folders(tmp_path, make_reading) -> None:
    path = tmp_path / "a" / "b" / "ledger.duckdb"
    with open_ledger(path) as led:
        led.write(make_reading())
    assert path.is_file()


def test_duckdb_clear_errors_for_bad_targets(tmp_path) -> None:
    with pytest.raises(LedgerError, match="read-only open does not create"):
        open_ledger(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()
    text = tmp_path / "notes.txt"
    text.write_text("not a database, just words\n" * 50)
    with pytest.raises(LedgerError, match="cannot open as a DuckDB ledger") as err:
        open_ledger(text)
    assert err.value.input == str(text)
    with pytest.raises(LedgerError, match="directory"):
        open_ledger(tmp_path)


def test_duckdb_second_writer_process_gets_clear_error(tmp_path, make_reading) -> None:
    path = tmp_path / "ledger.duckdb"
    r = make_reading()
    with open_ledger(path) as led:
        led.write(r)
    holder = _spawn(HOLDER, str(path))
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        for read_only in (False, True):
            with pytest.raises(LedgerError, match="another process") as err:
                open_ledger(path, read_only=read_only)
            assert str(holder.pid) in str(err.value) and err.value.input == str(path)
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0
    with open_ledger(path) as led:  # nothing was harmed
        assert led.reading(r.doc_id) == r


def test_duckdb_kill_mid_batch_leaves_no_half_article(tmp_path, make_reading) -> None:
    path = tmp_path / "ledger.duckdb"
    readings = [make_reading(tag=str(i)) for i in range(8)]
    pickled = tmp_path / "readings.pkl"
    pickled.write_bytes(pickle.dumps(readings))
    proc = _spawn(WRITER, str(path), str(pickled), "5", "1")
    try:
        lines = [proc.stdout.readline().strip() for _ in range(6)]  # type: ignore[union-attr]
        assert lines[-1] == "inside", (lines, proc.stderr.read() if proc.poll() is not None else "")  # type: ignore[union-attr]
    finally:
        _kill(proc)
    ids = _assert_complete(path, {r.doc_id: r for r in readings})
    assert ids == {r.doc_id for r in readings[:5]}
    with open_ledger(path) as led:  # the crashed batch can simply be written again
        assert led.write_many(readings) == [False] * 5 + [True] * 3


def test_duckdb_kill_at_random_moments_never_half_writes(tmp_path, make_reading) -> None:
    readings = [make_reading(tag=f"r{i}") for i in range(60)]
    by_id = {r.doc_id: r for r in readings}
    pickled = tmp_path / "readings.pkl"
    pickled.write_bytes(pickle.dumps(readings))
    rng = random.Random(7)
    for trial in range(3):
        path = tmp_path / f"ledger{trial}.duckdb"
        proc = _spawn(WRITER, str(path), str(pickled), "40", "0")
        assert proc.stdout is not None
        first = proc.stdout.readline()  # wait until it is writing
        assert first.startswith("wrote"), proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0.0, 0.3))
        _kill(proc)
        ids = _assert_complete(path, by_id)
        assert ids  # at least the announced article survived
        batch = {r.doc_id for r in readings[40:]}
        assert not (batch & ids) or batch <= ids  # the batch is all-or-nothing


def test_duckdb_sql_guard_rejects_writes_and_side_effects(tmp_path, make_reading) -> None:
    with open_ledger(tmp_path / "l.duckdb") as led:
        led.write(make_reading())
        for q in (
            "COPY claims TO 'x.csv'",
            "ATTACH 'other.duckdb'",
            "INSERT INTO errors VALUES (1)",
            "SELECT 1; DELETE FROM claims",
            "CREATE TABLE t (a INT)",
        ):
            with pytest.raises(LedgerError, match="only read queries"):
                led.sql(q)
        led.sql("EXPLAIN ANALYZE DELETE FROM claims")  # EXPLAIN runs it … inside a rolled-back transaction
        assert led.stats()["claims"] == 3
        assert led.sql("DESCRIBE claims")[1] and led.sql("SHOW TABLES")[1]
        assert not (tmp_path / "x.csv").exists()
        table = led.arrow("SELECT claim_id, stance FROM claims ORDER BY claim_id")
        assert table.num_rows == 3 and table.column_names == ["claim_id", "stance"]


def test_duckdb_large_batches_use_arrow_and_store_the_same(tmp_path, make_reading, monkeypatch) -> None:
    readings = [make_reading(tag=f"b{i}") for i in range(40)]
    with open_ledger(tmp_path / "l.duckdb") as led:
        used = []
        real = led._insert_arrow
        monkeypatch.setattr(led, "_insert_arrow", lambda t, *a: used.append(t) or real(t, *a))
        led.write(readings[0])
        assert used == []  # one article: plain parameterised INSERTs
        assert led.write_many(readings + readings[:2]) == [False] + [True] * 39 + [False, False]
        assert {"documents", "claims"} <= set(used)
        for r in readings:
            assert led.reading(r.doc_id) == r
        assert led.stats()["claims"] == 120


def _memory_limit_mb(led) -> float:  # type: ignore[no-untyped-def]
    value = led._fetchall("SELECT current_setting('memory_limit')")[0][0]
    number, unit = value.split()
    return float(number) * {"KiB": 2**-10, "MiB": 1, "GiB": 2**10, "TiB": 2**20}[unit]


def test_cache_limit_caps_duckdb_memory_while_writing_and_restores_it(tmp_path: Path, make_reading) -> None:
    build_reading = make_reading
    with open_ledger(tmp_path / "l.duckdb") as led:
        before = _memory_limit_mb(led)
        with led.cache_limit(64):
            assert 64 <= _memory_limit_mb(led) < 128
            for start in range(0, 240, 40):
                led.write_many([build_reading(tag=f" {i}") for i in range(start, start + 40)])
            assert 64 <= _memory_limit_mb(led) < 256  # the cap follows the indexes, not the file
        assert _memory_limit_mb(led) == pytest.approx(before, rel=0.01)  # DuckDB prints it rounded
        assert len(led.doc_ids()) == 240


def test_cache_limit_grows_when_a_batch_runs_out_of_memory(tmp_path: Path, make_reading) -> None:
    build_reading = make_reading
    with open_ledger(tmp_path / "l.duckdb") as led, led.cache_limit(16):
        led._execute("SET memory_limit = '1MB'")  # far too little for a batch: DuckDB runs out of memory
        led._memory_limit = 2**20
        written = led.write_many([build_reading(tag=f" {i}") for i in range(60)])
        assert written == [True] * 60 and len(led.doc_ids()) == 60
        assert _memory_limit_mb(led) > 1
        assert led.errors() == []
