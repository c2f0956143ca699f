"""kill -9 at random points, resume, and compare with a clean run.

    python bench/kill_resume.py [--trials 20] [--articles 40] [--processes 1] [--db-kind duckdb|postgres]

A clean ``claimledger ingest`` of a synthetic corpus gives the reference ledger.  Each trial starts the
same ingest into a fresh ledger, sends SIGKILL after a random delay (from start-up to the end of the
clean run's duration), reruns the ingest to completion, and compares every exported table with the
reference.  Prints one line per trial and exits non-zero if any resumed ledger differs.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import write_corpus  # noqa: E402

TABLES = ("documents", "claims", "figures", "times", "places", "actors", "events")


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimledger.cli", *args]


def ingest_cmd(corpus: Path, db: str, processes: int) -> list[str]:
    # Small spaCy batches (= the pool's chunks) and ledger batches: results come back and are written all
    # through the run, so the kills land while writing as well as during start-up and analysis.
    return _cli(
        "ingest",
        str(corpus),
        "--db",
        db,
        "-j",
        str(processes),
        "--quiet",
        "--attribution",
        "rules",
        "--write-batch",
        "4",
        "--batch-size",
        "4",
    )


def dump(db: str, out: Path) -> Path:
    """Export the ledger as JSONL with every file's lines sorted (row order is not part of the contract)."""
    subprocess.run(_cli("export", "--db", db, "--format", "jsonl", "--out", str(out)), check=True, capture_output=True)
    for table in TABLES:
        path = out / f"{table}.jsonl"
        lines = sorted(path.read_text(encoding="utf-8").splitlines()) if path.exists() else []
        path.write_text("\n".join(lines), encoding="utf-8")
    return out


def same(a: Path, b: Path) -> list[str]:
    """Names of the tables that differ between two dumps."""
    return [t for t in TABLES if not filecmp.cmp(a / f"{t}.jsonl", b / f"{t}.jsonl", shallow=False)]


def run_trials(trials: int, articles: int, processes: int, seed: int = 1, db_url: str | None = None) -> int:
    """Run the trials; return the number of resumed ledgers that differ from the clean one."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = write_corpus(tmp / "corpus.jsonl", articles, seed=seed, sentences=12)
        started = time.perf_counter()
        clean_db = str(tmp / "clean.duckdb")
        subprocess.run(ingest_cmd(corpus, clean_db, processes), check=True, capture_output=True)
        clean_seconds = time.perf_counter() - started
        reference = dump(clean_db, tmp / "clean")
        print(f"clean run: {articles} articles in {clean_seconds:.1f} s")
        bad = 0
        full = clean_seconds
        for trial in range(1, trials + 1):
            db = db_url or str(tmp / f"trial{trial}.duckdb")
            if db_url:
                _reset_postgres(db_url)
            # A random moment of the run, mostly after start-up; `full` follows the machine's load
            # (a run that ends before its kill time tells how long a whole run takes now).
            delay = rng.uniform(0.3 * full, full)
            began = time.perf_counter()
            proc = subprocess.Popen(
                ingest_cmd(corpus, db, processes),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                proc.wait(timeout=delay)
                killed = False
                full = time.perf_counter() - began
            except subprocess.TimeoutExpired:
                killed = True
                os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its spaCy workers
                proc.wait()
            stored_before = _count(db)
            subprocess.run(ingest_cmd(corpus, db, processes), check=True, capture_output=True)
            diff = same(reference, dump(db, tmp / f"trial{trial}"))
            bad += bool(diff)
            state = (
                f"killed at {delay:5.1f} s with {stored_before:>3} stored"
                if killed
                else f"finished in {full:.1f} s, before its kill time"
            )
            verdict = "DIFFERS in " + ", ".join(diff) if diff else "identical"
            print(f"trial {trial:>2}: {state}; resumed ledger {verdict}")
        print(f"{trials - bad}/{trials} resumed ledgers identical to the clean run")
        return bad


def _count(db: str) -> int:
    out = subprocess.run(
        _cli("sql", "SELECT count(*) FROM documents", "--db", db, "--format", "csv"), capture_output=True, text=True
    )
    lines = out.stdout.strip().splitlines()
    return int(lines[1]) if out.returncode == 0 and len(lines) > 1 else 0


def _reset_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--postgres", default=None, help="run the trials against this PostgreSQL URL (it is wiped)")
    args = ap.parse_args()
    return 1 if run_trials(args.trials, args.articles, args.processes, args.seed, args.postgres) else 0


if __name__ == "__main__":
    sys.exit(main())
