"""A story's reconciliation in the ledger: replaced in one transaction, read back, shown by the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.cli import main
from claimledger.ledger import open_ledger
from claimledger.reconcile.across import reconcile_story
from claimledger.reconcile.run import story_record
from story_builder import protest_story, strike_story


def _ledger(path: Path | str) -> dict[str, list[str]]:
    """Write both stories' readings, mark their stories, reconcile each; returns story -> doc_ids."""
    stories = {"sprotest01": protest_story(), "sstrike002": strike_story()}
    with open_ledger(path) as ledger:
        ledger.write_many([s.reading() for specs in stories.values() for s in specs])
        for sid, specs in stories.items():
            for s in specs:
                mark = "%s" if ledger.dialect == "postgres" else "?"  # ad-hoc SQL takes the backend's style
                sql = f"UPDATE documents SET story_id = {mark} WHERE doc_id = {mark}"
                ledger.sql(sql, (sid, s.doc_id), allow_write=True)
            readings = ledger.readings_many([s.doc_id for s in specs])
            ledger.write_story_reconciliation(reconcile_story(readings, sid))
            ledger.write_story(story_record(sid, readings, len(ledger.stories())))
    return {sid: [s.doc_id for s in specs] for sid, specs in stories.items()}


def _snapshot(path: Path | str) -> dict[str, list[dict[str, object]]]:
    with open_ledger(path, read_only=True) as ledger:
        return {
            t: sorted((r.to_record() for r in ledger.iter_records(t)), key=json.dumps)
            for t in ("events", "comparisons", "claim_groups", "timeline", "claims")
        }


def test_events_ledger_rewrite_is_idempotent_and_replaces_article_events(ledger_path: Path) -> None:
    docs = _ledger(ledger_path)
    first = _snapshot(ledger_path)
    assert all(e["story_id"] for e in first["events"])  # the articles' own events were replaced
    with open_ledger(ledger_path) as ledger:
        sid = "sprotest01"
        ledger.write_story_reconciliation(reconcile_story(ledger.readings_many(docs[sid]), sid))
        (protest,) = ledger.events(story="sprotest", type="protest")  # an id prefix works
        assert protest.articles == 4 and protest.fatalities == 2
        claims = [c for c in ledger.claims() if c.story_id == sid]
        assert claims and all(c.claim_group for c in claims)
        assert {c.claim_id for c in claims if protest.event_id in c.event_ids} >= set(protest.supporting_claims)
    assert _snapshot(ledger_path) == first  # the same rows again, nothing doubled


def test_events_ledger_reads_conflicts_and_timelines(ledger_path: Path) -> None:
    _ledger(ledger_path)
    with open_ledger(ledger_path, read_only=True) as ledger:
        conflicts = ledger.conflicts(story="sprotest01")
        assert conflicts and all(c.relation == "conflict" for c in conflicts)
        assert {"at least eight", "two"} <= {t for c in conflicts for t in c.texts}
        series = ledger.timeline("killed", about="Eastvale")
        assert {p.source for p in series} >= {"Rights Commission", "Police"}
        assert [p.date for p in series if p.source == "Rights Commission"] == sorted(
            p.date
            for p in series
            if p.source == "Rights Commission"  # type: ignore[type-var]
        )
        assert ledger.timeline("killed", source="police") and not ledger.timeline("killed", source="nobody")


def test_events_ledger_clear_forgets_every_story(ledger_path: Path) -> None:
    _ledger(ledger_path)
    with open_ledger(ledger_path) as ledger:
        ledger.clear_story_reconciliations()
        assert not ledger.comparisons() and not ledger.claim_groups() and not ledger.timeline("killed")
        assert not [e for e in ledger.events() if e.story_id] and not [c for c in ledger.claims() if c.story_id]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_events_ledger_commands(ledger_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _ledger(ledger_path)
    db = str(ledger_path)
    code, out, _ = _run(capsys, "events", "--db", db, "--type", "protest", "--format", "jsonl")
    (event,) = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and event["type"] == "protest" and event["refusing_claims"] and event["origins"] == 3
    code, out, _ = _run(capsys, "conflicts", "--db", db, "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("relation,measure,figure_a") and "conflict,killed" in out
    code, out, _ = _run(
        capsys, "timeline", "--db", db, "--measure", "killed", "--about", "Eastvale", "--format", "jsonl"
    )
    assert code == 0 and {json.loads(line)["source"] for line in out.splitlines()} >= {"Rights Commission"}
    code, out, _ = _run(capsys, "claims", "--db", db, "--doc", "p3", "--format", "csv")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("article,date,source") and len(lines) == 3
    assert all(line.startswith("p3,") for line in lines[1:])  # the external id, not the doc id
    code, out, _ = _run(
        capsys, "claims", "--db", db, "--story", "sstrike", "--since", "2025-07-01", "--format", "jsonl"
    )
    assert code == 0 and [json.loads(line)["story_id"] for line in out.splitlines()] == ["sstrike002"]
    code, out, err = _run(capsys, "claims", "--db", db, "--stance", "denies")
    assert code != 0 and "'deny'" in err and "'no_comment'" in err  # refused, with the valid values
    code, out, err = _run(capsys, "claims", "--db", db, "--doc", "nosuchdoc")
    assert code != 0 and "nosuchdoc" in err


def test_events_ledger_postgres_stores_and_reads_the_same(pg_url: str, ledger_path: Path) -> None:
    _ledger(ledger_path)
    _ledger(pg_url)
    duck, pg = _snapshot(ledger_path), _snapshot(pg_url)
    assert pg == duck
    with open_ledger(pg_url) as ledger:
        assert ledger.conflicts(story="sprotest01") and ledger.timeline("killed", about="Eastvale")
        assert ledger.events(story="sstrike", type="attack")
        ledger.clear_story_reconciliations()
        assert not ledger.comparisons()
