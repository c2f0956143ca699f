"""JSONL/JSON corpora: streamed, bad lines named path:line, good lines all kept."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from datetime import date
from pathlib import Path

from claimledger.errors import BadMetadata, EncodingError, InputError, InputTooLarge, MalformedRecord
from claimledger.ingest.metadata import Metadata
from claimledger.ingest.reader import read_path
from claimledger.models import Article


def _record(i: int, **extra: object) -> str:
    rec = {"id": f"a{i}", "text": f"Story number {i}: the council said it would vote on Friday.", **extra}
    return json.dumps(rec, ensure_ascii=False)


def _split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def test_jsonl_malformed_line_among_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [_record(1), _record(2), '{"id": "a3", "text": "unterminated', _record(4), _record(5)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, errs = _split(list(read_path(path)))
    assert [a.external_id for a in arts] == ["a1", "a2", "a4", "a5"]
    assert [a.input for a in arts] == [f"{path}:{n}" for n in (1, 2, 4, 5)]
    [err] = errs
    assert isinstance(err, MalformedRecord)
    assert str(err).startswith(f"[CL006] {path}:3: not valid JSON")


def test_jsonl_fields_by_synonym_and_nested_values(tmp_path: Path) -> None:
    rec = {
        "article_id": 17,
        "body": ["First paragraph.", "Second paragraph."],
        "date": "Fri, 31 Jan 2025 10:00:00 +0000",
        "source": {"id": "wire", "name": "Wire Service"},
        "link": "https://example.org/story",
        "headline": "Council to vote",
        "authors": ["Ana Lima", "Ben Osei"],
        "lang": "en",
    }
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(rec) + "\n")
    [art] = list(read_path(path))
    assert isinstance(art, Article)
    assert art.text == "First paragraph.\n\nSecond paragraph."
    assert (art.external_id, art.published, art.outlet, art.url, art.title, art.author, art.language) == (
        "17",
        date(2025, 1, 31),
        "Wire Service",
        "https://example.org/story",
        "Council to vote",
        "Ana Lima, Ben Osei",
        "en",
    )


def test_jsonl_record_values_override_batch_defaults(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(_record(1, outlet="Own Outlet") + "\n" + _record(2) + "\n")
    defaults = Metadata(published="2025-02-01", outlet="Default")
    a1, a2 = list(read_path(path, defaults=defaults))
    assert isinstance(a1, Article) and isinstance(a2, Article)
    assert (a1.outlet, a1.published) == ("Own Outlet", date(2025, 2, 1))
    assert a2.outlet == "Default"


def test_jsonl_bad_date_is_reported_and_article_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(_record(1, published="last Tuesday") + "\n")
    err, art = list(read_path(path, defaults=Metadata(published="2025-02-01")))
    assert isinstance(err, BadMetadata) and err.input == f"{path}:1" and "last Tuesday" in str(err)
    assert isinstance(art, Article) and art.published == date(2025, 2, 1)  # the batch default


def test_jsonl_records_that_cannot_be_articles(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    lines = [
        "[1, 2, 3]",
        '{"title": "no text here"}',
        '{"text": 42}',
        '{"text": "   "}',
        '{"text": "bad\\u0000nul"}',
        "[" * 100_000,
        '{"text": "x", "n": ' + "9" * 5000 + "}",
        "",
        _record(9),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_path(path))
    arts, errs = _split(items)
    assert [a.external_id for a in arts] == ["a9"]
    assert [e.input for e in errs] == [f"{path}:{n}" for n in range(1, 8)]
    assert [type(e).__name__ for e in errs] == [
        "MalformedRecord",
        "MalformedRecord",
        "MalformedRecord",
        "EmptyInput",
        "BinaryInput",
        "MalformedRecord",
        "MalformedRecord",
    ]


def test_jsonl_enormous_line_is_refused_alone(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    huge = json.dumps({"text": "word " * 400_000})  # ~2 MB
    path.write_text(_record(1) + "\n" + huge + "\n" + _record(3) + "\n")
    tracemalloc.start()
    items = list(read_path(path, max_bytes=256 * 1024))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    arts, errs = _split(items)
    assert [a.external_id for a in arts] == ["a1", "a3"]
    [err] = errs
    assert isinstance(err, InputTooLarge) and err.input == f"{path}:2"
    assert peak < 1536 * 1024  # the 2 MB line was never held whole


def test_jsonl_streams_10k_articles_in_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    filler = " ".join(["The delegation said negotiations would resume after the holiday."] * 10)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(10_000):
            fh.write(json.dumps({"id": i, "text": f"{i}. {filler}"}) + "\n")
    size = path.stat().st_size
    assert size > 6_000_000
    tracemalloc.start()
    count = 0
    for item in read_path(path):
        assert isinstance(item, Article)
        count += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 10_000
    assert peak < size / 20  # streamed: a few records at a time, not the corpus


def test_jsonl_truncated_gzip_keeps_the_good_records(tmp_path: Path) -> None:
    lines = [_record(i, note="x" * (i % 97)) for i in range(3000)]
    full = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(full[: len(full) * 2 // 3])
    items = list(read_path(path))
    arts, errs = _split(items)
    assert len(arts) > 1000
    assert [a.external_id for a in arts] == [f"a{i}" for i in range(len(arts))]  # a clean prefix
    assert isinstance(errs[-1], EncodingError) and errs[-1].input == str(path)
    assert "truncated" in str(errs[-1]) and items[-1] is errs[-1]
    assert all(isinstance(e, MalformedRecord) for e in errs[:-1])  # at most the cut last line


def test_jsonl_utf16_file_and_cp1252_line_in_utf8_file(tmp_path: Path) -> None:
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(
        (_record(1) + "\n" + json.dumps({"text": "Zoë’s café"}, ensure_ascii=False) + "\n").encode("utf-16")
    )
    arts, errs = _split(list(read_path(wide)))
    assert not errs and [a.text for a in arts][1] == "Zoë’s café"
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(
        (_record(1) + "\n").encode() + '{"text": "Café in Zürich"}\n'.encode("cp1252") + (_record(3) + "\n").encode()
    )
    arts, errs = _split(list(read_path(mixed)))
    assert not errs and [a.text for a in arts][1] == "Café in Zürich"


def test_jsonl_lone_surrogate_escape_is_marked_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "Cut emoji \\ud83d here.", "title": "T \\udc00"}\n')
    [art] = list(read_path(path))
    assert isinstance(art, Article)
    assert art.text == "Cut emoji \ufffd here." and art.title == "T \ufffd"
    art.text.encode("utf-8")  # storable


def test_jsonl_column_map(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": "teaser", "story_body": "The real story.", "when": "2025-03-01"}) + "\n")
    [art] = list(read_path(path, column_map={"text": "story_body", "published": "when"}))
    assert isinstance(art, Article) and art.text == "The real story." and art.published == date(2025, 3, 1)
    [err] = list(read_path(path, column_map={"text": "missing_column"}))
    assert isinstance(err, MalformedRecord) and "'missing_column'" in str(err)


def test_jsonl_crlf_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(("\r\n".join([_record(1), "", "   ", _record(2)]) + "\r\n").encode())
    arts, errs = _split(list(read_path(path)))
    assert not errs and [a.input for a in arts] == [f"{path}:1", f"{path}:4"]


def test_json_file_with_a_list_or_one_object(tmp_path: Path) -> None:
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "One."}, "oops", {"text": "Three."}]))
    items = list(read_path(many))
    assert [type(i).__name__ for i in items] == ["Article", "MalformedRecord", "Article"]
    assert items[1].input == f"{many}:#1"
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Only one.", "title": "Solo"}))
    [art] = list(read_path(one))
    assert isinstance(art, Article) and art.title == "Solo" and art.input == str(one)
    broken = tmp_path / "broken.json"
    broken.write_text('[{"text": "x"},')
    [err] = list(read_path(broken))
    assert isinstance(err, MalformedRecord) and err.input == str(broken)
