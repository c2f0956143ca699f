"""The command line end to end: ingest (with bad inputs among good ones), claims, show, export, sql."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.cli import main
from claimledger.ledger import open_ledger

pytestmark = pytest.mark.slow

GOOD = (
    "The health minister said on Tuesday that 120 people had been treated for smoke inhalation. "
    "“The situation is under control,” she told reporters."
)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    """A folder mixing good articles and every kind of bad input a user may feed."""
    d = tmp_path / "batch"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "latin1.txt").write_bytes("The café owner said prices had risen by 30 percent since March.".encode("latin-1"))
    (d / "utf16.txt").write_bytes("The mayor said the bridge would reopen in two weeks.".encode("utf-16"))
    lines = [
        json.dumps(
            {"id": f"j{i}", "text": f"Officials said convoy {i} reached the town.", "published": f"2025-03-0{i + 1}"}
        )
        for i in range(3)
    ]
    lines.insert(2, '{"id": "broken", "text": "unterminated')
    (d / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (d / "huge.txt").open("w", encoding="utf-8") as fh:
        block = "The spokesman said the talks would continue. " * 1000
        for _ in range(50_000_000 // len(block) + 1):
            fh.write(block)
    return d


def test_cli_ingest_bad_inputs_named_good_ones_stored(
    capsys: pytest.CaptureFixture[str], batch: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "l.duckdb")
    missing = str(tmp_path / "nope.txt")
    code, out, err = _run(capsys, "ingest", str(batch), missing, "--db", db, "--published", "2025-03-10", "-j", "1")
    assert code == 0
    for name in ("empty.txt", "binary.txt", "huge.txt", "nope.txt", "corpus.jsonl:3"):
        assert name in err, f"no error naming {name}: {err}"
    with open_ledger(db, read_only=True) as ledger:
        ids = {a.external_id for a in ledger.articles()}
        assert ids == {"good", "latin1", "utf16", "j0", "j1", "j2"}
        latin = next(a for a in ledger.articles() if a.external_id == "latin1")
        assert "café" in latin.text
        errors = {e.input for e in ledger.errors()}
    assert any("empty.txt" in e for e in errors) and any("corpus.jsonl:3" in e for e in errors)
    # re-ingesting changes nothing
    code, out, _ = _run(capsys, "ingest", str(batch / "good.txt"), "--db", db, "-j", "1")
    assert "0 stored" in out


def test_cli_claims_show_export_sql(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    db = str(tmp_path / "l.duckdb")
    assert (
        _run(capsys, "ingest", str(src), "--db", db, "--published", "2025-03-10", "--outlet", "Example", "-j", "1")[0]
        == 0
    )
    code, out, _ = _run(capsys, "claims", "--db", db, "--format", "jsonl")
    claims = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(claims) >= 2
    assert {c["cue"]["text"] for c in claims} >= {"said", "told"}
    said = next(c for c in claims if c["cue"]["text"] == "said")
    assert said["date"] == "2025-03-04"  # "on Tuesday" before a Monday 2025-03-10 publication
    code, out, _ = _run(capsys, "claims", "--db", db, "--source", "minister", "--format", "csv")
    # "she told reporters" is the minister too (resolved pronoun source): both claims are hers
    assert code == 0 and "health minister" in out and out.count("\n") == 3
    doc_id = said["doc_id"]
    code, out, _ = _run(capsys, "show", doc_id[:6], "--db", db)
    assert code == 0 and "The situation is under control" in out
    assert "figures" in out and "120 = 120" in out and "counts: people" in out and "on Tuesday = 2025-03-04" in out
    code, out, _ = _run(capsys, "export", "--db", db, "--format", "jsonl", "--out", str(tmp_path / "out"))
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"documents.jsonl", "claims.jsonl", "figures.jsonl", "times.jsonl", "places.jsonl", "events.jsonl"} <= names
    doc = json.loads((tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert doc["external_id"] == "a" and doc["outlet"] == "Example" and doc["published"] == "2025-03-10"
    code, out, _ = _run(capsys, "sources", "--db", db, "--format", "jsonl")
    sources = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and sum(s["claims"] for s in sources) == sum(1 for c in claims if c["source"])
    code, out, _ = _run(capsys, "sql", "SELECT count(*) AS n FROM claims", "--db", db, "--format", "csv")
    assert code == 0 and out.splitlines()[1] == str(len(claims))


def test_cli_show_unknown_document_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "l.duckdb")
    with open_ledger(db):
        pass
    code, _, err = _run(capsys, "show", "deadbeef", "--db", db)
    assert code != 0 and "deadbeef" in err


def test_cli_bad_published_date_fails_before_batch(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    code, _, err = _run(capsys, "ingest", str(src), "--db", str(tmp_path / "l.duckdb"), "--published", "31 Febr")
    assert code != 0 and "--published" in err


def test_cli_ingest_csv_with_column_map_and_bad_date_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "feed.csv"
    src.write_text(
        f'story_id,body,day\ns1,"{GOOD}",2025-03-10\ns2,"The coach said the team would travel on Sunday.",not a date\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "l.duckdb")
    code, out, err = _run(
        capsys, "ingest", str(src), "--db", db, "-j", "1", "--columns", "external_id=story_id,text=body,published=day"
    )
    assert code == 0 and "2 stored" in out and "1 warnings" in out
    assert "warning:" in err and "feed.csv:3" in err
    with open_ledger(db, read_only=True) as ledger:
        arts = {a.external_id: a for a in ledger.articles()}
    assert set(arts) == {"s1", "s2"} and str(arts["s1"].published) == "2025-03-10" and arts["s2"].published is None
    code, _, err = _run(capsys, "ingest", str(src), "--db", db, "--columns", "text")
    assert code != 0 and "--columns" in err


def test_cli_show_strips_terminal_control_sequences(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "hostile.txt"
    filler = "Engineers inspected the spillway and the gates on Monday morning. " * 20
    src.write_text(filler + "The mayor said \x1b[2J\x1b]0;pwned\x07the dam was safe.", encoding="utf-8")
    db = str(tmp_path / "l.duckdb")
    assert _run(capsys, "ingest", str(src), "--db", db, "-j", "1")[0] == 0
    code, out, _ = _run(capsys, "show", "hostile", "--db", db)
    assert code == 0 and "the dam was safe" in out
    assert "\x1b" not in out and "\x07" not in out


@pytest.mark.postgres
def test_cli_on_postgresql_same_commands(capsys: pytest.CaptureFixture[str], tmp_path: Path, pg_url: str) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    assert _run(capsys, "ingest", str(src), "--db", pg_url, "--published", "2025-03-10", "-j", "1")[0] == 0
    code, out, _ = _run(capsys, "ingest", str(src), "--db", pg_url, "-j", "1")
    assert code == 0 and "0 stored" in out
    code, out, _ = _run(capsys, "claims", "--db", pg_url, "--format", "jsonl", "--source", "minister")
    claims = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and claims and claims[0]["date"] == "2025-03-04"
    code, out, _ = _run(capsys, "show", "a", "--db", pg_url)
    assert code == 0 and "The situation is under control" in out
    code, out, _ = _run(capsys, "export", "--db", pg_url, "--format", "parquet", "--out", str(tmp_path / "pq"))
    assert code == 0 and (tmp_path / "pq" / "claims.parquet").exists()


def test_cli_annotate_writes_polnear_style_brat(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "texts"
    src.mkdir()
    (src / "one.txt").write_text("“We will rebuild the bridge,” the mayor said.", encoding="utf-8")
    (src / "two.txt").write_text("No one claimed anything here at all.", encoding="utf-8")
    (src / "notes.md").write_text("ignored", encoding="utf-8")
    code, out, _ = _run(capsys, "annotate", "--format", "brat", str(src), str(tmp_path / "ann"))
    assert code == 0 and "2 files" in out
    ann = (tmp_path / "ann" / "one.ann").read_text(encoding="utf-8").splitlines()
    text = (src / "one.txt").read_text(encoding="utf-8")
    spans = {}
    for line in ann:
        if line.startswith("T"):
            tid, label_offsets, span_text = line.split("\t")
            label, start, end = label_offsets.split(" ")[:3]
            assert text[int(start) : int(end.split(";")[0])].startswith(span_text.split(" ")[0])
            spans[tid] = (label, span_text)
    labels = {label for label, _ in spans.values()}
    assert {"Source", "Cue", "Content", "Attribution"} <= labels
    assert any(line.startswith("E1\tAttribution:") for line in ann)
    assert ("Cue", "said") in spans.values() and ("Source", "the mayor") in spans.values()
    assert (tmp_path / "ann" / "two.ann").exists() and not (tmp_path / "ann" / "notes.ann").exists()
