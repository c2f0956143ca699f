"""Article metadata given by users or found in records, and the parsing of publication dates.

:class:`Metadata` holds the defaults a user gives for a batch (``--published --outlet --url --title``)
or the metadata of one record; :meth:`Metadata.merged` lets a record's own values win over the
batch defaults.  :func:`parse_date` turns what people write as a publication date into a
:class:`datetime.date` or raises :class:`~claimledger.errors.BadMetadata` naming the input.

Accepted dates: ``date``/``datetime`` objects, ISO 8601 (``2025-02-01``, ``2025-02-01T10:00:00Z``,
``20250201``), RFC 2822 as in feeds and e-mail (``Fri, 31 Jan 2025 10:00:00 +0000``), written dates
with a year (``31 January 2025``, ``January 31, 2025``), numeric dates whose day/month order is
unambiguous (``31/01/2025``), and Unix timestamps (numbers, seconds or milliseconds).  Refused:
relative dates ("yesterday"), dates without a day ("2025-02"), ambiguous ``01/02/2025``, years
before 1800 or after next year.  A timezone-aware datetime keeps the date as written at its own
offset (an article published at 23:30 in New York is dated that day, not the next UTC day).

Usage::

    >>> from claimledger.ingest.metadata import Metadata, parse_date
    >>> parse_date("Fri, 31 Jan 2025 10:00:00 +0000")
    datetime.date(2025, 1, 31)
    >>> batch = Metadata(published="2025-02-01", outlet="Example")
    >>> batch.merged(Metadata(outlet="Wire")).outlet
    'Wire'
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

from claimledger.errors import BadMetadata
from claimledger.models import Article

MIN_YEAR = 1800

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:$|T)")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{1,2}$|^\d{4}$")
_NUMERIC = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|'\d{2}\b")
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")


def parse_date(value: object, *, input: str | None = None, what: str = "publication date") -> date | None:
    """Parse a publication date given by a user, a record or a feed.

    Args:
        value: ``None``/empty (returns ``None``), a ``date``/``datetime``, a Unix timestamp or a string.
        input: what to name in the error (``--published``, ``corpus.jsonl:12``).
        what: the name of the value in the error message.

    Raises:
        BadMetadata: the value is not a date we can trust (message says why and what to write).
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _plausible(value.date(), value, input, what)
    if isinstance(value, date):
        return _plausible(value, value, input, what)
    if isinstance(value, bool):
        raise BadMetadata(f"{what} {value!r} is not a date", input=input)
    if isinstance(value, int | float):
        return _plausible(_from_timestamp(value, input, what), value, input, what)
    if not isinstance(value, str):
        raise BadMetadata(f"{what} of type {type(value).__name__} is not a date", input=input)
    text = " ".join(value.split())
    if not text:
        return None
    parsed = _parse_cached(text)  # corpora repeat the same few dates thousands of times
    if isinstance(parsed, date):
        return _plausible(parsed, text, input, what)
    return _plausible(_parse_text(text, input, what), text, input, what)  # raises with the input named


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> date | None:
    try:
        return _parse_text(text, None, "")
    except BadMetadata:
        return None


def _bad(text: object, input: str | None, what: str, why: str) -> BadMetadata:
    return BadMetadata(f"{what} {text!r} {why}; write it as YYYY-MM-DD", input=input)


def _from_timestamp(value: float, input: str | None, what: str) -> date:
    seconds = value / 1000 if abs(value) > 1e11 else value  # milliseconds are common in JSON exports
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        raise _bad(value, input, what, "is not a valid Unix timestamp") from None


def _parse_text(text: str, input: str | None, what: str) -> date:
    m = _ISO.match(text) or _COMPACT.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise _bad(text, input, what, "is not a calendar date") from None
    if _YEAR_MONTH.match(text):
        raise _bad(text, input, what, "has no day")
    if text.isdigit() and len(text) >= 9:
        return _from_timestamp(int(text), input, what)
    m = _NUMERIC.match(text)
    if m:
        return _numeric(text, (int(m[1]), int(m[2]), int(m[3])), len(m[1]), input, what)
    if _RFC2822.match(text):
        try:
            return parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    if not _HAS_YEAR.search(text):
        # Relative or partial dates ("yesterday", "3 days ago", "Jan 31") depend on when they were
        # read, not on the article: refuse them rather than guess.
        raise _bad(text, input, what, "has no year")
    return _dateparser(text, input, what)


def _numeric(text: str, parts: tuple[int, int, int], first_len: int, input: str | None, what: str) -> date:
    a, b, c = parts
    try:
        if first_len == 4:  # 2025/02/01
            return date(a, b, c)
        year = c + 2000 if c < 100 else c
        if a > 12 and b > 12:
            raise ValueError("no month")
        if a > 12 >= b:
            return date(year, b, a)
        if b > 12 >= a:
            return date(year, a, b)
        if a == b:
            return date(year, a, b)
    except ValueError:
        raise _bad(text, input, what, "is not a calendar date") from None
    raise _bad(text, input, what, "is ambiguous (day/month or month/day?)")


def _dateparser(text: str, input: str | None, what: str) -> date:
    import dateparser  # slow to import (~0.3 s): only for written-out dates

    settings: Any = {"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False, "DATE_ORDER": "DMY"}
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, TypeError, OverflowError, RecursionError):
        parsed = None
    if parsed is None:
        raise _bad(text, input, what, "is not a date")
    day: date = parsed.date()
    return day


def _plausible(day: date, raw: object, input: str | None, what: str) -> date:
    last = date.today().year + 1
    if not MIN_YEAR <= day.year <= last:
        raise _bad(raw, input, what, f"is outside {MIN_YEAR}-{last}")
    return day


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


@dataclass(frozen=True)
class Metadata:
    """What we know about an article besides its text; every field may be unknown (``None``).

    ``published`` accepts anything :func:`parse_date` does (a string is parsed at construction and
    raises :class:`~claimledger.errors.BadMetadata` when it cannot be), so a CLI flag fails fast
    before a batch starts.  Strings are whitespace-normalised; empty strings become ``None``.
    """

    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = None
    author: str | None = None

    def __post_init__(self) -> None:
        if self.published is not None and not (
            isinstance(self.published, date) and not isinstance(self.published, datetime)
        ):
            object.__setattr__(self, "published", parse_date(self.published, input="published"))
        for name in ("outlet", "url", "title", "language", "author"):
            object.__setattr__(self, name, _clean(getattr(self, name)))

    @classmethod
    def from_options(
        cls,
        *,
        published: object = None,
        outlet: str | None = None,
        url: str | None = None,
        title: str | None = None,
        language: str | None = None,
        author: str | None = None,
    ) -> Metadata:
        """Batch defaults from command-line options; a bad ``--published`` raises BadMetadata now."""
        return cls(
            published=parse_date(published, input="--published"),
            outlet=outlet,
            url=url,
            title=title,
            language=language,
            author=author,
        )

    def merged(self, own: Metadata | None) -> Metadata:
        """These defaults overridden by every field ``own`` knows."""
        if own is None:
            return self
        changes = {f.name: getattr(own, f.name) for f in dataclasses.fields(own) if getattr(own, f.name) is not None}
        return dataclasses.replace(self, **changes) if changes else self

    def article(self, text: str, *, external_id: str | None = None, input: str | None = None) -> Article:
        """An :class:`Article` with this metadata."""
        return Article(
            text=text,
            external_id=external_id,
            url=self.url,
            title=self.title,
            outlet=self.outlet,
            published=self.published,
            language=self.language,
            input=input,
            author=self.author,
        )


__all__ = ["Metadata", "parse_date"]
