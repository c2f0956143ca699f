"""The ledger's tables, as portable DDL shared by DuckDB and PostgreSQL.

Two things live here:

* ``V1`` — the DDL of migration 1, frozen: a later schema change is a new migration in
  ``migrations.py``, never an edit of ``V1`` (a ledger written by an older claimledger must upgrade
  to exactly what a fresh one gets).
* ``COLUMNS`` — the *current* column list of every table, which the writers and readers use.
  A test checks that a freshly migrated ledger has exactly these columns.

DDL templates use ``{json}`` (``JSON`` on both backends: PostgreSQL's ``json`` keeps the text as
written, so floats like ``1e16`` round-trip as floats, where ``jsonb`` would turn them into
integers), ``{double}`` and ``{timestamp}``.  Column names follow the interchange contract
(``start``, ``end``, ``of``, ``date``), so in ad-hoc SQL write ``"end"`` and ``"of"`` quoted.

Tables (one row per …):

=============  ============================================================================
documents      article: ``doc_id`` (content hash) PK, metadata, ``text`` as ingested
claims         attribution: ``claim_id`` PK; ``source_*``/``cue_*``/``content_*`` flattened
figures        number in the text: ``figure_id`` PK
times          time expression: PK (``doc_id``, ``seq``)
places         toponym: PK (``doc_id``, ``seq``)
actors         person/organisation mention: PK (``doc_id``, ``seq``)
events         ACLED-style event: ``event_id`` PK; ``doc_id`` = the article whose reading wrote it
               (an ``event_id`` already stored by another article is kept, not duplicated)
errors         input that failed: ``input`` PK, last ``code``/``message``, ``count``,
               ``resolved_at`` set when the same input is later stored
sources        (view) canonical source name -> kind, role, affiliation, claim/document counts
_migrations    applied schema versions
=============  ============================================================================

``seq`` keeps each article's records in the order they were read, so ``reading(doc_id)``
round-trips exactly.
"""

from __future__ import annotations

DIALECT_TYPES: dict[str, dict[str, str]] = {
    "duckdb": {"json": "JSON", "double": "DOUBLE", "timestamp": "TIMESTAMP"},
    "postgres": {"json": "JSON", "double": "DOUBLE PRECISION", "timestamp": "TIMESTAMP"},
}

MIGRATIONS_DDL = (
    "CREATE TABLE IF NOT EXISTS _migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at {timestamp} NOT NULL)"
)

# Migration 1 — frozen.  Do not edit; add a migration instead.
V1: tuple[str, ...] = (
    """CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY,
        external_id TEXT, url TEXT, title TEXT, outlet TEXT, published DATE, language TEXT,
        author TEXT, text TEXT NOT NULL, input TEXT, notes {json},
        ingested_at {timestamp} NOT NULL
    )""",
    """CREATE TABLE claims (
        claim_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, seq INTEGER NOT NULL,
        source_text TEXT, source_start INTEGER, source_end INTEGER, source_name TEXT,
        source_kind TEXT, source_role TEXT, source_affiliation TEXT, source_entity_id TEXT,
        cue_text TEXT NOT NULL, cue_start INTEGER NOT NULL, cue_end INTEGER NOT NULL,
        content_text TEXT NOT NULL, content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
        direct BOOLEAN NOT NULL, stance TEXT NOT NULL, hedged BOOLEAN NOT NULL, channel {json},
        "date" TEXT, responds_to {json}, figure_ids {json}, content_parts {json}, hedges {json},
        confidence {double}, origin TEXT
    )""",
    "CREATE INDEX claims_doc ON claims (doc_id, seq)",
    """CREATE TABLE figures (
        figure_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, seq INTEGER NOT NULL, claim_id TEXT,
        text TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, value {double},
        unit TEXT, bound TEXT, approx BOOLEAN NOT NULL, counts TEXT, normalized {json},
        "of" {double}, derived_value {double}, kind TEXT, high {double}, note TEXT
    )""",
    "CREATE INDEX figures_doc ON figures (doc_id, seq)",
    """CREATE TABLE times (
        doc_id TEXT NOT NULL, seq INTEGER NOT NULL, claim_id TEXT,
        text TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, value TEXT,
        grain TEXT, relation TEXT, note TEXT,
        PRIMARY KEY (doc_id, seq)
    )""",
    """CREATE TABLE places (
        doc_id TEXT NOT NULL, seq INTEGER NOT NULL, claim_id TEXT,
        text TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, name TEXT,
        country TEXT, admin1 TEXT, lat {double}, lon {double}, gazetteer_id TEXT, feature TEXT,
        PRIMARY KEY (doc_id, seq)
    )""",
    """CREATE TABLE actors (
        doc_id TEXT NOT NULL, seq INTEGER NOT NULL,
        text TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, name TEXT NOT NULL,
        kind TEXT, role TEXT, affiliation TEXT, entity_id TEXT,
        PRIMARY KEY (doc_id, seq)
    )""",
    """CREATE TABLE events (
        event_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, seq INTEGER NOT NULL,
        doc_ids {json}, type TEXT NOT NULL, actors {json}, place {json}, "date" TEXT,
        figures {json}, supporting_claims {json}, contesting_claims {json}
    )""",
    """CREATE TABLE errors (
        input TEXT PRIMARY KEY, code TEXT NOT NULL, message TEXT NOT NULL,
        first_seen {timestamp} NOT NULL, last_seen {timestamp} NOT NULL, "count" INTEGER NOT NULL,
        resolved_at {timestamp}
    )""",
    """CREATE VIEW sources AS
        SELECT COALESCE(c.source_name, c.source_text) AS name,
               MAX(c.source_kind) AS kind, MAX(c.source_role) AS role,
               MAX(c.source_affiliation) AS affiliation,
               COUNT(*) AS claims, COUNT(DISTINCT c.doc_id) AS documents,
               MIN(d.published) AS first_published, MAX(d.published) AS last_published
        FROM claims c JOIN documents d ON d.doc_id = c.doc_id
        WHERE c.source_start IS NOT NULL
        GROUP BY COALESCE(c.source_name, c.source_text)""",
)

# The current columns of every table, in order (kept equal to what the migrations build; tested).
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "doc_id",
        "external_id",
        "url",
        "title",
        "outlet",
        "published",
        "language",
        "author",
        "text",
        "input",
        "notes",
        "ingested_at",
        "duplicate_of",
        "signature",
    ),
    "claims": (
        "claim_id",
        "doc_id",
        "seq",
        "source_text",
        "source_start",
        "source_end",
        "source_name",
        "source_kind",
        "source_role",
        "source_affiliation",
        "source_entity_id",
        "cue_text",
        "cue_start",
        "cue_end",
        "content_text",
        "content_start",
        "content_end",
        "direct",
        "stance",
        "hedged",
        "channel",
        "date",
        "responds_to",
        "figure_ids",
        "content_parts",
        "hedges",
        "confidence",
        "origin",
    ),
    "figures": (
        "figure_id",
        "doc_id",
        "seq",
        "claim_id",
        "text",
        "start",
        "end",
        "value",
        "unit",
        "bound",
        "approx",
        "counts",
        "normalized",
        "of",
        "derived_value",
        "kind",
        "high",
        "note",
    ),
    "times": (
        "doc_id",
        "seq",
        "claim_id",
        "text",
        "start",
        "end",
        "value",
        "grain",
        "relation",
        "note",
        "timex",
        "value_end",
    ),
    "places": (
        "doc_id",
        "seq",
        "claim_id",
        "text",
        "start",
        "end",
        "name",
        "country",
        "admin1",
        "lat",
        "lon",
        "gazetteer_id",
        "feature",
    ),
    "actors": ("doc_id", "seq", "text", "start", "end", "name", "kind", "role", "affiliation", "entity_id", "metonymy"),
    "events": (
        "event_id",
        "doc_id",
        "seq",
        "doc_ids",
        "type",
        "actors",
        "place",
        "date",
        "figures",
        "supporting_claims",
        "contesting_claims",
    ),
    "errors": ("input", "code", "message", "first_seen", "last_seen", "count", "resolved_at"),
}

# Columns holding JSON text (dumped on write, parsed on read).
JSON_COLUMNS: dict[str, frozenset[str]] = {
    "documents": frozenset({"notes"}),
    "claims": frozenset({"channel", "responds_to", "figure_ids", "content_parts", "hedges"}),
    "figures": frozenset({"normalized"}),
    "events": frozenset({"doc_ids", "actors", "place", "figures", "supporting_claims", "contesting_claims"}),
}

# Primary key of each table: the order of full-table reads and of keyset paging.
KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "claims": ("doc_id", "seq"),
    "figures": ("doc_id", "seq"),
    "times": ("doc_id", "seq"),
    "places": ("doc_id", "seq"),
    "actors": ("doc_id", "seq"),
    "events": ("event_id",),
    "errors": ("input",),
}

# Child tables of an article, in write order.
ARTICLE_TABLES: tuple[str, ...] = ("claims", "figures", "times", "places", "actors", "events")
TABLES: tuple[str, ...] = ("documents", *ARTICLE_TABLES, "errors")


def render(template: str, dialect: str) -> str:
    """The DDL ``template`` with its type placeholders filled for ``dialect``."""
    return template.format(**DIALECT_TYPES[dialect])


def quote(name: str) -> str:
    """A double-quoted SQL identifier (our names never contain quotes; checked anyway)."""
    if '"' in name:
        raise ValueError(f"bad identifier {name!r}")
    return f'"{name}"'


__all__ = ["ARTICLE_TABLES", "COLUMNS", "JSON_COLUMNS", "KEYS", "TABLES", "V1", "quote", "render"]
