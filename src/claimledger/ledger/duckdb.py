"""The embedded DuckDB ledger: one file, no server.

DuckDB allows **one writer process** per file (and, while it is open for writing, no readers in
other processes): a second process opening the same file gets a clear :class:`LedgerError` naming
the file and the process holding it — never a corrupted file.  Within one process, connections
share the database.  Use PostgreSQL (``postgresql://…``) for several concurrent writers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from claimledger.errors import LedgerError
from claimledger.ledger._sql import Row, SQLLedger
from claimledger.ledger.migrations import Migration, applied_versions, migrate
from claimledger.ledger.schema import COLUMNS, quote

# Statement types `sql()` lets through without allow_write (DESCRIBE/SHOW/SUMMARIZE parse as SELECT).
_READ_TYPES = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


class DuckDBLedger(SQLLedger):
    """A ledger in a DuckDB file (``":memory:"`` for a throwaway one)."""

    dialect = "duckdb"

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        migrations: dict[int, Migration] | None = None,
    ) -> None:
        target = str(path)
        super().__init__(target, read_only=read_only)
        self._cache_floor: int | None = None  # bytes, while cache_limit() is active
        self._memory_limit = 0
        self._types_cache: dict[str, dict[str, Any]] = {}
        if target != ":memory:":
            p = Path(target)
            if p.is_dir():
                raise LedgerError("is a directory, not a ledger file", input=target)
            if read_only and not p.exists():
                raise LedgerError("no ledger at this path (read-only open does not create one)", input=target)
            if not read_only:
                try:
                    p.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise LedgerError(f"cannot create the folder: {exc}", input=target) from exc
        try:
            self._con = duckdb.connect(target, read_only=read_only)
        except duckdb.Error as exc:
            raise _open_error(exc, target) from exc
        try:
            before = None if read_only else max(applied_versions(self), default=0)
            self.schema_version = migrate(self, migrations)
            if before is not None and self.schema_version != before:
                # ALTER TABLE rebuilds a table's key index and keeps it in memory until a checkpoint:
                # a freshly created ledger would start ~0.3 MB heavier than it needs to
                self._execute("CHECKPOINT")
        except BaseException:
            self._con.close()
            raise

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self._con.execute(sql, list(params) if params else None)
        except duckdb.Error as exc:
            raise LedgerError(f"{type(exc).__name__}: {exc}", input=self.target) from exc

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            return self._con.execute(sql, list(params) if params else None).fetchall()
        except duckdb.Error as exc:
            raise LedgerError(f"{type(exc).__name__}: {exc}", input=self.target) from exc

    # DuckDB binds each parameter separately, so a multi-row VALUES statement costs ~50 µs per value:
    # fine for one article's rows, slow for a batch.  Large inserts go through an Arrow table
    # instead (one scan, typed columns), measured 20x faster for 64 articles (bench/bench_ledger.py).
    _ARROW_MIN_VALUES = 400

    def _insert_many(self, table: str, columns: Sequence[str], rows: list[Row], *, ignore: str = "") -> None:
        if len(rows) * len(columns) < self._ARROW_MIN_VALUES:
            super()._insert_many(table, columns, rows, ignore=ignore)
            return
        tail = f" ON CONFLICT ({quote(ignore)}) DO NOTHING" if ignore else ""
        self._insert_arrow(table, columns, rows, tail)

    def _insert_documents(self, rows: list[Row]) -> set[str]:
        cols = COLUMNS["documents"]
        if len(rows) * len(cols) < self._ARROW_MIN_VALUES:
            return super()._insert_documents(rows)
        found = self._insert_arrow("documents", cols, rows, " ON CONFLICT (doc_id) DO NOTHING RETURNING doc_id")
        return {r[0] for r in found}

    def _insert_arrow(self, table: str, columns: Sequence[str], rows: list[Row], tail: str) -> list[Row]:
        import pyarrow as pa

        types = self._arrow_types(table)
        data = list(zip(*rows, strict=True))
        arrays = {c: pa.array(data[i], type=types.get(c, pa.string())) for i, c in enumerate(columns)}
        cols = ", ".join(quote(c) for c in columns)
        view = "_cl_insert_rows"
        self._con.register(view, pa.table(arrays))
        try:
            return self._fetchall(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {view}{tail}")
        finally:
            self._con.unregister(view)

    def _arrow_types(self, table: str) -> dict[str, Any]:
        """Arrow types of ``table``'s columns, from the database (so migrations are followed)."""
        import pyarrow as pa

        if table in self._types_cache:
            return self._types_cache[table]

        mapping = {
            "INTEGER": pa.int64(),
            "BIGINT": pa.int64(),
            "DOUBLE": pa.float64(),
            "BOOLEAN": pa.bool_(),
            "DATE": pa.date32(),
            "TIMESTAMP": pa.timestamp("us"),
        }
        rows = self._fetchall(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ?",
            (table,),
        )
        self._types_cache[table] = {name: mapping.get(str(kind).upper(), pa.string()) for name, kind in rows}
        return self._types_cache[table]

    def _run_user_sql(self, query: str, params: Sequence[Any], allow_write: bool) -> tuple[list[str], list[Row]]:
        if not allow_write:
            _check_read_query(query)
        # Reads run inside a transaction that is always rolled back (EXPLAIN ANALYZE executes its
        # statement), so nothing can change through this entry without allow_write.
        if allow_write:
            self._types_cache.clear()  # the query may alter a table
        guard = not allow_write and self._depth == 0
        if guard:
            self._execute("BEGIN TRANSACTION")
        try:
            cur = self._con.execute(query, list(params) if params else None)
            if cur.description is None:
                return [], []
            return [d[0] for d in cur.description], cur.fetchall()
        except duckdb.Error as exc:
            raise LedgerError(f"{type(exc).__name__}: {exc}", input=query[:200]) from exc
        finally:
            if guard:
                self._safe_rollback()

    def arrow(self, query: str, params: Sequence[Any] = ()) -> Any:
        """A read query's result as a ``pyarrow.Table`` (DuckDB's zero-copy ``to_arrow_table``)."""
        self._check_open()
        _check_read_query(query, frozenset({duckdb.StatementType.SELECT}))  # EXPLAIN ANALYZE would run
        try:
            return self._con.sql(query, params=list(params) if params else None).to_arrow_table()
        except duckdb.Error as exc:
            raise LedgerError(f"{type(exc).__name__}: {exc}", input=query[:200]) from exc

    @contextmanager
    def cache_limit(self, megabytes: int | None) -> Iterator[None]:
        """Cap DuckDB's memory at ``megabytes`` of page cache plus twice what its indexes hold.

        By default DuckDB may cache up to 80 % of RAM; while a long ingest writes, that cache grows
        with the file (measured: +230 MB of RSS over 10 k articles), and forked workers inherit it.
        The primary-key indexes must stay in memory (about 3 KB per article), so the cap follows them:
        after every batch it is ``megabytes`` + 2 x the memory of everything but the table cache, and a
        batch that still runs out of memory doubles it and is written again.  The previous limit is
        restored on exit.  ``None`` leaves DuckDB's own limit.
        """
        if megabytes is None or self.read_only:
            yield
            return
        previous = self._fetchall("SELECT current_setting('memory_limit')")[0][0]
        self._cache_floor = max(int(megabytes), 16) * 2**20
        self._memory_limit = 0
        self._fit_memory_limit()
        try:
            yield
        finally:
            self._cache_floor = None
            if not self._closed:
                self._execute(f"SET memory_limit = '{previous}'")

    def _fit_memory_limit(self, *, at_least: int = 0) -> None:
        if self._cache_floor is None:
            return
        pinned = self._fetchall(
            "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory() WHERE tag <> 'BASE_TABLE'"
        )[0][0]
        wanted = max(self._cache_floor + 2 * int(pinned), at_least)
        if wanted > self._memory_limit or wanted < self._memory_limit // 2:
            self._memory_limit = wanted
            self._execute(f"SET memory_limit = '{wanted // 2**20}MiB'")

    def _after_write(self, results: list[bool]) -> list[bool]:
        self._fit_memory_limit()
        return results

    def _before_retry(self, exc: BaseException) -> bool:
        if self._cache_floor is None or not _out_of_memory(exc):
            return False
        self._fit_memory_limit(at_least=2 * self._memory_limit)
        return True

    def reader(self) -> DuckDBLedger:
        """A read-only ledger for another thread: a cursor of this connection (DuckDB allows one
        writer connection per file and process; cursors share its database and are cheap)."""
        self._check_open()
        clone = object.__new__(DuckDBLedger)
        clone.__dict__.update(self.__dict__)
        clone.__dict__.pop("_cl_readers", None)
        clone.read_only = True
        clone._depth = 0
        clone._types_cache = {}
        clone._cache_floor = None
        try:
            clone._con = self._con.cursor()
        except duckdb.Error as exc:
            raise LedgerError(f"{type(exc).__name__}: {exc}", input=self.target) from exc
        return clone

    def _close(self) -> None:
        self._con.close()


def _out_of_memory(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, duckdb.OutOfMemoryException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _check_read_query(query: str, allowed: frozenset[Any] = _READ_TYPES) -> None:
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise LedgerError(f"{type(exc).__name__}: {exc}", input=query[:200]) from exc
    for st in statements:
        if st.type not in allowed:
            raise LedgerError(
                f"only read queries (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN) are allowed here, "
                f"not {st.type.name} (to change the ledger from Python: sql(..., allow_write=True))",
                input=query[:200],
            )


def _open_error(exc: duckdb.Error, target: str) -> LedgerError:
    msg = str(exc)
    if "lock" in msg.lower():
        holder = re.search(r"PID (\d+)", msg)
        who = f" (process {holder.group(1)})" if holder else ""
        return LedgerError(
            f"the ledger is already open for writing in another process{who}; DuckDB allows one "
            "writer process per file. Wait for it to finish, or use a PostgreSQL ledger "
            "(--db postgresql://…) for concurrent writers",
            input=target,
        )
    return LedgerError(f"cannot open as a DuckDB ledger: {msg}", input=target)


__all__ = ["DuckDBLedger"]
