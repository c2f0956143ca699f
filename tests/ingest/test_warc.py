"""WARC files (written here with warcio) -> articles for the HTML responses; damaged files stop cleanly."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from html_pages import ARTICLE_PARAGRAPHS, news_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimledger.errors import EmptyInput, InputError, InputNotFound, InputTooLarge, MalformedRecord
from claimledger.ingest.metadata import Metadata
from claimledger.ingest.warc import read_warc
from claimledger.models import Article

UNDATED = (
    "<html><head><title>Harbour notes</title></head><body><article><h1>Harbour notes</h1>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS[:3])
    + "</article></body></html>"
)


def _write(path: Path, records: list[tuple], *, gzip: bool = True) -> Path:
    """records: (type, url, body bytes, content type, status, warc date)."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for rec_type, url, body, ctype, status, when in records:
            http = None
            if rec_type in ("response", "request"):
                line = status if rec_type == "response" else "GET / HTTP/1.1"
                http = StatusAndHeaders(
                    line, [("Content-Type", ctype)], protocol="HTTP/1.1", is_http_request=rec_type == "request"
                )
            headers = {"WARC-Date": when} if when else None
            # length given: warcio would otherwise buffer the payload in a temp file it never closes
            record = writer.create_warc_record(
                url,
                rec_type,
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict=headers,
                warc_content_type=None if http else ctype,
            )
            writer.write_record(record)
    return path


CRAWL = [
    ("request", "https://harbourgazette.example/news/dock-strike", b"", "", "", None),
    (
        "response",
        "https://harbourgazette.example/news/dock-strike?utm=feed",
        news_page().encode(),
        "text/html; charset=utf-8",
        "200 OK",
        "2024-03-13T10:00:00Z",
    ),
    (
        "response",
        "https://harbourgazette.example/img/cranes.jpg",
        b"\xff\xd8\xff\xe0" + b"\x00" * 500,
        "image/jpeg",
        "200 OK",
        None,
    ),
    (
        "response",
        "https://harbourgazette.example/old",
        b"<html><body>Moved</body></html>",
        "text/html",
        "301 Moved Permanently",
        None,
    ),
    (
        "metadata",
        "https://harbourgazette.example/news/dock-strike",
        b"outlinks: 12",
        "application/warc-fields",
        "",
        None,
    ),
    (
        "response",
        "https://harbourgazette.example/notes",
        UNDATED.encode(),
        "text/html",
        "200 OK",
        "2024-03-14T08:00:00Z",
    ),
    (
        "response",
        "https://harbourgazette.example/menu",
        b"<html><body><nav><a>Home</a></nav></body></html>",
        "text/html",
        "200 OK",
        None,
    ),
]


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def crawl(request, tmp_path):
    return _write(tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc"), CRAWL, gzip=request.param)


def test_warc_html_responses_become_articles_and_other_records_are_skipped(crawl):
    items = list(read_warc(crawl, input="crawl.warc"))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "EmptyInput"]
    strike, notes, menu = items
    assert strike.text.split("\n\n") == list(ARTICLE_PARAGRAPHS)
    assert menu.input == "crawl.warc#record-7"


def test_warc_target_uri_is_the_url_and_the_page_date_wins_over_the_capture_date(crawl):
    strike, notes, _ = read_warc(crawl, input="crawl.warc")
    assert strike.url == "https://harbourgazette.example/news/dock-strike?utm=feed"
    assert strike.external_id == strike.url
    assert strike.published == date(2024, 3, 12) and strike.title == "Dock workers strike at Westhaven port"
    assert strike.input == "crawl.warc#record-2"
    assert notes.published == date(2024, 3, 14)  # no date on the page: WARC-Date is the fallback


def test_warc_capture_date_wins_over_batch_defaults_only_when_the_page_has_none(crawl):
    items = list(read_warc(crawl, input="c", defaults=Metadata(published="2001-01-01", outlet="Batch")))
    assert items[0].published == date(2024, 3, 12) and items[0].outlet == "The Harbour Gazette"
    assert items[1].published == date(2024, 3, 14) and items[1].outlet == "Batch"


def test_warc_page_over_the_size_limit_is_an_error_and_the_file_goes_on(tmp_path):
    path = _write(tmp_path / "big.warc.gz", CRAWL)
    items = list(read_warc(path, input="big", max_bytes=4000))  # the news page is ~4.6 kB
    assert isinstance(items[0], InputTooLarge) and items[0].input == "big#record-2"
    assert isinstance(items[1], Article)


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_truncated_file_yields_its_pages_then_one_error(tmp_path, gzip):
    full = _write(tmp_path / "full", CRAWL, gzip=gzip).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(full[: int(len(full) * 0.8)])
    items = list(read_warc(cut, input="cut.warc"))
    *pages, last = items
    assert isinstance(last, MalformedRecord) and last.input.startswith("cut.warc#record-")
    assert "truncated" in str(last)
    assert any(isinstance(p, Article) for p in pages)


def test_warc_not_a_warc_file(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_bytes(b"hello world this is not a warc\nsecond line\n")
    (err,) = read_warc(path, input="notes.warc")
    assert isinstance(err, MalformedRecord) and "not a WARC file" in str(err)


def test_warc_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    assert [type(e) for e in read_warc(empty)] == [EmptyInput]
    assert [type(e) for e in read_warc(tmp_path / "nope.warc")] == [InputNotFound]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_warc_fuzz_damaged_files_never_raise_and_errors_name_the_file(tmp_path, data):
    good = _GOOD_GZ if data.draw(st.booleans()) else _GOOD_PLAIN
    kind = data.draw(st.sampled_from(["cut", "flip", "random"]))
    if kind == "cut":
        blob = good[: data.draw(st.integers(0, len(good)))]
    elif kind == "flip":
        pos = data.draw(st.integers(0, len(good) - 1))
        blob = good[:pos] + bytes([good[pos] ^ data.draw(st.integers(1, 255))]) + good[pos + 1 :]
    else:
        blob = data.draw(st.binary(max_size=3000))
    path = tmp_path / "fuzz.warc"
    path.write_bytes(blob)
    for item in read_warc(path, input="fuzz.warc"):
        assert isinstance(item, Article | InputError)
        if isinstance(item, InputError):
            assert item.input and item.input.startswith("fuzz.warc")


def _bytes(gzip: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for _, url, body, ctype, status, _when in CRAWL[1:3]:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http)
        )
    return buf.getvalue()


_GOOD_GZ = _bytes(True)
_GOOD_PLAIN = _bytes(False)
