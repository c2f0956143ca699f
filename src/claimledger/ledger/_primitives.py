"""What the ledger's mixins (``_stories.py``, ``_across.py``) need of :class:`~claimledger.ledger._sql.SQLLedger`,
declared once.

The mixins write their SQL against these primitives; ``SQLLedger`` defines them (and the backends the
connection beneath), so these bodies never run.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

Row = tuple[Any, ...]


class SQLPrimitives:
    """The statements, reads and transaction a mixin calls on the ledger it is mixed into."""

    dialect: str
    target: str

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        raise NotImplementedError

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _insert_many(self, table: str, columns: Sequence[str], rows: list[Row], *, ignore: str = "") -> None:
        raise NotImplementedError

    def _select(
        self,
        table: str,
        where: str = "",
        params: Sequence[Any] = (),
        *,
        limit: int | None = None,
        order: Sequence[str] = (),
    ) -> list[Any]:
        raise NotImplementedError

    def _check_writable(self) -> None:
        raise NotImplementedError

    def atomic(self) -> AbstractContextManager[None]:
        raise NotImplementedError


__all__ = ["Row", "SQLPrimitives"]
