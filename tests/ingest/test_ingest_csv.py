"""CSV/TSV corpora: column mapping, quoted multi-line and very long fields, bad rows named path:line."""

from __future__ import annotations

import csv
import gzip
import io
from datetime import date
from pathlib import Path

from claimledger.errors import EncodingError, InputError, InputTooLarge, MalformedRecord
from claimledger.ingest.reader import read_path
from claimledger.models import Article


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def test_csv_columns_found_by_name(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        _csv(
            [
                ["ID", "Headline", "Body", "Published At", "Source"],
                ["n1", "Port reopens", "The port reopened, officials said.", "2025-01-31", "Coast Daily"],
                ["n2", "Strike ends", 'The union said "the deal is done".\nWork resumes Monday.', "31/01/2025", ""],
            ]
        )
    )
    a1, a2 = list(read_path(path))
    assert isinstance(a1, Article) and isinstance(a2, Article)
    assert (a1.external_id, a1.title, a1.outlet, a1.published) == (
        "n1",
        "Port reopens",
        "Coast Daily",
        date(2025, 1, 31),
    )
    assert a2.text == 'The union said "the deal is done".\nWork resumes Monday.'
    assert a2.outlet is None and a1.input == f"{path}:2" and a2.input == f"{path}:3"


def test_csv_column_map(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(_csv([["summary", "full", "day"], ["short", "The full story.", "2025-03-02"]]))
    [art] = list(read_path(path, column_map={"text": "full", "published": "day"}))
    assert isinstance(art, Article) and art.text == "The full story." and art.published == date(2025, 3, 2)


def test_csv_malformed_rows_are_named_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "id,text\n"
        "1,Good row one.\n"
        '2,"quote"then text\n'  # line 3: stray quote
        "3,Good, but with an unquoted comma\n"  # line 4: three fields
        "\n"
        '4,"Multi\nline good row."\n'  # lines 6-7
        "5,\n"  # line 8: empty text
        "6,Good row six.\n"
    )
    items = list(read_path(path))
    arts, errs = _split(items)
    assert [a.external_id for a in arts] == ["1", "4", "6"]
    assert [a.input for a in arts] == [f"{path}:2", f"{path}:6", f"{path}:9"]
    assert [(type(e).__name__, e.input) for e in errs] == [
        ("MalformedRecord", f"{path}:3"),
        ("MalformedRecord", f"{path}:4"),
        ("EmptyInput", f"{path}:8"),
    ]
    assert "3 fields but the header has 2" in str(errs[1])


def test_csv_very_long_field_is_allowed(tmp_path: Path) -> None:
    long_text = "The committee heard evidence for many hours. " * 20_000  # ~900 kB, > csv's 128 kB default
    path = tmp_path / "c.csv"
    path.write_text(_csv([["text"], [long_text], ["Short one."]]))
    arts, errs = _split(list(read_path(path)))
    assert not errs and [len(a.text) for a in arts] == [len(long_text), len("Short one.")]


def test_csv_field_over_the_article_limit_is_refused_alone(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(_csv([["id", "text"], ["1", "x " * 100_000], ["2", "Fine."]]))
    items = list(read_path(path, max_bytes=64 * 1024))
    arts, errs = _split(items)
    assert [a.external_id for a in arts] == ["2"]
    assert len(errs) == 1 and isinstance(errs[0], InputTooLarge | MalformedRecord) and errs[0].input == f"{path}:2"


def test_csv_tsv_and_semicolon_delimiters(tmp_path: Path) -> None:
    tsv = tmp_path / "c.tsv"
    tsv.write_text(_csv([["title", "text"], ["T, with comma", "Body; with semicolon."]], delimiter="\t"))
    semi = tmp_path / "c.csv"
    semi.write_text(_csv([["title", "text"], ["T, with comma", "Body, with comma."]], delimiter=";"))
    [a] = list(read_path(tsv))
    [b] = list(read_path(semi))
    assert isinstance(a, Article) and a.title == "T, with comma" and a.text == "Body; with semicolon."
    assert isinstance(b, Article) and b.text == "Body, with comma."


def test_csv_without_text_column_or_header(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(_csv([["id", "title"], ["1", "x"]]))
    [err] = list(read_path(path))
    assert isinstance(err, MalformedRecord) and err.input == f"{path}:1" and "no text column" in str(err)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    [err2] = list(read_path(empty))
    assert err2.input == str(empty) and "empty" in str(err2)
    header_only = tmp_path / "h.csv"
    header_only.write_text("id,text\n")
    assert list(read_path(header_only)) == []


def test_csv_excel_export_in_cp1252_with_bom_header(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffid;text\r\n1;“Café” prices rose 5%, said Zoë.\r\n".encode("utf-8"))
    [a] = list(read_path(path))
    assert isinstance(a, Article) and a.text == "“Café” prices rose 5%, said Zoë."
    old = tmp_path / "old.csv"
    old.write_bytes('id,text\r\n1,"“Café” prices rose, said Zoë."\r\n'.encode("cp1252"))
    [b] = list(read_path(old))
    assert isinstance(b, Article) and b.text == "“Café” prices rose, said Zoë."


def test_csv_truncated_gzip_keeps_rows_read(tmp_path: Path) -> None:
    rows = [["id", "text"]] + [[str(i), f"Row {i} says the mayor spoke at {i % 24}:00."] for i in range(5000)]
    data = gzip.compress(_csv(rows).encode())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_path(path))
    arts, errs = _split(items)
    assert len(arts) > 1000 and [a.external_id for a in arts] == [str(i) for i in range(len(arts))]
    assert isinstance(items[-1], EncodingError) and items[-1].input == str(path)
