"""Decoding and sniffing: every encoding news text comes in, every binary refused by name."""

from __future__ import annotations

import codecs
import gzip
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.errors import BinaryInput, EmptyInput, EncodingError, InputError
from claimledger.ingest.sniff import decode, open_text, sniff_format
from claimledger.ingest.text import read_text_bytes

TEXT = "The ministry said “talks in Zürich failed” — officials in São Paulo disagreed, Zoë reported."
LATIN = "Le ministère a déclaré que les négociations à Genève avaient échoué, selon señor Müller."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # BOM-less, told by the NUL pattern
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        TEXT.encode("utf-32-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "utf32-bom", "utf32le"],
)
def test_sniff_decode_unicode_encodings(data: bytes) -> None:
    assert decode(data, input="a.txt") == TEXT


def test_sniff_decode_latin1_and_cp1252() -> None:
    assert decode(LATIN.encode("latin-1"), input="a.txt") == LATIN
    smart = "“Quotes” — and €5 for Zoë’s café."
    assert decode(smart.encode("cp1252"), input="a.txt") == smart


def test_sniff_decode_short_latin1_word() -> None:
    assert decode("café".encode("latin-1"), input="a.txt") == "café"


def test_sniff_decode_cyrillic_single_byte_text_is_not_read_as_cp1252() -> None:
    ru = "Министерство обороны заявило, что войска отошли от границы. " * 3
    assert decode(ru.encode("cp1251"), input="a.txt") == ru


def test_sniff_decode_mostly_utf8_with_a_stray_byte_keeps_the_text() -> None:
    data = (TEXT * 5).encode("utf-8") + b"\xff" + b" The end."
    text = decode(data, input="a.txt")
    assert text.startswith(TEXT) and "\ufffd" in text and text.endswith("The end.")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00", "GIF"),
        (gzip.compress(b"hello"), "gzip"),
        (b"\x7fELF\x02\x01\x01", "executable"),
        (b"SQLite format 3\x00\x10\x00", "SQLite"),
        (b"some text\x00\x00\x00\x01\x02 with NULs" * 5, "NUL"),
        (bytes(range(1, 32)) * 20, "control characters"),
    ],
)
def test_sniff_decode_refuses_binary_by_name(data: bytes, what: str) -> None:
    with pytest.raises(BinaryInput) as err:
        decode(data, input="photo.txt")
    assert what in str(err.value) and "photo.txt" in str(err.value)
    assert str(err.value).startswith("[CL003]")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\u3000\n".encode(), codecs.BOM_UTF8])
def test_sniff_decode_refuses_empty_and_blank(data: bytes) -> None:
    with pytest.raises(EmptyInput, match=r"\[CL002\] empty.txt: "):
        decode(data, input="empty.txt")


def test_sniff_decode_refuses_broken_utf16() -> None:
    with pytest.raises(EncodingError, match="UTF-16"):
        decode(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8", input="u.txt")


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"<!DOCTYPE html><html><head>", "html"),
        (b"\xef\xbb\xbf  <html lang='en'>", "html"),
        (b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
        (b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo", "warc"),
        (gzip.compress(b"x")[:10], "gzip"),
        (b'{"text": "a"}\n{"text": "b"}', "jsonl"),
        (b'[{"text": "a"}]', "json"),
        (b"%PDF-1.4", "binary"),
        (b"Plain words. {not json}", "text"),
        ("<p>Hello</p>".encode("utf-16"), "html"),
    ],
)
def test_sniff_format_from_first_bytes(head: bytes, kind: str) -> None:
    assert sniff_format(head) == kind


def test_sniff_open_text_streams_utf16_lines() -> None:
    data = '{"text": "één"}\n{"text": "two"}\n'.encode("utf-16")
    lines = list(open_text(io.BytesIO(data), input="c.jsonl"))
    assert lines == ['{"text": "één"}\n', '{"text": "two"}\n']


@settings(max_examples=500, deadline=None)
@given(data=st.binary(max_size=2000))
def test_sniff_decode_random_bytes_gives_text_or_a_named_input_error(data: bytes) -> None:
    try:
        text = decode(data, input="fuzz.bin")
    except InputError as exc:
        assert exc.input == "fuzz.bin" and str(exc).startswith("[CL00")
    else:
        assert text.strip() and "\x00" not in text


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1))
def test_sniff_decode_any_utf8_text_round_trips(text: str) -> None:
    if not text.strip() or text.startswith("\ufeff"):  # a leading BOM is taken as one, and dropped
        return
    for enc in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        assert read_text_bytes(text.encode(enc), input="t.txt").text == text
