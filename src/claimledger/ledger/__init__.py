"""The ledger: an embedded DuckDB file by default, PostgreSQL for teams.

``open_ledger(target)`` returns a :class:`Ledger`; ``export(ledger, out_dir, fmt)`` writes the
interchange-contract files.  See ``base.py`` for the protocol and ``schema.py`` for the tables.
"""

from __future__ import annotations

from claimledger.ledger._stories import StoryFeatureRow
from claimledger.ledger.base import ErrorRecord, Ledger, is_postgres_url, open_ledger
from claimledger.ledger.export import FORMATS, export
from claimledger.ledger.migrations import MIGRATIONS, migration

__all__ = [
    "StoryFeatureRow",
    "FORMATS",
    "MIGRATIONS",
    "ErrorRecord",
    "Ledger",
    "export",
    "is_postgres_url",
    "migration",
    "open_ledger",
]
