"""Independent origins: copies of one wire story, and outlets quoting one agency report, count once.

An *origin* is who actually gathered a piece of news.  Two articles share an origin when one is a
wire copy of the other (the ingest's ``documents.duplicate_of`` link), when both are credited to
the same agency (a dateline ``SUMY, Ukraine (AFP) —``, a credit line ``With AFP`` or ``Reporting by
… for Reuters``), or when what they report came through the same agency (most of their sourced
claims have that agency in their reporting chain: "the governor told AFP").  Any other article is
its outlet's own reporting; two articles of one outlet in one story are one origin (an outlet's
follow-up is not independent corroboration of its own first report).

Keys are plain strings so that every part of the ledger can compare them:

* ``agency:afp`` — a news agency (:data:`AGENCIES` lists the names and their aliases);
* ``outlet:kyiv ledger`` — an outlet's own reporting (its name case-folded, spaces collapsed);
* ``doc:<doc_id>`` — an article that names no outlet.

Usage::

    from claimledger.reconcile.origins import origin_function

    origin_of = origin_function(readings)          # wire copies resolve to their original's origin
    len({origin_of(r) for r in readings})          # independent origins of these articles
    claim_origin(claim, origin_of(reading))        # a claim's origin ("told AFP" -> "agency:afp")
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from claimledger.models import Claim, Reading

# Canonical agency -> the names it goes by (case-folded).  Only wire agencies: their copy is run
# by many outlets, which is what makes counting them once matter.
AGENCIES: dict[str, tuple[str, ...]] = {
    "afp": ("afp", "agence france-presse", "agence france presse", "france-presse"),
    "reuters": ("reuters", "thomson reuters"),
    "ap": ("ap", "associated press", "the associated press"),
    "dpa": ("dpa", "deutsche presse-agentur"),
    "efe": ("efe",),
    "ansa": ("ansa",),
    "anadolu": ("anadolu", "anadolu agency", "aa"),
    "tass": ("tass",),
    "ria": ("ria", "ria novosti"),
    "interfax": ("interfax", "interfax-ukraine"),
    "ukrinform": ("ukrinform",),
    "xinhua": ("xinhua",),
    "yonhap": ("yonhap",),
    "kyodo": ("kyodo",),
    "pti": ("pti", "press trust of india"),
    "ani": ("ani",),
    "bernama": ("bernama",),
    "pap": ("pap",),
}
_ALIAS: dict[str, str] = {alias: key for key, names in AGENCIES.items() for alias in names}
_NAMES = "|".join(sorted((re.escape(a) for a in _ALIAS), key=len, reverse=True))
# Where a credit is read: the dateline ("KONOTOP, Ukraine (AFP) —") within the first 200 characters,
# and a credit line in the last 300 ("With AFP", "(Reporting by X for Reuters; editing by Y)").
_DATELINE = re.compile(rf"^[^\n]{{0,120}}?\((?P<a>{_NAMES})\)\s*[—–-]", re.IGNORECASE)
_CREDIT = re.compile(
    rf"(?:\bwith\s+(?P<a1>{_NAMES})\b\s*\.?\s*$"
    rf"|\breporting by\b[^\n]{{0,120}}?\bfor\s+(?P<a2>{_NAMES})\b"
    rf"|^\s*[—–-]\s*(?P<a3>{_NAMES})\s*$"
    rf"|\((?P<a4>{_NAMES})\)\s*$)",
    re.IGNORECASE | re.MULTILINE,
)
_MEDIA_KINDS = frozenset({"media", "agency", "news", "organization"})


def _norm(name: str) -> str:
    name = " ".join(name.casefold().replace("’", "'").split())
    return name[4:] if name.startswith("the ") else name


def agency_key(name: str | None) -> str | None:
    """``agency:<canonical>`` when ``name`` is a known news agency ("Agence France-Presse"), else None."""
    if not name:
        return None
    key = _ALIAS.get(_norm(name))
    return f"agency:{key}" if key else None


def outlet_key(name: str) -> str:
    """The origin key of a named outlet or medium: its agency key, else ``outlet:<name>``."""
    return agency_key(name) or f"outlet:{_norm(name)}"


def credited_agency(text: str) -> str | None:
    """The agency an article's text credits, by its dateline or its closing credit line, or None.

    Args:
        text: the article text as ingested.
    """
    head = _DATELINE.search(text[:200])
    if head:
        return agency_key(head.group("a"))
    tail = text[-300:]
    for m in _CREDIT.finditer(tail):
        found = next((g for g in m.groups() if g), None)
        if found:
            return agency_key(found)
    return None


def claim_origin(claim: Claim, doc_origin: str) -> str:
    """A claim's origin: the medium farthest up its reporting chain, else its document's origin.

    Channels are listed nearest intermediary first, so the last news hop is the one that gathered
    the claim ("Reuters, citing the BBC": the BBC).

    Args:
        claim: the claim.
        doc_origin: the origin key of the article that carries it (:func:`document_origin`).
    """
    media = [hop for hop in claim.channel if (hop.kind or "media") in _MEDIA_KINDS and hop.name]
    if not media:
        return doc_origin
    return outlet_key(media[-1].name)


def _channel_majority(claims: Iterable[Claim]) -> str | None:
    """The agency most sourced claims came through, when it carries more than half of them."""
    sourced = [c for c in claims if c.source is not None]
    if not sourced:
        return None
    votes = Counter(k for c in sourced if (k := claim_origin(c, "")).startswith("agency:"))
    if not votes:
        return None
    key, n = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    return key if 2 * n > len(sourced) else None


def document_origin(reading: Reading, copies: Mapping[str, str] | None = None) -> str:
    """The origin key of one article.

    In order: the origin of the article it is a wire copy of (when ``copies`` knows it), the agency
    its text credits, the agency most of its sourced claims came through, its outlet (an agency
    outlet is that agency), else the article itself.

    Args:
        reading: the article's reading (a wire copy's reading holds only its article).
        copies: origin keys of other articles by doc_id, to resolve ``duplicate_of``.
    """
    article = reading.article
    if article.duplicate_of and copies and article.duplicate_of in copies:
        return copies[article.duplicate_of]
    credited = credited_agency(article.text)
    if credited:
        return credited
    chained = _channel_majority(reading.claims)
    if chained:
        return chained
    if article.outlet and article.outlet.strip():
        return outlet_key(article.outlet)
    if article.duplicate_of:
        return f"doc:{article.duplicate_of}"
    return f"doc:{reading.doc_id}"


def origin_function(readings: Iterable[Reading]) -> Callable[[Reading], str]:
    """A ``Reading -> origin key`` function for these articles, wire copies resolved to their original.

    Args:
        readings: the articles (a story's); a copy whose original is not among them falls back to
            its own credit and outlet.
    """
    items = list(readings)
    own = {r.doc_id: document_origin(r) for r in items if not r.article.duplicate_of}
    keys = dict(own)
    for r in items:
        if r.article.duplicate_of:
            keys[r.doc_id] = document_origin(r, own)

    def origin_of(reading: Reading) -> str:
        return keys.get(reading.doc_id) or document_origin(reading, own)

    return origin_of


def count_origins(readings: Iterable[Reading]) -> int:
    """The number of independent origins behind ``readings``."""
    items = list(readings)
    origin_of = origin_function(items)
    return len({origin_of(r) for r in items})


__all__ = [
    "AGENCIES",
    "agency_key",
    "claim_origin",
    "count_origins",
    "credited_agency",
    "document_origin",
    "origin_function",
    "outlet_key",
]
