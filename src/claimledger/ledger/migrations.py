"""Versioned schema migrations: a decorated registry, applied in order, recorded in ``_migrations``.

Usage::

    @migration(2, "add figures.confidence")
    def _add_figure_confidence(db: MigrationContext) -> None:
        db.execute("ALTER TABLE figures ADD COLUMN confidence {double}")

Each pending migration runs in its own transaction together with the row that records it, so a
failing migration leaves the ledger at the previous version.  On PostgreSQL an advisory lock makes
concurrent openers apply each migration once.  A ledger that records a version this build does not
know was written by a newer claimledger: opening it raises :class:`SchemaError` rather than guessing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from claimledger.errors import SchemaError
from claimledger.ledger import schema

if TYPE_CHECKING:
    from claimledger.ledger._sql import SQLLedger


@dataclass(frozen=True)
class MigrationContext:
    """What a migration function gets: the backend's dialect and a DDL-aware ``execute``."""

    ledger: SQLLedger

    @property
    def dialect(self) -> str:
        return self.ledger.dialect

    def execute(self, template: str, params: tuple[Any, ...] = ()) -> None:
        """Run one statement; ``{json}``/``{double}``/``{timestamp}`` become the dialect's types."""
        self.ledger._execute(schema.render(template, self.dialect), params)


MigrationFn = Callable[[MigrationContext], None]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    fn: MigrationFn


MIGRATIONS: dict[int, Migration] = {}


def migration(
    version: int, name: str, *, registry: dict[int, Migration] | None = None
) -> Callable[[MigrationFn], MigrationFn]:
    """Register ``fn`` as schema migration ``version`` (a positive int, unique) named ``name``."""
    reg = MIGRATIONS if registry is None else registry

    def register(fn: MigrationFn) -> MigrationFn:
        if version < 1 or version in reg:
            raise ValueError(f"migration {version} is invalid or already registered")
        reg[version] = Migration(version, name, fn)
        return fn

    return register


@migration(1, "initial schema")
def _initial_schema(db: MigrationContext) -> None:
    for statement in schema.V1:
        db.execute(statement)


@migration(2, "near-duplicates, TIMEX forms, metonymic actors")
def _duplicates_timex_metonymy(db: MigrationContext) -> None:
    db.execute("ALTER TABLE documents ADD COLUMN duplicate_of TEXT")
    db.execute("ALTER TABLE documents ADD COLUMN signature TEXT")
    db.execute("ALTER TABLE times ADD COLUMN timex TEXT")
    db.execute("ALTER TABLE times ADD COLUMN value_end TEXT")
    db.execute("ALTER TABLE actors ADD COLUMN metonymy BOOLEAN")


@migration(3, "stories: documents.story_id, stories, story_features, stories_pending")
def _stories(db: MigrationContext) -> None:
    # The assigner's state lives in story_features (one row per assigned article, in assignment
    # order), so a later batch or a resumed run rebuilds it without reading the articles again;
    # stories_pending lists the stories whose derived rows (their own, and the events and
    # comparisons reconcile_story makes) still have to be written.
    db.execute("ALTER TABLE documents ADD COLUMN story_id TEXT")
    db.execute(
        """CREATE TABLE stories (
        story_id TEXT PRIMARY KEY, doc_ids {json}, title TEXT, first_published DATE, last_published DATE,
        outlets {json}, origins INTEGER, origin_keys {json}, seq INTEGER
    )"""
    )
    db.execute(
        """CREATE TABLE story_features (
        doc_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, story_id TEXT NOT NULL, encoder TEXT NOT NULL,
        features {json} NOT NULL, vector TEXT NOT NULL
    )"""
    )
    db.execute("CREATE TABLE stories_pending (story_id TEXT PRIMARY KEY)")
    if db.dialect == "postgres":  # DuckDB scans a column fast enough; an index there slows every UPDATE
        db.execute("CREATE INDEX documents_story ON documents (story_id)")
        db.execute("CREATE INDEX story_features_seq ON story_features (seq)")


@migration(4, "across articles: merged events, comparisons, claim groups, timelines; claims' story, events, group")
def _across(db: MigrationContext) -> None:
    # Events merged across a story replace the per-article events of its documents (same table:
    # ``story_id`` NULL = read from one article, not yet reconciled); claims get their story,
    # events and claim group; comparisons, claim groups and timeline points are one row each.  No primary
    # keys on the three new tables: write_story_reconciliation replaces a story's rows as a whole, so
    # ids stay unique without one, and each DuckDB key index costs its own memory blocks.
    for col, sql in (("story_id", "TEXT"), ("event_ids", "{json}"), ("claim_group", "TEXT")):
        db.execute(f"ALTER TABLE claims ADD COLUMN {col} {sql}")
    for col, sql in (
        ("refusing_claims", "{json}"),
        ("story_id", "TEXT"),
        ("one_sided", "BOOLEAN"),
        ("origins", "INTEGER"),
        ("sub_type", "TEXT"),
        ("sides", "{json}"),
        ("articles", "INTEGER"),
        ("fatalities", "INTEGER"),
        ("evidence", "{json}"),
    ):
        db.execute(f"ALTER TABLE events ADD COLUMN {col} {sql}")
    db.execute(
        """CREATE TABLE comparisons (
        comparison_id TEXT NOT NULL, story_id TEXT NOT NULL, event_id TEXT, measure TEXT NOT NULL,
        relation TEXT NOT NULL, figure_ids {json}, claim_ids {json}, sources {json}, intervals {json},
        texts {json}, doc_ids {json}, dates {json}, measures {json}
    )"""
    )
    db.execute(
        """CREATE TABLE claim_groups (
        claim_group TEXT NOT NULL, story_id TEXT NOT NULL, source TEXT, text TEXT NOT NULL,
        claim_ids {json}, doc_ids {json}, articles INTEGER NOT NULL, origins INTEGER NOT NULL
    )"""
    )
    db.execute(
        """CREATE TABLE timeline (
        point_id TEXT NOT NULL, story_id TEXT NOT NULL, measure TEXT NOT NULL, source TEXT NOT NULL,
        "date" TEXT, dated_by TEXT NOT NULL, value {double} NOT NULL, low {double} NOT NULL, high {double},
        text TEXT NOT NULL, figure_id TEXT NOT NULL, claim_id TEXT, doc_id TEXT NOT NULL, origin TEXT NOT NULL,
        claim_group TEXT
    )"""
    )
    if db.dialect == "postgres":  # DuckDB scans these fast enough; its indexes slow every UPDATE
        for table in ("events", "comparisons", "claim_groups", "timeline", "claims"):
            db.execute(f"CREATE INDEX {table}_story ON {table} (story_id)")


@migration(5, "indexes for the API and the web app: places by claim; on PostgreSQL, claims by canonical source")
def _api_indexes(db: MigrationContext) -> None:
    # A claim's places are read by key (the article view, the place filter and facet): on DuckDB the
    # lookup of one claim's places on 100 k claims went from 3.0 ms to 0.6 ms (bench/bench_api.py ledger).
    db.execute("CREATE INDEX IF NOT EXISTS places_claim ON places (claim_id)")
    if db.dialect == "postgres":
        # A source page filters on the canonical source; DuckDB scans 100 k claims for it in ~40 ms (its
        # zone maps, not an index, serve such scans), PostgreSQL needs the index not to scan the table.
        db.execute(
            "CREATE INDEX IF NOT EXISTS claims_entity ON claims "
            "((COALESCE(source_entity_id, source_name, source_text)))"
        )


@migration(6, "figures.measure, figures.measure_subject; times TIMEX3 extent and type")
def _measures_timex_extent(db: MigrationContext) -> None:
    db.execute("ALTER TABLE figures ADD COLUMN measure TEXT")
    db.execute("ALTER TABLE figures ADD COLUMN measure_subject TEXT")
    db.execute("ALTER TABLE times ADD COLUMN timex_text TEXT")
    db.execute("ALTER TABLE times ADD COLUMN timex_start INTEGER")
    db.execute("ALTER TABLE times ADD COLUMN timex_end INTEGER")
    db.execute("ALTER TABLE times ADD COLUMN type TEXT")


def applied_versions(ledger: SQLLedger) -> dict[int, str]:
    """``{version: name}`` recorded in ``_migrations`` (empty when the table does not exist)."""
    if not ledger._table_exists("_migrations"):
        return {}
    rows = ledger._fetchall("SELECT version, name FROM _migrations ORDER BY version")
    return {int(v): str(n) for v, n in rows}


def _check_not_newer(applied: dict[int, str], registry: dict[int, Migration], where: str) -> None:
    unknown = sorted(set(applied) - set(registry))
    if unknown:
        v = unknown[-1]
        latest = max(registry) if registry else 0
        raise SchemaError(
            f"ledger has schema version {v} ({applied[v]!r}) but this claimledger knows versions up to "
            f"{latest}; it was written by a newer claimledger — upgrade claimledger to open it",
            input=where,
        )


def migrate(ledger: SQLLedger, registry: dict[int, Migration] | None = None) -> int:
    """Apply every pending migration of ``registry``; return the schema version reached.

    Read-only ledgers are checked, not changed: pending migrations raise :class:`SchemaError`.
    """
    reg = MIGRATIONS if registry is None else registry
    where = ledger.target
    if ledger.read_only:
        applied = applied_versions(ledger)
        _check_not_newer(applied, reg, where)
        pending = sorted(set(reg) - set(applied))
        if pending:
            raise SchemaError(
                f"ledger is at schema version {max(applied, default=0)}, this claimledger needs "
                f"{max(reg)}; open it once without read_only to upgrade it",
                input=where,
            )
        return max(applied, default=0)
    while True:
        with ledger.atomic():
            ledger._lock_schema()
            ledger._execute(schema.render(schema.MIGRATIONS_DDL, ledger.dialect))
            applied = applied_versions(ledger)
            _check_not_newer(applied, reg, where)
            pending = sorted(set(reg) - set(applied))
            if not pending:
                return max(applied, default=0)
            step = reg[pending[0]]
            try:
                step.fn(MigrationContext(ledger))
            except SchemaError:
                raise
            except Exception as exc:
                raise SchemaError(f"migration {step.version} ({step.name!r}) failed: {exc}", input=where) from exc
            ledger._execute(
                "INSERT INTO _migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (step.version, step.name, datetime.now(UTC).replace(tzinfo=None)),
            )


__all__ = ["MIGRATIONS", "Migration", "MigrationContext", "applied_versions", "migrate", "migration"]
