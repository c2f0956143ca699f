"""The ledger's tables, as portable DDL shared by DuckDB and PostgreSQL.

Two things live here:

* ``V1`` — the DDL of migration 1, frozen: a later schema change is a new migration in
  ``migrations.py``, never an edit of ``V1`` (a ledger written by an older claimledger must upgrade
  to exactly what a fresh one gets).
* ``TABLE_SPECS`` — the *current* tables: which model each row holds, its key and the few
  columns only the ledger has (``seq``, ``ingested_at``).  Every column list (``COLUMNS``,
  ``JSON_COLUMNS``) is derived from the models' fields, so a new model field is a new column
  without writing it again here.  A test checks that a freshly migrated ledger has exactly
  these columns with these types, and prints the ``ALTER TABLE`` line a missing one needs.

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
comparisons    two figures of one measure side by side (agree | conflict | different_measure)
claim_groups   one statement by one source across a story's articles, with its origins
timeline       one source's figure for one measure on one date
errors         input that failed: ``input`` PK, last ``code``/``message``, ``count``,
               ``resolved_at`` set when the same input is later stored
sources        (view) canonical source name -> kind, role, affiliation, claim/document counts
_migrations    applied schema versions
=============  ============================================================================

``seq`` keeps each article's records in the order they were read, so ``reading(doc_id)``
round-trips exactly.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, get_args

from claimledger.models import (
    Actor,
    Article,
    Claim,
    ClaimGroup,
    Comparison,
    ErrorRecord,
    Event,
    Figure,
    Place,
    Reading,
    Story,
    TimelinePoint,
    TimeRef,
    is_record,
    optional,
    record_types,
)

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


# ---- the current tables, derived from the models ---------------------------------------------
@dataclass(frozen=True)
class Column:
    """One column of a ledger table and the model field it holds.

    ``field`` names the attribute of the row's object; ``sub`` the attribute of a nested record
    flattened into columns (``source_kind`` holds ``claim.source.kind``).  ``sql`` is the column's
    DDL type template (``TEXT``, ``INTEGER``, ``BOOLEAN``, ``DATE``, ``{double}``, ``{json}``,
    ``{timestamp}``): what a migration adding it writes.
    """

    name: str
    sql: str
    field: str
    sub: str | None = None

    @property
    def json(self) -> bool:
        """Whether the column holds JSON text (dumped on write, parsed on read)."""
        return self.sql == "{json}"


@dataclass(frozen=True)
class Table:
    """A ledger table: one row per ``model`` object, its columns derived from the model's fields,
    then the ledger's own ``extra`` columns.  ``key`` orders full reads and keyset paging."""

    name: str
    model: type[Any]
    key: tuple[str, ...]
    extra: tuple[Column, ...] = ()

    @property
    def columns(self) -> tuple[Column, ...]:
        """Every column, in the order the writers and readers use."""
        return (*model_columns(self.model), *self.extra)


def sql_type(tp: Any) -> str:
    """The DDL type template of a (non-record) model field type."""
    tp, _ = optional(tp)
    if typing.get_origin(tp) is Literal:
        tp = type(get_args(tp)[0])
    simple = {str: "TEXT", bool: "BOOLEAN", int: "INTEGER", float: "{double}", datetime: "{timestamp}", date: "DATE"}
    if isinstance(tp, type) and tp in simple:
        return simple[tp]
    if typing.get_origin(tp) in (tuple, list, dict) or typing.is_typeddict(tp):
        return "{json}"
    raise TypeError(f"no SQL column type for {tp!r}; add it to schema.sql_type")


_MODEL_COLUMNS: dict[type[Any], tuple[Column, ...]] = {}


def model_columns(model: type[Any]) -> tuple[Column, ...]:
    """The columns of ``model``'s fields: nested records flattened to ``<field>_<key>`` columns,
    lists and dicts as JSON, scalars as themselves.

    Args:
        model: a record class of ``claimledger.models``.
    """
    found = _MODEL_COLUMNS.get(model)
    if found is None:
        out: list[Column] = []
        for name, tp in record_types(model).items():
            inner, _ = optional(tp)
            if is_record(inner):
                out += [Column(f"{name}_{k}", sql_type(t), name, k) for k, t in record_types(inner).items()]
            else:
                out.append(Column(name, sql_type(tp), name))
        found = _MODEL_COLUMNS[model] = tuple(out)
    return found


def _reading_columns() -> tuple[Column, ...]:
    """Columns of a ``Reading``'s own fields (``notes``, ``signature``): stored on its documents row.
    The article and the tuples of records (the article tables) are not among them."""
    hints = typing.get_type_hints(Reading)
    out = []
    for f in dataclasses.fields(Reading):
        tp = hints[f.name]
        if f.name == "article" or (typing.get_origin(tp) is tuple and is_record(get_args(tp)[0])):
            continue
        out.append(Column(f.name, sql_type(tp), f.name))
    return tuple(out)


_SEQ = Column("seq", "INTEGER", "seq")  # the record's position in its reading, so reading() round-trips

# Every table: the model its rows hold, its key, and the columns only the ledger has.  A new
# table is one line here (plus the migration that creates it).
TABLE_SPECS: tuple[Table, ...] = (
    Table(
        "documents",
        Article,
        ("doc_id",),
        (*_reading_columns(), Column("ingested_at", "{timestamp}", "ingested_at")),
    ),
    Table("claims", Claim, ("doc_id", "seq"), (_SEQ,)),
    Table("figures", Figure, ("doc_id", "seq"), (_SEQ,)),
    Table("times", TimeRef, ("doc_id", "seq"), (_SEQ,)),
    Table("places", Place, ("doc_id", "seq"), (_SEQ,)),
    Table("actors", Actor, ("doc_id", "seq"), (_SEQ,)),
    # doc_id: the article whose reading wrote the event (an event_id stored already is kept, not duplicated)
    Table("events", Event, ("event_id",), (Column("doc_id", "TEXT", "doc_id"), _SEQ)),
    Table("errors", ErrorRecord, ("input",)),
    Table("stories", Story, ("story_id",)),  # migration 3 (reconcile: story_features, stories_pending beside it)
    # migration 4: what reconcile_story derives per story (ledger/_across.py writes them)
    Table("comparisons", Comparison, ("comparison_id",)),
    Table("claim_groups", ClaimGroup, ("claim_group",)),
    Table("timeline", TimelinePoint, ("point_id",)),
)
SPECS: dict[str, Table] = {t.name: t for t in TABLE_SPECS}

# The current columns of every table (a test checks a freshly migrated ledger has exactly these).
COLUMNS: dict[str, tuple[str, ...]] = {t.name: tuple(c.name for c in t.columns) for t in TABLE_SPECS}

# Columns holding JSON text (dumped on write, parsed on read).
JSON_COLUMNS: dict[str, frozenset[str]] = {t.name: frozenset(c.name for c in t.columns if c.json) for t in TABLE_SPECS}

# Primary key of each table: the order of full-table reads and of keyset paging.
KEYS: dict[str, tuple[str, ...]] = {t.name: t.key for t in TABLE_SPECS}

# Child tables of an article, in write order: the ``Reading`` fields that hold tuples of records.
ARTICLE_TABLES: tuple[str, ...] = tuple(
    name
    for name, tp in typing.get_type_hints(Reading).items()
    if typing.get_origin(tp) is tuple and is_record(get_args(tp)[0])
)
TABLES: tuple[str, ...] = tuple(SPECS)


def render(template: str, dialect: str) -> str:
    """The DDL ``template`` with its type placeholders filled for ``dialect``."""
    return template.format(**DIALECT_TYPES[dialect])


def quote(name: str) -> str:
    """A double-quoted SQL identifier (our names never contain quotes; checked anyway)."""
    if '"' in name:
        raise ValueError(f"bad identifier {name!r}")
    return f'"{name}"'


def column_list(columns: Sequence[str], alias: str = "") -> str:
    """``columns`` quoted and comma-separated for a SELECT, each prefixed by ``alias.`` when given."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + quote(c) for c in columns)


__all__ = [
    "ARTICLE_TABLES",
    "COLUMNS",
    "JSON_COLUMNS",
    "KEYS",
    "SPECS",
    "TABLES",
    "TABLE_SPECS",
    "V1",
    "Column",
    "Table",
    "column_list",
    "model_columns",
    "quote",
    "render",
    "sql_type",
]
