"""Filtered, paginated reads for the API and the web app: claims, documents, sources, figures, places.

Mixed into :class:`~claimledger.ledger._sql.SQLLedger`, so both backends get the same queries,
written once with ``?`` placeholders; every value a user gives is a parameter, never part of the SQL
text (the only SQL built from input is the choice among fixed column lists and snippets below).

Pagination is by **keyset** (a cursor holding the sort key of the last row seen), not by offset:
the next page costs the same on page 1 and page 2 000 of a 100 k-claim ledger.  A cursor is an
opaque url-safe string; a cursor that was not made here is refused with :class:`~claimledger.errors.QueryError`.

Usage::

    page = ledger.claims_page(ClaimFilter(stance="deny", q="troops"), sort="-confidence", limit=50)
    for row in page.items:
        print(row.claim.source and row.claim.source.name, row.title, row.claim.content.text)
    more = ledger.claims_page(ClaimFilter(stance="deny", q="troops"), sort="-confidence",
                              cursor=page.next_cursor)
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import Any

from claimledger.errors import QueryError
from claimledger.ledger import rows as R
from claimledger.ledger.pages import (
    MAX_PAGE,
    ClaimFilter,
    ClaimRow,
    DocumentRow,
    EventPoint,
    Facets,
    FacetValue,
    Page,
    PlaceCount,
    SourcedFigure,
    SourceEntity,
    decode_cursor,
    encode_cursor,
)
from claimledger.ledger.schema import COLUMNS, quote
from claimledger.models import Article, Event, Figure, Place, Story, TimeRef

Row = tuple[Any, ...]
_READERS_LOCK = threading.Lock()
_TEXT = {"duckdb": "VARCHAR", "postgres": "TEXT"}

# ---- SQL pieces --------------------------------------------------------------------------------
_DATE = 'COALESCE(c."date", CAST(d.published AS VARCHAR))'
_SOURCE = "COALESCE(c.source_name, c.source_text)"
ENTITY_KEY = "COALESCE(c.source_entity_id, c.source_name, c.source_text)"
# Sort keys: (expression list, descending); each ends on (doc_id, seq) so the order is total.
# NULLs become sentinels so a row-value comparison (keyset) never meets a NULL.
_SORTS: dict[str, tuple[str, ...]] = {
    "date": (f"COALESCE({_DATE}, '9999')", "c.doc_id", "c.seq"),
    "published": ("COALESCE(CAST(d.published AS VARCHAR), '9999')", "c.doc_id", "c.seq"),
    "confidence": ("COALESCE(c.confidence, -1.0)", "c.doc_id", "c.seq"),
    "source": (f"COALESCE(LOWER({_SOURCE}), '')", "c.doc_id", "c.seq"),
    "stance": ("c.stance", "c.doc_id", "c.seq"),
}
SORTS: tuple[str, ...] = tuple(s for key in _SORTS for s in (key, f"-{key}"))
FACETS: tuple[str, ...] = ("stance", "source", "channel", "outlet", "place", "story")

# Snippets that differ between the backends (JSON access).
_DIALECT: dict[str, dict[str, str]] = {
    "duckdb": {
        # the substring test on the JSON text first: cheap, and it drops most rows before the unnest
        "hop_named": (
            "(strpos(LOWER(CAST(c.channel AS VARCHAR)), LOWER(?)) > 0 AND EXISTS (SELECT 1 FROM "
            "unnest(json_extract_string(c.channel, '$[*].name')) AS h(n) WHERE LOWER(h.n) = LOWER(?)))"
        ),
        "first_hop": "json_extract_string(c.channel, '$[0].name')",
        "place_field": "json_extract_string(e.place, '$.{0}')",
    },
    "postgres": {
        "hop_named": (
            "(strpos(LOWER(CAST(c.channel AS TEXT)), LOWER(?)) > 0 AND EXISTS (SELECT 1 FROM "
            "json_array_elements(c.channel) AS h WHERE LOWER(h->>'name') = LOWER(?)))"
        ),
        "first_hop": "(c.channel->0->>'name')",
        "place_field": "(e.place->>'{0}')",
    },
}
# A place of a claim: linked by the reader, never a demonym ("Russian troops" says whose, not where).
_PLACE_OF_CLAIM = "p.claim_id = c.claim_id AND COALESCE(p.feature, '') <> 'demonym' AND p.name IS NOT NULL"


def _iso_day(value: str, what: str) -> str:
    """``value`` as YYYY-MM-DD (a year or a month widens to its first day), or QueryError."""
    text = value.strip()
    for size, pad in ((10, ""), (7, "-01"), (4, "-01-01")):
        if len(text) == size:
            try:
                return date.fromisoformat(text + pad).isoformat()
            except ValueError:
                break
    raise QueryError(f"{what} must be an ISO date (2025-01-31, 2025-01 or 2025), not {value!r}", input=value[:40])


def _upper_day(value: str) -> str:
    """The last key that still falls in ``until`` (a month or a year includes all of it)."""
    text = value.strip()
    day = _iso_day(text, "until")
    if len(text) == 4:
        return f"{text}-12-31~"
    if len(text) == 7:
        return f"{text}-31~"
    return day + "~"  # "~" sorts after every character of a week or time suffix


class QueryMixin:
    """The filtered and paginated reads (see the module docstring)."""

    dialect: str
    target: str
    _story_col: bool

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        raise NotImplementedError

    def columns_of(self, table: str) -> list[str]:
        raise NotImplementedError

    def reader(self) -> Any:
        """A read-only ledger on the same database, for another thread (one per thread).

        The server keeps one writer and gives each worker thread a reader.  This default opens a
        new read-only connection; the DuckDB backend hands out a cursor of its own connection
        instead (DuckDB refuses a second connection to a file opened for writing).
        """
        return type(self)(self.target, read_only=True)  # type: ignore[call-arg]

    def thread_reader(self) -> Any:
        """This thread's reader: made by :meth:`reader` on the thread's first call, then kept, so a
        server's worker threads each read through their own cursor.  :meth:`close_readers` closes
        them all (at shutdown)."""
        with _READERS_LOCK:
            pool = self.__dict__.setdefault("_cl_readers", (threading.local(), []))
        local, made = pool
        found = getattr(local, "reader", None)
        if found is None:
            found = self.reader()
            local.reader = found
            with _READERS_LOCK:
                made.append(found)
        return found

    def close_readers(self) -> None:
        """Close every reader :meth:`thread_reader` made."""
        with _READERS_LOCK:
            pool = self.__dict__.pop("_cl_readers", None)
        for reader in pool[1] if pool else ():
            reader.close()

    # ---- claims -------------------------------------------------------------------------------
    def _has_story(self) -> bool:
        if not hasattr(self, "_story_col"):
            self._story_col = "story_id" in self.columns_of("documents")
        return bool(self._story_col)

    def _claim_where(self, f: ClaimFilter) -> tuple[list[str], list[Any]]:
        sql = _DIALECT[self.dialect]
        where: list[str] = []
        params: list[Any] = []
        if f.source:
            where.append("(strpos(LOWER(c.source_name), LOWER(?)) > 0 OR strpos(LOWER(c.source_text), LOWER(?)) > 0)")
            params += [f.source, f.source]
        if f.entity_id:
            where.append(f"{ENTITY_KEY} = ?")
            params.append(f.entity_id)
        if f.stance:
            where.append("c.stance = ?")
            params.append(f.stance)
        if f.channel:
            where.append(sql["hop_named"])
            params += [f.channel, f.channel]
        if f.outlet:
            where.append("LOWER(d.outlet) = LOWER(?)")
            params.append(f.outlet)
        if f.story_id:
            if not self._has_story():
                where.append("FALSE")  # no stories yet: no claim belongs to one
            else:
                where.append("d.story_id = ?")
                params.append(f.story_id)
        if f.place:
            where.append(f"EXISTS (SELECT 1 FROM places p WHERE {_PLACE_OF_CLAIM} AND LOWER(p.name) = LOWER(?))")
            params.append(f.place)
        if f.since:
            where.append(f"{_DATE} >= ?")
            params.append(_iso_day(f.since, "since"))
        if f.until:
            where.append(f"{_DATE} <= ?")
            params.append(_upper_day(f.until))
        if f.q:
            where.append(
                "(strpos(LOWER(c.content_text), LOWER(?)) > 0 OR strpos(LOWER(c.cue_text), LOWER(?)) > 0 "
                "OR strpos(LOWER(COALESCE(c.source_name, c.source_text, '')), LOWER(?)) > 0)"
            )
            params += [f.q, f.q, f.q]
        if f.min_confidence is not None:
            where.append("c.confidence >= ?")
            params.append(float(f.min_confidence))
        if f.doc_id:
            where.append("c.doc_id = ?")
            params.append(f.doc_id)
        return where, params

    def claims_page(
        self, filters: ClaimFilter | None = None, *, sort: str = "date", cursor: str | None = None, limit: int = 50
    ) -> Page[ClaimRow]:
        """One page of the claims ``filters`` keeps, in ``sort`` order.

        Args:
            filters: what to keep (:class:`ClaimFilter`).
            sort: one of :data:`SORTS` (``-`` first: descending): ``date`` (the claim's date, else
                its article's), ``published``, ``confidence``, ``source``, ``stance``.
            cursor: ``next_cursor`` of the previous page (same filters and sort).
            limit: claims per page (1 to :data:`MAX_PAGE`).

        Raises:
            QueryError: an unknown sort, a bad cursor or date, a limit out of range.
        """
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}", input=sort)
        if not 1 <= limit <= MAX_PAGE:
            raise QueryError(f"limit must be between 1 and {MAX_PAGE}", input=str(limit))
        desc = sort.startswith("-")
        keys = _SORTS[sort.lstrip("-")]
        where, params = self._claim_where(filters or ClaimFilter())
        key_types: list[type] = [float if sort.lstrip("-") == "confidence" else str, str, int]
        if cursor:
            last = decode_cursor(cursor, f"claims:{sort}", key_types)
            where.append(f"({', '.join(keys)}) {'<' if desc else '>'} ({', '.join('?' for _ in keys)})")
            params += last
        # Late materialisation: the sort finds the page's ids over narrow rows, then only those rows are
        # read whole (measured on 100 k claims: 15 ms + 5 ms, against 40 ms sorting whole rows).
        sql = f"SELECT c.claim_id, {', '.join(keys)} FROM claims c JOIN documents d ON d.doc_id = c.doc_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        order = " DESC" if desc else ""
        sql += " ORDER BY " + ", ".join(k + order for k in keys) + " LIMIT ?"
        params.append(limit + 1)
        found = self._fetchall(sql, params)
        more = len(found) > limit
        found = found[:limit]
        items = tuple(self._claims_by_id([r[0] for r in found]))
        next_cursor = encode_cursor(f"claims:{sort}", list(found[-1][1:])) if more and found else None
        return Page(items, next_cursor)

    def _claims_by_id(self, claim_ids: Sequence[str]) -> list[ClaimRow]:
        """The claims ``claim_ids`` with their articles' metadata, in that order (two point lookups:
        the claims by key, then their few articles)."""
        if not claim_ids:
            return []
        cols = COLUMNS["claims"]
        marks = ", ".join("?" for _ in claim_ids)
        rows = self._fetchall(
            f"SELECT {', '.join('c.' + quote(c) for c in cols)} FROM claims c WHERE c.claim_id IN ({marks})",
            list(claim_ids),
        )
        claims = {c.claim_id: c for c in (R.to_model("claims", cols, r) for r in rows)}
        if not claims:
            return []
        doc_ids = sorted({c.doc_id for c in claims.values()})
        story = "d.story_id" if self._has_story() else "NULL"
        docs = {
            r[0]: r[1:]
            for r in self._fetchall(
                f"SELECT d.doc_id, d.title, d.outlet, d.published, d.external_id, {story} FROM documents d "
                f"WHERE d.doc_id IN ({', '.join('?' for _ in doc_ids)})",
                doc_ids,
            )
        }
        out = []
        for cid in claim_ids:
            claim = claims.get(cid)
            if claim is not None:
                title, outlet, published, external_id, story_id = docs.get(claim.doc_id, (None,) * 5)
                out.append(ClaimRow(claim, title, outlet, published, external_id, story_id))
        return out

    def count_claims(self, filters: ClaimFilter | None = None) -> int:
        """How many claims ``filters`` keeps."""
        where, params = self._claim_where(filters or ClaimFilter())
        sql = "SELECT COUNT(*) FROM claims c JOIN documents d ON d.doc_id = c.doc_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return int(self._fetchall(sql, params)[0][0])

    def claim(self, claim_id: str) -> ClaimRow | None:
        """One claim with its article's metadata, or None."""
        found = self._claims_by_id([claim_id])
        return found[0] if found else None

    def claim_facets(self, filters: ClaimFilter | None = None, *, top: int = 12) -> Facets:
        """For each of :data:`FACETS`, the ``top`` most frequent values among the filtered claims.

        One scan of the filtered set feeds every facet (grouping sets), so the cost stays that of
        one query however many facets there are.
        """
        where, params = self._claim_where(filters or ClaimFilter())
        first_hop = _DIALECT[self.dialect]["first_hop"]
        story = "d.story_id" if self._has_story() else "CAST(NULL AS VARCHAR)"
        place = f"(SELECT MIN(p.name) FROM places p WHERE {_PLACE_OF_CLAIM})"  # the claim's first-named place
        inner = (
            f"SELECT c.stance AS stance, {_SOURCE} AS source, {first_hop} AS channel, d.outlet AS outlet, "
            f"{place} AS place, {story} AS story FROM claims c JOIN documents d ON d.doc_id = c.doc_id"
        )
        if where:
            inner += " WHERE " + " AND ".join(where)
        parts = [
            f"SELECT '{name}' AS facet, CAST({name} AS VARCHAR) AS value, COUNT(*) AS n FROM f "
            f"WHERE {name} IS NOT NULL GROUP BY {name}"
            for name in FACETS
        ]
        sql = f"WITH f AS ({inner}) " + " UNION ALL ".join(parts) + " UNION ALL SELECT 'total', NULL, COUNT(*) FROM f"
        rows = self._fetchall(sql, params)
        counts: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
        total = 0
        for facet, value, n in rows:
            if facet == "total":
                total = int(n)
            else:
                counts[facet].append(FacetValue(str(value), int(n)))
        for name in FACETS:
            counts[name] = sorted(counts[name], key=lambda fv: (-fv.count, fv.value))[:top]
        return Facets(total, counts)

    # ---- documents ----------------------------------------------------------------------------
    def documents_page(
        self,
        *,
        q: str | None = None,
        outlet: str | None = None,
        story_id: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page[DocumentRow]:
        """Articles, newest first, without their text; ``q`` searches the title and the text.

        Raises:
            QueryError: a bad cursor or a limit out of range.
        """
        if not 1 <= limit <= MAX_PAGE:
            raise QueryError(f"limit must be between 1 and {MAX_PAGE}", input=str(limit))
        meta = [c for c in COLUMNS["documents"] if c not in ("text", "signature", "notes")]
        story = "d.story_id" if self._has_story() else "NULL"
        key = "COALESCE(CAST(d.published AS VARCHAR), '0000')"
        where: list[str] = []
        params: list[Any] = []
        if q:
            where.append("(strpos(LOWER(COALESCE(d.title, '')), LOWER(?)) > 0 OR strpos(LOWER(d.text), LOWER(?)) > 0)")
            params += [q, q]
        if outlet:
            where.append("LOWER(d.outlet) = LOWER(?)")
            params.append(outlet)
        if story_id:
            where.append("d.story_id = ?" if self._has_story() else "FALSE")
            params += [story_id] if self._has_story() else []
        if cursor:
            where.append(f"({key}, d.doc_id) < (?, ?)")
            params += decode_cursor(cursor, "documents", [str, str])
        sql = (
            f"SELECT {', '.join('d.' + quote(c) for c in meta)}, {story}, "
            "(SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.doc_id), "
            f"{key} FROM documents d"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {key} DESC, d.doc_id DESC LIMIT ?"
        params.append(limit + 1)
        rows = self._fetchall(sql, params)
        more = len(rows) > limit
        items = []
        for row in rows[:limit]:
            rec = dict(zip(meta, row[: len(meta)], strict=True))
            rec["text"] = ""
            article = Article.from_record(rec)
            items.append(DocumentRow(rec["doc_id"], article, int(row[len(meta) + 1]), row[len(meta)]))
        last = rows[limit - 1] if more else None
        next_cursor = encode_cursor("documents", [last[-1], last[0]]) if last else None
        return Page(tuple(items), next_cursor)

    def document(self, doc_id: str) -> DocumentRow | None:
        """One article's metadata (its text left empty) with its claim count and story, or None."""
        meta = [c for c in COLUMNS["documents"] if c not in ("text", "signature", "notes")]
        story = "d.story_id" if self._has_story() else "NULL"
        rows = self._fetchall(
            f"SELECT {', '.join('d.' + quote(c) for c in meta)}, {story}, "
            "(SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.doc_id) FROM documents d WHERE d.doc_id = ?",
            (doc_id,),
        )
        if not rows:
            return None
        rec = dict(zip(meta, rows[0][: len(meta)], strict=True))
        rec["text"] = ""
        return DocumentRow(rec["doc_id"], Article.from_record(rec), int(rows[0][-1]), rows[0][len(meta)])

    def stories_page(self, *, q: str | None = None, cursor: str | None = None, limit: int = 50) -> Page[Story]:
        """Stories, latest first (by their last article); ``q`` searches their titles.

        Raises:
            QueryError: a bad cursor or a limit out of range.
        """
        if not 1 <= limit <= MAX_PAGE:
            raise QueryError(f"limit must be between 1 and {MAX_PAGE}", input=str(limit))
        if "stories" not in COLUMNS or not self._has_story():
            return Page(())
        cols = COLUMNS["stories"]
        key = "COALESCE(CAST(s.last_published AS VARCHAR), '0000')"
        where: list[str] = []
        params: list[Any] = []
        if q:
            where.append("strpos(LOWER(COALESCE(s.title, '')), LOWER(?)) > 0")
            params.append(q)
        if cursor:
            where.append(f"({key}, s.story_id) < (?, ?)")
            params += decode_cursor(cursor, "stories", [str, str])
        sql = f"SELECT {', '.join('s.' + quote(c) for c in cols)}, {key} FROM stories s"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {key} DESC, s.story_id DESC LIMIT ?"
        rows = self._fetchall(sql, [*params, limit + 1])
        more = len(rows) > limit
        rows = rows[:limit]
        items = tuple(R.to_model("stories", cols, r[:-1]) for r in rows)
        next_cursor = encode_cursor("stories", [rows[-1][-1], items[-1].story_id]) if more else None
        return Page(items, next_cursor)

    # ---- sources ------------------------------------------------------------------------------
    def _entity_sql(self, where: str) -> str:
        return (
            f"SELECT {ENTITY_KEY} AS entity_id, MAX({_SOURCE}) AS name, "
            "MAX(c.source_kind), MAX(c.source_role), MAX(c.source_affiliation), COUNT(*) AS n, "
            "COUNT(DISTINCT c.doc_id), MIN(d.published), MAX(d.published) "
            "FROM claims c JOIN documents d ON d.doc_id = c.doc_id "
            f"WHERE c.source_start IS NOT NULL{where} GROUP BY {ENTITY_KEY}"
        )

    def _names_of(self, entity_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        if not entity_ids:
            return {}
        marks = ", ".join("?" for _ in entity_ids)
        one = f"FROM claims c WHERE c.source_start IS NOT NULL AND {ENTITY_KEY} IN ({marks})"
        rows = self._fetchall(
            f"SELECT DISTINCT k, n FROM (SELECT {ENTITY_KEY} AS k, c.source_name AS n {one} "
            f"UNION SELECT {ENTITY_KEY}, c.source_text {one}) AS names WHERE n IS NOT NULL ORDER BY 1, 2",
            [*entity_ids, *entity_ids],
        )
        out: dict[str, list[str]] = {}
        for key, name in rows:
            out.setdefault(key, []).append(name)
        return {k: tuple(v) for k, v in out.items()}

    def _entity(self, row: Row, names: dict[str, tuple[str, ...]]) -> SourceEntity:
        key, name, kind, role, aff, n, docs, first, last = row[:9]
        return SourceEntity(key, name, names.get(key, (name,)), kind, role, aff, int(n), int(docs), first, last)

    def source_entities(
        self, *, q: str | None = None, cursor: str | None = None, limit: int = 50
    ) -> Page[SourceEntity]:
        """Canonical sources, most claims first; ``q`` matches any of their names.

        Raises:
            QueryError: a bad cursor or a limit out of range.
        """
        if not 1 <= limit <= MAX_PAGE:
            raise QueryError(f"limit must be between 1 and {MAX_PAGE}", input=str(limit))
        where = ""
        params: list[Any] = []
        if q:
            where = " AND (strpos(LOWER(c.source_name), LOWER(?)) > 0 OR strpos(LOWER(c.source_text), LOWER(?)) > 0)"
            params = [q, q]
        sql = f"SELECT * FROM ({self._entity_sql(where)}) AS e"
        if cursor:
            n, key = decode_cursor(cursor, "sources", [int, str])
            sql += " WHERE (e.n < ? OR (e.n = ? AND e.entity_id > ?))"
            params += [n, n, key]
        sql += " ORDER BY e.n DESC, e.entity_id LIMIT ?"
        params.append(limit + 1)
        rows = self._fetchall(sql, params)
        more = len(rows) > limit
        rows = rows[:limit]
        names = self._names_of([r[0] for r in rows])
        items = tuple(self._entity(r, names) for r in rows)
        next_cursor = encode_cursor("sources", [int(rows[-1][5]), rows[-1][0]]) if more else None
        return Page(items, next_cursor)

    def source_entity(self, entity_id: str) -> SourceEntity | None:
        """One canonical source by its id (``source_entity_id``, else its name), or None."""
        rows = self._fetchall(self._entity_sql(f" AND {ENTITY_KEY} = ?"), (entity_id,))
        return self._entity(rows[0], self._names_of([entity_id])) if rows else None

    # ---- figures, times, places -----------------------------------------------------------------
    def _child_page(
        self, table: str, where: list[str], params: list[Any], cursor: str | None, limit: int
    ) -> tuple[list[Any], str | None]:
        if not 1 <= limit <= MAX_PAGE:
            raise QueryError(f"limit must be between 1 and {MAX_PAGE}", input=str(limit))
        cols = COLUMNS[table]
        if cursor:
            where = [*where, "(t.doc_id, t.seq) > (?, ?)"]
            params = [*params, *decode_cursor(cursor, table, [str, int])]
        sql = f"SELECT {', '.join('t.' + quote(c) for c in cols)} FROM {table} t"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY t.doc_id, t.seq LIMIT ?"
        rows = self._fetchall(sql, [*params, limit + 1])
        more = len(rows) > limit
        rows = rows[:limit]
        items = [R.to_model(table, cols, r) for r in rows]
        i_doc, i_seq = cols.index("doc_id"), cols.index("seq")
        next_cursor = encode_cursor(table, [rows[-1][i_doc], rows[-1][i_seq]]) if more else None
        return items, next_cursor

    def figures_page(
        self,
        *,
        doc_id: str | None = None,
        counts: str | None = None,
        claim_id: str | None = None,
        cursor: str | None = None,
        limit: int = 100,
    ) -> Page[Figure]:
        """Figures in article order; ``counts`` keeps those counting that (killed, troops …)."""
        where, params = self._simple_where(doc_id=doc_id, counts=counts, claim_id=claim_id)
        items, nxt = self._child_page("figures", where, params, cursor, limit)
        return Page(tuple(items), nxt)

    def times_page(
        self, *, doc_id: str | None = None, claim_id: str | None = None, cursor: str | None = None, limit: int = 100
    ) -> Page[TimeRef]:
        """Time expressions in article order."""
        where, params = self._simple_where(doc_id=doc_id, claim_id=claim_id)
        items, nxt = self._child_page("times", where, params, cursor, limit)
        return Page(tuple(items), nxt)

    def places_page(
        self,
        *,
        doc_id: str | None = None,
        country: str | None = None,
        name: str | None = None,
        claim_id: str | None = None,
        cursor: str | None = None,
        limit: int = 100,
    ) -> Page[Place]:
        """Places (toponyms) in article order; ``country`` is ISO alpha-2, ``name`` exact (any case)."""
        where, params = self._simple_where(doc_id=doc_id, country=country, name=name, claim_id=claim_id)
        items, nxt = self._child_page("places", where, params, cursor, limit)
        return Page(tuple(items), nxt)

    @staticmethod
    def _simple_where(**given: str | None) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        for col, value in given.items():
            if value is None:
                continue
            if col in ("counts", "country", "name"):
                where.append(f"LOWER(t.{quote(col)}) = LOWER(?)")
            else:
                where.append(f"t.{quote(col)} = ?")
            params.append(value)
        return where, params

    def measures(self) -> list[tuple[str, int]]:
        """What the figures count (``counts``), most frequent first, with how many figures each."""
        rows = self._fetchall(
            "SELECT counts, COUNT(*) FROM figures WHERE counts IS NOT NULL AND value IS NOT NULL "
            "GROUP BY counts ORDER BY 2 DESC, 1"
        )
        return [(str(c), int(n)) for c, n in rows]

    def figure_series(self, counts: str, *, limit: int = 5000) -> list[SourcedFigure]:
        """Every figure counting ``counts``, with its claim's source and date, oldest first."""
        cols = COLUMNS["figures"]
        sql = (
            f"SELECT {', '.join('t.' + quote(c) for c in cols)}, {_SOURCE}, {ENTITY_KEY}, {_DATE}, d.outlet "
            "FROM figures t JOIN documents d ON d.doc_id = t.doc_id LEFT JOIN claims c ON c.claim_id = t.claim_id "
            f"WHERE LOWER(t.counts) = LOWER(?) AND t.value IS NOT NULL AND {_DATE} IS NOT NULL "
            f"ORDER BY {_DATE}, t.doc_id, t.seq LIMIT ?"
        )
        out = []
        for row in self._fetchall(sql, (counts, limit)):
            n = len(cols)
            fig = R.to_model("figures", cols, row[:n])
            source, entity, when, outlet = row[n:]
            out.append(SourcedFigure(fig, source, entity if source else None, when, outlet))
        return out

    def place_counts(
        self, *, since: str | None = None, until: str | None = None, limit: int = 2000
    ) -> list[PlaceCount]:
        """Geocoded places (demonyms left out) with their mentions between ``since`` and ``until``
        (ISO dates, inclusive, on the claim's date, else the article's publication date)."""
        when = _DATE.replace('c."date"', 'c2."date"')
        where = ["p.lat IS NOT NULL", "p.lon IS NOT NULL", "COALESCE(p.feature, '') <> 'demonym'"]
        params: list[Any] = []
        if since:
            where.append(f"{when} >= ?")
            params.append(_iso_day(since, "since"))
        if until:
            where.append(f"{when} <= ?")
            params.append(_upper_day(until))
        sql = (
            "SELECT p.name, MAX(p.country), MAX(p.admin1), AVG(p.lat), AVG(p.lon), p.gazetteer_id, COUNT(*), "
            f"COUNT(DISTINCT p.claim_id), COUNT(DISTINCT p.doc_id), MIN({when}), MAX({when}) "
            "FROM places p JOIN documents d ON d.doc_id = p.doc_id LEFT JOIN claims c2 ON c2.claim_id = p.claim_id "
            f"WHERE {' AND '.join(where)} GROUP BY p.gazetteer_id, p.name ORDER BY 7 DESC, 1 LIMIT ?"
        )
        rows = self._fetchall(sql, [*params, limit])
        return [
            PlaceCount(
                str(r[0]), r[1], r[2], float(r[3]), float(r[4]), r[5], int(r[6]), int(r[7]), int(r[8]), r[9], r[10]
            )
            for r in rows
        ]

    def events_page(
        self,
        *,
        doc_id: str | None = None,
        story_id: str | None = None,
        type: str | None = None,
        cursor: str | None = None,
        limit: int = 100,
    ) -> Page[Event]:
        """Events, oldest first (undated last); ``doc_id`` keeps those an article reports.

        Raises:
            QueryError: a bad cursor or a limit out of range.
        """
        if not 1 <= limit <= MAX_PAGE:
            raise QueryError(f"limit must be between 1 and {MAX_PAGE}", input=str(limit))
        cols = COLUMNS["events"]
        key = "COALESCE(e.\"date\", '9999')"
        where: list[str] = []
        params: list[Any] = []
        if doc_id:
            # the article that wrote it, or one it lists (doc_ids is JSON text: the quoted id inside it)
            where.append(f"(e.doc_id = ? OR strpos(CAST(e.doc_ids AS {_TEXT[self.dialect]}), ?) > 0)")
            params += [doc_id, f'"{doc_id}"']
        if story_id:
            where.append("e.story_id = ?" if "story_id" in cols else "FALSE")
            params += [story_id] if "story_id" in cols else []
        if type:
            where.append("e.type = ?")
            params.append(type)
        if cursor:
            where.append(f"({key}, e.event_id) > (?, ?)")
            params += decode_cursor(cursor, "events", [str, str])
        sql = f"SELECT {', '.join('e.' + quote(c) for c in cols)}, {key} FROM events e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {key}, e.event_id LIMIT ?"
        rows = self._fetchall(sql, [*params, limit + 1])
        more = len(rows) > limit
        rows = rows[:limit]
        items: tuple[Event, ...] = tuple(R.to_model("events", cols, r[:-1]) for r in rows)
        next_cursor = encode_cursor("events", [rows[-1][-1], items[-1].event_id]) if more else None
        return Page(items, next_cursor)

    def measures_over_time(self) -> list[tuple[str, int]]:
        """The measures of the reconciled timeline (``killed``, ``troops`` …) with their point counts."""
        if "timeline" not in COLUMNS:
            return []
        rows = self._fetchall("SELECT measure, COUNT(*) FROM timeline GROUP BY measure ORDER BY 2 DESC, 1")
        return [(str(m), int(n)) for m, n in rows]

    def event(self, event_id: str) -> Event | None:
        """One event by its id, or None."""
        cols = COLUMNS["events"]
        rows = self._fetchall(f"SELECT {', '.join(quote(c) for c in cols)} FROM events WHERE event_id = ?", (event_id,))
        found: Event | None = R.to_model("events", cols, rows[0]) if rows else None
        return found

    def event_points(
        self, *, since: str | None = None, until: str | None = None, limit: int = 5000
    ) -> list[EventPoint]:
        """Events with a geocoded place, for a map; ``since``/``until`` on the event's date (ISO, inclusive)."""
        field = _DIALECT[self.dialect]["place_field"]
        lat, lon = (f"CAST({field.format(k)} AS DOUBLE PRECISION)" for k in ("lat", "lon"))
        where = [f"{lat} IS NOT NULL", f"{lon} IS NOT NULL"]
        params: list[Any] = []
        if since:
            where.append('e."date" >= ?')
            params.append(_iso_day(since, "since"))
        if until:
            where.append('e."date" <= ?')
            params.append(_upper_day(until))
        sql = (
            f'SELECT e.event_id, e.type, e."date", {field.format("name")}, {lat}, {lon} FROM events e '
            f'WHERE {" AND ".join(where)} ORDER BY e."date" NULLS LAST, e.event_id LIMIT ?'
        )
        rows = self._fetchall(sql, [*params, limit])
        return [EventPoint(str(r[0]), str(r[1]), r[2], r[3], float(r[4]), float(r[5])) for r in rows]

    def date_range(self) -> tuple[str | None, str | None]:
        """The first and last date of any claim (its date, else its article's publication date)."""
        row = self._fetchall(f"SELECT MIN({_DATE}), MAX({_DATE}) FROM claims c JOIN documents d ON d.doc_id = c.doc_id")
        return (row[0][0], row[0][1]) if row else (None, None)


__all__ = ["FACETS", "SORTS", "QueryMixin"]
