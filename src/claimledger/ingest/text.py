"""Plain-text articles: bytes -> :class:`~claimledger.models.Article`, with the size limit.

The size limit (``max_article_bytes``) bounds the bytes of one article: a whole ``.txt`` file, one
JSONL line, one CSV row, one HTML page.  Default 20 MiB; override per call (``max_bytes=``) or for
the process with the setting ``max_article_bytes`` (``$CLAIMLEDGER_MAX_ARTICLE_BYTES``,
:mod:`claimledger.settings`).  Files over the limit are refused from their size on disk, before a
byte is read.
"""

from __future__ import annotations

from typing import BinaryIO

from claimledger.errors import EncodingError, InputTooLarge
from claimledger.ingest.metadata import Metadata
from claimledger.ingest.sniff import decode, read_head
from claimledger.models import Article
from claimledger.settings import MAX_ARTICLE_BYTES

DEFAULT_MAX_ARTICLE_BYTES: int = MAX_ARTICLE_BYTES.default
ENV_MAX_ARTICLE_BYTES = MAX_ARTICLE_BYTES.env


def max_article_bytes(override: int | None = None) -> int:
    """The size limit per article: ``override``, else the ``max_article_bytes`` setting (20 MiB).

    Raises:
        SettingError: ``$CLAIMLEDGER_MAX_ARTICLE_BYTES`` is not a positive integer.
    """
    if override is not None:
        return int(override)
    return MAX_ARTICLE_BYTES.get()


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB" if n >= 1024 * 1024 else f"{n} bytes"


def too_large(size: int | None, limit: int, *, input: str | None, what: str = "article") -> InputTooLarge:
    """The error for an input over the limit (``size`` None when only 'more than' is known)."""
    got = f"is {_mb(size)}" if size is not None else f"is more than {_mb(limit)}"
    return InputTooLarge(
        f"{what} {got}, over the limit of {_mb(limit)} per article "
        f"(raise it with {ENV_MAX_ARTICLE_BYTES} or split the input)",
        input=input,
    )


def read_limited(stream: BinaryIO, limit: int, *, input: str | None) -> bytes:
    """Read a whole (possibly compressed) stream, refusing it once it passes ``limit`` bytes.

    Raises InputTooLarge, or EncodingError when a compressed stream is truncated or corrupt.
    """
    data, error = read_head(stream, limit + 1)
    if error is not None:
        raise EncodingError(f"compressed data is truncated or corrupt ({error})", input=input)
    if len(data) > limit:
        raise too_large(None, limit, input=input, what="decompressed text")
    return data


def read_text_bytes(
    data: bytes,
    *,
    input: str | None,
    defaults: Metadata | None = None,
    external_id: str | None = None,
    max_bytes: int | None = None,
) -> Article:
    """One article from the bytes of a text file.

    Args:
        data: the file's bytes (any encoding :func:`claimledger.ingest.sniff.decode` accepts).
        input: the name used in errors and kept on the article (a path).
        defaults: metadata applied to the article.
        external_id: the user's id for it (the file name without extension for ``.txt``).
        max_bytes: size limit (default :func:`max_article_bytes`).

    Raises:
        EmptyInput, BinaryInput, EncodingError, InputTooLarge.
    """
    limit = max_article_bytes(max_bytes)
    if len(data) > limit:
        raise too_large(len(data), limit, input=input)
    text = decode(data, input=input)
    return (defaults or Metadata()).article(text, external_id=external_id, input=input)


__all__ = [
    "DEFAULT_MAX_ARTICLE_BYTES",
    "ENV_MAX_ARTICLE_BYTES",
    "max_article_bytes",
    "read_limited",
    "read_text_bytes",
    "too_large",
]
