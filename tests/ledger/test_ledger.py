"""Behaviour of the ledger a user relies on, run against every backend (DuckDB; PostgreSQL when
CLAIMLEDGER_TEST_PG is set)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from claimledger.errors import LedgerError
from claimledger.ledger import Ledger, open_ledger
from claimledger.models import Figure


def test_ledger_write_is_idempotent(ledger, make_reading) -> None:
    assert isinstance(ledger, Ledger)
    r = make_reading()
    assert ledger.write(r) is True
    before = ledger.stats()
    assert ledger.write(r) is False
    assert ledger.write(make_reading()) is False  # an equal reading built again
    assert ledger.stats() == before
    assert before["documents"] == 1 and before["claims"] == 3


def test_ledger_reading_round_trips_exactly(ledger, make_reading) -> None:
    r = make_reading()
    ledger.write(r)
    assert ledger.reading(r.doc_id) == r
    assert ledger.article(r.doc_id) == r.article
    assert ledger.reading("0" * 16) is None and ledger.article("0" * 16) is None


def test_ledger_reopened_file_keeps_everything(backend_target, make_reading) -> None:
    r = make_reading()
    with open_ledger(backend_target) as led:
        led.write(r)
    with open_ledger(backend_target) as led:
        assert led.reading(r.doc_id) == r
        assert led.doc_ids() == {r.doc_id} and led.has(r.doc_id)


def test_ledger_claims_filter_by_source_stance_doc(ledger, make_reading) -> None:
    z = make_reading(speaker="President Zelensky", canonical="Volodymyr Zelensky", tag="1")
    p = make_reading(speaker="Dmitry Peskov", tag="2", published=date(2024, 5, 1))
    ledger.write(z)
    ledger.write(p)
    found = ledger.claims(source="zelensky")
    assert [c.source.name for c in found] == ["Volodymyr Zelensky"]
    assert [c.source.text for c in ledger.claims(source="PRESIDENT")] == ["President Zelensky"]
    assert len(ledger.claims(source="official")) == 2  # matches the span text of anonymous sources
    assert {c.doc_id for c in ledger.claims(stance="deny")} == {z.doc_id, p.doc_id}
    assert all(c.doc_id == z.doc_id for c in ledger.claims(doc_id=z.doc_id))
    everything = ledger.claims()
    assert len(everything) == 6 and everything[0].doc_id == p.doc_id  # oldest publication first
    assert len(ledger.claims(limit=4)) == 4
    assert ledger.claims(source="nobody by that name") == []


def test_ledger_reads_per_table_and_document(ledger, make_reading) -> None:
    a, b = make_reading(tag="a"), make_reading(tag="b")
    ledger.write_many([a, b])
    for table in ("figures", "times", "places", "actors", "events"):
        assert len(getattr(ledger, table)()) == 2
        assert getattr(ledger, table)(doc_id=a.doc_id) == list(getattr(a, table))
        assert getattr(ledger, table)(doc_id=b.doc_id) == list(getattr(b, table))
    assert {x.doc_id for x in ledger.articles()} == {a.doc_id, b.doc_id}
    assert len(ledger.articles(limit=1)) == 1


def test_ledger_failure_mid_write_leaves_nothing(ledger, make_reading, monkeypatch) -> None:
    r = make_reading()
    real = ledger._insert_many
    calls = []

    def failing(table, columns, rows, **kw):
        calls.append(table)
        real(table, columns, rows, **kw)  # the documents row and claims are in …
        if table == "figures":
            raise RuntimeError("disk on fire")  # … then the write dies half-way

    monkeypatch.setattr(ledger, "_insert_many", failing)
    with pytest.raises(LedgerError) as err:
        ledger.write(r)
    assert err.value.input == r.doc_id and "disk on fire" in str(err.value)
    assert calls[:2] == ["claims", "figures"]
    assert not ledger.has(r.doc_id)
    assert all(n == 0 for n in ledger.stats().values())
    monkeypatch.undo()
    assert ledger.write(r) is True and ledger.reading(r.doc_id) == r


def test_ledger_atomic_rolls_back_on_keyboard_interrupt(ledger, make_reading) -> None:
    r = make_reading()
    with pytest.raises(KeyboardInterrupt):
        with ledger.atomic():
            assert ledger.write(r) is True
            raise KeyboardInterrupt
    assert not ledger.has(r.doc_id)
    with ledger.atomic():
        ledger.write(r)
    assert ledger.has(r.doc_id)


def test_ledger_nested_atomic_failure(ledger, make_reading) -> None:
    outer, inner = make_reading(tag="outer"), make_reading(tag="inner")
    if ledger.dialect == "postgres":  # savepoints: only the inner block is undone
        with ledger.atomic():
            ledger.write(outer)
            with pytest.raises(ValueError):
                with ledger.atomic():
                    ledger.write(inner)
                    raise ValueError("inner")
        assert ledger.has(outer.doc_id) and not ledger.has(inner.doc_id)
    else:  # no savepoints: the whole transaction is refused, never half-committed
        with pytest.raises(LedgerError, match="no savepoints"):
            with ledger.atomic():
                ledger.write(outer)
                with pytest.raises(ValueError):
                    with ledger.atomic():
                        ledger.write(inner)
                        raise ValueError("inner")
        assert not ledger.has(outer.doc_id) and not ledger.has(inner.doc_id)


def _broken(reading):
    """A reading whose figure claims to belong to another document (refused by the ledger)."""
    fig = dataclasses.replace(reading.figures[0], doc_id="ffffffffffffffff")
    return dataclasses.replace(reading, figures=(fig,))


def test_ledger_write_many_reports_new_and_duplicates(ledger, make_reading) -> None:
    a, b, c = (make_reading(tag=t) for t in "abc")
    ledger.write(a)
    assert ledger.write_many([a, b, b, c]) == [False, True, False, True]
    assert ledger.stats()["documents"] == 3
    assert ledger.write_many([]) == []


def test_ledger_write_many_one_bad_article_keeps_the_others(ledger, make_reading) -> None:
    a, b, c = (make_reading(tag=t) for t in "abc")
    bad = _broken(b)
    seen = []
    assert ledger.write_many([a, bad, c], on_error=lambda r, e: seen.append((r.doc_id, e))) == [True, False, True]
    assert [d for d, _ in seen] == [b.doc_id] and seen[0][1].input == b.doc_id
    assert ledger.has(a.doc_id) and ledger.has(c.doc_id) and not ledger.has(b.doc_id)
    assert ledger.stats()["claims"] == 6
    d, e = make_reading(tag="d"), make_reading(tag="e")
    with pytest.raises(LedgerError, match="belongs to document"):
        ledger.write_many([d, bad, e])
    assert ledger.has(d.doc_id) and not ledger.has(e.doc_id)


def test_ledger_errors_recorded_then_resolved(ledger, make_reading) -> None:
    ledger.record_error("feed.jsonl:3", "CL006", "malformed JSON")
    ledger.record_error("feed.jsonl:3", "CL004", "undecodable")
    [err] = ledger.errors()
    assert (err.input, err.code, err.message, err.count) == ("feed.jsonl:3", "CL004", "undecodable", 2)
    assert err.first_seen <= err.last_seen and err.resolved_at is None
    assert ledger.stats()["errors"] == 1
    ledger.write(make_reading(input="feed.jsonl:3"))
    assert ledger.errors() == []
    [done] = ledger.errors(include_resolved=True)
    assert done.resolved_at is not None and done.count == 2
    ledger.record_error("feed.jsonl:3", "CL006", "broken again")
    [again] = ledger.errors()
    assert again.resolved_at is None and again.count == 3


def test_ledger_sql_is_read_only_unless_allowed(ledger, make_reading) -> None:
    ledger.write(make_reading())
    cols, rows = ledger.sql("SELECT stance, COUNT(*) AS n FROM claims GROUP BY stance ORDER BY stance")
    assert cols == ["stance", "n"] and rows == [("assert", 1), ("deny", 1), ("estimate", 1)]
    mark = "?" if ledger.dialect == "duckdb" else "%s"
    assert ledger.sql(f"SELECT COUNT(*) FROM claims WHERE stance = {mark}", ["deny"])[1] == [(1,)]
    for statement in ("DELETE FROM claims", "DROP TABLE claims", "UPDATE claims SET stance = 'x'"):
        with pytest.raises(LedgerError):
            ledger.sql(statement)
    assert ledger.stats()["claims"] == 3
    ledger.sql("DELETE FROM claims WHERE stance = 'deny'", allow_write=True)
    assert ledger.stats()["claims"] == 2
    with pytest.raises(LedgerError, match="claims_nope|does not exist|not found"):
        ledger.sql("SELECT * FROM claims_nope")


def test_ledger_read_only_refuses_writes(backend_target, make_reading) -> None:
    r = make_reading()
    with open_ledger(backend_target) as led:
        led.write(r)
    with open_ledger(backend_target, read_only=True) as ro:
        assert ro.reading(r.doc_id) == r
        with pytest.raises(LedgerError, match="read-only"):
            ro.write(make_reading(tag="new"))
        with pytest.raises(LedgerError, match="read-only"):
            ro.record_error("x", "CL002", "empty")
        with pytest.raises(LedgerError):
            ro.sql("DELETE FROM claims", allow_write=True)


def test_ledger_sources_view_counts_claims(ledger, make_reading) -> None:
    ledger.write(make_reading(speaker="Ann Lee", tag="1"))
    ledger.write(make_reading(speaker="Ann Lee", tag="2", published=date(2025, 3, 1)))
    by_name = {s["name"]: s for s in ledger.sources()}
    assert by_name["Ann Lee"]["claims"] == 2 and by_name["Ann Lee"]["documents"] == 2
    assert by_name["Ann Lee"]["kind"] == "person"
    assert by_name["Ann Lee"]["last_published"] == date(2025, 3, 1)
    assert ledger.stats()["sources"] == 2


def test_ledger_iter_records_pages_through_everything(ledger, make_reading) -> None:
    readings = [make_reading(tag=str(i)) for i in range(7)]
    ledger.write_many(readings)
    claims = list(ledger.iter_records("claims", page=2))
    assert len(claims) == 21 and len({c.claim_id for c in claims}) == 21
    assert sorted(c.claim_id for c in claims) == sorted(c.claim_id for c in ledger.claims())
    assert len(list(ledger.iter_records("documents", page=3))) == 7
    with pytest.raises(LedgerError, match="unknown table"):
        list(ledger.iter_records("nope"))


def test_ledger_closed_ledger_refuses_use(backend_target) -> None:
    led = open_ledger(backend_target)
    led.close()
    led.close()
    with pytest.raises(LedgerError, match="closed"):
        led.sql("SELECT 1")


def test_ledger_refuses_non_finite_numbers_in_json_fields(ledger, make_reading) -> None:
    r = make_reading()
    fig: Figure = dataclasses.replace(r.figures[0], normalized={"value": float("inf"), "unit": "m"})
    with pytest.raises(LedgerError, match="JSON"):
        ledger.write(dataclasses.replace(r, figures=(fig,)))
    assert not ledger.has(r.doc_id)
    scalar = dataclasses.replace(r.figures[0], value=float("inf"), high=-1e308)
    ledger.write(dataclasses.replace(r, figures=(scalar,)))
    assert ledger.figures()[0].value == float("inf") and ledger.figures()[0].high == -1e308
