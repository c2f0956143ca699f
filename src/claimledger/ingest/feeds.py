"""RSS and Atom feeds -> one :class:`~claimledger.models.Article` per item (feedparser inside).

Each item's fullest text is used: ``content:encoded`` / Atom ``content`` when present, else the
``description``/``summary``.  HTML is turned into paragraphs by
:func:`claimledger.ingest.html.html_to_text` (the feed's content is the article already, so no
boilerplate detection is run on it).  The item's link, title, author and publication date are its
metadata; the feed's title is the outlet.  Item values win over ``defaults``.

Nothing is fetched: an item that only has a title and a link becomes an
:class:`~claimledger.errors.EmptyInput` error naming ``FEED#item-N`` (N counts from 1), and the
other items go on.  A file that is not a feed, or a feed too broken to give any item, yields one
:class:`~claimledger.errors.MalformedRecord` naming the file.

Usage::

    >>> from claimledger.ingest.feeds import read_feed
    >>> rss = b'''<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
    ... <item><title>Talks resume</title><link>https://example.org/a</link>
    ... <description>&lt;p&gt;Negotiators met on Monday.&lt;/p&gt;</description></item>
    ... </channel></rss>'''
    >>> [a.text for a in read_feed(rss, input="wire.xml")]
    ['Negotiators met on Monday.']
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from claimledger.errors import BadMetadata, EmptyInput, InputError, MalformedRecord
from claimledger.ingest.html import clean_outlet, html_to_text, text_language
from claimledger.ingest.metadata import Metadata, parse_date
from claimledger.ingest.text import max_article_bytes, too_large
from claimledger.models import Article

#: a feed holds many articles: its size limit is this many times the per-article limit
FEED_SIZE_FACTOR = 8
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_LOOKS_HTML = re.compile(r"<(?:p|br|div|span|a|b|i|em|strong|ul|ol|li|h[1-6]|img|figure|blockquote)\b", re.I)


def _item_text(entry: Any) -> str:
    """The fullest text of an item: its longest ``content``, else its summary, as plain paragraphs."""
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if value.strip():
            candidates.append((value, content.get("type") or ""))
    if not candidates:
        detail = entry.get("summary_detail") or {}
        value = entry.get("summary") or ""
        if value.strip():
            candidates.append((value, detail.get("type") or ""))
    best = ""
    for value, kind in candidates:
        text = _to_text(value, kind)
        if len(text) > len(best):
            best = text
    return best


def _to_text(value: str, kind: str) -> str:
    if kind.lower() in _HTML_TYPES or _LOOKS_HTML.search(value):
        return html_to_text(value)
    paragraphs = re.split(r"\n\s*\n", value)
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _plain(value: str | None) -> str | None:
    """A title or name without markup."""
    if not value:
        return None
    text = html_to_text(value) if "<" in value else value
    return " ".join(text.split()) or None


def _published(entry: Any, where: str) -> date | None:
    for key in ("published", "updated", "created", "dc_date"):
        raw = entry.get(key)
        if raw:
            try:
                return parse_date(raw, input=where)
            except BadMetadata:
                pass
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except (ValueError, AttributeError):
                pass
    return None


def _parse(data: bytes) -> Any:
    import feedparser

    # A BytesIO, never bytes or str: feedparser opens a str/bytes that names a file or URL.
    return feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)


def read_feed(
    data: bytes,
    *,
    input: str,
    defaults: Metadata | None = None,
    max_bytes: int | None = None,
) -> Iterator[Article | InputError]:
    """The items of an RSS or Atom feed as articles, or errors naming ``input#item-N``.

    Args:
        data: the feed document (any encoding its XML declaration states).
        input: the feed's name (a path), used in errors and kept on the articles.
        defaults: metadata for what an item and its feed do not say.
        max_bytes: per-article size limit; the feed may be ``FEED_SIZE_FACTOR`` times larger.
    """
    base = defaults or Metadata()
    limit = max_article_bytes(max_bytes) * FEED_SIZE_FACTOR
    if len(data) > limit:
        yield too_large(len(data), limit, input=input, what="feed")
        return
    if not data.strip():
        yield EmptyInput("the feed is empty", input=input)
        return
    try:
        parsed = _parse(data)
    except Exception as exc:  # feedparser wraps most parser errors; this is for the rest
        yield MalformedRecord(f"the feed cannot be parsed ({type(exc).__name__}: {exc})", input=input)
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("version"):
            why = parsed.get("bozo_exception")
            yield MalformedRecord(
                f"not a readable RSS/Atom feed ({why})" if why else "not an RSS/Atom feed", input=input
            )
        else:
            yield EmptyInput("the feed has no items", input=input)
        return
    feed = parsed.get("feed") or {}
    feed_link = feed.get("link") or ""
    outlet = clean_outlet(_plain(feed.get("title")), urlsplit(feed_link).hostname if feed_link else None)
    feed_lang = (feed.get("language") or "").split("-")[0].lower() or None
    for n, entry in enumerate(entries, start=1):
        where = f"{input}#item-{n}"
        try:
            yield _article(entry, where, base, outlet, feed_lang)
        except InputError as err:
            yield err
        except Exception as exc:  # a malformed item must not stop the feed
            yield MalformedRecord(f"the feed item cannot be read ({type(exc).__name__}: {exc})", input=where)


def _article(entry: Any, where: str, base: Metadata, outlet: str | None, feed_lang: str | None) -> Article:

    text = _item_text(entry)
    if not text.strip():
        link = entry.get("link")
        hint = f" (its link {link} is not fetched)" if link else ""
        raise EmptyInput(f"the feed item has no text{hint}", input=where)
    own = Metadata(
        published=_published(entry, where),
        outlet=outlet,
        url=entry.get("link"),
        title=_plain(entry.get("title")),
        language=text_language(text, feed_lang),
        author=_plain(entry.get("author")),
    )
    meta = base.merged(own)
    external_id = entry.get("id") or entry.get("link")
    return meta.article(text, external_id=str(external_id) if external_id else None, input=where)


__all__ = ["FEED_SIZE_FACTOR", "read_feed"]
