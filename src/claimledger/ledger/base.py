"""The ``Ledger`` protocol every backend implements, and :func:`open_ledger`.

Usage::

    from claimledger.ledger import open_ledger

    with open_ledger("ledger.duckdb") as ledger:         # or "postgresql://user@host/db"
        ledger.write(reading)                            # True; False the second time
        for claim in ledger.claims(source="zelensky", stance="deny"):
            print(claim.source.name, claim.content.text)
        cols, rows = ledger.sql("SELECT stance, COUNT(*) FROM claims GROUP BY stance")

Errors: an input that failed is recorded with ``record_error(input, code, message)``; when the same
``input`` is later stored by ``write``, its row is **marked resolved** (``resolved_at`` set), not
deleted, so the history stays; ``errors()`` lists the unresolved ones
(``errors(include_resolved=True)`` all).

A ``Ledger`` object is one connection: use it from one thread at a time (open one per thread or
process).  DuckDB files take one writer process; PostgreSQL takes many (see ``postgres.py``).
Writing in batches (``write_many``) is several times faster than one ``write`` per article,
on DuckDB especially (``bench/bench_ledger.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self, runtime_checkable

from claimledger.ledger._stories import StoryFeatureRow
from claimledger.ledger.migrations import Migration
from claimledger.ledger.pages import (
    ClaimFilter,
    ClaimRow,
    DocumentRow,
    EventPoint,
    Facets,
    Page,
    PlaceCount,
    SourcedFigure,
    SourceEntity,
)
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
    StoryReconciliation,
    TimelinePoint,
    TimeRef,
)


@runtime_checkable
class Ledger(Protocol):
    """A store of readings: one transaction per article, idempotent by ``doc_id``."""

    target: str
    read_only: bool
    dialect: str
    schema_version: int

    def atomic(self) -> AbstractContextManager[None]: ...
    def write(self, reading: Reading) -> bool: ...
    def write_many(
        self, readings: Iterable[Reading], *, on_error: Callable[[Reading, Any], None] | None = None
    ) -> list[bool]: ...
    def record_error(self, input: str, code: str, message: str) -> None: ...
    def cache_limit(self, megabytes: int | None) -> AbstractContextManager[None]: ...
    def errors(self, *, include_resolved: bool = False) -> list[ErrorRecord]: ...
    def has(self, doc_id: str) -> bool: ...
    def doc_ids(self) -> set[str]: ...
    def article(self, doc_id: str) -> Article | None: ...
    def articles(self, *, limit: int | None = None) -> list[Article]: ...
    def reading(self, doc_id: str) -> Reading | None: ...
    def claims(
        self,
        source: str | None = None,
        stance: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
    ) -> list[Claim]: ...
    def figures(self, doc_id: str | None = None) -> list[Figure]: ...
    def times(self, doc_id: str | None = None) -> list[TimeRef]: ...
    def places(self, doc_id: str | None = None) -> list[Place]: ...
    def actors(self, doc_id: str | None = None) -> list[Actor]: ...
    def events(
        self, doc_id: str | None = None, *, story: str | None = None, type: str | None = None
    ) -> list[Event]: ...
    def sources(self) -> list[dict[str, Any]]: ...
    def iter_records(self, table: str, *, page: int = 5000) -> Iterator[Any]: ...
    def sql(
        self, query: str, params: Sequence[Any] = (), *, allow_write: bool = False
    ) -> tuple[list[str], list[tuple[Any, ...]]]: ...
    def stats(self) -> dict[str, int]: ...
    # filtered, keyset-paginated reads (ledger/_query.py) for the API and the web app
    def reader(self) -> Ledger: ...
    def thread_reader(self) -> Ledger: ...
    def close_readers(self) -> None: ...
    def claims_page(
        self, filters: ClaimFilter | None = None, *, sort: str = "date", cursor: str | None = None, limit: int = 50
    ) -> Page[ClaimRow]: ...
    def count_claims(self, filters: ClaimFilter | None = None) -> int: ...
    def claim(self, claim_id: str) -> ClaimRow | None: ...
    def document(self, doc_id: str) -> DocumentRow | None: ...
    def claim_facets(self, filters: ClaimFilter | None = None, *, top: int = 12) -> Facets: ...
    def documents_page(
        self,
        *,
        q: str | None = None,
        outlet: str | None = None,
        story_id: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page[DocumentRow]: ...
    def source_entities(
        self, *, q: str | None = None, cursor: str | None = None, limit: int = 50
    ) -> Page[SourceEntity]: ...
    def source_entity(self, entity_id: str) -> SourceEntity | None: ...
    def figures_page(
        self,
        *,
        doc_id: str | None = None,
        counts: str | None = None,
        claim_id: str | None = None,
        cursor: str | None = None,
        limit: int = 100,
    ) -> Page[Figure]: ...
    def times_page(
        self, *, doc_id: str | None = None, claim_id: str | None = None, cursor: str | None = None, limit: int = 100
    ) -> Page[TimeRef]: ...
    def places_page(
        self,
        *,
        doc_id: str | None = None,
        country: str | None = None,
        name: str | None = None,
        claim_id: str | None = None,
        cursor: str | None = None,
        limit: int = 100,
    ) -> Page[Place]: ...
    def measures(self) -> list[tuple[str, int]]: ...
    def figure_series(self, counts: str, *, limit: int = 5000) -> list[SourcedFigure]: ...
    def place_counts(
        self, *, since: str | None = None, until: str | None = None, limit: int = 2000
    ) -> list[PlaceCount]: ...
    def date_range(self) -> tuple[str | None, str | None]: ...
    def stories_page(self, *, q: str | None = None, cursor: str | None = None, limit: int = 50) -> Page[Story]: ...
    def events_page(
        self,
        *,
        doc_id: str | None = None,
        story_id: str | None = None,
        type: str | None = None,
        cursor: str | None = None,
        limit: int = 100,
    ) -> Page[Event]: ...
    def measures_over_time(self) -> list[tuple[str, int]]: ...
    def event(self, event_id: str) -> Event | None: ...
    def event_points(
        self, *, since: str | None = None, until: str | None = None, limit: int = 5000
    ) -> list[EventPoint]: ...
    # (end of the query methods)
    # stories (ledger/_stories.py; written by claimledger.reconcile)
    def stories(self, *, limit: int | None = None) -> list[Story]: ...
    def story(self, story_id: str) -> Story | None: ...
    def story_doc_ids(self, story_id: str) -> list[str]: ...
    def story_members(self, story_ids: Sequence[str]) -> dict[str, tuple[int, list[str]]]: ...
    def unassigned_documents(self) -> list[tuple[str, Any, str | None]]: ...
    def story_feature_rows(self, *, page: int = 5000) -> Iterator[StoryFeatureRow]: ...
    def pending_stories(self) -> list[str]: ...
    def readings_many(self, doc_ids: Sequence[str]) -> list[Reading]: ...
    def write_assignments(self, rows: Sequence[StoryFeatureRow], new_stories: Sequence[tuple[str, int]]) -> None: ...
    def write_story(self, story: Story) -> None: ...
    def clear_stories(self) -> None: ...
    # across articles (ledger/_across.py; written by claimledger.reconcile.across)
    def write_story_reconciliation(self, result: StoryReconciliation) -> None: ...
    def clear_story_reconciliations(self) -> None: ...
    def comparisons(
        self,
        *,
        story: str | None = None,
        event: str | None = None,
        relation: str | None = None,
        measure: str | None = None,
    ) -> list[Comparison]: ...
    def conflicts(self, *, story: str | None = None, measure: str | None = None) -> list[Comparison]: ...
    def claim_groups(self, *, story: str | None = None, min_articles: int = 1) -> list[ClaimGroup]: ...
    def timeline(
        self, measure: str, *, about: str | None = None, source: str | None = None, story: str | None = None
    ) -> list[TimelinePoint]: ...
    def resolve_document(self, ref: str) -> str: ...
    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


def is_postgres_url(target: str | Path) -> bool:
    """Whether ``target`` names a PostgreSQL server rather than a DuckDB file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def open_ledger(
    target: str | Path,
    *,
    read_only: bool = False,
    migrations: dict[int, Migration] | None = None,
) -> Ledger:
    """Open (creating and migrating as needed) the ledger at ``target``.

    Args:
        target: a file path (DuckDB; created with its parent folders on demand; ``":memory:"`` for
            a throwaway ledger) or a ``postgresql://`` URL.
        read_only: never write; a missing file or a schema needing an upgrade is an error.
        migrations: the migration registry (default: :data:`migrations.MIGRATIONS`; for tests).

    Raises:
        LedgerError: the ledger cannot be opened (locked by another writer, not a database …).
        SchemaError: it was written by a newer claimledger, or a migration failed.
    """
    if is_postgres_url(target):
        from claimledger.ledger.postgres import PostgresLedger

        return PostgresLedger(str(target), read_only=read_only, migrations=migrations)
    from claimledger.ledger.duckdb import DuckDBLedger

    return DuckDBLedger(target, read_only=read_only, migrations=migrations)


__all__ = ["ErrorRecord", "Ledger", "is_postgres_url", "open_ledger"]
