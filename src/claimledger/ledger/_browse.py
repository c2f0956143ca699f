"""The ledger's browsing reads for the API and the web app: articles, stories, sources, events, figures,
times, places and what a map needs; keyset pages like the claims' (``_query.py``, which mixes this in).

Every value a user gives is a parameter; the SQL pieces below are fixed text chosen by the dialect.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from claimledger.errors import QueryError
from claimledger.ledger import rows as R
from claimledger.ledger.pages import (
    DocumentRow,
    EventPoint,
    Page,
    PlaceCount,
    SourcedFigure,
    SourceEntity,
    check_limit,
    decode_cursor,
    encode_cursor,
)
from claimledger.ledger.schema import COLUMNS, quote
from claimledger.models import Article, Event, Figure, Place, Story, TimeRef

Row = tuple[Any, ...]

TEXT_TYPE = {"duckdb": "VARCHAR", "postgres": "TEXT"}

# ---- SQL pieces --------------------------------------------------------------------------------
DATE_KEY = 'COALESCE(c."date", CAST(d.published AS VARCHAR))'
SOURCE_NAME = "COALESCE(c.source_name, c.source_text)"
ENTITY_KEY = "COALESCE(c.source_entity_id, c.source_name, c.source_text)"
# Snippets that differ between the backends (JSON access).
DIALECT_SQL: dict[str, dict[str, str]] = {
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
PLACE_OF_CLAIM = "p.claim_id = c.claim_id AND COALESCE(p.feature, '') <> 'demonym' AND p.name IS NOT NULL"


def iso_day(value: str, what: str) -> str:
    """``value`` as YYYY-MM-DD (a year or a month widens to its first day), or QueryError."""
    text = value.strip()
    for size, pad in ((10, ""), (7, "-01"), (4, "-01-01")):
        if len(text) == size:
            try:
                return date.fromisoformat(text + pad).isoformat()
            except ValueError:
                break
    raise QueryError(f"{what} must be an ISO date (2025-01-31, 2025-01 or 2025), not {value!r}", input=value[:40])


def upper_day(value: str) -> str:
    """The last key that still falls in ``until`` (a month or a year includes all of it)."""
    text = value.strip()
    day = iso_day(text, "until")
    if len(text) == 4:
        return f"{text}-12-31~"
    if len(text) == 7:
        return f"{text}-31~"
    return day + "~"  # "~" sorts after every character of a week or time suffix


class BrowseMixin:
    """Articles, stories, sources, events, figures, times and places, a page at a time."""

    dialect: str
    _story_col: bool

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        raise NotImplementedError

    def _has_story(self) -> bool:
        raise NotImplementedError

    def _keyset_rows(
        self, sql: str, where: Sequence[str], params: Sequence[Any], order: str, limit: int
    ) -> tuple[list[Row], bool]:
        """One keyset page of ``sql`` (a SELECT without WHERE): ``where`` ANDed (the cursor's condition
        among them), ordered by ``order``; its first ``limit`` rows and whether more follow."""
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._fetchall(f"{sql} ORDER BY {order} LIMIT ?", [*params, limit + 1])
        return rows[:limit], len(rows) > limit

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
        check_limit(limit)
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
        rows, more = self._keyset_rows(sql, where, params, f"{key} DESC, d.doc_id DESC", limit)
        items = []
        for row in rows:
            rec = dict(zip(meta, row[: len(meta)], strict=True))
            rec["text"] = ""
            article = Article.from_record(rec)
            items.append(DocumentRow(rec["doc_id"], article, int(row[len(meta) + 1]), row[len(meta)]))
        next_cursor = encode_cursor("documents", [rows[-1][-1], rows[-1][0]]) if more else None
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
        check_limit(limit)
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
        rows, more = self._keyset_rows(sql, where, params, f"{key} DESC, s.story_id DESC", limit)
        items = tuple(R.to_model("stories", cols, r[:-1]) for r in rows)
        next_cursor = encode_cursor("stories", [rows[-1][-1], items[-1].story_id]) if more else None
        return Page(items, next_cursor)

    # ---- sources ------------------------------------------------------------------------------
    def _entity_sql(self, where: str) -> str:
        return (
            f"SELECT {ENTITY_KEY} AS entity_id, MAX({SOURCE_NAME}) AS name, "
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
        check_limit(limit)
        where = ""
        params: list[Any] = []
        if q:
            where = " AND (strpos(LOWER(c.source_name), LOWER(?)) > 0 OR strpos(LOWER(c.source_text), LOWER(?)) > 0)"
            params = [q, q]
        after: list[str] = []
        if cursor:
            n, key = decode_cursor(cursor, "sources", [int, str])
            after.append("(e.n < ? OR (e.n = ? AND e.entity_id > ?))")
            params += [n, n, key]
        sql = f"SELECT * FROM ({self._entity_sql(where)}) AS e"
        rows, more = self._keyset_rows(sql, after, params, "e.n DESC, e.entity_id", limit)
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
        check_limit(limit)
        cols = COLUMNS[table]
        if cursor:
            where = [*where, "(t.doc_id, t.seq) > (?, ?)"]
            params = [*params, *decode_cursor(cursor, table, [str, int])]
        sql = f"SELECT {', '.join('t.' + quote(c) for c in cols)} FROM {table} t"
        rows, more = self._keyset_rows(sql, where, params, "t.doc_id, t.seq", limit)
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
            f"SELECT {', '.join('t.' + quote(c) for c in cols)}, {SOURCE_NAME}, {ENTITY_KEY}, {DATE_KEY}, d.outlet "
            "FROM figures t JOIN documents d ON d.doc_id = t.doc_id LEFT JOIN claims c ON c.claim_id = t.claim_id "
            f"WHERE LOWER(t.counts) = LOWER(?) AND t.value IS NOT NULL AND {DATE_KEY} IS NOT NULL "
            f"ORDER BY {DATE_KEY}, t.doc_id, t.seq LIMIT ?"
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
        when = DATE_KEY.replace('c."date"', 'c2."date"')
        where = ["p.lat IS NOT NULL", "p.lon IS NOT NULL", "COALESCE(p.feature, '') <> 'demonym'"]
        params: list[Any] = []
        if since:
            where.append(f"{when} >= ?")
            params.append(iso_day(since, "since"))
        if until:
            where.append(f"{when} <= ?")
            params.append(upper_day(until))
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
        check_limit(limit)
        cols = COLUMNS["events"]
        key = "COALESCE(e.\"date\", '9999')"
        where: list[str] = []
        params: list[Any] = []
        if doc_id:
            # the article that wrote it, or one it lists (doc_ids is JSON text: the quoted id inside it)
            where.append(f"(e.doc_id = ? OR strpos(CAST(e.doc_ids AS {TEXT_TYPE[self.dialect]}), ?) > 0)")
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
        rows, more = self._keyset_rows(sql, where, params, f"{key}, e.event_id", limit)
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
        field = DIALECT_SQL[self.dialect]["place_field"]
        lat, lon = (f"CAST({field.format(k)} AS DOUBLE PRECISION)" for k in ("lat", "lon"))
        where = [f"{lat} IS NOT NULL", f"{lon} IS NOT NULL"]
        params: list[Any] = []
        if since:
            where.append('e."date" >= ?')
            params.append(iso_day(since, "since"))
        if until:
            where.append('e."date" <= ?')
            params.append(upper_day(until))
        sql = (
            f'SELECT e.event_id, e.type, e."date", {field.format("name")}, {lat}, {lon} FROM events e '
            f'WHERE {" AND ".join(where)} ORDER BY e."date" NULLS LAST, e.event_id LIMIT ?'
        )
        rows = self._fetchall(sql, [*params, limit])
        return [EventPoint(str(r[0]), str(r[1]), r[2], r[3], float(r[4]), float(r[5])) for r in rows]

    def date_range(self) -> tuple[str | None, str | None]:
        """The first and last date of any claim (its date, else its article's publication date)."""
        row = self._fetchall(
            f"SELECT MIN({DATE_KEY}), MAX({DATE_KEY}) FROM claims c JOIN documents d ON d.doc_id = c.doc_id"
        )
        return (row[0][0], row[0][1]) if row else (None, None)


__all__ = [
    "DATE_KEY",
    "DIALECT_SQL",
    "ENTITY_KEY",
    "PLACE_OF_CLAIM",
    "SOURCE_NAME",
    "TEXT_TYPE",
    "BrowseMixin",
    "iso_day",
    "upper_day",
]
