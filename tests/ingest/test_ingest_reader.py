"""read_path: files and folders in, Articles and named InputErrors out (issue 3 "Bad input")."""

from __future__ import annotations

import gzip
import os
import sys
import tracemalloc
import types
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from claimledger.errors import (
    BadMetadata,
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    InputNotFound,
    InputTooLarge,
    MalformedRecord,
    UnsupportedFormat,
)
from claimledger.ingest import reader
from claimledger.ingest.metadata import Metadata
from claimledger.ingest.reader import read_path, read_paths
from claimledger.models import Article

STORY = "Officials in the port city said on Tuesday that 40 containers had been seized.\n"


def _articles(items: list[Article | InputError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _errors(items: list[Article | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def test_reader_txt_file_is_one_article_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "port-seizure.txt"
    path.write_text(STORY, encoding="utf-8")
    defaults = Metadata.from_options(published="2025-02-01", outlet="Example")
    [art] = list(read_path(path, defaults=defaults))
    assert isinstance(art, Article)
    assert art.text == STORY
    assert art.external_id == "port-seizure"
    assert (art.published, art.outlet, art.input) == (date(2025, 2, 1), "Example", str(path))


def test_reader_missing_path_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "article.txt"
    [err] = list(read_path(missing))
    assert isinstance(err, InputNotFound)
    assert str(err) == f"[CL001] {missing}: no such file or directory"


def test_reader_empty_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    [err] = list(read_path(path))
    assert isinstance(err, EmptyInput) and err.input == str(path)
    assert "empty" in str(err)


def test_reader_binary_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    [err] = list(read_path(path))
    assert isinstance(err, BinaryInput) and err.input == str(path)
    assert "PNG image" in str(err)


def test_reader_latin1_file_is_decoded(tmp_path: Path) -> None:
    text = "Le président a déclaré à Genève que la trêve était « fragile », selon señor Müller.\n"
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    [art] = list(read_path(path))
    assert isinstance(art, Article) and art.text == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_reader_utf16_file_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = "“We will rebuild,” the mayor said, according to Radio Zürich.\n"
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode(encoding))
    [art] = list(read_path(path))
    assert isinstance(art, Article) and art.text == text


def test_reader_refuses_50mb_text_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"Officials said the convoy had crossed the border before dawn on Sunday.\n"
    with open(path, "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert path.stat().st_size > 50 * 1024 * 1024
    tracemalloc.start()
    items = list(read_path(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    [err] = items
    assert isinstance(err, InputTooLarge) and err.input == str(path)
    assert "50.0 MiB" in str(err) and "20.0 MiB" in str(err)
    assert peak < 1024 * 1024  # refused from its size on disk: not a byte of it read


def test_reader_refuses_oversized_gzip_text_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(STORY.encode() * 60_000)  # ~4.8 MB of text, ~20 kB compressed
    tracemalloc.start()
    items = list(read_path(path, max_bytes=1024 * 1024))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    [err] = items
    assert isinstance(err, InputTooLarge) and err.input == str(path)
    assert peak < 4 * 1024 * 1024  # at most the limit (1 MiB) plus buffers, never the whole text


def test_reader_gzip_text_and_truncated_gzip(tmp_path: Path) -> None:
    good = tmp_path / "a.txt.gz"
    good.write_bytes(gzip.compress(STORY.encode()))
    [art] = list(read_path(good))
    assert isinstance(art, Article) and art.text == STORY and art.external_id == "a"
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress(STORY.encode() * 50)[:-30])
    [err] = list(read_path(cut))
    assert isinstance(err, EncodingError) and err.input == str(cut)
    assert "truncated" in str(err)


def test_reader_not_really_gzip(tmp_path: Path) -> None:
    path = tmp_path / "fake.txt.gz"
    path.write_bytes(b"plain text pretending")
    [err] = list(read_path(path))
    assert isinstance(err, EncodingError) and "gzip" in str(err) and err.input == str(path)


def test_reader_folder_is_recursive_sorted_and_skips_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "z.txt").write_text("Zulu story.\n")
    (tmp_path / "b" / "two.txt").write_text("Bravo story.\n")
    (tmp_path / "a" / "one.txt").write_text("Alpha story.\n")
    (tmp_path / "a" / "one.ann").write_text("T1\tSource 0 5\tAlpha\n")
    (tmp_path / "a" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / ".hidden.txt").write_text("Hidden story.\n")
    (tmp_path / ".git" / "x.txt").write_text("Git story.\n")
    (tmp_path / "b" / "corpus.jsonl").write_text('{"text": "Record one."}\n{"text": "Record two."}\n')
    items = list(read_path(tmp_path))
    assert not _errors(items)
    texts = [a.text.strip() for a in _articles(items)]
    assert texts == ["Zulu story.", "Alpha story.", "Record one.", "Record two.", "Bravo story."]


def test_reader_folder_with_bad_files_keeps_going_and_names_each(tmp_path: Path) -> None:
    (tmp_path / "01-good.txt").write_text("The first good story.\n")
    (tmp_path / "02-empty.txt").write_bytes(b"")
    (tmp_path / "03-binary.txt").write_bytes(b"%PDF-1.7 binary")
    (tmp_path / "04-good.txt").write_text("The second good story.\n")
    (tmp_path / "05-corpus.jsonl").write_text('{"text": "Good record."}\nnot json\n')
    items = list(read_path(tmp_path))
    assert [a.text.strip() for a in _articles(items)] == [
        "The first good story.",
        "The second good story.",
        "Good record.",
    ]
    errors = _errors(items)
    assert [type(e) for e in errors] == [EmptyInput, BinaryInput, MalformedRecord]
    assert [e.input for e in errors] == [
        str(tmp_path / "02-empty.txt"),
        str(tmp_path / "03-binary.txt"),
        f"{tmp_path / '05-corpus.jsonl'}:2",
    ]


def test_reader_read_paths_chains_inputs_in_order(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Story X.\n")
    (tmp_path / "y.txt").write_text("Story Y.\n")
    items = list(read_paths([tmp_path / "y.txt", tmp_path / "missing.txt", tmp_path / "x.txt"]))
    assert [type(i) for i in items] == [Article, InputNotFound, Article]
    assert [i.input for i in items] == [str(tmp_path / n) for n in ("y.txt", "missing.txt", "x.txt")]


def test_reader_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Story {i}.\n")
    stream = read_path(tmp_path)
    assert isinstance(stream, Iterator)
    assert next(stream).text == "Story 0.\n"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"text": "Sniffed as JSONL."}\n', "Sniffed as JSONL."),
        (b"Just a plain story without an extension.\n", "Just a plain story without an extension.\n"),
        (gzip.compress(b'{"text": "Gzip without a name."}\n'), "Gzip without a name."),
    ],
)
def test_reader_sniffs_files_without_known_extension(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "download"
    path.write_bytes(content)
    [art] = list(read_path(path))
    assert isinstance(art, Article) and art.text == expected


def test_reader_sniffs_binary_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "blob.dat"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    [err] = list(read_path(path))
    assert isinstance(err, BinaryInput) and "ZIP" in str(err) and err.input == str(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_reader_refuses_special_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [err] = list(read_path(fifo))
    assert isinstance(err, UnsupportedFormat) and err.input == str(fifo)


def test_reader_bad_column_map_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text('{"text": "x"}\n')
    with pytest.raises(BadMetadata, match="unknown field"):
        list(read_path(tmp_path / "c.jsonl", column_map={"txet": "body"}))


# --- routing to the HTML / feed / WARC readers (written elsewhere, imported lazily) --------------


@pytest.fixture()
def fake_readers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[object]]:
    calls: dict[str, list[object]] = {"html": [], "feed": [], "warc": []}
    mod = types.ModuleType("fake_ingest_readers")

    def read_html(data: bytes, *, input: str, defaults: Metadata) -> Article:
        calls["html"].append(data)
        return defaults.article("Page text.", input=input)

    def read_feed(data: bytes, *, input: str, defaults: Metadata) -> Iterator[Article | InputError]:
        calls["feed"].append(data)
        yield defaults.article("Item one.", input=f"{input}#1")
        yield MalformedRecord("item without text", input=f"{input}#2")

    def read_warc(path: Path, *, input: str, defaults: Metadata) -> Iterator[Article | InputError]:
        calls["warc"].append(path)
        yield defaults.article("Record text.", input=f"{input}@0")
        raise RuntimeError("parser bug")

    mod.read_html, mod.read_feed, mod.read_warc = read_html, read_feed, read_warc  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_ingest_readers", mod)
    monkeypatch.setattr(
        reader,
        "_EXTERNAL",
        {
            k: ("fake_ingest_readers", f)
            for k, f in (("html", "read_html"), ("feed", "read_feed"), ("warc", "read_warc"))
        },
    )
    return calls


def test_reader_routes_html_feeds_and_warc(tmp_path: Path, fake_readers: dict[str, list[object]]) -> None:
    (tmp_path / "page.html").write_bytes(b"<html><body><p>x</p></body></html>")
    (tmp_path / "page2.htm.gz").write_bytes(gzip.compress(b"<html>y</html>"))
    (tmp_path / "news.rss").write_bytes(b"<rss></rss>")
    (tmp_path / "crawl.warc.gz").write_bytes(gzip.compress(b"WARC/1.1\r\n"))
    (tmp_path / "saved").write_bytes(b"<!DOCTYPE html><html><p>z</p></html>")  # sniffed
    items = list(read_path(tmp_path))
    assert fake_readers["html"] == [b"<html><body><p>x</p></body></html>", b"<html>y</html>"]
    assert fake_readers["feed"] == [b"<rss></rss>"]
    assert fake_readers["warc"] == [tmp_path / "crawl.warc.gz"]
    [err_warc] = [e for e in _errors(items) if "parser bug" in str(e)]
    assert isinstance(err_warc, MalformedRecord) and err_warc.input == str(tmp_path / "crawl.warc.gz")
    assert [e.input for e in _errors(items) if e is not err_warc] == [f"{tmp_path / 'news.rss'}#2"]
    [sniffed] = list(read_path(tmp_path / "saved"))
    assert isinstance(sniffed, Article) and sniffed.text == "Page text."


def test_reader_missing_reader_module_is_unsupported_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "_EXTERNAL", {**reader._EXTERNAL, "feed": ("claimledger.ingest.no_such_module", "f")})
    (tmp_path / "news.atom").write_bytes(b"<feed></feed>")
    [err] = list(read_path(tmp_path / "news.atom"))
    assert isinstance(err, UnsupportedFormat) and err.input == str(tmp_path / "news.atom")
