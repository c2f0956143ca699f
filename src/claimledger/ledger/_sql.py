"""The ledger logic shared by both backends: transactions, writes, reads.

A backend (``duckdb.py``, ``postgres.py``) supplies a connection and a handful of primitives
(``_execute``, ``_fetchall``, ``_insert_many``, transaction statements, error translation); every
query below is written once, with ``?`` placeholders (the PostgreSQL backend turns them into
``%s``), quoted identifiers and values always passed as parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from itertools import count
from types import TracebackType
from typing import Any, Self

from claimledger.errors import ClaimledgerError, LedgerError
from claimledger.ledger import rows as R
from claimledger.ledger._across import AcrossMixin
from claimledger.ledger._query import QueryMixin
from claimledger.ledger._stories import StoriesMixin
from claimledger.ledger.schema import ARTICLE_TABLES, COLUMNS, KEYS, TABLES, column_list, quote
from claimledger.models import Actor, Article, Claim, ErrorRecord, Event, Figure, Place, Reading, TimeRef

Row = tuple[Any, ...]
OnError = Callable[[Reading, LedgerError], None]

# Rows per multi-row INSERT (PostgreSQL allows 65 535 parameters per statement).
_CHUNK_PARAMS = 30_000


class SQLLedger(QueryMixin, StoriesMixin, AcrossMixin):
    """Common implementation of the :class:`~claimledger.ledger.base.Ledger` protocol."""

    dialect: str = ""

    def __init__(self, target: str, *, read_only: bool) -> None:
        self.target = target
        self.read_only = read_only
        self._depth = 0
        self._doomed = False
        self._sp_counter = count(1)
        self._closed = False
        self.schema_version = 0

    # ---- backend primitives (each raises LedgerError when the database refuses) ---------------
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        raise NotImplementedError

    def _insert_many(self, table: str, columns: Sequence[str], rows: list[Row], *, ignore: str = "") -> None:
        """Insert ``rows`` with multi-row ``INSERT … VALUES`` statements; ``ignore`` names a key
        column whose conflicts are skipped instead of failing."""
        per = max(1, _CHUNK_PARAMS // len(columns))
        row_marks = "(" + ", ".join("?" for _ in columns) + ")"
        tail = f" ON CONFLICT ({quote(ignore)}) DO NOTHING" if ignore else ""
        for i in range(0, len(rows), per):
            chunk = rows[i : i + per]
            values = ", ".join(row_marks for _ in chunk)
            self._execute(
                f"INSERT INTO {table} ({column_list(columns)}) VALUES {values}{tail}",
                [v for row in chunk for v in row],
            )

    def _begin(self) -> None:
        self._execute("BEGIN TRANSACTION")

    def _commit(self) -> None:
        self._execute("COMMIT")

    def _rollback(self) -> None:
        self._execute("ROLLBACK")

    def _savepoint(self, name: str) -> bool:
        """Start a savepoint; False when the backend has none (DuckDB)."""
        return False

    def _release(self, name: str) -> None:
        raise NotImplementedError

    def _rollback_to(self, name: str) -> None:
        raise NotImplementedError

    def _lock_schema(self) -> None:
        """Serialise concurrent migrations (inside the migration's transaction)."""

    def _run_user_sql(self, query: str, params: Sequence[Any], allow_write: bool) -> tuple[list[str], list[Row]]:
        raise NotImplementedError

    def _close(self) -> None:
        raise NotImplementedError

    def _table_exists(self, name: str) -> bool:
        rows = self._fetchall(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
            (name,),
        )
        return bool(rows[0][0])

    def columns_of(self, table: str) -> list[str]:
        """The columns ``table`` has in the database, in order."""
        rows = self._fetchall(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
        return [r[0] for r in rows]

    # ---- transactions -------------------------------------------------------------------------
    @contextmanager
    def atomic(self) -> Iterator[None]:
        """A transaction: committed when the block ends, rolled back on any exception
        (``BaseException``: Ctrl-C too).  Nested blocks are savepoints on PostgreSQL; DuckDB has no
        savepoints, so a failing nested block dooms the whole transaction, which then rolls back
        and raises :class:`LedgerError` even if the outer block caught the inner exception."""
        self._check_open()
        if self._depth == 0:
            self._begin()
            self._depth, self._doomed = 1, False
            try:
                yield
            except BaseException:
                self._safe_rollback()
                raise
            else:
                if self._doomed:
                    self._safe_rollback()
                    raise LedgerError(
                        "a nested atomic() block failed and this backend has no savepoints; "
                        "the whole transaction was rolled back",
                        input=self.target,
                    )
                try:
                    self._commit()
                except LedgerError:
                    self._safe_rollback()
                    raise
            finally:
                self._depth = 0
            return
        name = f"cl_sp{next(self._sp_counter)}"
        has_sp = self._savepoint(name)
        self._depth += 1
        try:
            yield
        except BaseException:
            if has_sp:
                self._rollback_to(name)
            else:
                self._doomed = True
            raise
        else:
            if has_sp:
                self._release(name)
        finally:
            self._depth -= 1

    def _safe_rollback(self) -> None:
        try:
            self._rollback()
        except LedgerError:
            pass  # the connection already dropped the transaction

    # ---- writes -------------------------------------------------------------------------------
    def write(self, reading: Reading) -> bool:
        """Store one article and everything read from it in one transaction.

        Returns False (and changes nothing) when the document is already stored.  Raises
        :class:`LedgerError` naming the doc_id when the database refuses it; nothing is kept then.
        """
        return self.write_many([reading])[0]

    def write_many(self, readings: Iterable[Reading], *, on_error: OnError | None = None) -> list[bool]:
        """Store several articles in one transaction (fast); if that fails, retry them one per
        transaction so one bad article never costs the others.  Returns, per reading, whether it
        was newly stored.  A failing article raises :class:`LedgerError` (articles before it are
        kept) unless ``on_error(reading, error)`` is given, which is called and the batch goes on.
        """
        self._check_writable()
        batch = list(readings)
        if not batch:
            return []
        try:
            with self.atomic():
                return self._after_write(self._write_batch(batch))
        except Exception as exc:
            for _ in range(8):  # while the cause can be fixed (DuckDB: more memory), the batch again
                if self._depth > 0 or not self._before_retry(exc):
                    break
                try:
                    with self.atomic():
                        return self._after_write(self._write_batch(batch))
                except Exception as again:
                    exc = again
            if len(batch) == 1 or (self._depth > 0 and not self._has_savepoints()):
                raise self._wrap(exc, batch[0].doc_id if len(batch) == 1 else self.target) from exc
        results: list[bool] = []
        for reading in batch:
            try:
                with self.atomic():
                    results.extend(self._after_write(self._write_batch([reading])))
            except Exception as exc:
                err = self._wrap(exc, reading.doc_id)
                if on_error is None:
                    raise err from exc
                on_error(reading, err)
                results.append(False)
        return results

    def _has_savepoints(self) -> bool:
        return False

    def cache_limit(self, megabytes: int | None) -> AbstractContextManager[None]:
        """Bound the memory this process spends caching the database while the context lasts.

        The server backend needs nothing (PostgreSQL manages its own cache in its own processes);
        see :meth:`DuckDBLedger.cache_limit` for the embedded one.
        """
        return nullcontext()

    def _after_write(self, results: list[bool]) -> list[bool]:
        """Hook after a batch is written (inside its transaction); returns ``results``."""
        return results

    def _before_retry(self, exc: BaseException) -> bool:
        """Hook when a batch failed, before retrying it; True when the cause was fixed (retry as is)."""
        return False

    def _wrap(self, exc: BaseException, where: str) -> LedgerError:
        if isinstance(exc, LedgerError) and exc.input == where:
            return exc
        detail = exc.message if isinstance(exc, ClaimledgerError) else f"{type(exc).__name__}: {exc}"
        return LedgerError(f"could not write article: {detail}", input=where)

    def _write_batch(self, batch: list[Reading]) -> list[bool]:
        ingested = R.now()
        unique: dict[str, Reading] = {}
        for reading in batch:
            unique.setdefault(reading.doc_id, reading)
        # Convert everything first: a value the database cannot hold fails before any INSERT.
        docs = {d: R.document_row(r, ingested) for d, r in sorted(unique.items())}
        children = {d: R.child_rows(r) for d, r in unique.items()}
        inserted = self._insert_documents(list(docs.values()))
        for table in ARTICLE_TABLES:
            rows = [row for d in sorted(inserted) for row in children[d][table]]
            if rows:
                self._insert_many(table, COLUMNS[table], rows, ignore="event_id" if table == "events" else "")
        inputs = sorted({r.article.input for r in unique.values() if r.article.input})
        if inputs:
            marks = ", ".join("?" for _ in inputs)
            self._execute(
                f"UPDATE errors SET resolved_at = ? WHERE resolved_at IS NULL AND input IN ({marks})",
                (ingested, *inputs),
            )
        seen: set[str] = set()
        results = []
        for reading in batch:
            results.append(reading.doc_id in inserted and reading.doc_id not in seen)
            seen.add(reading.doc_id)
        return results

    def _insert_documents(self, rows: list[Row]) -> set[str]:
        cols = COLUMNS["documents"]
        per = max(1, _CHUNK_PARAMS // len(cols))
        row_marks = "(" + ", ".join("?" for _ in cols) + ")"
        inserted: set[str] = set()
        for i in range(0, len(rows), per):
            chunk = rows[i : i + per]
            sql = (
                f"INSERT INTO documents ({column_list(cols)}) VALUES {', '.join(row_marks for _ in chunk)} "
                "ON CONFLICT (doc_id) DO NOTHING RETURNING doc_id"
            )
            params = [v for row in chunk for v in row]
            inserted.update(r[0] for r in self._fetchall(sql, params))
        return inserted

    def record_error(self, input: str, code: str, message: str) -> None:
        """Record that ``input`` failed (``code`` like ``CL004``).  The same input again bumps
        ``count``/``last_seen`` and re-opens it if it had been resolved."""
        self._check_writable()
        ts = R.now()
        with self.atomic():
            self._execute(
                f"INSERT INTO errors ({column_list(COLUMNS['errors'])}) VALUES (?, ?, ?, ?, ?, 1, NULL) "
                "ON CONFLICT (input) DO UPDATE SET code = excluded.code, message = excluded.message, "
                'last_seen = excluded.last_seen, "count" = errors."count" + 1, resolved_at = NULL',
                (input, code, message, ts, ts),
            )

    def errors(self, *, include_resolved: bool = False) -> list[ErrorRecord]:
        """Inputs that failed and were not stored since (all of them with ``include_resolved``)."""
        where = "" if include_resolved else "resolved_at IS NULL"
        return self._select("errors", where)

    # ---- reads --------------------------------------------------------------------------------
    def _select(
        self,
        table: str,
        where: str = "",
        params: Sequence[Any] = (),
        *,
        limit: int | None = None,
        order: Sequence[str] = (),
    ) -> list[Any]:
        cols = COLUMNS[table]
        sql = f"SELECT {column_list(cols)} FROM {table}"
        if where:
            sql += f" WHERE {where}"
        sql += f" ORDER BY {column_list(order or KEYS[table])}"
        params = list(params)
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [R.to_model(table, cols, row) for row in self._fetchall(sql, params)]

    def iter_records(self, table: str, *, page: int = 5000) -> Iterator[Any]:
        """Every row of ``table`` as model objects, in key order, fetched a page at a time
        (keyset paging: memory stays flat however big the ledger is)."""
        if table not in TABLES:
            raise LedgerError(f"unknown table {table!r}; one of {', '.join(TABLES)}", input=self.target)
        cols = COLUMNS[table]
        keys = KEYS[table]
        idx = [cols.index(k) for k in keys]
        last: tuple[Any, ...] | None = None
        while True:
            sql = f"SELECT {column_list(cols)} FROM {table}"
            params: list[Any] = []
            if last is not None:
                if len(keys) == 1:
                    sql += f" WHERE {quote(keys[0])} > ?"
                    params = [last[0]]
                else:
                    k1, k2 = (quote(k) for k in keys)
                    sql += f" WHERE ({k1} > ? OR ({k1} = ? AND {k2} > ?))"
                    params = [last[0], last[0], last[1]]
            sql += f" ORDER BY {column_list(keys)} LIMIT ?"
            params.append(page)
            rows = self._fetchall(sql, params)
            for row in rows:
                yield R.to_model(table, cols, row)
            if len(rows) < page:
                return
            last = tuple(rows[-1][i] for i in idx)

    def has(self, doc_id: str) -> bool:
        """Whether the document ``doc_id`` is stored."""
        return bool(self._fetchall("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)))

    def doc_ids(self) -> set[str]:
        """The ids of every stored document."""
        return {r[0] for r in self._fetchall("SELECT doc_id FROM documents")}

    def article(self, doc_id: str) -> Article | None:
        """The stored article ``doc_id``, or None."""
        found = self._select("documents", "doc_id = ?", (doc_id,))
        return found[0] if found else None

    def articles(self, *, limit: int | None = None) -> list[Article]:
        """Stored articles, ordered by doc_id."""
        return self._select("documents", limit=limit)

    def reading(self, doc_id: str) -> Reading | None:
        """Everything stored for ``doc_id``, exactly as it was written, or None."""
        cols = COLUMNS["documents"]
        rows = self._fetchall(f"SELECT {column_list(cols)} FROM documents WHERE doc_id = ?", (doc_id,))
        if not rows:
            return None
        parts = {t: self._select(t, "doc_id = ?", (doc_id,), order=("seq",)) for t in ARTICLE_TABLES}
        return Reading(
            article=R.to_model("documents", cols, rows[0]),
            claims=tuple(parts["claims"]),
            figures=tuple(parts["figures"]),
            times=tuple(parts["times"]),
            places=tuple(parts["places"]),
            actors=tuple(parts["actors"]),
            events=tuple(parts["events"]),
            notes=R.notes_of(cols, rows[0]),
        )

    def claims(
        self,
        source: str | None = None,
        stance: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
    ) -> list[Claim]:
        """Claims, oldest publication first.  ``source`` matches the canonical source name or the
        source span, case-insensitively, as a substring ("zelensky" finds "Volodymyr Zelensky")."""
        where: list[str] = []
        params: list[Any] = []
        if source:
            where.append("(strpos(LOWER(c.source_name), LOWER(?)) > 0 OR strpos(LOWER(c.source_text), LOWER(?)) > 0)")
            params += [source, source]
        if stance:
            where.append("c.stance = ?")
            params.append(stance)
        if doc_id:
            where.append("c.doc_id = ?")
            params.append(doc_id)
        cols = COLUMNS["claims"]
        sql = f"SELECT {column_list(cols, 'c')} FROM claims c JOIN documents d ON d.doc_id = c.doc_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.published NULLS LAST, c.doc_id, c.seq"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [R.to_model("claims", cols, row) for row in self._fetchall(sql, params)]

    def _by_doc(self, table: str, doc_id: str | None) -> list[Any]:
        return self._select(table, "doc_id = ?", (doc_id,)) if doc_id else self._select(table)

    def figures(self, doc_id: str | None = None) -> list[Figure]:
        """Figures of one document, or of all."""
        return self._by_doc("figures", doc_id)

    def times(self, doc_id: str | None = None) -> list[TimeRef]:
        """Time expressions of one document, or of all."""
        return self._by_doc("times", doc_id)

    def places(self, doc_id: str | None = None) -> list[Place]:
        """Places of one document, or of all."""
        return self._by_doc("places", doc_id)

    def actors(self, doc_id: str | None = None) -> list[Actor]:
        """Actor mentions of one document, or of all."""
        return self._by_doc("actors", doc_id)

    def events(self, doc_id: str | None = None, *, story: str | None = None, type: str | None = None) -> list[Event]:
        """Events; with ``doc_id``, those written with that article or listing it in ``doc_ids``;
        ``story`` (an id or a unique prefix) and ``type`` (``attack``, ``protest`` …) filter them."""
        found = self._select("events", *self._event_filter(story, type))
        if doc_id is None:
            return found
        own = {r[0] for r in self._fetchall("SELECT event_id FROM events WHERE doc_id = ?", (doc_id,))}
        return [e for e in found if e.event_id in own or doc_id in e.doc_ids]

    def sources(self) -> list[dict[str, Any]]:
        """The ``sources`` view: one dict per canonical source, most claims first."""
        cols, rows = self._run_user_sql("SELECT * FROM sources ORDER BY claims DESC, name", (), False)
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def sql(self, query: str, params: Sequence[Any] = (), *, allow_write: bool = False) -> tuple[list[str], list[Row]]:
        """Run ad-hoc SQL; returns (column names, rows).  Read-only unless ``allow_write``.
        Parameters use the backend's own style (DuckDB ``?``, PostgreSQL ``%s``)."""
        self._check_open()
        if allow_write:
            self._check_writable()
        return self._run_user_sql(query, params, allow_write)

    def stats(self) -> dict[str, int]:
        """Row counts per table (``errors``: unresolved only) and the number of sources."""
        out = {t: int(self._fetchall(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in TABLES if t != "errors"}
        out["errors"] = int(self._fetchall("SELECT COUNT(*) FROM errors WHERE resolved_at IS NULL")[0][0])
        out["sources"] = int(self._fetchall("SELECT COUNT(*) FROM sources")[0][0])
        return out

    # ---- life cycle ---------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self._closed:
            raise LedgerError("ledger is closed", input=self.target)

    def _check_writable(self) -> None:
        self._check_open()
        if self.read_only:
            raise LedgerError("ledger was opened read-only", input=self.target)

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if not self._closed:
            self._closed = True
            self._close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.target!r}{' read-only' if self.read_only else ''}>"


__all__ = ["SQLLedger"]
