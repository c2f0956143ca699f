"""The PostgreSQL ledger (psycopg 3): the same schema, queries and migrations as DuckDB, for teams
and for several writer processes at once.

Concurrent writers are safe: an article's ``documents`` row is inserted with ``ON CONFLICT
(doc_id) DO NOTHING`` inside the article's transaction, so when two processes write the same
article one stores it and the other waits on the key and then skips it; batches insert documents
in doc_id order so two overlapping batches cannot deadlock.  The ledger lives in the first schema
of the connection's ``search_path`` (``postgresql://…/db?options=-csearch_path%3Dmyschema``).
PostgreSQL cannot store NUL characters in text: such an article is refused with a LedgerError.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg.types.string import TextLoader

from claimledger.errors import LedgerError
from claimledger.ledger._sql import Row, SQLLedger
from claimledger.ledger.migrations import Migration, migrate
from claimledger.ledger.schema import quote


def redact(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for messages)."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


class PostgresLedger(SQLLedger):
    """A ledger in a PostgreSQL database, given a ``postgresql://`` URL."""

    dialect = "postgres"

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = False,
        migrations: dict[int, Migration] | None = None,
    ) -> None:
        super().__init__(redact(url), read_only=read_only)
        try:
            self._con = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise LedgerError(f"cannot connect to PostgreSQL: {exc}".strip(), input=self.target) from exc
        # JSON columns come back as text, as from DuckDB; rows.load_json parses them.
        self._con.adapters.register_loader("json", TextLoader)
        try:
            if read_only:
                self._execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            self.schema_version = migrate(self, migrations)
        except BaseException:
            self._con.close()
            raise

    @staticmethod
    def _sql(sql: str, params: Sequence[Any]) -> tuple[str, list[Any] | None]:
        # Our queries are written with "?" and contain no literal "?" or "%".
        return (sql.replace("?", "%s"), list(params)) if params else (sql, None)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        query, args = self._sql(sql, params)
        try:
            self._con.execute(query, args)
        except psycopg.Error as exc:
            raise _error(exc, self.target) from exc

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        query, args = self._sql(sql, params)
        try:
            return self._con.execute(query, args).fetchall()
        except psycopg.Error as exc:
            raise _error(exc, self.target) from exc

    def _insert_many(self, table: str, columns: Sequence[str], rows: list[Row], *, ignore: str = "") -> None:
        cols = ", ".join(quote(c) for c in columns)
        marks = ", ".join("%s" for _ in columns)
        tail = f" ON CONFLICT ({quote(ignore)}) DO NOTHING" if ignore else ""
        try:
            with self._con.cursor() as cur:
                cur.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks}){tail}", rows)
        except psycopg.Error as exc:
            raise _error(exc, self.target) from exc

    def _savepoint(self, name: str) -> bool:
        self._execute(f"SAVEPOINT {name}")
        return True

    def _has_savepoints(self) -> bool:
        return True

    def _release(self, name: str) -> None:
        self._execute(f"RELEASE SAVEPOINT {name}")

    def _rollback_to(self, name: str) -> None:
        self._execute(f"ROLLBACK TO SAVEPOINT {name}")

    def _lock_schema(self) -> None:
        self._fetchall("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")

    def _run_user_sql(self, query: str, params: Sequence[Any], allow_write: bool) -> tuple[list[str], list[Row]]:
        nested = self._depth > 0
        if not allow_write:
            # The server enforces read-only; the transaction/savepoint is always rolled back.
            self._execute("SAVEPOINT cl_user_sql" if nested else "BEGIN TRANSACTION READ ONLY")
            if nested:
                self._execute("SET TRANSACTION READ ONLY")
        try:
            cur = self._con.execute(query, list(params) if params else None)
            if cur.description is None:
                return [], []
            return [d.name for d in cur.description], cur.fetchall()
        except psycopg.Error as exc:
            raise LedgerError(f"{type(exc).__name__}: {exc}", input=query[:200]) from exc
        finally:
            if not allow_write:
                if nested:
                    self._execute("ROLLBACK TO SAVEPOINT cl_user_sql")
                else:
                    self._safe_rollback()

    def _close(self) -> None:
        self._con.close()


def _error(exc: psycopg.Error, target: str) -> LedgerError:
    return LedgerError(f"{type(exc).__name__}: {str(exc).strip()}", input=target)


__all__ = ["PostgresLedger", "redact"]
