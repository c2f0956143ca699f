"""``export --format acled|gdelt``: the files load in pandas and DuckDB with the documented columns."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from claimledger.formats.acled import COLUMNS as ACLED
from claimledger.formats.gdelt import EVENT_COLUMNS, GKG_COLUMNS
from claimledger.ledger import open_ledger
from claimledger.ledger.export import export
from claimledger.reconcile.across import reconcile_story
from story_builder import protest_story, strike_story


def _ledger(path: Path) -> None:
    with open_ledger(path) as ledger:
        for sid, specs in (("sp", protest_story()), ("ss", strike_story())):
            readings = [s.reading() for s in specs]
            ledger.write_many(readings)
            ledger.write_story_reconciliation(reconcile_story(readings, sid))


def test_exports_acled_loads_in_pandas_and_duckdb(tmp_path: Path) -> None:
    _ledger(tmp_path / "l.duckdb")
    with open_ledger(tmp_path / "l.duckdb", read_only=True) as ledger:
        (path,) = export(ledger, tmp_path / "out", "acled")
    frame = pd.read_csv(path)
    assert list(frame.columns) == list(ACLED) and len(frame) == 2
    assert sorted(frame["fatalities"]) == [2, 12]
    con = duckdb.connect()
    rows = con.execute(f"SELECT event_type, fatalities FROM read_csv_auto('{path}') ORDER BY fatalities").fetchall()
    assert rows == [("Protests", 2), ("Explosions/Remote violence", 12)]
    assert [d[0] for d in con.execute(f"DESCRIBE SELECT * FROM read_csv_auto('{path}')").fetchall()] == list(ACLED)


def test_exports_gdelt_loads_in_pandas_and_duckdb(tmp_path: Path) -> None:
    _ledger(tmp_path / "l.duckdb")
    with open_ledger(tmp_path / "l.duckdb", read_only=True) as ledger:
        events, gkg = export(ledger, tmp_path / "out", "gdelt")
    frame = pd.read_csv(events, dtype=str)
    assert list(frame.columns)[:61] == list(EVENT_COLUMNS) and set(frame["EventCode"]) == {"145", "195"}
    articles = pd.read_csv(gkg, dtype=str)
    assert list(articles.columns)[: len(GKG_COLUMNS)] == list(GKG_COLUMNS) and len(articles) == 5
    con = duckdb.connect()
    n = con.execute(f"SELECT SUM(NumArticles) FROM read_csv_auto('{events}')").fetchone()
    assert n is not None and n[0] == 5
