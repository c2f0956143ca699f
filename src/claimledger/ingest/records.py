"""One record (a JSONL object, a CSV row) -> an Article, finding fields under their usual names.

Field names are matched case-insensitively, ``-``/space read as ``_``; the first synonym present
wins.  A ``column_map`` (``{"text": "body", "published": "date"}``: our field -> the record's key)
overrides the synonyms for the fields it names.

A record whose publication date cannot be parsed still gives its article: the reader yields the
:class:`~claimledger.errors.BadMetadata` first (the batch records it as the reason the date is
missing), then the article with the batch default date (``None`` when there is none).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from claimledger.errors import BadMetadata, InputError, MalformedRecord
from claimledger.ingest.metadata import Metadata, parse_date
from claimledger.ingest.sniff import check_text, has_bad_bytes
from claimledger.models import Article

FIELDS: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "article",
        "article_text",
        "full_text",
        "fulltext",
        "maintext",
        "main_text",
        "story",
        "document",
    ),
    "external_id": ("id", "external_id", "doc_id", "article_id", "uuid", "guid", "_id", "key"),
    "published": (
        "published",
        "date",
        "published_at",
        "publish_date",
        "publication_date",
        "pubdate",
        "pub_date",
        "date_published",
        "datepublished",
        "published_date",
        "datetime",
        "timestamp",
        "created_at",
        "time",
    ),
    "outlet": (
        "outlet",
        "source",
        "publisher",
        "site",
        "site_name",
        "sitename",
        "source_name",
        "newspaper",
        "media",
        "domain",
    ),
    "url": ("url", "link", "uri", "href", "article_url", "source_url"),
    "title": ("title", "headline", "heading"),
    "language": ("language", "lang", "locale"),
    "author": ("author", "authors", "byline", "creator", "writer"),
}

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _norm(key: str) -> str:
    return key.strip().lstrip("\ufeff").lower().replace("-", "_").replace(" ", "_")


def validate_column_map(column_map: Mapping[str, str] | None) -> dict[str, str]:
    """Check a user's column map (our field -> their column); raises BadMetadata for unknown fields."""
    if not column_map:
        return {}
    unknown = sorted(set(column_map) - set(FIELDS))
    if unknown:
        raise BadMetadata(
            f"unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(FIELDS))}",
            input="column map",
        )
    return {field: str(col) for field, col in column_map.items()}


@lru_cache(maxsize=256)
def _resolve_cached(keys: tuple[str, ...], column_map: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return resolve_keys(list(keys), dict(column_map))


def resolve_keys(keys: list[str], column_map: Mapping[str, str] | None = None) -> dict[str, str]:
    """Which key of a record holds each of our fields (only fields found are returned)."""
    by_norm: dict[str, str] = {}
    for key in keys:
        by_norm.setdefault(_norm(key), key)
    found: dict[str, str] = {}
    for field, synonyms in FIELDS.items():
        if column_map and field in column_map:
            wanted = column_map[field]
            hit = wanted if wanted in keys else by_norm.get(_norm(wanted))
            if hit is not None:
                found[field] = hit
            continue
        for name in synonyms:
            if name in by_norm:
                found[field] = by_norm[name]
                break
    return found


def _scalar(value: Any) -> str | None:
    """A metadata value as a clean string (a dict's ``name``, a list joined), else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Mapping):
        return _scalar(value.get("name") or value.get("title") or value.get("id"))
    if isinstance(value, list | tuple):
        parts = [p for p in (_scalar(v) for v in value) if p]
        return ", ".join(parts) or None
    text = " ".join(_no_surrogates(str(value)).split())
    return text or None


def _text(value: Any, input: str) -> str:
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        value = "\n\n".join(value)  # paragraphs given as a list
    if not isinstance(value, str):
        raise MalformedRecord(f"the text field holds {type(value).__name__}, not a string", input=input)
    # JSON escapes can carry lone surrogates (a scraper cut an emoji in two): mark, don't refuse.
    return _no_surrogates(value)


def _no_surrogates(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text) if has_bad_bytes(text) else text


def record_articles(
    record: Mapping[str, Any],
    *,
    input: str,
    defaults: Metadata,
    column_map: Mapping[str, str] | None = None,
    keys: Mapping[str, str] | None = None,
) -> Iterator[Article | InputError]:
    """The article of one record, preceded by any BadMetadata warning; or the error refusing it.

    ``keys`` (from :func:`resolve_keys`) may be given when every record shares them (CSV).
    """
    if keys is None:  # records of one corpus share their keys: resolve each key set once
        keys = _resolve_cached(tuple(record), tuple(sorted((column_map or {}).items())))
    if "text" not in keys:
        wanted = (column_map or {}).get("text")
        expected = repr(wanted) if wanted else "one of " + ", ".join(FIELDS["text"][:6])
        yield MalformedRecord(f"no text field (expected {expected})", input=input)
        return
    try:
        text = check_text(_text(record.get(keys["text"]), input), input=input)
    except InputError as exc:
        yield exc
        return
    values = {field: record.get(key) for field, key in keys.items() if field != "text"}
    published = None
    if values.get("published") not in (None, ""):
        try:
            published = parse_date(values["published"], input=input)
        except BadMetadata as exc:
            yield BadMetadata(f"{exc.message}; the article is kept without this date", input=input)
    own = {f: _scalar(values[f]) for f in ("outlet", "url", "title", "language", "author") if f in values}
    yield Article(
        text=text,
        external_id=_scalar(values.get("external_id")),
        url=own.get("url") or defaults.url,
        title=own.get("title") or defaults.title,
        outlet=own.get("outlet") or defaults.outlet,
        published=published or defaults.published,
        language=own.get("language") or defaults.language,
        input=input,
        author=own.get("author") or defaults.author,
    )


__all__ = ["FIELDS", "record_articles", "resolve_keys", "validate_column_map"]
