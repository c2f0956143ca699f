"""What a blob of bytes is, and how to turn it into text (or refuse it clearly).

* :func:`sniff_format` — ``"gzip" | "warc" | "html" | "feed" | "json" | "jsonl" | "binary" | "text"``
  from the first few KB, for files whose extension says nothing.
* :func:`binary_kind` — a human name for known binary formats (PDF, ZIP, images, archives ...).
* :func:`decode` — bytes of one article -> ``str``: UTF-8, UTF-8/16/32 with a BOM, BOM-less UTF-16/32
  (told by where the NUL bytes sit), then a single-byte fallback (cp1252 when plausible, else what
  charset-normalizer proposes with little "chaos").  Raises :class:`EmptyInput`,
  :class:`BinaryInput` or :class:`EncodingError`, each naming the input.
* :func:`stream_encoding` / :func:`open_text` — the same decision made on the head of a stream
  (JSONL, CSV), so records can be read line by line without loading the file.
* :func:`check_text` — the checks every article text passes (not blank, no NUL, not control noise).
"""

from __future__ import annotations

import codecs
import io
import re
import zlib
from typing import BinaryIO

from claimledger.errors import BinaryInput, EmptyInput, EncodingError, InputError

HEAD_BYTES = 64 * 1024  # how much of a stream is used to choose its encoding
_CHUNK = 8192

# What a truncated or corrupt (gzip) stream raises while it is read.
STREAM_ERRORS: tuple[type[BaseException], ...] = (EOFError, OSError, zlib.error)
# ... and what reading it as text may add.
READ_ERRORS: tuple[type[BaseException], ...] = (EOFError, OSError, zlib.error, UnicodeDecodeError)

# (signature, offset, what it is) — checked before any decoding.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"OggS", "an Ogg media file"),
    (b"fLaC", "a FLAC audio file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"\x00asm", "a WebAssembly module"),
    (b"{\\rtf", "an RTF document (save it as plain text)"),
)
_BZIP2 = re.compile(rb"^BZh[1-9]1AY&SY")
_ID3 = re.compile(rb"^ID3[\x02-\x04]\x00")
_MEDIA = re.compile(rb"^RIFF....(WAVE|AVI |WEBP)|^....ftyp", re.S)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls other than tab, newline, vertical tab, form feed, carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_HIGH_BYTES = bytes(range(128, 256))
_SAMPLE_CHARS = 1 << 20


def binary_kind(head: bytes) -> str | None:
    """A name for a known binary format starting ``head``, or None."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if _BZIP2.match(head):
        return "bzip2-compressed data"
    if _ID3.match(head):
        return "an MP3 file"
    if _MEDIA.match(head[:12]):
        return "a media file (audio, video or image)"
    return None


def sniff_format(head: bytes) -> str:
    """Guess the format of a file from its first bytes (a few KB are plenty)."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    if binary_kind(head):
        return "binary"
    enc = _bom_encoding(head) or _utf16_without_bom(head[:4096])
    if enc is None and b"\x00" in head:
        return "binary"
    text = head.decode(enc or "utf-8", errors="ignore").lstrip("\ufeff \t\r\n").lower()
    start = text[:2048]
    if start.startswith("<"):
        if "<html" in start or "<!doctype html" in start:
            return "html"
        if any(tag in start for tag in ("<rss", "<feed", "<rdf:rdf")):
            return "feed"
        if any(tag in start for tag in ("<head", "<body", "<div", "<p>", "<article", "<meta")):
            return "html"
    if re.match(r"\[\s*(\{|\])", start):
        return "json"
    if re.match(r'\{\s*"', start):
        return "jsonl"
    return "text"


def _bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16/32 without a BOM, told by NUL bytes sitting in every other (or 3 of 4) positions."""
    n4 = len(sample) // 4
    if n4 >= 2:
        quarters = [sample[i : n4 * 4 : 4].count(0) / n4 for i in range(4)]
        if quarters[3] > 0.95 and quarters[2] > 0.9 and quarters[0] < 0.1:
            return "utf-32-le"
        if quarters[0] > 0.95 and quarters[1] > 0.9 and quarters[3] < 0.1:
            return "utf-32-be"
    n2 = len(sample) // 2
    if n2 >= 2:
        even = sample[0 : n2 * 2 : 2].count(0) / n2
        odd = sample[1 : n2 * 2 : 2].count(0) / n2
        if odd > 0.3 and even < 0.05:
            return "utf-16-le"
        if even > 0.3 and odd < 0.05:
            return "utf-16-be"
    return None


def check_text(text: str, *, input: str | None) -> str:
    """Return ``text`` if it can be an article; raise EmptyInput/BinaryInput/EncodingError otherwise."""
    if not text or text.isspace():
        raise EmptyInput("no text (empty or whitespace only)", input=input)
    if "\x00" in text:
        raise BinaryInput("not text: contains NUL characters", input=input)
    if has_bad_bytes(text):
        raise EncodingError("contains bytes that are not valid in its encoding", input=input)
    sample = text[:_SAMPLE_CHARS]
    if _CONTROL.search(sample) is None:  # the usual case, without counting
        return text
    controls = sum(1 for _ in _CONTROL.finditer(sample))
    if controls > max(2, len(sample) // 100):
        raise BinaryInput(f"not text: {controls} control characters in {len(sample)}", input=input)
    return text


def decode(data: bytes, *, input: str | None) -> str:
    """Decode the bytes of one article; raises EmptyInput, BinaryInput or EncodingError."""
    if not data:
        raise EmptyInput("the file is empty (0 bytes)", input=input)
    enc = _bom_encoding(data)
    if enc is None:
        kind = binary_kind(data[:64])
        if kind:
            raise BinaryInput(f"not text: looks like {kind}", input=input)
        enc = _utf16_without_bom(data[:4096])
    if enc is not None:
        try:
            return check_text(data.decode(enc), input=input)
        except UnicodeDecodeError as exc:
            raise EncodingError(f"looks like {enc.upper()} but does not decode ({exc.reason})", input=input) from None
    if b"\x00" in data:
        raise BinaryInput("not text: contains NUL bytes", input=input)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _fallback(data, input)
    return check_text(text, input=input)


def _fallback(data: bytes, input: str | None) -> str:
    """Bytes that are not UTF-8: mostly-UTF-8 with a stray byte, cp1252, or a guessed encoding."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good_multibyte = sum(1 for ch in lenient[:_SAMPLE_CHARS] if ord(ch) > 127) - bad
    if good_multibyte >= 20 * bad:
        return lenient  # a UTF-8 file with a few corrupt bytes: keep it, mark them U+FFFD
    enc = _single_byte_guess(data, high)
    if enc is None:
        raise EncodingError("not UTF-8, and no plausible other encoding was found; convert it to UTF-8", input=input)
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        raise EncodingError(f"not UTF-8, and does not decode as {enc} either", input=input) from None


def _single_byte_guess(data: bytes, high: int) -> str | None:
    """cp1252 when few bytes are non-ASCII (Western text), else charset-normalizer's low-chaos guess."""
    try:
        data.decode("cp1252")
        if high <= 4 or high <= 0.2 * len(data):
            return "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported on demand: most inputs are UTF-8

    for match in from_bytes(data[: 4 * HEAD_BYTES]):
        if "utf_16" in match.encoding or "utf_32" in match.encoding:
            continue  # we decide UTF-16/32 ourselves (BOM or NUL pattern)
        if match.chaos <= 0.2:
            return str(match.encoding)
    if high and b"\x00" not in data:
        try:
            data.decode("cp1252")
            return "cp1252"  # e.g. one accented word in a short text
        except UnicodeDecodeError:
            return None
    return None


def stream_encoding(head: bytes, *, input: str | None) -> str:
    """The encoding of a stream from its first bytes (raises BinaryInput/EncodingError)."""
    enc = _bom_encoding(head)
    if enc:
        return enc
    kind = binary_kind(head[:64])
    if kind:
        raise BinaryInput(f"not text: looks like {kind}", input=input)
    enc = _utf16_without_bom(head[:4096])
    if enc:
        return enc
    if b"\x00" in head:
        raise BinaryInput("not text: contains NUL bytes", input=input)
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"  # the head cut a character in two
    high = len(head) - len(head.translate(None, _HIGH_BYTES))
    lenient = head.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if sum(1 for ch in lenient if ord(ch) > 127) - bad >= 20 * bad:
        return "utf-8"  # stray bad bytes are reported per record
    guess = _single_byte_guess(head, high)
    if guess is None:
        raise EncodingError("not UTF-8, and no plausible other encoding was found; convert it to UTF-8", input=input)
    return guess


def read_head(stream: BinaryIO, size: int = HEAD_BYTES) -> tuple[bytes, BaseException | None]:
    """Up to ``size`` bytes of a stream, in small reads, and the error that cut it short (if any).

    A truncated gzip stream raises only when its end is reached: reading in small pieces keeps
    everything decompressed before that point.
    """
    parts: list[bytes] = []
    got = 0
    while got < size:
        try:
            chunk = stream.read(min(_CHUNK, size - got))
        except STREAM_ERRORS as exc:
            return b"".join(parts), exc
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts), None


class _Prefixed(io.RawIOBase):
    """A raw stream that first replays ``head`` then continues with ``rest`` (or raises ``error``)."""

    def __init__(self, head: bytes, rest: BinaryIO, error: BaseException | None = None) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self._error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self._error is not None:
            raise self._error
        data = self._rest.read(min(len(buffer), _CHUNK))
        buffer[: len(data)] = data
        return len(data)


def open_text(stream: BinaryIO, *, input: str | None, newline: str | None = None) -> io.TextIOWrapper:
    """Wrap a binary stream as text in its sniffed encoding.

    Undecodable bytes become lone surrogates (``surrogateescape``) so one bad record does not stop
    the stream; readers check each record with :func:`has_bad_bytes`.  Reading may raise
    ``EOFError``/``OSError``/``zlib.error`` from a truncated or corrupt compressed stream.
    """
    head, error = read_head(stream)
    if not head:
        if error is not None:
            raise error
        raise EmptyInput("the file is empty (0 bytes)", input=input)
    enc = stream_encoding(head, input=input)
    raw = io.BufferedReader(_Prefixed(head, stream, error), buffer_size=_CHUNK)
    return io.TextIOWrapper(raw, encoding=enc, errors="surrogateescape", newline=newline)


def open_records(stream: BinaryIO, *, input: str, newline: str | None = None) -> io.TextIOWrapper | InputError:
    """:func:`open_text` for record readers (JSONL, CSV): the error is returned, not raised, so the
    reader can yield it in place of the file's records."""
    try:
        return open_text(stream, input=input, newline=newline)
    except InputError as exc:
        return exc
    except STREAM_ERRORS as exc:
        return EncodingError(f"compressed data is truncated or corrupt ({exc})", input=input)


def has_bad_bytes(text: str) -> bool:
    """True when ``text`` (read through :func:`open_text`) holds bytes its encoding could not decode."""
    if text.isascii():
        return False
    try:  # encoding is several times faster than a regex scan for surrogates
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def redecode(text: str, encoding: str, *, input: str | None) -> str:
    """Decode again, with :func:`decode`'s fallbacks, a record whose bytes were not ``encoding``."""
    try:
        raw = text.encode(encoding, errors="surrogateescape")
    except UnicodeEncodeError:
        raise EncodingError(f"contains bytes that are not valid {encoding}", input=input) from None
    return decode(raw, input=input)


__all__ = [
    "HEAD_BYTES",
    "READ_ERRORS",
    "STREAM_ERRORS",
    "binary_kind",
    "check_text",
    "decode",
    "has_bad_bytes",
    "open_text",
    "read_head",
    "redecode",
    "sniff_format",
    "stream_encoding",
]
