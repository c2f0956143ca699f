"""PostgreSQL-specific behaviour: concurrent writer processes, concurrent first opens, values the
server cannot hold, passwords kept out of messages.  Needs CLAIMLEDGER_TEST_PG (else skipped)."""

from __future__ import annotations

import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from claimledger.errors import LedgerError
from claimledger.ledger import MIGRATIONS, open_ledger
from claimledger.ledger.postgres import redact
from claimledger.models import Article, Reading

pytestmark = pytest.mark.postgres

# Writes the pickled readings in the given order: batches of 4 with write_many, then each again
# with write (all of them already stored by then, by this process or the other one).
WRITER = r"""
import pickle, sys
from claimledger.ledger import open_ledger
url, pickled, reverse = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
readings = pickle.load(open(pickled, "rb"))
if reverse:
    readings.reverse()
new = 0
with open_ledger(url) as led:
    print("ready", flush=True)
    sys.stdin.readline()  # both writers start together
    for i in range(0, len(readings), 4):
        new += sum(led.write_many(readings[i:i + 4]))
    new += sum(led.write(r) for r in readings)
print(new)
"""


def test_postgres_concurrent_writers_neither_corrupt_nor_duplicate(pg_url, make_reading, tmp_path) -> None:
    readings = [make_reading(tag=f"w{i}") for i in range(60)]
    pickled = tmp_path / "readings.pkl"
    pickled.write_bytes(pickle.dumps(readings))
    open_ledger(pg_url).close()  # schema in place (concurrent first opens are tested below)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, pg_url, str(pickled), rev],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for rev in ("0", "1")
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outs]
    assert sum(int(out) for out, _ in outs) == len(readings)  # each article stored exactly once
    with open_ledger(pg_url) as led:
        stats = led.stats()
        assert stats["documents"] == 60 and stats["claims"] == 180 and stats["events"] == 60
        for r in readings:
            assert led.reading(r.doc_id) == r


def test_postgres_concurrent_first_opens_migrate_once(pg_url) -> None:
    with ThreadPoolExecutor(4) as pool:
        versions = list(pool.map(lambda _: _open_version(pg_url), range(4)))
    latest = max(MIGRATIONS)
    assert versions == [latest] * 4
    with open_ledger(pg_url) as led:
        assert led.sql("SELECT COUNT(*) FROM _migrations")[1] == [(len(MIGRATIONS),)]


def _open_version(url: str) -> int:
    with open_ledger(url) as led:
        return led.schema_version


def test_postgres_refuses_nul_characters_clearly(pg_url, make_reading) -> None:
    good = make_reading()
    text = good.article.text + " \x00 trailing"
    bad = Reading(Article(text=text, outlet="Example Wire"))
    with open_ledger(pg_url) as led:
        with pytest.raises(LedgerError, match="NUL") as err:
            led.write(bad)
        assert err.value.input == bad.doc_id
        assert led.write_many([good]) == [True]  # the connection is still usable
        assert not led.has(bad.doc_id)


def test_postgres_password_never_in_messages() -> None:
    url = "postgresql://reader:s3cret-pw@127.0.0.1:1/nowhere"
    assert "s3cret" not in redact(url) and "reader:***@" in redact(url)
    with pytest.raises(LedgerError, match="cannot connect") as err:
        open_ledger(url)
    assert "s3cret" not in str(err.value)
