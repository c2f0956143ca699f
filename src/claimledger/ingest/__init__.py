"""Bytes and files -> :class:`claimledger.models.Article` (no spaCy here).

``read_path(path)`` streams the articles of a file or folder with an :class:`~claimledger.errors.InputError`
in place of each bad input (:mod:`.reader`); ``repair(text)`` rejoins scraped lines for analysis and
maps every span back to the original (:mod:`.repair`); :class:`Metadata` carries batch defaults.
"""

from __future__ import annotations

from claimledger.ingest.metadata import Metadata, parse_date
from claimledger.ingest.offsets import OffsetMap
from claimledger.ingest.reader import read_path, read_paths
from claimledger.ingest.repair import DroppedSpan, Repaired, repair
from claimledger.ingest.sniff import decode
from claimledger.ingest.text import DEFAULT_MAX_ARTICLE_BYTES, max_article_bytes, read_text_bytes

__all__ = [
    "DEFAULT_MAX_ARTICLE_BYTES",
    "DroppedSpan",
    "Metadata",
    "OffsetMap",
    "Repaired",
    "decode",
    "max_article_bytes",
    "parse_date",
    "read_path",
    "read_paths",
    "read_text_bytes",
    "repair",
]
